// The built server and `npm run retention`, as an operator runs them (issue 22). With
// RETENTION_DAYS set, the server empties closed tickets past the period as it starts: the rows
// keep kind, states and times, the officer's case page says what was removed and when, and the
// resident's tracking page says so too; the files are gone from the disk. The command then finds
// nothing left, refuses a period under a month, and only counts with --dry-run. The privacy notice
// names the period. SQLite only: the pass is the same domain code the unit suite runs on both.
import { spawn } from 'node:child_process';
import path from 'node:path';
import SQLite from 'better-sqlite3';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { databaseFile } from '../../src/db/database.ts';
import { type BuiltServer, builtServerAvailable, startBuiltServer } from '../support/built-server.ts';
import { signInOverHttp } from '../support/officer-session.ts';

const onSqlite = (process.env.TEST_ENGINE ?? 'sqlite') === 'sqlite';
const available = builtServerAvailable() && onSqlite;
let server: BuiltServer;

beforeAll(async () => {
  if (!available) return;
  server = await startBuiltServer({ RETENTION_DAYS: '60', OFFICE_NAME: 'Dinas Sosial Kota Mojokerto' });
}, 120_000);
afterAll(async () => {
  await server?.stop();
});

function retention(args: string[]) {
  return new Promise<{ code: number | null; out: string }>((resolve) => {
    const child = spawn(process.execPath, [path.resolve('dist/node/retention.mjs'), ...args], {
      env: { PATH: process.env.PATH ?? '', LOG_LEVEL: 'warn', DATA_DIR: server.dataDir },
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    let out = '';
    child.stdout.on('data', (c) => {
      out += String(c);
    });
    child.stderr.on('data', (c) => {
      out += String(c);
    });
    child.once('exit', (code) => resolve({ code, out }));
  });
}

/** The server's database, read-only beside it. */
function readDb<T>(read: (db: SQLite.Database) => T): T {
  const db = new SQLite(databaseFile(server.dataDir), { readonly: true });
  try {
    return read(db);
  } finally {
    db.close();
  }
}

describe.runIf(available)('an operator sets how long tickets are kept', { timeout: 120_000 }, () => {
  it('the server empties closed tickets past RETENTION_DAYS as it starts, and the pages say so', async () => {
    const emptied = await expect
      .poll(() =>
        readDb((db) =>
          db
            .prepare(
              `SELECT t.id, t.kind, t.status, t.payload, t.subject_nik, s.reference, s.contact
                 FROM tickets t JOIN ticket_submissions s ON s.ticket_id = t.id
                WHERE t.personal_data_removed_at IS NOT NULL AND t.area_code LIKE '35.76.%'`,
            )
            .all(),
        ),
      )
      .toEqual(
        expect.arrayContaining([
          expect.objectContaining({ payload: '{}', subject_nik: null, contact: null }),
        ]),
      );
    void emptied;
    const row = readDb(
      (db) =>
        db
          .prepare(
            `SELECT t.id, s.reference FROM tickets t JOIN ticket_submissions s ON s.ticket_id = t.id
              WHERE t.personal_data_removed_at IS NOT NULL AND t.area_code LIKE '35.76.%' ORDER BY t.id LIMIT 1`,
          )
          .get() as { id: number; reference: string },
    );
    const stillOpen = readDb(
      (db) =>
        (
          db
            .prepare(
              'SELECT count(*) AS n FROM tickets WHERE closed_at IS NULL AND personal_data_removed_at IS NOT NULL',
            )
            .get() as {
            n: number;
          }
        ).n,
    );
    expect(stillOpen).toBe(0);
    const noFiles = readDb(
      (db) =>
        (
          db
            .prepare(
              'SELECT count(*) AS n FROM ticket_attachments a JOIN tickets t ON t.id = a.ticket_id WHERE t.personal_data_removed_at IS NOT NULL',
            )
            .get() as { n: number }
        ).n,
    );
    expect(noFiles).toBe(0);

    const desk = await signInOverHttp(server.url, 'dinsos.mojokerto');
    const page = await desk.get(`/petugas/tiket/${row.id}`);
    expect(page.status).toBe(200);
    const html = await page.text();
    expect(html).toContain('Masa simpan data tiket ini habis');
    expect(html).toContain(row.reference);

    const notice = await (await fetch(`${server.url}/privasi`)).text();
    expect(notice).toContain('60 hari sesudah tiket selesai');
  });

  it('npm run retention finds nothing left, counts with --dry-run, and refuses a period under a month', async () => {
    const dry = await retention(['--days', '60', '--dry-run']);
    expect(dry).toMatchObject({ code: 0 });
    expect(dry.out).toMatch(/^0 tickets closed more than 60 days ago still hold personal data/m);
    const pass = await retention(['--days', '60']);
    expect(pass.code).toBe(0);
    expect(pass.out).toMatch(/^emptied 0 tickets closed before/m);
    for (const bad of [
      ['--days', '5'],
      ['--days', 'setahun'],
      ['--weeks', '9'],
    ]) {
      const refused = await retention(bad);
      expect(refused.code).toBe(2);
      expect(refused.out).toMatch(/usage: npm run retention/);
    }
  });
});
