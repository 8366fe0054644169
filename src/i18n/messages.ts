// Every user-facing text, Bahasa Indonesia first. `en` is typed against `id`, so a key without
// its translation does not compile.

import { accessEn, accessId } from './access-messages.ts';
import { auditEn, auditId } from './audit-messages.ts';
import { backOfficeEn, backOfficeId } from './back-office-messages.ts';
import { dataRequestEn, dataRequestId } from './data-request-messages.ts';
import { desilDisputeEn, desilDisputeId } from './desil-dispute-messages.ts';
import { formMessagesEn, formMessagesId } from './form-messages.ts';
import { holidayEn, holidayId } from './holiday-messages.ts';
import { kriteriaEn, kriteriaId } from './kriteria-messages.ts';
import type { Locale } from './locale.ts';
import { musyawarahEn, musyawarahId } from './musyawarah-messages.ts';
import { notifyEn, notifyId } from './notify-messages.ts';
import { privacyEn, privacyId } from './privacy-messages.ts';
import { programEn, programId } from './program-messages.ts';
import { reactivationEn, reactivationId } from './reactivation-messages.ts';
import { statsEn, statsId } from './stats-messages.ts';
import { templateEn, templateId } from './template-messages.ts';
import { ticketEn, ticketId } from './ticket-messages.ts';

