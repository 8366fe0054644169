// The OpenAPI 3 description of the JSON API, with request bodies generated from the same zod
// schemas the routes validate with.
import { z } from 'zod';
import { PROGRAM_CODES } from '../../domain/programs.ts';
import { CekRequest, CekWilayahRequest } from './schemas.ts';

const errorResponse = (description: string) => ({
  description,
  content: { 'application/json': { schema: { $ref: '#/components/schemas/Error' } } },
});

const jsonBody = (schema: z.ZodType) => {
  const json = z.toJSONSchema(schema, { target: 'openapi-3.0' }) as Record<string, unknown>;
  return { required: true, content: { 'application/json': { schema: json, example: json.example } } };
};

const bodyErrors = {
  '400': errorResponse('The body is not valid JSON.'),
  '413': errorResponse('The body is too large.'),
  '415': errorResponse('The body is not application/json.'),
  '422': errorResponse('A field is invalid; `error.field` names it.'),
};

export function openApiDocument() {
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
