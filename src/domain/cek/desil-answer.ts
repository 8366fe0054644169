// "Why am I not receiving?" answered from the household's DTSEN desil and each program's desil
// ceiling (DESIGN.md §11), for every place that shows it to a household proven by NIK + KK: the
// Cek page and the API's `desil_programs`. Ceilings are read from the database (`programs`), never
// written here: they are policy and change.
import { complaintHref, type MessageLocale } from './membership-status.ts';

/** no desil yet; a desil above the ceiling; within it but not listed; listed (the card says how). */
export const DESIL_ANSWERS = ['no_desil', 'above_ceiling', 'within_not_receiving', 'receiving'] as const;
export type DesilAnswer = (typeof DESIL_ANSWERS)[number];

/** The lowest and highest desil BPS gives; 1 is the poorest tenth of households. */
export const DESIL_MIN = 1;
export const DESIL_MAX = 10;

export interface ProgramCeiling {
  program: string;
  /** Null: the program does not take households by desil, and gets no desil answer. */
  desil_ceiling: number | null;
  /** The program's latest period in the register (any household's); null: none listed yet. */
  latest_period: string | null;
}

export interface ProgramDesilAnswer {
  program: string;
  desil_ceiling: number;
  latest_period: string | null;
  /** Whether the household's desil is at or below the ceiling; null when it has no desil. */
  within_ceiling: boolean | null;
  answer: DesilAnswer;
  /**
   * Above the ceiling now, within it before the list that last moved the desil: the desil it had
   * then (migration 022), so the answer says the household rose out of the program; else null.
   */
  rose_from: number | null;
}

/** A desil as the register may hold it: 1–10, anything else reads as "no desil yet". */
export function desilOf(value: unknown): number | null {
  return typeof value === 'number' && Number.isInteger(value) && value >= DESIL_MIN && value <= DESIL_MAX
    ? value
    : null;
}

/**
 * One answer per program that takes households by desil, in program-code order. A membership in
 * the program's latest period wins over the desil: the household is listed, and its card says in
 * what state. A household listed only in earlier periods was dropped: the desil says why.
 */
export function desilAnswers(
  desil: number | null,
  ceilings: readonly ProgramCeiling[],
  memberships: readonly { program: string; period: string }[],
  previous: number | null = null,
): ProgramDesilAnswer[] {
  return ceilings
    .flatMap(({ program, desil_ceiling, latest_period }) =>
      desil_ceiling === null ? [] : [{ program, desil_ceiling, latest_period }],
    )
    .sort((a, b) => (a.program < b.program ? -1 : a.program > b.program ? 1 : 0))
    .map(({ program, desil_ceiling, latest_period }) => {
      const within_ceiling = desil === null ? null : desil <= desil_ceiling;
      // Periods of one program share a format (months or quarters), so text order is time order.
      const listed = memberships.some(
        (m) => m.program === program && latest_period !== null && m.period >= latest_period,
      );
      const answer: DesilAnswer = listed
        ? 'receiving'
        : within_ceiling === null
          ? 'no_desil'
          : within_ceiling
            ? 'within_not_receiving'
            : 'above_ceiling';
      const rose_from =
        answer === 'above_ceiling' && previous !== null && previous <= desil_ceiling ? previous : null;
      return { program, desil_ceiling, latest_period, within_ceiling, answer, rose_from };
    });
}

type Params = { program: string; ceiling: number; desil: number | null; next?: string };

const MONTHS: Record<MessageLocale, readonly string[]> = {
  id: [
    'Januari',
    'Februari',
    'Maret',
    'April',
    'Mei',
    'Juni',
    'Juli',
    'Agustus',
    'September',
    'Oktober',
    'November',
    'Desember',
  ],
  en: [
    'January',
    'February',
    'March',
    'April',
    'May',
    'June',
    'July',
    'August',
    'September',
    'October',
    'November',
    'December',
  ],
};
/** The office's clock (WIB): a quarter turns at midnight in Indonesia, not in UTC. */
const WIB_MS = 7 * 3_600_000;

/**
 * The first month of the quarter after `today` (WIB), as "April 2027": when the next quarterly
 * DTSEN update lands, the earliest a household without a desil can be given one.
 */
export function nextQuarterStart(locale: MessageLocale, today: Date): string {
  const wib = new Date(today.getTime() + WIB_MS);
  const month = (Math.floor(wib.getUTCMonth() / 3) + 1) * 3;
  const year = wib.getUTCFullYear() + Math.floor(month / 12);
  return `${MONTHS[locale][month % 12]} ${year}`;
}

