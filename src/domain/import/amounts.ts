// Rupiah amounts as officers and banks write them in a list: `200000`, `200.000`, `200,000`,
// `Rp 200.000,00`, `Rp200.000,-`, `200 ribu`, `200rb`, `1,5 juta`, `1.350.000`. A written form is
// read only when it can mean one amount: a separator followed by exactly three digits groups
// thousands, one followed by exactly two digits (and nothing after) is the sen, and anything else
// (`1,5` alone, `200.000.00`, `1.2.3`) is refused with its reason rather than guessed.

export type AmountProblem =
  /** Not a number of rupiah at all (letters, two signs, an empty number). */
  | 'nominal_format'
  /** A separator whose meaning cannot be told: `1,5` without `juta`, `200.000.00`, `12,34,567`. */
  | 'nominal_ambiguous'
  /** Sen that are not zero: rupiah are paid whole, and rounding would be a guess. */
  | 'nominal_sen'
  /** More than the largest amount a program pays to one household (a stray column, a KK in the wrong cell). */
  | 'nominal_too_large';

export type AmountReading = { ok: true; rupiah: number } | { ok: false; problem: AmountProblem };

/** A household's benefit is never near this; a larger number is a cell out of place. */
export const MAX_RUPIAH = 999_999_999;

const MULTIPLIERS: Record<string, number> = {
  rb: 1_000,
  ribu: 1_000,
  k: 1_000,
  jt: 1_000_000,
  juta: 1_000_000,
};

const refused = (problem: AmountProblem): AmountReading => ({ ok: false, problem });

/** Reads one amount cell; an empty cell is for the caller to decide. */
export function readRupiah(text: string): AmountReading {
  let t = text.normalize('NFKC').trim().toLowerCase();
  t = t.replace(/^(rp|idr)\.?\s*/, '');
  // `Rp 200.000,-` and `200.000,--`: the dash says "no sen".
  t = t.replace(/[.,]\s*-+$/, '');
  t = t.replace(/\s+/g, ' ').trim();
  const suffix = /^(.*?)\s*(rb|ribu|k|jt|juta)\.?$/.exec(t);
  if (suffix) return withMultiplier(suffix[1] ?? '', MULTIPLIERS[suffix[2] ?? ''] ?? 1);
  // A space may group thousands (`200 000`), as some banks print.
  if (/^\d{1,3}( \d{3})+$/.test(t)) t = t.replaceAll(' ', '');
  return plainAmount(t);
}

/** `200` rb, `1,5` juta, `1.5` juta: at most two decimals before a word that multiplies. */
function withMultiplier(number: string, multiplier: number): AmountReading {
  const m = /^(\d+)(?:[.,](\d{1,2}))?$/.exec(number);
  if (!m) {
    // `1.500 ribu` would be 1,500,000 or 1,500 by two readings: refused, not guessed.
    return /^[\d.,]+$/.test(number) && number !== ''
      ? refused('nominal_ambiguous')
      : refused('nominal_format');
  }
  const whole = Number(m[1]);
  const fraction = m[2] ?? '';
  const hundredths = fraction === '' ? 0 : Number(fraction.padEnd(2, '0'));
  // Whole hundredths of a multiplier of a thousand or more are whole rupiah.
  return bounded(whole * multiplier + (hundredths * multiplier) / 100);
}

function plainAmount(t: string): AmountReading {
  if (/^\d+$/.test(t)) return bounded(Number(t));
  if (!/^\d[\d.,]*\d$/.test(t)) return refused('nominal_format');
  const separators = [...t.matchAll(/[.,]/g)].map((m) => ({ sign: m[0], at: m.index ?? 0 }));
  const last = separators[separators.length - 1] as { sign: string; at: number };
  const tail = t.slice(last.at + 1);
  const kinds = new Set(separators.map((s) => s.sign));
  let integer = t;
  let sen = '';
  if (tail.length === 2) {
    // The last separator is the decimal sign; every other one must be the other sign, grouping thousands.
    if (separators.slice(0, -1).some((s) => s.sign === last.sign)) return refused('nominal_ambiguous');
    integer = t.slice(0, last.at);
    sen = tail;
  } else if (tail.length !== 3) {
    return refused('nominal_ambiguous');
  } else if (kinds.size > 1) {
    // `1.234,567` or `1,234.567`: the last group has three digits, so no sign is the decimal.
    return refused('nominal_ambiguous');
  }
  const grouped = integer.replace(/[.,]/g, '');
  if (integer !== grouped) {
    const sign = integer.includes('.') ? '.' : ',';
    const groups = integer.split(sign);
    if (groups.some((g) => !/^\d+$/.test(g))) return refused('nominal_ambiguous');
    if (!/^\d{1,3}$/.test(groups[0] ?? '') || groups.slice(1).some((g) => g.length !== 3))
      return refused('nominal_ambiguous');
  }
  if (sen !== '' && sen !== '00') return refused('nominal_sen');
  return bounded(Number(grouped));
}

function bounded(rupiah: number): AmountReading {
  if (rupiah > MAX_RUPIAH) return refused('nominal_too_large');
  return Number.isInteger(rupiah) ? { ok: true, rupiah } : refused('nominal_sen');
}
