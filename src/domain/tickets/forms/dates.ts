// Dates residents give: ISO (`1985-07-21`) in the API; on the pages also as printed on the KTP
// (`21-07-1985`, `21/07/1985`), turned into ISO before the same rules judge them.
import { isValid, parse } from 'date-fns';
import { z } from 'zod';

const ISO = /^\d{4}-\d{2}-\d{2}$/;
const KTP = /^(\d{1,2})[-/.](\d{1,2})[-/.](\d{4})$/;
const JAKARTA_OFFSET_MS = 7 * 60 * 60 * 1000;

/** Today's calendar date in Jakarta (UTC+7), where the residents are, as `yyyy-MM-dd`. */
export function jakartaToday(now: Date): string {
  return new Date(now.getTime() + JAKARTA_OFFSET_MS).toISOString().slice(0, 10);
}

/** True for a day that exists: not `1948-02-30`, not `2023-02-29`. */
export function isCalendarDate(iso: string): boolean {
  // A fixed reference date: only the fields written in `iso` are read.
  return ISO.test(iso) && isValid(parse(iso, 'yyyy-MM-dd', new Date(2000, 0, 1)));
}

/**
 * A date as a resident types it on a page → ISO, by shape only (`30-02-1948` → `1948-02-30`, which
 * the rules then refuse as a day that does not exist). Anything else is handed on as typed.
 */
export function residentDateToIso(typed: string): string {
  const trimmed = typed.trim();
  const ktp = KTP.exec(trimmed);
  if (!ktp) return trimmed;
  const [, day = '', month = '', year = ''] = ktp;
  return `${year}-${month.padStart(2, '0')}-${day.padStart(2, '0')}`;
}

/** Nobody alive was born before this; an earlier year is a typo. */
const EARLIEST = '1900-01-01';

/** The first rule an ISO birth date breaks, or null: a real day, not before 1900, not after today. */
export function birthDateRule(value: string, today: Date): string | null {
  if (value === '') return 'field.required';
  if (!ISO.test(value)) return 'field.date_format';
  if (!isCalendarDate(value)) return 'field.date_impossible';
  if (value > jakartaToday(today)) return 'field.date_future';
  if (value < EARLIEST) return 'field.date_too_early';
  return null;
}

/**
 * A birth date in ISO form (see `birthDateRule`), one message at a time. Not with `abort` checks:
 * an aborted issue would stop the form's cross-field rules (zod skips them even with `when`).
 */
export function birthDate(today: Date) {
  return z
    .string({ error: 'field.required' })
    .trim()
    .superRefine((value, ctx) => {
      const rule = birthDateRule(value, today);
      if (rule) ctx.addIssue({ code: 'custom', message: rule });
    });
}
