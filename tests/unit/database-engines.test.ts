// What the database layer promises on either engine (the `sqlite` and `postgres` projects run
// this file once each): the database itself refuses a second open case, keeps the event log
// append-only, gives timestamps back as ISO text, and holds counters and files that every app
// process shares.
import { sql } from 'kysely';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { OpenedDatabase } from '../../src/db/database.ts';
import { BULK_WAL_AUTOCHECKPOINT, duringBulkWrite, isUniqueViolation } from '../../src/db/engine.ts';
import type { GroupedCounters } from '../../src/db/grouped-counters.ts';
import { insertInBatches } from '../../src/db/insert-in-batches.ts';
import {
  DEFAULT_LOOKUP_LIMITS,
  LookupLimits,
  type RequestProof,
} from '../../src/domain/cek/lookup-limits.ts';
import { AppError } from '../../src/domain/errors.ts';
import { ProofOfWork, solveChallenge } from '../../src/domain/privacy/proof-of-work.ts';
import { databaseAttachmentStore } from '../../src/domain/tickets/database-attachment-store.ts';
import { openEmptyTestDatabase, openEmptyTestDatabaseTwice, TEST_ENGINE } from '../support/test-database.ts';

const VILLAGE = '35.76.02.1009';
const NOW = '2026-11-23T08:00:00.123Z';
let opened: OpenedDatabase;

beforeEach(async () => {
  opened = await openEmptyTestDatabase();
  await opened.db
    .insertInto('regions')
    .values({ code: VILLAGE, parent_code: null, level: 4, name: 'KEDUNDUNG' })
    .execute();
});
afterEach(() => opened.close());

const openUsulan = (nik: string, kk: string) =>
  opened.db
    .insertInto('tickets')
    .values({
      kind: 'usulan',
      status: 'diterima',
      area_code: VILLAGE,
      subject_nik: nik,
      subject_kk: kk,
      opened_at: NOW,
      updated_at: NOW,
      payload: '{}',
    })
    .returning('id')
    .executeTakeFirstOrThrow();

const failureOf = (work: Promise<unknown>) =>
  work.then(
    () => undefined,
    (error: unknown) => error,
  );

