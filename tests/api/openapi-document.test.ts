// The served OpenAPI document is valid OpenAPI 3.0.3 by a strict validator (client generators
// refuse an invalid one), names every API route the app serves, and documents the 429 each
// rate-limited route can answer, with its Retry-After header.
import SwaggerParser from '@apidevtools/swagger-parser';
import type { OpenAPI } from 'openapi-types';
import { describe, expect, it } from 'vitest';
import { useTestApp } from '../support/test-app.ts';

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
});
