// Rewrites of an .xlsx part's XML as it streams, for what exceljs's parsers misread. Each works
// on the bytes as latin1 text, which maps bytes to characters one to one, so UTF-8 passes
// through unchanged; each holds back the end of a chunk that could be the start of what it
// rewrites, until the next chunk arrives.
import { Transform } from 'node:stream';
import { FileRefused } from './table-file.ts';

const ROOT_TAG = /<(?![?!/])(?:([A-Za-z_][\w.-]*):)?[A-Za-z_][\w.-]*[\s/>]/;

/**
 * Some writers (the .NET Open XML SDK among them) bind SpreadsheetML to a prefix and write
 * `<x:row>`. exceljs's parsers know only unprefixed names: they read such a workbook as
 * unreadable and such a sheet as empty. This drops the root element's own prefix from every tag
 * as the part streams by; other prefixes (`r:`, `mc:`) and unprefixed parts pass unchanged.
 */
export function withoutRootPrefix(): Transform {
  /** undefined until the root element is seen; then its prefix, or null for none. */
  let prefix: string | null | undefined;
  let tag: RegExp | undefined;
  let carry = '';
  const rewrite = (text: string) => (tag ? text.replace(tag, '<$1') : text);
  return new Transform({
    transform(chunk: Buffer, _encoding, done) {
      const text = carry + chunk.toString('latin1');
      carry = '';
      if (prefix === undefined) {
        const root = ROOT_TAG.exec(text);
        if (!root && text.length < 64 * 1024) {
          carry = text;
          return done();
        }
        prefix = root?.[1] ?? null;
        if (prefix) tag = new RegExp(`<(/?)${prefix.replace(/[.-]/g, '\\$&')}:`, 'g');
      }
      if (!tag) return done(null, Buffer.from(text, 'latin1'));
      // A tag cut by the chunk's end waits for the next chunk.
      const last = text.lastIndexOf('<');
      const cut = last >= 0 && text.length - last < (prefix as string).length + 3 ? last : text.length;
      carry = text.slice(cut);
      done(null, Buffer.from(rewrite(text.slice(0, cut)), 'latin1'));
    },
    flush(done) {
      done(null, Buffer.from(rewrite(carry), 'latin1'));
    },
  });
}

/** The most an unfinished inline string may hold back: Excel's own cell limit is 32,767 characters. */
const MAX_INLINE_STRING = 1024 * 1024;

/**
 * An inline string in runs (`<is><r><t>SI</t></r><r><t>TI</t></r></is>`, as openpyxl writes rich
 * text) becomes one run (`<is><t>SITI</t></is>`): exceljs's sheet reader keeps only the last run
 * and would read the name "SITI" as "TI". Phonetic guides (`<rPh>`) are left out.
 */
export function inlineStringsInOneRun(): Transform {
  let carry = '';
  return new Transform({
    transform(chunk: Buffer, _encoding, done) {
      const text = carry + chunk.toString('latin1');
      const cut = holdFrom(text);
      if (text.length - cut > MAX_INLINE_STRING) return done(new FileRefused('xlsx_unreadable'));
      carry = text.slice(cut);
      done(null, Buffer.from(joinRuns(text.slice(0, cut)), 'latin1'));
    },
    flush(done) {
      done(null, Buffer.from(joinRuns(carry), 'latin1'));
    },
  });
}

const INLINE_STRING = /<is>([\s\S]*?)<\/is>/g;
const TEXT_RUN = /<t(?:\s[^>]*)?>([\s\S]*?)<\/t>/g;
const PHONETIC = /<rPh[\s>][\s\S]*?<\/rPh>/g;

function joinRuns(xml: string): string {
  if (!xml.includes('<is>')) return xml;
  return xml.replace(INLINE_STRING, (whole, inner: string) => {
    if (!inner.includes('<r>') && !inner.includes('<r ')) return whole;
    const runs = [...inner.replace(PHONETIC, '').matchAll(TEXT_RUN)].map((run) => run[1]);
    return `<is><t xml:space="preserve">${runs.join('')}</t></is>`;
  });
}

/** Where the text stops being safe to rewrite: an inline string not yet closed, or a cut tag. */
function holdFrom(text: string): number {
  const open = text.lastIndexOf('<is>');
  if (open >= 0 && !text.includes('</is>', open)) return open;
  const last = text.lastIndexOf('<');
  return last >= 0 && text.length - last < 4 ? last : text.length;
}
