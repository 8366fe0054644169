// Who works a background job (an uploaded import, a whole-register report) and whether they still
// do. A job row names its runner (`host/pid`) and the runner writes `heartbeat_at` every few
// seconds. A job is taken over when its runner is certainly gone: a process of this host that no
// longer exists (a restart: taken up at once), or a heartbeat older than STALE_MS (another host,
// or a hung process). Taking over is one compare-and-set UPDATE, so of two app processes that see
// the same abandoned job exactly one takes it.
import { hostname } from 'node:os';
import type { Kysely } from 'kysely';
import type { Database } from '../../db/schema.ts';

export type JobTable = 'imports' | 'quality_runs';

export const HEARTBEAT_MS = 10_000;
/** Six missed heartbeats: a process busy for a minute without one is treated as dead. */
export const STALE_MS = 60_000;

export interface Lease {
  runner: string | null;
  heartbeat_at: string | null;
}

export function thisRunner(): string {
  return `${hostname()}/${process.pid}`.slice(0, 120);
}

function processExists(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch (error) {
    // EPERM: it exists, under another user.
    return (error as NodeJS.ErrnoException).code === 'EPERM';
  }
}

/** Whether nobody works the job any more (never started counts as gone). */
export function runnerGone(lease: Lease, now: Date, me: string = thisRunner()): boolean {
  if (lease.runner === null || lease.heartbeat_at === null) return true;
  if (lease.runner === me) return false;
  const slash = lease.runner.lastIndexOf('/');
  const host = lease.runner.slice(0, slash);
  const pid = Number(lease.runner.slice(slash + 1));
  if (
    host === me.slice(0, me.lastIndexOf('/')) &&
    Number.isSafeInteger(pid) &&
    pid > 0 &&
    !processExists(pid)
  )
    return true;
  return now.getTime() - Date.parse(lease.heartbeat_at) > STALE_MS;
}

/** Takes the job if its lease is still the one seen; true when this process now holds it. */
export async function claimJob(
  db: Kysely<Database>,
  table: JobTable,
  id: number,
  seen: Lease,
  now: Date,
): Promise<boolean> {
  const result = await db
    .updateTable(table)
    .set((eb) => ({
      runner: thisRunner(),
      heartbeat_at: now.toISOString(),
      attempts: eb('attempts', '+', 1),
    }))
    .where('id', '=', id)
    .where('status', 'in', ['queued', 'running'])
    .where('runner', seen.runner === null ? 'is' : '=', seen.runner)
    .where('heartbeat_at', seen.heartbeat_at === null ? 'is' : '=', seen.heartbeat_at)
    .executeTakeFirst();
  return Number(result.numUpdatedRows) === 1;
}

/** Writes the heartbeat until stopped; `lost()` says another process took the job over. */
export function keepAlive(
  db: Kysely<Database>,
  table: JobTable,
  id: number,
  now: () => Date,
  onError: (error: unknown) => void,
): { stop(): void; lost(): boolean } {
  let lost = false;
  const me = thisRunner();
  const timer = setInterval(() => {
    db.updateTable(table)
      .set({ heartbeat_at: now().toISOString() })
      .where('id', '=', id)
      .where('runner', '=', me)
      .executeTakeFirst()
      .then((r) => {
        if (Number(r.numUpdatedRows) === 0) lost = true;
      })
      .catch(onError);
  }, HEARTBEAT_MS);
  timer.unref();
  return { stop: () => clearInterval(timer), lost: () => lost };
}

/** The jobs of `table` left queued or running whose runner is gone, as of `now`. */
export async function abandonedJobs(
  db: Kysely<Database>,
  table: JobTable,
  now: Date,
): Promise<({ id: number } & Lease)[]> {
  const rows = await db
    .selectFrom(table)
    .select(['id', 'runner', 'heartbeat_at'])
    .where('status', 'in', ['queued', 'running'])
    .orderBy('id')
    .execute();
  return rows.filter((r) => runnerGone(r, now));
}
