// The program profile form's text: a profile written into its fields (lists one per line, amounts
// as `uraian | uraian English | Rp 750.000`) and a posted form read back into what
// `validateProfile` takes. The same words go both ways, so a saved profile opens unchanged.
import type { ProgramProfile } from '../../domain/program-profiles/profile.ts';
import { formatRupiah } from '../../i18n/messages.ts';
import type { OfficerForm } from './officer-page.ts';

/** The form's fields in page order; the error summary lists them in this order too. */
export const PROGRAM_FIELDS = [
  'code',
  'name',
  'name_en',
  'benefit',
  'period_kind',
  'desil_ceiling',
  'channel_id',
  'channel_en',
  'excludes',
  'aliases',
  'amounts',
  'criteria_id',
  'criteria_en',
  'active_from',
  'active_to',
] as const;
export type ProgramField = (typeof PROGRAM_FIELDS)[number];

/** What the form shows: each field's text, and the ticked excluded programs. */
export interface ProgramFormValues {
  text: Partial<Record<ProgramField, string>>;
  excludes: string[];
}

export const EMPTY_PROGRAM_FORM: ProgramFormValues = { text: {}, excludes: [] };

export function formValuesOf(p: ProgramProfile): ProgramFormValues {
  return {
    text: {
      code: p.code,
      name: p.name,
      name_en: p.name_en,
      benefit: p.benefit,
      period_kind: p.period_kind,
      desil_ceiling: p.desil_ceiling === null ? '' : String(p.desil_ceiling),
      channel_id: p.channel_id,
      channel_en: p.channel_en,
      aliases: p.aliases.join('\n'),
      amounts: p.amounts.map((a) => [a.label_id, a.label_en, formatRupiah(a.amount)].join(' | ')).join('\n'),
      criteria_id: p.criteria_id,
      criteria_en: p.criteria_en,
      active_from: p.active_from ?? '',
      active_to: p.active_to ?? '',
    },
    excludes: [...p.excludes],
  };
}

/** What the officer posted, as typed: shown again on a refusal and given to the domain. */
export function postedValues(form: OfficerForm): ProgramFormValues {
  const text: ProgramFormValues['text'] = {};
  for (const field of PROGRAM_FIELDS) if (field !== 'excludes') text[field] = form.get(field);
  return { text, excludes: form.all('excludes').filter((c) => c !== '') };
}

/** The profile as the domain reads it; the textareas' lists it splits itself. */
export function profileInputOf(values: ProgramFormValues): Record<string, unknown> {
  return { ...values.text, excludes: values.excludes };
}

/**
 * The domain names an item of a list (`aliases.3`); the form has one field for the list, so the
 * message stands there. The first message of a field wins, as the domain's own do.
 */
export function onFormFields(errors: Record<string, string>): Record<string, string> {
  const shown: Record<string, string> = {};
  for (const [key, message] of Object.entries(errors)) {
    const field = key.split('.')[0] ?? key;
    shown[field] ??= message;
  }
  return shown;
}

/** A program's name with its code, once: "BPNT / Sembako (BPNT)", "Program Keluarga Harapan (PKH)". */
export const programLabel = (name: string, code: string): string =>
  name.includes(`(${code})`) ? name : `${name} (${code})`;
