// Opens the database the settings name: the embedded SQLite file under DATA_DIR (the default,
// one machine) or PostgreSQL through a connection pool (several app servers on one database).
// What differs between the two engines at run time lives here and in engine.ts, nowhere else.
import { mkdirSync } from 'node:fs';
import path from 'node:path';
import SQLite from 'better-sqlite3';
import {
  Kysely,
  type LogConfig,
  type PostgresCursor,
  PostgresDialect,
  type PostgresPool,
  type PostgresPoolClient,
  type PostgresQueryResult,
} from 'kysely';
import pg from 'pg';
import { type RateLimiterAbstract, RateLimiterPostgres, RateLimiterSQLite } from 'rate-limiter-flexible';
import type { EngineName } from './engine.ts';
import { GroupedCounters } from './grouped-counters.ts';
import { PREPARED_MARK, preparedStatementName, readsAtOnce } from './prepared-query.ts';
import { type CounterStore, counterUpsertParams, counterUpsertSql, statesInOrder } from './rate-counters.ts';
import type { Database } from './schema.ts';
import { SqliteDialectReadingAtOnce } from './sqlite-reads-at-once.ts';

export type Db = Kysely<Database>;

export type DatabaseTarget =
  | { engine: 'sqlite'; file: string }
  | { engine: 'postgres'; url: string; poolSize: number };

export interface RateLimiterOptions {
  keyPrefix: string;
  points: number;
  /** Seconds. */
  duration: number;
}

export interface OpenedDatabase {
  db: Db;
  engine: EngineName;
  /** A rate limiter whose counters live in this database, so every app process counts together. */
  rateLimiter(options: RateLimiterOptions): RateLimiterAbstract;
  /**
   * The same counters, several at once in one statement (rate-counters.ts), the hits of requests
   * that arrive together in one statement too (grouped-counters.ts): one store per process.
   */
  counters: CounterStore;
  close(): Promise<void>;
}

/** rate-limiter-flexible's table: made by migration 003 on PostgreSQL, by openCounterFile on SQLite. */
const RATE_LIMIT_TABLE = 'rate_limits';

export function databaseFile(dataDir: string): string {
  return path.join(dataDir, 'cek-bansos.sqlite');
}

export interface OpenOptions {
  /** Kysely's query log: each statement's text (placeholders, never values) and duration. */
  log?: LogConfig;
}

export function openDatabase(target: DatabaseTarget, options: OpenOptions = {}): OpenedDatabase {
  return target.engine === 'sqlite'
    ? openSqlite(target.file, options)
    : openPostgres(target.url, target.poolSize, options);
}

/** `file` is a path, or ':memory:' for tests that need no file. */
export function openSqlite(file: string, options: OpenOptions = {}): OpenedDatabase {
  if (file !== ':memory:') mkdirSync(path.dirname(file), { recursive: true });
  const sqlite = new SQLite(file);
  sqlite.pragma('journal_mode = WAL');
  sqlite.pragma('foreign_keys = ON');
  sqlite.pragma('busy_timeout = 5000');
  // WAL with synchronous=NORMAL can lose the last transactions on power loss; FULL keeps every
  // acknowledged write, which residents' submissions need.
  sqlite.pragma('synchronous = FULL');
  const dialect = new SqliteDialectReadingAtOnce({ database: withStatementCache(sqlite) });
  const db = new Kysely<Database>({ dialect, log: options.log });
  // The lookup's statement at once when the connection is free (sqlite-reads-at-once.ts); not
  // with a query log, which sees only what goes through Kysely.
  if (!options.log) readsAtOnce(db, dialect.readAtOnce);
  // Opened on first use: a tool or test that only reads the database never touches the counters.
  let counters: ReturnType<typeof openCounterFile> | undefined;
  const countersFile = () => {
    counters ??= openCounterFile(file);
    return counters;
  };
  // rate-limiter-flexible's own sweep would outlive close(); this one stops with the database.
  const sweep = setInterval(() => counters?.clearExpired(), COUNTER_SWEEP_MS);
  sweep.unref();
  return {
    db,
    engine: 'sqlite',
    rateLimiter: (options) =>
      new RateLimiterSQLite({
        ...options,
        storeClient: countersFile(),
        storeType: 'better-sqlite3',
        tableName: RATE_LIMIT_TABLE,
        tableCreated: true,
        clearExpiredByTimeout: false,
      }),
    counters: new GroupedCounters({ hit: async (hits) => countersFile().hit(hits) }),
    close: async () => {
      clearInterval(sweep);
      await db.destroy();
      counters?.close();
    },
  };
}

