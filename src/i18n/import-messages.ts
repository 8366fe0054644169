// Texts of the importer and the data-quality report, Bahasa Indonesia first; `en` is typed
// against `id`. Kept apart from messages.ts: the CLI prints them without the web app's catalogue.
import type { RejectionReason } from '../domain/import/normalise-row.ts';
import type { QualityRule } from '../domain/quality/quality-report.ts';

type Locale = 'id' | 'en';

const reasonsId: Record<RejectionReason, string> = {
  nik_required: 'NIK kosong',
  nik_format: 'NIK harus 16 angka',
  nik_number_cell:
    'NIK/KK disimpan sebagai angka di Excel sehingga digit terakhirnya hilang; simpan kolom ini sebagai teks',
  nik_unreadable:
    'tanggal lahir dalam NIK tidak mungkin dan baris tidak menyebut tanggal lahir/jenis kelamin',
  kk_format: 'nomor KK harus 16 angka',
  nama_required: 'nama kosong',
  nama_too_long: 'nama lebih dari 120 karakter',
  nama_format: 'nama berisi angka atau tanda yang bukan bagian dari nama (mis. rumus Excel)',
  program_required: 'program kosong (isi kolom program, atau sebutkan programnya saat mengimpor)',
  program_unknown: 'program tidak dikenal: kantor belum mendefinisikan program dengan kode atau nama itu',
  periode_required: 'periode kosong (isi kolom periode, atau sebutkan periodenya saat mengimpor)',
  periode_format: 'periode harus YYYY-MM atau YYYY-Qn',
  tanggal_lahir_format: 'tanggal lahir harus YYYY-MM-DD atau DD-MM-YYYY dan tanggal yang ada',
  jenis_kelamin_format: 'jenis kelamin harus L atau P',
  kode_desa_unknown: 'kode desa/kelurahan tidak ada di daftar wilayah Kemendagri',
  village_unknown: 'kode kecamatan dalam NIK tidak dikenal dan baris tidak menyebut kode desa',
  outside_area: 'desa (atau, tanpa kode desa, NIK) di luar kabupaten/kota kantor Anda',
  rt_format: 'RT harus angka 1–3 digit',
  rw_format: 'RW harus angka 1–3 digit',
  status_unknown: 'status tidak dikenal (aktif, tersalur, belum salur)',
  nominal_format: 'nominal harus angka rupiah (mis. 200000, Rp 200.000,00, 200 ribu, 1,5 juta)',
  nominal_ambiguous:
    'nominal bisa dibaca dua cara (mis. 1,5 tanpa "juta", atau 200.000.00); tulis 200000 atau Rp 200.000,00',
  nominal_sen: 'nominal bersen (mis. 200.000,50): rupiah dibayar utuh, periksa selnya',
  nominal_too_large: 'nominal lebih dari Rp 999.999.999: mungkin sel dari kolom lain',
  desil_format:
    'desil harus angka 1–10 (juga "Desil 4", "D4", "04"), "Belum Ada Desil" atau "-" bila belum ada desil, atau kosong',
  formula: 'sel berisi rumus Excel; tempel sebagai nilai',
  row_malformed: 'baris tidak bisa dibaca sebagai CSV (tanda kutip atau jumlah kolom)',
  row_too_long: 'baris terlalu panjang',
};

const reasonsEn: Record<RejectionReason, string> = {
  nik_required: 'NIK is empty',
  nik_format: 'NIK must be 16 digits',
  nik_number_cell:
    'NIK/KK stored as a number in Excel, which dropped its last digit; store the column as text',
  nik_unreadable: "the NIK's birth date is impossible and the row gives no birth date/sex",
  kk_format: 'KK number must be 16 digits',
  nama_required: 'name is empty',
  nama_too_long: 'name longer than 120 characters',
  nama_format: 'name holds digits or signs that are not part of a name (e.g. an Excel formula)',
  program_required: 'program is empty (fill the column, or name the program when importing)',
  program_unknown: 'unknown program: the office has not defined a program with that code or name',
  periode_required: 'period is empty (fill the column, or name the period when importing)',
  periode_format: 'period must be YYYY-MM or YYYY-Qn',
  tanggal_lahir_format: 'birth date must be YYYY-MM-DD or DD-MM-YYYY and a real date',
  jenis_kelamin_format: 'sex must be L or P',
  kode_desa_unknown: 'village code is not in the Kemendagri region list',
  village_unknown: "the NIK's district code is unknown and the row gives no village code",
  outside_area: "the village (or, without a village code, the NIK) lies outside your office's regency",
  rt_format: 'RT must be 1–3 digits',
  rw_format: 'RW must be 1–3 digits',
  status_unknown: 'unknown status (aktif, tersalur, belum salur)',
  nominal_format: 'amount must be a number of rupiah (e.g. 200000, Rp 200.000,00, 200 ribu, 1,5 juta)',
  nominal_ambiguous:
    'the amount can be read two ways (e.g. 1,5 without "juta", or 200.000.00); write 200000 or Rp 200.000,00',
  nominal_sen: 'the amount has sen (e.g. 200.000,50): rupiah are paid whole, check the cell',
  nominal_too_large: 'the amount is above Rp 999,999,999: perhaps a cell from another column',
  desil_format:
    'desil must be a number 1–10 (also "Desil 4", "D4", "04"), "Belum Ada Desil" or "-" when not ranked yet, or empty',
  formula: 'the cell holds an Excel formula; paste values',
  row_malformed: 'the line cannot be read as CSV (quotes or column count)',
  row_too_long: 'the line is too long',
};