describe(`the database layer on ${TEST_ENGINE}`, () => {
  it('assigns ids itself, and gives timestamps back as the ISO text that was written', async () => {
    const first = await openUsulan('3576010101900001', '3576010101200001');
    const second = await openUsulan('3576010101900002', '3576010101200002');
    expect(second.id).toBeGreaterThan(first.id);
    const row = await opened.db
      .selectFrom('tickets')
      .select(['opened_at', 'closed_at'])
      .where('id', '=', first.id)
      .executeTakeFirstOrThrow();
    expect(row).toEqual({ opened_at: NOW, closed_at: null });
  });

  it('refuses a second open usulan for the same household (KK and head NIK), and allows one once the first is closed', async () => {
    const first = await openUsulan('3576010101900001', '3576010101200001');
    const again = await failureOf(openUsulan('3576010101900001', '3576010101200001'));
    expect(isUniqueViolation(again)).toBe(true);
    // A wrong KK must answer like an unknown NIK: only the pair is the same household.
    await expect(openUsulan('3576010101900001', '3576010101200009')).resolves.toBeDefined();
    await opened.db
      .updateTable('tickets')
      .set({ status: 'ditolak', closed_at: NOW })
      .where('id', '=', first.id)
      .execute();
    await expect(openUsulan('3576010101900001', '3576010101200001')).resolves.toBeDefined();
  });

  it('refuses a second open sanggahan case on the same recipient', async () => {
    const household = await opened.db
      .insertInto('households')
      .values({
        kk: '3576021205150001',
        village_code: VILLAGE,
        address: 'Jl. Kedundung 1',
        rt: '001',
        rw: '002',
        desil: 1,
      })
      .returning('id')
      .executeTakeFirstOrThrow();
    const member = await opened.db
      .insertInto('household_members')
      .values({
        household_id: household.id,
        nik: '3576021403680001',
        name: 'SUGENG RIYADI',
        name_search: 'SUGENG RIYADI',
        sex: 'L',
        birth_date: '1968-03-14',
        relation: 'kepala',
        pkh_component: null,
      })
      .returning('id')
      .executeTakeFirstOrThrow();
    const objection = () =>
      opened.db
        .insertInto('tickets')
        .values({
          kind: 'sanggahan',
          status: 'diterima',
          area_code: VILLAGE,
          household_id: household.id,
          target_member_id: member.id,
          opened_at: NOW,
          updated_at: NOW,
          payload: '{}',
        })
        .execute();
    await objection();
    expect(isUniqueViolation(await failureOf(objection()))).toBe(true);
  });

  it('tells a unique violation from any other failure', async () => {
    const notNull = await failureOf(
      opened.db
        .insertInto('regions')
        .values({ code: '99', parent_code: null, level: 1, name: null as unknown as string })
        .execute(),
    );
    expect(notNull).toBeInstanceOf(Error);
    expect(isUniqueViolation(notNull)).toBe(false);
    expect(isUniqueViolation(new Error('UNIQUE constraint failed: tickets.subject_nik'))).toBe(false);
    expect(isUniqueViolation({ code: '23505' })).toBe(true);
    expect(isUniqueViolation(null)).toBe(false);
  });

  it('keeps ticket_events append-only', async () => {
    const ticket = await openUsulan('3576010101900001', '3576010101200001');
    await opened.db
      .insertInto('ticket_events')
      .values({
        ticket_id: ticket.id,
        from_status: null,
        to_status: 'diterima',
        actor_role: 'warga',
        actor_id: null,
        at: NOW,
        note: null,
        visible_to_resident: 1,
        data: null,
      })
      .execute();
    await expect(opened.db.updateTable('ticket_events').set({ note: 'changed' }).execute()).rejects.toThrow(
      /append-only/,
    );
    await expect(opened.db.deleteFrom('ticket_events').execute()).rejects.toThrow(/append-only/);
    const events = await opened.db.selectFrom('ticket_events').select('note').execute();
    expect(events).toEqual([{ note: null }]);
  });

  it('counts lookups in the database, so two processes’ limiters share one count', async () => {
    const settings = { ...DEFAULT_LOOKUP_LIMITS, perClient: 3, perNik: 100, proofCost: 20 };
    // Two LookupLimits over one database stand for two app processes (one server secret).
    const pow = new ProofOfWork({ secret: Buffer.alloc(32, 3) });
    const one = new LookupLimits(settings, opened.rateLimiter, opened.counters, pow);
    const other = new LookupLimits(settings, opened.rateLimiter, opened.counters, pow);
    const proof = () => ({ payload: solveChallenge(pow.challenge(20)) });
    await one.countNikCheck('203.0.113.7', '3576021403680001', proof());
    await other.countNikCheck('203.0.113.7', '3576021403680002', proof());
    // A solution spent in one process counts as none in the other: the stricter third (1 of 3).
    const spent = proof();
    await one.countNikCheck('203.0.113.7', '3576021403680003', spent);
    await other.countNikCheck('203.0.113.8', '3576021403680003', { payload: spent.payload });
    const replayed = await failureOf(
      other.countNikCheck('203.0.113.8', '3576021403680005', { payload: spent.payload }),
    );
    expect((replayed as AppError).code).toBe('rate_limited');
    const refused = await failureOf(other.countNikCheck('203.0.113.7', '3576021403680004', proof()));
    expect(refused).toBeInstanceOf(AppError);
    expect((refused as AppError).code).toBe('rate_limited');
    if (TEST_ENGINE === 'postgres') {
      const rows = await opened.db.selectFrom('rate_limits').select(['key', 'points']).execute();
      expect(rows.find((r) => r.key === 'client:203.0.113.7')?.points).toBe(4);
      // The NIK counter keys hold a hash, never the NIK.
      expect(JSON.stringify(rows)).not.toContain('3576021403680001');
      // Unlogged: counting commits without waiting for a WAL flush (migration 008).
      const { rows: table } = await sql<{ persistence: string }>`SELECT relpersistence AS persistence
        FROM pg_class WHERE relname = 'rate_limits'`.execute(opened.db);
      expect(table).toEqual([{ persistence: 'u' }]);
    }
  });

  it('refuses a solution replayed to a second process on the same database, even sent to both at once', async () => {
    const twice = await openEmptyTestDatabaseTwice();
    try {
      const settings = { ...DEFAULT_LOOKUP_LIMITS, perClient: 3, perNik: 100, proofCost: 20 };
      const pow = new ProofOfWork({ secret: Buffer.alloc(32, 4) });
      const one = new LookupLimits(settings, twice.one.rateLimiter, twice.one.counters, pow);
      const other = new LookupLimits(settings, twice.other.rateLimiter, twice.other.counters, pow);
      const solution = () => solveChallenge(pow.challenge(20));
      // Spent through one, replayed through the other: counted there as without a proof, so the
      // stricter third (1 of 3) refuses its second replay.
      const spent = solution();
      await one.countNikCheck('203.0.113.20', '3576021403680011', { payload: spent });
      await other.countNikCheck('203.0.113.21', '3576021403680012', { payload: spent });
      const replayed = await failureOf(
        other.countNikCheck('203.0.113.21', '3576021403680013', { payload: spent }),
      );
      expect((replayed as AppError).code).toBe('rate_limited');
      // One solution sent to both processes in the same instant: exactly one spends it.
      const raced = solution();
      const checks = [{ payload: raced }, { payload: raced }] as RequestProof[];
      await Promise.all([
        one.countNikCheck('203.0.113.22', '3576021403680014', checks[0]),
        other.countNikCheck('203.0.113.23', '3576021403680014', checks[1]),
      ]);
      expect(checks.map((c) => c.checked?.kind).sort()).toEqual(['missing', 'valid']);
      // Many lookups of one process together share statements, and every one is counted.
      const before = (twice.one.counters as GroupedCounters).statements;
      const together = await Promise.allSettled(
        Array.from({ length: 10 }, (_, i) =>
          one.countNikCheck('203.0.113.24', `35760214036800${20 + i}`, { payload: solution() }),
        ),
      );
      expect(together.filter((r) => r.status === 'fulfilled')).toHaveLength(3);
      expect((twice.one.counters as GroupedCounters).statements - before).toBeLessThan(10);
      const client = await twice.other.counters.hit([{ key: 'client:203.0.113.24', durationMs: 600_000 }]);
      expect(client[0]?.points).toBe(11);
    } finally {
      await twice.close();
    }
  });

  it('counts a lookup’s two counters in one statement, in the rows rate-limiter-flexible reads', async () => {
    const window = { durationMs: 600_000 };
    const first = await opened.counters.hit([
      { key: 'client:203.0.113.9', ...window },
      { key: 'nik:hashed-nik', ...window },
    ]);
    expect(first.map((c) => c.points)).toEqual([1, 1]);
    // Answered in the order asked, whatever order the statement locked them in.
    const second = await opened.counters.hit([
      { key: 'nik:hashed-nik', ...window },
      { key: 'client:203.0.113.9', ...window },
      { key: 'client:203.0.113.10', ...window },
    ]);
    expect(second.map((c) => c.points)).toEqual([2, 2, 1]);
    for (const c of second) {
      expect(c.expire).toBeGreaterThan(Date.now());
      expect(c.expire).toBeLessThanOrEqual(Date.now() + 600_000);
    }
    // The same row as the library's own limiter for that prefix, so both count one budget.
    const library = opened.rateLimiter({ keyPrefix: 'client', points: 30, duration: 600 });
    expect((await library.get('203.0.113.9'))?.consumedPoints).toBe(2);
    await library.consume('203.0.113.9');
    expect((await opened.counters.hit([{ key: 'client:203.0.113.9', ...window }]))[0]?.points).toBe(4);
    if (TEST_ENGINE === 'postgres') {
      // A window that has ended starts again at one, with a new end.
      await opened.db
        .updateTable('rate_limits')
        .set({ expire: Date.now() - 1 })
        .execute();
      const renewed = await opened.counters.hit([{ key: 'client:203.0.113.9', ...window }]);
      expect(renewed[0]?.points).toBe(1);
      expect(renewed[0]?.expire).toBeGreaterThan(Date.now());
    }
  });

  it('stores attachment bytes in the database for servers that share no disk', async () => {
    const store = databaseAttachmentStore(opened.db);
    const bytes = new Uint8Array([0x25, 0x50, 0x44, 0x46, 0, 255, 1, 2]);
    const stored = await store.put(bytes, 'pdf', new Date(NOW));
    expect(stored.relativePath).toMatch(/^2026\/11\/[0-9a-f-]{36}\.pdf$/);
    expect(await store.get(stored.relativePath)).toEqual(bytes);
    await store.remove(stored.relativePath);
    expect(await store.get(stored.relativePath)).toBeNull();
    await expect(store.remove(stored.relativePath)).resolves.toBeUndefined();
    await expect(store.put(bytes, 'exe', new Date(NOW))).rejects.toThrow(/extension/);
  });

  it('inserts many rows in batches, text exactly as given, and answers the ids in row order', async () => {
    // More rows than one statement of either engine takes, with text that array and JSON
    // encodings have to escape.
    const awkward = ['O\'Neil, "Sri"', 'a\\b {c} NULL', 'Ñoño 😀', ' trailing ', ''];
    const rows = Array.from({ length: 12_345 }, (_, i) => ({
      kk: String(3576000000000000 + i),
      village_code: VILLAGE,
      address: awkward[i % awkward.length] as string,
      rt: '001',
      rw: '002',
      desil: i % 3 === 0 ? null : i % 10,
    }));
    const ids = await insertInBatches(opened.db, 'households', rows, { returning: 'id' });
    expect(ids).toHaveLength(rows.length);
    const stored = await opened.db
      .selectFrom('households')
      .select(['id', 'kk', 'address', 'desil'])
      .orderBy('id')
      .execute();
    expect(stored.map((r) => r.id)).toEqual(ids);
    expect(stored.map(({ kk, address, desil }) => ({ kk, address, desil }))).toEqual(
      rows.map(({ kk, address, desil }) => ({ kk, address, desil })),
    );
    await expect(insertInBatches(opened.db, 'households', [])).resolves.toBeUndefined();
  });
});

