// What the API answers, as zod schemas the route definitions document (they are not used to
// validate answers; the handlers' types must fit them, which tsc checks).
import { z } from '@hono/zod-openapi';

const region = z.object({ code: z.string(), name: z.string() }).nullable();

export const CekAnswerSchema = z
  .object({
    found: z.boolean(),
    person: z.object({ name: z.string(), nik: z.string() }).optional(),
    head: z.object({ name: z.string() }).optional(),
    kk: z.string().optional(),
    region: z.object({ province: region, regency: region, district: region, village: region }).optional(),
    memberships: z
      .array(
        z.object({
          program: z.string(),
          program_name: z.string(),
          period: z.string(),
          status: z.enum(['active', 'collected', 'not_collected', 'suspended']),
          suspension_reason: z.string().nullable(),
          status_text: z
            .string()
            .openapi({ description: "The status in the words the site uses, in the request's language" }),
          amount: z.number().int(),
          channel: z.string(),
          collection_point: z.string().nullable(),
          list_date: z.string().nullable().openapi({
            description:
              'The day the list this row came from was written (data as of); null: not from a list',
          }),
        }),
      )
      .optional(),
    outside_service_area: z
      .object({ kk_region: z.array(z.object({ code: z.string(), name: z.string() })) })
      .optional()
      .openapi({ description: "The KK was issued outside the office's service area" }),
  })
  .openapi('CekAnswer');

export const ReceiptSchema = z
  .object({
    reference: z.string(),
    tracking_code: z.string().openapi({ description: 'Shown once; stored only as a hash' }),
    status: z.string(),
    due_date: z.string().nullable(),
    objection_count: z
      .number()
      .int()
      .optional()
      .openapi({ description: 'Sanggahan: objections the case now counts' }),
  })
  .openapi('Receipt', {
    example: {
      reference: 'ADU-7KQ4M9XP',
      tracking_code: 'ABCDE-FGH23',
      status: 'diterima',
      due_date: '2026-11-26',
    },
  });