export function rejectionText(reason: string, locale: Locale = 'id'): string {
  const table = locale === 'en' ? reasonsEn : reasonsId;
  return Object.hasOwn(table, reason) ? table[reason as RejectionReason] : reason;
}

const failuresId: Record<string, string> = {
  empty: 'Berkas kosong atau tanpa baris judul.',
  binary: 'Berkas ini bukan CSV atau Excel (.xlsx).',
  zip_bomb: 'Berkas .xlsx ini membengkak jauh di luar ukuran wajar saat dibuka; tidak dibaca.',
  shared_strings_too_large:
    'Berkas .xlsx ini menyimpan terlalu banyak teks untuk dibaca di server (lebih dari yang dimuat daftar sejuta baris); simpan sebagai CSV lalu unggah lagi, atau pecah menjadi beberapa berkas.',
  xlsx_unreadable: 'Berkas .xlsx ini rusak atau bukan buku kerja Excel.',
  csv_unreadable: 'Berkas CSV ini tidak bisa dibaca.',
  too_many_columns: 'Terlalu banyak kolom.',
  too_many_rows: 'Terlalu banyak baris (paling banyak 5.000.000).',
  missing_columns:
    'Kolom wajib tidak ada di 20 baris pertama: {columns}. Baris judul harus menyebut nik, nama, program dan periode (atau pilih program dan periode saat mengunggah).',
  internal: 'Impor berhenti karena galat di server; jalankan lagi untuk melanjutkan.',
  stored_file_missing: 'Server berhenti di tengah impor dan berkas unggahannya sudah tidak ada; unggah lagi.',
};
const failuresEn: Record<string, string> = {
  empty: 'The file is empty or has no header row.',
  binary: 'This file is not a CSV or an Excel (.xlsx) file.',
  zip_bomb: 'This .xlsx file unpacks to far more than a sensible size; it was not read.',
  shared_strings_too_large:
    'This .xlsx file holds too much text to be read on the server (more than a list of a million rows holds); save it as CSV and upload that, or split it into several files.',
  xlsx_unreadable: 'This .xlsx file is damaged or not an Excel workbook.',
  csv_unreadable: 'This CSV file cannot be read.',
  too_many_columns: 'Too many columns.',
  too_many_rows: 'Too many rows (at most 5,000,000).',
  missing_columns:
    'Required columns missing from the first 20 rows: {columns}. The header row must name nik, nama, program and periode (or choose the program and period when uploading).',
  internal: 'The import stopped on a server error; run it again to continue.',
  stored_file_missing: 'The server stopped during the import and the uploaded file is gone; upload it again.',
};

/** `missing_columns:nik,nama` → the text naming them. */
export function failureText(failure: string, locale: Locale = 'id'): string {
  const [code, columns] = failure.split(':');
  const table = locale === 'en' ? failuresEn : failuresId;
  const text = Object.hasOwn(table, code ?? '') ? (table[code ?? ''] as string) : failure;
  return text.replace('{columns}', columns ?? '');
}