const coreId = {
  'site.name': 'Cek Bansos',
  'site.tagline': 'Layanan informasi bantuan sosial Dinas Sosial',
  'nav.home': 'Beranda',
  'nav.cek': 'Cek status',
  'nav.cekWilayah': 'Cek per wilayah',
  'nav.kriteria': 'Kriteria & informasi',
  'nav.usulan': 'Usulan',
  'nav.sanggahan': 'Sanggahan',
  'nav.aduan': 'Aduan',
  'nav.lacak': 'Lacak tiket',
  'nav.statistik': 'Statistik',
  'nav.language': 'English',
  'nav.skip': 'Langsung ke isi',
  'nav.officers': 'Petugas',
  'nav.developers': 'Untuk pembuat aplikasi: data terbuka',
  'title.error': 'Ada isian yang perlu diperbaiki',
  'common.back': 'Kembali',
  'common.submit': 'Kirim',
  'common.search': 'Cari',
  'common.choose': 'Pilih',
  'common.next': 'Lanjut',
  'common.errorSummary': 'Periksa isian berikut:',
  'common.unknown': 'tidak diketahui',

  'home.title': 'Cek status bantuan sosial keluarga Anda',
  'home.intro':
    'Periksa apakah keluarga Anda terdaftar sebagai penerima bantuan sosial (BPNT/Sembako, PKH, BST, PBI-JK, PIP, KKS), untuk periode apa, dan apa yang perlu dilakukan. Tanpa akun, gratis.',
  'home.cek': 'Cek dengan NIK dan nomor KK',
  'home.cekWilayah': 'Cek dengan wilayah dan nama',
  'home.kriteria': 'Siapa yang berhak, jadwal dan besaran bantuan',
  'home.usulan': 'Usulkan keluarga yang belum terdaftar',
  'home.sanggahan': 'Sanggah penerima yang tidak layak',
  'home.aduan': 'Ajukan aduan (SLRT)',
  'home.lacak': 'Lacak tiket dengan nomor referensi',
  'home.statistik': 'Statistik penerima per wilayah',
  'home.privacy':
    'Data pribadi dilindungi UU No. 27 Tahun 2022. Nama ditampilkan tersamar dan NIK tidak pernah ditampilkan utuh.',
  'home.official': 'Layanan resmi tidak pernah meminta bayaran, PIN, atau kode OTP.',

  'cek.title': 'Cek status dengan NIK',
  'cek.intro':
    'Masukkan NIK salah satu anggota keluarga dan nomor Kartu Keluarga (KK). Keduanya tercetak pada Kartu Keluarga. Nomor KK diminta agar orang lain tidak bisa menebak NIK Anda.',
  'cek.nik': 'NIK (16 angka)',
  'cek.nikHint': 'Nomor Induk Kependudukan, ada di KTP dan Kartu Keluarga.',
  'cek.kk': 'Nomor Kartu Keluarga (16 angka)',
  'cek.kkHint': 'Tercetak di bagian atas Kartu Keluarga.',
  'cek.submit': 'Cek status',
  'cek.found.receiving': 'Keluarga terdaftar dan menerima bantuan',
  'cek.found.problem': 'Keluarga terdaftar, ada bantuan yang bermasalah',
  'cek.found.no_program': 'Keluarga terdaftar, belum menerima program bantuan',
  'cek.glance': 'Periode terakhir tiap program',
  'cek.glance.yes': 'Ya',
  'cek.glance.no': 'Tidak',
  'cek.dataPer': 'Data per {date}',
  'cek.desilSource': 'DTSEN {snapshot}, data per {date}',
  'cek.complain': 'Ajukan aduan tentang {program}',
  'cek.complainAny': 'Ada masalah? Ajukan aduan melalui SLRT',
  'cek.onward': 'Layanan lain',
  'cek.onwardObject': 'Sanggah penerima yang menurut Anda tidak layak',
  'cek.onwardPropose': 'Usulkan keluarga lain yang belum terdaftar',
  'cek.onwardTrack': 'Lacak tiket yang sudah Anda ajukan',
  'cek.person': 'Nama',
  'cek.head': 'Kepala keluarga',
  'cek.region': 'Wilayah',
  'cek.programs': 'Program bantuan',
  'cek.period': 'Periode',
  'cek.status': 'Status',
  'cek.amount': 'Nilai bantuan',
  'cek.channel': 'Penyalur',
  'cek.point': 'Tempat pengambilan',
  'cek.nextStep': 'Yang perlu dilakukan',
  'cek.history': 'Riwayat periode sebelumnya',
  'cek.notFound': 'Tidak terdaftar',
  'cek.notFoundBody':
    'Kami tidak menemukan keluarga dengan NIK dan nomor KK ini dalam data penerima bantuan. Periksa kembali angka yang Anda ketik.',
  'cek.notFoundWhat': 'Jika keluarga Anda merasa layak menerima bantuan:',
  'cek.notFoundPropose': 'Ajukan usulan agar keluarga didata (Usulan DTKS).',
  'cek.notFoundRtRw':
    'Tanyakan kepada ketua RT/RW atau kantor kelurahan tentang musyawarah kelurahan berikutnya.',
  'cek.notFoundDukcapil':
    'Pastikan data KK dan KTP Anda sama dengan data Dukcapil; data yang tidak sama bisa membuat keluarga tidak ditemukan.',
  'cek.notFoundDtsen':
    'Keluarga yang belum masuk DTSEN diusulkan lewat kantor kelurahan/desa dan dibahas dalam Musyawarah kelurahan/desa, atau diusulkan sendiri lewat aplikasi Cek Bansos Kementerian Sosial (menu Usul Sanggah).',
  'cek.desil': 'Desil DTSEN',
  'cek.desilValue': 'Desil {n} dari 10',
  'cek.desilNone': 'Belum ada desil',
  'cek.desilMoved': 'Desil berubah dari {from} menjadi {to} pada {date}',
  'cek.desilScale': 'Desil 1 adalah 10% keluarga dengan keadaan paling kurang, desil 10 paling mampu.',
  'cek.desilCeiling': 'Batas desil',
  'cek.desilRange': 'desil 1–{ceiling}',
  'cek.desilWithin': 'masuk batas',
  'cek.desilAbove': 'di atas batas',
  'cek.desilUnknown': 'belum ada desil',
  'cek.notListed': 'Tidak tercatat sebagai penerima',
  'cek.programLatest': 'Periode terakhir program ini',
  'cek.desilCheck': 'Minta data diperiksa ulang: ajukan aduan tentang {program}',
  'cek.again': 'Cek nomor lain',
  'cek.checkTyped': 'Periksa angka yang Anda ketik',
  'cek.failed': 'Layanan sedang bermasalah',
  'cek.failedBody':
    'Pemeriksaan tidak dapat diselesaikan karena gangguan pada layanan kami. Ini BUKAN berarti Anda tidak terdaftar. Silakan coba lagi beberapa saat lagi.',
  'cek.errorId': 'Kode gangguan',

  'wilayah.title': 'Cek per wilayah dan nama',
  'wilayah.intro':
    'Pilih wilayah langkah demi langkah, lalu ketik nama penerima (minimal 3 huruf). Nama ditampilkan tersamar.',
  'wilayah.province': 'Provinsi',
  'wilayah.regency': 'Kabupaten/Kota',
  'wilayah.district': 'Kecamatan',
  'wilayah.village': 'Desa/Kelurahan',
  'wilayah.name': 'Nama penerima manfaat (sesuai KTP)',
  'wilayah.nameHint': 'Minimal 3 huruf.',
  'wilayah.change': 'Ganti wilayah',
  'wilayah.results': 'Hasil pencarian',
  'wilayah.noResults': 'Tidak ada penerima dengan nama itu di wilayah ini.',
  'wilayah.capped': 'Hanya {n} hasil pertama yang ditampilkan. Ketik nama lebih lengkap.',
  'wilayah.age': 'Umur',
  'wilayah.years': '{n} tahun',
  'wilayah.noPrograms': 'Tidak ada program',
  'wilayah.noResultsWhat': 'Yang bisa dilakukan:',
  'wilayah.noResultsSpelling':
    'Coba sebagian nama saja (mis. 4–5 huruf pertama), atau ejaan lain seperti pada KTP.',
  'wilayah.noResultsNik': 'Cek dengan NIK dan nomor KK, yang lebih pasti daripada nama.',

  'area.served': 'Wilayah layanan kantor ini',
  'area.other': 'Wilayah lain',
  'area.outsideTitle': 'Data wilayah ini tidak ada di kantor ini',
  'area.outsideBody': '{region} berada di luar wilayah layanan kantor ini ({area}).',
  'area.notHeld':
    'Kantor ini tidak memegang data penerima bantuan di sana, jadi di sini tidak bisa dicek. Ini BUKAN berarti tidak terdaftar.',
  'area.outsideKk': 'Nomor KK ini diterbitkan di {region}, di luar wilayah layanan kantor ini ({area}).',
  'area.outsideWhere':
    'Periksa di situs Kementerian Sosial, {url}, atau tanyakan ke Dinas Sosial kabupaten/kota tempat keluarga tinggal.',

  'stats.title': 'Statistik penerima bantuan',
  'stats.intro':
    'Jumlah keluarga penerima manfaat (KPM) per program dan periode, dan jumlah yang sudah mengambil bantuan. Angka di bawah 5 disembunyikan untuk melindungi privasi.',
  'stats.region': 'Wilayah',
  'stats.program': 'Program',
  'stats.period': 'Periode',
  'stats.latest': 'Terbaru',
  'stats.show': 'Tampilkan',
  'stats.area': 'Wilayah',
  'stats.recipients': 'Penerima (KPM)',
  'stats.collected': 'Sudah mengambil',
  'stats.total': 'Jumlah',
  'stats.suppressed': '< 5',
  'stats.empty': 'Tidak ada data penerima untuk pilihan ini.',
  'stats.periodMissing': '{program} tidak punya data periode {period}; ditampilkan periode terbaru.',

  'kriteria.title': 'Kriteria & informasi program',

  'error.notFound.title': 'Halaman tidak ditemukan',
  'error.notFound.body':
    'Alamat yang Anda buka tidak ada. Periksa kembali alamatnya atau kembali ke beranda.',
  'error.server.title': 'Terjadi gangguan',
  'error.server.body':
    'Permintaan Anda tidak dapat diproses karena gangguan pada layanan kami. Silakan coba lagi. Sebutkan kode gangguan ini jika menghubungi petugas:',

  'nik.required': 'NIK wajib diisi.',
  'nik.format': 'NIK harus terdiri dari 16 angka.',
  'nik.district_unknown': 'Enam angka pertama NIK bukan kode kecamatan yang terdaftar di Kemendagri.',
  'nik.birth_date_invalid':
    'Angka ke-7 sampai ke-12 NIK bukan tanggal lahir yang mungkin (untuk perempuan, tanggal ditambah 40).',
  'kk.required': 'Nomor KK wajib diisi.',
  'kk.format': 'Nomor KK harus terdiri dari 16 angka.',
  'kk.district_unknown': 'Enam angka pertama nomor KK bukan kode kecamatan yang terdaftar di Kemendagri.',
  'name.too_short': 'Ketik minimal 3 huruf nama.',
  'name.too_long': 'Nama terlalu panjang (maksimal 100 karakter).',
  'region.unknown': 'Wilayah tidak dikenal.',
  'region.not_village': 'Pilih sampai tingkat desa/kelurahan.',
  'program.unknown': 'Program tidak dikenal.',
  'period.format': 'Periode harus berbentuk YYYY-MM (bulan) atau YYYY-Qn (triwulan).',
  'body.invalid': 'Isi permintaan tidak sesuai.',
  'form.unproven':
    'Formulir belum terkirim: peramban Anda tidak menunjukkan bahwa formulir ini berasal dari situs ini. Isian Anda masih ada di bawah; periksa lalu kirim sekali lagi.',
  'form.too_large': 'Isian terlalu panjang. Perpendek teksnya lalu kirim lagi dari halaman sebelumnya.',
  'form.field_name_refused':
    'Formulir ini berisi kolom yang tidak kami kenal, jadi tidak kami proses. Periksa isian Anda lalu kirim lagi dari halaman ini.',

  'api.malformed_json': 'Isi permintaan bukan JSON yang sah.',
  'api.unsupported_media_type': 'Kirim isi permintaan sebagai application/json.',
  'api.payload_too_large': 'Isi permintaan terlalu besar.',
  'api.not_found': 'Tidak ditemukan.',
  'api.unauthorized': 'Masuk dulu sebagai petugas: kirim kuki sesi cb_petugas dari /petugas/masuk.',
  'api.validation_failed': 'Isian tidak valid.',
  'api.rate_limited': 'Terlalu banyak permintaan. Coba lagi sebentar lagi.',
  'api.proof_required':
    'Permintaan ini perlu bukti kerja (proof of work) yang sah: selesaikan tantangan di jawaban ini, lalu kirim lagi.',
  'api.service_unavailable': 'Layanan belum siap.',
  'api.internal': 'Terjadi gangguan pada layanan.',
  'api.transition_not_allowed': 'Langkah ini tidak dapat dilakukan pada status tiket sekarang.',
  'api.forbidden': 'Anda tidak berwenang melakukan langkah ini.',

  'cek.premium': 'Iuran BPJS per bulan (dibayar pemerintah langsung ke BPJS, bukan uang untuk diambil)',
  'next.active': 'Tunggu jadwal penyaluran. Bawa KKS dan KTP ke tempat pengambilan saat jadwal diumumkan.',
  'next.active.premium':
    'Iuran BPJS Kesehatan Anda dibayar pemerintah. Gunakan kartu KIS atau NIK di puskesmas dan rumah sakit; tidak ada uang yang perlu diambil.',
  'next.active.card':
    'Kartu Keluarga Sejahtera aktif. Simpan kartu dan PIN dengan aman; jika kartu hilang, rusak atau terblokir, ajukan aduan melalui SLRT.',
  'next.collected':
    'Tidak ada yang perlu dilakukan. Jika jumlah yang diterima tidak sesuai, ajukan aduan melalui SLRT.',
  'next.not_collected':
    'Ambil bantuan di tempat pengambilan dengan membawa KKS dan KTP. Jika saldo belum masuk, kartu atau PIN terblokir, ajukan aduan melalui SLRT.',
  'next.active.service':
    'Tunggu jadwal layanan dari Dinas Sosial atau pekerja sosial. Jika lama tidak ada kabar, tanyakan ke kelurahan atau ajukan aduan melalui SLRT.',
  'next.collected.service':
    'Tidak ada yang perlu dilakukan. Jika layanan yang diterima tidak sesuai, ajukan aduan melalui SLRT.',
  'next.not_collected.service':
    'Datang ke tempat layanan sesuai jadwal, atau hubungi pekerja sosial untuk jadwal baru. Jika ada kendala, ajukan aduan melalui SLRT.',
  'next.suspended.data_tidak_padan_dukcapil':
    'Perbaiki data kependudukan di Dinas Kependudukan dan Catatan Sipil (bawa KK dan KTP asli), lalu laporkan ke kelurahan agar data bantuan diperbarui.',
  'next.suspended.masalah_rekening':
    'Datangi bank penyalur dengan KKS dan KTP untuk membuka blokir atau mengganti kartu, atau ajukan aduan melalui SLRT.',
  'next.suspended.penerima_meninggal':
    'Jika penerima memang meninggal, anggota keluarga dapat melapor ke kelurahan untuk pergantian pengurus keluarga. Jika data ini salah, ajukan aduan.',
  'next.suspended.program_eksklusif':
    'Satu keluarga hanya boleh menerima salah satu dari program ini. Jika keluarga Anda tidak menerima program lain, ajukan aduan melalui SLRT.',
  'next.suspended.pindah':
    'Laporkan alamat tempat tinggal sekarang ke kelurahan setempat agar bantuan dipindahkan. Jika data ini salah, ajukan aduan.',
  'period.quarter': 'Tahap {n} {year}',
  'channel.ewarong': 'e-Warong',
  months: 'Januari,Februari,Maret,April,Mei,Juni,Juli,Agustus,September,Oktober,November,Desember',
} as const;

