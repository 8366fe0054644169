// Texts of the PBI-JK reactivation request (issue 19): the resident's form, its messages, what
// Lacak says of the outcome, the officer's outcome choice and the Dinas Sosial's export.

export const reactivationId = {
  'aduan.problem.reaktivasi_pbi_jk': 'Reaktivasi PBI-JK (perlu berobat)',
  'reactivation.title': 'Minta PBI-JK diaktifkan kembali',
  'reactivation.intro':
    'Kepesertaan PBI-JK (BPJS Kesehatan yang iurannya dibayar pemerintah) yang dinonaktifkan dapat diaktifkan kembali bila pesertanya perlu berobat. Lampirkan surat keterangan dari puskesmas, klinik atau rumah sakit. Petugas kelurahan memeriksa surat itu lalu meneruskannya ke Dinas Sosial.',
  'reactivation.deskHint':
    'Petugas kelurahan dapat mengisi formulir ini untuk warga yang datang ke kantor; tanda terimanya diberikan kepada warga.',
  'reactivation.nik': 'NIK peserta yang perlu berobat',
  'reactivation.nikHint': '16 angka, seperti di KTP atau KIS peserta.',
  'reactivation.facility': 'Nama fasilitas kesehatan yang membuat surat',
  'reactivation.facilityHint': 'Misalnya Puskesmas Kedundung atau RSUD dr. Wahidin Sudiro Husodo.',
  'reactivation.letterDate': 'Tanggal surat',
  'reactivation.letterDateHint': 'Tidak wajib. Tulis seperti HH-BB-TTTT, misalnya 01-12-2026.',
  'reactivation.letter': 'Surat keterangan dari fasilitas kesehatan',
  'reactivation.letterHint': 'Foto (JPEG atau PNG) atau PDF, paling besar 5 MB. Wajib.',
  'reactivation.more': 'Lampiran lain (tidak wajib)',
  'reactivation.description': 'Keterangan singkat (misalnya kondisi peserta, jadwal berobat)',
  'reactivation.receiptNext':
    'Permohonan ini harus dijawab Dinas Sosial paling lambat {date}. Simpan nomor tiket dan kode lacak untuk melihat hasilnya di halaman Lacak.',
  'reactivation.facilityShown': 'Fasilitas kesehatan',
  'reactivation.patientShown': 'NIK peserta',
  'reactivation.otherForm':
    'Meminta PBI-JK (KIS) diaktifkan kembali karena perlu berobat? Gunakan formulir reaktivasi.',
  'reactivation.cekPath':
    'Bila peserta sakit dan perlu berobat, minta PBI-JK diaktifkan kembali dengan surat keterangan dari puskesmas atau rumah sakit.',
  'reactivation.cekLink': 'Minta PBI-JK diaktifkan kembali',
  'reactivation.letter_required':
    'Lampirkan surat keterangan dari fasilitas kesehatan (foto atau PDF). Tanpa surat itu permohonan tidak dapat diproses.',
  'reactivation.nik_required': 'Isi NIK peserta yang perlu berobat.',
  'reactivation.facility_required': 'Isi nama fasilitas kesehatan yang membuat surat.',
  'reactivation.program_pbi_jk': 'Reaktivasi hanya untuk program PBI-JK.',
  'reactivation.outcome_required':
    'Pilih hasilnya: PBI-JK diaktifkan kembali, atau ditolak dengan alasannya.',
  'lacak.reactivation.diaktifkan': 'PBI-JK diaktifkan kembali',
  'lacak.reactivation.ditolak': 'Permohonan reaktivasi PBI-JK ditolak',
  'lacak.reactivation.dirujuk': 'Permohonan dirujuk ke pihak lain',
  'lacak.reactivation.open': 'Permohonan reaktivasi PBI-JK sedang diproses',
  'lacak.reactivation.reason': 'Alasan: {reason}',
  'lacak.reactivation.title': 'Hasil permohonan',
  'bo.case.reactivationOutcome': 'Hasil reaktivasi PBI-JK',
  'bo.case.outcome.diaktifkan': 'Diaktifkan kembali',
  'bo.case.outcome.ditolak': 'Ditolak (tulis alasannya sebagai jawaban)',
  'bo.case.reactivationLetter':
    'Permohonan reaktivasi PBI-JK: periksa surat fasilitas kesehatan di lampiran.',
  'bo.export.reactivationTitle': 'Permohonan reaktivasi PBI-JK',
  'bo.export.reactivationIntro':
    'Semua permohonan reaktivasi PBI-JK di wilayah Anda, terbuka maupun selesai, dengan NIK peserta, fasilitas kesehatan, tenggat dan hasilnya. Setiap unduhan dicatat.',
  'bo.export.reactivationDownload': 'Unduh CSV reaktivasi PBI-JK',
  'bo.export.reaktivasi_pbi_jk': 'Permohonan reaktivasi PBI-JK',
};