const rulesId: Record<QualityRule, string> = {
  nik_invalid: 'NIK tidak sah (panjang, kode kecamatan, tanggal lahir)',
  kk_invalid: 'Nomor KK tidak sah',
  nik_district_mismatch: 'Kecamatan NIK berbeda dengan kecamatan alamat',
  nik_birth_date_mismatch: 'Tanggal lahir berbeda dengan yang tertulis di NIK',
  nik_sex_mismatch: 'Jenis kelamin berbeda dengan yang tertulis di NIK',
  duplicate_nik_period: 'NIK yang sama dua kali dalam satu program dan periode',
  nik_two_households: 'NIK tercatat di dua KK',
  nik_two_names: 'Satu NIK dengan nama yang jauh berbeda',
  exclusive_programs: 'Program yang saling meniadakan dalam periode yang sama (BST dengan PKH/BPNT)',
  desil_above_ceiling: 'Penerima dengan desil di atas batas program (mis. desil 6 di PKH, batas desil 4)',
  desil_missing: 'Penerima program berbasis desil tanpa desil',
  desil_jump: 'Desil berubah lebih dari dua tingkat dari daftar sebelumnya (kemungkinan salah data)',
  sanggahan_still_active: 'Sanggahan terbukti tetapi masih menerima',
  name_variant: 'Nama beda ejaan (satu huruf) untuk orang yang sama',
  rejected_row: 'Baris ditolak',
  period_added: 'Baru dibanding periode sebelumnya',
  period_dropped: 'Keluar dibanding periode sebelumnya',
  period_amount_changed: 'Nominal berubah',
  period_channel_changed: 'Penyalur berubah',
};
const rulesEn: Record<QualityRule, string> = {
  nik_invalid: 'NIK invalid (length, district code, birth date)',
  kk_invalid: 'KK number invalid',
  nik_district_mismatch: "NIK's district differs from the address district",
  nik_birth_date_mismatch: 'Birth date differs from the NIK',
  nik_sex_mismatch: 'Sex differs from the NIK',
  duplicate_nik_period: 'Same NIK twice in one program and period',
  nik_two_households: 'NIK listed in two households',
  nik_two_names: 'One NIK with clearly different names',
  exclusive_programs: 'Programs that exclude each other in the same period (BST with PKH/BPNT)',
  desil_above_ceiling:
    "Recipient whose desil is above the program's limit (e.g. desil 6 in PKH, limit desil 4)",
  desil_missing: 'Recipient of a desil-based program without a desil',
  desil_jump: 'Desil moved by more than two steps since the previous list (a likely data error)',
  sanggahan_still_active: 'Proven objection, still receiving',
  name_variant: 'Name spelt differently (one letter) for the same person',
  rejected_row: 'Row rejected',
  period_added: 'New since the previous period',
  period_dropped: 'Left since the previous period',
  period_amount_changed: 'Amount changed',
  period_channel_changed: 'Channel changed',
};

export function ruleText(rule: QualityRule, locale: Locale = 'id'): string {
  return (locale === 'en' ? rulesEn : rulesId)[rule];
}

