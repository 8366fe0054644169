// The OpenAPI document: every POST carries a complete request-body example, and the API accepts
// each one as it is on the demo data.
import { describe, expect, it } from 'vitest';
import { useTestApp } from '../support/test-app.ts';
import { postJson } from '../support/ticket-fixtures.ts';

const ctx = useTestApp();

interface Operation {
  requestBody?: { content?: Record<string, { example?: unknown }> };
}
type Document = { paths: Record<string, Record<string, Operation>> };

async function openApi(): Promise<Document> {
  const res = await ctx.app.request('/api/openapi.json');
  expect(res.status, await res.clone().text()).toBe(200);
  return (await res.json()) as Document;
}

/** In the order a resident would use them; each example is sent once. */
const POSTS = [
  '/api/v1/cek',
  '/api/v1/cek/wilayah',
  '/api/v1/usulan',
  '/api/v1/sanggahan',
  '/api/v1/aduan',
  '/api/v1/lacak',
  '/api/v1/lacak/perbaikan',
  '/api/v1/lacak/buka-kembali',
];

describe('GET /api/openapi.json', () => {
  it('describes every POST of the API, the ticket ones included', async () => {
    const doc = await openApi();
    const posts = Object.entries(doc.paths)
      .filter(([, ops]) => ops.post)
      .map(([path]) => path)
      .sort();
    expect(posts).toEqual([...POSTS].sort());
  });

  it.each(POSTS)('POST %s has a request-body example the API accepts as it is', async (path) => {
    const doc = await openApi();
    const content = doc.paths[path]?.post?.requestBody?.content ?? {};
    const example = content['application/json']?.example ?? content['multipart/form-data']?.example;
    expect(example, `no example for ${path}`).toBeDefined();
    expect(example).not.toBeNull();
    const res = await postJson(ctx.app, path, example);
    const text = await res.text();
    expect([200, 201], `${path} answered ${res.status}: ${text}`).toContain(res.status);
  });
});