const id = {
  ...coreId,
  ...ticketId,
  ...formMessagesId,
  ...backOfficeId,
  ...musyawarahId,
  ...templateId,
  ...statsId,
  ...privacyId,
  ...programId,
  ...kriteriaId,
  ...accessId,
  ...reactivationId,
  ...auditId,
  ...holidayId,
  ...desilDisputeId,
  ...dataRequestId,
  ...notifyId,
};
export type MessageKey = keyof typeof id;

const coreEn: { [K in keyof typeof coreId]: string } = {
  'site.name': 'Cek Bansos',
  'site.tagline': 'Social assistance information service of the Social Affairs Office',
  'nav.home': 'Home',
  'nav.cek': 'Check status',
  'nav.cekWilayah': 'Check by region',
  'nav.kriteria': 'Criteria & information',
  'nav.usulan': 'Proposal',
  'nav.sanggahan': 'Objection',
  'nav.aduan': 'Complaint',
  'nav.lacak': 'Track a ticket',
  'nav.statistik': 'Figures',
  'nav.language': 'Bahasa Indonesia',
  'nav.skip': 'Skip to content',
  'nav.officers': 'Officers',
  'nav.developers': 'For app builders: open data',
  'title.error': 'Something to correct',
  'common.back': 'Back',
  'common.submit': 'Submit',
  'common.search': 'Search',
  'common.choose': 'Choose',
  'common.next': 'Next',
  'common.errorSummary': 'Please check the following:',
  'common.unknown': 'unknown',

  'home.title': "Check your household's social assistance status",
  'home.intro':
    'Check whether your household is registered for social assistance (BPNT/Sembako, PKH, BST, PBI-JK, PIP, KKS), for which periods, and what to do next. No account needed, free of charge.',
  'home.cek': 'Check with NIK and family card number',
  'home.cekWilayah': 'Check by region and name',
  'home.kriteria': 'Who is eligible, schedules and amounts',
  'home.usulan': 'Propose a household that is not listed',
  'home.sanggahan': 'Object to an ineligible recipient',
  'home.aduan': 'File a complaint (SLRT)',
  'home.lacak': 'Track a ticket by reference number',
  'home.statistik': 'Recipient figures by region',
  'home.privacy':
    'Personal data is protected by Law 27/2022. Names are masked and a NIK is never shown in full.',
  'home.official': 'The official service never asks for money, a PIN or an OTP code.',

  'cek.title': 'Check status with NIK',
  'cek.intro':
    'Enter the NIK of any household member and the family card (KK) number. Both are printed on the Kartu Keluarga. The KK number is asked so that others cannot guess your NIK.',
  'cek.nik': 'NIK (16 digits)',
  'cek.nikHint': 'National identity number, on the ID card and the family card.',
  'cek.kk': 'Family card (KK) number (16 digits)',
  'cek.kkHint': 'Printed at the top of the Kartu Keluarga.',
  'cek.submit': 'Check status',
  'cek.found.receiving': 'Household registered and receiving assistance',
  'cek.found.problem': 'Household registered, with a problem in its assistance',
  'cek.found.no_program': 'Household registered, not receiving any program yet',
  'cek.glance': 'Latest period of each program',
  'cek.glance.yes': 'Yes',
  'cek.glance.no': 'No',
  'cek.dataPer': 'Data as of {date}',
  'cek.desilSource': 'DTSEN {snapshot}, data as of {date}',
  'cek.complain': 'File a complaint about {program}',
  'cek.complainAny': 'A problem? File a complaint with SLRT',
  'cek.onward': 'Other services',
  'cek.onwardObject': 'Object to a recipient you believe is not eligible',
  'cek.onwardPropose': 'Propose another household that is not registered',
  'cek.onwardTrack': 'Track a ticket you have filed',
  'cek.person': 'Name',
  'cek.head': 'Head of household',
  'cek.region': 'Region',
  'cek.programs': 'Assistance programs',
  'cek.period': 'Period',
  'cek.status': 'Status',
  'cek.amount': 'Amount',
  'cek.channel': 'Paid through',
  'cek.point': 'Collection point',
  'cek.nextStep': 'What to do next',
  'cek.history': 'Earlier periods',
  'cek.notFound': 'Not registered',
  'cek.notFoundBody':
    'We found no household with this NIK and KK number in the recipient data. Please check the numbers you typed.',
  'cek.notFoundWhat': 'If you believe your household is eligible:',
  'cek.notFoundPropose': 'Submit a proposal to have the household registered (DTKS proposal).',
  'cek.notFoundRtRw': 'Ask your RT/RW head or the village office about the next village deliberation.',
  'cek.notFoundDukcapil':
    'Make sure your family card and ID card match the civil registry (Dukcapil); mismatched data can keep a household from being found.',
  'cek.notFoundDtsen':
    "A household not yet in DTSEN is proposed through the kelurahan/village office and discussed in the village deliberation (Musyawarah), or proposes itself in the Ministry of Social Affairs' Cek Bansos app (the Usul Sanggah menu).",
  'cek.desil': 'DTSEN desil',
  'cek.desilValue': 'Desil {n} of 10',
  'cek.desilNone': 'No desil yet',
  'cek.desilMoved': 'The desil changed from {from} to {to} on {date}',
  'cek.desilScale': 'Desil 1 is the 10% of households that are worst off, desil 10 the best off.',
  'cek.desilCeiling': 'Desil limit',
  'cek.desilRange': 'desil 1–{ceiling}',
  'cek.desilWithin': 'within the limit',
  'cek.desilAbove': 'above the limit',
  'cek.desilUnknown': 'no desil yet',
  'cek.notListed': 'Not listed as a recipient',
  'cek.programLatest': "The program's latest period",
  'cek.desilCheck': 'Ask for the data to be checked: file a complaint about {program}',
  'cek.again': 'Check another number',
  'cek.checkTyped': 'Check the numbers you typed',
  'cek.failed': 'The service has a problem',
  'cek.failedBody':
    'The check could not be completed because of a fault in our service. This does NOT mean you are not registered. Please try again shortly.',
  'cek.errorId': 'Error code',

  'wilayah.title': 'Check by region and name',
  'wilayah.intro':
    "Choose the region step by step, then type the recipient's name (at least 3 letters). Names are shown masked.",
  'wilayah.province': 'Province',
  'wilayah.regency': 'Regency/City',
  'wilayah.district': 'District',
  'wilayah.village': 'Village',
  'wilayah.name': 'Recipient name (as on the ID card)',
  'wilayah.nameHint': 'At least 3 letters.',
  'wilayah.change': 'Change region',
  'wilayah.results': 'Results',
  'wilayah.noResults': 'No recipient with that name in this region.',
  'wilayah.capped': 'Only the first {n} results are shown. Type more of the name.',
  'wilayah.age': 'Age',
  'wilayah.years': '{n} years',
  'wilayah.noPrograms': 'No program',
  'wilayah.noResultsWhat': 'What you can do:',
  'wilayah.noResultsSpelling':
    'Try part of the name only (e.g. its first 4–5 letters), or another spelling as on the ID card.',
  'wilayah.noResultsNik': 'Check with the NIK and KK number, which is surer than a name.',

  'area.served': "This office's service area",
  'area.other': 'Other regions',
  'area.outsideTitle': 'This office does not hold data for this region',
  'area.outsideBody': '{region} lies outside the service area of this office ({area}).',
  'area.notHeld':
    'This office holds no recipient data there, so it cannot be checked here. This does NOT mean not registered.',
  'area.outsideKk':
    'This KK number was issued in {region}, outside the service area of this office ({area}).',
  'area.outsideWhere':
    'Check on the Ministry of Social Affairs site, {url}, or ask the social affairs office (Dinas Sosial) of the regency or city where the household lives.',

  'stats.title': 'Recipient figures',
  'stats.intro':
    'Beneficiary households (KPM) per program and period, and how many collected. Counts below 5 are hidden to protect privacy.',
  'stats.region': 'Region',
  'stats.program': 'Program',
  'stats.period': 'Period',
  'stats.latest': 'Latest',
  'stats.show': 'Show',
  'stats.area': 'Area',
  'stats.recipients': 'Recipients (KPM)',
  'stats.collected': 'Collected',
  'stats.total': 'Total',
  'stats.suppressed': '< 5',
  'stats.empty': 'No recipient data for this choice.',
  'stats.periodMissing': '{program} has no figures for {period}; the latest period is shown.',

  'kriteria.title': 'Program criteria & information',

  'error.notFound.title': 'Page not found',
  'error.notFound.body': 'The address you opened does not exist. Check it or go back to the home page.',
  'error.server.title': 'Something went wrong',
  'error.server.body':
    'Your request could not be processed because of a fault in our service. Please try again. Quote this error code if you contact an officer:',

  'nik.required': 'NIK is required.',
  'nik.format': 'A NIK has exactly 16 digits.',
  'nik.district_unknown':
    'The first six digits of the NIK are not a district code registered with Kemendagri.',
  'nik.birth_date_invalid':
    'Digits 7 to 12 of the NIK are not a possible birth date (for women, 40 is added to the day).',
  'kk.required': 'The KK number is required.',
  'kk.format': 'A KK number has exactly 16 digits.',
  'kk.district_unknown':
    'The first six digits of the KK number are not a district code registered with Kemendagri.',
  'name.too_short': 'Type at least 3 letters of the name.',
  'name.too_long': 'The name is too long (at most 100 characters).',
  'region.unknown': 'Unknown region.',
  'region.not_village': 'Choose down to the village.',
  'program.unknown': 'Unknown program.',
  'period.format': 'A period is YYYY-MM (month) or YYYY-Qn (quarter).',
  'body.invalid': 'The request body does not have the expected shape.',
  'form.unproven':
    'The form was not sent: your browser did not show that it came from this site. What you typed is still below; check it and send it once more.',
  'form.too_large': 'What you typed is too long. Shorten it and send it again from the previous page.',
  'form.field_name_refused':
    'This form carried a field we do not know, so we did not process it. Check your answers and send it again from this page.',

  'api.malformed_json': 'The request body is not valid JSON.',
  'api.unsupported_media_type': 'Send the request body as application/json.',
  'api.payload_too_large': 'The request body is too large.',
  'api.not_found': 'Not found.',
  'api.unauthorized': 'Sign in as an officer first: send the cb_petugas session cookie from /petugas/masuk.',
  'api.validation_failed': 'The input is not valid.',
  'api.rate_limited': 'Too many requests. Try again shortly.',
  'api.proof_required':
    'This request needs a valid proof of work: solve the challenge in this answer, then send again.',
  'api.service_unavailable': 'The service is not ready yet.',
  'api.internal': 'The service had a fault.',
  'api.transition_not_allowed': 'This step cannot be taken in the ticket’s current state.',
  'api.forbidden': 'You may not take this step.',

  'cek.premium': 'BPJS premium per month (paid by the government straight to BPJS, not money to collect)',
  'next.active':
    'Wait for the payment schedule. Bring your KKS card and ID card to the collection point when announced.',
  'next.active.premium':
    'Your BPJS Kesehatan premiums are paid by the government. Use your KIS card or NIK at the health centre and hospital; there is no money to collect.',
  'next.active.card':
    'Your Kartu Keluarga Sejahtera is active. Keep the card and PIN safe; if the card is lost, damaged or blocked, file a complaint with SLRT.',
  'next.collected': 'Nothing to do. If the amount received is wrong, file a complaint with SLRT.',
  'next.not_collected':
    'Collect the assistance at the collection point with your KKS card and ID card. If the funds have not arrived or the card or PIN is blocked, file a complaint with SLRT.',
  'next.active.service':
    'Wait for the service schedule from the Social Affairs Office or the social worker. If you hear nothing for long, ask the village office or file a complaint with SLRT.',
  'next.collected.service': 'Nothing to do. If the service given was not right, file a complaint with SLRT.',
  'next.not_collected.service':
    'Go to the service at the scheduled time, or ask the social worker for a new time. If something is in the way, file a complaint with SLRT.',
  'next.suspended.data_tidak_padan_dukcapil':
    'Correct your civil registration data at the Dukcapil office (bring the original KK and ID card), then tell the village office so the assistance data is updated.',
  'next.suspended.masalah_rekening':
    'Visit the paying bank with your KKS card and ID card to unblock or replace the card, or file a complaint with SLRT.',
  'next.suspended.penerima_meninggal':
    'If the recipient has died, a household member can report to the village office to take over as the household contact. If this is wrong, file a complaint.',
  'next.suspended.program_eksklusif':
    'A household may receive only one of these programs. If your household does not receive the other program, file a complaint with SLRT.',
  'next.suspended.pindah':
    'Report your current address to the local village office so the assistance can follow you. If this is wrong, file a complaint.',
  'period.quarter': 'Stage {n} {year}',
  'channel.ewarong': 'e-Warong',
  months: 'January,February,March,April,May,June,July,August,September,October,November,December',
};

