import { describe, expect, it } from 'vitest';
import { createApp } from '../../src/server/app.ts';
import { silentLogger, useTestApp } from '../support/test-app.ts';

const ctx = useTestApp();

describe('health and errors', () => {
  it('GET /healthz answers ok once the database is ready', async () => {
    const res = await ctx.app.request('/healthz');
    expect(res.status).toBe(200);
    expect(await res.json()).toEqual({ status: 'ok' });
  });

  it('sends the security headers and a request id on every answer', async () => {
    const res = await ctx.app.request('/healthz');
    expect(res.headers.get('content-security-policy')).toContain("default-src 'self'");
    expect(res.headers.get('x-content-type-options')).toBe('nosniff');
    expect(res.headers.get('x-frame-options')).toBe('DENY');
    expect(res.headers.get('x-request-id')).toMatch(/^[\w-]{8,}$/);
  });

  it('answers an unknown API route with a JSON 404', async () => {
    const res = await ctx.app.request('/api/v1/nothing-here');
    expect(res.status).toBe(404);
    expect(await res.json()).toEqual({ error: { code: 'not_found', message: 'Tidak ditemukan.' } });
  });

  it('answers an unexpected failure with a 500 carrying an error id and no stack', async () => {
    const broken = createApp({
      deps: {
        ...ctx.env.deps,
        db: {
          selectFrom: () => {
            throw new Error('disk on fire at /secret/path');
          },
        } as never,
      },
      logger: silentLogger,
    });
    const res = await broken.request('/healthz');
    expect(res.status).toBe(500);
    const body = (await res.json()) as { error: { code: string; id: string; message: string } };
    expect(body.error.code).toBe('internal');
    expect(body.error.id).toBe(res.headers.get('x-request-id'));
    expect(JSON.stringify(body)).not.toContain('/secret/path');
  });
});

describe('regions', () => {
  it('lists the 38 provinces', async () => {
    const res = await ctx.app.request('/api/v1/regions');
    expect(res.status).toBe(200);
    const body = (await res.json()) as { regions: { code: string; name: string; level: string }[] };
    expect(body.regions).toHaveLength(38);
    expect(body.regions).toContainEqual({ code: '35', name: 'JAWA TIMUR', level: 'province' });
  });

  it('lists the children of a region by its dotted code', async () => {
    const res = await ctx.app.request('/api/v1/regions/35.76/children');
    const body = (await res.json()) as { regions: { code: string; name: string }[] };
    expect(body.regions.map((r) => r.name)).toEqual(['Prajuritkulon', 'Magersari', 'Kranggan']);
    const villages = (await (await ctx.app.request('/api/v1/regions/35.78.16/children')).json()) as {
      regions: unknown[];
    };
    expect(villages.regions).toHaveLength(5);
  });

  it('holds every official region', async () => {
    const counts = await ctx.env.db
      .selectFrom('regions')
      .select(['level', (eb) => eb.fn.countAll<number>().as('n')])
      .groupBy('level')
      .orderBy('level')
      .execute();
    expect(counts.map((c) => Number(c.n))).toEqual([38, 514, 7277, 83763]);
  });

  it('gives 404 for an unknown region', async () => {
    const res = await ctx.app.request('/api/v1/regions/99.99/children');
    expect(res.status).toBe(404);
    expect(((await res.json()) as { error: { code: string } }).error.code).toBe('not_found');
  });
});

describe('OpenAPI', () => {
  it('describes every route, and its examples are accepted as they are', async () => {
    const res = await ctx.app.request('/api/openapi.json');
    expect(res.status).toBe(200);
    const doc = (await res.json()) as {
      openapi: string;
      paths: Record<
        string,
        Record<string, { requestBody?: { content: Record<string, { example: unknown }> } }>
      >;
    };
    expect(doc.openapi).toMatch(/^3\./);
    expect(Object.keys(doc.paths)).toEqual(
      expect.arrayContaining([
        '/healthz',
        '/api/v1/cek',
        '/api/v1/cek/wilayah',
        '/api/v1/regions',
        '/api/v1/regions/{code}/children',
        '/api/v1/stats/recipients',
      ]),
    );
    for (const [path, ops] of Object.entries(doc.paths)) {
      const example = ops.post?.requestBody?.content['application/json']?.example;
      if (!ops.post) continue;
      expect(example, path).toBeDefined();
      const answer = await ctx.app.request(path, {
        method: 'POST',
        headers: { 'content-type': 'application/json' },
        body: JSON.stringify(example),
      });
      expect([200, 201], `${path}: ${await answer.clone().text()}`).toContain(answer.status);
    }
  });
});
