// The area rule as a WHERE (scope.ts): each office reads its own tickets, and a role that works
// no tickets (the admin) reads none. That one is a plain false condition, not a bound `false`,
// which SQLite refuses ("SQLite3 can only bind numbers, strings, bigints, buffers, and null").
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { scopeWhere, villagesUnder } from '../../src/domain/backoffice/scope.ts';
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
