// Shared helpers for the resident-ticket API tests: valid bodies for each form, tiny files that
// are (or pretend to be) images and PDFs, and the requests that carry them.

import { createHash } from 'node:crypto';
import { crc32, deflateSync } from 'node:zlib';
import { type Kysely, sql } from 'kysely';
import sharp from 'sharp';
import { expect } from 'vitest';
import type { Database } from '../../src/db/schema.ts';
import type { DomainDeps } from '../../src/domain/deps.ts';
import { composeNik, type Sex } from '../../src/domain/nik/nik.ts';
import { USULAN_EXAMPLE } from '../../src/server/api/openapi-examples.ts';
import type { createApp } from '../../src/server/app.ts';

export type TestApp = ReturnType<typeof createApp>;

/** References as the brief describes them: prefix, dash, eight characters without look-alikes. */
export const REFERENCE_RE = /^(USL|SGH|ADU)-[23456789ABCDEFGHJKMNPQRSTVWXYZ]{8}$/;
/** The district every generated NIK and KK belongs to (Prajurit Kulon, Kota Mojokerto). */
export const DISTRICT = '35.76.01';
export const VILLAGE = '35.76.01.1003';

/** The demo household (Kedundung) that is listed: its head's NIK and the KK. */
export const LISTED_HOUSEHOLD = { nik: '3576021403680001', kk: '3576021205150001', name: 'SUGENG RIYADI' };

let serial = 8100;

/** A fresh head of household: a NIK of 35.76.01 whose birth date and sex are the ones returned. */
export function freshHead(options: { sex?: Sex; birthDate?: string } = {}) {
  serial += 1;
  const sex = options.sex ?? (serial % 2 === 0 ? 'L' : 'P');
  const birthDate = options.birthDate ?? `19${60 + (serial % 30)}-0${1 + (serial % 9)}-1${serial % 10}`;
  const nik = composeNik(DISTRICT, birthDate, sex, serial);
  // KK: district + a day that is no demo household's + the serial.
  const kk = `${DISTRICT.replaceAll('.', '')}3112${String(serial).padStart(6, '0')}`;
  return { nik, kk, birthDate, sex };
}

export type UsulanBody = Record<string, unknown> & {
  head_nik: string;
  kk: string;
  birth_date: string;
  sex: Sex;
};

/** A complete, valid usulan for a household nobody has proposed or listed. */
export function usulanBody(overrides: Record<string, unknown> = {}): UsulanBody {
  const head = freshHead();
  return {
    proposer: 'sendiri',
    head_nik: head.nik,
    kk: head.kk,
    head_name: 'Slamet Widodo',
    birth_date: head.birthDate,
    sex: head.sex,
    address: 'Jl. Mentikan Gg. 3 No. 7',
    rt: '002',
    rw: '004',
    village_code: VILLAGE,
    phone: '0812-3456-7890',
    members: [
      { name: 'Sumarni', relation: 'istri_suami', birth_date: '1982-11-02', components: ['ibu_hamil'] },
      { name: 'Rizky Slamet', relation: 'anak', birth_date: '2013-07-15', components: ['sd'] },
    ],
    head_components: [],
    socio: { ...USULAN_EXAMPLE.socio },
    assets: ['tidak_ada'],
    consent: true,
    ...overrides,
  } as UsulanBody;
}

/** A valid aduan; anonymous unless a contact is given. */
export function aduanBody(overrides: Record<string, unknown> = {}): Record<string, unknown> {
  return {
    program: 'BPNT',
    problem: 'kks_terblokir',
    description: 'Kartu KKS terblokir sejak Oktober, saldo tidak bisa dipakai di e-Warong.',
    contact: { anonymous: true },
    consent: true,
    ...overrides,
  };
}

