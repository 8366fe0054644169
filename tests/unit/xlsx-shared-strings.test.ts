// The shared-strings table of an .xlsx as the reader holds it (issue 21): text in blocks, not a
// JS string per cell, refused past its limit; a run of text longer than Excel could write is
// refused before the XML parser holds it. What a string is: its `<t>` texts joined, runs and all,
// without the phonetic guide, cut to the cell limit.
import { Readable } from 'node:stream';
import { describe, expect, it } from 'vitest';
import { readSharedStrings, SharedStrings } from '../../src/domain/import/shared-strings.ts';
import { LIMITS } from '../../src/domain/import/table-file.ts';

const MAIN = 'http://schemas.openxmlformats.org/spreadsheetml/2006/main';

/** The XML as an unpacked part arrives: in chunks of `size` bytes, cut anywhere. */
function partOf(xml: string, size = 7): Readable {
  const bytes = Buffer.from(xml, 'utf8');
  const chunks: Buffer[] = [];
  for (let at = 0; at < bytes.length; at += size) chunks.push(bytes.subarray(at, at + size));
  return Readable.from(chunks);
}

function* bytesOf(texts: Iterable<string>): Generator<Buffer> {
  for (const text of texts) yield Buffer.from(text);
}

describe('the shared strings of a workbook', () => {
  it('are read as Excel shows them, whatever the chunks cut', async () => {
    const long = 'A'.repeat(LIMITS.maxCellChars + 50);
    const xml =
      `<?xml version="1.0" encoding="UTF-8"?><sst xmlns="${MAIN}" count="6">` +
      '<si><t>SITI AMINAH</t></si>' +
      '<si>\n  <r><rPr><b/></rPr><t xml:space="preserve">NUR’</t></r>\n  <r><t>AINI &amp; &lt;b&gt;</t></r>' +
      '\n  <rPh sb="0" eb="1"><t>yomi</t></rPh>\n</si>' +
      '<si/><si><t/></si>' +
      '<si><t>ناصر Siti 王 &#x1F600;</t></si>' +
      `<si><t>${long}</t></si>` +
      '</sst>';
    for (const size of [1, 3, 7, 4096]) {
      const strings = await readSharedStrings(partOf(xml, size));
      expect(strings.size).toBe(6);
      expect([0, 1, 2, 3, 4].map((i) => strings.get(i))).toEqual([
        'SITI AMINAH',
        'NUR’AINI & <b>',
        '',
        '',
        'ناصر Siti 王 😀',
      ]);
      expect(strings.get(5)).toBe(long.slice(0, LIMITS.maxCellChars));
      expect([strings.get(6), strings.get(-1), strings.get(1.5)]).toEqual(['', '', '']);
    }
  });

  it('hold about their text, not a JS string each: a million names in under 30 MB', () => {
    const strings = new SharedStrings();
    for (let i = 0; i < 1_000_000; i++) strings.push(`WARGA NOMOR ${i}`);
    expect(strings.get(999_999)).toBe('WARGA NOMOR 999999');
    expect(strings.heldBytes).toBeLessThan(30 * 1024 ** 2);
  });

  it('are refused once they would hold more than the limit', async () => {
    const many = function* () {
      yield `<sst xmlns="${MAIN}">`;
      for (let i = 0; i < 200_000; i++) yield `<si><t>JL. MELATI NO. ${i} RT 003/RW 004 DSN. KRAJAN</t></si>`;
      yield '</sst>';
    };
    await expect(readSharedStrings(Readable.from(bytesOf(many())), 4 * 1024 ** 2)).rejects.toMatchObject({
      name: 'FileRefused',
      reason: 'shared_strings_too_large',
    });
    // The same table within a limit it fits.
    expect((await readSharedStrings(Readable.from(bytesOf(many())), 32 * 1024 ** 2)).size).toBe(200_000);
  });

  it('refuse a text longer than Excel could write before the XML parser holds it', async () => {
    const noise = function* () {
      yield `<sst xmlns="${MAIN}"><si><t>`;
      for (let i = 0; i < 40; i++) yield 'x'.repeat(64 * 1024);
      yield '</t></si></sst>';
    };
    await expect(readSharedStrings(Readable.from(bytesOf(noise())))).rejects.toMatchObject({
      name: 'FileRefused',
      reason: 'shared_strings_too_large',
    });
  });

  it('refuse XML that is not well formed as unreadable', async () => {
    await expect(readSharedStrings(partOf(`<sst xmlns="${MAIN}"><si><t>A</x></si>`))).rejects.toMatchObject({
      name: 'FileRefused',
      reason: 'xlsx_unreadable',
    });
  });
});
