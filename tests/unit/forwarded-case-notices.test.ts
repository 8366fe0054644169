// A case another office moves to an officer's step is news to that officer (issue 20, decision
// 0041), on both engines: told to the subscribers of the office whose step it now is, in whose
// area it lies, never to the officer who moved it, once per case and step, in the transaction of
// the move (a conflict or a rollback queues nothing), one notice per case of a bulk move.
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { bulkAct, moveCase } from '../../src/domain/backoffice/case-work.ts';
import { recordMusyawarah } from '../../src/domain/backoffice/musyawarah.ts';
import type { Officer } from '../../src/domain/backoffice/officer.ts';
import type { DomainDeps } from '../../src/domain/deps.ts';
import { queueForwardedCaseNotices } from '../../src/domain/notifications/officer-notices.ts';
import { savePreferences } from '../../src/domain/notifications/officer-preferences.ts';
import { submitAduan } from '../../src/domain/tickets/submit-aduan.ts';
import { errorOf, officerNamed } from '../support/domain-calls.ts';
import {
  officerRows as officerRows_,
  proposeInWates as proposeInWates_,
  WATES,
} from '../support/officer-notices.ts';
import { openTestDatabase, type TestDatabase } from '../support/test-app.ts';
import { aduanBody, ticketOf } from '../support/ticket-fixtures.ts';

let env: TestDatabase;
let deps: DomainDeps;
let rt: Officer;
let kel: Officer;
let colleague: Officer;
let kranggan: Officer;
let dinsos: Officer;
let surabaya: Officer;
let serial = 0;

beforeAll(async () => {
  env = await openTestDatabase();
  deps = env.deps;
  const at = new Date().toISOString();
  // A second officer of the Wates kelurahan: the mover's colleague hears of a stand-in's move.
  await env.db
    .insertInto('users')
    .values({
      username: 'kel2.wates',
      display_name: 'Operator Wates 2',
      password_hash: 'x',
      role: 'kelurahan',
      area_code: WATES,
      rt: null,
      rw: null,
      created_at: at,
      password_changed_at: at,
      disabled_at: null,
    })
    .execute();
  rt = await officerNamed(env.db, 'rt008.wates');
  kel = await officerNamed(env.db, 'kel.wates');
  colleague = await officerNamed(env.db, 'kel2.wates');
  kranggan = await officerNamed(env.db, 'kel.kranggan');
  dinsos = await officerNamed(env.db, 'dinsos.mojokerto');
  surabaya = await officerNamed(env.db, 'dinsos.surabaya');
}, 120_000);
afterAll(async () => {
  await env?.close();
});
beforeEach(async () => {
  await env.db.deleteFrom('outbox').where('audience', '=', 'officer').execute();
  await env.db.deleteFrom('officer_notifications').execute();
});

const meta = () => ({
  idempotencyKey: `forwarded-${++serial}-${Date.now()}`,
  locale: 'id' as const,
  attachments: [],
  clientKey: 'forwarded-test',
});

const proposeInWates = async (rtNumber?: string) => {
  const c = await proposeInWates_(deps, rtNumber);
  return { ...c, id: c.ticketId };
};
const officerRows = () => officerRows_(env.db);

/** Rows told of a forwarded case (the filing's own notices are not what these tests are about). */
const forwardedRows = async () =>
  (await officerRows()).filter((r) => r.body.includes('diteruskan ke langkah'));

/** Everyone of Mojokerto and Surabaya who could hear of a case, each asking for new cases. */
async function everyoneAsks() {
  await savePreferences(deps, rt, { email: 'rt008@wates.example.id', new_case: '1' }, null);
  await savePreferences(
    deps,
    kel,
    { email: 'kel@wates.example.id', webhook_url: 'https://hooks.example.org/kel', new_case: '1' },
    null,
  );
  await savePreferences(deps, colleague, { email: 'kel2@wates.example.id', new_case: '1' }, null);
  await savePreferences(deps, kranggan, { email: 'kel@kranggan.example.id', new_case: '1' }, null);
  await savePreferences(deps, dinsos, { email: 'slrt@mojokerto.example.id', new_case: '1' }, null);
  await savePreferences(deps, surabaya, { email: 'slrt@surabaya.example.id', new_case: '1' }, null);
}

const verify = (officer: Officer, c: { id: number; version: number }) =>
  moveCase(deps, officer, { ticketId: c.id, to: 'diverifikasi_rt_rw', expectedVersion: c.version }, 'test');

