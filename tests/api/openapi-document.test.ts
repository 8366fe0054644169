// The served OpenAPI document is valid OpenAPI 3.0.3 by a strict validator (client generators
// refuse an invalid one), names every API route the app serves, and documents the 429 each
// rate-limited route can answer, with its Retry-After header.
import SwaggerParser from '@apidevtools/swagger-parser';
import type { OpenAPI } from 'openapi-types';
import { describe, expect, it } from 'vitest';
import { useTestApp } from '../support/test-app.ts';
import { postJson } from '../support/ticket-fixtures.ts';

const ctx = useTestApp();

interface Response {
  description: string;
  headers?: Record<string, unknown>;
  content?: Record<string, unknown>;
}
type Operation = { responses: Record<string, Response | { $ref: string }> };
type Document = {
  paths: Record<string, Record<string, Operation>>;
  components: { responses?: Record<string, Response> };
};

async function served(): Promise<Document> {
  const res = await ctx.app.request('/api/openapi.json');
  expect(res.status).toBe(200);
  return (await res.json()) as Document;
}

/** The routes under /api/v1 that count requests per client, per NIK or per reference. */
const RATE_LIMITED = [
  'POST /api/v1/cek',
  'POST /api/v1/cek/wilayah',
  'POST /api/v1/usulan',
  'POST /api/v1/sanggahan',
  'POST /api/v1/aduan',
  'POST /api/v1/permintaan-data',
  'POST /api/v1/lacak',
  'POST /api/v1/lacak/perbaikan',
  'POST /api/v1/lacak/buka-kembali',
];

describe('GET /api/openapi.json', () => {
  it('is valid OpenAPI 3.0.3 for a strict validator', async () => {
    const doc = await served();
    await expect(
      SwaggerParser.validate(structuredClone(doc) as unknown as OpenAPI.Document),
    ).resolves.toBeDefined();
  });

  it('names every route the API serves, and no other', async () => {
    const doc = await served();
    const documented = Object.entries(doc.paths)
      .filter(([path]) => path.startsWith('/api/v1/'))
      .flatMap(([path, ops]) => Object.keys(ops).map((m) => `${m.toUpperCase()} ${path}`))
      .sort();
    const served_ = ctx.app.routes
      .filter((r) => r.path.startsWith('/api/v1/') && r.method !== 'ALL')
      .map((r) => `${r.method} ${r.path.replace(/:(\w+)/g, '{$1}')}`);
    expect([...new Set(served_)].sort()).toEqual(documented);
  });

  it.each(RATE_LIMITED)('%s documents its 429 with Retry-After', async (route) => {
    const doc = await served();
    const [method, path] = route.split(' ') as [string, string];
    let answer = doc.paths[path]?.[method.toLowerCase()]?.responses['429'];
    if (answer && '$ref' in answer)
      answer = doc.components.responses?.[answer.$ref.split('/').pop() as string];
    expect(answer, `${route} has no 429`).toBeDefined();
    expect(Object.keys((answer as Response).headers ?? {})).toContain('Retry-After');
  });

  it('documents a 429 wherever the API can answer one', async () => {
    const doc = await served();
    const with429 = Object.entries(doc.paths).flatMap(([path, ops]) =>
      Object.entries(ops)
        .filter(([, op]) => op.responses['429'])
        .map(([m]) => `${m.toUpperCase()} ${path}`),
    );
    expect(with429.sort()).toEqual([...RATE_LIMITED].sort());
  });

  it("lists the office's programs as the program codes, read when the document is asked for", async () => {
    const programCodes = async () => {
      const doc = (await served()) as unknown as {
        paths: Record<string, { get?: { parameters?: { name: string; schema?: { enum?: string[] } }[] } }>;
      };
      return doc.paths['/api/v1/stats/recipients']?.get?.parameters?.find((p) => p.name === 'program')?.schema
        ?.enum;
    };
    const seeded = await ctx.env.db.selectFrom('programs').select('code').execute();
    expect([...((await programCodes()) ?? [])].sort()).toEqual(seeded.map((p) => p.code).sort());
    await ctx.env.db
      .insertInto('programs')
      .values({
        code: 'UJI-DOK',
        name: 'Program uji dokumen',
        name_en: null,
        benefit: 'service',
        period_kind: 'once',
        desil_ceiling: null,
        channel_id: '',
        channel_en: '',
        excludes: '[]',
        aliases: '[]',
        amounts: '[]',
        criteria_id: 'Program untuk menguji dokumen OpenAPI.',
        criteria_en: '',
        active_from: null,
        active_to: null,
        region_code: null,
        updated_at: null,
      })
      .execute();
    try {
      expect(await programCodes()).toContain('UJI-DOK');
    } finally {
      await ctx.env.db.deleteFrom('programs').where('code', '=', 'UJI-DOK').execute();
    }
  });
});

