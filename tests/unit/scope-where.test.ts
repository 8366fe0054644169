// The area rule as a WHERE (scope.ts): each office reads its own tickets, and a role that works
// no tickets (the admin) reads none. That one is a plain false condition, not a bound `false`,
// which SQLite refuses ("SQLite3 can only bind numbers, strings, bigints, buffers, and null").
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { DEMO_ACCOUNTS } from '../../src/demo/demo-accounts.ts';
import { countedAreas, scopeWhere, villagesUnder } from '../../src/domain/backoffice/scope.ts';
import { officerNamed } from '../support/domain-calls.ts';
import { openTestDatabase, type TestDatabase } from '../support/test-app.ts';

let env: TestDatabase;
beforeAll(async () => {
  env = await openTestDatabase();
}, 120_000);
afterAll(async () => {
  await env.close();
});

const areasSeenBy = async (username: string) => {
  const officer = await officerNamed(env.db, username);
  const rows = await env.db
    .selectFrom('tickets as t')
    .select('t.area_code')
    .distinct()
    .where(scopeWhere(officer, villagesUnder(env.deps.regions)))
    .execute();
  return rows.map((r) => r.area_code);
};

describe('the area rule as a WHERE', () => {
  it('gives a kelurahan its village only, and the admin no ticket at all, without an error', async () => {
    expect(await areasSeenBy('kel.wates')).toEqual(['35.76.02.1010']);
    expect(await areasSeenBy('admin')).toEqual([]);
  });
});

describe('the area rule on the open-case counts', () => {
  // The counts (migration 031) keep '' for a case that names no place; read with countedAreas,
  // each office must add up exactly the open cases scopeWhere lists, per kind and state.
  it('adds up for every office the open cases its area rule lists', async () => {
    // A complaint that names no place, for the SLRT desk.
    const now = new Date().toISOString();
    await env.db
      .insertInto('tickets')
      .values({
        kind: 'aduan',
        status: 'diterima',
        return_to: null,
        responsible_role: 'dinsos',
        responsible_unit: null,
        area_code: null,
        rt: null,
        rw: null,
        due_at: now,
        at_risk_at: now,
        opened_at: now,
        updated_at: now,
        closed_at: null,
        payload: '{}',
      })
      .execute();
    const offices = DEMO_ACCOUNTS.filter((a) => a.role !== 'rt_rw').map((a) => a.username);
    for (const username of offices) {
      const officer = await officerNamed(env.db, username);
      const areas = countedAreas(officer, villagesUnder(env.deps.regions));
      const counted =
        areas.length === 0
          ? []
          : await env.db
              .selectFrom('open_ticket_counts as c')
              .where('c.area_code', 'in', areas)
              .where('c.n', '>', 0)
              .select((eb) => ['c.kind', 'c.status', eb.fn.sum<number>('c.n').as('n')])
              .groupBy(['c.kind', 'c.status'])
              .execute();
      const listed = await env.db
        .selectFrom('tickets as t')
        .where(scopeWhere(officer, villagesUnder(env.deps.regions)))
        .where('t.closed_at', 'is', null)
        .select((eb) => ['t.kind', 't.status', eb.fn.countAll<number>().as('n')])
        .groupBy(['t.kind', 't.status'])
        .execute();
      const byState = (rows: { kind: string; status: string; n: number | string }[]) =>
        Object.fromEntries(rows.map((r) => [`${r.kind}:${r.status}`, Number(r.n)]));
      expect(byState(counted), username).toEqual(byState(listed));
    }
    expect(offices.length).toBeGreaterThan(2);
  });
});
