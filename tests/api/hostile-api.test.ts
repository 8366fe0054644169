// What a tester broke on the API side: a health check that stayed "ok" while a polluted
// Object.prototype broke every page, and a correction whose reference was an object (500).
import { describe, expect, it } from 'vitest';
import { useTestApp } from '../support/test-app.ts';
import { postJson, postMultipart } from '../support/ticket-fixtures.ts';

const ctx = useTestApp();

describe('GET /healthz tells the truth about the process', () => {
  it('answers 503 while Object.prototype carries a polluted property, 200 once it is gone', async () => {
    const proto = Object.prototype as Record<string, unknown>;
    proto.polluted = '1';
    let res: Response;
    try {
      res = await ctx.app.request('/healthz');
    } finally {
      delete proto.polluted;
    }
    expect(res.status).toBe(503);
    expect(await res.json()).toEqual({ status: 'failing', problem: 'object_prototype_modified' });
    expect((await ctx.app.request('/healthz')).status).toBe(200);
  });

  it('answers 503 while a member of Object.prototype is replaced', async () => {
    const original = Object.prototype.hasOwnProperty;
    Object.prototype.hasOwnProperty = function (this: object, key: PropertyKey) {
      return original.call(this, key);
    };
    let status: number;
    try {
      status = (await ctx.app.request('/healthz')).status;
    } finally {
      Object.prototype.hasOwnProperty = original;
    }
    expect(status).toBe(503);
    expect((await ctx.app.request('/healthz')).status).toBe(200);
  });
});

describe('POST /api/v1/lacak/perbaikan checks the shape of what it is sent', () => {
  const shapes: [string, unknown][] = [
    ['reference as an object', { reference: { a: 1 }, tracking_code: 'PRBKT-4MQ7X', correction: 'x' }],
    ['reference that cannot become text', { reference: { toString: 1 }, tracking_code: 'PRBKT-4MQ7X' }],
    ['tracking code as an object', { reference: 'USL-7DEM2PRB', tracking_code: { toString: 1 } }],
    ['tracking code as a list', { reference: 'USL-7DEM2PRB', tracking_code: ['PRBKT-4MQ7X'] }],
    ['correction as an object', { reference: 'USL-7DEM2PRB', tracking_code: 'PRBKT-4MQ7X', correction: {} }],
    ['a list instead of an object', [1, 2]],
    ['null', null],
    ['a string', 'USL-7DEM2PRB'],
  ];
  for (const [name, body] of shapes) {
    it(`${name}: a 4xx with a message, JSON and multipart alike`, async () => {
      for (const res of [
        await postJson(ctx.app, '/api/v1/lacak/perbaikan', body),
        await postMultipart(ctx.app, '/api/v1/lacak/perbaikan', JSON.stringify(body), []),
      ]) {
        expect(res.status, await res.clone().text()).toBeGreaterThanOrEqual(400);
        expect(res.status).toBeLessThan(500);
        const answer = (await res.json()) as { error: { code: string; message: string } };
        expect(answer.error.message).not.toBe('');
      }
    });
  }
});
