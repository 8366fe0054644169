// What the API answers, as zod schemas the route definitions document (they are not used to
// validate answers; the handlers' types must fit them, which tsc checks).
import { z } from '@hono/zod-openapi';
import { DESIL_ANSWERS } from '../../domain/cek/desil-answer.ts';
import { BENEFITS } from '../../domain/program-profiles/profile.ts';

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
          program_name: z
            .string()
            .openapi({ description: "The program's name from its profile, in the request's language" }),
          benefit: z.enum(BENEFITS).openapi({
            description: 'What the program gives, from its profile; the status reads by it (status_text)',
          }),
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
    desil: z
      .object({
        value: z.number().int().min(1).max(10).nullable().openapi({
          description: "The household's DTSEN desil, 1 (poorest tenth) to 10; null: not ranked yet",
        }),
        as_of: z.string().nullable().openapi({
          description: 'The day the list that last wrote the household was applied; null: not from a list',
        }),
        snapshot: z
          .string()
          .regex(/^\d{4}-Q[1-4]$/)
          .nullable()
          .openapi({
            description:
              'The DTSEN snapshot (quarter, e.g. 2026-Q1) of the list that last wrote the household; null: it named none',
            example: '2026-Q1',
          }),
        previous: z
          .object({
            value: z.number().int().min(1).max(10).nullable().openapi({
              description: 'The desil before the latest move; null: the household had none before',
            }),
            changed_on: z.string().openapi({ description: 'The day the list that moved it was applied' }),
          })
          .nullable()
          .openapi({ description: 'The latest move of the desil by a list; null: no list moved it' }),
      })
      .optional()
      .openapi({ description: 'Only after NIK and KK proved the household; never on the region search' }),
    desil_programs: z
      .array(
        z.object({
          program: z.string(),
          program_name: z
            .string()
            .openapi({ description: "The program's name from its profile, in the request's language" }),
          desil_ceiling: z.number().int().openapi({ description: 'The highest desil the program takes' }),
          latest_period: z.string().nullable().openapi({
            description:
              "The program's latest period in the register; a household not listed in it does not receive the program now",
          }),
          within_ceiling: z
            .boolean()
            .nullable()
            .openapi({ description: "Whether the household's desil is within the ceiling; null: no desil" }),
          desil_answer: z.enum(DESIL_ANSWERS),
          desil_answer_text: z
            .string()
            .openapi({ description: "Why the household receives or not, in the request's language" }),
          complaint_href: z
            .string()
            .nullable()
            .openapi({ description: 'The complaint form with the program chosen; null when receiving' }),
          dispute_href: z.string().nullable().openapi({
            description:
              'The desil dispute form (`POST /api/v1/usulan` with `purpose: sanggah_desil`), when the desil is above the ceiling; else null',
          }),
        }),
      )
      .optional()
      .openapi({ description: 'One entry per program that takes households by desil' }),
    outside_service_area: z
      .object({ kk_region: z.array(z.object({ code: z.string(), name: z.string() })) })
      .optional()
      .openapi({ description: "The KK was issued outside the office's service area" }),
    not_found_text: z.string().optional().openapi({
      description:
        "Not found (and not outside the area): what that means and how a household is proposed (usulan, the village deliberation, the ministry's Cek Bansos app), in the request's language",
    }),
    propose_href: z
      .string()
      .optional()
      .openapi({ description: 'Not found: the proposal form (`POST /api/v1/usulan`)' }),
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

/** A proof-of-work challenge (ALTCHA v1, src/domain/privacy/proof-of-work.ts). */
export const ChallengeSchema = z
  .object({
    algorithm: z.literal('SHA-256'),
    challenge: z.string().openapi({ description: 'hex(SHA-256(salt + n)) for the n to find' }),
    maxnumber: z.number().int().openapi({ description: 'n lies in [0, maxnumber]: the cost' }),
    salt: z
      .string()
      .openapi({ description: 'Carries its expiry and cost: `<hex>?expires=<unix s>&cost=<n>`' }),
    signature: z.string().openapi({ description: 'HMAC of the challenge under the server key' }),
  })
  .openapi('Challenge', {
    description:
      'Find the integer n in [0, maxnumber] with hex(SHA-256(salt + n)) = challenge; send base64(JSON {algorithm, challenge, number: n, salt, signature}) in the X-Proof-Of-Work header of one request.',
  });
