// A consistent copy of an embedded (SQLite) installation while it serves, and its restore into an
// empty data directory. PostgreSQL installations use pg_dump / pg_restore (README): their files
// live in the database, their secret in SECRET_KEY.
//
// Why the copy is consistent: the database is copied with SQLite's online backup API, a snapshot
// of one moment even while other processes write. Attachments are written (and synced) before
// the row that names them commits, and never changed after: every file the snapshot names is
// already on disk when the files are copied after it. A file copied without its row (a send that
// committed after the snapshot, or one a crash left) is an orphan, which the first start of the
// restored installation removes (sweepOrphanAttachments). The counters of rate limits are not
// copied: they expire within minutes, and a restore starts them afresh.
import { existsSync, mkdirSync, readdirSync } from 'node:fs';
import { copyFile, cp, mkdir, readdir, stat } from 'node:fs/promises';
import path from 'node:path';
import SQLite from 'better-sqlite3';
import { databaseFile } from './database.ts';

/** What an installation keeps in DATA_DIR besides the database, copied whole when present. */
const KEPT = ['secret.key', 'attachments', 'imports'] as const;

export interface CopySummary {
  /** Bytes of the database file written. */
  databaseBytes: number;
  /** Files copied besides the database (the secret, attachments, uploaded lists). */
  files: number;
}

export class BackupError extends Error {
  override name = 'BackupError';
}

function isEmptyOrMissing(dir: string): boolean {
  return !existsSync(dir) || readdirSync(dir).length === 0;
}

/** Copies DATA_DIR's database and files into `target`, which must be missing or empty. */
export async function backupDataDir(dataDir: string, target: string): Promise<CopySummary> {
  const source = databaseFile(dataDir);
  if (!existsSync(source)) throw new BackupError(`no database at ${source}`);
  if (!isEmptyOrMissing(target)) throw new BackupError(`${target} is not empty: choose a new directory`);
  mkdirSync(target, { recursive: true });
  const db = new SQLite(source, { readonly: true, fileMustExist: true });
  try {
    db.pragma('busy_timeout = 5000');
    // The rest of the file in one step after the first: a snapshot of one moment. In small steps
    // a write by another process between two of them starts the copy again, and under a steady
    // load it might never end.
    await db.backup(databaseFile(target), { progress: () => 0x7fffffff });
  } finally {
    db.close();
  }
  const files = await copyKept(dataDir, target);
  return { databaseBytes: (await stat(databaseFile(target))).size, files };
}

/** Restores a backup into `dataDir`, which must be missing or empty; checks the copy first. */
export async function restoreDataDir(backup: string, dataDir: string): Promise<CopySummary> {
  const source = databaseFile(backup);
  if (!existsSync(source)) throw new BackupError(`no database at ${source}: is ${backup} a backup?`);
  if (!isEmptyOrMissing(dataDir)) {
    throw new BackupError(`${dataDir} is not empty: restore into a new, empty DATA_DIR`);
  }
  const problem = integrityProblem(source);
  if (problem) throw new BackupError(`the backup's database is damaged: ${problem}`);
  await mkdir(dataDir, { recursive: true });
  await copyFile(source, databaseFile(dataDir));
  const files = await copyKept(backup, dataDir);
  return { databaseBytes: (await stat(databaseFile(dataDir))).size, files };
}

/** `PRAGMA integrity_check`'s first complaint, or null when the file is sound. */
export function integrityProblem(file: string): string | null {
  let db: SQLite.Database | undefined;
  try {
    db = new SQLite(file, { readonly: true, fileMustExist: true });
    const result = db.pragma('integrity_check', { simple: true });
    return result === 'ok' ? null : String(result);
  } catch (error) {
    // A file too damaged to be read at all says so by failing.
    return error instanceof SQLite.SqliteError ? error.message : String(error);
  } finally {
    db?.close();
  }
}

async function copyKept(from: string, to: string): Promise<number> {
  let files = 0;
  for (const name of KEPT) {
    const source = path.join(from, name);
    if (!existsSync(source)) continue;
    await cp(source, path.join(to, name), { recursive: true, preserveTimestamps: true, errorOnExist: true });
    files += await countFiles(path.join(to, name));
  }
  return files;
}

async function countFiles(entry: string): Promise<number> {
  const info = await stat(entry);
  if (!info.isDirectory()) return 1;
  let n = 0;
  for (const child of await readdir(entry)) n += await countFiles(path.join(entry, child));
  return n;
}
