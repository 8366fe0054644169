// The Musyawarah's minutes commit as one: the meeting, every decision and every ticket's move
// (its event, its outbox message, its audit row) together or not at all; and the same form sent
// twice, one after the other or at the same moment, records one meeting that moves each ticket once.
import { sql } from 'kysely';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { engineOf } from '../../src/db/engine.ts';
import { type DecisionInput, recordMusyawarah } from '../../src/domain/backoffice/musyawarah.ts';
import type { Officer } from '../../src/domain/backoffice/officer.ts';
import type { DomainDeps } from '../../src/domain/deps.ts';
import { officerNamed } from '../support/domain-calls.ts';
import {
  proposalsWaitingForMusyawarah,
  WATES,
  type WaitingProposal,
} from '../support/musyawarah-fixtures.ts';
import { openTestDatabase, type TestDatabase } from '../support/test-app.ts';

let env: TestDatabase;
let deps: DomainDeps;
let kel: Officer;
let dinsos: Officer;

beforeAll(async () => {
  env = await openTestDatabase();
  deps = { ...env.deps, now: () => new Date('2026-11-25T06:00:00Z') };
  kel = await officerNamed(env.db, 'kel.wates');
  dinsos = await officerNamed(env.db, 'dinsos.mojokerto');
}, 120_000);
afterAll(async () => {
  await env.close();
});

const minutesFor = (waiting: WaitingProposal[], formKey?: string) => ({
  villageCode: WATES,
  heldOn: '2026-11-25',
  place: 'Balai Kelurahan Wates',
  attendees: 'Lurah Wates\nKetua RT 008',
  decisions: waiting.map(
    (p, i): DecisionInput => ({
      ticketId: p.id,
      // Every third refused, with the reason the workflow asks for: a mix of moves like a real evening.
      decision: i % 3 === 2 ? 'tidak_disepakati' : 'disepakati',
      note: i % 3 === 2 ? 'Sudah menerima bantuan daerah.' : null,
      version: p.version,
    }),
  ),
  ...(formKey ? { formKey } : {}),
});

/** What the database holds about these tickets: enough to tell whether anything moved. */
async function traces(ids: number[]) {
  const [meetings, decisions, tickets, events, outbox, audit] = await Promise.all([
    env.db
      .selectFrom('musyawarah')
      .select((eb) => eb.fn.countAll<number>().as('n'))
      .where('village_code', '=', WATES)
      .executeTakeFirstOrThrow(),
    env.db.selectFrom('musyawarah_decisions').select(['ticket_id']).where('ticket_id', 'in', ids).execute(),
    env.db.selectFrom('tickets').select(['id', 'status', 'version']).where('id', 'in', ids).execute(),
    env.db
      .selectFrom('ticket_events')
      .select(['ticket_id', 'to_status'])
      .where('ticket_id', 'in', ids)
      .where('to_status', 'in', ['dibahas_musyawarah_kelurahan', 'ditolak'])
      .execute(),
    env.db.selectFrom('outbox').select('id').where('ticket_id', 'in', ids).execute(),
    env.db
      .selectFrom('audit_log')
      .select('id')
      .where('action', '=', 'ticket_move')
      .where(
        'target_id',
        'in',
        ids.map((id) => String(id)),
      )
      .execute(),
  ]);
  return {
    meetings: Number(meetings.n),
    decisions: decisions.length,
    waiting: tickets.filter((t) => t.status === 'diverifikasi_rt_rw' && t.version === 1).length,
    moves: events.length,
    outbox: outbox.length,
    audit: audit.length,
  };
}

/** Refuses the `nth` decision row of any meeting, as a disk error or a dying connection would. */
async function failTheDecisionAfter(rows: number) {
  if (engineOf(env.db) === 'postgres') {
    await sql
      .raw(
        `CREATE FUNCTION musyawarah_test_fail() RETURNS trigger LANGUAGE plpgsql AS $$ BEGIN
           IF (SELECT count(*) FROM musyawarah_decisions WHERE musyawarah_id = NEW.musyawarah_id) >= ${rows}
           THEN RAISE EXCEPTION 'injected failure'; END IF; RETURN NEW; END $$`,
      )
      .execute(env.db);
    await sql
      .raw(
        'CREATE TRIGGER musyawarah_test_fail BEFORE INSERT ON musyawarah_decisions FOR EACH ROW EXECUTE FUNCTION musyawarah_test_fail()',
      )
      .execute(env.db);
    return async () => {
      await sql.raw('DROP TRIGGER musyawarah_test_fail ON musyawarah_decisions').execute(env.db);
      await sql.raw('DROP FUNCTION musyawarah_test_fail()').execute(env.db);
    };
  }
  await sql
    .raw(
      `CREATE TRIGGER musyawarah_test_fail BEFORE INSERT ON musyawarah_decisions
       WHEN (SELECT count(*) FROM musyawarah_decisions WHERE musyawarah_id = NEW.musyawarah_id) >= ${rows}
       BEGIN SELECT RAISE(ABORT, 'injected failure'); END`,
    )
    .execute(env.db);
  return async () => {
    await sql.raw('DROP TRIGGER musyawarah_test_fail').execute(env.db);
  };
}

