// Request bodies of the JSON API, shared by the routes and the OpenAPI document.
import { z } from 'zod';

export const CekRequest = z
  .object({
    nik: z.string({ error: 'nik.format' }).max(64, { error: 'nik.format' }),
    kk: z.string({ error: 'kk.format' }).max(64, { error: 'kk.format' }),
  })
  .meta({ example: { nik: '3576026108720001', kk: '3576021205150001' } });

export const CekWilayahRequest = z
  .object({
    village_code: z.string({ error: 'region.unknown' }).max(20, { error: 'region.unknown' }),
    name: z.string({ error: 'name.too_short' }).max(1000, { error: 'name.too_long' }),
  })
  .meta({ example: { village_code: '35.76.02.1009', name: 'SITI' } });

export const TrackRequest = z
  .object({
    reference: z.string({ error: 'lacak.reference_format' }).max(40, { error: 'lacak.reference_format' }),
    tracking_code: z.string({ error: 'lacak.code_format' }).max(40, { error: 'lacak.code_format' }),
  })
  .meta({ example: { reference: 'ADU-7KQ4M9XP', tracking_code: 'ABCDE-FGH23' } });

export const ReopenRequest = TrackRequest.extend({
  reason: z.string({ error: 'field.required' }).max(20_000, { error: 'field.too_long?max=4000' }),
});

/** The answer to a request for correction: the text may be left out when a new file is the answer. */
export const CorrectionRequest = TrackRequest.extend({
  correction: z
    .string({ error: 'field.required' })
    .max(20_000, { error: 'field.too_long?max=4000' })
    .optional(),
});
