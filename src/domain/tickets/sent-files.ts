// What the resident is shown of the files they sent: each by the name their phone gave it and its
// size in words, on the receipt and under their correction on the tracking page (issue 23, item
// 5). Never the bytes, never the server's own names. A file's name is the resident's input like
// any field: it is cleaned once, before it is stored, and escaped wherever it is shown.
import type { Kysely } from 'kysely';
import type { Database } from '../../db/schema.ts';

export interface SentFile {
  /** The form field it came in (`lampiran_1`, `foto_kk`, …). */
  field: string;
  /** As the resident's device named it, cleaned; null when it came without a usable name. */
  name: string | null;
  /** Bytes as sent. */
  size: number;
}

/** Graphemes shown of a long name: its start, an ellipsis, and its end (the extension). */
export const MAX_NAME_GRAPHEMES = 100;
const KEPT_TAIL = 16;
/** Code points at most, whatever the graphemes: a flag or a family emoji is several. */
const MAX_NAME_CODE_POINTS = 300;
/** A name longer than this is cut before it is looked at, keeping its end. */
const READ_AT_MOST = 2048;

// Direction overrides and isolates turn `gpj.exe` into something that reads `exe.jpg`; the
// byte-order mark and the line/paragraph separators have no place in a name either.
const INVISIBLE = /[\p{Cc}\u061c\u200e\u200f\u202a-\u202e\u2066-\u2069\u2028\u2029\ufeff]/gu;

const LONE_SURROGATE = /[\ud800-\udbff](?![\udc00-\udfff])|(?<![\ud800-\udbff])[\udc00-\udfff]/g;

const graphemes = (text: string) =>
  Array.from(new Intl.Segmenter('und', { granularity: 'grapheme' }).segment(text), (s) => s.segment);

/**
 * A file's name as the resident's device gave it, safe to store and show: without any folder a
 * client put before it, control or direction characters, or runs of spaces; NFC; at most
 * `MAX_NAME_GRAPHEMES` graphemes, a longer one keeping its start and its end. Null for nothing.
 */
export function cleanFileName(raw: unknown): string | null {
  if (typeof raw !== 'string') return null;
  let text =
    raw.length > READ_AT_MOST ? `${raw.slice(0, READ_AT_MOST / 2)}…${raw.slice(-READ_AT_MOST / 2)}` : raw;
  // A lone half of a surrogate pair (from the cut, or sent so) is not a character.
  text = text.replace(LONE_SURROGATE, '').replace(/\ufffd/g, '');
  text = text.slice(Math.max(text.lastIndexOf('/'), text.lastIndexOf('\\')) + 1);
  // Tabs and line breaks are spaces first; only then the remaining invisible characters go.
  text = text.normalize('NFC').replace(/\s+/gu, ' ').replace(INVISIBLE, '').replace(/ {2,}/g, ' ').trim();
  if (text === '') return null;
  let parts = graphemes(text);
  if (parts.length > MAX_NAME_GRAPHEMES) {
    const head = MAX_NAME_GRAPHEMES - KEPT_TAIL - 1;
    parts = [...parts.slice(0, head), '…', ...parts.slice(-KEPT_TAIL)];
  }
  while ([...parts.join('')].length > MAX_NAME_CODE_POINTS) parts.splice(Math.floor(parts.length / 2), 1);
  return parts.join('').trim() || null;
}

/** `1288490` → `1,2 MB` (id) or `1.2 MB` (en); `3400` → `3 KB`; `68` → `68 byte`. */
export function sizeInWords(bytes: number, locale: 'id' | 'en'): string {
  const n = Math.max(0, Math.round(bytes));
  if (n < 1024) return locale === 'id' ? `${n} byte` : `${n} ${n === 1 ? 'byte' : 'bytes'}`;
  const kb = Math.round(n / 1024);
  if (kb < 1000) return `${kb} KB`;
  const mb = new Intl.NumberFormat(locale === 'id' ? 'id-ID' : 'en-GB', {
    minimumFractionDigits: 1,
    maximumFractionDigits: 1,
  });
  return `${mb.format(n / (1024 * 1024))} MB`;
}

type Row = { purpose: string; original_name: string | null; original_size: number | null; size: number };
const sentFile = (r: Row): SentFile => ({
  field: r.purpose,
  name: r.original_name,
  size: r.original_size ?? r.size,
});

/** The files that came with one submission (its receipt), in the order they came. */
export async function filesOfSubmission(db: Kysely<Database>, reference: string): Promise<SentFile[]> {
  const rows = await db
    .selectFrom('ticket_attachments as a')
    .innerJoin('ticket_submissions as s', 's.id', 'a.submission_id')
    .select(['a.purpose', 'a.original_name', 'a.original_size', 'a.size'])
    .where('s.reference', '=', reference)
    .orderBy('a.id')
    .execute();
  return rows.map(sentFile);
}

/** The files that came with each of the given events of a ticket (a resident's correction), by event. */
export async function filesOfEvents(
  db: Kysely<Database>,
  ticketId: number,
  eventIds: readonly number[],
): Promise<Map<number, SentFile[]>> {
  const byEvent = new Map<number, SentFile[]>();
  if (eventIds.length === 0) return byEvent;
  const rows = await db
    .selectFrom('ticket_attachments')
    .select(['event_id', 'purpose', 'original_name', 'original_size', 'size'])
    .where('ticket_id', '=', ticketId)
    .where('event_id', 'in', [...eventIds])
    .orderBy('id')
    .execute();
  for (const row of rows) {
    if (row.event_id === null) continue;
    byEvent.set(row.event_id, [...(byEvent.get(row.event_id) ?? []), sentFile(row)]);
  }
  return byEvent;
}
