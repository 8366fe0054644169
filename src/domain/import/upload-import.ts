// An import started from the upload page: the file is kept under DATA_DIR/imports, the import is
// recorded (audited), and it is read into its preview in this process off the request path, one
// upload at a time; the page reads its progress from the imports table, so the officer can leave
// and come back. A confirmed list is written the same way (`startApply`).
import { randomBytes } from 'node:crypto';
import { existsSync, mkdirSync, rmSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { recordAudit } from '../backoffice/audit.ts';
import type { Officer } from '../backoffice/officer.ts';
import type { DomainDeps } from '../deps.ts';
import { AppError } from '../errors.ts';
import { isJobStopped, jobStopped } from '../jobs/background-jobs.ts';
import { claimJob, keepAlive, runnerGone, thisRunner } from '../jobs/job-lease.ts';
import { loadCatalogue } from '../program-profiles/catalogue.ts';
import { applyImport } from './apply-import.ts';
import { mayImport, uploadAreaOf } from './import-access.ts';
import { readDtsenSnapshot, readPeriod } from './normalise-row.ts';
import { programNamesOf, resolveProgram } from './program-names.ts';
import { createImport, runImport } from './run-import.ts';

type Deps = Pick<DomainDeps, 'db' | 'regions' | 'now' | 'dataDir' | 'jobs'> &
  Partial<Pick<DomainDeps, 'imports'>>;

/** What the upload page accepts; a province's list goes through `npm run import`. */
export const UPLOAD_LIMIT_BYTES = 64 * 1024 * 1024;

export interface Upload {
  fileName: string;
  bytes: Uint8Array;
  program: string;
  period: string;
  /** "Periode DTSEN" (`2026-Q1`); empty: the list names none. */
  snapshot?: string;
}

export async function startUploadedImport(
  deps: Deps,
  officer: Pick<Officer, 'id' | 'role' | 'areaCode'>,
  upload: Upload,
  clientAddress: string | null,
  onError: (error: unknown) => void,
): Promise<number> {
  if (!mayImport(officer)) throw new AppError('forbidden');
  const errors: Record<string, string> = {};
  if (upload.bytes.length === 0) errors.berkas = 'import.file_required';
  else if (!/\.(csv|xlsx)$/i.test(upload.fileName)) errors.berkas = 'import.file_type';
  const given = upload.program.trim();
  // A code or another name of a program the office has defined, kept as its code.
  const program =
    given === ''
      ? undefined
      : resolveProgram(programNamesOf(await loadCatalogue(deps.db), uploadAreaOf(officer)), given);
  if (given !== '' && program === undefined) errors.program = 'import.program_unknown';
  const period = upload.period.trim() === '' ? undefined : readPeriod(upload.period);
  if (period === null) errors.periode = 'import.period_format';
  const snapshotGiven = (upload.snapshot ?? '').trim();
  const snapshot = snapshotGiven === '' ? null : readDtsenSnapshot(snapshotGiven);
  if (snapshotGiven !== '' && snapshot === null) errors.periode_dtsen = 'import.snapshot_format';
  if (Object.keys(errors).length > 0) throw new AppError('validation_failed', errors);

  const directory = path.join(deps.dataDir, 'imports');
  mkdirSync(directory, { recursive: true });
  const extension = /\.xlsx$/i.test(upload.fileName) ? 'xlsx' : 'csv';
  const stored = path.join(directory, `${randomBytes(12).toString('hex')}.${extension}`);
  writeFileSync(stored, upload.bytes);
  const { id } = await createImport(deps, {
    fileName: path.basename(upload.fileName).replace(/[^\w .()-]/g, '_'),
    file: stored,
    defaults: { program, period: period ?? undefined },
    source: 'upload',
    createdBy: officer.id,
    areaCode: uploadAreaOf(officer),
    storedPath: stored,
    dtsenSnapshot: snapshot,
  });
  await recordAudit(deps, {
    actor: officer,
    action: 'import',
    target: { type: 'import', id },
    clientAddress,
    detail: {
      bytes: upload.bytes.length,
      format: extension,
      program: program ?? null,
      period: period ?? null,
      dtsen_snapshot: snapshot,
    },
  });
  // Off the request path: the answer goes out now; the page polls the imports table.
  await claimJob(deps.db, 'imports', id, { runner: null, heartbeat_at: null }, deps.now());
  startInBackground(deps, id, stored, onError);
  return id;
}

/**
 * Reading a list holds its shared strings (an .xlsx) and its next batches in memory: uploads that
 * arrive together are read one after the other, so the server's peak is one read's, however many
 * are sent at once. Their rows stay `queued` (shown as waiting for their turn) until then.
 */
export const IMPORT_READING = 'import-read';

/** Off the request path: under the server's supervision when there is one. */
function inBackground(
  deps: Deps,
  task: (signal?: AbortSignal) => Promise<void>,
  onError: (error: unknown) => void,
  lane?: string,
) {
  if (deps.jobs && lane) deps.jobs.runInTurn(lane, (signal) => task(signal));
  else if (deps.jobs) deps.jobs.run((signal) => task(signal));
  else setImmediate(() => void task().catch(onError));
}

function startInBackground(deps: Deps, id: number, stored: string, onError: (error: unknown) => void) {
  if (deps.jobs?.signal.aborted) return;
  // The lease is kept while the read waits for its turn too, or a sibling process would take a
  // waiting upload for abandoned after a minute.
  const alive = keepAlive(deps.db, 'imports', id, deps.now, onError);
  inBackground(
    deps,
    (signal) => runClaimed(deps, id, stored, onError, alive, signal),
    onError,
    IMPORT_READING,
  );
}

/** Writes a confirmed list off the request path (confirmImport has made it `applying`). */
export async function startApply(deps: Deps, id: number, onError: (error: unknown) => void): Promise<void> {
  await claimJob(deps.db, 'imports', id, { runner: null, heartbeat_at: null }, deps.now());
  inBackground(deps, (signal) => applyClaimed(deps, id, onError, signal), onError);
}

async function applyClaimed(deps: Deps, id: number, onError: (error: unknown) => void, signal?: AbortSignal) {
  const alive = keepAlive(deps.db, 'imports', id, deps.now, onError);
  try {
    await applyImport(deps, id, signal);
  } catch (error) {
    if (!isJobStopped(error)) {
      onError(error);
      await deps.db
        .updateTable('imports')
        .set({ status: 'failed', failure: 'internal' })
        .where('id', '=', id)
        .execute();
      return;
    }
    await letGo(deps, id);
  } finally {
    alive.stop();
  }
}

/** A stopping server lets its job go, so the next start (of any process) takes it up at once. */
async function letGo(deps: Deps, id: number) {
  await deps.db
    .updateTable('imports')
    .set({ runner: null, heartbeat_at: null })
    .where('id', '=', id)
    .where('runner', '=', thisRunner())
    .execute();
}

/**
 * Runs a claimed upload's import. The stored file is removed once the import has ended (done or
 * failed); when the server stops half-way it is kept and the job let go, so the next start takes
 * it up at once.
 */
async function runClaimed(
  deps: Deps,
  id: number,
  stored: string,
  onError: (error: unknown) => void,
  alive: ReturnType<typeof keepAlive>,
  signal?: AbortSignal,
) {
  let stopped = false;
  try {
    // Taken over by another process while it waited: that one reads it and removes the file.
    if (alive.lost()) return;
    // Its turn came while the server was stopping: it is let go below, its file kept.
    if (signal?.aborted) throw jobStopped();
    await runImport(deps, id, stored, undefined, signal);
  } catch (error) {
    stopped = isJobStopped(error);
    if (!stopped) onError(error);
  } finally {
    alive.stop();
  }
  if (stopped) {
    await letGo(deps, id);
    return;
  }
  rmSync(stored, { force: true });
  await deps.db
    .updateTable('imports')
    .set({ stored_path: null })
    .where('id', '=', id)
    .execute()
    .catch(onError);
}

/**
 * Uploads left queued or running by a process that is gone (a restart, a crash, another host
 * that stopped): each is taken by this process and run again from its stored file. The import
 * is idempotent (upserts, its own staging rows cleared first), so the end state is that of an
 * unbroken run. Returns the ids taken up.
 */
export async function resumeAbandonedImports(
  deps: Deps,
  onError: (error: unknown) => void,
): Promise<number[]> {
  const now = deps.now();
  const left = await deps.db
    .selectFrom('imports')
    .select(['id', 'runner', 'heartbeat_at', 'stored_path', 'phase', 'source'])
    .where('status', 'in', ['queued', 'running'])
    .where((eb) => eb.or([eb('source', '=', 'upload'), eb('phase', '=', 'applying')]))
    .orderBy('id')
    .execute();
  const taken: number[] = [];
  for (const job of left) {
    if (!runnerGone(job, now)) continue;
    if (!(await claimJob(deps.db, 'imports', job.id, job, now))) continue;
    if (job.phase === 'applying') {
      // Written from the staged rows, not the file: it goes on from the last chunk that stands.
      taken.push(job.id);
      inBackground(deps, (signal) => applyClaimed(deps, job.id, onError, signal), onError);
      continue;
    }
    if (job.stored_path === null || !existsSync(job.stored_path)) {
      await deps.db
        .updateTable('imports')
        .set({ status: 'failed', failure: 'stored_file_missing', finished_at: now.toISOString() })
        .where('id', '=', job.id)
        .execute();
      continue;
    }
    taken.push(job.id);
    // Read again from its start, after what this process is reading already.
    await deps.db.updateTable('imports').set({ status: 'queued' }).where('id', '=', job.id).execute();
    startInBackground(deps, job.id, job.stored_path, onError);
  }
  return taken;
}
