// What the residents' /usulan and the RT/RW head's batch form (/petugas/usulan-rt) do alike with
// a posted household: the same fields, read and handed to the domain the same way.
import { residentDateToIso } from '../../domain/tickets/forms/dates.ts';
import { MAX_MEMBERS, SOCIO_QUESTIONS } from '../../domain/tickets/forms/usulan-form.ts';
import { keptRows, type ReadForm } from './form-data.ts';

/** Fields read as lists even when one box is ticked. */
export const HOUSEHOLD_LIST_FIELDS = [/^head_components$/, /^members\.\d+\.components$/, /^assets$/];

// Dates as printed on the KTP (21-07-1985) go to the domain in the API's ISO form; the page
// shows again what was typed.
const asIso = (v: unknown) => (typeof v === 'string' ? residentDateToIso(v) : v);

/**
 * The household as the domain takes it (only the member rows with something typed, dates in ISO)
 * and, for each row sent, the row of the page it came from, to put its errors back beside it.
 */
export function householdPayload(read: ReadForm): { data: Record<string, unknown>; origin: number[] } {
  const members = keptRows(read.data.members);
  return {
    data: {
      ...read.data,
      birth_date: asIso(read.data.birth_date),
      members: members.rows.map((m) => ({ ...m, birth_date: asIso(m.birth_date) })),
    },
    origin: members.origin,
  };
}

/** Member rows to show: as many as were typed, at least `minimum`, one more after "add a member". */
export function memberRowCount(read: ReadForm, minimum: number): number {
  const typed = Array.isArray(read.data.members) ? read.data.members.length : 0;
  return Math.min(MAX_MEMBERS, Math.max(minimum, typed) + (read.values.step === 'add_member' ? 1 : 0));
}

/** The fields of HouseholdAnswers.astro in page order, for the error summary. */
export function householdAnswerOrder(rowCount: number): string[] {
  return [
    ...Array.from({ length: rowCount }, (_, i) =>
      ['name', 'relation', 'birth_date', 'components'].map((f) => `members.${i}.${f}`),
    ).flat(),
    ...Object.keys(SOCIO_QUESTIONS).map((q) => `socio.${q}`),
    'assets',
  ];
}
