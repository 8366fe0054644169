// What the resident forms say about a field's error: each message names its field ("Pilih bahan
// lantai terluas", not "Pilih salah satu") so that the error summary at the top reads on its own.
import type { Locale } from './locale.ts';

/** Keys the catalogue (messages.ts) takes in, for the domain and the API as well as the pages. */
export const formMessagesId = {
  'limit.too_many_checks': 'Terlalu banyak pemeriksaan — coba lagi dalam {minutes} menit.',
  'limit.too_many_submissions':
    'Terlalu banyak pengajuan dari sambungan ini. Kirim lagi dalam {minutes} menit.',
  'limit.target_busy':
    'Nomor ini sudah sangat sering diperiksa orang. Aktifkan JavaScript di browser untuk memeriksanya sekarang, atau coba lagi dalam {minutes} menit.',
  'proof.invalid':
    'Pemeriksaan keamanan tidak sah atau sudah dipakai. Kirim lagi: halaman ini mengulangi pemeriksaannya sendiri.',
  'proof.expired':
    'Pemeriksaan keamanan sudah kedaluwarsa. Kirim lagi: halaman ini mengulangi pemeriksaannya sendiri.',
  'proof.harder':
    'Nomor ini sudah sangat sering diperiksa orang. Untuk melindungi pemiliknya, pemeriksaan keamanan dibuat lebih berat: tunggu beberapa detik, formulir dikirim lagi sendiri.',
  'proof.working': 'Menyiapkan pemeriksaan keamanan… formulir dikirim sendiri setelah selesai.',
  'proof.noscript':
    'Tanpa JavaScript, sambungan ini boleh memeriksa lebih sedikit (sepertiga dari batas biasa). Bila batas tercapai, halaman ini mengatakan berapa menit harus menunggu.',
  'field.date_impossible': 'Tanggal itu tidak ada di kalender. Periksa hari dan bulannya.',
  'field.date_future': 'Tanggal tidak boleh di masa depan.',
  'field.date_too_early': 'Tanggal terlalu lampau. Periksa tahunnya.',
  'attachment.lost_title': 'Pilih lagi berkas berikut',
  'attachment.lost_body':
    'Isian Anda belum terkirim. Berkas ini tidak dapat disimpan, pilih lagi (atau pilih berkas lain): {files}.',
  'attachment.kept':
    'Berkas sudah diterima ({size} KB) dan disimpan sementara: tidak perlu dipilih lagi. Pilih berkas lain hanya untuk menggantinya.',
  'attachment.drop': 'Hapus berkas ini',
  'attachment.kept_body': 'Berkas yang sudah diterima, tidak perlu dipilih lagi: {files}.',
} as const;

export const formMessagesEn: { [K in keyof typeof formMessagesId]: string } = {
  'limit.too_many_checks': 'Too many checks — try again in {minutes} min.',
  'limit.too_many_submissions': 'Too many submissions from this connection. Send it again in {minutes} min.',
  'limit.target_busy':
    'This number has been checked very often by others. Turn on JavaScript in your browser to check it now, or try again in {minutes} min.',
  'proof.invalid':
    'The security check is not valid or was already used. Send again: this page redoes the check itself.',
  'proof.expired': 'The security check has expired. Send again: this page redoes the check itself.',
  'proof.harder':
    'This number has been checked very often by others. To protect its owner the security check is harder: wait a few seconds, the form is sent again by itself.',
  'proof.working': 'Preparing the security check… the form is sent by itself when it is done.',
  'proof.noscript':
    'Without JavaScript this connection may make fewer checks (a third of the usual limit). When the limit is reached, this page says how many minutes to wait.',
  'field.date_impossible': 'That date does not exist. Check the day and the month.',
  'field.date_future': 'The date cannot be in the future.',
  'field.date_too_early': 'The date is too long ago. Check the year.',
  'attachment.lost_title': 'Choose these files again',
  'attachment.lost_body':
    'Your form has not been sent. These files could not be kept; choose them again (or other files): {files}.',
  'attachment.kept':
    'File received ({size} KB) and kept for now: no need to choose it again. Choose another file only to replace it.',
  'attachment.drop': 'Remove this file',
  'attachment.kept_body': 'Files already received, no need to choose them again: {files}.',
};

/**
 * The field as a phrase inside a sentence, per form where one name means two things (`reason`
 * on /sanggahan and on /lacak). `{n}` is a member's number as the form shows it.
 */
