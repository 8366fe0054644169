// Files a hostile (or unlucky) resident uploads, made here rather than kept as binaries: a cut
// JPEG, four bytes that claim to be one, a small PNG that decodes to 400 megapixels, a JPEG with a
// script in a comment, PDFs with active content (plain, with a #xx-escaped name, compressed), and
// a photo carrying its GPS position.
import { createDeflate, deflateSync } from 'node:zlib';
import sharp from 'sharp';
import { pngChunk } from './ticket-fixtures.ts';

/** A real photo-like JPEG (noise does not compress, so its scan data is long enough to cut). */
export async function noiseJpeg(width = 64, height = 48): Promise<Uint8Array> {
  const pixels = Buffer.alloc(width * height * 3);
  for (let i = 0; i < pixels.length; i++) pixels[i] = (i * 7919) % 251;
  return new Uint8Array(
    await sharp(pixels, { raw: { width, height, channels: 3 } })
      .jpeg({ quality: 90 })
      .toBuffer(),
  );
}

/** The first 60% of a real JPEG: what a dropped connection or a half-copied file leaves. */
export async function truncatedJpeg(): Promise<Uint8Array> {
  const whole = await noiseJpeg();
  return whole.subarray(0, Math.floor(whole.length * 0.6));
}

/** Four bytes that open like a JPEG and are nothing else. */
export const fourByteJpeg = (): Uint8Array => new Uint8Array([0xff, 0xd8, 0xff, 0xe0]);

/** A valid 20000×20000 grey PNG of a few hundred KB: 400 megapixels once decoded. */
export async function pixelBombPng(side = 20_000): Promise<Uint8Array> {
  const ihdr = Buffer.alloc(13);
  ihdr.writeUInt32BE(side, 0);
  ihdr.writeUInt32BE(side, 4);
  ihdr[8] = 8; // bit depth
  ihdr[9] = 0; // greyscale
  const deflate = createDeflate({ level: 9 });
  const parts: Buffer[] = [];
  deflate.on('data', (b: Buffer) => parts.push(b));
  const done = new Promise((resolve) => deflate.on('end', resolve));
  const row = Buffer.alloc(side + 1); // filter byte 0 and black pixels
  for (let y = 0; y < side; y++) {
    if (!deflate.write(row)) await new Promise((resolve) => deflate.once('drain', resolve));
  }
  deflate.end();
  await done;
  return new Uint8Array(
    Buffer.concat([
      Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]),
      pngChunk('IHDR', ihdr),
      pngChunk('IDAT', Buffer.concat(parts)),
      pngChunk('IEND', new Uint8Array()),
    ]),
  );
}

export const SCRIPT = '<script>alert(document.cookie)</script>';

/** A real JPEG with a COM segment holding a script, right after its start marker. */
export async function jpegWithScriptComment(): Promise<Uint8Array> {
  const jpeg = Buffer.from(await noiseJpeg(16, 16));
  const text = Buffer.from(SCRIPT, 'latin1');
  const length = Buffer.alloc(2);
  length.writeUInt16BE(text.length + 2);
  return new Uint8Array(
    Buffer.concat([jpeg.subarray(0, 2), Buffer.from([0xff, 0xfe]), length, text, jpeg.subarray(2)]),
  );
}

/** Kedungkandang, Malang: where the photo was taken, in the EXIF GPS block (IFD3). */
export const GPS = { latitude: '7/1 58/1 3/1', longitude: '112/1 39/1 55/1' };

/** A JPEG photo carrying its GPS position, as a phone writes it. */
export async function gpsTaggedJpeg(): Promise<Uint8Array> {
  return new Uint8Array(
    await sharp(Buffer.from(await noiseJpeg(32, 24)))
      .withExif({
        IFD0: { Make: 'Phone', Model: 'Camera' },
        IFD3: {
          GPSLatitudeRef: 'S',
          GPSLatitude: GPS.latitude,
          GPSLongitudeRef: 'E',
          GPSLongitude: GPS.longitude,
        },
      })
      .jpeg()
      .toBuffer(),
  );
}

function pdf(objects: string[]): Uint8Array {
  const body = objects.map((o, i) => `${i + 1} 0 obj\n${o}\nendobj\n`).join('');
  return new TextEncoder().encode(`%PDF-1.7\n${body}trailer\n<</Root 1 0 R>>\n%%EOF\n`);
}

const PAGES = ['<</Type/Pages/Kids[3 0 R]/Count 1>>', '<</Type/Page/Parent 2 0 R/MediaBox[0 0 10 10]>>'];

/** Opens with a script: /OpenAction → /JavaScript. */
export const pdfWithJavaScript = (): Uint8Array =>
  pdf(['<</Type/Catalog/Pages 2 0 R/OpenAction 4 0 R>>', ...PAGES, '<</S/JavaScript/JS(app.alert(1))>>']);

/** The same script with its names spelt in #xx escapes, which a viewer reads as /JavaScript, /JS. */
export const pdfWithEscapedJavaScript = (): Uint8Array =>
  pdf(['<</Type/Catalog/Pages 2 0 R/Names 4 0 R>>', ...PAGES, '<</S/J#61vaScript/J#53(app.alert(1))>>']);

/** The script inside a Flate-compressed object stream, invisible to a scan of the raw bytes. */
export function pdfWithCompressedJavaScript(): Uint8Array {
  const hidden = deflateSync(Buffer.from('4 0 <</S/JavaScript/JS(app.alert(1))>>', 'latin1'));
  const head = Buffer.from(
    `%PDF-1.7\n1 0 obj\n<</Type/Catalog/Pages 2 0 R/OpenAction 4 0 R>>\nendobj\n2 0 obj\n${PAGES[0]}\nendobj\n3 0 obj\n${PAGES[1]}\nendobj\n5 0 obj\n<</Type/ObjStm/N 1/First 4/Filter/FlateDecode/Length ${hidden.length}>>\nstream\n`,
    'latin1',
  );
  const tail = Buffer.from('\nendstream\nendobj\ntrailer\n<</Root 1 0 R>>\n%%EOF\n', 'latin1');
  return new Uint8Array(Buffer.concat([head, hidden, tail]));
}

/** Starts like a PDF and stops: no cross-reference, no end-of-file marker. */
export const truncatedPdf = (): Uint8Array =>
  new TextEncoder().encode('%PDF-1.7\n1 0 obj\n<</Type/Catalog/Pages 2 0 R>>\nendobj\n2 0 obj\n<</Ty');
