// How long each open step may take before it is overdue. Defaults follow the field practice
// (DESIGN §3, §8): RT/RW 3 days, kelurahan 14, field verification 14; a complaint forwarded
// within 3 working days and answered within 14. An office can override any of them.
import type { OfficeZone } from '../regions/office-zone.ts';

export interface DueRule {
  days: number;
  /** Count Monday–Friday only (and not `holidays`). */
  workingDays: boolean;
  /**
   * Count from the case's opening instead of the step's start: one time limit for the whole
   * request, whichever office holds it (a reopened case counts from its reopening).
   */
  fromOpening?: boolean;
  /**
   * A limit in calendar hours to the minute instead of days to the end of a Jakarta day: UU PDP
   * answers a data subject's request within 3 × 24 hours (issue 22). `days` and `workingDays`
   * are then ignored.
   */
  hours?: number;
}

export interface TicketSettings {
  /**
   * Keyed `${kind}.${status}`, e.g. `usulan.diajukan`; a status without a rule has no due date.
   * A topic (an aduan's problem, an usulan's purpose) may have its own, keyed
   * `${kind}:${topic}.${status}` (`aduan:reaktivasi_pbi_jk.diterima`,
   * `usulan:sanggah_desil.validasi_dtks`), which wins over its kind's.
   */
  due: Record<string, DueRule>;
  /** ISO dates that are not working days (national holidays, cuti bersama). */
  holidays: string[];
  /**
   * The office's clock: a day ends at midnight here (WIB, WITA or WIT, `office-zone.ts`). Set at
   * start from OFFICE_TIME_ZONE or the service area's province; absent, WIB.
   */
  zone?: OfficeZone;
}

const days = (n: number): DueRule => ({ days: n, workingDays: false });
const workingDays = (n: number): DueRule => ({ days: n, workingDays: true });

/**
 * A PBI-JK reactivation is asked for someone who is ill (issue 19): the whole request, from
 * filing to Dinas Sosial's answer, within `n` working days (REACTIVATION_DUE_WORKING_DAYS).
 */
export function reactivationDue(n: number): Record<string, DueRule> {
  const rule: DueRule = { days: n, workingDays: true, fromOpening: true };
  return Object.fromEntries(
    ['diterima', 'diteruskan', 'ditindaklanjuti'].map((s) => [`aduan:reaktivasi_pbi_jk.${s}`, rule]),
  );
}

export const DEFAULT_REACTIVATION_DUE_WORKING_DAYS = 3;

/** UU PDP: a data subject's access or correction request is answered within 3 × 24 hours. */
export const DATA_REQUEST_DUE_HOURS = 72;

/**
 * The resident's access and correction requests (issue 22, decision 0033): one clock of 72
 * calendar hours from filing, whichever step the request is in (weekends and holidays count).
 */
export function dataRequestDue(hours: number = DATA_REQUEST_DUE_HOURS): Record<string, DueRule> {
  const rule: DueRule = { days: 3, workingDays: false, fromOpening: true, hours };
  return Object.fromEntries(
    ['permintaan_akses', 'permintaan_koreksi'].flatMap((topic) =>
      ['diterima', 'diteruskan', 'ditindaklanjuti'].map((s) => [`aduan:${topic}.${s}`, rule]),
    ),
  );
}

export const DEFAULT_TICKET_SETTINGS: TicketSettings = {
  due: {
    'usulan.diajukan': days(3),
    'usulan.diverifikasi_rt_rw': days(14),
    'usulan.dibahas_musyawarah_kelurahan': days(14),
    'usulan.verifikasi_lapangan': days(14),
    'usulan.validasi_dtks': days(30),
    'usulan.disahkan_kepala_daerah': days(30),
    'usulan.diusulkan_ke_kemensos': days(90),
    'usulan.perlu_perbaikan': days(14),
    // A desil dispute (decision 0031) is no new household: Dinas Sosial checks the facts the
    // field verification found instead of validating a whole family, and no regent's decree is
    // needed before the facts go to the next quarterly DTSEN update.
    'usulan:sanggah_desil.validasi_dtks': days(14),
    'usulan:sanggah_desil.disahkan_kepala_daerah': days(7),
    'sanggahan.diterima': days(14),
    'sanggahan.diperiksa_kelurahan': days(14),
    'aduan.diterima': workingDays(3),
    'aduan.diteruskan': days(14),
    'aduan.ditindaklanjuti': days(14),
    ...reactivationDue(DEFAULT_REACTIVATION_DUE_WORKING_DAYS),
    ...dataRequestDue(),
  },
  holidays: [],
};
