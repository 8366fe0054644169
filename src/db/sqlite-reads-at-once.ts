// The NIK lookup's statement without Kysely's queue when nothing waits in it (decision 0039,
// second pass). Kysely's SQLite driver has one connection behind a lock, held from a statement's
// start to its end and across every await of a transaction; every waiter wakes at each release
// and all but one wait again. A lookup that found the lock free still paid for the lock, the
// executor's promises and their garbage: caching the lookup's answer (a measurement, not the
// product) took a third of the lookup's server CPU away.
//
// better-sqlite3 is synchronous, so a read run in one synchronous call while no one holds or
// waits for the lock is exactly a statement that took the lock and gave it back: no transaction
// can be open on the connection then (it would hold the lock), and none can begin before the
// call returns. When anyone holds or waits, the read goes through Kysely as before.
import {
  type DatabaseConnection,
  type SqliteDatabase,
  SqliteDialect,
  type SqliteDialectConfig,
  SqliteDriver,
} from 'kysely';

/** Runs a read at once and answers its rows, or answers undefined: then run it through Kysely. */
export type ReadAtOnce = (sql: string, parameters: readonly unknown[]) => unknown[] | undefined;

/** Kysely's driver, counting who holds or waits for its connection. */
class CountingSqliteDriver extends SqliteDriver {
  /** Holders and waiters of the connection's lock. */
  private users = 0;
  private ready = false;

  constructor(
    config: SqliteDialectConfig,
    private readonly source: SqliteDatabase,
  ) {
    super(config);
  }

  override async init(): Promise<void> {
    await super.init();
    this.ready = true;
  }

  override async acquireConnection(): Promise<DatabaseConnection> {
    this.users++;
    try {
      return await super.acquireConnection();
    } catch (error) {
      this.users--;
      throw error;
    }
  }

  override async releaseConnection(): Promise<void> {
    this.users--;
    await super.releaseConnection();
  }

  readAtOnce: ReadAtOnce = (sql, parameters) => {
    if (!this.ready || this.users > 0) return undefined;
    const statement = this.source.prepare(sql);
    if (!statement.reader) return undefined;
    return statement.all(parameters);
  };
}

/** SQLite's dialect with a driver that can run a read at once (`readAtOnce`). */
export class SqliteDialectReadingAtOnce extends SqliteDialect {
  private readonly driver: CountingSqliteDriver;

  constructor(config: SqliteDialectConfig & { database: SqliteDatabase }) {
    super(config);
    this.driver = new CountingSqliteDriver(config, config.database);
  }

  override createDriver(): CountingSqliteDriver {
    return this.driver;
  }

  get readAtOnce(): ReadAtOnce {
    return this.driver.readAtOnce;
  }
}