describe('recording the minutes', { timeout: 120_000 }, () => {
  it('leaves no meeting, no decision and no move when a later decision fails, and a retry records all', async () => {
    const waiting = await proposalsWaitingForMusyawarah(deps, 12);
    const ids = waiting.map((p) => p.id);
    const before = await traces(ids);
    expect(before).toMatchObject({ decisions: 0, waiting: 12, moves: 0 });

    const restore = await failTheDecisionAfter(7);
    try {
      await expect(
        recordMusyawarah(deps, kel, minutesFor(waiting, 'form-fails-mid-way'), 'desk'),
      ).rejects.toThrow(/injected failure/);
    } finally {
      await restore();
    }
    expect(await traces(ids)).toEqual(before);

    // The operator sends the same form again: everything is recorded, once.
    const result = await recordMusyawarah(deps, kel, minutesFor(waiting, 'form-fails-mid-way'), 'desk');
    expect(result.outcomes.filter((o) => o.outcome === 'moved')).toHaveLength(12);
    expect(await traces(ids)).toEqual({
      meetings: before.meetings + 1,
      decisions: 12,
      waiting: 0,
      moves: 12,
      outbox: before.outbox + 12,
      audit: before.audit + 12,
    });
  });

  it('answers the same form sent twice, one after the other, with the first meeting', async () => {
    const waiting = await proposalsWaitingForMusyawarah(deps, 6);
    const ids = waiting.map((p) => p.id);
    const before = await traces(ids);
    const first = await recordMusyawarah(deps, kel, minutesFor(waiting, 'form-sent-twice'), 'desk');
    const second = await recordMusyawarah(deps, kel, minutesFor(waiting, 'form-sent-twice'), 'desk');
    expect(second.id).toBe(first.id);
    expect(second.outcomes).toEqual(first.outcomes);
    expect(await traces(ids)).toMatchObject({ meetings: before.meetings + 1, decisions: 6, moves: 6 });
  });

  it('records one meeting for the same form sent three times at once, each ticket moved once', async () => {
    const waiting = await proposalsWaitingForMusyawarah(deps, 6);
    const ids = waiting.map((p) => p.id);
    const before = await traces(ids);
    const results = await Promise.all(
      [1, 2, 3].map(() => recordMusyawarah(deps, kel, minutesFor(waiting, 'form-sent-at-once'), 'desk')),
    );
    expect(new Set(results.map((r) => r.id)).size).toBe(1);
    for (const r of results) expect(r.outcomes.filter((o) => o.outcome === 'moved')).toHaveLength(6);
    expect(await traces(ids)).toMatchObject({
      meetings: before.meetings + 1,
      decisions: 6,
      waiting: 0,
      moves: 6,
      audit: before.audit + 6,
    });
  });

  it('two meetings over the same tickets at once, listed in opposite orders, move each ticket once', async () => {
    const waiting = await proposalsWaitingForMusyawarah(deps, 8);
    const ids = waiting.map((p) => p.id);
    const before = await traces(ids);
    const settled = await Promise.allSettled([
      recordMusyawarah(deps, kel, minutesFor(waiting, 'kelurahan-form'), 'desk'),
      recordMusyawarah(deps, dinsos, minutesFor([...waiting].reverse(), 'dinsos-form'), 'dinsos-desk'),
    ]);
    // Neither fails for the database's sake (a deadlock): one moves the tickets, the other finds
    // them moved, or, when it reads the list after the first committed, nothing left to decide.
    const moved = new Map<number, number>();
    for (const s of settled) {
      if (s.status === 'rejected') {
        expect(s.reason).toMatchObject({
          code: 'validation_failed',
          fields: { decisions: 'musyawarah.nothing_to_decide' },
        });
        continue;
      }
      for (const o of s.value.outcomes) {
        if (o.outcome === 'moved') moved.set(o.ticketId, (moved.get(o.ticketId) ?? 0) + 1);
        else expect(o.reason).toMatch(/changed_meanwhile|no_longer_waiting/);
      }
    }
    expect([...moved.values()]).toEqual(ids.map(() => 1));
    expect(await traces(ids)).toMatchObject({ waiting: 0, moves: 8, audit: before.audit + 8 });
  });
});
