// The open-case counts the database keeps per village, kind and state (migration 031) always equal
// a recount of the cases, on both engines: after the demo data, after residents' submissions and
// officers' moves through the domain, after writes that bypass it (closing, reopening, moving a
// case to another village or to none, deleting), and after many moves at once in opposite
// directions — which on PostgreSQL would deadlock if the trigger took its two rows in any order.
import { sql, type Transaction } from 'kysely';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Db } from '../../src/db/database.ts';
import type { Database } from '../../src/db/schema.ts';
import { moveCase, openCase } from '../../src/domain/backoffice/case-work.ts';
import { loadInbox, readInboxFilter } from '../../src/domain/backoffice/inbox.ts';
import type { Officer } from '../../src/domain/backoffice/officer.ts';
import type { DomainDeps } from '../../src/domain/deps.ts';
import { submitAduan } from '../../src/domain/tickets/submit-aduan.ts';
import { officerNamed } from '../support/domain-calls.ts';
import { openTestDatabase, type TestDatabase } from '../support/test-app.ts';
import { TEST_ENGINE } from '../support/test-database.ts';
import { aduanBody, ticketOf } from '../support/ticket-fixtures.ts';

let env: TestDatabase;
let deps: DomainDeps;
let desk: Officer;

beforeAll(async () => {
  env = await openTestDatabase();
  deps = env.deps;
  desk = await officerNamed(env.db, 'dinsos.mojokerto');
}, 120_000);
afterAll(async () => {
  await env.close();
});

const keyed = (rows: { area_code: string | null; kind: string; status: string; n: unknown }[]) =>
  rows
    .filter((r) => Number(r.n) > 0)
    .map((r) => `${r.area_code ?? ''}|${r.kind}|${r.status}|${Number(r.n)}`)
    .sort();

async function expectCountsEqualRecount() {
  const recount = await env.db
    .selectFrom('tickets')
    .select((eb) => ['area_code', 'kind', 'status', eb.fn.countAll<number>().as('n')])
    .where('closed_at', 'is', null)
    .groupBy(['area_code', 'kind', 'status'])
    .execute();
  const kept = await env.db
    .selectFrom('open_ticket_counts')
    .select(['area_code', 'kind', 'status', 'n'])
    .execute();
  expect(keyed(kept)).toEqual(keyed(recount));
  expect(kept.every((r) => r.n >= 0)).toBe(true);
  return recount.length;
}

async function newAduan(tag: string) {
  const receipt = await submitAduan(deps, aduanBody(), {
    idempotencyKey: `counts:${tag}:${Date.now()}:${Math.random()}`,
    locale: 'id',
    attachments: [],
    clientKey: `resident-${tag}`,
  });
  return (await ticketOf(env.db, receipt.reference)).ticket.id;
}

/** A case written straight into `tickets`, past the domain. */
function bareSanggahan(db: Db | Transaction<Database>, village: string) {
  const at = new Date().toISOString();
  return db
    .insertInto('tickets')
    .values({
      kind: 'sanggahan',
      status: 'diterima',
      area_code: village,
      opened_at: at,
      updated_at: at,
      payload: '{}',
      return_to: null,
      responsible_role: 'kelurahan',
      responsible_unit: null,
    })
    .returning('id')
    .executeTakeFirstOrThrow();
}

