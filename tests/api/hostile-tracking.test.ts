// Issue 8.4: tracking is not a lever. Tracking attempts (lacak, answering a correction,
// reopening) are counted per client and per reference and answered 429 beyond the limit; a check
// costs an HMAC, not ~50 ms of scrypt; rows hashed with scrypt before still verify; a wrong code
// and an unknown reference stay the same answer.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Challenge } from '../../src/domain/privacy/proof-of-work.ts';
import { transitionTicket } from '../../src/domain/tickets/ticket-repository.ts';
import { legacyScryptHash } from '../../src/domain/tickets/tracking-code.ts';
import { createApp } from '../../src/server/app.ts';
import { proofHeader, solvedHeader } from '../support/proof-of-work.ts';
import { GENEROUS_LIMITS, openTestDatabase, silentLogger, type TestDatabase } from '../support/test-app.ts';
import { aduanBody, postJson, ticketOf } from '../support/ticket-fixtures.ts';

let env: TestDatabase;
let app: ReturnType<typeof createApp>;

beforeAll(async () => {
  env = await openTestDatabase({
    limits: { ...GENEROUS_LIMITS, trackingPerClient: 8, trackingPerReference: 4 },
  });
  app = createApp({ deps: env.deps, logger: silentLogger, trustProxy: true });
});
afterAll(() => env.close());

/** With a solved proof of work, as a browser with JavaScript sends it: the limits below are the full ones. */
const post = async (path: string, body: unknown, client: string) =>
  postJson(app, `/api/v1/${path}`, body, { 'x-forwarded-for': client, ...(await proofHeader(app)) });

async function newAduan(client: string) {
  const res = await post('aduan', aduanBody(), client);
  expect(res.status).toBe(201);
  return (await res.json()) as { reference: string; tracking_code: string };
}

const TOO_MANY = {
  error: { code: 'rate_limited', message: 'Terlalu banyak permintaan. Coba lagi sebentar lagi.' },
};

describe('tracking attempts are counted', () => {
  it('per reference, whoever asks: past four guesses at one ticket each needs a harder proof; its owner still gets in', async () => {
    const t = await newAduan('10.9.0.1');
    const statuses = [];
    for (let i = 0; i < 5; i++) {
      statuses.push(
        (await post('lacak', { ...t, tracking_code: `ZZZZZ-ZZZZ${i + 2}` }, `10.9.1.${i}`)).status,
      );
    }
    expect(statuses).toEqual([404, 404, 404, 404, 428]);
    // The owner with the right code is asked for the harder proof, not locked out (issue 22).
    const harder = await post('lacak', t, '10.9.1.9');
    expect(harder.status).toBe(428);
    const { error } = (await harder.json()) as { error: { code: string; challenge: Challenge } };
    expect(error.code).toBe('proof_required');
    expect(error.challenge.maxnumber).toBe(GENEROUS_LIMITS.hardProofCost);
    const owner = await postJson(app, '/api/v1/lacak', t, {
      'x-forwarded-for': '10.9.1.9',
      ...solvedHeader(error.challenge),
    });
    expect(owner.status).toBe(200);
    // Without a proof, a reference past its limit refuses with the minutes to wait.
    const plain = await postJson(app, '/api/v1/lacak', t, { 'x-forwarded-for': '10.9.1.10' });
    expect(plain.status).toBe(429);
    expect(((await plain.json()) as typeof TOO_MANY).error.code).toBe('rate_limited');
    const other = await newAduan('10.9.0.1');
    expect((await post('lacak', other, '10.9.1.9')).status).toBe(200);
  });

  it('per client, across references: one client walking through references is stopped', async () => {
    const client = '10.9.2.1';
    const statuses = [];
    for (let i = 0; i < 9; i++) {
      statuses.push(
        (
          await post(
            'lacak',
            { reference: `ADU-2345678${(i % 8) + 2}`, tracking_code: 'ZZZZZ-ZZZZZ' },
            client,
          )
        ).status,
      );
    }
    expect(statuses).toEqual([404, 404, 404, 404, 404, 404, 404, 404, 429]);
  });

  it('answering a correction and reopening count too', async () => {
    const client = '10.9.3.1';
    const t = await newAduan(client);
    const { ticket } = await ticketOf(env.db, t.reference);
    const actor = { role: 'dinsos' as const, id: 'slrt-1' };
    await transitionTicket(env.db, env.deps, {
      ticketId: ticket.id,
      to: 'diteruskan',
      actor,
      unit: 'bank_penyalur',
    });
    await transitionTicket(env.db, env.deps, { ticketId: ticket.id, to: 'ditindaklanjuti', actor });
    await transitionTicket(env.db, env.deps, { ticketId: ticket.id, to: 'selesai', actor, answer: 'Sudah.' });
    const wrong = { ...t, tracking_code: 'ZZZZZ-ZZZZZ' };
    const statuses = [
      (await post('lacak/buka-kembali', { ...wrong, reason: 'Belum selesai.' }, client)).status,
      (await post('lacak/perbaikan', { ...wrong, correction: 'KK baru.' }, client)).status,
      (await post('lacak/buka-kembali', { ...wrong, reason: 'Belum selesai.' }, client)).status,
      (await post('lacak', t, client)).status,
      (await post('lacak/buka-kembali', { ...t, reason: 'Belum selesai.' }, client)).status,
    ];
    // The fifth attempt on the reference is past its limit: a harder proof is asked for.
    expect(statuses).toEqual([404, 404, 404, 200, 428]);
  });

  it('malformed input reaches no row and is not counted', async () => {
    for (let i = 0; i < 12; i++) {
      expect((await post('lacak', { reference: 'nonsense', tracking_code: '123' }, '10.9.4.1')).status).toBe(
        404,
      );
    }
  });
});

