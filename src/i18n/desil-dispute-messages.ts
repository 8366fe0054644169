// Sanggah desil (issue 19, decision 0031): the resident's form, its receipt and the words the
// back office uses for it, Bahasa Indonesia first; `en` is typed against `id`. The states'
// words per purpose are in src/domain/tickets/status-text.ts, where SMS and e-mail read them too.

export const desilDisputeId = {
  'kind.usulan.sanggah_desil': 'Sanggah desil',
  'receipt.next.usulan.sanggah_desil':
    'Ketua RT/RW memeriksa sanggahan ini paling lambat {date}. Setelah itu kelurahan memverifikasi keadaan keluarga di lapangan, lalu Dinas Sosial mengirim hasilnya untuk pemutakhiran DTSEN berikutnya.',
  'form.purpose.sanggah_desil':
    'memeriksa sanggahan desil ini dan mengirim hasilnya untuk pemutakhiran DTSEN',
  'sanggah_desil.title': 'Sanggah desil keluarga',
  'sanggah_desil.intro':
    'Desil dihitung dari keadaan keluarga: pekerjaan dan penghasilan, rumah, aset, dan jumlah anggota keluarga. Jika data itu tidak sesuai kenyataan, tandai yang salah dan tulis keadaan sebenarnya sekarang. RT/RW, kelurahan dan petugas lapangan memeriksanya; Dinas Sosial mengirim hasilnya untuk pemutakhiran DTSEN berikutnya.',
  'sanggah_desil.section.household': 'Keluarga yang terdata',
  'sanggah_desil.householdHint': 'Isi NIK kepala keluarga dan nomor KK seperti saat Cek status.',
  'sanggah_desil.headNik': 'NIK kepala keluarga',
  'sanggah_desil.kk': 'Nomor KK',
  'sanggah_desil.desilSeen': 'Desil yang Anda lihat di Cek status (tidak wajib)',
  'sanggah_desil.section.facts': 'Data yang tidak sesuai',
  'sanggah_desil.facts': 'Data mana yang tidak sesuai? Boleh lebih dari satu.',
  'sanggah_desil.fact.pekerjaan': 'Pekerjaan atau penghasilan',
  'sanggah_desil.fact.rumah': 'Kondisi rumah',
  'sanggah_desil.fact.aset': 'Aset atau kepemilikan',
  'sanggah_desil.fact.anggota': 'Jumlah anggota keluarga',
  'sanggah_desil.fact.lainnya': 'Lainnya',
  'sanggah_desil.factNow': 'Keadaan sebenarnya sekarang: {fact}',
  'sanggah_desil.factNowHint': 'Tulis singkat, misalnya "suami tidak bekerja sejak Maret 2026".',
  'sanggah_desil.section.photos': 'Foto pendukung (tidak wajib)',
  'sanggah_desil.photo': 'Foto {n}',
  'sanggah_desil.photoHint': 'Misalnya rumah tampak depan, surat keterangan, atau slip gaji.',
  'sanggah_desil.section.contact': 'Kontak untuk kabar (tidak wajib)',
  'sanggah_desil.contactName': 'Nama Anda (tidak wajib)',
  'sanggah_desil.no_fact': 'Tandai paling sedikit satu data yang tidak sesuai.',
  'sanggah_desil.desil_seen_range': 'Desil adalah angka 1 sampai 10. Kosongkan bila tidak tahu.',
  'sanggah_desil.not_listed':
    'NIK dan nomor KK ini tidak cocok dengan keluarga yang terdata, jadi tidak ada desil untuk disanggah. Periksa keduanya di Cek status; keluarga yang belum terdata dapat diusulkan lewat Usulan.',
  'sanggah_desil.duplicate_open':
    'Keluarga ini sudah punya sanggah desil atau usulan yang masih diproses. Lacak tiket itu dengan nomor dan kode lacaknya.',
  'cek.desilDispute': 'Data keluarga tidak sesuai? Ajukan sanggah desil',
  'bo.case.dispute.title': 'Yang disanggah warga',
  'bo.case.dispute.desilSeen': 'Desil yang dilihat warga',
  'bo.case.dispute.notGiven': 'tidak diisi',
  'bo.case.dispute.household': 'NIK kepala · KK',
  'bo.export.disputes.title': 'Sanggah desil untuk pemutakhiran DTSEN',
  'bo.export.disputes.intro':
    'Sanggahan desil di kabupaten/kota Anda: NIK, KK, data yang disanggah, keadaan sekarang, hasil pemeriksaan dan tanggalnya. Setiap unduhan dicatat di log audit beserta NIK yang termuat.',
  'bo.export.disputes.scope': 'Yang diunduh',
  'bo.export.disputes.selesai': 'Yang sudah selesai ({n})',
  'bo.export.disputes.semua': 'Semua, dengan statusnya ({n})',
  'bo.export.disputes.download': 'Unduh CSV sanggah desil',
} as const;

