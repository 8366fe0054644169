// A program profile as an office writes it (issue 19): what the program gives, how its periods
// run, its desil ceiling and channel, the programs it excludes, its benefit amounts, its criteria
// in plain words and the other names lists use for it. Checked whole, every problem at once, so
// nothing is half-saved; the checks that need the other programs (a code taken, an exclusion of
// an unknown program, an alias another program uses) take them as an argument.
import { z } from 'zod';
import { AppError } from '../errors.ts';
import { readRupiah } from '../import/amounts.ts';
import { blankToUndefined, fieldErrorsFrom, oneOf, optionalText, text } from '../tickets/forms/fields.ts';

/** What a program gives decides how a membership's status reads (in force, paid, collected). */
export const BENEFITS = ['cash', 'food_credit', 'premium', 'service', 'card'] as const;
export type Benefit = (typeof BENEFITS)[number];

export const PERIOD_KINDS = ['month', 'quarter', 'stage', 'year', 'once'] as const;
export type PeriodKind = (typeof PERIOD_KINDS)[number];

export interface BenefitAmount {
  label_id: string;
  label_en: string;
  /** Rupiah per period of the program. */
  amount: number;
}

export interface ProgramProfile {
  code: string;
  name: string;
  name_en: string;
  benefit: Benefit;
  period_kind: PeriodKind;
  desil_ceiling: number | null;
  channel_id: string;
  channel_en: string;
  excludes: string[];
  aliases: string[];
  amounts: BenefitAmount[];
  criteria_id: string;
  criteria_en: string;
  active_from: string | null;
  active_to: string | null;
  /** Null: national, kept by the admin; else the regency whose Dinas Sosial keeps it. */
  region_code: string | null;
}

/** A code as lists write it: capitals, digits and hyphens, at most 10 (the column's width). */
export const PROGRAM_CODE_PATTERN = /^[A-Z0-9][A-Z0-9-]{1,9}$/;

/** How a list's program cell and an alias are compared: case, spacing and `_`/`-`/`/` do not matter. */
export const programKey = (value: string): string =>
  value
    .normalize('NFKC')
    .toUpperCase()
    .replace(/[\s_/.-]+/g, ' ')
    .trim();

const MAX_ALIASES = 20;
const MAX_AMOUNTS = 20;

/** One per line, or separated by commas; blanks dropped. */
const listOf = (value: unknown): unknown =>
  typeof value === 'string'
    ? value
        .split(/[\n,;]/)
        .map((v) => v.trim())
        .filter((v) => v !== '')
    : value;

const isoDate = z.preprocess(
  blankToUndefined,
  z
    .string({ error: 'program.date_format' })
    .regex(/^\d{4}-\d{2}-\d{2}$/, { error: 'program.date_format' })
    .refine(
      (v) =>
        !Number.isNaN(Date.parse(`${v}T00:00:00Z`)) && new Date(`${v}T00:00:00Z`).toISOString().startsWith(v),
      {
        error: 'program.date_format',
      },
    )
    .optional(),
);

const ceiling = z.preprocess(
  (v) => (typeof v === 'string' ? (v.trim() === '' ? undefined : Number(v.trim())) : v),
  z
    .number({ error: 'program.ceiling_range' })
    .int({ error: 'program.ceiling_range' })
    .min(1, { error: 'program.ceiling_range' })
    .max(10, { error: 'program.ceiling_range' })
    .optional(),
);

/**
 * Amount lines as the form writes them: `Ibu hamil | Pregnancy | Rp 750.000`, one per line; or
 * the objects the JSON API sends. Amounts are read like a list's (`750rb`, `Rp 750.000,00`).
 */
function readAmounts(value: unknown, ctx: z.RefinementCtx): BenefitAmount[] {
  const lines =
    typeof value === 'string'
      ? value
          .split('\n')
          .map((l) => l.trim())
          .filter((l) => l !== '')
      : Array.isArray(value)
        ? value
        : value === undefined || value === null
          ? []
          : null;
  if (lines === null || lines.length > MAX_AMOUNTS) {
    ctx.addIssue({ code: 'custom', message: 'program.amounts_format' });
    return [];
  }
  const amounts: BenefitAmount[] = [];
  for (const line of lines) {
    const parts =
      typeof line === 'string'
        ? line.split('|').map((p) => p.trim())
        : line && typeof line === 'object'
          ? [
              (line as Record<string, unknown>).label_id,
              (line as Record<string, unknown>).label_en,
              (line as Record<string, unknown>).amount,
            ]
          : [];
    const [labelIdCell, labelEnCell, amountText] = parts.length === 2 ? [parts[0], '', parts[1]] : parts;
    const reading =
      typeof amountText === 'number'
        ? Number.isSafeInteger(amountText) && amountText >= 0
          ? { ok: true as const, rupiah: amountText }
          : { ok: false as const }
        : typeof amountText === 'string'
          ? readRupiah(amountText)
          : { ok: false as const };
    const label = typeof labelIdCell === 'string' ? labelIdCell.trim() : '';
    const labelEn = typeof labelEnCell === 'string' ? labelEnCell.trim() : '';
    if (!reading.ok || label === '' || label.length > 100 || labelEn.length > 100 || parts.length > 3) {
      ctx.addIssue({ code: 'custom', message: 'program.amounts_format' });
      return [];
    }
    amounts.push({ label_id: label, label_en: labelEn, amount: reading.rupiah });
  }
  return amounts;
}

