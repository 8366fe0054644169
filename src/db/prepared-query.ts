// A query that runs on every request (the NIK lookup) is built and compiled by Kysely once per
// database, then run with new parameter values: building and compiling it cost as much CPU as
// the database took to answer it. The statement text stays the same, so SQLite's statement
// cache (database.ts) and PostgreSQL's plan see one query.
import { type Compilable, type CompiledQuery, sql as rawSql } from 'kysely';
import type { Db } from './database.ts';
import type { ReadAtOnce } from './sqlite-reads-at-once.ts';

/** The SQL text of every prepared query, with the name it has as a PostgreSQL statement. */
const statementNames = new Map<string, string>();

/**
 * The statement name for `sql` when its text begins with PREPARED_MARK or ends with
 * PREPARED_END_MARK (a prepared query's does), else undefined. The mark travels in the text, so a
 * statement built in the pages' bundle (whose copy of this module the server's database never
 * asks) is named too; an unmarked text is not even looked up. Texts of each mark get names up to
 * MARKED_NAMES_KEPT per process; past that they go unnamed, so that a connection never holds
 * statements without end. The two marks count apart: the inbox's texts (PREPARED_MARK) differ by
 * page and filter, and must not use up the names of a submission's few (PREPARED_END_MARK).
 */
export function preparedStatementName(sql: string): string | undefined {
  if (!sql.startsWith(PREPARED_MARK) && !sql.endsWith(PREPARED_END_MARK)) return undefined;
  const named = statementNames.get(sql);
  if (named !== undefined) return named;
  const front = sql.startsWith(PREPARED_MARK);
  const names = front ? frontMarkedNames : endMarkedNames;
  let marked = names.get(sql);
  if (marked === undefined && names.size < MARKED_NAMES_KEPT) {
    // A star's columns are fixed when the statement is prepared: once a migration adds one (a
    // new process of a rolling upgrade), PostgreSQL refuses to run it again ("cached plan must
    // not change result type"), on every connection of every older process.
    if (STAR_SELECT.test(sql)) return undefined;
    marked = `prepared-${front ? 'text' : 'end'}-${names.size + 1}`;
    names.set(sql, marked);
  }
  return marked;
}

/**
 * Databases that can run a read at once, without Kysely's queue (sqlite-reads-at-once.ts). One map
 * per process, on globalThis: the pages' bundle has its own copy of this module, and the server's
 * copy is the one that registers the database.
 */
const registry = globalThis as unknown as Record<symbol, WeakMap<Db, ReadAtOnce> | undefined>;
const AT_ONCE = Symbol.for('cek-bansos.reads-at-once');
registry[AT_ONCE] ??= new WeakMap();
const atOnce: WeakMap<Db, ReadAtOnce> = registry[AT_ONCE];

/** `db` (not a transaction of it) runs a prepared query's read with `read` when that can. */
export function readsAtOnce(db: Db, read: ReadAtOnce): void {
  atOnce.set(db, read);
}

/** Begins a statement's text that is worth preparing once per connection (`preparedStatementName`). */
export const PREPARED_MARK = '/* prepared */ ';
/**
 * Ends a statement's text that is worth preparing once per connection, as Kysely writes it with
 * `.modifyEnd(preparedOnPostgres)`: a resident's submission is a dozen small statements, each
 * parsed and planned anew by PostgreSQL (as much of its CPU as running them) when unnamed.
 */
export const PREPARED_END_MARK = '/* prepared */';
export const preparedOnPostgres = rawSql.raw(PREPARED_END_MARK);
export const MARKED_NAMES_KEPT = 100;
const STAR_SELECT = /(?:\bselect|,)\s*(?:"[^"]+"\.)?\*/i;
const frontMarkedNames = new Map<string, string>();
const endMarkedNames = new Map<string, string>();

/** Stands for a parameter while the query is compiled; no real value looks like it. */
const marker = (name: string) => `\u0000prepared-query-parameter:${name}`;

interface Compiled<Row> {
  query: CompiledQuery<Row>;
  /** For each parameter of `query`: the name of the value that fills it, or none (a constant). */
  slots: (string | undefined)[];
}

/**
 * `build` writes the query as usual with `param(name)` where a value goes; the answer runs it on
 * a database with `values` for the names. Each name must be used as a whole parameter value.
 */
export function preparedQuery<Names extends string, Row>(
  build: (db: Db, param: <T>(name: Names) => T) => Compilable<Row>,
): (db: Db, values: Record<Names, unknown>) => Promise<Row[]> {
  const byDatabase = new WeakMap<Db, Compiled<Row>>();
  const compile = (db: Db): Compiled<Row> => {
    const names = new Map<string, string>();
    const built = build(db, <T>(name: Names) => {
      names.set(marker(name), name);
      return marker(name) as T;
    }).compile();
    const query = { ...built, sql: `${built.sql} ${PREPARED_END_MARK}` };
    const slots = query.parameters.map((p) => (typeof p === 'string' ? names.get(p) : undefined));
    const missing = [...names.values()].filter((name) => !slots.includes(name));
    if (missing.length > 0)
      throw new Error(`prepared query: ${missing.join(', ')} did not become a parameter`);
    // A star is never named, here as for a marked text (`preparedStatementName`).
    if (!STAR_SELECT.test(query.sql) && !statementNames.has(query.sql))
      statementNames.set(query.sql, `prepared-query-${statementNames.size + 1}`);
    return { query, slots };
  };
  return async (db, values) => {
    let compiled = byDatabase.get(db);
    if (!compiled) {
      compiled = compile(db);
      byDatabase.set(db, compiled);
    }
    const { query, slots } = compiled;
    const parameters = query.parameters.map((constant, i) => {
      const name = slots[i] as Names | undefined;
      return name === undefined ? constant : values[name];
    });
    // A transaction is another object than its database: it never finds a reader here.
    const rows = atOnce.get(db)?.(query.sql, parameters);
    if (rows) return rows as Row[];
    return (await db.executeQuery<Row>({ ...query, parameters })).rows;
  };
}

/** A compiled read's rows: at once where `db` can (`readsAtOnce`), else through Kysely. */
export async function runCompiled<Row>(db: Db, query: CompiledQuery<Row>): Promise<Row[]> {
  const rows = atOnce.get(db)?.(query.sql, query.parameters);
  if (rows) return rows as Row[];
  return (await db.executeQuery<Row>(query)).rows;
}
