// Texts of the program profiles (issue 19): the keepers' page, the words for what a program
// gives and how its periods run, and the refusals of a profile that cannot be saved.

export const programId = {
  'program.benefit.cash': 'Uang tunai',
  'program.benefit.food_credit': 'Saldo belanja pangan',
  'program.benefit.premium': 'Iuran jaminan kesehatan dibayar',
  'program.benefit.service': 'Layanan (rehabilitasi, pendampingan)',
  'program.benefit.card': 'Kartu untuk menerima bantuan',
  'program.period.month': 'Setiap bulan',
  'program.period.quarter': 'Setiap tiga bulan',
  'program.period.stage': 'Per tahap',
  'program.period.year': 'Setiap tahun',
  'program.period.once': 'Sekali',
  'program.not_found': 'Program tidak ditemukan.',
  'program.code_format':
    'Kode program 2–10 huruf kapital, angka atau tanda hubung, diawali huruf atau angka (contoh: PKH, PBI-JK, LANSIA-APBD).',
  'program.code_taken': 'Kode atau nama ini sudah dipakai program lain.',
  'program.ceiling_range':
    'Batas desil berupa angka bulat 1 sampai 10, atau kosong bila program tidak memakai desil.',
  'program.excludes_self': 'Program tidak dapat mengecualikan dirinya sendiri.',
  'program.excludes_unknown': 'Program yang dikecualikan harus program yang sudah terdaftar.',
  'program.aliases_format':
    'Tulis nama lain satu per baris atau dipisah koma, masing-masing paling banyak 60 karakter.',
  'program.aliases_too_many': 'Paling banyak {max} nama lain.',
  'program.alias_taken': 'Salah satu nama lain sudah dipakai program lain.',
  'program.amounts_format':
    'Tulis besaran satu per baris: uraian | uraian dalam bahasa Inggris | jumlah (contoh: Ibu hamil | Pregnancy | Rp 750.000).',
  'program.date_format': 'Tulis tanggal sebagai TTTT-BB-HH (contoh: 2026-01-01).',
  'program.active_order': 'Tanggal berakhir tidak boleh sebelum tanggal mulai.',
};

export const programEn: { [K in keyof typeof programId]: string } = {
  'program.benefit.cash': 'Cash',
  'program.benefit.food_credit': 'Food credit',
  'program.benefit.premium': 'Health insurance premium paid',
  'program.benefit.service': 'Service (rehabilitation, support)',
  'program.benefit.card': 'Card to receive aid',
  'program.period.month': 'Every month',
  'program.period.quarter': 'Every three months',
  'program.period.stage': 'In stages',
  'program.period.year': 'Every year',
  'program.period.once': 'Once',
  'program.not_found': 'Program not found.',
  'program.code_format':
    'A program code is 2–10 capital letters, digits or hyphens, starting with a letter or digit (e.g. PKH, PBI-JK, LANSIA-APBD).',
  'program.code_taken': 'This code or name is already used by another program.',
  'program.ceiling_range':
    'The desil ceiling is a whole number from 1 to 10, or empty when the program does not use desil.',
  'program.excludes_self': 'A program cannot exclude itself.',
  'program.excludes_unknown': 'An excluded program must be one that is already defined.',
  'program.aliases_format':
    'Write other names one per line or separated by commas, each at most 60 characters.',
  'program.aliases_too_many': 'At most {max} other names.',
  'program.alias_taken': 'One of the other names is already used by another program.',
  'program.amounts_format':
    'Write amounts one per line: label | label in English | amount (e.g. Ibu hamil | Pregnancy | Rp 750.000).',
  'program.date_format': 'Write the date as YYYY-MM-DD (e.g. 2026-01-01).',
  'program.active_order': 'The end date cannot be before the start date.',
};
