// The programs the service knows, and their period formats.
export const PROGRAM_CODES = ['BPNT', 'PKH', 'BST', 'PBI-JK', 'PIP', 'KKS'] as const;
export type ProgramCode = (typeof PROGRAM_CODES)[number];

export function isProgramCode(value: unknown): value is ProgramCode {
  return typeof value === 'string' && (PROGRAM_CODES as readonly string[]).includes(value);
}

/** Months are `YYYY-MM`; PKH stages are quarters `YYYY-Qn`. */
export const PERIOD_PATTERN = /^\d{4}-(0[1-9]|1[0-2]|Q[1-4])$/;

export const MEMBERSHIP_STATUSES = ['active', 'collected', 'not_collected', 'suspended'] as const;
export type MembershipStatus = (typeof MEMBERSHIP_STATUSES)[number];

export const SUSPENSION_REASONS = [
  'data_tidak_padan_dukcapil',
  'masalah_rekening',
  'penerima_meninggal',
  'program_eksklusif',
  'pindah',
] as const;
export type SuspensionReason = (typeof SUSPENSION_REASONS)[number];

/** PKH 2020 yearly index per component (seed 002, Tabel 3); a stage pays a quarter of it. */
export const PKH_YEARLY_INDEX = {
  ibu_hamil: 3_000_000,
  anak_usia_dini: 3_000_000,
  sd: 900_000,
  smp: 1_500_000,
  sma: 2_000_000,
  lansia_70: 2_400_000,
  disabilitas_berat: 2_400_000,
} as const;
export type PkhComponent = keyof typeof PKH_YEARLY_INDEX;

/** PKH 2020 counts at most four components per household. */
export const PKH_MAX_COMPONENTS = 4;

export function pkhStageAmount(components: readonly PkhComponent[]): number {
  const counted = [...components]
    .sort((a, b) => PKH_YEARLY_INDEX[b] - PKH_YEARLY_INDEX[a])
    .slice(0, PKH_MAX_COMPONENTS);
  return counted.reduce((sum, c) => sum + PKH_YEARLY_INDEX[c] / 4, 0);
}
