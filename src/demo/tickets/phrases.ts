// What residents write and officers answer in the demo complaints, and how residents are reached.
import type { AduanProblem, AduanProgram } from '../../domain/tickets/aduan-catalogue.ts';
import type { AduanUnit } from '../../domain/tickets/workflow.ts';
import { personName } from '../names.ts';
import type { Random } from '../random.ts';

export const PROGRAM_WORDS: Record<AduanProgram, string> = {
  BPNT: 'BPNT/Sembako',
  PKH: 'PKH',
  BST: 'BST',
  'PBI-JK': 'KIS (PBI-JK)',
  PIP: 'PIP',
  LANSIA: 'bantuan lansia',
  DISABILITAS: 'bantuan disabilitas',
  YATIM_NON_PANTI: 'bantuan yatim non panti',
  TUKANG_BECAK: 'bantuan tukang becak',
  SARANA_USAHA: 'bantuan sarana usaha',
  APBD: 'bantuan daerah',
  LAINNYA: 'bantuan sosial',
};

export const MONTHS = [
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
];

export const DESCRIPTIONS: Record<AduanProblem, readonly string[]> = {
  dana_tidak_diterima: [
    'Bantuan {p} bulan {m} belum kami terima, padahal tetangga sudah menerima.',
    'Sudah dua bulan bantuan {p} tidak cair, mohon dicek.',
  ],
  kks_terblokir: [
    'KKS tidak bisa dipakai di e-Warong, kata petugas kartu terblokir.',
    'Kartu KKS ditolak mesin EDC sejak bulan {m}.',
  ],
  kks_rusak_hilang: [
    'KKS hilang waktu pindah rumah, mohon dibantu penggantian kartu.',
    'Kartu KKS patah dan tidak terbaca mesin.',
  ],
  pin_terblokir: ['PIN KKS terblokir karena salah memasukkan tiga kali.'],
  dana_belum_masuk_ewallet: ['Saldo {p} di kartu masih kosong, katanya e-wallet belum diisi.'],
  nama_salah_ketik: ['Nama di kartu berbeda dengan KTP sehingga tidak bisa mencairkan {p}.'],
  data_tidak_padan_dukcapil: [
    'Kata petugas NIK kami tidak padan dengan data Dukcapil sehingga {p} dihentikan.',
  ],
  belum_terdaftar: [
    'Keluarga kami tidak mampu tetapi belum terdaftar sebagai penerima {p}.',
    'Mohon didaftarkan sebagai penerima {p}, kepala keluarga sudah tidak bekerja.',
  ],
  penerima_meninggal_pindah: [
    'Penerima {p} atas nama orang tua kami sudah meninggal, bagaimana kelanjutannya?',
  ],
  lokasi_penyaluran_jauh: ['Tempat pengambilan {p} jauh dan ibu kami sudah sulit berjalan.'],
  kuasa_ahli_waris: [
    'Penerima sakit dan tidak bisa datang, apakah boleh diambil keluarga dengan surat kuasa?',
  ],
  barang_harga_ewarong: ['Beras dari e-Warong kualitasnya kurang baik dan harganya lebih mahal dari pasar.'],
  pungutan_liar: ['Ada yang meminta uang saat pencairan {p}.'],
  reaktivasi_pbi_jk: ['Kartu KIS ibu kami nonaktif, padahal beliau harus cuci darah rutin di rumah sakit.'],
  // Data requests have their own form (decision 0033); the demo's complaint mix files none.
  permintaan_akses: ['Saya ingin melihat data keluarga kami yang tersimpan.'],
  permintaan_koreksi: ['Nama kepala keluarga salah tulis di data.'],
  lainnya: ['Mohon informasi jadwal dan syarat {p}.', 'Kami ingin menanyakan kelanjutan pengajuan {p}.'],
};

