// An upload's import outlives the process that started it, on both engines: a stopping server
// lets it go at the next batch (still "running", the stored file kept), a crashed one leaves it
// to the next start, and either way the job is taken up again and ends with the same rows as an
// uninterrupted import of the same file.
import { spawnSync } from 'node:child_process';
import { existsSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { hostname, tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Officer } from '../../src/domain/backoffice/officer.ts';
import type { DomainDeps } from '../../src/domain/deps.ts';
import { BATCH_ROWS, createImport, runImport } from '../../src/domain/import/run-import.ts';
import { resumeAbandonedImports, startUploadedImport } from '../../src/domain/import/upload-import.ts';
import { backgroundJobs } from '../../src/domain/jobs/background-jobs.ts';
import { officerNamed } from '../support/domain-calls.ts';
import { readAndApply } from '../support/imports.ts';
import { cleanListChunks, placesIn } from '../support/recipient-lists.ts';
import { openTestDatabase } from '../support/test-app.ts';

let env: Awaited<ReturnType<typeof openTestDatabase>>;
let deps: DomainDeps;
let dir: string;
let dewi: Officer;
let list: Buffer;
let uninterrupted: number;

const fail = (error: unknown) => {
  throw error;
};

const importOf = (id: number) =>
  deps.db
    .selectFrom('imports')
    .select(['status', 'runner', 'heartbeat_at', 'stored_path', 'attempts', 'rows_read', 'rows_accepted'])
    .where('id', '=', id)
    .executeTakeFirstOrThrow();

/** The rows an import wrote, as the file said them (its own id left out). */
const rowsOf = (id: number) =>
  deps.db
    .selectFrom('import_rows')
    .select(['line', 'nik', 'kk', 'name', 'program_code', 'period', 'amount', 'channel'])
    .where('import_id', '=', id)
    .orderBy('line')
    .execute();

const pick = (r: { status: string; stored_path: string | null }) => ({
  status: r.status,
  stored_path: r.stored_path,
});

beforeAll(async () => {
  env = await openTestDatabase();
  deps = { ...env.deps, now: () => new Date() };
  dir = mkdtempSync(path.join(tmpdir(), 'cek-bansos-resume-'));
  dewi = await officerNamed(deps.db, 'dinsos.mojokerto');
  // Dewi's own city: an office's upload may hold only its regency's rows.
  const [place] = placesIn(deps.regions, '35.76');
  list = Buffer.from([...cleanListChunks(place, BATCH_ROWS * 2 + 500)].join(''));
  const file = path.join(dir, 'uninterrupted.csv');
  writeFileSync(file, list);
  const { id } = await createImport(deps, {
    fileName: 'daftar.csv',
    file,
    defaults: {},
    source: 'cli',
    createdBy: null,
  });
  expect((await readAndApply(deps, id, file)).status).toBe('done');
  uninterrupted = id;
}, 180_000);

afterAll(async () => {
  await env?.close();
  if (dir) rmSync(dir, { recursive: true, force: true });
});

describe('an uploaded import and a server that stops', () => {
  it('is let go at the next batch when the server stops, then taken up by the next start', async () => {
    const jobs = backgroundJobs(fail);
    const id = await startUploadedImport(
      { ...deps, jobs },
      dewi,
      { fileName: 'daftar.csv', bytes: list, program: '', period: '' },
      null,
      fail,
    );
    await jobs.stop();
    const stopped = await importOf(id);
    expect(stopped).toMatchObject({ status: 'running', runner: null, heartbeat_at: null, attempts: 1 });
    // Stopped after one batch at most: the rest waits in the stored file.
    expect(stopped.rows_read).toBeLessThanOrEqual(BATCH_ROWS);
    expect(stopped.stored_path).not.toBeNull();
    expect(readFileSync(stopped.stored_path as string).equals(list)).toBe(true);

    const next = backgroundJobs(fail);
    expect(await resumeAbandonedImports({ ...deps, jobs: next }, fail)).toEqual([id]);
    // Done, and its stored file let go (just after the last batch).
    await expect
      .poll(async () => pick(await importOf(id)), { timeout: 60_000 })
      .toEqual({ status: 'done', stored_path: null });
    const finished = await importOf(id);
    expect(finished).toMatchObject({ attempts: 2, stored_path: null, rows_read: BATCH_ROWS * 2 + 500 });
    expect(existsSync(stopped.stored_path as string)).toBe(false);
    expect(await rowsOf(id)).toEqual(await rowsOf(uninterrupted));
    await next.stop();
  });

  it('is taken up after a crash half-way (its process gone), and by one process only', async () => {
    // Half-way: the import ran one batch under a process that no longer exists.
    const stored = path.join(dir, 'crashed.csv');
    writeFileSync(stored, list);
    const { id } = await createImport(deps, {
      fileName: 'daftar.csv',
      file: stored,
      defaults: {},
      source: 'upload',
      createdBy: dewi.id,
      storedPath: stored,
    });
    const halfWay = new AbortController();
    await expect(runImport(deps, id, stored, () => halfWay.abort(), halfWay.signal)).rejects.toMatchObject({
      code: 'job_stopped',
    });
    const deadPid = spawnSync(process.execPath, ['-e', '0']).pid;
    await deps.db
      .updateTable('imports')
      .set({ runner: `${hostname()}/${deadPid}`, heartbeat_at: new Date().toISOString(), attempts: 1 })
      .where('id', '=', id)
      .execute();
    expect((await importOf(id)).rows_read).toBe(BATCH_ROWS);

    const [first, second] = await Promise.all([
      resumeAbandonedImports(deps, fail),
      resumeAbandonedImports(deps, fail),
    ]);
    expect([...(first ?? []), ...(second ?? [])]).toEqual([id]);
    // Done, and its stored file let go (just after the last batch).
    await expect
      .poll(async () => pick(await importOf(id)), { timeout: 60_000 })
      .toEqual({ status: 'done', stored_path: null });
    expect(await importOf(id)).toMatchObject({ attempts: 2, stored_path: null });
    expect(await rowsOf(id)).toEqual(await rowsOf(uninterrupted));
  });

  it('fails with a clear reason when the stored file is gone', async () => {
    const stored = path.join(dir, 'gone.csv');
    writeFileSync(stored, list.subarray(0, 2000));
    const { id } = await createImport(deps, {
      fileName: 'daftar.csv',
      file: stored,
      defaults: {},
      source: 'upload',
      createdBy: dewi.id,
      storedPath: stored,
    });
    rmSync(stored);
    expect(await resumeAbandonedImports(deps, fail)).toEqual([]);
    expect(await importOf(id)).toMatchObject({ status: 'failed' });
    const failure = await deps.db
      .selectFrom('imports')
      .select('failure')
      .where('id', '=', id)
      .executeTakeFirst();
    expect(failure?.failure).toBe('stored_file_missing');
  });
});