/**
 * On SQLite the counters live in a file of their own beside the database. Counting a lookup is a
 * write; in the main file it would wait for a resident's submission to commit and pay its fsync
 * (synchronous=FULL), while a lost count after a power cut harms no one (synchronous=OFF).
 */
function openCounterFile(databaseFile: string) {
  const counters = new SQLite(
    databaseFile === ':memory:' ? ':memory:' : path.join(path.dirname(databaseFile), 'rate-limits.sqlite'),
  );
  // Not `locking_mode = EXCLUSIVE` (an upsert would cost half as much): a second process on the
  // same data directory (a CLI, an officer's tool, a test acting beside the server) could then
  // not open the database at all.
  counters.pragma('journal_mode = WAL');
  counters.pragma('busy_timeout = 5000');
  counters.pragma('synchronous = OFF');
  counters
    .prepare(
      `CREATE TABLE IF NOT EXISTS ${RATE_LIMIT_TABLE} (key TEXT PRIMARY KEY, points INTEGER NOT NULL DEFAULT 0, expire INTEGER)`,
    )
    .run();
  const statements = withStatementCache(counters);
  // By the number of counters: one per lookup kind, so a handful.
  const upserts = new Map<number, SQLite.Statement>();
  const expired = counters.prepare(`DELETE FROM ${RATE_LIMIT_TABLE} WHERE expire < ?`);
  const clearExpired = () => expired.run(Date.now() - COUNTER_SWEEP_MS);
  clearExpired();
  return {
    ...statements,
    clearExpired,
    hit(hits: Parameters<CounterStore['hit']>[0]) {
      const { sorted, params } = counterUpsertParams(hits, Date.now());
      let upsert = upserts.get(sorted.length);
      if (!upsert) {
        upsert = counters.prepare(counterUpsertSql(sorted.length, () => '?'));
        upserts.set(sorted.length, upsert);
      }
      const rows = upsert.all(...params) as {
        key: string;
        points: number;
        expire: number | null;
      }[];
      return statesInOrder(hits, rows);
    },
    // rate-limiter-flexible wraps its one upsert statement in a transaction; a single statement
    // is already atomic in autocommit, and BEGIN/COMMIT around it cost more than the upsert.
    transaction: <F extends (...args: never[]) => unknown>(work: F) => work,
  };
}

/** Counters whose window ended this long ago are deleted, at start and then this often. */
const COUNTER_SWEEP_MS = 5 * 60 * 1000;

const STATEMENT_CACHE_SIZE = 200;
/**
 * Longer statements are bulk inserts, run once: caching them would only hold memory. A text marked
 * to be prepared (PREPARED_MARK: the inbox's, with a regency's villages written in) is kept
 * whatever its length.
 */
const CACHEABLE_SQL_LENGTH = 4000;

/**
 * Kysely asks better-sqlite3 to prepare every statement anew, which cost a tenth of a lookup's
 * time; the hot statements are the same few texts, so keep them prepared. Kysely runs one
 * statement at a time on this connection, so a cached statement is never in use twice.
 */
function withStatementCache(sqlite: SQLite.Database) {
  const cache = new Map<string, SQLite.Statement>();
  return {
    close: () => sqlite.close(),
    prepare(given: string) {
      // Kysely opens every transaction with a bare `begin` (deferred): one that reads and then
      // writes while another process (`npm run import`, `retention`, a backup) committed in
      // between fails with SQLITE_BUSY_SNAPSHOT at once, busy_timeout or not. Taking the write
      // lock up front makes such a transaction wait its turn instead.
      const text = given === 'begin' ? 'begin immediate' : given;
      const cached = cache.get(text);
      if (cached) return cached;
      const statement = sqlite.prepare(text);
      if (text.length <= CACHEABLE_SQL_LENGTH || text.startsWith(PREPARED_MARK)) {
        if (cache.size >= STATEMENT_CACHE_SIZE) cache.delete(cache.keys().next().value as string);
        cache.set(text, statement);
      }
      return statement;
    },
  };
}

