// What an SLRT complaint can be about: the programs (the categories of seed 002 Tabel 1 and
// DESIGN §2) and the problems residents report.

/** `PBI-JK` is PBI-JK/KIS, the seed's "Program Indonesia Sehat (PIS)"; `BPNT` is BPNT/Sembako. */
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

/** The choices a link may make for the resident (`?program=PKH&problem=kks_terblokir`): known ones only. */
export function aduanChoicesFrom(query: URLSearchParams): { program?: AduanProgram; problem?: AduanProblem } {
  const program = query.get('program');
  const problem = query.get('problem');
  return {
    ...((ADUAN_PROGRAMS as readonly (string | null)[]).includes(program) && {
      program: program as AduanProgram,
    }),
    ...((ADUAN_PROBLEMS as readonly (string | null)[]).includes(problem) && {
      problem: problem as AduanProblem,
    }),
  };
}