/** A valid sanggahan against the recipient `target` (an opaque id from /api/v1/cek/wilayah). */
export function sanggahanBody(
  target: string,
  overrides: Record<string, unknown> = {},
): Record<string, unknown> {
  return {
    target,
    reason: 'sudah_mampu',
    description: 'Keluarga ini sudah membuka toko besar dan memiliki mobil sejak 2024.',
    contact: { anonymous: true },
    consent: true,
    ...overrides,
  };
}

// ── Requests ────────────────────────────────────────────────────────────────────────────────────

export function postJson(app: TestApp, path: string, body: unknown, headers: Record<string, string> = {}) {
  return app.request(path, {
    method: 'POST',
    headers: { 'content-type': 'application/json', ...headers },
    body: typeof body === 'string' ? body : JSON.stringify(body),
  });
}

export interface FilePart {
  field: string;
  bytes: Uint8Array;
  name: string;
  type: string;
}

/** Multipart with a `data` JSON field and files; the browser's declared type and name are lies we choose. */
export function postMultipart(
  app: TestApp,
  path: string,
  data: unknown,
  files: FilePart[],
  headers: Record<string, string> = {},
) {
  const form = new FormData();
  form.append('data', typeof data === 'string' ? data : JSON.stringify(data));
  for (const f of files)
    form.append(f.field, new Blob([f.bytes as Uint8Array<ArrayBuffer>], { type: f.type }), f.name);
  return app.request(path, { method: 'POST', headers, body: form });
}

export interface Receipt201 {
  reference: string;
  tracking_code: string;
  status: string;
  due_date: string;
  objection_count?: number;
}

export interface ApiError {
  error: {
    code: string;
    message: string;
    field?: string;
    fields?: Record<string, string>;
    reference?: string;
  };
}

// ── Files ───────────────────────────────────────────────────────────────────────────────────────

/** One PNG chunk with its real length and checksum, for building test pictures byte by byte. */
export function pngChunk(type: string, data: Uint8Array): Buffer {
  const length = Buffer.alloc(4);
  length.writeUInt32BE(data.length);
  const body = Buffer.concat([Buffer.from(type, 'latin1'), data]);
  const crc = Buffer.alloc(4);
  crc.writeUInt32BE(crc32(body));
  return Buffer.concat([length, body, crc]);
}

/** A real 1×1 PNG (red pixel), optionally padded by a private ancillary chunk to `size` bytes. */
export function tinyPng(size?: number): Uint8Array {
  const ihdr = Buffer.alloc(13);
  ihdr.writeUInt32BE(1, 0);
  ihdr.writeUInt32BE(1, 4);
  ihdr[8] = 8; // bit depth
  ihdr[9] = 2; // truecolour
  const idat = deflateSync(Buffer.from([0, 255, 0, 0]));
  const head = Buffer.concat([
    Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]),
    pngChunk('IHDR', ihdr),
    pngChunk('IDAT', idat),
  ]);
  const end = pngChunk('IEND', new Uint8Array());
  if (size === undefined) return new Uint8Array(Buffer.concat([head, end]));
  const padding = size - head.length - end.length - 12;
  if (padding < 0) throw new Error(`a PNG cannot be ${size} bytes`);
  return new Uint8Array(Buffer.concat([head, pngChunk('prVt', new Uint8Array(padding)), end]));
}

/** A real 1×1 grey baseline JPEG (made by sharp): uploads are decoded, so it must be whole. */
export function tinyJpeg(): Uint8Array {
  return new Uint8Array(
    Buffer.from(
      '/9j/2wBDABALDA4MChAODQ4SERATGCgaGBYWGDEjJR0oOjM9PDkzODdASFxOQERXRTc4UG1RV19iZ2hnPk1xeXBkeFxlZ2P/2wBDARESEhgVGC8aGi9jQjhCY2NjY2NjY2NjY2NjY2NjY2NjY2NjY2NjY2NjY2NjY2NjY2NjY2NjY2NjY2NjY2NjY2P/wAARCAABAAEDASIAAhEBAxEB/8QAFAABAAAAAAAAAAAAAAAAAAAAAP/EABQQAQAAAAAAAAAAAAAAAAAAAAD/xAAUAQEAAAAAAAAAAAAAAAAAAAAA/8QAFBEBAAAAAAAAAAAAAAAAAAAAAP/aAAwDAQACEQMRAD8AAA//2Q==',
      'base64',
    ),
  );
}