describe('open-case counts', { timeout: 120_000 }, () => {
  it('equal a recount of the demo cases', async () => {
    expect(await expectCountsEqualRecount()).toBeGreaterThan(5);
  });

  it('follow submissions and moves through the domain', async () => {
    const ids = [await newAduan('a'), await newAduan('b'), await newAduan('c')];
    await expectCountsEqualRecount();
    for (const ticketId of ids.slice(0, 2)) {
      const { version } = (await openCase(deps, desk, ticketId, 'desk')).ticket;
      await moveCase(
        deps,
        desk,
        { ticketId, to: 'diteruskan', unit: 'bank_penyalur', expectedVersion: version },
        'desk',
      );
    }
    await expectCountsEqualRecount();
  });

  it('follow writes that bypass the domain: closing, reopening, moving, deleting', async () => {
    const ticketId = await newAduan('raw');
    const at = new Date().toISOString();
    await env.db
      .updateTable('tickets')
      .set({ status: 'selesai', closed_at: at })
      .where('id', '=', ticketId)
      .execute();
    await expectCountsEqualRecount();
    await env.db
      .updateTable('tickets')
      .set({ status: 'diterima', closed_at: null })
      .where('id', '=', ticketId)
      .execute();
    await expectCountsEqualRecount();
    await env.db.updateTable('tickets').set({ area_code: null }).where('id', '=', ticketId).execute();
    await expectCountsEqualRecount();
    await env.db
      .updateTable('tickets')
      .set({ area_code: '35.76.01.1005' })
      .where('id', '=', ticketId)
      .execute();
    await expectCountsEqualRecount();
    // A change of other columns, or a SET of the same values, changes no count.
    await env.db
      .updateTable('tickets')
      .set({ due_at: at, status: 'diterima' })
      .where('id', '=', ticketId)
      .execute();
    await expectCountsEqualRecount();

    const bare = await bareSanggahan(env.db, '35.76.02.1009');
    await expectCountsEqualRecount();
    await env.db.deleteFrom('tickets').where('id', '=', bare.id).execute();
    await expectCountsEqualRecount();
  });

  it('stay right under many moves at once in opposite directions', async () => {
    const ids = await Promise.all(Array.from({ length: 24 }, (_, i) => newAduan(`many-${i}`)));
    // Half go diterima → diteruskan while the other half, already forwarded, come back: each
    // transaction takes the two count rows in opposite orders, unless the trigger orders them.
    await env.db
      .updateTable('tickets')
      .set({ status: 'diteruskan' })
      .where('id', 'in', ids.slice(12))
      .execute();
    for (let round = 0; round < 3; round++) {
      await Promise.all(
        ids.map((id, i) =>
          env.db.transaction().execute(async (trx) => {
            const to = i < 12 === (round % 2 === 0) ? 'diteruskan' : 'diterima';
            await trx.updateTable('tickets').set({ status: to }).where('id', '=', id).execute();
            // Hold the locks a moment, so the transactions really overlap.
            if (env.engine === 'postgres') await sql`SELECT pg_sleep(0.02)`.execute(trx);
          }),
        ),
      );
    }
    await expectCountsEqualRecount();
  });

  it.runIf(TEST_ENGINE === 'postgres')(
    'let a new case of a village commit while another case of that village is still being written',
    async () => {
      // The count row of (village, kind, state) is locked at commit, not from the insert on: before,
      // every new complaint of a village waited for the whole transaction of the one before it.
      let release = () => {};
      const held = new Promise<void>((resolve) => {
        release = resolve;
      });
      let written = () => {};
      const first = new Promise<void>((resolve) => {
        written = resolve;
      });
      const open = env.db.transaction().execute(async (trx) => {
        await bareSanggahan(trx, '35.76.02.1010');
        written();
        await held;
      });
      await first;
      const second = bareSanggahan(env.db, '35.76.02.1010');
      const outcome = await Promise.race([
        second.then(() => 'committed'),
        new Promise((resolve) => setTimeout(() => resolve('still waiting'), 3_000)),
      ]);
      release();
      await open;
      await second;
      expect(outcome).toBe('committed');
      await expectCountsEqualRecount();
    },
  );

  it('give the inbox its state counts and total without reading every case', async () => {
    const inbox = await loadInbox(deps, desk, readInboxFilter(new URLSearchParams()));
    const forwarded = await loadInbox(
      deps,
      desk,
      readInboxFilter(new URLSearchParams('kind=aduan&status=diteruskan')),
    );
    const recount = await env.db
      .selectFrom('tickets')
      .select((eb) => eb.fn.countAll<number>().as('n'))
      .where('closed_at', 'is', null)
      .where('kind', '=', 'aduan')
      .where('status', '=', 'diteruskan')
      .where((eb) =>
        eb.or([
          eb('area_code', 'like', '35.76.%'),
          ...(desk.receivesPlaceless ? [eb('area_code', 'is', null)] : []),
        ]),
      )
      .executeTakeFirstOrThrow();
    expect(forwarded.total).toBe(Number(recount.n));
    expect(inbox.counts.find((c) => c.kind === 'aduan' && c.status === 'diteruskan')?.n).toBe(
      forwarded.total,
    );
    expect(inbox.total).toBe(
      Math.min(
        inbox.counts.reduce((s, c) => s + c.n, 0),
        10_001,
      ),
    );
    expect(forwarded.rows.every((r) => r.kind === 'aduan' && r.status === 'diteruskan')).toBe(true);
  });
});
