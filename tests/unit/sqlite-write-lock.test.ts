// SQLite transactions take the write lock when they begin (issue 22): a transaction that reads
// first and writes later cannot find another process's commit in between (SQLITE_BUSY_SNAPSHOT,
// which no busy_timeout waits out); the other process waits for it instead. Proven with a second
// connection to the same file, as `npm run import` or `npm run retention` beside the server is.
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import SQLite from 'better-sqlite3';
import { sql } from 'kysely';
import { afterAll, describe, expect, it } from 'vitest';
import { openSqlite } from '../../src/db/database.ts';

const dir = mkdtempSync(path.join(tmpdir(), 'cek-write-lock-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

describe('a SQLite transaction', () => {
  it('holds the write lock from its first statement, so a second process waits', async () => {
    const file = path.join(dir, 'cek.sqlite');
    const opened = openSqlite(file);
    await sql`CREATE TABLE notes (n INTEGER)`.execute(opened.db);
    const other = new SQLite(file);
    other.pragma('busy_timeout = 0');
    try {
      await opened.db.transaction().execute(async (trx) => {
        // Only a read so far: a deferred transaction would hold no write lock yet.
        await sql`SELECT count(*) FROM notes`.execute(trx);
        expect(() => other.prepare('INSERT INTO notes VALUES (1)').run()).toThrow(/database is locked/);
        await sql`INSERT INTO notes VALUES (2)`.execute(trx);
      });
      // Once it has committed, the other process writes.
      other.prepare('INSERT INTO notes VALUES (3)').run();
      expect(other.prepare('SELECT n FROM notes ORDER BY n').all()).toEqual([{ n: 2 }, { n: 3 }]);
    } finally {
      other.close();
      await opened.close();
    }
  });
});
