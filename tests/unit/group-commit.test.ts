// Submissions that arrive together share one transaction (one fsync), each in its own
// savepoint: one that fails is rolled back alone, the others commit.
import { sql } from 'kysely';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type Db, openSqlite } from '../../src/db/database.ts';
import { GroupCommit } from '../../src/db/group-commit.ts';

let db: Db;
beforeAll(async () => {
  db = openSqlite(':memory:').db;
  await sql`CREATE TABLE t (n INTEGER NOT NULL UNIQUE)`.execute(db);
});
afterAll(() => db.destroy());

const count = async () =>
  Number((await sql<{ c: number }>`SELECT count(*) AS c FROM t`.execute(db)).rows[0]?.c);

describe('GroupCommit', () => {
  it('writes what arrives together in one transaction, and rolls back only the one that failed', async () => {
    const commits = new GroupCommit(db);
    const seen: number[] = [];
    const results = await Promise.allSettled(
      [1, 2, 3, 4, 5].map((n) =>
        commits.run(async (trx) => {
          // Each sees the rows of those before it in the batch: one transaction.
          seen.push(Number((await sql<{ c: number }>`SELECT count(*) AS c FROM t`.execute(trx)).rows[0]?.c));
          await sql`INSERT INTO t (n) VALUES (${n})`.execute(trx);
          if (n === 3) throw new Error('three fails after writing');
          return n;
        }),
      ),
    );
    expect(results.map((r) => r.status)).toEqual([
      'fulfilled',
      'fulfilled',
      'rejected',
      'fulfilled',
      'fulfilled',
    ]);
    expect(String((results[2] as PromiseRejectedResult).reason)).toContain('three fails');
    expect(seen).toEqual([0, 1, 2, 2, 3]);
    expect(await count()).toBe(4);
  });

  it('a constraint error in one does not spoil the batch, and later batches still run', async () => {
    const commits = new GroupCommit(db);
    const results = await Promise.allSettled(
      [10, 1, 11].map((n) => commits.run((trx) => sql`INSERT INTO t (n) VALUES (${n})`.execute(trx))),
    );
    expect(results.map((r) => r.status)).toEqual(['fulfilled', 'rejected', 'fulfilled']);
    await commits.run((trx) => sql`INSERT INTO t (n) VALUES (12)`.execute(trx));
    expect(await count()).toBe(7);
  });
});