const FIELD_NAMES_ID = {
  'usulan.proposer': 'siapa yang mengusulkan',
  'usulan.proposer_name': 'nama pengusul',
  'usulan.proposer_relation': 'hubungan pengusul dengan keluarga',
  'usulan.head_nik': 'NIK kepala keluarga',
  'usulan.kk': 'nomor KK',
  'usulan.head_name': 'nama kepala keluarga',
  'usulan.birth_date': 'tanggal lahir kepala keluarga',
  'usulan.sex': 'jenis kelamin kepala keluarga',
  'usulan.address': 'alamat',
  'usulan.rt': 'nomor RT',
  'usulan.rw': 'nomor RW',
  'usulan.village_code': 'desa/kelurahan',
  'usulan.head_components': 'kondisi kepala keluarga',
  'usulan.members': 'anggota keluarga',
  'usulan.members.name': 'nama anggota {n}',
  'usulan.members.relation': 'hubungan anggota {n}',
  'usulan.members.birth_date': 'tanggal lahir anggota {n}',
  'usulan.members.components': 'kondisi anggota {n}',
  'usulan.socio.floor_area': 'luas lantai per orang',
  'usulan.socio.floor_material': 'bahan lantai terluas',
  'usulan.socio.wall_material': 'bahan dinding terluas',
  'usulan.socio.roof_material': 'bahan atap terluas',
  'usulan.socio.drinking_water': 'sumber air minum',
  'usulan.socio.lighting': 'sumber penerangan',
  'usulan.socio.cooking_fuel': 'bahan bakar memasak',
  'usulan.socio.sanitation': 'fasilitas buang air besar',
  'usulan.socio.head_occupation': 'pekerjaan kepala keluarga',
  'usulan.socio.income_band': 'penghasilan keluarga per bulan',
  'usulan.assets': 'aset yang dimiliki (atau "tidak ada")',
  'usulan.foto_ktp': 'foto KTP kepala keluarga',
  'usulan.foto_kk': 'foto Kartu Keluarga',
  'usulan.foto_rumah': 'foto rumah tampak depan',
  'usulan.phone': 'nomor HP',
  'usulan.email': 'e-mail',
  'sanggah_desil.head_nik': 'NIK kepala keluarga',
  'sanggah_desil.kk': 'nomor KK',
  'sanggah_desil.desil_seen': 'desil yang Anda lihat',
  'sanggah_desil.facts': 'data yang tidak sesuai',
  'sanggah_desil.fact_now': 'keadaan sekarang',
  'sanggah_desil.fact_now.pekerjaan': 'pekerjaan atau penghasilan sekarang',
  'sanggah_desil.fact_now.rumah': 'kondisi rumah sekarang',
  'sanggah_desil.fact_now.aset': 'aset atau kepemilikan sekarang',
  'sanggah_desil.fact_now.anggota': 'jumlah anggota keluarga sekarang',
  'sanggah_desil.fact_now.lainnya': 'keadaan lain yang tidak sesuai',
  'sanggah_desil.contact_name': 'nama Anda',
  'sanggah_desil.phone': 'nomor HP',
  'sanggah_desil.email': 'e-mail',
  'sanggah_desil.foto_1': 'foto 1',
  'sanggah_desil.foto_2': 'foto 2',
  'sanggah_desil.foto_3': 'foto 3',
  'aduan.program': 'program bantuan',
  'aduan.problem': 'masalahnya',
  'aduan.nik': 'NIK keluarga yang terdampak',
  'aduan.description': 'cerita aduan Anda',
  'aduan.lampiran_1': 'lampiran 1',
  'aduan.lampiran_2': 'lampiran 2',
  'aduan.lampiran_3': 'lampiran 3',
  'aduan.faskes': 'nama fasilitas kesehatan',
  'aduan.letter_date': 'tanggal surat',
  'aduan.surat': 'surat fasilitas kesehatan',
  'sanggahan.name': 'nama penerima yang dicari',
  'sanggahan.target': 'penerima yang disanggah',
  'sanggahan.reason': 'alasan sanggahan',
  'sanggahan.description': 'cerita sanggahan Anda',
  'sanggahan.foto': 'foto pendukung',
  'contact.name': 'nama Anda',
  'contact.phone': 'nomor HP',
  'contact.email': 'e-mail',
  'cek.nik': 'NIK',
  'cek.kk': 'nomor KK',
  'wilayah.name': 'nama penerima',
  'lacak.reference': 'nomor tiket',
  'lacak.tracking_code': 'kode lacak',
  'lacak.correction': 'perbaikan',
  'lacak.reason': 'alasan masalah belum selesai',
  'lacak.lampiran_perbaikan': 'berkas baru',
} as const;