const pageId = {
  title: 'Impor daftar penerima',
  intro:
    'Unggah daftar penerima dari Kemensos atau bank (CSV atau Excel .xlsx, paling besar 64 MB; daftar yang lebih besar dimuat langsung di server oleh pengelola aplikasi). Kolom wajib: nik, nama, program, periode.',
  file: 'Berkas daftar (.csv atau .xlsx)',
  program: 'Program (bila berkas tidak punya kolom program)',
  period: 'Periode (bila berkas tidak punya kolom periode), mis. 2021-01 atau 2021-Q1',
  none: '— dari berkas —',
  submit: 'Unggah dan impor',
  recent: 'Impor terakhir',
  noImports: 'Belum ada impor.',
  file_required: 'Pilih berkas daftar.',
  file_type: 'Berkas harus .csv atau .xlsx.',
  file_too_large:
    'Berkas lebih dari 64 MB. Bagi daftar menjadi beberapa berkas lalu unggah satu per satu, atau minta pengelola aplikasi memuatnya langsung di server.',
  program_unknown: 'Program tidak dikenal: kantor belum mendefinisikan program dengan kode atau nama itu.',
  period_format: 'Periode harus YYYY-MM atau YYYY-Qn.',
  snapshot: 'Periode DTSEN (mis. 2026-Q1), bila daftar memuat kolom desil',
  snapshot_format: 'Periode DTSEN harus tahun dan triwulan, mis. 2026-Q1 (DTSEN dimulai 2025).',
  snapshotOf: 'Periode DTSEN',
  snapshotMissingCli:
    'peringatan: daftar ini memuat kolom desil tetapi tanpa --snapshot; desilnya tersimpan tanpa periode DTSEN (mis. --snapshot 2026-Q1)',
  snapshotMissing:
    'Daftar ini memuat kolom desil tetapi tidak menyebut periode DTSEN: desilnya akan tersimpan tanpa periode. Unggah lagi dengan "Periode DTSEN" (mis. 2026-Q1) bila Anda mengetahuinya.',
  status_queued: 'menunggu giliran',
  status_running: 'berjalan',
  status_done: 'selesai',
  status_failed: 'gagal',
  rows: 'baris',
  accepted: 'diterima',
  rejected: 'ditolak',
  ended: 'kepesertaan berakhir',
  progress: 'Kemajuan',
  refreshing:
    'Halaman ini memuat ulang sendiri tiap 5 detik selama impor berjalan. Anda boleh meninggalkannya dan kembali nanti.',
  downloadRejected: 'Unduh baris yang ditolak (CSV)',
  report: 'Laporan mutu data',
  reportCsv: 'CSV',
  reportJson: 'JSON',
  rule: 'Aturan',
  findings: 'Temuan',
  dismissed: 'bukan masalah',
  line: 'Baris',
  detail: 'Keterangan',
  review: 'Tindak lanjut',
  confirm: 'Benar masalah',
  dismiss: 'Bukan masalah',
  confirmed: 'dikonfirmasi',
  noFindings: 'Tidak ada temuan.',
  previous: 'Sebelumnya',
  next: 'Berikutnya',
  back: 'Kembali ke daftar impor',
  resumedRunning:
    'Server sempat berhenti saat impor ini berjalan; impor diulang dari berkas yang tersimpan dan akan berakhir sama seperti tanpa gangguan.',
  resumedDone:
    'Server sempat berhenti saat impor ini berjalan; impor diulang dari berkas yang tersimpan sampai selesai.',
  registerTitle: 'Mutu data seluruh daftar',
  registerIntro:
    'Laporan mutu data atas seluruh daftar penerima: impor terakhir yang selesai untuk tiap program dan periode, ditambah kepesertaan dan sanggahan. Perhitungannya berjalan di latar belakang; Anda boleh meninggalkan halaman ini.',
  registerArea: 'Yang tampil hanya temuan di wilayah Anda.',
  uploadArea:
    'Baris di luar kabupaten/kota kantor Anda ditolak (menurut kode desa, atau NIK bila tanpa kode desa), dan kantor lain tidak melihat unggahan Anda.',
  registerRun: 'Hitung ulang sekarang',
  registerFirstRun: 'Hitung laporan',
  registerNever: 'Laporan seluruh daftar belum pernah dihitung.',
  registerComputedAt: 'Dihitung',
  registerRunning: 'Sedang dihitung',
  registerStep: 'tahap',
  registerFailed: 'Perhitungan terakhir gagal karena galat di server; coba hitung ulang.',
  phase: 'Tahap',
  phase_preview: 'pratinjau: belum ada yang ditulis ke daftar penerima',
  phase_applying: 'sedang diterapkan ke daftar penerima',
  phase_applied: 'sudah diterapkan ke daftar penerima',
  phase_discarded: 'dibuang: tidak ada yang ditulis',
  phase_rolled_back: 'dibatalkan: daftar penerima kembali seperti sebelum impor ini',
  previewTitle: 'Pratinjau: yang akan berubah bila daftar ini diterapkan',
  previewIntro:
    'Belum ada yang berubah di daftar penerima. Periksa angka di bawah, lalu terapkan atau buang daftar ini.',
  headerLine: 'Baris judul kolom ditemukan di baris',
  householdsNew: 'keluarga baru',
  householdsUnchanged: 'keluarga tetap',
  householdsChanged: 'keluarga berubah (nominal, penyalur, status)',
  suspicious: 'nominal mencurigakan (naik/turun lebih dari 5 kali)',
  kept: 'keluarga tetap terdaftar karena barisnya ditolak',
  ending: 'kepesertaan yang akan berakhir',
  notEnding: 'tidak diakhiri karena daftar dianggap sebagian untuk desanya',
  partialNote: 'tidak diakhiri: daftar dianggap sebagian untuk desa ini',
  duplicates:
    'baris dengan KK, program dan periode yang sama dengan baris lain (hanya baris terakhir yang dipakai)',
  otherProgram: 'baris program {program} dalam daftar {main}',
  takeIn: 'Ikut impor baris program ini',
  blocksTitle: 'Per program, periode dan desa',
  village: 'Desa/kelurahan',
  villageUnknown: '(desa tidak terbaca)',
  read: 'dibaca',
  compared: 'dibanding',
  complete: 'Daftar lengkap untuk desa ini: akhiri yang tidak ada',
  completeHint:
    'Dicentang otomatis bila daftar masih memuat paling sedikit separuh keluarga desa itu pada periode sebelumnya; bila tidak, daftar dianggap sebagian dan tidak mengakhiri siapa pun.',
  changesTitle: 'Keluarga yang berubah',
  endingsTitle: 'Kepesertaan yang akan berakhir',
  keptTitle: 'Keluarga yang tetap terdaftar karena barisnya ditolak',
  duplicatesTitle: 'Satu KK dua baris dalam program dan periode yang sama',
  name: 'Nama',
  before: 'Sebelum',
  after: 'Sesudah',
  why: 'Alasan',
  largeEndings:
    'Ada desa yang kehilangan lebih dari 20% keluarganya. Untuk menerapkan, ketik jumlah kepesertaan yang berakhir di desa-desa itu: {n}.',
  updatePreview: 'Perbarui pratinjau dengan pilihan ini',
  apply: 'Terapkan ke daftar penerima',
  discard: 'Buang daftar ini',
  rollback: 'Batalkan impor ini',
  rollbackHint:
    'Membatalkan mengembalikan setiap kepesertaan yang dibuat, diubah atau diakhiri impor ini ke keadaan sebelumnya. Hanya bisa selama ini daftar terakhir untuk programnya di wilayah ini.',
  notLatest: 'Tidak bisa dibatalkan lagi: sudah ada daftar yang lebih baru untuk program ini di wilayah ini.',
  applyingNote: 'Daftar ini sedang ditulis ke daftar penerima. Halaman memuat ulang sendiri.',
  waitingNote:
    'Server membaca satu daftar unggahan sekaligus: daftar ini menunggu giliran dan mulai dibaca begitu daftar sebelumnya selesai. Anda boleh meninggalkan halaman ini.',
  reason_tidak_ada_di_daftar: 'tidak ada di daftar baru',
  reason_baris_ditolak: 'barisnya ditolak, keluarga dianggap tetap',
  reason_nama_baris_ditolak: 'baris ditolak dengan nama yang sama, keluarga dianggap tetap',
  more: 'Berikutnya',
  notOwner:
    'Hanya kantor yang mengunggah daftar ini (atau admin) yang bisa menerapkan, membuang atau membatalkannya.',
};
const pageEn: typeof pageId = {
  title: 'Import recipient lists',
  intro:
    'Upload a recipient list from the ministry or a bank (CSV or Excel .xlsx, at most 64 MB; a larger list is loaded on the server by the application’s operator). Required columns: nik, nama, program, periode.',
  file: 'List file (.csv or .xlsx)',
  program: 'Program (when the file has no program column)',
  period: 'Period (when the file has no period column), e.g. 2021-01 or 2021-Q1',
  none: '— from the file —',
  submit: 'Upload and import',
  recent: 'Latest imports',
  noImports: 'No imports yet.',
  file_required: 'Choose a list file.',
  file_type: 'The file must be .csv or .xlsx.',
  file_too_large:
    'The file is over 64 MB. Split the list into several files and upload them one by one, or ask the application’s operator to load it on the server.',
  program_unknown: 'Unknown program: the office has not defined a program with that code or name.',
  period_format: 'Period must be YYYY-MM or YYYY-Qn.',
  snapshot: 'DTSEN snapshot (e.g. 2026-Q1), when the list has a desil column',
  snapshot_format: 'The DTSEN snapshot must be a year and quarter, e.g. 2026-Q1 (DTSEN began in 2025).',
  snapshotOf: 'DTSEN snapshot',
  snapshotMissingCli:
    'warning: this list has a desil column but no --snapshot; its desils are kept without a DTSEN snapshot (e.g. --snapshot 2026-Q1)',
  snapshotMissing:
    'This list has a desil column but names no DTSEN snapshot: its desils will be kept without one. Upload it again with "DTSEN snapshot" (e.g. 2026-Q1) if you know it.',
  status_queued: 'waiting for its turn',
  status_running: 'running',
  status_done: 'done',
  status_failed: 'failed',
  rows: 'rows',
  accepted: 'accepted',
  rejected: 'rejected',
  ended: 'memberships ended',
  progress: 'Progress',
  refreshing:
    'This page reloads itself every 5 seconds while the import runs. You may leave and come back later.',
  downloadRejected: 'Download the rejected rows (CSV)',
  report: 'Data-quality report',
  reportCsv: 'CSV',
  reportJson: 'JSON',
  rule: 'Rule',
  findings: 'Findings',
  dismissed: 'not a problem',
  line: 'Line',
  detail: 'Detail',
  review: 'Follow-up',
  confirm: 'Confirm',
  dismiss: 'Not a problem',
  confirmed: 'confirmed',
  noFindings: 'No findings.',
  previous: 'Previous',
  next: 'Next',
  back: 'Back to the imports',
  resumedRunning:
    'The server stopped while this import ran; it is being run again from the stored file and will end as an uninterrupted run does.',
  resumedDone: 'The server stopped while this import ran; it was run again from the stored file to the end.',
  registerTitle: 'Data quality of the whole register',
  registerIntro:
    'The data-quality report over the whole recipient register: the latest finished import of each program and period, with the memberships and objections. It is computed in the background; you may leave this page.',
  registerArea: 'Only findings in your area are shown.',
  uploadArea:
    "Rows outside your office's regency are rejected (by village code, or by NIK without one), and other offices do not see your upload.",
  registerRun: 'Compute again now',
  registerFirstRun: 'Compute the report',
  registerNever: 'The whole-register report has not been computed yet.',
  registerComputedAt: 'Computed',
  registerRunning: 'Being computed',
  registerStep: 'step',
  registerFailed: 'The last computation failed on a server error; try again.',
  phase: 'Stage',
  phase_preview: 'preview: nothing has been written to the register',
  phase_applying: 'being written to the register',
  phase_applied: 'written to the register',
  phase_discarded: 'discarded: nothing was written',
  phase_rolled_back: 'rolled back: the register is as it was before this import',
  previewTitle: 'Preview: what changes when this list is applied',
  previewIntro:
    'Nothing in the register has changed yet. Check the figures below, then apply or discard this list.',
  headerLine: 'Column header found on line',
  householdsNew: 'new households',
  householdsUnchanged: 'unchanged households',
  householdsChanged: 'changed households (amount, channel, status)',
  suspicious: 'suspicious amounts (more than 5 times up or down)',
  kept: 'households kept as listed because their row was rejected',
  ending: 'memberships that will end',
  notEnding: 'not ended because the list is taken as partial for their village',
  partialNote: 'not ended: the list is taken as partial for this village',
  duplicates: 'rows with the same KK, program and period as another row (only the last one is used)',
  otherProgram: 'rows of {program} in a {main} list',
  takeIn: 'Import the rows of this program too',
  blocksTitle: 'By program, period and village',
  village: 'Village',
  villageUnknown: '(village unreadable)',
  read: 'read',
  compared: 'compared with',
  complete: 'The list is complete for this village: end those missing',
  completeHint:
    'Ticked by default when the list still holds at least half of the village’s households of the previous period; otherwise the list is taken as partial and ends nobody.',
  changesTitle: 'Households that change',
  endingsTitle: 'Memberships that will end',
  keptTitle: 'Households kept as listed because their row was rejected',
  duplicatesTitle: 'One KK on two rows of the same program and period',
  name: 'Name',
  before: 'Before',
  after: 'After',
  why: 'Why',
  largeEndings:
    'Some villages lose more than 20% of their households. To apply, type the number of memberships that end in those villages: {n}.',
  updatePreview: 'Update the preview with these choices',
  apply: 'Apply to the register',
  discard: 'Discard this list',
  rollback: 'Roll this import back',
  rollbackHint:
    'Rolling back returns every membership this import created, changed or ended to its state before. Possible only while this is the latest list of its program in this area.',
  notLatest: 'Can no longer be rolled back: a newer list of this program was applied in this area.',
  applyingNote: 'This list is being written to the register. The page reloads itself.',
  waitingNote:
    'The server reads one uploaded list at a time: this one is waiting for its turn and is read as soon as the one before it ends. You may leave this page.',
  reason_tidak_ada_di_daftar: 'not on the new list',
  reason_baris_ditolak: 'its row was rejected; kept as listed',
  reason_nama_baris_ditolak: 'a rejected row bears the same name; kept as listed',
  more: 'Next',
  notOwner: 'Only the office that uploaded this list (or admin) may apply, discard or roll it back.',
};

export type ImportPageKey = keyof typeof pageId;

export function importPageText(locale: Locale): (key: ImportPageKey) => string {
  const table = locale === 'en' ? pageEn : pageId;
  return (key) => table[key];
}
