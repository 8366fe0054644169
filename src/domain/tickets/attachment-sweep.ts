// Attachment files that belong to no ticket: a submission writes its files (fsynced) before the
// transaction that records them, so a crash between the two leaves files no row names. They are
// swept at start and then on a timer, from whichever store the deployment uses (a directory, or
// the database).
import type { Db } from '../../db/database.ts';
import { type Repeating, repeatEvery } from '../jobs/repeat.ts';
import { type AttachmentStore, localAttachmentStore } from './attachments.ts';

export type { StoredFileEntry } from './attachments.ts';

/** What the sweep needs of a store: every file it holds, and a way to remove one. */
export type AttachmentStorage = Pick<AttachmentStore, 'list' | 'remove'>;

/** Only names the server makes are ever swept; anything else an operator put there stays. */
const SERVER_MADE = /^\d{4}\/\d{2}\/[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}\.[a-z0-9]+$/;

/** Longer than any submission's transaction: younger files may be about to be recorded. */
export const ORPHAN_MIN_AGE_MS = 10 * 60 * 1000;

/** The files under `DATA_DIR/attachments`. */
export const localAttachmentStorage = (dataDir: string): AttachmentStorage => localAttachmentStore(dataDir);

const BATCH = 500;

/** Removes the server-made files older than `minAgeMs` that no attachment row names; returns how many. */
export async function sweepOrphanAttachments(
  db: Db,
  storage: AttachmentStorage,
  options: { now: Date; minAgeMs?: number },
): Promise<number> {
  const cutoff = options.now.getTime() - (options.minAgeMs ?? ORPHAN_MIN_AGE_MS);
  const candidates: string[] = [];
  for await (const file of storage.list()) {
    if (SERVER_MADE.test(file.storedName) && file.modifiedAt.getTime() < cutoff) {
      candidates.push(file.storedName);
    }
  }
  let removed = 0;
  for (let i = 0; i < candidates.length; i += BATCH) {
    const batch = candidates.slice(i, i + BATCH);
    const rows = await db
      .selectFrom('ticket_attachments')
      .select('stored_name')
      .where('stored_name', 'in', batch)
      .execute();
    // A file kept for a form that came back with errors is no orphan until it expires.
    const kept = await db
      .selectFrom('provisional_uploads')
      .select('stored_name')
      .where('stored_name', 'in', batch)
      .execute();
    const recorded = new Set([...rows, ...kept].map((r) => r.stored_name));
    for (const name of batch) {
      if (recorded.has(name)) continue;
      await storage.remove(name);
      removed += 1;
    }
  }
  return removed;
}

export type OrphanSweep = Repeating;

/**
 * Sweeps every `intervalMs` in a running process. A kill -9 between a submission's files and its
 * row leaves orphans that only the next start would otherwise remove, and a server that is
 * restarted seldom, or at once by a supervisor (before the files are old enough), keeps them.
 * One sweep at a time: the next is timed from the end of the last, so a slow store never runs two.
 */
export function startOrphanSweep(
  db: Db,
  storage: AttachmentStorage,
  options: {
    intervalMs: number;
    /** Wall-clock time: file ages are file times. */
    now?: () => Date;
    minAgeMs?: number;
    onSwept?: (removed: number) => void;
    onError: (error: unknown) => void;
  },
): OrphanSweep {
  const now = options.now ?? (() => new Date());
  return repeatEvery(
    options.intervalMs,
    () =>
      sweepOrphanAttachments(db, storage, {
        now: now(),
        ...(options.minAgeMs === undefined ? {} : { minAgeMs: options.minAgeMs }),
      }).then((removed) => options.onSwept?.(removed)),
    options.onError,
  );
}
