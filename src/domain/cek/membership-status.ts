// A program membership's status in plain words, for every place that shows one: Cek by NIK, Cek by
// region and name, the API's `status_text`, the officer's case page and import preview. A status
// means different things by what the program gives (its profile's benefit, which the office
// writes): an "active" premium is insurance in force, not money on its way, an "active" card is a
// card that works, and a service is given, not paid.
import type { Benefit } from '../program-profiles/profile.ts';
import type { MembershipStatus, SuspensionReason } from '../programs.ts';
import type { AduanProblem, AduanProgram } from '../tickets/aduan-catalogue.ts';
import { ADUAN_PROGRAMS } from '../tickets/aduan-catalogue.ts';
import { REACTIVATION_PROGRAM } from '../tickets/reactivation.ts';

export type MessageLocale = 'id' | 'en';

export interface MembershipStatusOf {
  program: string;
  /** What the program gives, from its profile: it decides how the status reads. */
  benefit: Benefit;
  status: MembershipStatus | string;
  suspension_reason?: string | null;
}

type Wording = Record<Benefit, Record<MembershipStatus, string>>;

const STATUS: Record<MessageLocale, Wording> = {
  id: {
    cash: {
      active: 'Terdaftar, menunggu penyaluran',
      collected: 'Sudah diterima/diambil',
      not_collected: 'Sudah disalurkan, belum diambil',
      suspended: 'Ditangguhkan',
    },
    // Food credit is put on the card and spent at an e-Warong: "not collected" is a balance
    // credited and not spent yet, not cash waiting at a counter.
    food_credit: {
      active: 'Terdaftar, menunggu penyaluran',
      collected: 'Sudah diterima/diambil',
      not_collected: 'Saldo sudah masuk, belum dibelanjakan',
      suspended: 'Ditangguhkan',
    },
    // A service is given (rehabilitation, support), never paid: no money is on its way.
    service: {
      active: 'Terdaftar, menunggu layanan',
      collected: 'Layanan sudah diberikan',
      not_collected: 'Layanan dijadwalkan, belum diterima',
      suspended: 'Layanan ditangguhkan',
    },
    // A premium is paid to BPJS, never collected: "awaiting payment" would read as money to fetch.
    premium: {
      active: 'Aktif: iuran BPJS Kesehatan dibayar pemerintah',
      collected: 'Aktif: iuran BPJS Kesehatan dibayar pemerintah',
      not_collected: 'Aktif: iuran BPJS Kesehatan dibayar pemerintah',
      suspended: 'Nonaktif',
    },
    card: {
      active: 'Aktif: kartu dapat dipakai',
      collected: 'Kartu sudah diterima',
      not_collected: 'Kartu belum diambil',
      suspended: 'Kartu ditangguhkan',
    },
  },
  en: {
    cash: {
      active: 'Listed, awaiting payment',
      collected: 'Received/collected',
      not_collected: 'Paid out, not collected yet',
      suspended: 'Suspended',
    },
    food_credit: {
      active: 'Listed, awaiting payment',
      collected: 'Received/collected',
      not_collected: 'Balance credited, not spent yet',
      suspended: 'Suspended',
    },
    service: {
      active: 'Listed, awaiting the service',
      collected: 'Service given',
      not_collected: 'Service scheduled, not received yet',
      suspended: 'Service suspended',
    },
    premium: {
      active: 'Active: BPJS health insurance premium paid by the government',
      collected: 'Active: BPJS health insurance premium paid by the government',
      not_collected: 'Active: BPJS health insurance premium paid by the government',
      suspended: 'Deactivated',
    },
    card: {
      active: 'Active: the card can be used',
      collected: 'Card received',
      not_collected: 'Card not collected yet',
      suspended: 'Card suspended',
    },
  },
};

const REASON: Record<MessageLocale, Record<SuspensionReason, string>> = {
  id: {
    data_tidak_padan_dukcapil: 'data tidak sama dengan data Dukcapil',
    masalah_rekening: 'ada masalah pada rekening atau kartu bank',
    penerima_meninggal: 'penerima tercatat meninggal dunia',
    program_eksklusif: 'keluarga menerima program lain yang tidak boleh bersamaan dengan program ini',
    pindah: 'keluarga tercatat pindah domisili',
  },
  en: {
    data_tidak_padan_dukcapil: 'the data does not match the civil registry (Dukcapil)',
    masalah_rekening: 'there is a problem with the bank account or card',
    penerima_meninggal: 'the recipient is recorded as deceased',
    program_eksklusif: 'the household receives another program that excludes this one',
    pindah: 'the household is recorded as having moved',
  },
};

