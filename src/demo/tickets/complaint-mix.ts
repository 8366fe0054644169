// Which problems each program's complaints are about, and where the SLRT desk sends each one.
import type { AduanProblem, AduanProgram } from '../../domain/tickets/aduan-catalogue.ts';
import type { AduanUnit } from '../../domain/tickets/workflow.ts';

export const PROBLEMS: Record<AduanProgram, readonly (readonly [AduanProblem, number])[]> = {
  BPNT: [
    ['kks_terblokir', 30],
    ['dana_tidak_diterima', 25],
    ['belum_terdaftar', 20],
    ['pin_terblokir', 7],
    ['kks_rusak_hilang', 6],
    ['data_tidak_padan_dukcapil', 5],
    ['dana_belum_masuk_ewallet', 3],
    ['barang_harga_ewarong', 2],
    ['nama_salah_ketik', 2],
  ],
  PKH: [
    ['dana_tidak_diterima', 50],
    ['belum_terdaftar', 30],
    ['data_tidak_padan_dukcapil', 20],
  ],
  BST: [
    ['dana_tidak_diterima', 60],
    ['lokasi_penyaluran_jauh', 20],
    ['kuasa_ahli_waris', 20],
  ],
  'PBI-JK': [
    ['belum_terdaftar', 45],
    ['data_tidak_padan_dukcapil', 30],
    ['penerima_meninggal_pindah', 10],
    ['nama_salah_ketik', 10],
    ['lainnya', 5],
  ],
  PIP: [
    ['belum_terdaftar', 40],
    ['dana_tidak_diterima', 30],
    ['data_tidak_padan_dukcapil', 15],
    ['nama_salah_ketik', 10],
    ['lainnya', 5],
  ],
  LANSIA: [
    ['belum_terdaftar', 45],
    ['dana_tidak_diterima', 25],
    ['penerima_meninggal_pindah', 15],
    ['kuasa_ahli_waris', 10],
    ['lokasi_penyaluran_jauh', 5],
  ],
  DISABILITAS: [
    ['belum_terdaftar', 50],
    ['dana_tidak_diterima', 25],
    ['kuasa_ahli_waris', 15],
    ['lokasi_penyaluran_jauh', 10],
  ],
  YATIM_NON_PANTI: [
    ['belum_terdaftar', 55],
    ['dana_tidak_diterima', 25],
    ['kuasa_ahli_waris', 20],
  ],
  TUKANG_BECAK: [
    ['belum_terdaftar', 60],
    ['dana_tidak_diterima', 40],
  ],
  SARANA_USAHA: [
    ['belum_terdaftar', 70],
    ['lainnya', 30],
  ],
  APBD: [
    ['belum_terdaftar', 50],
    ['dana_tidak_diterima', 50],
  ],
  LAINNYA: [
    ['lainnya', 40],
    ['belum_terdaftar', 30],
    ['data_tidak_padan_dukcapil', 20],
    ['pungutan_liar', 5],
    ['nama_salah_ketik', 5],
  ],
};

export function unitFor(program: AduanProgram, problem: AduanProblem): AduanUnit {
  if (problem === 'data_tidak_padan_dukcapil' || problem === 'nama_salah_ketik') return 'dukcapil';
  if (program === 'PBI-JK') return 'bpjs_kesehatan';
  switch (problem) {
    case 'kks_terblokir':
    case 'kks_rusak_hilang':
    case 'pin_terblokir':
    case 'dana_belum_masuk_ewallet':
      return 'bank_penyalur';
    case 'dana_tidak_diterima':
      if (program === 'BPNT') return 'bank_penyalur';
      if (program === 'PKH') return 'pendamping_pkh';
      if (program === 'BST') return 'pt_pos';
      return 'dinsos_bidang';
    case 'barang_harga_ewarong':
    case 'lokasi_penyaluran_jauh':
      return program === 'BPNT' ? 'koordinator_bpnt' : 'dinsos_bidang';
    case 'belum_terdaftar':
    case 'penerima_meninggal_pindah':
    case 'kuasa_ahli_waris':
      return 'kelurahan';
    default:
      return 'dinsos_bidang';
  }
}

/** Share of complaints the desk referred elsewhere rather than settled. */
export const REFERRED_SHARE: Partial<Record<AduanProgram, number>> = { PIP: 0.25, 'PBI-JK': 0.3 };
