// The admin's holiday calendar (/petugas/hari-libur, issue 20), Bahasa Indonesia first.

export const holidayId = {
  'bo.nav.holidays': 'Hari libur',
  'holiday.title': 'Hari libur',
  'holiday.intro':
    'Batas waktu yang dihitung dalam hari kerja melewati Sabtu, Minggu dan tanggal di bawah ini. Hari libur nasional dan cuti bersama 2026 sudah diisi menurut SKB 3 Menteri; tambahkan yang ditetapkan kemudian.',
  'holiday.date': 'Tanggal',
  'holiday.name': 'Nama hari libur',
  'holiday.dateHint': 'Format TTTT-BB-HH, misalnya 2027-03-10.',
  'holiday.addedBy': 'Ditambahkan oleh',
  'holiday.decreed': 'Ketetapan pemerintah (bawaan)',
  'holiday.actions': 'Tindakan',
  'holiday.remove': 'Hapus',
  'holiday.removeLabel': 'Hapus hari libur {date}',
  'holiday.pastNote': 'Sudah lewat',
  'holiday.none': 'Belum ada hari libur tercatat.',
  'holiday.add': 'Tambah hari libur',
  'holiday.addSubmit': 'Tambah',
  'holiday.added': 'Hari libur ditambahkan. Batas waktu yang dihitung mulai sekarang melewatinya.',
  'holiday.removed': 'Hari libur dihapus.',
  'holiday.date_required': 'Isi tanggal hari libur.',
  'holiday.date_format': 'Tulis tanggal sebagai TTTT-BB-HH, misalnya 2027-03-10.',
  'holiday.date_impossible': 'Tanggal itu tidak ada di kalender. Periksa hari dan bulannya.',
  'holiday.date_past':
    'Tanggal itu sudah lewat. Hari libur hanya dapat ditambahkan untuk hari ini atau sesudahnya.',
  'holiday.date_taken': 'Tanggal itu sudah tercatat sebagai hari libur.',
  'holiday.name_required': 'Isi nama hari libur.',
  'holiday.name_too_long': 'Nama hari libur terlalu panjang: maksimal 100 karakter.',
  'holiday.not_found': 'Hari libur itu tidak ada (mungkin sudah dihapus).',
  'holiday.past_stays':
    'Hari libur yang sudah lewat tidak dapat dihapus: batas waktu yang sudah dihitung dengannya tetap.',
};

export const holidayEn: { [K in keyof typeof holidayId]: string } = {
  'bo.nav.holidays': 'Holidays',
  'holiday.title': 'Holidays',
  'holiday.intro':
    'Time limits counted in working days skip Saturdays, Sundays and the dates below. The national holidays and cuti bersama of 2026 are filled in from the joint decree of three ministers (SKB 3 Menteri); add the ones decreed later.',
  'holiday.date': 'Date',
  'holiday.name': 'Name of the holiday',
  'holiday.dateHint': 'As YYYY-MM-DD, e.g. 2027-03-10.',
  'holiday.addedBy': 'Added by',
  'holiday.decreed': 'Government decree (built in)',
  'holiday.actions': 'Actions',
  'holiday.remove': 'Remove',
  'holiday.removeLabel': 'Remove the holiday of {date}',
  'holiday.pastNote': 'Past',
  'holiday.none': 'No holidays recorded yet.',
  'holiday.add': 'Add a holiday',
  'holiday.addSubmit': 'Add',
  'holiday.added': 'Holiday added. Time limits counted from now on skip it.',
  'holiday.removed': 'Holiday removed.',
  'holiday.date_required': 'Enter the date of the holiday.',
  'holiday.date_format': 'Write the date as YYYY-MM-DD, e.g. 2027-03-10.',
  'holiday.date_impossible': 'That date does not exist. Check the day and the month.',
  'holiday.date_past': 'That date has passed. A holiday can only be added for today or later.',
  'holiday.date_taken': 'That date is already recorded as a holiday.',
  'holiday.name_required': 'Enter the name of the holiday.',
  'holiday.name_too_long': 'The name of the holiday is too long: at most 100 characters.',
  'holiday.not_found': 'That holiday does not exist (it may have been removed).',
  'holiday.past_stays':
    'A holiday that has passed cannot be removed: the time limits already counted with it stay.',
};
