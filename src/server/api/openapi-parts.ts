// The pieces the API's route definitions describe themselves with: request bodies made from the
// same zod schemas the handlers validate with, and the error answers (429 with Retry-After).
// Bodies are given to the document as JSON Schema, not as zod: @hono/zod-openapi would then
// validate them itself, before our reading of the body (byte limits, 400/413/415/422 in the
// caller's language, json-body.ts).
import type { z } from 'zod';
import { ReceiptSchema } from './answers.ts';
import { toOpenApiSchema } from './openapi-schema.ts';

export const errorResponse = (description: string) => ({
  description,
  content: { 'application/json': { schema: { $ref: '#/components/schemas/Error' } } },
});

/** A 429: the client waits `Retry-After` seconds; pages answer the same way. */
export const tooMany = (description: string) => ({
  ...errorResponse(description),
  headers: {
    'Retry-After': {
      description: 'Seconds until the counter that refused the request lets it through again',
      schema: { type: 'integer' as const, minimum: 1 },
    },
  },
});

export const jsonBody = (schema: z.ZodType) => {
  const json = toOpenApiSchema(schema);
  return {
    required: true,
    content: { 'application/json': { schema: json, ...(json.example ? { example: json.example } : {}) } },
  };
};

/** JSON, or multipart with the same object in a `data` field and the files beside it. */
export const ticketBody = (schema: z.ZodType, files: string) => ({
  required: true,
  content: {
    ...jsonBody(schema).content,
    'multipart/form-data': {
      // OpenAPI 3.0.3's Media Type Object has no `description`; the schema's carries it.
      schema: {
        type: 'object' as const,
        description: `The JSON body as text in \`data\`, and the files: ${files}; JPEG, PNG, WebP or PDF recognised by content, at most 5 MB each.`,
        properties: { data: { type: 'string' as const, description: 'The JSON body as text' } },
        additionalProperties: { type: 'string' as const, format: 'binary' },
      },
    },
  },
});

export const receipt = {
  description: 'Created: the reference and the tracking code (shown once; stored only as a hash)',
  content: { 'application/json': { schema: ReceiptSchema } },
};

export const idempotencyKey = {
  name: 'Idempotency-Key',
  in: 'header' as const,
  required: false,
  schema: { type: 'string' as const, pattern: '^[A-Za-z0-9_.:-]{8,100}$' },
  description: 'Same key and body → the same 201 answer and one ticket; same key with another body → 422.',
};

export const bodyErrors = {
  400: errorResponse('The body is not valid JSON.'),
  413: errorResponse('The body is too large.'),
  415: errorResponse('The body is not application/json.'),
  422: errorResponse('A field is invalid; `error.field` names it.'),
};

export const ticketErrors = {
  ...bodyErrors,
  413: errorResponse('An attachment is over 5 MB, or the body over 16 MB.'),
  415: errorResponse('Not JSON or multipart, or an attachment of a refused type.'),
  422: errorResponse(
    'A field is invalid; `error.field` names it. Also an image that does not decode or is over 40 megapixels, and a PDF that is incomplete or carries active content (JavaScript, actions, embedded files, forms).',
  ),
  429: tooMany(
    'Too many answers that read household data (by NIK) from this client, or about this NIK; as on /api/v1/cek.',
  ),
};

export const trackingLimit = {
  429: tooMany('Too many tracking attempts from this client, or on this reference.'),
};

/** The solution of a proof-of-work challenge, on every public lookup and submission. */
export const proofOfWorkHeader = {
  name: 'X-Proof-Of-Work',
  in: 'header' as const,
  required: false,
  schema: { type: 'string' as const, maxLength: 1024 },
  description:
    'base64 of the JSON solution of a challenge from GET /api/v1/tantangan (ALTCHA v1: `{algorithm, challenge, number, salt, signature}`), used once. Without it the client has a third of each per-client limit; a NIK or reference checked past its own limit then answers 429 instead of asking for a harder proof.',
};

/** A 428: a proof that is malformed, forged or expired, or a NIK that needs a harder one. */
export const proofRequired = {
  428: errorResponse(
    'The X-Proof-Of-Work header is not a valid solution (malformed, forged, expired), or this NIK (reference) was checked past its own limit and needs a harder one: solve `error.challenge` and send again. A solution sent before counts as none.',
  ),
};

/** A 200 whose body the document describes only in words. */
export const described = (description: string) => ({ description });
