// How long each open step may take before it is overdue. Defaults follow the field practice
// (DESIGN §3, §8): RT/RW 3 days, kelurahan 14, field verification 14; a complaint forwarded
// within 3 working days and answered within 14. An office can override any of them.

export interface DueRule {
  days: number;
  /** Count Monday–Friday only (and not `holidays`). */
  workingDays: boolean;
}

export interface TicketSettings {
  /**
   * Keyed `${kind}.${status}`, e.g. `usulan.diajukan`, or `${kind}:${purpose}.${status}` for one
   * purpose of a kind (`usulan:sanggah_desil.validasi_dtks`), which falls back to the kind's rule;
   * a status without a rule has no due date.
   */
  due: Record<string, DueRule>;
  /** ISO dates that are not working days (national holidays, cuti bersama). */
  holidays: string[];
}

const days = (n: number): DueRule => ({ days: n, workingDays: false });
const workingDays = (n: number): DueRule => ({ days: n, workingDays: true });

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
  },
  holidays: [],
};