describe('a bulk write', () => {
  const checkpointEvery = async () =>
    Number(
      Object.values(
        (await sql<Record<string, number>>`PRAGMA wal_autocheckpoint`.execute(opened.db)).rows[0] ?? {},
      )[0],
    );

  it.runIf(TEST_ENGINE === 'sqlite')(
    "folds SQLite's WAL back less often while it runs, and as before once the last one ends, even when it fails",
    async () => {
      expect(await checkpointEvery()).toBe(1000);
      const seen: number[] = [];
      const inner = duringBulkWrite(opened.db, async () => {
        seen.push(await checkpointEvery());
        await duringBulkWrite(opened.db, async () => seen.push(await checkpointEvery()));
        // The nested one ended; the outer one still runs.
        seen.push(await checkpointEvery());
        return 'written';
      });
      await expect(inner).resolves.toBe('written');
      expect(seen).toEqual([BULK_WAL_AUTOCHECKPOINT, BULK_WAL_AUTOCHECKPOINT, BULK_WAL_AUTOCHECKPOINT]);
      expect(await checkpointEvery()).toBe(1000);
      await expect(
        duringBulkWrite(opened.db, async () => {
          throw new Error('the list broke off');
        }),
      ).rejects.toThrow('the list broke off');
      expect(await checkpointEvery()).toBe(1000);
    },
  );

  it('answers what the work answers, on either engine', async () => {
    await expect(duringBulkWrite(opened.db, async () => 42)).resolves.toBe(42);
  });
});
