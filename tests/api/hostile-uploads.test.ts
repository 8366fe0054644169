// Issue 8.5: uploads are not trusted on their first bytes. Over multipart on /api/v1/aduan: a cut
// JPEG, a four-byte "JPEG", a 389 KB PNG of 400 megapixels and PDFs with active content are
// refused by their field with a clear message (nothing stored, no ticket); a JPEG with a script in
// a comment and a photo with its GPS position are stored written anew, without either.

import sharp from 'sharp';
import { describe, expect, it } from 'vitest';
import {
  fourByteJpeg,
  gpsTaggedJpeg,
  jpegWithScriptComment,
  pdfWithCompressedJavaScript,
  pdfWithEscapedJavaScript,
  pdfWithJavaScript,
  pixelBombPng,
  truncatedJpeg,
  truncatedPdf,
} from '../support/hostile-files.ts';
import { useTestApp } from '../support/test-app.ts';
import {
  aduanBody,
  countRows,
  expectError,
  expectReceipt,
  postMultipart,
  readStored,
  storedFiles,
  ticketOf,
} from '../support/ticket-fixtures.ts';

const ctx = useTestApp();

const send = (bytes: Uint8Array, name: string, type: string, headers: Record<string, string> = {}) =>
  postMultipart(ctx.app, '/api/v1/aduan', aduanBody(), [{ field: 'lampiran_1', bytes, name, type }], headers);

const MESSAGES = {
  image_unreadable: 'Foto tidak dapat dibuka: berkasnya rusak atau tidak lengkap.',
  image_too_many_pixels: 'Ukuran gambar terlalu besar (lebih dari 40 megapiksel',
  pdf_active_content: 'PDF ini berisi skrip, tindakan otomatis, formulir atau berkas sisipan',
  pdf_unreadable: 'PDF tidak dapat dibaca',
} as const;

describe('files that only look like what they claim are refused by their field', () => {
  it.each([
    ['a truncated JPEG', truncatedJpeg, 'foto.jpg', 'image/jpeg', 'image_unreadable'],
    ['a four-byte "JPEG"', async () => fourByteJpeg(), 'foto.jpg', 'image/jpeg', 'image_unreadable'],
    ['a 20000×20000 PNG of 389 KB', () => pixelBombPng(), 'denah.png', 'image/png', 'image_too_many_pixels'],
    [
      'a PDF with /JavaScript',
      async () => pdfWithJavaScript(),
      'surat.pdf',
      'application/pdf',
      'pdf_active_content',
    ],
    [
      'a PDF with /J#61vaScript',
      async () => pdfWithEscapedJavaScript(),
      'surat.pdf',
      'application/pdf',
      'pdf_active_content',
    ],
    [
      'a PDF with JavaScript in a compressed object stream',
      async () => pdfWithCompressedJavaScript(),
      'surat.pdf',
      'application/pdf',
      'pdf_active_content',
    ],
    ['a PDF cut short', async () => truncatedPdf(), 'surat.pdf', 'application/pdf', 'pdf_unreadable'],
  ] as const)('%s: 422 naming lampiran_1, nothing stored', async (_name, make, name, type, rule) => {
    const bytes = await make();
    const before = {
      files: await storedFiles(ctx.env.deps),
      tickets: await countRows(ctx.env.db, 'tickets'),
    };
    const err = await expectError(await send(bytes, name, type), 422, 'lampiran_1');
    expect(err.code).toBe('validation_failed');
    expect(err.fields?.lampiran_1).toContain(MESSAGES[rule]);
    expect(await storedFiles(ctx.env.deps)).toEqual(before.files);
    expect(await countRows(ctx.env.db, 'tickets')).toBe(before.tickets);
  });

  it('says it in English when English is chosen', async () => {
    const err = await expectError(
      await send(await truncatedJpeg(), 'photo.jpg', 'image/jpeg', { 'accept-language': 'en' }),
      422,
      'lampiran_1',
    );
    expect(err.fields?.lampiran_1).toBe(
      'The photo cannot be opened: the file is damaged or incomplete. Save it again or take a new photo, then choose it again.',
    );
  });
});

async function storedOf(reference: string): Promise<Uint8Array> {
  const { ticket } = await ticketOf(ctx.env.db, reference);
  const row = await ctx.env.db
    .selectFrom('ticket_attachments')
    .selectAll()
    .where('ticket_id', '=', ticket.id)
    .executeTakeFirstOrThrow();
  return readStored(ctx.env.deps, row.stored_name);
}

describe('accepted pictures are stored written anew, without what rode along', () => {
  it('a JPEG with <script> in a comment: stored without it', async () => {
    const sent = await jpegWithScriptComment();
    const receipt = await expectReceipt(await send(sent, 'foto.jpg', 'image/jpeg'), 'ADU');
    const stored = await storedOf(receipt.reference);
    expect(Buffer.from(stored).toString('latin1')).not.toContain('<script');
    expect((await sharp(Buffer.from(stored)).metadata()).format).toBe('jpeg');
  });

  it('a photo with its GPS position: stored without EXIF, and not byte-identical', async () => {
    const sent = await gpsTaggedJpeg();
    // The upload does carry the position: its EXIF points to a GPS block (tag 0x8825).
    const exif = (await sharp(Buffer.from(sent)).metadata()).exif as Buffer;
    expect(exif.includes(Buffer.from([0x88, 0x25])) || exif.includes(Buffer.from([0x25, 0x88]))).toBe(true);
    const receipt = await expectReceipt(await send(sent, 'rumah.jpg', 'image/jpeg'), 'ADU');
    const stored = await storedOf(receipt.reference);
    expect(Buffer.from(stored).equals(Buffer.from(sent))).toBe(false);
    const meta = await sharp(Buffer.from(stored)).metadata();
    expect(meta.exif).toBeUndefined();
    expect([meta.width, meta.height]).toEqual([32, 24]);
    expect(Buffer.from(stored).includes(Buffer.from('Exif\0\0', 'latin1'))).toBe(false);
  });
});
