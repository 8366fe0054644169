// The aduan (SLRT complaint) form: which program, what went wrong, whose household (optional),
// the story, and contact or anonymity. A PBI-JK reactivation (reactivation.ts) also names the
// patient by NIK (required then) and the health facility whose letter comes with it.
import { z } from 'zod';
import { parseNik } from '../../nik/nik.ts';
import { ADUAN_PROBLEMS } from '../aduan-catalogue.ts';
import { REACTIVATION_PROGRAM, REACTIVATION_TOPIC } from '../reactivation.ts';
import { DESK_ANSWERED_TOPICS } from '../workflow.ts';
import { residentContact } from './contact.ts';
import { isCalendarDate, jakartaToday, residentDateToIso } from './dates.ts';
import { consent, evenAfterFieldErrors, oneOf, optionalText, text } from './fields.ts';

export const DESCRIPTION_MAX = 4000;
/** A code of the catalogue or an SLRT category (`tickets.program` is 20 characters wide). */
const PROGRAM_CODE = /^[A-Z0-9][A-Z0-9_-]{0,19}$/;
export const FACILITY_MAX = 200;

/** The letter's date, optional: a real day, not after today, as typed on a page or in ISO. */
function letterDate(today: Date) {
  return z.preprocess(
    (v) => (typeof v === 'string' ? (v.trim() === '' ? undefined : residentDateToIso(v)) : v),
    z
      .string({ error: 'field.date_format' })
      .max(10, { error: 'field.date_format' })
      .superRefine((value, ctx) => {
        if (!/^\d{4}-\d{2}-\d{2}$/.test(value))
          ctx.addIssue({ code: 'custom', message: 'field.date_format' });
        else if (!isCalendarDate(value)) ctx.addIssue({ code: 'custom', message: 'field.date_impossible' });
        else if (value > jakartaToday(today)) ctx.addIssue({ code: 'custom', message: 'field.date_future' });
      })
      .optional(),
  );
}

export function aduanSchema(ctx: { districtExists: (code: string) => boolean; today: Date }) {
  return (
    z
      .object({
        // A program code's shape only: which codes are on the list is the database's (the
        // catalogue), checked by submitAduan against `aduanProgramsToCheck`.
        program: z.string({ error: 'field.choose' }).regex(PROGRAM_CODE, { error: 'field.choose' }),
        problem: oneOf(ADUAN_PROBLEMS),
        nik: z.string().max(64, { error: 'nik.format' }).optional(),
        faskes: optionalText(FACILITY_MAX),
        letter_date: letterDate(ctx.today),
        description: text({ max: DESCRIPTION_MAX, min: 10 }),
        contact: residentContact,
        consent,
      })
      // Also when other fields failed (`evenAfterFieldErrors`): every error of a submission at once.
      .superRefine((a, issue) => {
        if (a.problem === REACTIVATION_TOPIC) reactivationRules(a, (i) => issue.addIssue(i));
        // A data request proves the household with NIK + KK on its own form (decision 0033).
        if ((DESK_ANSWERED_TOPICS as readonly unknown[]).includes(a.problem))
          issue.addIssue({ code: 'custom', path: ['problem'], message: 'data_request.own_form' });
        if (typeof a.nik !== 'string' || a.nik.trim() === '' || a.nik.length > 64) return;
        const nik = parseNik(a.nik, ctx.districtExists, ctx.today);
        if (!nik.ok) issue.addIssue({ code: 'custom', path: ['nik'], message: `nik.${nik.rule}` });
      }, evenAfterFieldErrors)
      .transform(({ faskes, letter_date, ...a }) => ({
        ...a,
        nik: a.nik?.trim() ? a.nik.replace(/[\s.-]/g, '') : null,
        // The facility and the letter's date belong to a reactivation only.
        ...(a.problem === REACTIVATION_TOPIC
          ? { faskes: faskes ?? null, letter_date: letter_date ?? null }
          : {}),
      }))
  );
}

export type AduanInput = z.infer<ReturnType<typeof aduanSchema>>;

type AddIssue = (issue: { code: 'custom'; path: string[]; message: string }) => void;

/** A reactivation is about PBI-JK, names the patient's NIK and the facility that wrote the letter. */
function reactivationRules(a: { program?: unknown; nik?: unknown; faskes?: unknown }, addIssue: AddIssue) {
  if (a.program !== undefined && a.program !== REACTIVATION_PROGRAM)
    addIssue({ code: 'custom', path: ['program'], message: 'reactivation.program_pbi_jk' });
  if (typeof a.nik !== 'string' || a.nik.trim() === '')
    addIssue({ code: 'custom', path: ['nik'], message: 'reactivation.nik_required' });
  if (typeof a.faskes !== 'string' || a.faskes.trim() === '')
    addIssue({ code: 'custom', path: ['faskes'], message: 'reactivation.facility_required' });
}