export const ANSWERS: Record<AduanProblem, string> = {
  dana_tidak_diterima: 'Dana sudah disalurkan ulang. Silakan dicek di e-Warong, ATM atau agen penyalur.',
  kks_terblokir: 'Blokir KKS sudah dibuka oleh bank penyalur. Kartu dapat digunakan kembali.',
  kks_rusak_hilang:
    'KKS pengganti sudah dicetak dan dapat diambil di kantor bank penyalur dengan membawa KTP dan KK.',
  pin_terblokir: 'PIN sudah direset di kantor bank penyalur. Gunakan PIN baru yang diberikan petugas.',
  dana_belum_masuk_ewallet: 'Saldo sudah masuk ke e-wallet KKS setelah pembaruan data oleh bank penyalur.',
  nama_salah_ketik: 'Nama sudah diperbaiki sesuai KTP; perbaikan berlaku pada penyaluran berikutnya.',
  data_tidak_padan_dukcapil: 'Data NIK sudah dipadankan dengan Dukcapil dan diperbarui di DTKS.',
  belum_terdaftar: 'Keluarga sudah didata dan diusulkan pada Musyawarah Kelurahan untuk masuk DTKS.',
  penerima_meninggal_pindah:
    'Data penerima sudah diperbarui dan keluarga sudah diberi penjelasan tentang pengalihan.',
  lokasi_penyaluran_jauh: 'Tempat pengambilan sudah dipindahkan ke titik penyaluran yang lebih dekat.',
  kuasa_ahli_waris: 'Pengambilan dengan surat kuasa diperbolehkan; format surat kuasa sudah diberikan.',
  barang_harga_ewarong: 'e-Warong sudah ditegur oleh koordinator BPNT dan kualitas barang dipantau.',
  pungutan_liar:
    'Laporan sudah ditindaklanjuti dan pihak yang meminta uang sudah diberi peringatan. Bantuan tidak dipungut biaya apa pun.',
  reaktivasi_pbi_jk: 'PBI-JK diaktifkan kembali; kartu KIS dapat dipakai lagi di fasilitas kesehatan.',
  permintaan_akses: 'Salinan data dapat diambil di meja layanan SLRT dengan membawa KTP.',
  permintaan_koreksi: 'Data sudah diperbaiki sesuai dokumen yang dilampirkan.',
  lainnya: 'Informasi sudah disampaikan kepada pelapor oleh petugas SLRT.',
};

export function referralFor(program: AduanProgram, unit: AduanUnit): string {
  if (program === 'PIP') return 'Dinas Pendidikan Kota Mojokerto, layanan PIP: bawa KIP dan kartu pelajar.';
  if (unit === 'bpjs_kesehatan') return 'Kantor BPJS Kesehatan Cabang Mojokerto: bawa KTP dan KK.';
  if (unit === 'dukcapil')
    return 'Dinas Kependudukan dan Pencatatan Sipil Kota Mojokerto: bawa KTP dan KK asli.';
  if (unit === 'bank_penyalur')
    return 'Kantor Cabang Bank BNI Mojokerto, bagian layanan bansos: bawa KKS dan KTP.';
  return 'Kantor kelurahan setempat, untuk dibahas pada Musyawarah Kelurahan berikutnya.';
}

export function describe(rng: Random, program: AduanProgram, problem: AduanProblem, month: number): string {
  const previous = MONTHS[(month + 11) % 12] ?? 'lalu';
  return rng
    .pick(DESCRIPTIONS[problem])
    .replaceAll('{p}', PROGRAM_WORDS[program])
    .replaceAll('{m}', previous);
}

export function phoneNumber(rng: Random): string {
  return `08${rng.pick(['12', '13', '21', '22', '52', '53', '57', '95', '96'])}${String(rng.int(0, 99_999_999)).padStart(8, '0')}`;
}

export function contactOf(rng: Random): { name: string; phone: string } {
  const sex = rng.chance(0.55) ? 'P' : 'L';
  return { name: personName(rng, sex, rng.int(1955, 1995), 'jawa'), phone: phoneNumber(rng) };
}