/** A table's own entry only: a status read from a list may be `__proto__` or `toString`. */
function ownValue<V>(table: object, key: string): V | undefined {
  return Object.hasOwn(table, key) ? (table as Record<string, V>)[key] : undefined;
}

const UNKNOWN: Record<MessageLocale, string> = { id: 'Status tidak dikenal', en: 'Unknown status' };

/** "Ditangguhkan: ada masalah pada rekening atau kartu bank", "Aktif: iuran BPJS Kesehatan dibayar pemerintah". */
export function membershipStatusText(locale: MessageLocale, m: MembershipStatusOf): string {
  const text = ownValue<string>(STATUS[locale][m.benefit] ?? STATUS[locale].cash, m.status);
  if (text === undefined) return UNKNOWN[locale];
  const reason =
    m.status === 'suspended' && m.suspension_reason
      ? suspensionReasonText(locale, m.suspension_reason)
      : undefined;
  return reason ? `${text}: ${reason}` : text;
}

export function suspensionReasonText(locale: MessageLocale, reason: string): string | undefined {
  return ownValue<string>(REASON[locale], reason);
}

/**
 * What the answer says first about a household's latest periods: receiving, listed with a problem
 * (one program or more suspended or deactivated), or listed without any program.
 */
export const ANSWER_STATES = ['receiving', 'problem', 'no_program'] as const;
export type AnswerState = (typeof ANSWER_STATES)[number];

/**
 * `dropped`: programs the household was listed in only before their latest period (decision
 * 0027). A benefit that stopped is a problem to act on, even while another program still pays.
 */
export function answerStateOf(
  latest: readonly Pick<MembershipStatusOf, 'status'>[],
  dropped = 0,
): AnswerState {
  if (dropped > 0) return 'problem';
  if (latest.length === 0) return 'no_program';
  return latest.some((m) => m.status === 'suspended') ? 'problem' : 'receiving';
}

/** Whether the latest period of a program reads as "yes, receiving" in the answer's summary. */
export function isReceiving(m: Pick<MembershipStatusOf, 'status'>): boolean {
  return m.status !== 'suspended';
}

const PROBLEM_OF_REASON: Record<SuspensionReason, AduanProblem | undefined> = {
  data_tidak_padan_dukcapil: 'data_tidak_padan_dukcapil',
  masalah_rekening: 'kks_terblokir',
  penerima_meninggal: 'penerima_meninggal_pindah',
  pindah: 'penerima_meninggal_pindah',
  program_eksklusif: undefined,
};

/** The benefit matters only to a status that says a payment is missing. */
type ComplaintAbout = Omit<MembershipStatusOf, 'benefit'> & Partial<Pick<MembershipStatusOf, 'benefit'>>;

/**
 * The complaint form's choices that fit a membership: its program (when the SLRT form lists it)
 * and, where the status implies one, the problem. The resident still reads and may change both.
 */
export function complaintChoicesFor(m: ComplaintAbout): {
  program?: AduanProgram;
  problem?: AduanProblem;
} {
  const program = (ADUAN_PROGRAMS as readonly string[]).includes(m.program)
    ? (m.program as AduanProgram)
    : undefined;
  let problem: AduanProblem | undefined;
  if (m.status === 'suspended' && m.suspension_reason)
    problem = ownValue<AduanProblem>(PROBLEM_OF_REASON, m.suspension_reason);
  else if (m.status === 'not_collected' && (m.benefit === 'cash' || m.benefit === 'food_credit'))
    problem = 'dana_tidak_diterima';
  return { ...(program && { program }), ...(problem && { problem }) };
}

/**
 * A deactivated PBI-JK membership (issue 19: about 11 million in February 2026) is taken back
 * through a reactivation request with a health facility's letter, not a complaint.
 */
export function asksReactivation(m: Pick<MembershipStatusOf, 'program' | 'status'>): boolean {
  return m.program === REACTIVATION_PROGRAM && m.status === 'suspended';
}

/** `/aduan?program=PKH&problem=kks_terblokir`: the complaint form with those choices made. */
export function complaintHref(m: ComplaintAbout): string {
  if (asksReactivation(m)) return `/aduan/reaktivasi?program=${REACTIVATION_PROGRAM}`;
  const choices = complaintChoicesFor(m);
  // Both choices come from closed lists, so the few addresses are made once each.
  const key = `${choices.program ?? ''}\u0000${choices.problem ?? ''}`;
  let href = COMPLAINT_HREFS.get(key);
  if (href === undefined) {
    const query = new URLSearchParams(choices as Record<string, string>).toString();
    href = query ? `/aduan?${query}` : '/aduan';
    COMPLAINT_HREFS.set(key, href);
  }
  return href;
}

/** The complaint form's address by its choices (at most every program × problem of the form). */
const COMPLAINT_HREFS = new Map<string, string>();