type FieldName = keyof typeof FIELD_NAMES_ID;

const FIELD_NAMES_EN: { [K in FieldName]: string } = {
  'usulan.proposer': 'who proposes',
  'usulan.proposer_name': 'the proposer’s name',
  'usulan.proposer_relation': 'the proposer’s relation to the household',
  'usulan.head_nik': 'the NIK of the head of household',
  'usulan.kk': 'the KK number',
  'usulan.head_name': 'the name of the head of household',
  'usulan.birth_date': 'the birth date of the head of household',
  'usulan.sex': 'the sex of the head of household',
  'usulan.address': 'the address',
  'usulan.rt': 'the RT number',
  'usulan.rw': 'the RW number',
  'usulan.village_code': 'the village',
  'usulan.head_components': 'the condition of the head of household',
  'usulan.members': 'the household members',
  'usulan.members.name': 'the name of member {n}',
  'usulan.members.relation': 'the relation of member {n}',
  'usulan.members.birth_date': 'the birth date of member {n}',
  'usulan.members.components': 'the condition of member {n}',
  'usulan.socio.floor_area': 'the floor area per person',
  'usulan.socio.floor_material': 'the main floor material',
  'usulan.socio.wall_material': 'the main wall material',
  'usulan.socio.roof_material': 'the main roof material',
  'usulan.socio.drinking_water': 'the drinking water source',
  'usulan.socio.lighting': 'the lighting',
  'usulan.socio.cooking_fuel': 'the cooking fuel',
  'usulan.socio.sanitation': 'the toilet',
  'usulan.socio.head_occupation': 'the occupation of the head',
  'usulan.socio.income_band': 'the household income per month',
  'usulan.assets': 'the assets owned (or "none")',
  'usulan.foto_ktp': 'the photo of the head’s ID card',
  'usulan.foto_kk': 'the photo of the family card',
  'usulan.foto_rumah': 'the photo of the house front',
  'usulan.phone': 'the mobile number',
  'usulan.email': 'the e-mail',
  'sanggah_desil.head_nik': 'the head’s NIK',
  'sanggah_desil.kk': 'the KK number',
  'sanggah_desil.desil_seen': 'the desil you saw',
  'sanggah_desil.facts': 'the facts that are wrong',
  'sanggah_desil.fact_now': 'what is true now',
  'sanggah_desil.fact_now.pekerjaan': 'the work or income now',
  'sanggah_desil.fact_now.rumah': 'the condition of the house now',
  'sanggah_desil.fact_now.aset': 'the assets or property now',
  'sanggah_desil.fact_now.anggota': 'the number of household members now',
  'sanggah_desil.fact_now.lainnya': 'the other fact that is wrong',
  'sanggah_desil.contact_name': 'your name',
  'sanggah_desil.phone': 'the mobile number',
  'sanggah_desil.email': 'the e-mail',
  'sanggah_desil.foto_1': 'photo 1',
  'sanggah_desil.foto_2': 'photo 2',
  'sanggah_desil.foto_3': 'photo 3',
  'aduan.program': 'the program',
  'aduan.problem': 'the problem',
  'aduan.nik': 'the NIK of the affected household',
  'aduan.description': 'your complaint',
  'aduan.lampiran_1': 'attachment 1',
  'aduan.lampiran_2': 'attachment 2',
  'aduan.lampiran_3': 'attachment 3',
  'aduan.faskes': 'the health facility’s name',
  'aduan.letter_date': 'the date of the letter',
  'aduan.surat': 'the health facility’s letter',
  'sanggahan.name': 'the name to search for',
  'sanggahan.target': 'the recipient you object to',
  'sanggahan.reason': 'the reason for the objection',
  'sanggahan.description': 'your objection',
  'sanggahan.foto': 'the supporting photo',
  'contact.name': 'your name',
  'contact.phone': 'the mobile number',
  'contact.email': 'the e-mail',
  'cek.nik': 'the NIK',
  'cek.kk': 'the KK number',
  'wilayah.name': 'the recipient’s name',
  'lacak.reference': 'the ticket number',
  'lacak.tracking_code': 'the tracking code',
  'lacak.correction': 'the correction',
  'lacak.reason': 'why the problem is not solved',
  'lacak.lampiran_perbaikan': 'the new file',
};

