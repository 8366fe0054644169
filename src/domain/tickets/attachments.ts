// Resident attachments: recognised by their bytes (never by the name or declared type a browser
// sends), then proven: images are decoded and re-encoded without their metadata (GPS, comments,
// anything after the picture), PDFs must be whole and carry no active content. Stored under
// DATA_DIR with server-made names, fsynced before the ticket is recorded.
import { createHash, randomUUID } from 'node:crypto';
import type { Dirent } from 'node:fs';
import { mkdir, open, readdir, readFile, stat, unlink } from 'node:fs/promises';
import path from 'node:path';
import { inflateSync } from 'node:zlib';
import { fileTypeFromBuffer } from 'file-type';
import sharp from 'sharp';

// Decoding is memory-hungry (a 40-megapixel photo is 160 MB of pixels): one image at a time,
// and no cache of decoded images between requests.
sharp.concurrency(1);
sharp.cache(false);

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
/** Larger pictures are refused before they are decoded (a small PNG can claim 20000×20000). */
export const MAX_IMAGE_PIXELS = 40_000_000;
export const MAX_IMAGE_SIDE = 12_000;
/** What is kept: enough to read a KK or a KTP, at a tenth of a raw phone photo's weight. */
export const STORED_IMAGE_SIDE = 4_096;

export type AttachmentRule =
  | 'empty'
  | 'too_large'
  | 'type_refused'
  | 'image_unreadable'
  | 'image_too_many_pixels'
  | 'pdf_unreadable'
  | 'pdf_active_content';

export interface InspectedAttachment {
  contentType: AttachmentContentType;
  extension: AttachmentExtension;
  /** What is stored: an image re-encoded without metadata, a PDF as sent. */
  bytes: Uint8Array;
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
  const contentType = detected.mime;
  const proven =
    contentType === 'application/pdf' ? checkPdf(bytes) : await reencodeImage(bytes, contentType);
  if (!proven.ok) return proven;
  return {
    ok: true,
    value: {
      contentType,
      extension: ACCEPTED_TYPES[contentType],
      bytes: proven.bytes,
      size: proven.bytes.length,
    },
  };
}

type Proven = { ok: true; bytes: Uint8Array } | { ok: false; rule: AttachmentRule };

const SHARP_FORMAT = { 'image/jpeg': 'jpeg', 'image/png': 'png', 'image/webp': 'webp' } as const;

/**
 * Decodes the whole picture (a truncated or corrupt one is refused), turns it upright by its
 * EXIF orientation, shrinks it to `STORED_IMAGE_SIDE` and writes it anew in the same format.
 * sharp writes no metadata unless asked, so GPS, camera data, comments and trailing bytes go.
 */
async function reencodeImage(bytes: Uint8Array, contentType: keyof typeof SHARP_FORMAT): Promise<Proven> {
  const format = SHARP_FORMAT[contentType];
  let width: number | undefined;
  let height: number | undefined;
  try {
    // The header alone (nothing is decoded), so that a picture too large is named as such.
    const meta = await sharp(bytes, { limitInputPixels: false }).metadata();
    if (meta.format !== format) return { ok: false, rule: 'image_unreadable' };
    ({ width, height } = meta);
  } catch {
    return { ok: false, rule: 'image_unreadable' };
  }
  if (!width || !height) return { ok: false, rule: 'image_unreadable' };
  if (width > MAX_IMAGE_SIDE || height > MAX_IMAGE_SIDE || width * height > MAX_IMAGE_PIXELS)
    return { ok: false, rule: 'image_too_many_pixels' };
  try {
    const decoded = sharp(bytes, { failOn: 'truncated', limitInputPixels: MAX_IMAGE_PIXELS });
    const pipeline = decoded.rotate().resize({
      width: STORED_IMAGE_SIDE,
      height: STORED_IMAGE_SIDE,
      fit: 'inside',
      withoutEnlargement: true,
    });
    const encoded =
      format === 'jpeg'
        ? pipeline.jpeg({ quality: 82, mozjpeg: true })
        : format === 'png'
          ? pipeline.png({ compressionLevel: 6 })
          : pipeline.webp({ quality: 82 });
    return { ok: true, bytes: new Uint8Array(await encoded.toBuffer()) };
  } catch {
    return { ok: false, rule: 'image_unreadable' };
  }
}