export type ReactivationMessageKey = keyof typeof reactivationId;

export const reactivationEn: { [K in ReactivationMessageKey]: string } = {
  'aduan.problem.reaktivasi_pbi_jk': 'PBI-JK reactivation (care needed)',
  'reactivation.title': 'Ask for PBI-JK to be reactivated',
  'reactivation.intro':
    'A deactivated PBI-JK membership (BPJS Kesehatan with premiums paid by the government) can be reactivated when the member needs care. Attach the letter from the health centre, clinic or hospital. The kelurahan checks the letter and forwards it to the Dinas Sosial.',
  'reactivation.deskHint':
    'A kelurahan officer may fill in this form for a resident at the office; the receipt goes to the resident.',
  'reactivation.nik': 'NIK of the member who needs care',
  'reactivation.nikHint': '16 digits, as on the member’s KTP or KIS card.',
  'reactivation.facility': 'Name of the health facility that wrote the letter',
  'reactivation.facilityHint': 'For example Puskesmas Kedundung or RSUD dr. Wahidin Sudiro Husodo.',
  'reactivation.letterDate': 'Date of the letter',
  'reactivation.letterDateHint': 'Optional. Write it as DD-MM-YYYY, e.g. 01-12-2026.',
  'reactivation.letter': 'Letter from the health facility',
  'reactivation.letterHint': 'A photo (JPEG or PNG) or a PDF, at most 5 MB. Required.',
  'reactivation.more': 'Other attachment (optional)',
  'reactivation.description': 'A short note (e.g. the member’s condition, the treatment dates)',
  'reactivation.receiptNext':
    'The Dinas Sosial must answer this request by {date}. Keep the ticket number and tracking code to see the outcome on the Track page.',
  'reactivation.facilityShown': 'Health facility',
  'reactivation.patientShown': 'Member’s NIK',
  'reactivation.otherForm':
    'Asking for PBI-JK (KIS) to be reactivated because care is needed? Use the reactivation form.',
  'reactivation.cekPath':
    'If the member is ill and needs care, ask for PBI-JK to be reactivated with a letter from the health centre or hospital.',
  'reactivation.cekLink': 'Ask for PBI-JK to be reactivated',
  'reactivation.letter_required':
    'Attach the letter from the health facility (a photo or a PDF). Without it the request cannot be processed.',
  'reactivation.nik_required': 'Enter the NIK of the member who needs care.',
  'reactivation.facility_required': 'Enter the name of the health facility that wrote the letter.',
  'reactivation.program_pbi_jk': 'Reactivation is for the PBI-JK program only.',
  'reactivation.outcome_required': 'Choose the outcome: PBI-JK reactivated, or refused with its reason.',
  'lacak.reactivation.diaktifkan': 'PBI-JK reactivated',
  'lacak.reactivation.ditolak': 'PBI-JK reactivation refused',
  'lacak.reactivation.dirujuk': 'The request was referred elsewhere',
  'lacak.reactivation.open': 'The PBI-JK reactivation request is being processed',
  'lacak.reactivation.reason': 'Reason: {reason}',
  'lacak.reactivation.title': 'Outcome',
  'bo.case.reactivationOutcome': 'PBI-JK reactivation outcome',
  'bo.case.outcome.diaktifkan': 'Reactivated',
  'bo.case.outcome.ditolak': 'Refused (write the reason as the answer)',
  'bo.case.reactivationLetter':
    'PBI-JK reactivation request: check the health facility’s letter among the attachments.',
  'bo.export.reactivationTitle': 'PBI-JK reactivation requests',
  'bo.export.reactivationIntro':
    'Every PBI-JK reactivation request in your area, open or finished, with the member’s NIK, the health facility, the due date and the outcome. Every download is recorded.',
  'bo.export.reactivationDownload': 'Download the PBI-JK reactivation CSV',
  'bo.export.reaktivasi_pbi_jk': 'PBI-JK reactivation requests',
};
