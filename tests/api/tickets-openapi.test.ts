// The OpenAPI document: every POST carries a complete request-body example, and the API accepts
// each one as it is on the demo data.
import { describe, expect, it } from 'vitest';
import { DEMO_HOUSEHOLDS } from '../../src/demo/generate-demo-data.ts';
import { DEMO_TICKETS } from '../../src/demo/generate-demo-tickets.ts';
import {
  EXAMPLE_AFFECTED_NIK,
  EXAMPLE_RECIPIENT_NIK,
  EXAMPLE_TICKETS,
} from '../../src/server/api/openapi-example-fixture.ts';
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
  '/api/v1/permintaan-data',
  '/api/v1/lacak',
  '/api/v1/lacak/perbaikan',
  '/api/v1/lacak/buka-kembali',
];

// Before the examples are sent: sending them moves two of these tickets on.
describe('the demo records the examples name', () => {
  it('are README households the demo lists in BPNT', async () => {
    for (const nik of [EXAMPLE_RECIPIENT_NIK, EXAMPLE_AFFECTED_NIK]) {
      const household = DEMO_HOUSEHOLDS.find((d) => d.nik === nik);
      expect(household?.expect.found, nik).toBe(true);
      expect(household?.expect.memberships.some((m) => m.program === 'BPNT')).toBe(true);
      const member = await ctx.env.deps.db
        .selectFrom('household_members')
        .select('id')
        .where('nik', '=', nik)
        .executeTakeFirst();
      expect(member, nik).toBeDefined();
    }
  });

  it.each(Object.entries(EXAMPLE_TICKETS))(
    '%s names a README demo ticket in its state',
    async (_, example) => {
      const demo = DEMO_TICKETS.find((t) => t.reference === example.reference);
      expect(demo).toMatchObject({ trackingCode: example.tracking_code, status: example.status });
      const row = await ctx.env.deps.db
        .selectFrom('ticket_submissions as s')
        .innerJoin('tickets as t', 't.id', 's.ticket_id')
        .select('t.status')
        .where('s.reference', '=', example.reference)
        .executeTakeFirst();
      expect(row?.status).toBe(example.status);
    },
  );
});

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
