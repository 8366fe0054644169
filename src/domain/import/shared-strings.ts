// The shared-strings table of an .xlsx (xl/sharedStrings.xml: every text cell of the sheet names
// one of its strings by number), read before the sheet and held for the whole read. exceljs held it
// as an array of JS strings, each a slice keeping its parse chunk alive: a table that unpacks to
// 250 MB cost the server 410 MB. Here the text is kept as UTF-8 in 4 MiB blocks with an offset and
// a length per string, each string cut to the cell limit the reader applies anyway, and the whole
// is refused past LIMITS.maxSharedStringsHeld (decision 0022, "Memory").
import type { Readable } from 'node:stream';
import { SaxesParser } from 'saxes';
import { FileRefused, LIMITS } from './table-file.ts';

const BLOCK_BYTES = 4 * 1024 ** 2;
/** Strings per block of the index (an offset and a length each: 6 bytes). */
const INDEX_BLOCK = 65_536;
/**
 * The most XML between two tags. Excel's own cell limit is 32,767 characters; the XML parser holds
 * a whole text node (or tag) in memory before it reports it, so a longer run is not a list.
 */
const MAX_RUN_BYTES = 1024 * 1024;

export class SharedStrings {
  private readonly blocks: Buffer[] = [];
  private readonly starts: Uint32Array[] = [];
  private readonly lengths: Uint16Array[] = [];
  private used = BLOCK_BYTES;
  private count = 0;

  constructor(private readonly limit: number = LIMITS.maxSharedStringsHeld) {}

  get size(): number {
    return this.count;
  }

  /** The memory held: text blocks and index blocks, as allocated. */
  get heldBytes(): number {
    return this.blocks.length * BLOCK_BYTES + this.starts.length * INDEX_BLOCK * 6;
  }

  push(text: string): void {
    const cut = text.length > LIMITS.maxCellChars ? text.slice(0, LIMITS.maxCellChars) : text;
    if (this.count % INDEX_BLOCK === 0) {
      this.allow(INDEX_BLOCK * 6);
      this.starts.push(new Uint32Array(INDEX_BLOCK));
      this.lengths.push(new Uint16Array(INDEX_BLOCK));
    }
    // A UTF-16 unit is at most three bytes of UTF-8: the string surely fits what is left.
    if (this.used + cut.length * 3 > BLOCK_BYTES) {
      this.allow(BLOCK_BYTES);
      // allocUnsafe: a block's pages count in the resident memory only once text is written there.
      this.blocks.push(Buffer.allocUnsafe(BLOCK_BYTES));
      this.used = 0;
    }
    const block = this.blocks.length - 1;
    const written = cut === '' ? 0 : (this.blocks[block] as Buffer).write(cut, this.used, 'utf8');
    const slot = this.count % INDEX_BLOCK;
    const index = (this.count - slot) / INDEX_BLOCK;
    (this.starts[index] as Uint32Array)[slot] = block * BLOCK_BYTES + this.used;
    (this.lengths[index] as Uint16Array)[slot] = written;
    this.used += written;
    this.count++;
  }

  /** The string numbered `index`; '' for a number the table does not hold (as exceljs read it). */
  get(index: number): string {
    if (!Number.isInteger(index) || index < 0 || index >= this.count) return '';
    const slot = index % INDEX_BLOCK;
    const at = (index - slot) / INDEX_BLOCK;
    const start = (this.starts[at] as Uint32Array)[slot] as number;
    const length = (this.lengths[at] as Uint16Array)[slot] as number;
    if (length === 0) return '';
    const offset = start % BLOCK_BYTES;
    return (this.blocks[(start - offset) / BLOCK_BYTES] as Buffer).toString('utf8', offset, offset + length);
  }

  private allow(more: number) {
    if (this.heldBytes + more > this.limit) throw new FileRefused('shared_strings_too_large');
  }
}

/**
 * Reads the table from the part's XML (its root's namespace prefix already dropped). A string is
 * the text of the `<t>` elements of its `<si>`, in order, with its runs (`<r>`) joined and phonetic
 * guides (`<rPh>`) left out; each string's text is gathered only up to the cell limit.
 */
export async function readSharedStrings(xml: Readable, limit?: number): Promise<SharedStrings> {
  const strings = new SharedStrings(limit);
  const parser = new SaxesParser();
  let failure: Error | undefined;
  let inString = false;
  let inText = false;
  let phonetic = 0;
  let text = '';
  parser.on('error', (error) => {
    failure ??= error;
  });
  parser.on('opentag', (tag) => {
    if (tag.name === 'si') {
      inString = true;
      text = '';
    } else if (tag.name === 'rPh') phonetic++;
    else if (tag.name === 't') inText = true;
  });
  const take = (value: string) => {
    if (inString && inText && phonetic === 0 && text.length < LIMITS.maxCellChars) {
      text += value.slice(0, LIMITS.maxCellChars - text.length);
    }
  };
  parser.on('text', take);
  parser.on('cdata', take);
  parser.on('closetag', (tag) => {
    if (tag.name === 't') inText = false;
    else if (tag.name === 'rPh') phonetic = Math.max(0, phonetic - 1);
    else if (tag.name === 'si' && inString) {
      inString = false;
      strings.push(text);
      text = '';
    }
  });
  const decoder = new TextDecoder('utf-8');
  let sinceTag = 0;
  for await (const chunk of xml) {
    const bytes = chunk as Buffer;
    const lastTag = bytes.lastIndexOf(0x3c);
    sinceTag = lastTag < 0 ? sinceTag + bytes.length : bytes.length - lastTag - 1;
    if (sinceTag > MAX_RUN_BYTES) throw new FileRefused('shared_strings_too_large');
    parser.write(decoder.decode(bytes, { stream: true }));
    if (failure) throw new FileRefused('xlsx_unreadable');
  }
  // Not closed: a table cut short of its end tag was read before and still is, as far as it goes.
  parser.write(decoder.decode());
  if (failure) throw new FileRefused('xlsx_unreadable');
  return strings;
}
