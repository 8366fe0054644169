// The README's backup of a PostgreSQL installation, as an operator types it: pg_dump in its custom
// format, pg_restore into an empty database; every table comes back row for row, the residents'
// files (attachment_blobs) byte for byte. PostgreSQL project only: SQLite has `npm run db:backup`
// (tests/e2e/an-operator-backs-up-while-residents-write.test.ts).
import { execFile } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { promisify } from 'node:util';
import pg from 'pg';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { copyTemplateDatabase, type TemplateCopy } from '../support/test-app.ts';
import {
  createPostgresDatabase,
  dropPostgresDatabase,
  newDatabaseName,
  postgresUrl,
  TEST_ENGINE,
} from '../support/test-database.ts';

const run = promisify(execFile);
const onPostgres = TEST_ENGINE === 'postgres';
let copy: TemplateCopy;
let restoredName: string;
let dir: string;

beforeAll(async () => {
  if (!onPostgres) return;
  copy = await copyTemplateDatabase();
  restoredName = newDatabaseName('cekbansos_restored');
  await createPostgresDatabase(restoredName);
  dir = mkdtempSync(path.join(tmpdir(), 'cek-bansos-dump-'));
}, 120_000);
afterAll(async () => {
  if (!onPostgres) return;
  await copy?.cleanup();
  if (restoredName) await dropPostgresDatabase(restoredName);
  if (dir) rmSync(dir, { recursive: true, force: true });
});

async function withClient<T>(url: string, work: (client: pg.Client) => Promise<T>): Promise<T> {
  const client = new pg.Client({ connectionString: url });
  await client.connect();
  try {
    return await work(client);
  } finally {
    await client.end();
  }
}

/** Every table's rows as text, in one order, so two databases compare as plain values. */
async function everyTable(url: string): Promise<Record<string, string[]>> {
  return withClient(url, async (client) => {
    const { rows: tables } = await client.query<{ name: string }>(
      "SELECT table_name AS name FROM information_schema.tables WHERE table_schema = 'public' AND table_type = 'BASE TABLE' ORDER BY 1",
    );
    const out: Record<string, string[]> = {};
    for (const { name } of tables) {
      const { rows } = await client.query<{ row: string }>(`SELECT t::text AS row FROM "${name}" t`);
      out[name] = rows.map((r) => r.row).sort();
    }
    return out;
  });
}

describe.skipIf(!onPostgres)("the README's pg_dump and pg_restore", () => {
  it('bring back every table, row for row, and every stored file, byte for byte', async () => {
    const url = copy.database.engine === 'postgres' ? copy.database.url : '';
    const photo = randomBytes(200_000);
    await withClient(url, (client) =>
      client.query('INSERT INTO attachment_blobs (stored_name, bytes, created_at) VALUES ($1, $2, $3)', [
        '2026/12/foto-uji.jpg',
        photo,
        '2026-12-06T10:00:00.000Z',
      ]),
    );
    const dump = path.join(dir, 'cek.dump');
    await run('pg_dump', ['--format=custom', `--file=${dump}`, url]);
    const restoredUrl = postgresUrl(restoredName);
    await run('pg_restore', [`--dbname=${restoredUrl}`, '--no-owner', dump]);

    const [before, after] = await Promise.all([everyTable(url), everyTable(restoredUrl)]);
    expect(Object.keys(after)).toEqual(Object.keys(before));
    expect(Object.keys(after)).toContain('tickets');
    for (const table of Object.keys(before)) expect(after[table], table).toEqual(before[table]);
    const back = await withClient(restoredUrl, (client) =>
      client.query<{ bytes: Buffer }>('SELECT bytes FROM attachment_blobs WHERE stored_name = $1', [
        '2026/12/foto-uji.jpg',
      ]),
    );
    expect(Buffer.compare(back.rows[0]?.bytes ?? Buffer.alloc(0), photo)).toBe(0);
  }, 120_000);
});
