// A submission as the officer reads it: each field of the stored form (usulan, sanggahan, aduan)
// under its name in words and each chosen option in words (issue 20 item 6: `head_nik`,
// `socio floor_area: kurang_8`, `consent true`, `reason tidak_ditemukan` were shown as stored).
// The stored payload keeps its codes; only the screen speaks.
import type { Locale } from '../../i18n/locale.ts';
import { isMessageKey, type MessageKey, translate } from '../../i18n/messages.ts';

export interface SubmissionRow {
  label: string;
  /** One line per item for a list (members, options), else one line. */
  text: string;
}

/** What the page needs besides the locale: a village's name for a stored village code. */
export interface SubmissionContext {
  locale: Locale;
  villageName: (code: string) => string | undefined;
  /** A program without words of its own (one the office added): its profile's name. */
  programName?: (code: string) => string;
}

/** The label of each payload field; a field not listed is shown as "Isian lain". */
const LABELS: Record<string, MessageKey> = {
  proposer: 'usulan.proposer',
  proposer_name: 'usulan.proposerName',
  proposer_relation: 'usulan.proposerRelation',
  head_nik: 'usulan.headNik',
  kk: 'usulan.kk',
  head_name: 'bo.sub.headName',
  birth_date: 'bo.sub.birthDate',
  sex: 'usulan.sex',
  address: 'bo.sub.address',
  rt: 'usulan.rt',
  rw: 'usulan.rw',
  village_code: 'bo.sub.village',
  phone: 'bo.sub.phone',
  email: 'bo.sub.email',
  members: 'usulan.section.members',
  head_components: 'usulan.headComponents',
  assets: 'usulan.assets',
  consent: 'bo.sub.consent',
  reason: 'sanggahan.reason',
  description: 'bo.sub.description',
  program: 'aduan.program',
  problem: 'aduan.problem',
  nik: 'aduan.nik',
  faskes: 'reactivation.facilityShown',
  letter_date: 'reactivation.letterDate',
  request: 'data_request.label.request',
  field: 'data_request.label.field',
  wrong: 'data_request.label.wrong',
  right: 'data_request.label.right',
  note: 'data_request.label.note',
};

/** The message family of each coded field's values (`usulan.proposer.rt_rw`, …). */
const VALUE_FAMILIES: Record<string, string> = {
  proposer: 'usulan.proposer',
  sex: 'usulan.sex',
  head_components: 'component',
  assets: 'asset',
  reason: 'sanggahan.reason',
  program: 'aduan.program',
  problem: 'aduan.problem',
  relation: 'relation',
  components: 'component',
  request: 'data_request.kind',
  field: 'data_request.subject',
};

/** The contact's fields, in the order the officer calls or writes. */
const CONTACT_LABELS: [string, MessageKey][] = [
  ['name', 'bo.sub.contactName'],
  ['phone', 'bo.sub.phone'],
  ['email', 'bo.sub.email'],
];

/** A table's entry for a stored field name: own entries only (a payload may hold `__proto__`). */
const own = <T>(table: Record<string, T>, key: string): T | undefined =>
  Object.hasOwn(table, key) ? table[key] : undefined;

function words(locale: Locale, key: string, fallback: string): string {
  return isMessageKey(key) ? translate(locale, key) : fallback;
}

/** `1985-03-12` → `12 Maret 1985`; anything else as it was typed. */
function dateText(locale: Locale, value: string): string {
  if (!/^\d{4}-\d{2}-\d{2}$/.test(value)) return value;
  const date = new Date(`${value}T00:00:00Z`);
  if (Number.isNaN(date.getTime())) return value;
  return date.toLocaleDateString(locale === 'id' ? 'id-ID' : 'en-GB', { dateStyle: 'long', timeZone: 'UTC' });
}

/** A value nobody coded for: its text, lists and objects flattened to their values. */
function plain(value: unknown): string {
  if (value === null || value === undefined || value === '') return '—';
  if (Array.isArray(value)) return value.map(plain).join(', ');
  if (typeof value === 'object')
    return Object.values(value as Record<string, unknown>)
      .map(plain)
      .join(' · ');
  return String(value);
}

