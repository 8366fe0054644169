// The aduan (SLRT complaint) form: which program, what went wrong, whose household (optional),
// the story, and contact or anonymity.
import { z } from 'zod';
import { parseNik } from '../../nik/nik.ts';
import { ADUAN_PROBLEMS, ADUAN_PROGRAMS } from '../aduan-catalogue.ts';
import { residentContact } from './contact.ts';
import { consent, evenAfterFieldErrors, oneOf, text } from './fields.ts';

export const DESCRIPTION_MAX = 4000;

export function aduanSchema(ctx: { districtExists: (code: string) => boolean; today: Date }) {
  return (
    z
      .object({
        program: oneOf(ADUAN_PROGRAMS),
        problem: oneOf(ADUAN_PROBLEMS),
        nik: z.string().max(64, { error: 'nik.format' }).optional(),
        description: text({ max: DESCRIPTION_MAX, min: 10 }),
        contact: residentContact,
        consent,
      })
      // Also when other fields failed (`evenAfterFieldErrors`): every error of a submission at once.
      .superRefine((a, issue) => {
        if (typeof a.nik !== 'string' || a.nik.trim() === '' || a.nik.length > 64) return;
        const nik = parseNik(a.nik, ctx.districtExists, ctx.today);
        if (!nik.ok) issue.addIssue({ code: 'custom', path: ['nik'], message: `nik.${nik.rule}` });
      }, evenAfterFieldErrors)
      .transform((a) => ({ ...a, nik: a.nik?.trim() ? a.nik.replace(/[\s.-]/g, '') : null }))
  );
}

export type AduanInput = z.infer<ReturnType<typeof aduanSchema>>;
