import { createHash } from 'node:crypto';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { deflateSync } from 'node:zlib';
import sharp from 'sharp';
import { afterAll, describe, expect, it } from 'vitest';
import {
  attachmentPath,
  inspectAttachment,
  MAX_ATTACHMENT_BYTES,
  pdfNames,
  removeStoredAttachment,
  STORED_IMAGE_SIDE,
  storeAttachment,
} from '../../src/domain/tickets/attachments.ts';
import {
  fourByteJpeg,
  gpsTaggedJpeg,
  jpegWithScriptComment,
  pdfWithCompressedJavaScript,
  pdfWithEscapedJavaScript,
  pdfWithJavaScript,
  pixelBombPng,
  SCRIPT,
  truncatedJpeg,
  truncatedPdf,
} from '../support/hostile-files.ts';
import { pngChunk } from '../support/ticket-fixtures.ts';

// A 1×1 grey PNG, built chunk by chunk so its checksums are real.
const png = Buffer.concat([
  Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]),
  pngChunk('IHDR', Buffer.from([0, 0, 0, 1, 0, 0, 0, 1, 8, 0, 0, 0, 0])),
  pngChunk('IDAT', deflateSync(Buffer.from([0, 0x80]))),
  pngChunk('IEND', Buffer.alloc(0)),
]);
// A 1×1 grey baseline JPEG (made by sharp).
const jpeg = Buffer.from(
  '/9j/2wBDABALDA4MChAODQ4SERATGCgaGBYWGDEjJR0oOjM9PDkzODdASFxOQERXRTc4UG1RV19iZ2hnPk1xeXBkeFxlZ2P/2wBDARESEhgVGC8aGi9jQjhCY2NjY2NjY2NjY2NjY2NjY2NjY2NjY2NjY2NjY2NjY2NjY2NjY2NjY2NjY2NjY2NjY2P/wAARCAABAAEDASIAAhEBAxEB/8QAFAABAAAAAAAAAAAAAAAAAAAAAP/EABQQAQAAAAAAAAAAAAAAAAAAAAD/xAAUAQEAAAAAAAAAAAAAAAAAAAAA/8QAFBEBAAAAAAAAAAAAAAAAAAAAAP/aAAwDAQACEQMRAD8AAA//2Q==',
  'base64',
);
// A 1×1 lossless WebP.
const webp = Buffer.from('UklGRhoAAABXRUJQVlA4TA0AAAAvAAAAEAcQERGIiP4HAA==', 'base64');
const pdf = Buffer.from(
  '%PDF-1.4\n1 0 obj << /Type /Catalog /Pages 2 0 R >> endobj\n2 0 obj << /Type /Pages /Kids [] /Count 0 >> endobj\ntrailer << /Root 1 0 R >>\n%%EOF\n',
  'latin1',
);

const gif = Buffer.concat([
  Buffer.from('GIF89a', 'latin1'),
  Buffer.from([
    1, 0, 1, 0, 0x80, 0, 0, 0, 0, 0, 0xff, 0xff, 0xff, 0x2c, 0, 0, 0, 0, 1, 0, 1, 0, 0, 2, 2, 0x44, 1, 0,
    0x3b,
  ]),
]);
const htmlNamedJpg = Buffer.from(
  '<!doctype html><html><body><script>alert(1)</script></body></html>',
  'utf8',
);
const exe = Buffer.concat([Buffer.from('MZ', 'latin1'), Buffer.alloc(126)]);
const text = Buffer.from('Bantuan belum cair sejak Maret.\n', 'utf8');
const svg = Buffer.from(
  '<svg xmlns="http://www.w3.org/2000/svg"><script>alert(document.cookie)</script></svg>',
  'utf8',
);