const en: { [K in MessageKey]: string } = {
  ...coreEn,
  ...ticketEn,
  ...formMessagesEn,
  ...backOfficeEn,
  ...musyawarahEn,
  ...templateEn,
  ...statsEn,
  ...privacyEn,
  ...programEn,
  ...kriteriaEn,
  ...accessEn,
  ...reactivationEn,
  ...auditEn,
  ...holidayEn,
  ...desilDisputeEn,
  ...dataRequestEn,
  ...notifyEn,
};

const catalogues: Record<Locale, { [K in MessageKey]: string }> = { id, en };

export function isMessageKey(key: string): key is MessageKey {
  return Object.hasOwn(id, key);
}

/** Translates a key, filling `{name}` placeholders. */
export function translate(
  locale: Locale,
  key: MessageKey,
  params: Record<string, string | number> = {},
): string {
  const text = catalogues[locale][key];
  // Most messages have no placeholder; a page of 25 cases translates a few hundred.
  if (!text.includes('{')) return text;
  return text.replace(/\{(\w+)\}/g, (whole, name: string) => (name in params ? String(params[name]) : whole));
}

/**
 * Translates a key that came from the domain as a plain string (e.g. a validation rule),
 * with parameters after `?`: `field.too_long?max=200`.
 */
export function translateDynamic(
  locale: Locale,
  keyWithParams: string,
  extra: Record<string, string | number> = {},
): string {
  const mark = keyWithParams.indexOf('?');
  if (mark === -1)
    return isMessageKey(keyWithParams) ? translate(locale, keyWithParams, extra) : keyWithParams;
  const key = keyWithParams.slice(0, mark);
  const query = keyWithParams.slice(mark + 1).split('?', 1)[0];
  const params = { ...Object.fromEntries(new URLSearchParams(query)), ...extra };
  return isMessageKey(key) ? translate(locale, key, params) : key;
}

/** `2020-12` → `Desember 2020`; `2020-Q4` → `Tahap 4 2020`. */
export function formatPeriod(locale: Locale, period: string): string {
  const quarter = /^(\d{4})-Q([1-4])$/.exec(period);
  if (quarter) return translate(locale, 'period.quarter', { n: quarter[2] ?? '', year: quarter[1] ?? '' });
  const month = /^(\d{4})-(\d{2})$/.exec(period);
  if (month) {
    const names = translate(locale, 'months').split(',');
    return `${names[Number(month[2]) - 1] ?? month[2]} ${month[1]}`;
  }
  return period;
}

export function formatRupiah(amount: number): string {
  return `Rp ${amount.toLocaleString('id-ID')}`;
}

export function formatCount(locale: Locale, n: number): string {
  return n.toLocaleString(locale === 'id' ? 'id-ID' : 'en-US');
}
