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

/** A birth date in ISO form: a real day, not before 1900, not after today in Jakarta. */
export function birthDate(today: Date) {
  const latest = jakartaToday(today);
  return z
    .string({ error: 'field.required' })
    .trim()
    .min(1, { error: 'field.required', abort: true })
    .regex(ISO, { error: 'field.date_format', abort: true })
    .refine(isCalendarDate, { error: 'field.date_impossible', abort: true })
    .refine((d) => d <= latest, { error: 'field.date_future', abort: true })
    .refine((d) => d >= EARLIEST, { error: 'field.date_too_early' });
}