describe('inspectAttachment', () => {
  it.each([
    ['PNG', png, 'image/png', 'png'],
    ['JPEG', jpeg, 'image/jpeg', 'jpg'],
    ['WebP', webp, 'image/webp', 'webp'],
    ['PDF', pdf, 'application/pdf', 'pdf'],
  ])('accepts a %s by its content', async (_name, bytes, contentType, extension) => {
    const result = await inspectAttachment(bytes);
    expect(result).toMatchObject({ ok: true, value: { contentType, extension } });
    if (!result.ok) return;
    expect(result.value.size).toBe(result.value.bytes.length);
    // Images are written anew; a PDF is kept as sent.
    if (contentType === 'application/pdf') expect(Buffer.from(result.value.bytes)).toEqual(bytes);
  });

  it.each([
    ['a GIF', gif],
    ['an HTML page named .jpg', htmlNamedJpg],
    ['a Windows executable', exe],
    ['a text file', text],
    ['an SVG with a script', svg],
  ])('refuses %s', async (_name, bytes) => {
    expect(await inspectAttachment(bytes)).toEqual({ ok: false, rule: 'type_refused' });
  });

  it('refuses an empty file', async () => {
    expect(await inspectAttachment(new Uint8Array())).toEqual({ ok: false, rule: 'empty' });
  });

  it('accepts exactly 5 MB and refuses one byte more', async () => {
    // The PDF with a long comment after its header: still whole, its trailer at the end.
    const padded = (size: number) => {
      const head = Buffer.from('%PDF-1.4\n%', 'latin1');
      const rest = pdf.subarray('%PDF-1.4\n'.length);
      return Buffer.concat([head, Buffer.alloc(size - head.length - rest.length, 0x20), rest]);
    };
    expect((await inspectAttachment(padded(MAX_ATTACHMENT_BYTES))).ok).toBe(true);
    expect(await inspectAttachment(padded(MAX_ATTACHMENT_BYTES + 1))).toEqual({
      ok: false,
      rule: 'too_large',
    });
  });
});

describe('inspectAttachment: files that only look right (issue 8.5)', () => {
  it.each([
    ['a truncated JPEG', truncatedJpeg, 'image_unreadable'],
    ['four bytes that open like a JPEG', async () => fourByteJpeg(), 'image_unreadable'],
    ['a 389 KB PNG of 20000×20000 pixels', () => pixelBombPng(), 'image_too_many_pixels'],
    ['a PDF that runs JavaScript when opened', async () => pdfWithJavaScript(), 'pdf_active_content'],
    ['a PDF with #xx-escaped /J#61vaScript', async () => pdfWithEscapedJavaScript(), 'pdf_active_content'],
    [
      'a PDF hiding JavaScript in a compressed object stream',
      async () => pdfWithCompressedJavaScript(),
      'pdf_active_content',
    ],
    ['a PDF cut short', async () => truncatedPdf(), 'pdf_unreadable'],
  ])('refuses %s', async (_name, make, rule) => {
    expect(await inspectAttachment(await make())).toEqual({ ok: false, rule });
  });

  it('writes a JPEG anew without the script in its comment', async () => {
    const sent = await jpegWithScriptComment();
    expect(Buffer.from(sent).toString('latin1')).toContain(SCRIPT);
    const result = await inspectAttachment(sent);
    if (!result.ok) throw new Error(`refused: ${result.rule}`);
    expect(Buffer.from(result.value.bytes).toString('latin1')).not.toContain('<script');
    expect((await sharp(Buffer.from(result.value.bytes)).metadata()).format).toBe('jpeg');
  });

  it('drops the EXIF block with the GPS position, and keeps the picture', async () => {
    const sent = await gpsTaggedJpeg();
    expect((await sharp(Buffer.from(sent)).metadata()).exif).toBeDefined();
    const result = await inspectAttachment(sent);
    if (!result.ok) throw new Error(`refused: ${result.rule}`);
    const kept = await sharp(Buffer.from(result.value.bytes)).metadata();
    expect(kept.exif).toBeUndefined();
    expect([kept.width, kept.height]).toEqual([32, 24]);
    expect(Buffer.from(result.value.bytes).includes(Buffer.from('Exif\0\0', 'latin1'))).toBe(false);
  });

  it('turns a photo upright by its EXIF orientation before dropping the tag', async () => {
    // 40×20 stored, orientation 6 (rotate 90° clockwise to view): upright it is 20×40.
    const sideways = await sharp({ create: { width: 40, height: 20, channels: 3, background: '#c00' } })
      .withMetadata({ orientation: 6 })
      .jpeg()
      .toBuffer();
    const result = await inspectAttachment(new Uint8Array(sideways));
    if (!result.ok) throw new Error(`refused: ${result.rule}`);
    const kept = await sharp(Buffer.from(result.value.bytes)).metadata();
    expect([kept.width, kept.height, kept.orientation]).toEqual([20, 40, undefined]);
  });

  it('shrinks a large photo to fit 4096 pixels', async () => {
    const big = await sharp({ create: { width: 5000, height: 100, channels: 3, background: '#08f' } })
      .png()
      .toBuffer();
    const result = await inspectAttachment(new Uint8Array(big));
    if (!result.ok) throw new Error(`refused: ${result.rule}`);
    const kept = await sharp(Buffer.from(result.value.bytes)).metadata();
    expect([kept.format, kept.width]).toEqual(['png', STORED_IMAGE_SIDE]);
  });
});

