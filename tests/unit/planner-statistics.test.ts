// Planner statistics after a bulk write (engine.ts `refreshPlannerStatistics`). While an import
// writes, PostgreSQL's statistics are taken again from a rough sample (decision 0049): the write's
// joins need the tables' sizes, and a full sample of three tables after chunks 1, 2, 4 and 8 of
// every step cost a 200,000-row list 1.9 s of its 18. The rough sample is the transaction's own
// setting: the pooled connection goes on with PostgreSQL's default, so the full statistics taken
// when the write is done are full. SQLite keeps no such statistics and is left alone.
import { sql } from 'kysely';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { refreshPlannerStatistics } from '../../src/db/engine.ts';
import { openTestDatabase, type TestDatabase } from '../support/test-app.ts';
import { TEST_ENGINE } from '../support/test-database.ts';

let env: TestDatabase;

beforeAll(async () => {
  env = await openTestDatabase();
}, 120_000);
afterAll(async () => {
  await env.close();
});

/** The most common values PostgreSQL keeps for `households.village_code` (0 when none). */
async function commonVillages(): Promise<number> {
  const { rows } = await sql<{ n: number | null }>`SELECT array_length(most_common_vals::text::text[], 1) AS n
    FROM pg_stats WHERE tablename = 'households' AND attname = 'village_code'`.execute(env.db);
  return Number(rows[0]?.n ?? 0);
}

describe.runIf(TEST_ENGINE === 'postgres')('planner statistics on PostgreSQL', () => {
  it('are taken from a rough sample when asked, and the connections keep the default', async () => {
    await refreshPlannerStatistics(env.db, ['households'], 'rough');
    const rough = await commonVillages();
    // Every pooled connection, not only the one that analysed: each still samples in full.
    const targets = await Promise.all(
      Array.from({ length: 4 }, () =>
        sql<{ default_statistics_target: string }>`SHOW default_statistics_target`.execute(env.db),
      ),
    );
    for (const t of targets) expect(t.rows[0]?.default_statistics_target).toBe('100');
    await refreshPlannerStatistics(env.db, ['households']);
    const full = await commonVillages();
    expect(rough).toBeGreaterThan(0);
    expect(rough).toBeLessThanOrEqual(10);
    expect(full).toBeGreaterThan(rough);
  });
});

describe.runIf(TEST_ENGINE === 'sqlite')('planner statistics on SQLite', () => {
  it('are not taken: SQLite plans these statements from its indexes', async () => {
    await refreshPlannerStatistics(env.db, ['households'], 'rough');
    const { rows } = await sql<{
      n: number;
    }>`SELECT count(*) AS n FROM sqlite_master WHERE name = 'sqlite_stat1'`.execute(env.db);
    expect(Number(rows[0]?.n)).toBe(0);
  });
});
