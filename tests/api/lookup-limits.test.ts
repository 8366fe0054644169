// NIK checks are counted per client and per NIK, so that nobody can walk through guessable NIKs;
// each carries a proof of work, and a NIK over its limit asks for a harder one (issue 22).
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Challenge } from '../../src/domain/privacy/proof-of-work.ts';
import { createApp } from '../../src/server/app.ts';
import { proofHeader, solvedHeader } from '../support/proof-of-work.ts';
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
      proofCost: 50,
      hardProofCost: 400,
    },
  });
});
afterAll(() => env.close());

type App = ReturnType<typeof createApp>;

/** A NIK check from `from` with a solved proof (`proof: false`: as a browser without JavaScript). */
const cek = async (
  app: App,
  nik: string,
  from: string,
  options: { kk?: string; proof?: boolean | Record<string, string> } = {},
) => {
  const proof = options.proof ?? true;
  const header = proof === true ? await proofHeader(app) : proof === false ? {} : proof;
  return app.request('/api/v1/cek', {
    method: 'POST',
    headers: { 'content-type': 'application/json', 'x-forwarded-for': from, ...header },
    body: JSON.stringify({ nik, kk: options.kk ?? '3576021205150001' }),
  });
};

describe('lookup limits', () => {
  it('past one NIK’s limit, whoever asks, wants a harder proof (428 with its challenge), not a refusal', async () => {
    const app = createApp({ deps: env.deps, logger: silentLogger, trustProxy: true });
    const statuses = [];
    for (const from of ['10.0.0.1', '10.0.0.2', '10.0.0.3', '10.0.0.4'])
      statuses.push((await cek(app, '3576021403680001', from)).status);
    expect(statuses).toEqual([200, 200, 200, 428]);
    const harder = await cek(app, '3576021403680001', '10.0.0.5');
    expect(harder.status).toBe(428);
    const body = (await harder.json()) as { error: { code: string; message: string; challenge: Challenge } };
    expect(body.error.code).toBe('proof_required');
    expect(body.error.message).toMatch(/^Nomor ini sudah sangat sering diperiksa orang\./);
    expect(body.error.challenge).toMatchObject({ algorithm: 'SHA-256', maxnumber: 400 });
    const solved = await cek(app, '3576021403680001', '10.0.0.5', {
      proof: solvedHeader(body.error.challenge),
    });
    expect(solved.status).toBe(200);
  });

  it('without a proof, refuses a NIK past its limit with the minutes to wait and what helps', async () => {
    const app = createApp({ deps: env.deps, logger: silentLogger, trustProxy: true });
    const statuses = [];
    for (const from of ['10.1.0.1', '10.1.0.2', '10.1.0.3', '10.1.0.4'])
      statuses.push((await cek(app, '3576021403680002', from, { proof: false })).status);
    expect(statuses).toEqual([200, 200, 200, 429]);
    const refused = await cek(app, '3576021403680002', '10.1.0.5', { proof: false });
    // The seconds until the window lets this NIK through again.
    expect(Number(refused.headers.get('retry-after'))).toBeGreaterThan(0);
    expect(Number(refused.headers.get('retry-after'))).toBeLessThanOrEqual(600);
    const body = (await refused.json()) as { error: Record<string, unknown> };
    expect(body.error.code).toBe('rate_limited');
    expect(body.error.message).toMatch(/Aktifkan JavaScript .* coba lagi dalam 10 menit\.$/);
  });

  it('keeps the owner’s answer while 20 addresses hammer their NIK with wrong KKs', async () => {
    const app = createApp({ deps: env.deps, logger: silentLogger, trustProxy: true });
    const owner = await env.db
      .selectFrom('household_members as m')
      .innerJoin('households as h', 'h.id', 'm.household_id')
      .select(['m.nik', 'h.kk'])
      .orderBy('m.id')
      .executeTakeFirstOrThrow();
    const attackers = Array.from({ length: 20 }, (_, i) => `198.51.100.${i + 1}`);
    // Each attacker solves what it is asked, the harder challenges too, within its own limit (5):
    // 40 wrong checks of the NIK, whose own limit is 3.
    for (const from of attackers)
      for (let round = 0; round < 2; round++) {
        const wrongKk = `35760212051500${String(round).padStart(2, '0')}`;
        let res = await cek(app, owner.nik, from, { kk: wrongKk });
        if (res.status === 428) {
          const { error } = (await res.json()) as { error: { challenge: Challenge } };
          res = await cek(app, owner.nik, from, { kk: wrongKk, proof: solvedHeader(error.challenge) });
        }
        expect(res.status).toBe(200);
        expect(await res.json()).toMatchObject({ found: false });
      }
    // The owner, from home: asked for the harder proof, solves it, and gets the household.
    const first = await cek(app, owner.nik, '192.0.2.10', { kk: owner.kk });
    expect(first.status).toBe(428);
    const { error } = (await first.json()) as { error: { challenge: Challenge } };
    const answer = await cek(app, owner.nik, '192.0.2.10', {
      kk: owner.kk,
      proof: solvedHeader(error.challenge),
    });
    expect(answer.status).toBe(200);
    expect(await answer.json()).toMatchObject({ found: true });
  });

  it('refuses a forged solution and garbage with a fresh challenge; a replay counts as no proof', async () => {
    const app = createApp({ deps: env.deps, logger: silentLogger, trustProxy: true });
    const once = await proofHeader(app);
    expect((await cek(app, '3576010101700001', '10.2.0.1', { proof: once })).status).toBe(200);
    // Sent again (a network retry, or a replay): answered within the no-proof third (2 of 5).
    const replays = [];
    for (let i = 2; i <= 4; i++)
      replays.push((await cek(app, `357601010170000${i}`, '10.2.0.1', { proof: once })).status);
    expect(replays).toEqual([200, 200, 429]);
    for (const proof of [
      { 'x-proof-of-work': 'eyJhIjoxfQ==' },
      { 'x-proof-of-work': '<b>x</b>' },
      { 'x-proof-of-work': 'A'.repeat(5000) },
    ]) {
      const res = await cek(app, '3576010101700002', '10.2.0.1', { proof });
      expect(res.status).toBe(428);
      const body = (await res.json()) as { error: { code: string; challenge: Challenge } };
      expect(body.error.code).toBe('proof_required');
      expect(body.error.challenge.maxnumber).toBe(50);
    }
  });

  it('gives a client without a proof a third of its limit', async () => {
    const app = createApp({ deps: env.deps, logger: silentLogger, trustProxy: true });
    const statuses = [];
    for (let i = 1; i <= 3; i++)
      statuses.push((await cek(app, `357601010160000${i}`, '10.3.0.1', { proof: false })).status);
    expect(statuses).toEqual([200, 200, 429]);
    // The same client solving proofs has the rest of its five.
    expect((await cek(app, '3576010101600004', '10.3.0.1')).status).toBe(200);
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
  const send = async (app: ReturnType<typeof createApp>, from: string, key: string, body = aduanBody()) =>
    app.request('/api/v1/aduan', {
      method: 'POST',
      headers: {
        'content-type': 'application/json',
        'x-forwarded-for': from,
        'idempotency-key': key,
        ...(await proofHeader(app)),
      },
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