describe('a case moved to another office’s step', () => {
  it('is told to the subscribers of the office it reached, in its area, and to nobody else', async () => {
    await everyoneAsks();
    const c = await proposeInWates();
    await verify(rt, c);
    const rows = await forwardedRows();
    expect(rows.map((r) => [r.account_id, r.channel, r.kind, r.ticket_id, r.reference])).toEqual([
      [kel.id, 'email', 'new_case', c.id, c.reference],
      [kel.id, 'webhook', 'new_case', c.id, c.reference],
      [colleague.id, 'email', 'new_case', c.id, c.reference],
    ]);
    const body = rows[0]?.body ?? '';
    expect(body).toContain('A case forwarded to your office’s step');
    expect(body).toContain(c.reference);
    expect(body).toMatch(/RT 008\/RW 004/);
    // Nothing of the resident.
    expect(body).not.toMatch(/Slamet|Widodo|\d{16}/);
    expect(rows[0]?.subject).toContain(c.reference);
  });

  it('is told once per officer, case and step, however often it is queued', async () => {
    await everyoneAsks();
    const c = await proposeInWates();
    await verify(rt, c);
    expect(await forwardedRows()).toHaveLength(3);
    const again = await queueForwardedCaseNotices(env.db, deps, {
      ticketId: c.id,
      fromRole: 'rt_rw',
      moverId: rt.id,
      moverRole: 'rt_rw',
    });
    expect(again).toBe(0);
    expect(await forwardedRows()).toHaveLength(3);
  });

  it('is never told to the officer who moved it; their colleague hears of it', async () => {
    await everyoneAsks();
    // RT 009 has no account: the kelurahan takes its step, and the case reaches the kelurahan's.
    const c = await proposeInWates('9');
    await verify(kel, c);
    expect((await forwardedRows()).map((r) => [r.account_id, r.ticket_id])).toEqual([[colleague.id, c.id]]);
  });

  it('is told when the kelurahan forwards a complaint at the Dinas Sosial’s step, only to that regency', async () => {
    await everyoneAsks();
    // A complaint naming a member of a Wates household is placed in Wates.
    const member = await env.db
      .selectFrom('household_members as m')
      .innerJoin('households as h', 'h.id', 'm.household_id')
      .select('m.nik')
      .where('h.village_code', '=', WATES)
      .orderBy('m.id')
      .executeTakeFirstOrThrow();
    const receipt = await submitAduan(deps, aduanBody({ nik: member.nik }), meta());
    const { ticket: c } = await ticketOf(env.db, receipt.reference);
    await moveCase(
      deps,
      kel,
      { ticketId: c.id, to: 'diteruskan', unit: 'dinsos_bidang', expectedVersion: c.version },
      'test',
    );
    expect((await forwardedRows()).map((r) => [r.account_id, r.ticket_id])).toEqual([[dinsos.id, c.id]]);
  });

  it('is not told when an office moves a case between its own steps', async () => {
    await everyoneAsks();
    const c = await proposeInWates();
    await verify(rt, c);
    await env.db.deleteFrom('outbox').where('audience', '=', 'officer').execute();
    const { ticket: current } = await ticketOf(env.db, c.reference);
    await moveCase(
      deps,
      kel,
      { ticketId: c.id, to: 'dibahas_musyawarah_kelurahan', expectedVersion: current.version },
      'test',
    );
    expect(await officerRows()).toHaveLength(0);
  });

  it('queues nothing for a move refused as a conflict, or one whose transaction rolls back', async () => {
    await everyoneAsks();
    const c = await proposeInWates();
    const conflict = await errorOf(
      moveCase(
        deps,
        rt,
        { ticketId: c.id, to: 'diverifikasi_rt_rw', expectedVersion: c.version + 1 },
        'test',
      ),
    );
    expect(conflict.fields).toMatchObject({ to: 'ticket.changed_meanwhile' });
    expect(await forwardedRows()).toHaveLength(0);
    const rolledBack = env.db.transaction().execute(async (trx) => {
      await moveCase(
        { ...deps, db: trx },
        rt,
        { ticketId: c.id, to: 'diverifikasi_rt_rw', expectedVersion: c.version },
        'test',
      );
      expect(
        (await trx.selectFrom('outbox').select('id').where('audience', '=', 'officer').execute()).length,
      ).toBe(
        // The filing's notice to the RT head, and the move's three.
        4,
      );
      throw new Error('the move’s write failed');
    });
    await expect(rolledBack).rejects.toThrow('the move’s write failed');
    expect(await forwardedRows()).toHaveLength(0);
    // The case is where it was, and a move now is told as if for the first time.
    await verify(rt, c);
    expect(await forwardedRows()).toHaveLength(3);
  });

  it('a bulk move of N cases queues N notices for one subscriber, one per case', async () => {
    await savePreferences(deps, kel, { email: 'kel@wates.example.id', new_case: '1' }, null);
    const cases = [await proposeInWates(), await proposeInWates(), await proposeInWates()];
    const outcomes = await bulkAct(
      deps,
      rt,
      cases.map((c) => c.id),
      { kind: 'move', to: 'diverifikasi_rt_rw' },
      'test',
    );
    expect(outcomes.every((o) => o.ok)).toBe(true);
    const rows = await forwardedRows();
    expect(rows.map((r) => [r.account_id, r.ticket_id, r.reference])).toEqual(
      cases.map((c) => [kel.id, c.id, c.reference]),
    );
  });

  it('is told of each decision of minutes the Dinas Sosial records that moves a case to the kelurahan’s step, not of a refused one', async () => {
    await everyoneAsks();
    const moved = await proposeInWates();
    const stale = await proposeInWates();
    for (const c of [moved, stale]) await verify(rt, c);
    await env.db.deleteFrom('outbox').where('audience', '=', 'officer').execute();
    const versionOf = async (id: number) =>
      (await env.db.selectFrom('tickets').select('version').where('id', '=', id).executeTakeFirstOrThrow())
        .version;
    const result = await recordMusyawarah(
      deps,
      dinsos,
      {
        villageCode: WATES,
        // The day before the test's clock: a meeting is never recorded ahead of its day.
        heldOn: new Date(deps.now().getTime() - 86_400_000).toISOString().slice(0, 10),
        place: 'Balai Kelurahan Wates',
        attendees: 'Lurah Wates',
        decisions: [
          { ticketId: moved.id, decision: 'disepakati', version: await versionOf(moved.id) },
          // Changed meanwhile: refused on its own, its savepoint leaves nothing.
          { ticketId: stale.id, decision: 'disepakati', version: (await versionOf(stale.id)) + 1 },
        ],
      },
      'test',
    );
    expect(result.outcomes.map((o) => o.outcome)).toEqual(['moved', 'refused']);
    expect((await forwardedRows()).map((r) => [r.account_id, r.channel, r.ticket_id])).toEqual([
      [kel.id, 'email', moved.id],
      [kel.id, 'webhook', moved.id],
      [colleague.id, 'email', moved.id],
    ]);
  });
});
