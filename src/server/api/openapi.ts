// The OpenAPI 3 description of the JSON API, with request bodies generated from the same zod
// schemas the routes validate with.
import { z } from 'zod';
import { PROGRAM_CODES } from '../../domain/programs.ts';
import { aduanSchema } from '../../domain/tickets/forms/aduan-form.ts';
import { sanggahanSchema } from '../../domain/tickets/forms/sanggahan-form.ts';
import { usulanSchema } from '../../domain/tickets/forms/usulan-form.ts';
import type { requestExamples } from './openapi-examples.ts';
import { CekRequest, CekWilayahRequest, CorrectionRequest, ReopenRequest, TrackRequest } from './schemas.ts';

type Examples = Awaited<ReturnType<typeof requestExamples>>;
const anyDistrict = { districtExists: () => true, today: new Date() };

const errorResponse = (description: string) => ({
  description,
  content: { 'application/json': { schema: { $ref: '#/components/schemas/Error' } } },
});

/** A 429: the client waits `Retry-After` seconds; pages answer the same way. */
const tooMany = (description: string) => ({
  ...errorResponse(description),
  headers: {
    'Retry-After': {
      description: 'Seconds until the counter that refused the request lets it through again',
      schema: { type: 'integer', minimum: 1 },
    },
  },
});

const jsonBody = (schema: z.ZodType, example?: unknown) => {
  const json = z.toJSONSchema(schema, {
    target: 'openapi-3.0',
    io: 'input',
    unrepresentable: 'any',
  }) as Record<string, unknown>;
  return {
    required: true,
    content: { 'application/json': { schema: json, example: example ?? json.example } },
  };
};

/** JSON, or multipart with the same object in a `data` field and the files beside it. */
const ticketBody = (schema: z.ZodType, example: unknown, files: string) => {
  const json = jsonBody(schema, example);
  return {
    required: true,
    content: {
      ...json.content,
      'multipart/form-data': {
        // OpenAPI 3.0.3's Media Type Object has no `description`; the schema's carries it.
        schema: {
          type: 'object',
          description: `The JSON body as text in \`data\`, and the files: ${files}; JPEG, PNG, WebP or PDF recognised by content, at most 5 MB each.`,
          properties: { data: { type: 'string', description: 'The JSON body as text' } },
          additionalProperties: { type: 'string', format: 'binary' },
        },
      },
    },
  };
};

const receipt = {
  description: 'Created: the reference and the tracking code (shown once; stored only as a hash)',
  content: {
    'application/json': {
      example: {
        reference: 'ADU-7KQ4M9XP',
        tracking_code: 'ABCDE-FGH23',
        status: 'diterima',
        due_date: '2026-11-26',
      },
    },
  },
};

const idempotencyKey = {
  name: 'Idempotency-Key',
  in: 'header',
  required: false,
  schema: { type: 'string', pattern: '^[A-Za-z0-9_.:-]{8,100}$' },
  description: 'Same key and body → the same 201 answer and one ticket; same key with another body → 422.',
};

const bodyErrors = {
  '400': errorResponse('The body is not valid JSON.'),
  '413': errorResponse('The body is too large.'),
  '415': errorResponse('The body is not application/json.'),
  '422': errorResponse('A field is invalid; `error.field` names it.'),
};

const ticketErrors = {
  ...bodyErrors,
  '413': errorResponse('An attachment is over 5 MB, or the body over 16 MB.'),
  '415': errorResponse('Not JSON or multipart, or an attachment of a refused type.'),
  '422': errorResponse(
    'A field is invalid; `error.field` names it. Also an image that does not decode or is over 40 megapixels, and a PDF that is incomplete or carries active content (JavaScript, actions, embedded files, forms).',
  ),
  '429': tooMany(
    'Too many answers that read household data (by NIK) from this client, or about this NIK; as on /api/v1/cek.',
  ),
};

const trackingLimit = {
  '429': tooMany('Too many tracking attempts from this client, or on this reference.'),
};

