// Resident attachments: recognised by their bytes (never by the name or declared type a browser
// sends), stored under DATA_DIR with server-made names, fsynced before the ticket is recorded.
import { createHash, randomUUID } from 'node:crypto';
import { mkdir, open, readFile, unlink } from 'node:fs/promises';
import path from 'node:path';
import { fileTypeFromBuffer } from 'file-type';

export const MAX_ATTACHMENT_BYTES = 5 * 1024 * 1024;
export const MAX_ATTACHMENTS = 3;

export const ACCEPTED_TYPES = {
  'image/jpeg': 'jpg',
  'image/png': 'png',
  'image/webp': 'webp',
  'application/pdf': 'pdf',
} as const;

export type AttachmentContentType = keyof typeof ACCEPTED_TYPES;
export type AttachmentExtension = (typeof ACCEPTED_TYPES)[AttachmentContentType];
export type AttachmentRule = 'empty' | 'too_large' | 'type_refused';

export interface InspectedAttachment {
  contentType: AttachmentContentType;
  extension: AttachmentExtension;
  size: number;
}

export interface StoredAttachment {
  storedName: string;
  /** `YYYY/MM/<uuid>.<ext>`, relative to `${dataDir}/attachments`. */
  relativePath: string;
  sha256: string;
  size: number;
}

const isAccepted = (mime: string): mime is AttachmentContentType => Object.hasOwn(ACCEPTED_TYPES, mime);
const EXTENSIONS: readonly string[] = Object.values(ACCEPTED_TYPES);

export async function inspectAttachment(
  bytes: Uint8Array,
): Promise<{ ok: true; value: InspectedAttachment } | { ok: false; rule: AttachmentRule }> {
  if (bytes.length === 0) return { ok: false, rule: 'empty' };
  if (bytes.length > MAX_ATTACHMENT_BYTES) return { ok: false, rule: 'too_large' };
  const detected = await fileTypeFromBuffer(bytes);
  if (!detected || !isAccepted(detected.mime)) return { ok: false, rule: 'type_refused' };
  return {
    ok: true,
    value: { contentType: detected.mime, extension: ACCEPTED_TYPES[detected.mime], size: bytes.length },
  };
}

const attachmentsDir = (dataDir: string) => path.resolve(dataDir, 'attachments');

/** The absolute path of a stored attachment; throws for any path that leaves the attachments directory. */
export function attachmentPath(dataDir: string, relativePath: string): string {
  const base = attachmentsDir(dataDir);
  const full = path.resolve(base, relativePath);
  if (relativePath.includes('\0') || path.isAbsolute(relativePath) || !full.startsWith(base + path.sep)) {
    throw new Error('attachment path outside the attachments directory');
  }
  return full;
}

async function syncDir(dir: string) {
  const handle = await open(dir, 'r');
  try {
    await handle.sync();
  } finally {
    await handle.close();
  }
}

/** Where attachment bytes live: a local directory (the default) or the shared database. */
export interface AttachmentStore {
  /** Keeps the bytes durably under a server-made name before the ticket that cites them commits. */
  put(bytes: Uint8Array, extension: string, now: Date): Promise<StoredAttachment>;
  /** The bytes, or null when nothing is stored under that name. */
  get(relativePath: string): Promise<Uint8Array | null>;
  /** Cleanup when the transaction that would have cited the file failed; a missing file is fine. */
  remove(relativePath: string): Promise<void>;
}

/** A server-made name, `YYYY/MM/<uuid>.<ext>`, and the digest the ticket records. */
export function describeNewAttachment(bytes: Uint8Array, extension: string, now: Date): StoredAttachment {
  if (!EXTENSIONS.includes(extension)) throw new Error(`refused attachment extension ${extension}`);
  const month = `${now.getUTCFullYear()}/${String(now.getUTCMonth() + 1).padStart(2, '0')}`;
  const storedName = `${randomUUID()}.${extension}`;
  return {
    storedName,
    relativePath: `${month}/${storedName}`,
    sha256: createHash('sha256').update(bytes).digest('hex'),
    size: bytes.length,
  };
}

export function localAttachmentStore(dataDir: string): AttachmentStore {
  return {
    put: (bytes, extension, now) => storeAttachment(dataDir, bytes, extension, now),
    async get(relativePath) {
      try {
        return await readFile(attachmentPath(dataDir, relativePath));
      } catch (error) {
        if ((error as NodeJS.ErrnoException).code === 'ENOENT') return null;
        throw error;
      }
    },
    remove: (relativePath) => removeStoredAttachment(dataDir, relativePath),
  };
}

export async function storeAttachment(
  dataDir: string,
  bytes: Uint8Array,
  extension: string,
  now: Date,
): Promise<StoredAttachment> {
  const stored = describeNewAttachment(bytes, extension, now);
  const full = attachmentPath(dataDir, stored.relativePath);
  const dir = path.dirname(full);
  const created = await mkdir(dir, { recursive: true });

  const handle = await open(full, 'wx', 0o640);
  try {
    await handle.writeFile(bytes);
    await handle.sync();
  } finally {
    await handle.close();
  }
  // The new directory entries must survive a crash too, not only the file's bytes.
  await syncDir(dir);
  if (created) {
    await syncDir(path.dirname(dir));
    await syncDir(attachmentsDir(dataDir));
    await syncDir(path.resolve(dataDir));
  }
  return stored;
}

/** Cleanup when the transaction that would have recorded the file failed; a missing file is fine. */
export async function removeStoredAttachment(dataDir: string, relativePath: string): Promise<void> {
  try {
    await unlink(attachmentPath(dataDir, relativePath));
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code !== 'ENOENT') throw error;
  }
}
