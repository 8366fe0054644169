// NIK and KK numbers: `PP KK CC DDMMYY SSSS` — district code, birth date (+40 on the day for
// women) and a serial. Each failure names the exact rule that failed, as a message key.

export type NikRule = 'required' | 'format' | 'district_unknown' | 'birth_date_invalid';
export type KkRule = 'required' | 'format' | 'district_unknown';

export type Sex = 'L' | 'P';

export interface ParsedNik {
  nik: string;
  /** Dotted Kemendagri district code, e.g. `35.76.01`. */
  districtCode: string;
  /** ISO date `YYYY-MM-DD`. */
  birthDate: string;
  sex: Sex;
  serial: string;
}

export type Parsed<T, R> = { ok: true; value: T } | { ok: false; rule: R };

/** Whether a dotted district code (`35.76.01`) exists in the official region list. */
export type DistrictExists = (districtCode: string) => boolean;

/** Strips the spaces, dots and dashes people type between digit groups. */
export function normaliseNumber(raw: string): string {
  return raw.replace(/[\s.-]/g, '');
}

export function districtCodeOf(number: string): string {
  return `${number.slice(0, 2)}.${number.slice(2, 4)}.${number.slice(4, 6)}`;
}

/** The dotted regency code that the first four digits of a NIK, KK or village code name (`35.76`). */
export function regencyCodeOf(number: string): string {
  return `${number.slice(0, 2)}.${number.slice(2, 4)}`;
}

/**
 * A two-digit year may be 19xx or 20xx: the latest century that gives a real date not in the
 * future wins, so a child born in 2015 and a grandmother born in 1945 both parse.
 */
export function birthDateOf(ddmmyy: string, today: Date): { date: string; sex: Sex } | null {
  const rawDay = Number(ddmmyy.slice(0, 2));
  const month = Number(ddmmyy.slice(2, 4));
  const yy = Number(ddmmyy.slice(4, 6));
  const sex: Sex = rawDay > 40 ? 'P' : 'L';
  const day = rawDay > 40 ? rawDay - 40 : rawDay;
  if (day < 1 || day > 31 || month < 1 || month > 12) return null;
  for (const year of [2000 + yy, 1900 + yy]) {
    const candidate = new Date(Date.UTC(year, month - 1, day));
    const real =
      candidate.getUTCFullYear() === year &&
      candidate.getUTCMonth() === month - 1 &&
      candidate.getUTCDate() === day;
    if (real && candidate.getTime() <= today.getTime()) {
      return { date: candidate.toISOString().slice(0, 10), sex };
    }
  }
  return null;
}

export function parseNik(
  raw: string,
  districtExists: DistrictExists,
  today = new Date(),
): Parsed<ParsedNik, NikRule> {
  const nik = normaliseNumber(raw);
  if (nik === '') return { ok: false, rule: 'required' };
  if (!/^\d{16}$/.test(nik)) return { ok: false, rule: 'format' };
  const districtCode = districtCodeOf(nik);
  if (!districtExists(districtCode)) return { ok: false, rule: 'district_unknown' };
  const birth = birthDateOf(nik.slice(6, 12), today);
  if (!birth) return { ok: false, rule: 'birth_date_invalid' };
  return {
    ok: true,
    value: { nik, districtCode, birthDate: birth.date, sex: birth.sex, serial: nik.slice(12) },
  };
}

export function parseKk(
  raw: string,
  districtExists: DistrictExists,
): Parsed<{ kk: string; districtCode: string }, KkRule> {
  const kk = normaliseNumber(raw);
  if (kk === '') return { ok: false, rule: 'required' };
  if (!/^\d{16}$/.test(kk)) return { ok: false, rule: 'format' };
  const districtCode = districtCodeOf(kk);
  if (!districtExists(districtCode)) return { ok: false, rule: 'district_unknown' };
  return { ok: true, value: { kk, districtCode } };
}

/** Builds a NIK from its parts; the demo generator and the tests use it. */
export function composeNik(districtCode: string, birthDate: string, sex: Sex, serial: number): string {
  const [year, month, day] = birthDate.split('-');
  const dd = Number(day) + (sex === 'P' ? 40 : 0);
  return `${districtCode.replaceAll('.', '')}${String(dd).padStart(2, '0')}${month}${year?.slice(2)}${String(serial).padStart(4, '0')}`;
}
