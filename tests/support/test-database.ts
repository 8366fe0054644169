// Which engine a test run uses, and fresh databases on it. The `sqlite` Vitest project runs every
// suite on the embedded SQLite; the `postgres` project runs the database suites again on a local
// PostgreSQL (TEST_POSTGRES_URL, started by .ci/run). Under CI=true an unreachable PostgreSQL
// fails the run: it never passes by skipping.
import { randomBytes } from 'node:crypto';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import pg from 'pg';
import { type DatabaseTarget, type OpenedDatabase, openDatabase, openSqlite } from '../../src/db/database.ts';
import { migrateToLatest } from '../../src/db/migrate.ts';

export const TEST_ENGINE: 'sqlite' | 'postgres' =
  process.env.TEST_ENGINE === 'postgres' ? 'postgres' : 'sqlite';

/** The maintenance database of the test cluster; each test database is made beside it. */
export const POSTGRES_ADMIN_URL =
  process.env.TEST_POSTGRES_URL ?? 'postgres://postgres:postgres@127.0.0.1:5432/postgres';

/** One secret for every PostgreSQL test database of a run (SQLite tests keep theirs in DATA_DIR). */
export const TEST_SECRET_KEY = Buffer.alloc(32, 0x5e);

export function postgresUrl(database: string): string {
  const url = new URL(POSTGRES_ADMIN_URL);
  url.pathname = `/${database}`;
  return url.toString();
}

export function postgresTarget(database: string): DatabaseTarget {
  return { engine: 'postgres', url: postgresUrl(database), poolSize: 5 };
}

async function admin<T>(work: (client: pg.Client) => Promise<T>): Promise<T> {
  const client = new pg.Client({ connectionString: POSTGRES_ADMIN_URL });
  await client.connect();
  try {
    return await work(client);
  } finally {
    await client.end();
  }
}

const identifier = (name: string) => {
  if (!/^[a-z0-9_]+$/.test(name)) throw new Error(`bad database name ${name}`);
  return `"${name}"`;
};

/**
 * Each vitest run marks the databases it makes (global setup sets the mark before the workers
 * start, and they inherit it), so that its teardown drops only its own: two runs sharing one
 * PostgreSQL server (two worktrees, a developer and a bench) never drop each other's. Not under
 * the app's `CEK_BANSOS_` prefix: a server a test starts with this environment would refuse it.
 */
export const RUN_MARK_VARIABLE = 'VITEST_CEKBANSOS_RUN';

export function newDatabaseName(prefix: string): string {
  const run = process.env[RUN_MARK_VARIABLE] ?? 'r0';
  return `${prefix}_${run}_${process.pid}_${randomBytes(4).toString('hex')}`;
}

/** Creates an empty database, or a copy of `template` (which must have no open connections). */
export async function createPostgresDatabase(name: string, template?: string): Promise<void> {
  await admin(async (client) => {
    const from = template ? ` TEMPLATE ${identifier(template)}` : '';
    // Two copies of one template at the same moment can be refused; the second simply retries.
    for (let attempt = 0; ; attempt++) {
      try {
        await client.query(`CREATE DATABASE ${identifier(name)}${from}`);
        return;
      } catch (error) {
        if (attempt >= 20 || !String(error).includes('being accessed by other users')) throw error;
        await new Promise((r) => setTimeout(r, 100 + attempt * 50));
      }
    }
  });
}

export async function dropPostgresDatabase(name: string): Promise<void> {
  await admin((client) => client.query(`DROP DATABASE IF EXISTS ${identifier(name)} WITH (FORCE)`));
}

export async function listTestDatabases(): Promise<string[]> {
  const { rows } = await admin((client) =>
    client.query<{ datname: string }>(`SELECT datname FROM pg_database WHERE datname LIKE 'cekbansos\\_%'`),
  );
  return rows.map((r) => r.datname);
}

/** Fails loudly when the run needs PostgreSQL and none answers. */
export async function assertPostgresReachable(): Promise<void> {
  try {
    await admin((client) => client.query('SELECT 1'));
  } catch (error) {
    throw new Error(
      `PostgreSQL at ${new URL(POSTGRES_ADMIN_URL).host} is not reachable (${String(error)}). ` +
        'Start it (.ci/run shows how) or set TEST_POSTGRES_URL.',
    );
  }
}

let template: Promise<string> | undefined;

/** Migrating takes a second or two; copying a migrated database, a fraction of that. */
function migratedTemplate(): Promise<string> {
  template ??= (async () => {
    const name = newDatabaseName('cekbansos_migrated');
    await createPostgresDatabase(name);
    const opened = openDatabase(postgresTarget(name));
    await migrateToLatest(opened.db, 'postgres');
    await opened.close();
    return name;
  })();
  return template;
}

/** A migrated, empty database on the run's engine, dropped again by `close`. */
export async function openEmptyTestDatabase(): Promise<OpenedDatabase> {
  if (TEST_ENGINE === 'sqlite') {
    const opened = openSqlite(':memory:');
    await migrateToLatest(opened.db, 'sqlite');
    return opened;
  }
  const name = newDatabaseName('cekbansos_empty');
  await createPostgresDatabase(name, await migratedTemplate());
  const opened = openDatabase(postgresTarget(name));
  return {
    ...opened,
    close: async () => {
      await opened.close();
      await dropPostgresDatabase(name);
    },
  };
}

/**
 * One migrated, empty database opened twice, as two app processes open it: each with its own
 * connections and its own grouped counters (SQLite: a file under a temporary directory, since
 * ':memory:' cannot be shared). `close` closes both and removes the database.
 */
export async function openEmptyTestDatabaseTwice(): Promise<{
  one: OpenedDatabase;
  other: OpenedDatabase;
  close: () => Promise<void>;
}> {
  if (TEST_ENGINE === 'sqlite') {
    const dir = mkdtempSync(path.join(tmpdir(), 'cek-two-processes-'));
    const file = path.join(dir, 'cek-bansos.sqlite');
    const one = openSqlite(file);
    await migrateToLatest(one.db, 'sqlite');
    const other = openSqlite(file);
    return {
      one,
      other,
      close: async () => {
        await Promise.all([one.close(), other.close()]);
        rmSync(dir, { recursive: true, force: true });
      },
    };
  }
  const name = newDatabaseName('cekbansos_twice');
  await createPostgresDatabase(name, await migratedTemplate());
  const one = openDatabase(postgresTarget(name));
  const other = openDatabase(postgresTarget(name));
  return {
    one,
    other,
    close: async () => {
      await Promise.all([one.close(), other.close()]);
      await dropPostgresDatabase(name);
    },
  };
}
