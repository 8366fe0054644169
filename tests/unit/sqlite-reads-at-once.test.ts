// The lookup's read runs at once on SQLite only when no one holds or waits for the connection
// (sqlite-reads-at-once.ts, decision 0039): a read beside an open transaction must wait for it,
// and never see what the transaction wrote and may still roll back.
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import SQLite from 'better-sqlite3';
import { sql } from 'kysely';
import { afterAll, afterEach, describe, expect, it } from 'vitest';
import { type OpenedDatabase, openSqlite } from '../../src/db/database.ts';
import { preparedQuery } from '../../src/db/prepared-query.ts';

const programCount = preparedQuery((db, param) =>
  db
    .selectFrom('programs')
    .select((eb) => eb.fn.countAll<number>().as('n'))
    .where('code', '=', param<string>('code')),
);

const dir = mkdtempSync(path.join(tmpdir(), 'cek-reads-at-once-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

let opened: OpenedDatabase | undefined;
afterEach(async () => {
  await opened?.close();
  opened = undefined;
});

async function withPrograms(file = ':memory:'): Promise<OpenedDatabase> {
  opened = openSqlite(file);
  await sql`CREATE TABLE programs (code TEXT PRIMARY KEY)`.execute(opened.db);
  await sql`INSERT INTO programs VALUES ('PKH')`.execute(opened.db);
  return opened;
}

describe('a prepared read on SQLite', () => {
  it('runs at once when the connection is free, before anything after the call', async () => {
    const file = path.join(dir, 'at-once.sqlite');
    const { db } = await withPrograms(file);
    const other = new SQLite(file);
    try {
      const read = programCount(db, { code: 'PKH' });
      // Another process deletes the row right after the call: through Kysely's queue the read
      // would run later and miss it; read at once, it already has its answer.
      other.prepare('DELETE FROM programs').run();
      expect(await read).toEqual([{ n: 1 }]);
      expect(await programCount(db, { code: 'PKH' })).toEqual([{ n: 0 }]);
    } finally {
      other.close();
    }
  });

  it('waits for an open transaction and does not see its rolled-back write', async () => {
    const { db } = await withPrograms();
    let readDuringTransaction: Promise<{ n: number }[]> | undefined;
    await expect(
      db.transaction().execute(async (trx) => {
        await sql`INSERT INTO programs VALUES ('BPNT')`.execute(trx);
        readDuringTransaction = programCount(db, { code: 'BPNT' });
        // Let the read try while the transaction holds the connection.
        await new Promise((resolve) => setImmediate(resolve));
        throw new Error('rolled back');
      }),
    ).rejects.toThrow('rolled back');
    expect(await readDuringTransaction).toEqual([{ n: 0 }]);
  });

  it('inside a transaction reads what the transaction wrote', async () => {
    const { db } = await withPrograms();
    const rows = await db.transaction().execute(async (trx) => {
      await sql`INSERT INTO programs VALUES ('BPNT')`.execute(trx);
      return programCount(trx, { code: 'BPNT' });
    });
    expect(rows).toEqual([{ n: 1 }]);
  });
});

describe('a compiled read in another bundle', () => {
  it('finds the reader the server registered: the pages have their own copy of prepared-query.ts', async () => {
    // A second instance of the module, as the pages' bundle holds one.
    const secondCopy = '../../src/db/prepared-query.ts?as-the-pages-bundle';
    const pagesCopy = (await import(
      /* @vite-ignore */ secondCopy
    )) as typeof import('../../src/db/prepared-query.ts');
    const file = path.join(dir, 'other-bundle.sqlite');
    const { db } = await withPrograms(file);
    const other = new SQLite(file);
    try {
      const query = db.selectFrom('programs').select('code').compile();
      const read = pagesCopy.runCompiled(db, query);
      other.prepare('DELETE FROM programs').run();
      expect(await read).toEqual([{ code: 'PKH' }]);
      expect(await pagesCopy.runCompiled(db, query)).toEqual([]);
    } finally {
      other.close();
    }
  });
});
