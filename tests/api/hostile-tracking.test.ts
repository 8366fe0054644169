// Issue 8.4: tracking is not a lever. Tracking attempts (lacak, answering a correction,
// reopening) are counted per client and per reference and answered 429 beyond the limit; a check
// costs an HMAC, not ~50 ms of scrypt; rows hashed with scrypt before still verify; a wrong code
// and an unknown reference stay the same answer.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { transitionTicket } from '../../src/domain/tickets/ticket-repository.ts';
import { legacyScryptHash } from '../../src/domain/tickets/tracking-code.ts';
import { createApp } from '../../src/server/app.ts';
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

const post = (path: string, body: unknown, client: string) =>
  postJson(app, `/api/v1/${path}`, body, { 'x-forwarded-for': client });

async function newAduan(client: string) {
  const res = await post('aduan', aduanBody(), client);
  expect(res.status).toBe(201);
  return (await res.json()) as { reference: string; tracking_code: string };
}

const TOO_MANY = {
  error: { code: 'rate_limited', message: 'Terlalu banyak permintaan. Coba lagi sebentar lagi.' },
};

describe('tracking attempts are counted', () => {
  it('per reference, whoever asks: the fifth guess at one ticket is 429, other tickets unaffected', async () => {
    const t = await newAduan('10.9.0.1');
    const statuses = [];
    for (let i = 0; i < 5; i++) {
      statuses.push(
        (await post('lacak', { ...t, tracking_code: `ZZZZZ-ZZZZ${i + 2}` }, `10.9.1.${i}`)).status,
      );
    }
    expect(statuses).toEqual([404, 404, 404, 404, 429]);
    // The right code does not get through either once the reference is over its limit.
    const blocked = await post('lacak', t, '10.9.1.9');
    expect(blocked.status).toBe(429);
    expect(await blocked.json()).toEqual(TOO_MANY);
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
    expect(statuses).toEqual([404, 404, 404, 200, 429]);
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