/** A one-page PDF. */
export function tinyPdf(): Uint8Array {
  return new TextEncoder().encode(
    '%PDF-1.4\n1 0 obj<</Type/Catalog/Pages 2 0 R>>endobj\n2 0 obj<</Type/Pages/Kids[3 0 R]/Count 1>>endobj\n3 0 obj<</Type/Page/Parent 2 0 R/MediaBox[0 0 10 10]>>endobj\ntrailer<</Root 1 0 R>>\n%%EOF\n',
  );
}

/** A 1×1 GIF: a real image, of a type the forms refuse. */
export function tinyGif(): Uint8Array {
  return new Uint8Array([
    0x47, 0x49, 0x46, 0x38, 0x39, 0x61, 0x01, 0x00, 0x01, 0x00, 0x80, 0x00, 0x00, 0xff, 0xff, 0xff, 0x00,
    0x00, 0x00, 0x21, 0xf9, 0x04, 0x01, 0x00, 0x00, 0x00, 0x00, 0x2c, 0x00, 0x00, 0x00, 0x00, 0x01, 0x00,
    0x01, 0x00, 0x00, 0x02, 0x02, 0x44, 0x01, 0x00, 0x3b,
  ]);
}

/** An HTML page, to be sent with the name `foto.jpg` and type image/jpeg. */
export function htmlPage(): Uint8Array {
  return new TextEncoder().encode(
    '<!doctype html><html><body><script>alert(document.cookie)</script></body></html>',
  );
}

export function svgImage(): Uint8Array {
  return new TextEncoder().encode(
    '<?xml version="1.0"?><svg xmlns="http://www.w3.org/2000/svg" width="1" height="1"><script>alert(1)</script><rect width="1" height="1"/></svg>',
  );
}

export const sha256Hex = (bytes: Uint8Array) => createHash('sha256').update(bytes).digest('hex');

export const png = (field: string, name = 'foto.png'): FilePart => ({
  field,
  bytes: tinyPng(),
  name,
  type: 'image/png',
});

// ── Database ────────────────────────────────────────────────────────────────────────────────────

/** The ticket a reference belongs to, with its submission. */
export async function ticketOf(db: Kysely<Database>, reference: string) {
  const submission = await db
    .selectFrom('ticket_submissions')
    .selectAll()
    .where('reference', '=', reference)
    .executeTakeFirstOrThrow();
  const ticket = await db
    .selectFrom('tickets')
    .selectAll()
    .where('id', '=', submission.ticket_id)
    .executeTakeFirstOrThrow();
  return { ticket, submission };
}

export async function countRows(db: Kysely<Database>, table: keyof Database): Promise<number> {
  const row = await db
    .selectFrom(table)
    .select((eb) => eb.fn.countAll<number>().as('n'))
    .executeTakeFirstOrThrow();
  return Number(row.n);
}

// ── Assertions shared by the ticket tests ───────────────────────────────────────────────────────

/** Every file under `${dataDir}/attachments`, as paths relative to it. */
/** The names of every stored attachment, from wherever this deployment keeps them. */
export async function storedFiles(deps: Pick<DomainDeps, 'attachments'>): Promise<string[]> {
  const names: string[] = [];
  for await (const file of deps.attachments.list()) names.push(file.storedName);
  return names.sort();
}

/** The stored bytes of an attachment, from wherever this deployment keeps them. */
export async function readStored(
  deps: Pick<DomainDeps, 'attachments'>,
  storedName: string,
): Promise<Uint8Array> {
  const bytes = await deps.attachments.get(storedName);
  if (!bytes) throw new Error(`no stored attachment ${storedName}`);
  return new Uint8Array(bytes);
}

