// An upload's import outlives the process that started it, on both engines: a stopping server
// lets it go at the next batch (still "running", the stored file kept), or before it began when it
// was waiting for its turn (uploads are read one at a time per process), a crashed one leaves it
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
import {
  IMPORT_READING,
  resumeAbandonedImports,
  startUploadedImport,
} from '../../src/domain/import/upload-import.ts';
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
/** Six batches: long enough that the server is stopped, or a second upload sent, while it is read. */
let long: Buffer;
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
  long = Buffer.from([...cleanListChunks(place, BATCH_ROWS * 6)].join(''));
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
      { fileName: 'daftar.csv', bytes: long, program: '', period: '' },
      null,
      fail,
    );
    await expect
      .poll(async () => (await importOf(id)).rows_read, { interval: 5, timeout: 60_000 })
      .toBeGreaterThan(0);
    await jobs.stop();
    const stopped = await importOf(id);
    expect(stopped).toMatchObject({ status: 'running', runner: null, heartbeat_at: null, attempts: 1 });
    // Stopped at a batch's end: the rest waits in the stored file.
    expect(stopped.rows_read % BATCH_ROWS).toBe(0);
    expect(stopped.rows_read).toBeLessThan(BATCH_ROWS * 6);
    expect(readFileSync(stopped.stored_path as string).equals(long)).toBe(true);

    const next = backgroundJobs(fail);
    expect(await resumeAbandonedImports({ ...deps, jobs: next }, fail)).toEqual([id]);
    await expect
      .poll(async () => pick(await importOf(id)), { timeout: 60_000 })
      .toEqual({ status: 'done', stored_path: null });
    expect(await importOf(id)).toMatchObject({ attempts: 2, rows_read: BATCH_ROWS * 6 });
    await next.stop();
  });

  it('is read after the upload before it, and let go unread when the server stops before its turn', async () => {
    const jobs = backgroundJobs(fail);
    const upload = (bytes = list) =>
      startUploadedImport(
        { ...deps, jobs },
        dewi,
        { fileName: 'daftar.csv', bytes, program: '', period: '' },
        null,
        fail,
      );
    // Another list is being read when both arrive: they wait for its end, then for each other.
    let release = () => {};
    jobs.runInTurn(IMPORT_READING, () => new Promise<void>((resolve) => (release = resolve)));
    const [first, second] = await Promise.all([upload(long), upload()]);
    await new Promise((r) => setTimeout(r, 200));
    expect([(await importOf(first)).status, (await importOf(second)).status]).toEqual(['queued', 'queued']);
    release();
    const seen = new Set<string>();
    for (;;) {
      const statuses = [(await importOf(first)).status, (await importOf(second)).status];
      seen.add(statuses.join(' '));
      if (statuses.every((s) => s === 'done')) break;
      await new Promise((r) => setTimeout(r, 5));
    }
    // One at a time, whichever came first: the other waits (queued) and starts once it has ended.
    expect(seen.has('running queued') || seen.has('queued running')).toBe(true);
    expect(seen).not.toContain('running running');
    const [earlier, later] = await deps.db
      .selectFrom('imports')
      .select(['started_at', 'finished_at'])
      .where('id', 'in', [first, second])
      .orderBy('started_at')
      .execute();
    expect(Date.parse(later?.started_at ?? '')).toBeGreaterThanOrEqual(
      Date.parse(earlier?.finished_at ?? ''),
    );
    expect(await rowsOf(second)).toEqual(await rowsOf(uninterrupted));

    const id = await upload();
    await jobs.stop();
    const stopped = await importOf(id);
    expect(stopped).toMatchObject({ status: 'queued', runner: null, heartbeat_at: null, rows_read: 0 });
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