function coded(locale: Locale, family: string, value: unknown): string {
  if (typeof value !== 'string') return plain(value);
  return words(locale, `${family}.${value}`, value);
}

function codedList(locale: Locale, family: string, value: unknown): string {
  if (!Array.isArray(value)) return coded(locale, family, value);
  return value.length === 0
    ? translate(locale, 'bo.sub.none')
    : value.map((v) => coded(locale, family, v)).join(', ');
}

/** One family member per line: name · relation · birth date · conditions. */
function memberLines(locale: Locale, value: unknown): string {
  if (!Array.isArray(value) || value.length === 0) return translate(locale, 'bo.sub.none');
  return value
    .map((member) => {
      if (!member || typeof member !== 'object') return plain(member);
      const m = member as Record<string, unknown>;
      const components =
        Array.isArray(m.components) && m.components.length > 0
          ? codedList(locale, 'component', m.components)
          : '';
      return [
        plain(m.name),
        coded(locale, 'relation', m.relation),
        typeof m.birth_date === 'string' ? dateText(locale, m.birth_date) : '',
        components,
      ]
        .filter((part) => part && part !== '—')
        .join(' · ');
    })
    .join('\n');
}

function valueText(field: string, value: unknown, context: SubmissionContext): string {
  const { locale } = context;
  if (field === 'consent')
    return translate(locale, value === true ? 'bo.sub.consentGiven' : 'bo.sub.consentMissing');
  if (field === 'village_code' && typeof value === 'string') return context.villageName(value) ?? value;
  if (field === 'birth_date' && typeof value === 'string') return dateText(locale, value);
  if (field === 'members') return memberLines(locale, value);
  if (field === 'program' && typeof value === 'string' && context.programName)
    return words(locale, `aduan.program.${value}`, context.programName(value));
  const family = own(VALUE_FAMILIES, field);
  if (family) return Array.isArray(value) ? codedList(locale, family, value) : coded(locale, family, value);
  return plain(value);
}

/** The socio-economic answers, each question under its own name (`socio.floor_area`). */
function socioRows(value: unknown, locale: Locale): SubmissionRow[] {
  if (!value || typeof value !== 'object') return [];
  return Object.entries(value as Record<string, unknown>).map(([question, answer]) => ({
    label: words(locale, `socio.${question}`, translate(locale, 'bo.sub.other')),
    text: coded(locale, `socio.${question}`, answer),
  }));
}

/** The payload's fields in words, in the order they were stored; the `kind` marker left out. */
export function submissionRows(
  payload: Record<string, unknown>,
  context: SubmissionContext,
): SubmissionRow[] {
  const { locale } = context;
  return Object.entries(payload)
    .filter(([field]) => field !== 'kind')
    .flatMap(([field, value]) => {
      if (field === 'socio') return socioRows(value, locale);
      const label = own(LABELS, field);
      return [{ label: translate(locale, label ?? 'bo.sub.other'), text: valueText(field, value, context) }];
    });
}

/** The contact as rows (name, phone, e-mail); nothing of an anonymous submission. */
export function contactRows(contact: Record<string, unknown> | null, locale: Locale): SubmissionRow[] {
  if (!contact) return [];
  return CONTACT_LABELS.filter(([field]) => typeof contact[field] === 'string' && contact[field] !== '').map(
    ([field, label]) => ({ label: translate(locale, label), text: String(contact[field]) }),
  );
}

/** An attachment's purpose in words (`foto_ktp` → "Foto KTP kepala keluarga"), from its form field. */
export function attachmentPurpose(purpose: string, locale: Locale): string {
  const numbered = /^lampiran_(\d+)$/.exec(purpose);
  if (numbered) return translate(locale, 'aduan.attachment', { n: numbered[1] ?? '' });
  if (purpose === 'lampiran_perbaikan') return translate(locale, 'lacak.newAttachment');
  if (purpose === 'foto') return translate(locale, 'sanggahan.photo');
  if (purpose === 'surat') return translate(locale, 'reactivation.letter');
  const photo = `usulan.photo.${purpose}`;
  return isMessageKey(photo) ? translate(locale, photo) : translate(locale, 'bo.sub.file');
}
