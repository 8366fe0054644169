// Field rules shared by the resident forms. Every message is a catalogue key, optionally with
// parameters after `?` (`field.too_long?max=200`), so the edge can say it in the user's language.
import { z } from 'zod';
import { jakartaToday } from './dates.ts';

/**
 * Control and format characters never belong in what a person typed, except line breaks, tabs
 * and the joiners that emoji sequences and Persian/Arabic words need (U+200C, U+200D).
 */
const KEPT = new Set(['\n', '\t', '\u200c', '\u200d']);

function clean(value: string): string {
  return value
    .normalize('NFC')
    .replace(/[\p{Cc}\p{Cf}]/gu, (c) => (KEPT.has(c) ? c : ''))
    .trim();
}

export function text(options: { max: number; min?: number; required?: boolean }) {
  const base = z
    .string({ error: 'field.required' })
    .transform(clean)
    .pipe(z.string().max(options.max, { error: `field.too_long?max=${options.max}` }));
  if (options.required === false) return base;
  return base.pipe(
    z
      .string()
      .min(1, { error: 'field.required' })
      .min(options.min ?? 1, { error: `field.too_short?min=${options.min ?? 1}` }),
  );
}

/** Letters (any script), combining marks, spaces, dots, apostrophes and hyphens: no digits or emoji. */
export const personName = text({ max: 100, min: 2 }).pipe(
  z.string().regex(/^[\p{L}\p{M}][\p{L}\p{M} .'’-]*$/u, { error: 'field.name_chars' }),
);

/** Indonesian phone numbers as people write them (0812-3456-789, +62 812…), stored as +62…. */
export const phone = z
  .string()
  .transform((v) => v.replace(/[\s().-]/g, ''))
  .pipe(
    z
      .string()
      .regex(/^(\+62|62|0)8\d{7,11}$/, { error: 'contact.phone_format' })
      .transform((v) => `+62${v.replace(/^(\+62|62|0)/, '')}`),
  );

export const email = z
  .string()
  .transform((v) => v.trim().toLowerCase())
  .pipe(z.email({ error: 'contact.email_format' }).max(200, { error: 'field.too_long?max=200' }));

export const blankToUndefined = (v: unknown) => (typeof v === 'string' && v.trim() === '' ? undefined : v);

/** Text that may be left out or blank (then undefined). */
export const optionalText = (max: number) =>
  z.preprocess(blankToUndefined, text({ max, required: false }).optional());

export const optionalPhone = z.preprocess(blankToUndefined, phone.optional());
export const optionalEmail = z.preprocess(blankToUndefined, email.optional());

/** A checkbox or yes/no field: `ya`, `true`, `on`, `1` or true mean yes. */
export const yes = z.preprocess(
  (v) => v === true || v === 'ya' || v === 'true' || v === 'on' || v === '1',
  z.boolean(),
);

export const consent = yes.refine((v) => v, { error: 'consent.required' });

export function oneOf<const T extends readonly [string, ...string[]]>(values: T, message = 'field.choose') {
  return z.enum(values, { error: message });
}

/** Path of a zod issue as the form field name (`members.0.name`). */
export function fieldErrorsFrom(error: z.ZodError): Record<string, string> {
  const fields: Record<string, string> = {};
  for (const issue of error.issues) {
    const key = issue.path.length > 0 ? issue.path.join('.') : 'form';
    fields[key] ??= issue.message.includes('.') ? issue.message : 'field.invalid';
  }
  return fields;
}

/** What the forms' rules look up: the official districts, and today's date. */
export interface FormContext {
  districtExists: (code: string) => boolean;
  today: Date;
}

/**
 * A form's schema built once per region directory and day instead of per submission: building
 * a zod schema (and the parser zod compiles for it) cost more than checking a submission with
 * it. The rules compare dates only: a NIK's birth date against today's UTC date, a typed birth
 * date against Jakarta's (dates.ts). A schema built earlier on the same pair of dates answers
 * exactly as a new one would.
 */
export function builtPerDay<S>(build: (ctx: FormContext) => S): (ctx: FormContext) => S {
  const built = new WeakMap<FormContext['districtExists'], { day: string; schema: S }>();
  return (ctx) => {
    const day = `${ctx.today.toISOString().slice(0, 10)} ${jakartaToday(ctx.today)}`;
    const cached = built.get(ctx.districtExists);
    if (cached?.day === day) return cached.schema;
    const schema = build(ctx);
    built.set(ctx.districtExists, { day, schema });
    return schema;
  };
}

/**
 * For a refinement across fields that must run even when some field failed, so that one
 * submission reports every error at once (zod skips refinements after any failure by default).
 * Still not when the value is not an object at all; the rule must check the type of what it reads.
 */
export const evenAfterFieldErrors = {
  when: (payload: { value: unknown }) =>
    typeof payload.value === 'object' && payload.value !== null && !Array.isArray(payload.value),
};