export const desilDisputeEn: { [K in keyof typeof desilDisputeId]: string } = {
  'kind.usulan.sanggah_desil': 'Desil dispute',
  'receipt.next.usulan.sanggah_desil':
    'The RT/RW head checks this dispute by {date}. Then the kelurahan verifies the household’s situation in the field, and the social office sends the result to the next DTSEN update.',
  'form.purpose.sanggah_desil': 'examine this desil dispute and send its result to the DTSEN update',
  'sanggah_desil.title': 'Dispute your household’s desil',
  'sanggah_desil.intro':
    'A desil is worked out from the household’s situation: work and income, house, assets and the number of members. If those facts do not match reality, tick the wrong ones and write what is true now. The RT/RW, the kelurahan and a field officer check it; the social office sends the result to the next DTSEN update.',
  'sanggah_desil.section.household': 'The registered household',
  'sanggah_desil.householdHint': 'Enter the head’s NIK and the KK number as on Check status.',
  'sanggah_desil.headNik': 'NIK of the head of household',
  'sanggah_desil.kk': 'Family card (KK) number',
  'sanggah_desil.desilSeen': 'The desil you saw on Check status (optional)',
  'sanggah_desil.section.facts': 'Facts that are wrong',
  'sanggah_desil.facts': 'Which facts are wrong? You may tick more than one.',
  'sanggah_desil.fact.pekerjaan': 'Work or income',
  'sanggah_desil.fact.rumah': 'Condition of the house',
  'sanggah_desil.fact.aset': 'Assets or property',
  'sanggah_desil.fact.anggota': 'Number of household members',
  'sanggah_desil.fact.lainnya': 'Other',
  'sanggah_desil.factNow': 'What is true now: {fact}',
  'sanggah_desil.factNowHint': 'Keep it short, e.g. "my husband has had no work since March 2026".',
  'sanggah_desil.section.photos': 'Supporting photos (optional)',
  'sanggah_desil.photo': 'Photo {n}',
  'sanggah_desil.photoHint': 'For instance the house front, a certificate, or a payslip.',
  'sanggah_desil.section.contact': 'Contact for updates (optional)',
  'sanggah_desil.contactName': 'Your name (optional)',
  'sanggah_desil.no_fact': 'Tick at least one fact that is wrong.',
  'sanggah_desil.desil_seen_range': 'A desil is a number from 1 to 10. Leave it empty if you do not know.',
  'sanggah_desil.not_listed':
    'This NIK and KK number do not match a registered household, so there is no desil to dispute. Check both on Check status; a household not yet registered can be proposed through Propose.',
  'sanggah_desil.duplicate_open':
    'This household already has a desil dispute or proposal in progress. Track that ticket with its number and tracking code.',
  'cek.desilDispute': 'Household facts wrong? Dispute the desil',
  'bo.case.dispute.title': 'What the resident disputes',
  'bo.case.dispute.desilSeen': 'Desil the resident saw',
  'bo.case.dispute.notGiven': 'not given',
  'bo.case.dispute.household': 'Head’s NIK · KK',
  'bo.export.disputes.title': 'Desil disputes for the DTSEN update',
  'bo.export.disputes.intro':
    'The desil disputes of your regency: NIK, KK, the facts disputed, what is true now, the result of the check and its dates. Every download is recorded in the audit log with the NIKs it holds.',
  'bo.export.disputes.scope': 'What to download',
  'bo.export.disputes.selesai': 'Finished ones ({n})',
  'bo.export.disputes.semua': 'All, with their state ({n})',
  'bo.export.disputes.download': 'Download the desil disputes CSV',
};