/**
 * The stored file is what its row says (size, checksum), a PDF exactly as sent, an image a
 * picture of the same format and size written anew (decision: uploads are re-encoded).
 */
export async function expectStoredFile(
  deps: Pick<DomainDeps, 'attachments'>,
  row: { stored_name: string; content_type: string; size: number; sha256: string },
  sent: Uint8Array,
): Promise<Uint8Array> {
  const stored = await readStored(deps, row.stored_name);
  expect(row.size).toBe(stored.length);
  expect(row.sha256).toBe(sha256Hex(stored));
  if (row.content_type === 'application/pdf') {
    expect(stored).toEqual(sent);
  } else {
    const [was, is] = await Promise.all([
      sharp(Buffer.from(sent)).metadata(),
      sharp(Buffer.from(stored)).metadata(),
    ]);
    expect([is.format, is.width, is.height]).toEqual([was.format, was.width, was.height]);
    expect(`image/${is.format}`).toBe(row.content_type);
  }
  return stored;
}

/** A 201 with exactly the receipt keys (plus `objection_count` for a sanggahan). */
export async function expectReceipt(res: Response, prefix: 'USL' | 'SGH' | 'ADU'): Promise<Receipt201> {
  const text = await res.text();
  expect(res.status, text).toBe(201);
  const body = JSON.parse(text) as Receipt201;
  const keys = ['due_date', 'reference', 'status', 'tracking_code'];
  if (prefix === 'SGH') keys.push('objection_count');
  expect(Object.keys(body).sort()).toEqual(keys.sort());
  expect(body.reference).toMatch(REFERENCE_RE);
  expect(body.reference.startsWith(`${prefix}-`)).toBe(true);
  expect(body.tracking_code).toMatch(
    /^[23456789ABCDEFGHJKMNPQRSTVWXYZ]{5}-[23456789ABCDEFGHJKMNPQRSTVWXYZ]{5}$/,
  );
  expect(body.due_date).toMatch(/^\d{4}-\d{2}-\d{2}$/);
  return body;
}

/** A 4xx (never a 5xx) with `error.code`, naming `field` when one is given. */
export async function expectError(res: Response, status: number, field?: string): Promise<ApiError['error']> {
  const text = await res.text();
  expect(res.status, text).toBe(status);
  const body = JSON.parse(text) as ApiError;
  expect(body.error.code).toEqual(expect.any(String));
  expect(body.error.message).toEqual(expect.any(String));
  if (field !== undefined) {
    expect(body.error.field, text).toBe(field);
    expect(body.error.fields?.[field]).toEqual(expect.any(String));
  }
  return body.error;
}

/** The tracking code appears in no column of any ticket table (with or without its dash). */
export async function expectCodeNotStored(db: Kysely<Database>, code: string) {
  const compact = code.replace('-', '');
  for (const table of ['ticket_submissions', 'tickets', 'ticket_events', 'ticket_attachments', 'outbox']) {
    const columns = (await db.introspection.getTables()).find((t) => t.name === table)?.columns ?? [];
    expect(columns.length).toBeGreaterThan(0);
    // Codes hold neither % nor _, so LIKE reads them literally on both engines.
    const anyColumn = sql.join(
      columns.map(
        (c) =>
          sql`CAST(${sql.ref(c.name)} AS TEXT) LIKE ${`%${code}%`} OR CAST(${sql.ref(c.name)} AS TEXT) LIKE ${`%${compact}%`}`,
      ),
      sql` OR `,
    );
    const found = await sql<{
      n: number;
    }>`SELECT count(*) AS n FROM ${sql.table(table)} WHERE ${anyColumn}`.execute(db);
    expect(Number(found.rows[0]?.n), `${table} holds the tracking code`).toBe(0);
  }
}