/** Names that make a PDF act (run script, open something, carry files or forms) rather than show pages. */
const ACTIVE_PDF_NAMES = new Set([
  'JavaScript',
  'JS',
  'OpenAction',
  'AA',
  'Launch',
  'EmbeddedFile',
  'EmbeddedFiles',
  'RichMedia',
  'XFA',
  'SubmitForm',
  'ImportData',
  'GoToE',
]);
// A PDF name: `/` and regular characters (PDF 32000-1 §7.2.2: not white-space or a delimiter).
const PDF_NAME = /\/([^\s()<>[\]{}/%]*)/g;
const MAX_INFLATED_BYTES = 32 * 1024 * 1024;

/** `/J#61vaScript` is `/JavaScript`: names may spell any byte as #xx. */
export function pdfNames(text: string): Set<string> {
  const names = new Set<string>();
  for (const m of text.matchAll(PDF_NAME)) {
    names.add(
      (m[1] as string).replace(/#([0-9A-Fa-f]{2})/g, (_, hex: string) =>
        String.fromCharCode(Number.parseInt(hex, 16)),
      ),
    );
  }
  return names;
}

/**
 * A structural check, not a parser: the header, an end-of-file marker near the end, a
 * cross-reference (table, trailer or stream), and none of the active names — also inside
 * Flate-compressed object streams, where a script can hide from a scan of the raw bytes.
 */
function checkPdf(bytes: Uint8Array): Proven {
  const text = Buffer.from(bytes).toString('latin1');
  const tail = text.slice(-1024);
  if (!text.startsWith('%PDF-') || !tail.includes('%%EOF')) return { ok: false, rule: 'pdf_unreadable' };
  if (!/\btrailer\b|\bxref\b|\/Type\s*\/XRef\b/.test(text)) return { ok: false, rule: 'pdf_unreadable' };
  const texts = [text];
  let inflated = 0;
  for (const m of text.matchAll(/\bstream\r?\n/g)) {
    const head = text.slice(Math.max(0, (m.index ?? 0) - 2000), m.index);
    const dictionary = head.slice(head.lastIndexOf('obj'));
    if (!/\/FlateDecode\b/.test(dictionary) || /\/Subtype\s*\/Image\b/.test(dictionary)) continue;
    const start = (m.index ?? 0) + m[0].length;
    const end = text.indexOf('endstream', start);
    if (end < 0) return { ok: false, rule: 'pdf_unreadable' };
    try {
      const out = inflateSync(bytes.subarray(start, end), {
        maxOutputLength: Math.max(1, MAX_INFLATED_BYTES - inflated),
      });
      inflated += out.length;
      texts.push(out.toString('latin1'));
    } catch (error) {
      // A stream that is not valid Flate shows nothing a viewer would run; too much is refused.
      if ((error as NodeJS.ErrnoException).code === 'ERR_BUFFER_TOO_LARGE')
        return { ok: false, rule: 'pdf_unreadable' };
    }
  }
  for (const t of texts) {
    for (const name of pdfNames(t))
      if (ACTIVE_PDF_NAMES.has(name)) return { ok: false, rule: 'pdf_active_content' };
  }
  return { ok: true, bytes };
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

export interface StoredFileEntry {
  /** The name `ticket_attachments.stored_name` holds: `YYYY/MM/<uuid>.<ext>`. */
  storedName: string;
  modifiedAt: Date;
}

/** Where attachment bytes live: a local directory (the default) or the shared database. */
export interface AttachmentStore {
  /** Every stored file, for the sweep of files no ticket cites. */
  list(): AsyncIterable<StoredFileEntry>;
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
    list: () => listLocalAttachments(dataDir),
  };
}

async function* listLocalAttachments(dataDir: string): AsyncIterable<StoredFileEntry> {
  const base = attachmentsDir(dataDir);
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
