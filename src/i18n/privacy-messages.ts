// The privacy notice (/privasi) and the line under every public form that links to it, Bahasa
// Indonesia first; `en` is typed against `id`. What it says is what the service does: nothing here
// promises a duty the software or the office cannot keep.

export const privacyId = {
  'privacy.title': 'Pemberitahuan privasi',
  'privacy.formLink': 'Bagaimana data Anda dipakai dan apa hak Anda',
  'privacy.intro':
    '{office} menjalankan layanan ini dan bertanggung jawab atas data pribadi di dalamnya (pengendali data pribadi menurut Undang-Undang Nomor 27 Tahun 2022 tentang Pelindungan Data Pribadi).',
  'privacy.what': 'Data yang diolah',
  'privacy.what.register':
    'Daftar penerima bantuan: NIK, nomor KK, nama, alamat, desil DTSEN dan kepesertaan program, dari daftar Kementerian Sosial, bank penyalur, dan pemerintah daerah.',
  'privacy.what.sent':
    'Yang Anda kirim: isi usulan, sanggahan, atau aduan beserta foto dan berkasnya, dan nomor HP atau e-mail bila Anda memberikannya untuk menerima kabar.',
  'privacy.what.technical':
    'Alamat jaringan (IP) dipakai untuk membatasi percobaan berulang. Catatan sistem tidak memuat NIK, nomor KK, nama, atau kode lacak.',
  'privacy.why': 'Untuk apa',
  'privacy.why.text':
    'Untuk menjawab cek status, menangani usulan, sanggahan, dan aduan, memberi kabar tentang tiket Anda, memperbaiki daftar penerima, dan menyusun statistik tanpa identitas (angka di bawah 5 keluarga disembunyikan).',
  'privacy.basis': 'Dasar pengolahan',
  'privacy.basis.text':
    'Pelaksanaan tugas pelayanan publik dan kewenangan pemerintah daerah di bidang sosial. Nomor HP atau e-mail hanya dipakai dengan persetujuan Anda, yang Anda berikan saat mengisinya dan dapat Anda tarik.',
  'privacy.who': 'Siapa yang melihat',
  'privacy.who.text':
    'Petugas RT/RW, kelurahan/desa, dan Dinas Sosial, masing-masing hanya untuk wilayah dan tugasnya; setiap tindakan petugas dicatat. Usulan dapat dikirim ke Kementerian Sosial, dan aduan tentang penyaluran dapat diteruskan ke bank atau instansi yang berwenang. Halaman umum tidak pernah menampilkan nama lengkap atau NIK utuh.',
  'privacy.keep': 'Berapa lama disimpan',
  'privacy.keep.text':
    'Data daftar penerima disimpan selama program berjalan. Tiket dan lampirannya disimpan selama diperlukan untuk menanganinya dan untuk pertanggungjawaban {office}: {days} hari sesudah tiket selesai, isi formulir, kontak, catatan, pesan dan lampirannya dihapus otomatis. Yang tersisa hanya jenis tiket, wilayah, langkah dan waktunya, tanpa nama atau NIK, untuk statistik.',
  'privacy.rights': 'Hak Anda',
  'privacy.rights.text':
    'Anda berhak melihat data Anda, meminta data yang salah diperbaiki, meminta data dihapus atau pengolahannya dibatasi bila tidak lagi diperlukan, dan menarik persetujuan untuk dihubungi. Permintaan melihat data wajib dijawab paling lambat 3 × 24 jam.',
  'privacy.contact': 'Cara mengajukan permintaan',
  'privacy.contact.set': 'Hubungi {contact}, atau datang ke meja layanan SLRT {office}.',
  'privacy.contact.desk': 'Datang ke meja layanan SLRT {office}.',
  'privacy.contact.aduan':
    'Atau ajukan lewat formulir aduan: permintaan Anda mendapat nomor tiket yang bisa dilacak.',
};

export const privacyEn: { [K in keyof typeof privacyId]: string } = {
  'privacy.title': 'Privacy notice',
  'privacy.formLink': 'How your data is used and what your rights are',
  'privacy.intro':
    '{office} runs this service and answers for the personal data in it (the data controller under Law No. 27 of 2022 on Personal Data Protection).',
  'privacy.what': 'What data is processed',
  'privacy.what.register':
    'The list of aid recipients: NIK, family card (KK) number, name, address, DTSEN desil and program membership, from the lists of the Ministry of Social Affairs, the paying banks and the local government.',
  'privacy.what.sent':
    'What you send: the text of a proposal, objection or complaint with its photos and files, and a phone number or e-mail address when you give one to receive updates.',
  'privacy.what.technical':
    'Your network (IP) address is used to limit repeated attempts. The system logs hold no NIK, KK number, name or tracking code.',
  'privacy.why': 'What for',
  'privacy.why.text':
    'To answer status checks, handle proposals, objections and complaints, send you updates on your ticket, correct the list of recipients, and publish figures without identities (counts under 5 households are hidden).',
  'privacy.basis': 'Legal basis',
  'privacy.basis.text':
    'Carrying out a public service and the local government’s duties in social affairs. A phone number or e-mail address is used only with your consent, given when you enter it, and you may withdraw it.',
  'privacy.who': 'Who sees it',
  'privacy.who.text':
    'Officers of the RT/RW, the village and the Social Affairs Office, each only for their own area and task; every officer action is logged. Proposals may be sent to the Ministry of Social Affairs, and complaints about a payment may be passed to the bank or the authority concerned. Public pages never show a full name or a full NIK.',
  'privacy.keep': 'How long it is kept',
  'privacy.keep.text':
    'The list of recipients is kept while the program runs. Tickets and their files are kept as long as they are needed to handle them and for {office} to account for its work: {days} days after a ticket is finished, its form, contact, notes, messages and files are deleted automatically. What remains is only the kind of ticket, the area, its steps and their times, with no name or NIK, for the statistics.',
  'privacy.rights': 'Your rights',
  'privacy.rights.text':
    'You may see your data, have wrong data corrected, have data deleted or its processing limited when it is no longer needed, and withdraw your consent to be contacted. A request to see your data must be answered within 3 × 24 hours.',
  'privacy.contact': 'How to make a request',
  'privacy.contact.set': 'Contact {contact}, or come to the SLRT desk of {office}.',
  'privacy.contact.desk': 'Come to the SLRT desk of {office}.',
  'privacy.contact.aduan':
    'Or send it through the complaint form: your request gets a ticket number you can track.',
};