type Schema = {
  $ref?: string;
  type?: string;
  properties?: Record<string, Schema>;
  required?: string[];
  items?: Schema;
  additionalProperties?: boolean | Schema;
};

/** The fields of `value` the schema does not describe, as dotted paths ([] when all are). */
function undocumented(value: unknown, schema: Schema | undefined, doc: Document, at = ''): string[] {
  if (schema?.$ref) {
    const name = schema.$ref.split('/').pop() as string;
    const components = (doc.components as { schemas?: Record<string, Schema> }).schemas ?? {};
    return undocumented(value, components[name], doc, at);
  }
  if (Array.isArray(value))
    return value.flatMap((v, i) => undocumented(v, schema?.items, doc, `${at}[${i}]`));
  if (value === null || typeof value !== 'object') return [];
  return Object.entries(value).flatMap(([key, v]) => {
    const path = at ? `${at}.${key}` : key;
    const described = schema?.properties?.[key];
    return described ? undocumented(v, described, doc, path) : [path];
  });
}

const answerSchema = (doc: Document, path: string, status: string) =>
  (doc.paths[path]?.post?.responses[status] as Response | undefined)?.content?.['application/json'] as
    | { schema?: Schema }
    | undefined;

describe('the answers the document describes', () => {
  // Generated from the same definitions as the routes: an answer carries no field the document
  // leaves out (the hand-written document had no receipt schema at all).
  it('a found household from /api/v1/cek, every field of it', async () => {
    const doc = await served();
    const example = { nik: '3576026108720001', kk: '3576021205150001' };
    const res = await postJson(ctx.app, '/api/v1/cek', example);
    const body = (await res.json()) as Record<string, unknown>;
    expect(body.found).toBe(true);
    expect(undocumented(body, answerSchema(doc, '/api/v1/cek', '200')?.schema, doc)).toEqual([]);
  });

  it('the receipt of a submission, with the fields it always has required', async () => {
    const doc = await served();
    const examples = doc.paths['/api/v1/aduan']?.post as unknown as {
      requestBody: { content: Record<string, { example: unknown }> };
    };
    const res = await postJson(
      ctx.app,
      '/api/v1/aduan',
      examples.requestBody.content['application/json']?.example,
    );
    expect(res.status).toBe(201);
    const body = await res.json();
    for (const path of ['/api/v1/usulan', '/api/v1/sanggahan', '/api/v1/aduan']) {
      const schema = answerSchema(doc, path, '201')?.schema;
      expect(schema, path).toBeDefined();
      expect(undocumented(body, schema, doc), path).toEqual([]);
      const resolved = schema?.$ref
        ? (doc.components as { schemas: Record<string, Schema> }).schemas[
            schema.$ref.split('/').pop() as string
          ]
        : schema;
      expect(resolved?.required?.sort()).toEqual(['due_date', 'reference', 'status', 'tracking_code']);
      expect(Object.keys(resolved?.properties ?? {})).toContain('objection_count');
    }
  });
});
