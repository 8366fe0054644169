// NIK checks are counted per client and per NIK, so that nobody can walk through guessable NIKs.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createApp } from '../../src/server/app.ts';
import { openTestDatabase, silentLogger, type TestDatabase } from '../support/test-app.ts';
import { aduanBody, countRows } from '../support/ticket-fixtures.ts';

let env: TestDatabase;
const SUBMISSIONS = 3;

beforeAll(async () => {
  env = await openTestDatabase({
    limits: {
      perClient: 5,
      perNik: 3,
      searchesPerClient: 2,
      trackingPerClient: 100,
      trackingPerReference: 100,
      submissionsPerClient: SUBMISSIONS,
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

describe('submission limits', () => {
  const send = (app: ReturnType<typeof createApp>, from: string, key: string, body = aduanBody()) =>
    app.request('/api/v1/aduan', {
      method: 'POST',
      headers: { 'content-type': 'application/json', 'x-forwarded-for': from, 'idempotency-key': key },
      body: JSON.stringify(body),
    });

  it('stops one client after its submissions; retries and refused forms are free; others go on', async () => {
    const app = createApp({ deps: env.deps, logger: silentLogger, trustProxy: true });
    const statuses = [];
    for (let i = 1; i <= SUBMISSIONS; i++)
      statuses.push((await send(app, '10.4.4.4', `flood-key-${i}`)).status);
    expect(statuses).toEqual(Array(SUBMISSIONS).fill(201));
    const before = await countRows(env.db, 'tickets');
    const refused = await send(app, '10.4.4.4', 'flood-key-over');
    expect(refused.status).toBe(429);
    expect(Number(refused.headers.get('retry-after'))).toBeGreaterThan(0);
    const body = (await refused.json()) as { error: { code: string; message: string } };
    expect(body.error.code).toBe('rate_limited');
    expect(body.error.message).toMatch(
      /^Terlalu banyak pengajuan dari sambungan ini\. Kirim lagi dalam \d+ menit\.$/,
    );
    expect(await countRows(env.db, 'tickets')).toBe(before);
    // The retry of one already received answers with its receipt; a form refused for a field is a 422.
    expect((await send(app, '10.4.4.4', 'flood-key-1')).status).toBe(201);
    expect((await send(app, '10.4.4.4', 'flood-key-bad', aduanBody({ description: '' }))).status).toBe(422);
    expect((await send(app, '10.5.5.5', 'other-key-1')).status).toBe(201);
  });
});
