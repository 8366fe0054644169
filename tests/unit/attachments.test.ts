import { createHash } from 'node:crypto';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { crc32, deflateSync } from 'node:zlib';
import { afterAll, describe, expect, it } from 'vitest';
import {
  attachmentPath,
  inspectAttachment,
  MAX_ATTACHMENT_BYTES,
  removeStoredAttachment,
  storeAttachment,
} from '../../src/domain/tickets/attachments.ts';

function pngChunk(type: string, data: Buffer): Buffer {
  const length = Buffer.alloc(4);
  length.writeUInt32BE(data.length);
  const body = Buffer.concat([Buffer.from(type, 'latin1'), data]);
  const crc = Buffer.alloc(4);
  crc.writeUInt32BE(crc32(body));
  return Buffer.concat([length, body, crc]);
}

// A 1×1 grey PNG, built chunk by chunk so its checksums are real.
const png = Buffer.concat([
  Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]),
  pngChunk('IHDR', Buffer.from([0, 0, 0, 1, 0, 0, 0, 1, 8, 0, 0, 0, 0])),
  pngChunk('IDAT', deflateSync(Buffer.from([0, 0x80]))),
  pngChunk('IEND', Buffer.alloc(0)),
]);
// SOI, a JFIF APP0 segment, EOI.
const jpeg = Buffer.from([
  0xff, 0xd8, 0xff, 0xe0, 0x00, 0x10, 0x4a, 0x46, 0x49, 0x46, 0x00, 0x01, 0x01, 0x00, 0x00, 0x01, 0x00, 0x01,
  0x00, 0x00, 0xff, 0xd9,
]);
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
    expect(await inspectAttachment(bytes)).toEqual({
      ok: true,
      value: { contentType, extension, size: bytes.length },
    });
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
    const exact = Buffer.alloc(MAX_ATTACHMENT_BYTES);
    pdf.copy(exact);
    expect((await inspectAttachment(exact)).ok).toBe(true);
    const over = Buffer.alloc(MAX_ATTACHMENT_BYTES + 1);
    pdf.copy(over);
    expect(await inspectAttachment(over)).toEqual({ ok: false, rule: 'too_large' });
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