export function openApiDocument(examples: Examples) {
  return {
    openapi: '3.0.3',
    info: {
      title: 'Cek Bansos API',
      version: '1',
      description:
        'Public API of Cek Bansos. Names are masked and numbers cut to their last four digits. Errors are `{"error":{"code","message","field"}}`; messages follow Accept-Language (id, en).',
    },
    servers: [{ url: '/' }],
    paths: {
      '/healthz': {
        get: {
          summary: 'Liveness and database readiness',
          responses: {
            '200': { description: 'Ready', content: { 'application/json': { example: { status: 'ok' } } } },
          },
        },
      },
      '/api/v1/cek': {
        post: {
          summary: 'Check a household by the NIK of any member and its KK number',
          description:
            'An unknown NIK and a NIK with the wrong KK number get the same answer: `{"found":false}`.',
          requestBody: jsonBody(CekRequest),
          responses: {
            '200': {
              description: 'Found (masked household and memberships) or not found',
              content: { 'application/json': { schema: { $ref: '#/components/schemas/CekAnswer' } } },
            },
            ...bodyErrors,
            '429': tooMany('Too many NIK checks from this client, or of this NIK by anyone.'),
          },
        },
      },
      '/api/v1/cek/wilayah': {
        post: {
          summary: 'Search recipients in a village by name (at least 3 letters; matched literally)',
          requestBody: jsonBody(CekWilayahRequest),
          responses: {
            '200': { description: 'Masked matches, capped at 20' },
            ...bodyErrors,
            '429': tooMany('Too many name searches from this client.'),
          },
        },
      },
      '/api/v1/usulan': {
        post: {
          summary: 'Propose a household for DTKS (usulan)',
          parameters: [idempotencyKey],
          requestBody: ticketBody(
            usulanSchema(anyDistrict),
            examples.usulan,
            'foto_ktp, foto_kk, foto_rumah',
          ),
          responses: { '201': receipt, ...ticketErrors },
        },
      },
      '/api/v1/sanggahan': {
        post: {
          summary:
            'Object to a listed recipient (sanggahan); `target` is the opaque id from /api/v1/cek/wilayah',
          parameters: [idempotencyKey],
          requestBody: ticketBody(sanggahanSchema, examples.sanggahan, 'foto'),
          responses: { '201': receipt, ...ticketErrors },
        },
      },
      '/api/v1/aduan': {
        post: {
          summary: 'File an SLRT complaint (aduan)',
          parameters: [idempotencyKey],
          requestBody: ticketBody(
            aduanSchema(anyDistrict),
            examples.aduan,
            'lampiran_1, lampiran_2, lampiran_3',
          ),
          responses: { '201': receipt, ...ticketErrors },
        },
      },
      '/api/v1/lacak': {
        post: {
          summary: 'Track a ticket by reference and tracking code',
          description: 'An unknown reference and a wrong code give the same 404 body.',
          requestBody: jsonBody(TrackRequest, examples.lacak),
          responses: {
            '200': { description: 'Status, office, due date and the resident-visible timeline' },
            ...bodyErrors,
            '404': errorResponse('Unknown reference or wrong code'),
            ...trackingLimit,
          },
        },
      },
      '/api/v1/lacak/perbaikan': {
        post: {
          summary:
            'Answer a request for correction (perlu_perbaikan); the case returns to the step that asked',
          requestBody: ticketBody(CorrectionRequest, examples.perbaikan, 'lampiran_perbaikan'),
          responses: {
            '200': { description: 'The ticket as Lacak shows it' },
            ...ticketErrors,
            '404': errorResponse('Unknown reference or wrong code'),
            '409': errorResponse('The ticket does not await a correction'),
            ...trackingLimit,
          },
        },
      },
      '/api/v1/lacak/buka-kembali': {
        post: {
          summary: 'Reopen a finished complaint, once',
          requestBody: jsonBody(ReopenRequest, examples.bukaKembali),
          responses: {
            '200': { description: 'The ticket as Lacak shows it' },
            ...bodyErrors,
            '404': errorResponse('Unknown reference or wrong code'),
            '409': errorResponse('Not finished, or reopened already'),
            ...trackingLimit,
          },
        },
      },
      '/api/v1/regions': {
        get: { summary: 'Provinces', responses: { '200': { description: 'Regions' } } },
      },
      '/api/v1/regions/{code}/children': {
        get: {
          summary: 'Child regions of a region, by its dotted Kemendagri code (e.g. 35.76)',
          parameters: [
            { name: 'code', in: 'path', required: true, schema: { type: 'string' }, example: '35.76' },
          ],
          responses: { '200': { description: 'Regions' }, '404': errorResponse('Unknown region') },
        },
      },
      '/api/v1/stats/recipients': {
        get: {
          summary:
            'Recipients of a program in a period for a region, by child region; counts below 5 are null',
          parameters: [
            { name: 'region', in: 'query', required: true, schema: { type: 'string' }, example: '35.76' },
            {
              name: 'program',
              in: 'query',
              required: true,
              schema: { type: 'string', enum: [...PROGRAM_CODES] },
            },
            {
              name: 'period',
              in: 'query',
              required: false,
              schema: { type: 'string', pattern: '^\\d{4}-(0[1-9]|1[0-2]|Q[1-4])$' },
              description: "YYYY-MM or YYYY-Qn; left out, the program's latest period",
            },
          ],
          responses: {
            '200': { description: 'Figures' },
            '422': errorResponse('Unknown region, program or bad period'),
          },
        },
      },
    },
    components: {
      schemas: {
        Error: {
          type: 'object',
          required: ['error'],
          properties: {
            error: {
              type: 'object',
              required: ['code', 'message'],
              properties: {
                code: { type: 'string' },
                message: { type: 'string' },
                field: { type: 'string' },
                fields: { type: 'object', additionalProperties: { type: 'string' } },
                id: { type: 'string', description: 'Error id for 5xx, also in the server log' },
              },
            },
          },
        },
        CekAnswer: {
          type: 'object',
          required: ['found'],
          properties: {
            found: { type: 'boolean' },
            person: { type: 'object', properties: { name: { type: 'string' }, nik: { type: 'string' } } },
            head: { type: 'object', properties: { name: { type: 'string' } } },
            kk: { type: 'string' },
            region: { type: 'object' },
            memberships: {
              type: 'array',
              items: {
                type: 'object',
                properties: {
                  program: { type: 'string' },
                  program_name: { type: 'string' },
                  period: { type: 'string' },
                  status: { type: 'string', enum: ['active', 'collected', 'not_collected', 'suspended'] },
                  suspension_reason: { type: 'string', nullable: true },
                  amount: { type: 'integer' },
                  channel: { type: 'string' },
                  collection_point: { type: 'string', nullable: true },
                },
              },
            },
          },
        },
      },
    },
  };
}
