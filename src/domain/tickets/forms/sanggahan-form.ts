// The sanggahan (objection) form: the recipient picked from a region + name search by its
// opaque id, the reason, what the objector saw, and contact or anonymity.
import { z } from 'zod';
import { residentContact } from './contact.ts';
import { consent, oneOf, text } from './fields.ts';

export const SANGGAHAN_REASONS = [
  'sudah_mampu',
  'meninggal',
  'pindah',
  'tidak_ditemukan',
  'ganda_atau_program_eksklusif',
  'lainnya',
] as const;

export const sanggahanSchema = z.object({
  target: z
    .string({ error: 'sanggahan.target_required' })
    .min(1, { error: 'sanggahan.target_required' })
    .max(200),
  reason: oneOf(SANGGAHAN_REASONS),
  description: text({ max: 2000, min: 10 }),
  contact: residentContact,
  consent,
});

export type SanggahanInput = z.infer<typeof sanggahanSchema>;
