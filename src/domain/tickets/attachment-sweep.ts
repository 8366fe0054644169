// Attachment files that belong to no ticket: a submission writes its files (fsynced) before the
// transaction that records them, so a crash between the two leaves files no row names. They are
// swept at start. The storage is three calls, so that a second backend (object storage) can be
// given the same sweep.
import type { Dirent } from 'node:fs';
import { readdir, stat } from 'node:fs/promises';
import path from 'node:path';
import type { Db } from '../../db/database.ts';
import { removeStoredAttachment } from './attachments.ts';

export interface StoredFileEntry {
  /** The name `ticket_attachments.stored_name` holds: `YYYY/MM/<uuid>.<ext>`. */
  storedName: string;
  modifiedAt: Date;
}

/** Where attachment files live. */
export interface AttachmentStorage {
  list(): AsyncIterable<StoredFileEntry>;
  remove(storedName: string): Promise<void>;
}

/** Only names the server makes are ever swept; anything else an operator put there stays. */
const SERVER_MADE = /^\d{4}\/\d{2}\/[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}\.[a-z0-9]+$/;

/** Longer than any submission's transaction: younger files may be about to be recorded. */
export const ORPHAN_MIN_AGE_MS = 10 * 60 * 1000;

/** The files under `DATA_DIR/attachments`. */
export function localAttachmentStorage(dataDir: string): AttachmentStorage {
  const base = path.resolve(dataDir, 'attachments');
  return {
    async *list() {
      let entries: Dirent[];
      try {
        entries = await readdir(base, { recursive: true, withFileTypes: true });
      } catch (error) {
        if ((error as NodeJS.ErrnoException).code === 'ENOENT') return;
        throw error;
      }
      for (const entry of entries) {
        if (!entry.isFile()) continue;
        const full = path.join(entry.parentPath, entry.name);
        const storedName = path.relative(base, full).split(path.sep).join('/');
        yield { storedName, modifiedAt: (await stat(full)).mtime };
      }
    },
    remove: (storedName) => removeStoredAttachment(dataDir, storedName),
  };
}

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
    const recorded = new Set(rows.map((r) => r.stored_name));
    for (const name of batch) {
      if (recorded.has(name)) continue;
      await storage.remove(name);
      removed += 1;
    }
  }
  return removed;
}