const PG_INT8 = 20;
const PG_TIMESTAMPTZ = 1184;
const parseTimestamptz = pg.types.getTypeParser(PG_TIMESTAMPTZ);

/**
 * The code reads counts as numbers and timestamps as ISO strings on both engines: `count(*)`
 * (int8) becomes a number (counts here stay far below 2^53), `timestamptz` the same ISO text
 * SQLite stores.
 */
function getTypeParser(oid: number, format?: 'text' | 'binary') {
  if (oid === PG_INT8) return (value: string) => Number(value);
  if (oid === PG_TIMESTAMPTZ) return (value: string) => (parseTimestamptz(value) as Date).toISOString();
  return format === 'binary' ? pg.types.getTypeParser(oid, 'binary') : pg.types.getTypeParser(oid, 'text');
}

/**
 * The pool as Kysely sees it. Kysely sends every statement unnamed, which PostgreSQL parses and
 * plans anew each time; a prepared query's text (prepared-query.ts) is sent as a named statement
 * instead, prepared once per connection. Only those: names stay on the connection, and other
 * statements vary without end (lists of values, batch inserts).
 */
function namingPreparedQueries(pool: pg.Pool): PostgresPool {
  // One wrapper per pooled client: Kysely keeps its connection object per client it is given.
  const wrappers = new WeakMap<pg.PoolClient, PostgresPoolClient>();
  const wrap = (client: pg.PoolClient): PostgresPoolClient => {
    function query<R>(sql: string, parameters: readonly unknown[]): Promise<PostgresQueryResult<R>>;
    function query<R>(cursor: PostgresCursor<R>): PostgresCursor<R>;
    function query(
      sqlOrCursor: string | PostgresCursor<unknown>,
      parameters: readonly unknown[] = [],
    ): Promise<PostgresQueryResult<unknown>> | PostgresCursor<unknown> {
      // A cursor (Kysely's stream) is a pg Submittable, which pg runs and hands back.
      if (typeof sqlOrCursor !== 'string')
        return client.query(sqlOrCursor as unknown as pg.Submittable) as unknown as PostgresCursor<unknown>;
      const name = preparedStatementName(sqlOrCursor);
      return client.query({ name, text: sqlOrCursor, values: [...parameters] }) as Promise<
        PostgresQueryResult<unknown>
      >;
    }
    return { query, release: () => client.release() };
  };
  return {
    async connect() {
      const client = await pool.connect();
      let wrapper = wrappers.get(client);
      if (!wrapper) {
        wrapper = wrap(client);
        wrappers.set(client, wrapper);
      }
      return wrapper;
    },
    end: () => pool.end(),
  };
}

export function openPostgres(url: string, poolSize: number, options: OpenOptions = {}): OpenedDatabase {
  const pool = new pg.Pool({
    connectionString: url,
    max: poolSize,
    types: { getTypeParser } as pg.CustomTypesConfig,
  });
  // An idle client that loses its connection emits here; without a listener the process dies.
  pool.on('error', () => {});
  const db = new Kysely<Database>({
    dialect: new PostgresDialect({ pool: namingPreparedQueries(pool) }),
    log: options.log,
  });
  return {
    db,
    engine: 'postgres',
    rateLimiter: (options) =>
      new RateLimiterPostgres({
        ...options,
        storeClient: pool,
        storeType: 'pool',
        tableName: RATE_LIMIT_TABLE,
        tableCreated: true,
        clearExpiredByTimeout: true,
      }),
    counters: new GroupedCounters({
      async hit(hits) {
        const { sorted, params } = counterUpsertParams(hits, Date.now());
        // Named: each connection parses and plans the statement once.
        const result = await pool.query<{ key: string; points: number; expire: string | null }>({
          name: `rate-counters-${sorted.length}`,
          text: counterUpsertSql(sorted.length, (i) => `$${i}`),
          values: params,
        });
        return statesInOrder(hits, result.rows);
      },
    }),
    close: () => db.destroy(),
  };
}
