// NIK checks are counted per client and per NIK, so that nobody can walk through guessable NIKs.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createApp } from '../../src/server/app.ts';
import { openTestDatabase, silentLogger, type TestDatabase } from '../support/test-app.ts';

let env: TestDatabase;

beforeAll(async () => {
  env = await openTestDatabase({
    limits: {
      perClient: 5,
      perNik: 3,
      searchesPerClient: 2,
      trackingPerClient: 100,
      trackingPerReference: 100,
      windowSeconds: 600,
    },
  });
});
afterAll(() => env.close());

const cek = (app: ReturnType<typeof createApp>, nik: string, from: string) =>
  app.request('/api/v1/cek', {
    method: 'POST',
    headers: { 'content-type': 'application/json', 'x-forwarded-for': from },
    body: JSON.stringify({ nik, kk: '3576021205150001' }),
  });

describe('lookup limits', () => {
  it('stops one NIK after its limit, whoever asks, with 429 and no answer', async () => {
    const app = createApp({ deps: env.deps, logger: silentLogger, trustProxy: true });
    const statuses = [];
    for (const from of ['10.0.0.1', '10.0.0.2', '10.0.0.3', '10.0.0.4'])
      statuses.push((await cek(app, '3576021403680001', from)).status);
    expect(statuses).toEqual([200, 200, 200, 429]);
    const refused = await cek(app, '3576021403680001', '10.0.0.5');
    // The seconds until the window lets this NIK through again.
    expect(Number(refused.headers.get('retry-after'))).toBeGreaterThan(0);
    expect(Number(refused.headers.get('retry-after'))).toBeLessThanOrEqual(600);
    const body = (await refused.json()) as Record<string, unknown>;
    expect(body).toEqual({
      error: { code: 'rate_limited', message: 'Terlalu banyak permintaan. Coba lagi sebentar lagi.' },
    });
  });

  it('stops one client walking through many NIKs', async () => {
    const app = createApp({ deps: env.deps, logger: silentLogger, trustProxy: true });
    const niks = [
      '3576010101800001',
      '3576010101800002',
      '3576010101800003',
      '3576010101800004',
      '3576010101800005',
      '3576010101800006',
    ];
    const statuses = [];
    for (const nik of niks) statuses.push((await cek(app, nik, '10.9.9.9')).status);
    expect(statuses).toEqual([200, 200, 200, 200, 200, 429]);
  });

  it('does not count invalid input, which reveals nothing', async () => {
    const app = createApp({ deps: env.deps, logger: silentLogger, trustProxy: true });
    for (let i = 0; i < 8; i++) expect((await cek(app, '123', '10.7.7.7')).status).toBe(422);
  });

  it('behind the proxy, counts the address the proxy saw, not one the client wrote before it', async () => {
    const app = createApp({ deps: env.deps, logger: silentLogger, trustProxy: true });
    const statuses = [];
    // nginx's $proxy_add_x_forwarded_for keeps what the client sent and appends the real address.
    for (let i = 1; i <= 6; i++) {
      statuses.push((await cek(app, `357601010180001${i}`, `203.0.113.${i}, 10.8.8.8`)).status);
    }
    expect(statuses).toEqual([200, 200, 200, 200, 200, 429]);
  });
});