describe('pdfNames', () => {
  it('reads #xx escapes in names as the bytes they spell', () => {
    expect(pdfNames('<</S/J#61vaScript/J#53(x)/Open#41ction 4 0 R/AA<<>>>>')).toEqual(
      new Set(['S', 'JavaScript', 'JS', 'OpenAction', 'AA']),
    );
  });

  it('does not take part of a longer name for an active one', () => {
    expect(pdfNames('/JSON /AAA /Launcher')).toEqual(new Set(['JSON', 'AAA', 'Launcher']));
  });
});

describe('storeAttachment', () => {
  const dataDir = mkdtempSync(path.join(tmpdir(), 'cek-bansos-attachments-'));
  afterAll(() => rmSync(dataDir, { recursive: true, force: true }));
  const now = new Date('2026-03-09T23:30:00Z');

  it('writes under a server-made name by month, with its checksum', async () => {
    const stored = await storeAttachment(dataDir, png, 'png', now);
    expect(stored.relativePath).toMatch(
      /^2026\/03\/[0-9a-f]{8}-[0-9a-f]{4}-4[0-9a-f]{3}-[0-9a-f]{4}-[0-9a-f]{12}\.png$/,
    );
    expect(stored.relativePath.endsWith(stored.storedName)).toBe(true);
    expect(stored.size).toBe(png.length);
    expect(stored.sha256).toBe(createHash('sha256').update(png).digest('hex'));
    const full = attachmentPath(dataDir, stored.relativePath);
    expect(full).toBe(path.join(dataDir, 'attachments', stored.relativePath));
    expect(readFileSync(full)).toEqual(png);
  });

  it('never reuses a name', async () => {
    const a = await storeAttachment(dataDir, pdf, 'pdf', now);
    const b = await storeAttachment(dataDir, pdf, 'pdf', now);
    expect(a.storedName).not.toBe(b.storedName);
    expect(a.sha256).toBe(b.sha256);
  });

  it('refuses an extension it did not choose', async () => {
    await expect(storeAttachment(dataDir, png, '../../x', now)).rejects.toThrow();
    await expect(storeAttachment(dataDir, png, 'html', now)).rejects.toThrow();
  });

  it('removes a stored file, and a missing one is no error', async () => {
    const stored = await storeAttachment(dataDir, jpeg, 'jpg', now);
    await removeStoredAttachment(dataDir, stored.relativePath);
    expect(() => readFileSync(attachmentPath(dataDir, stored.relativePath))).toThrow();
    await expect(removeStoredAttachment(dataDir, stored.relativePath)).resolves.toBeUndefined();
  });
});

describe('attachmentPath', () => {
  it('refuses any path that leaves the attachments directory', async () => {
    for (const outside of [
      '../secret.key',
      '../../etc/passwd',
      '/etc/passwd',
      '2026/../../secret.key',
      '',
      '.',
      'a\0b',
    ]) {
      expect(() => attachmentPath('/data', outside), outside).toThrow();
    }
    await expect(removeStoredAttachment('/data', '../secret.key')).rejects.toThrow();
    expect(attachmentPath('/data', '2026/03/x.png')).toBe('/data/attachments/2026/03/x.png');
  });
});
