// `npm run db:backup` copies a serving installation while residents send complaints with photos,
// and `npm run db:restore` puts it into an empty data directory: the restored database is sound,
// every row it holds is the live one, every file a row names is there byte for byte, complaints
// acknowledged before the copy began are in it, and a server started on it answers a resident's
// tracking code (the secret came along). The built server and the built commands, as an operator
// runs them; SQLite only (PostgreSQL is pg_dump's, README).
import { spawn } from 'node:child_process';
import { createHash } from 'node:crypto';
import { existsSync, mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import SQLite from 'better-sqlite3';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { databaseFile } from '../../src/db/database.ts';
import { type BuiltServer, builtServerAvailable, startBuiltServer } from '../support/built-server.ts';
import { startServerProcess } from '../support/server-process.ts';
import { KEEP_THE_DEMO_HISTORY } from '../support/test-app.ts';
import { aduanBody, tinyPng } from '../support/ticket-fixtures.ts';

const onSqlite = (process.env.TEST_ENGINE ?? 'sqlite') === 'sqlite';
const available = builtServerAvailable() && onSqlite;
let server: BuiltServer;
let work: string;

beforeAll(async () => {
  if (!available) return;
  server = await startBuiltServer({ LIMIT_SUBMISSIONS_PER_CLIENT: '100000' });
  work = mkdtempSync(path.join(tmpdir(), 'cek-bansos-backup-'));
});
afterAll(async () => {
  await server?.stop();
  if (work) rmSync(work, { recursive: true, force: true });
});

function run(script: string, args: string[], env: Record<string, string>) {
  return new Promise<{ code: number | null; out: string }>((resolve) => {
    const child = spawn(process.execPath, [path.resolve('dist/node', script), ...args], {
      env: { PATH: process.env.PATH ?? '', LOG_LEVEL: 'warn', ...env },
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

interface Sent {
  reference: string;
  tracking_code: string;
}

/** Complaints with a photo, one after another, until told to stop; each acknowledged one kept. */
function residentsWriting(url: string) {
  const sent: Sent[] = [];
  let stop = false;
  let n = 0;
  const one = async () => {
    while (!stop) {
      const form = new FormData();
      form.append(
        'data',
        JSON.stringify(aduanBody({ description: `Aduan ${n++}: kartu KKS terblokir sejak Oktober.` })),
      );
      // Each photo different, so a file copied from the wrong row would show.
      const photo = tinyPng(2_000 + n);
      form.append(
        'lampiran_1',
        new Blob([photo as Uint8Array<ArrayBuffer>], { type: 'image/png' }),
        `foto-${n}.png`,
      );
      const res = await fetch(`${url}/api/v1/aduan`, { method: 'POST', body: form });
      if (res.status === 201) sent.push((await res.json()) as Sent);
      else throw new Error(`submission answered ${res.status}: ${await res.text()}`);
    }
  };
  const loops = [one(), one()];
  return {
    sent,
    async stop() {
      stop = true;
      await Promise.all(loops);
    },
  };
}

function tables(file: string): string[] {
  const db = new SQLite(file, { readonly: true });
  try {
    return (
      db
        .prepare(
          "SELECT name FROM sqlite_master WHERE type = 'table' AND name NOT LIKE 'sqlite_%' ORDER BY name",
        )
        .all() as { name: string }[]
    ).map((r) => r.name);
  } finally {
    db.close();
  }
}

function rowsOf(file: string, table: string): Map<string, string> {
  const db = new SQLite(file, { readonly: true });
  try {
    const rows = db.prepare(`SELECT rowid AS __rowid, * FROM "${table}"`).all() as Record<string, unknown>[];
    return new Map(
      rows.map((r) => {
        const { __rowid, ...rest } = r;
        return [
          String(__rowid),
          JSON.stringify(rest, (_k, v) => (Buffer.isBuffer(v) ? v.toString('hex') : v)),
        ];
      }),
    );
  } catch {
    // A table without rowid: compared by its rows alone.
    const rows = db.prepare(`SELECT * FROM "${table}"`).all() as Record<string, unknown>[];
    return new Map(rows.map((r, i) => [String(i), JSON.stringify(r)]));
  } finally {
    db.close();
  }
}

const sha = (file: string) => createHash('sha256').update(readFileSync(file)).digest('hex');

describe.skipIf(!available)('backup and restore of an installation that is serving', () => {
  it('copies it while residents write, and the copy restores whole into an empty directory', async () => {
    const load = residentsWriting(server.url);
    // Some complaints acknowledged before the copy begins.
    while (load.sent.length < 10) await new Promise((r) => setTimeout(r, 50));
    const before = load.sent.map((s) => s.reference);
    const backupDir = path.join(work, 'cadangan');
    const backup = await run('db-backup.mjs', [backupDir], { DATA_DIR: server.dataDir });
    const during = load.sent.length;
    console.log(
      `backup under load: ${before.length} complaints acknowledged when it began, ${during} when it ended: ${backup.out.trim()}`,
    );
    // The residents go on a little after the copy, then stop.
    while (load.sent.length < during + 5) await new Promise((r) => setTimeout(r, 50));
    await load.stop();
    expect(backup.out).toMatch(/^Backup written to .+: database [\d.]+ MB, \d+ files, [\d.]+ s\.\n$/);
    expect(backup.code).toBe(0);

    const restoredDir = path.join(work, 'pulih');
    const restore = await run('db-restore.mjs', [backupDir], { DATA_DIR: restoredDir });
    expect(restore.code, restore.out).toBe(0);
    const restored = databaseFile(restoredDir);
    const live = databaseFile(server.dataDir);
    const check = new SQLite(restored, { readonly: true });
    expect(check.pragma('integrity_check', { simple: true })).toBe('ok');
    const references = (
      check.prepare('SELECT reference FROM ticket_submissions').all() as { reference: string }[]
    ).map((r) => r.reference);
    const files = check.prepare('SELECT stored_name FROM ticket_attachments').all() as {
      stored_name: string;
    }[];
    check.close();

    // Every complaint acknowledged before the copy is in it; nothing in it was made up.
    for (const reference of before) expect(references).toContain(reference);
    const acknowledged = new Set(load.sent.map((s) => s.reference));
    const added = await countTickets(live);
    expect(references.length).toBeLessThanOrEqual(added);
    // Every row of every table is the live one (those written since the copy are only in the live one),
    // but the open-case counts, which every later case changes: the copy's equal a recount of its cases.
    for (const table of tables(restored)) {
      if (table === 'open_ticket_counts') continue;
      const mine = rowsOf(restored, table);
      const theirs = rowsOf(live, table);
      // One assertion per table, not per row: the demo's 300,000 rows made 300,000 of them.
      const differing = [...mine].filter(([rowid, row]) => theirs.get(rowid) !== row);
      expect(differing.map(([rowid]) => `${table} row ${rowid}`)).toEqual([]);
    }
    expect(tables(restored)).toEqual(tables(live));
    const copy = new SQLite(restored, { readonly: true });
    const recount = copy
      .prepare(
        "SELECT coalesce(area_code, '') AS area_code, kind, status, count(*) AS n FROM tickets WHERE closed_at IS NULL GROUP BY 1, 2, 3 ORDER BY 1, 2, 3",
      )
      .all();
    const kept = copy
      .prepare('SELECT area_code, kind, status, n FROM open_ticket_counts WHERE n > 0 ORDER BY 1, 2, 3')
      .all();
    copy.close();
    expect(kept).toEqual(recount);
    // Every file a row names is there, byte for byte.
    expect(files.length).toBeGreaterThanOrEqual(before.length);
    for (const { stored_name } of files) {
      const copy = path.join(restoredDir, 'attachments', stored_name);
      expect(existsSync(copy), stored_name).toBe(true);
      expect(sha(copy)).toBe(sha(path.join(server.dataDir, 'attachments', stored_name)));
    }
    expect(sha(path.join(restoredDir, 'secret.key'))).toBe(sha(path.join(server.dataDir, 'secret.key')));

    // A server on the restored directory answers a resident's tracking code.
    const first = load.sent.find((s) => s.reference === before[0]) as Sent;
    expect(acknowledged.has(first.reference)).toBe(true);
    const again = await startServerProcess({
      DATA_DIR: restoredDir,
      DEMO_DATA: '0',
      ...KEEP_THE_DEMO_HISTORY,
    });
    try {
      const res = await fetch(`${again.url}/api/v1/lacak`, {
        method: 'POST',
        headers: { 'content-type': 'application/json' },
        body: JSON.stringify({ reference: first.reference, tracking_code: first.tracking_code }),
      });
      expect(res.status).toBe(200);
      expect(((await res.json()) as { reference: string }).reference).toBe(first.reference);
    } finally {
      await again.stop();
    }
  }, 120_000);

  it('refuses a directory that is not empty, a restore over data, and a folder that is not a backup', async () => {
    const full = path.join(work, 'penuh');
    mkdirSync(full, { recursive: true });
    writeFileSync(path.join(full, 'catatan.txt'), 'jangan ditimpa');
    const over = await run('db-backup.mjs', [full], { DATA_DIR: server.dataDir });
    expect(over.code).toBe(1);
    expect(over.out).toContain('is not empty: choose a new directory');
    expect(readFileSync(path.join(full, 'catatan.txt'), 'utf8')).toBe('jangan ditimpa');

    const intoLive = await run('db-restore.mjs', [path.join(work, 'cadangan')], { DATA_DIR: server.dataDir });
    expect(intoLive.code).toBe(1);
    expect(intoLive.out).toContain('is not empty: restore into a new, empty DATA_DIR');

    const notBackup = await run('db-restore.mjs', [full], { DATA_DIR: path.join(work, 'kosong') });
    expect(notBackup.code).toBe(1);
    expect(notBackup.out).toMatch(/no database at .+: is .+ a backup\?/);

    const usage = await run('db-backup.mjs', [], { DATA_DIR: server.dataDir });
    expect(usage.code).toBe(2);
    expect(usage.out).toContain('Usage: npm run db:backup -- DIR');
  });

  it('refuses a damaged backup and writes nothing', async () => {
    const damaged = path.join(work, 'rusak');
    mkdirSync(damaged, { recursive: true });
    const bytes = readFileSync(databaseFile(path.join(work, 'cadangan')));
    // The header kept, a page in the middle overwritten.
    bytes.fill(0xff, 8192, 12288);
    writeFileSync(databaseFile(damaged), bytes);
    const target = path.join(work, 'tidak-dipulihkan');
    const res = await run('db-restore.mjs', [damaged], { DATA_DIR: target });
    expect(res.code).toBe(1);
    expect(res.out).toMatch(/^Restore failed: the backup's database is damaged: \S/);
    expect(res.out).not.toContain('    at ');
    expect(existsSync(databaseFile(target))).toBe(false);
  });
});

async function countTickets(file: string): Promise<number> {
  const db = new SQLite(file, { readonly: true });
  try {
    return (db.prepare('SELECT count(*) AS n FROM ticket_submissions').get() as { n: number }).n;
  } finally {
    db.close();
  }
}
