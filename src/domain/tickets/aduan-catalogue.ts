// What an SLRT complaint can be about: the programs (the categories of seed 002 Tabel 1 and
// DESIGN §2) and the problems residents report. The programs of the register come from the
// program profiles in the database (decision 0028), so a program an office adds is one a resident
// can complain about; the SLRT's own categories that are no program of the register (Lansia,
// Tukang Becak, APBD, …) and "Lainnya" stay a list here.
import type { Kysely } from 'kysely';
import type { Database } from '../../db/schema.ts';
import { loadCatalogue, type ProgramCatalogue } from '../program-profiles/catalogue.ts';

/**
 * The seed's categories, in the order the form lists them (programs of the register first).
 * `PBI-JK` is PBI-JK/KIS, the seed's "Program Indonesia Sehat (PIS)"; `BPNT` is BPNT/Sembako.
 */
export const ADUAN_PROGRAMS = [
  'BPNT',
  'PKH',
  'BST',
  'PBI-JK',
  'PIP',
  'LANSIA',
  'DISABILITAS',
  'YATIM_NON_PANTI',
  'TUKANG_BECAK',
  'SARANA_USAHA',
  'APBD',
  'LAINNYA',
] as const;
export type AduanProgram = (typeof ADUAN_PROGRAMS)[number];

export const ADUAN_PROBLEMS = [
  'dana_tidak_diterima',
  'kks_terblokir',
  'kks_rusak_hilang',
  'pin_terblokir',
  'dana_belum_masuk_ewallet',
  'nama_salah_ketik',
  'data_tidak_padan_dukcapil',
  'belum_terdaftar',
  'penerima_meninggal_pindah',
  'lokasi_penyaluran_jauh',
  'kuasa_ahli_waris',
  'barang_harga_ewarong',
  'pungutan_liar',
  // A deactivated PBI-JK membership the person needs again because they need care (issue 19):
  // asked with the health facility's letter, on its own page (`/aduan/reaktivasi`, reactivation.ts).
  'reaktivasi_pbi_jk',
  // A resident's UU PDP rights (issue 22, decision 0033): to see what the office holds about them,
  // or to have it corrected. Filed on their own page (`/permintaan-data`) with NIK + KK proof.
  'permintaan_akses',
  'permintaan_koreksi',
  'lainnya',
] as const;
export type AduanProblem = (typeof ADUAN_PROBLEMS)[number];

/** The last choice, for a complaint about no program of the list. */
export const OTHER_PROGRAM = 'LAINNYA';

/**
 * The programs a complaint may name: the seed's categories in their order, with every program of
 * the office's catalogue that they do not name before "Lainnya" (national first, then each
 * regency's, by code).
 */
export function aduanProgramsOf(catalogue: Pick<ProgramCatalogue, 'programs'>): string[] {
  const seed = ADUAN_PROGRAMS.filter((p) => p !== OTHER_PROGRAM) as string[];
  const added = catalogue.programs.map((p) => p.code).filter((code) => !seed.includes(code));
  return [...seed, ...added, OTHER_PROGRAM];
}

/** Read per use, like the catalogue: a program added a moment ago is on the next form. */
export async function loadAduanPrograms(db: Kysely<Database>): Promise<string[]> {
  return aduanProgramsOf(await loadCatalogue(db));
}

/**
 * What a complaint's `program` is checked against: every list `loadAduanPrograms` answers holds
 * the seed's programs, so a complaint naming one of them (nearly all) needs no read of the
 * catalogue; any other name is looked up in the catalogue as it stands now.
 */
export async function aduanProgramsToCheck(
  db: Kysely<Database>,
  program: unknown,
): Promise<readonly string[]> {
  return (ADUAN_PROGRAMS as readonly unknown[]).includes(program) ? ADUAN_PROGRAMS : loadAduanPrograms(db);
}

/**
 * The choices a link may make for the resident (`?program=PKH&problem=kks_terblokir`): known ones
 * only (`programs`: the form's list, `loadAduanPrograms`).
 */
export function aduanChoicesFrom(
  query: URLSearchParams,
  programs: readonly string[] = ADUAN_PROGRAMS,
): { program?: string; problem?: AduanProblem } {
  const program = query.get('program');
  const problem = query.get('problem');
  return {
    ...(program !== null && programs.includes(program) && { program }),
    ...((ADUAN_PROBLEMS as readonly (string | null)[]).includes(problem) && {
      problem: problem as AduanProblem,
    }),
  };
}