/** Rules whose message does not say which field it is about, said with the field's name. */
const NAMED_ID: Record<string, string> = {
  'field.required': 'Isi {field}.',
  'nik.required': 'Isi {field}.',
  'kk.required': 'Isi {field}.',
  'field.choose': 'Pilih {field}.',
  'field.too_long':
    '{Field} terlalu panjang: maksimal {max} karakter. Teks Anda tetap ada di kotaknya; persingkat lalu kirim lagi.',
  'field.too_short': '{Field} terlalu pendek: minimal {min} karakter.',
  'field.name_chars': '{Field} hanya boleh berisi huruf, spasi, titik, tanda petik dan tanda hubung.',
  'field.invalid': '{Field} tidak valid.',
  'field.date_format': 'Tulis {field} seperti di KTP: HH-BB-TTTT, misalnya 21-07-1985.',
  'field.date_impossible': '{Field} tidak ada di kalender. Periksa hari dan bulannya.',
  'field.date_future': '{Field} tidak boleh di masa depan.',
  'field.date_too_early': '{Field} terlalu lampau. Periksa tahunnya.',
  'field.rt_rw_format': 'Tulis {field} dengan angka, misalnya 003.',
};

const NAMED_EN: Record<keyof typeof NAMED_ID, string> = {
  'field.required': 'Enter {field}.',
  'nik.required': 'Enter {field}.',
  'kk.required': 'Enter {field}.',
  'field.choose': 'Choose {field}.',
  'field.too_long':
    '{Field} is too long: at most {max} characters. Your text is still in its box; shorten it and send again.',
  'field.too_short': '{Field} is too short: at least {min} characters.',
  'field.name_chars': '{Field} may contain only letters, spaces, dots, apostrophes and hyphens.',
  'field.invalid': '{Field} is not valid.',
  'field.date_format': 'Write {field} as on the ID card: DD-MM-YYYY, e.g. 21-07-1985.',
  'field.date_impossible': '{Field} is not a real date. Check the day and the month.',
  'field.date_future': '{Field} cannot be in the future.',
  'field.date_too_early': '{Field} is too long ago. Check the year.',
  'field.rt_rw_format': 'Write {field} in digits, e.g. 003.',
};

/** Families of messages that are right but do not name their field: "{Field}: message". */
const PREFIXED = /^attachment\./;

const FIELD_NAMES: Record<Locale, Record<string, string>> = { id: FIELD_NAMES_ID, en: FIELD_NAMES_EN };
const NAMED: Record<Locale, Record<string, string>> = { id: NAMED_ID, en: NAMED_EN };

/**
 * The name of `field` on `form` (`members.3.name` on usulan → "nama anggota 5"), or undefined
 * for a field without one (its message then stands as it is).
 */
export function fieldName(locale: Locale, form: string, field: string): string | undefined {
  const row = /^members\.(\d+)\.(.+)$/.exec(field);
  const key = row ? `members.${row[2]}` : field;
  const name = FIELD_NAMES[locale][`${form}.${key}`] ?? FIELD_NAMES[locale][key];
  // Form row i is member i + 2: the head is member 1.
  return name && row ? name.replace('{n}', String(Number(row[1]) + 2)) : name;
}

const capitalise = (s: string) => s.charAt(0).toUpperCase() + s.slice(1);

/**
 * `key` (a catalogue key with `?params`, as the domain gives it) said about `field`, or undefined
 * when the plain message already says enough (then the caller translates it as usual).
 */
export function namedFieldMessage(
  locale: Locale,
  form: string,
  field: string,
  keyWithParams: string,
  plain: (key: string) => string,
): string | undefined {
  const [key = '', query] = keyWithParams.split('?', 2);
  const name = fieldName(locale, form, field);
  if (!name) return undefined;
  const template = NAMED[locale][key];
  if (template) {
    const params: Record<string, string> = {
      ...Object.fromEntries(new URLSearchParams(query ?? '')),
      field: name,
      Field: capitalise(name),
    };
    return template.replace(/\{(\w+)\}/g, (whole, p: string) => params[p] ?? whole);
  }
  if (PREFIXED.test(key)) return `${capitalise(name)}: ${plain(keyWithParams)}`;
  return undefined;
}