describe('tracking codes are checked by HMAC, and older scrypt rows still work', () => {
  it('stores hmac$ for a new submission and tracks it', async () => {
    const t = await newAduan('10.9.5.1');
    const { submission } = await ticketOf(env.db, t.reference);
    expect(submission.tracking_code_hash).toMatch(/^hmac\$[A-Za-z0-9+/]{43}=$/);
    expect((await post('lacak', t, '10.9.5.1')).status).toBe(200);
  });

  it('tracks a ticket whose row holds a scrypt hash (written before decision 0004)', async () => {
    const t = await newAduan('10.9.6.1');
    const { submission } = await ticketOf(env.db, t.reference);
    await env.db
      .updateTable('ticket_submissions')
      .set({ tracking_code_hash: await legacyScryptHash(t.tracking_code) })
      .where('id', '=', submission.id)
      .execute();
    const res = await post('lacak', t, '10.9.6.2');
    expect(res.status).toBe(200);
    expect(((await res.json()) as { reference: string }).reference).toBe(t.reference);
    expect((await post('lacak', { ...t, tracking_code: 'ZZZZZ-ZZZZZ' }, '10.9.6.3')).status).toBe(404);
  });

  it('a wrong code and an unknown reference get the same answer', async () => {
    const t = await newAduan('10.9.7.1');
    const wrong = await post('lacak', { ...t, tracking_code: 'ZZZZZ-ZZZZZ' }, '10.9.7.2');
    const unknown = await post(
      'lacak',
      { reference: 'ADU-ZZZZZZZZ', tracking_code: t.tracking_code },
      '10.9.7.3',
    );
    expect([wrong.status, await wrong.text()]).toEqual([unknown.status, await unknown.text()]);
  });

  it('spends microseconds, not scrypt’s tens of milliseconds, per check', async () => {
    const t = await newAduan('10.9.8.1');
    const { verifyTrackingCode } = await import('../../src/domain/tickets/tracking-code.ts');
    const { submission } = await ticketOf(env.db, t.reference);
    const started = performance.now();
    for (let i = 0; i < 200; i++)
      await verifyTrackingCode(env.deps.secret, 'ZZZZZ-ZZZZZ', submission.tracking_code_hash);
    expect((performance.now() - started) / 200).toBeLessThan(2);
  });
});