/** `above_ceiling` when the desil rose out of the ceiling: it says from what. */
const ROSE: Record<MessageLocale, (p: Params & { from: number }) => string> = {
  id: (p) =>
    `Desil keluarga naik dari ${p.from} menjadi ${p.desil}, di atas batas ${p.program} (desil 1–${p.ceiling}). Karena itu keluarga tidak menerima ${p.program}. Desil dihitung dari keadaan keluarga: pekerjaan, rumah, aset dan anggota keluarga. Jika keadaan keluarga tidak berubah, ajukan sanggah desil agar data keluarga diperiksa ulang.`,
  en: (p) =>
    `Your household's desil rose from ${p.from} to ${p.desil}, above the limit of ${p.program} (desil 1–${p.ceiling}). That is why the household does not receive ${p.program}. A desil is worked out from the household's situation: work, house, assets and members. If the household's situation has not changed, dispute the desil to have its data checked again.`,
};

const TEXT: Record<MessageLocale, Record<DesilAnswer, (p: Params) => string>> = {
  id: {
    no_desil: (p) =>
      `Keluarga Anda belum punya desil: belum diberi peringkat pada pemutakhiran DTSEN terakhir. ${p.program} hanya untuk keluarga desil 1–${p.ceiling}, jadi belum bisa menerima sampai keluarga diberi desil. DTSEN diperbarui setiap tiga bulan${p.next ? `; pemutakhiran berikutnya awal ${p.next}` : ''}. Jika sampai pemutakhiran berikutnya belum ada desil, ajukan aduan agar data diperiksa.`,
    above_ceiling: (p) =>
      `Desil keluarga Anda (${p.desil}) di atas batas ${p.program} (desil 1–${p.ceiling}). Karena itu keluarga tidak menerima ${p.program}. Desil dihitung dari keadaan keluarga: pekerjaan, rumah, aset dan anggota keluarga. Jika keadaan itu tidak sesuai kenyataan, ajukan sanggah desil agar data keluarga diperiksa ulang.`,
    within_not_receiving: (p) =>
      `Desil keluarga Anda (${p.desil}) masuk batas ${p.program} (desil 1–${p.ceiling}), tetapi keluarga tidak tercatat sebagai penerima pada periode terakhir. Kuota penerima terbatas; keluarga bisa masuk pada periode berikutnya. Jika keluarga Anda membutuhkan bantuan ini, ajukan aduan.`,
    receiving: (p) => `Keluarga Anda tercatat dalam daftar ${p.program}. Statusnya ada di atas.`,
  },
  en: {
    no_desil: (p) =>
      `Your household has no desil yet: it was not ranked in the latest DTSEN update. ${p.program} is only for households in desil 1–${p.ceiling}, so it cannot be received until the household has a desil. DTSEN is updated every quarter${p.next ? `; the next update is early ${p.next}` : ''}. If there is still no desil after the next update, file a complaint to have the data checked.`,
    above_ceiling: (p) =>
      `Your household's desil (${p.desil}) is above the limit of ${p.program} (desil 1–${p.ceiling}). That is why the household does not receive ${p.program}. A desil is worked out from the household's situation: work, house, assets and members. If that does not match reality, dispute the desil to have the household's data checked again.`,
    within_not_receiving: (p) =>
      `Your household's desil (${p.desil}) is within the limit of ${p.program} (desil 1–${p.ceiling}), but the household is not listed as a recipient in the latest period. Places are limited; the household may be taken in a next period. If your household needs this assistance, file a complaint.`,
    receiving: (p) => `Your household is on the list of ${p.program}. Its status is shown above.`,
  },
};

/**
 * The answer in plain words, the same on the page and in the API. `today`: a household without a
 * desil is also told when the next quarterly update lands.
 */
export function desilAnswerText(
  locale: MessageLocale,
  desil: number | null,
  a: ProgramDesilAnswer,
  today?: Date,
): string {
  const params = {
    program: a.program,
    ceiling: a.desil_ceiling,
    desil,
    // Only "no desil yet" says when the next update lands: the others do not work it out.
    ...(today && a.answer === 'no_desil' && { next: nextQuarterStart(locale, today) }),
  };
  if (a.answer === 'above_ceiling' && a.rose_from !== null)
    return ROSE[locale]({ ...params, from: a.rose_from });
  return TEXT[locale][a.answer](params);
}

/** Where a resident goes from the answer: the complaint form with the program chosen, when it helps. */
export function desilComplaintHref(a: ProgramDesilAnswer): string | null {
  if (a.answer === 'receiving') return null;
  return complaintHref({ program: a.program, status: 'active' });
}

/**
 * Where a resident disputes the desil (issue 19): only when the desil is why the household does
 * not receive the program. The desil shown goes along so the form can say which one was seen;
 * never the NIK or KK, which an address would keep in the browser's history.
 */
export function desilDisputeHref(a: ProgramDesilAnswer, desil: number | null): string | null {
  if (a.answer !== 'above_ceiling') return null;
  return desilOf(desil) === null ? '/usulan/desil' : `/usulan/desil?desil=${desil}`;
}