const codes = z.preprocess(
  listOf,
  z.array(
    z.string({ error: 'program.excludes_unknown' }).transform((v) => v.trim().toUpperCase()),
    {
      error: 'program.excludes_unknown',
    },
  ),
);

const aliases = z.preprocess(
  listOf,
  z
    .array(text({ max: 60 }), { error: 'program.aliases_format' })
    .max(MAX_ALIASES, { error: `program.aliases_too_many?max=${MAX_ALIASES}` }),
);

const profileSchema = z.object({
  code: z.preprocess(
    (v) => (typeof v === 'string' ? v.trim().toUpperCase() : v),
    z.string({ error: 'field.required' }).regex(PROGRAM_CODE_PATTERN, { error: 'program.code_format' }),
  ),
  name: text({ max: 120, min: 2 }),
  name_en: z.preprocess((v) => v ?? '', text({ max: 120, required: false })),
  benefit: oneOf(BENEFITS),
  period_kind: oneOf(PERIOD_KINDS),
  desil_ceiling: ceiling,
  channel_id: z.preprocess((v) => v ?? '', text({ max: 200, required: false })),
  channel_en: z.preprocess((v) => v ?? '', text({ max: 200, required: false })),
  excludes: z.preprocess((v) => v ?? [], codes),
  aliases: z.preprocess((v) => v ?? [], aliases),
  amounts: z.unknown().transform(readAmounts),
  criteria_id: text({ max: 2000, min: 10 }),
  criteria_en: optionalText(2000),
  active_from: isoDate,
  active_to: isoDate,
});

/** The other programs, as the checks that span programs need them. */
export interface OtherPrograms {
  /** Every code defined, this one's too when it is an edit. */
  codes: ReadonlySet<string>;
  /** Each other program's code and aliases (by `programKey`), with whose they are. */
  namesInUse: ReadonlyMap<string, string>;
}

export type ProfileInput = Omit<ProgramProfile, 'region_code'>;

/** What the office typed, checked; throws `validation_failed` with every problem at once. */
export function validateProfile(
  raw: unknown,
  others: OtherPrograms,
  mode: 'create' | 'update',
): ProfileInput {
  const given = raw && typeof raw === 'object' ? raw : {};
  const parsed = profileSchema.safeParse(given);
  const errors = parsed.success ? {} : fieldErrorsFrom(parsed.error);
  // The checks across programs and fields, each on its field as far as that field was read.
  const field = <K extends keyof z.infer<typeof profileSchema>>(key: K) => {
    const one = profileSchema.shape[key].safeParse((given as Record<string, unknown>)[key]);
    return one.success && !errors[key] ? (one.data as z.infer<typeof profileSchema>[K]) : undefined;
  };
  const code = field('code');
  if (code !== undefined) {
    const owner = others.namesInUse.get(programKey(code));
    if ((mode === 'create' && others.codes.has(code)) || (owner !== undefined && owner !== code))
      errors.code = 'program.code_taken';
  }
  const excludes = field('excludes');
  if (excludes !== undefined && code !== undefined && excludes.includes(code))
    errors.excludes = 'program.excludes_self';
  else if (excludes?.some((c) => !others.codes.has(c))) errors.excludes = 'program.excludes_unknown';
  const aliasesGiven = field('aliases');
  const clash = aliasesGiven?.find((a) => {
    const owner = others.namesInUse.get(programKey(a));
    return owner !== undefined && owner !== code;
  });
  if (clash) errors.aliases = 'program.alias_taken';
  const from = field('active_from');
  const to = field('active_to');
  if (from && to && to < from) errors.active_to = 'program.active_order';
  if (!parsed.success || Object.keys(errors).length > 0) throw new AppError('validation_failed', errors);
  const v = parsed.data;
  return {
    code: v.code,
    name: v.name,
    name_en: v.name_en,
    benefit: v.benefit,
    period_kind: v.period_kind,
    desil_ceiling: v.desil_ceiling ?? null,
    channel_id: v.channel_id,
    channel_en: v.channel_en,
    excludes: [...new Set(v.excludes)],
    aliases: [...new Map(v.aliases.map((a) => [programKey(a), a])).values()],
    amounts: v.amounts,
    criteria_id: v.criteria_id,
    criteria_en: v.criteria_en ?? '',
    active_from: v.active_from ?? null,
    active_to: v.active_to ?? null,
  };
}
