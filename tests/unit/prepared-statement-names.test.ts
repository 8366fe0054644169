// Which statements PostgreSQL prepares once per connection (decision 0040): the texts of prepared
// queries, and texts marked PREPARED_MARK (at the front) or PREPARED_END_MARK (at the end)
// wherever they were built (the inbox's statement is built in the pages' bundle). Marked texts are
// named up to a bound per mark, so that a connection never holds statements without end; an
// unmarked text is never named.

import SQLite from 'better-sqlite3';
import { Kysely, SqliteDialect } from 'kysely';
import { describe, expect, it } from 'vitest';
import {
  MARKED_NAMES_KEPT,
  PREPARED_END_MARK,
  PREPARED_MARK,
  preparedOnPostgres,
  preparedQuery,
  preparedStatementName,
} from '../../src/db/prepared-query.ts';
import type { Database } from '../../src/db/schema.ts';

describe('prepared statement names', () => {
  it('names a marked text, the same each time, and another text otherwise; never an unmarked one', () => {
    const text = `${PREPARED_MARK}select 1 where ? = ?`;
    const name = preparedStatementName(text);
    expect(name).toMatch(/^prepared-text-\d+$/);
    expect(preparedStatementName(text)).toBe(name);
    expect(preparedStatementName(`${PREPARED_MARK}select 2`)).not.toBe(name);
    expect(preparedStatementName('select 1 where ? = ?')).toBeUndefined();
    expect(preparedStatementName(`select 1 ${PREPARED_MARK}`)).toBeUndefined();
  });

  it('names a text that ends with the end mark, as Kysely writes it with modifyEnd', () => {
    const db = new Kysely<Database>({ dialect: new SqliteDialect({ database: {} as never }) });
    const { sql } = db
      .selectFrom('holidays')
      .select('date')
      .where('date', '>=', '2026-01-01')
      .modifyEnd(preparedOnPostgres)
      .compile();
    expect(sql.endsWith(PREPARED_END_MARK)).toBe(true);
    const name = preparedStatementName(sql);
    expect(name).toMatch(/^prepared-end-\d+$/);
    expect(preparedStatementName(sql)).toBe(name);
    expect(preparedStatementName(`${sql} `)).toBeUndefined();
    expect(preparedStatementName(`select 1 ${PREPARED_END_MARK} where 1 = 1`)).toBeUndefined();
  });

  it('never names a text that selects a star, whose columns a migration may change', () => {
    for (const text of [
      `select * from "tickets" where "id" = $1 ${PREPARED_END_MARK}`,
      `select "t".* from "tickets" as "t" where "t"."id" = $1 ${PREPARED_END_MARK}`,
      `select "id", "t".* from "tickets" as "t" ${PREPARED_END_MARK}`,
      `${PREPARED_MARK}SELECT * FROM tickets`,
    ])
      expect(preparedStatementName(text)).toBeUndefined();
    // A count of rows is no star select.
    expect(preparedStatementName(`select count(*) as "n" from "tickets" ${PREPARED_END_MARK}`)).toMatch(
      /^prepared-end-\d+$/,
    );
  });

  it('names the text of a prepared query, which is marked at its end', async () => {
    const texts: string[] = [];
    const sqlite = new SQLite(':memory:');
    sqlite.exec('create table holidays (id integer primary key, date text not null, name text)');
    const db = new Kysely<Database>({
      dialect: new SqliteDialect({ database: sqlite }),
      log: (event) => {
        texts.push(event.query.sql);
      },
    });
    const read = preparedQuery((db, param) =>
      db.selectFrom('holidays').select('date').where('date', '=', param<string>('day')),
    );
    expect(await read(db, { day: '2026-08-17' })).toEqual([]);
    const [text] = texts;
    expect(text?.endsWith(PREPARED_END_MARK)).toBe(true);
    expect(preparedStatementName(text ?? '')).toMatch(/^prepared-query-\d+$/);
    // A prepared query that selects a star goes unnamed as a marked text does.
    const everything = preparedQuery((db, param) =>
      db.selectFrom('holidays').selectAll().where('date', '=', param<string>('day')),
    );
    expect(await everything(db, { day: '2026-08-17' })).toEqual([]);
    const star = texts[1] ?? '';
    expect(star.endsWith(PREPARED_END_MARK)).toBe(true);
    expect(preparedStatementName(star)).toBeUndefined();
    await db.destroy();
  });

  it('names no more than MARKED_NAMES_KEPT texts, and keeps the names it gave', () => {
    const first = preparedStatementName(`${PREPARED_MARK}select 'first'`);
    const names = new Set<string>();
    for (let i = 0; i < MARKED_NAMES_KEPT * 2; i++) {
      const name = preparedStatementName(`${PREPARED_MARK}select ${i} + 1000`);
      if (name) names.add(name);
    }
    expect(names.size).toBeLessThan(MARKED_NAMES_KEPT);
    expect(preparedStatementName(`${PREPARED_MARK}select 'one more'`)).toBeUndefined();
    expect(preparedStatementName(`${PREPARED_MARK}select 'first'`)).toBe(first);
    // The front mark's names are used up; the end mark's are counted apart.
    expect(preparedStatementName(`select 'after' ${PREPARED_END_MARK}`)).toMatch(/^prepared-end-\d+$/);
  });
});
