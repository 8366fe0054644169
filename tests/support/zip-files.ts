// Zip archives written by hand, for .xlsx files no library here writes: parts in another order, a
// prefixed namespace, a part that unpacks to fifty megabytes, shared strings stuffed to 250 MB.
import { crc32, deflateRawSync } from 'node:zlib';

/** A zip of `parts` in the order given, each deflated (at `level`: 1 packs 250 MB in a second). */
export function zipOf(parts: Record<string, string | Buffer>, level = 9): Buffer {
  const locals: Buffer[] = [];
  const centrals: Buffer[] = [];
  let offset = 0;
  for (const [name, content] of Object.entries(parts)) {
    const data = typeof content === 'string' ? Buffer.from(content, 'utf8') : content;
    const packed = deflateRawSync(data, { level });
    const fileName = Buffer.from(name, 'utf8');
    const crc = crc32(data);
    // The two headers share the version, method, CRC, sizes and name length, at different places.
    const header = (signature: number, length: number, at: number) => {
      const bytes = Buffer.alloc(length);
      bytes.writeUInt32LE(signature, 0);
      bytes.writeUInt16LE(20, at);
      bytes.writeUInt16LE(8, at + 4);
      bytes.writeUInt32LE(crc, at + 10);
      bytes.writeUInt32LE(packed.length, at + 14);
      bytes.writeUInt32LE(data.length, at + 18);
      bytes.writeUInt16LE(fileName.length, at + 22);
      return bytes;
    };
    const local = header(0x04034b50, 30, 4);
    const central = header(0x02014b50, 46, 6);
    central.writeUInt16LE(20, 4);
    central.writeUInt32LE(offset, 42);
    locals.push(local, fileName, packed);
    centrals.push(central, fileName);
    offset += local.length + fileName.length + packed.length;
  }
  const directory = Buffer.concat(centrals);
  const end = Buffer.alloc(22);
  end.writeUInt32LE(0x06054b50, 0);
  end.writeUInt16LE(centrals.length / 2, 8);
  end.writeUInt16LE(centrals.length / 2, 10);
  end.writeUInt32LE(directory.length, 12);
  end.writeUInt32LE(offset, 16);
  return Buffer.concat([...locals, directory, end]);
}

const MAIN = 'http://schemas.openxmlformats.org/spreadsheetml/2006/main';
const RELATIONSHIPS = 'http://schemas.openxmlformats.org/officeDocument/2006/relationships';

/** A cell of rich text written inline, in runs (as openpyxl writes it), one of them bold. */
export interface InlineRuns {
  runs: string[];
}

/**
 * An .xlsx as the .NET Open XML SDK writes it: SpreadsheetML bound to the prefix `x:`, the
 * workbook stored first, text in shared strings. `rows` are the sheet's cells: strings, numbers,
 * or inline runs (written pretty-printed, with a phonetic guide that is not part of the text).
 */
export function prefixedXlsx(rows: readonly (readonly (string | number | InlineRuns)[])[]): Buffer {
  const strings: string[] = [];
  const column = (index: number) => String.fromCharCode(65 + index);
  const xmlText = (text: string) => text.replace(/&/g, '&amp;').replace(/</g, '&lt;');
  const sheetRows = rows.map((cells, r) => {
    const xml = cells.map((value, c) => {
      const ref = `${column(c)}${r + 1}`;
      if (typeof value === 'number') return `<x:c r="${ref}"><x:v>${value}</x:v></x:c>`;
      if (typeof value === 'object') {
        const runs = value.runs.map(
          (run, i) =>
            `\n  <x:r>${i === 0 ? '<x:rPr><x:b/></x:rPr>' : ''}<x:t xml:space="preserve">${xmlText(run)}</x:t></x:r>`,
        );
        const guide = '\n  <x:rPh sb="0" eb="1"><x:t>yomi</x:t></x:rPh>';
        return `<x:c r="${ref}" t="inlineStr"><x:is>${runs.join('')}${guide}\n</x:is></x:c>`;
      }
      strings.push(value);
      return `<x:c r="${ref}" t="s"><x:v>${strings.length - 1}</x:v></x:c>`;
    });
    return `<x:row r="${r + 1}">${xml.join('')}</x:row>`;
  });
  const xml = '<?xml version="1.0" encoding="utf-8"?>';
  return zipOf({
    '[Content_Types].xml': `${xml}<Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types"><Default Extension="rels" ContentType="application/vnd.openxmlformats-package.relationships+xml"/><Default Extension="xml" ContentType="application/xml"/><Override PartName="/xl/workbook.xml" ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.sheet.main+xml"/><Override PartName="/xl/worksheets/sheet1.xml" ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.worksheet+xml"/><Override PartName="/xl/sharedStrings.xml" ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.sharedStrings+xml"/></Types>`,
    '_rels/.rels': `${xml}<Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships"><Relationship Type="${RELATIONSHIPS}/officeDocument" Target="/xl/workbook.xml" Id="R1"/></Relationships>`,
    'xl/workbook.xml': `${xml}<x:workbook xmlns:r="${RELATIONSHIPS}" xmlns:x="${MAIN}"><x:sheets><x:sheet name="Daftar" sheetId="1" r:id="R2"/></x:sheets></x:workbook>`,
    'xl/_rels/workbook.xml.rels': `${xml}<Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships"><Relationship Type="${RELATIONSHIPS}/worksheet" Target="/xl/worksheets/sheet1.xml" Id="R2"/><Relationship Type="${RELATIONSHIPS}/sharedStrings" Target="/xl/sharedStrings.xml" Id="R3"/></Relationships>`,
    'xl/worksheets/sheet1.xml': `${xml}<x:worksheet xmlns:x="${MAIN}"><x:sheetData>${sheetRows.join('')}</x:sheetData></x:worksheet>`,
    'xl/sharedStrings.xml': `${xml}<x:sst xmlns:x="${MAIN}" count="${strings.length}" uniqueCount="${strings.length}">${strings.map((s) => `<x:si><x:t>${xmlText(s)}</x:t></x:si>`).join('')}</x:sst>`,
  });
}

/**
 * A workbook that looks like a recipient list (a header and one row) whose shared-strings table is
 * stuffed with addresses to `unpackedBytes` of XML: under the 256 MiB the zip check lets through
 * and packed below its 400 : 1 ratio, so only the reader itself can refuse it. Each address is
 * written `repeat` times: 1 makes every one distinct (a 22 MB file, as the tester's), 1000 a 2 MB
 * file, whose upload costs the server next to nothing beside the reading.
 */
export function sharedStringsStuffed(unpackedBytes = 250 * 1024 ** 2, repeat = 1): Buffer {
  const xml = '<?xml version="1.0" encoding="UTF-8" standalone="yes"?>';
  const header = ['nik', 'nama', 'program', 'periode'];
  const row = ['3576014107800001', 'SITI AMINAH', 'BPNT', '2021-02'];
  const chunks: Buffer[] = [
    Buffer.from(
      `${xml}<sst xmlns="${MAIN}">${[...header, ...row].map((s) => `<si><t>${s}</t></si>`).join('')}`,
    ),
  ];
  let size = chunks[0]?.length ?? 0;
  const address = (n: number) =>
    `<si><t>JL. MELATI GG. ${n % 97} NO. ${n} RT 0${n % 30}/RW 0${n % 12} DSN. KRAJAN DESA SUMBERREJO KEC. ${n % 13}</t></si>`;
  for (let n = 0; size < unpackedBytes; ) {
    let bytes: Buffer;
    if (repeat === 1) {
      const part: string[] = [];
      for (let length = 0; length < 1024 ** 2; n++) {
        const text = address(n);
        part.push(text);
        length += text.length;
      }
      bytes = Buffer.from(part.join(''));
    } else {
      const one = Buffer.from(address(n++));
      bytes = Buffer.allocUnsafe(one.length * repeat).fill(one);
    }
    chunks.push(bytes);
    size += bytes.length;
  }
  chunks.push(Buffer.from('</sst>'));
  const cells = (values: string[], r: number, first: number) =>
    `<row r="${r}">${values.map((_, c) => `<c r="${String.fromCharCode(65 + c)}${r}" t="s"><v>${first + c}</v></c>`).join('')}</row>`;
  return zipOf(
    {
      '[Content_Types].xml': `${xml}<Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types"><Default Extension="rels" ContentType="application/vnd.openxmlformats-package.relationships+xml"/><Default Extension="xml" ContentType="application/xml"/><Override PartName="/xl/workbook.xml" ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.sheet.main+xml"/><Override PartName="/xl/worksheets/sheet1.xml" ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.worksheet+xml"/><Override PartName="/xl/sharedStrings.xml" ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.sharedStrings+xml"/></Types>`,
      '_rels/.rels': `${xml}<Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships"><Relationship Type="${RELATIONSHIPS}/officeDocument" Target="xl/workbook.xml" Id="R1"/></Relationships>`,
      'xl/workbook.xml': `${xml}<workbook xmlns:r="${RELATIONSHIPS}" xmlns="${MAIN}"><sheets><sheet name="Daftar" sheetId="1" r:id="R2"/></sheets></workbook>`,
      'xl/_rels/workbook.xml.rels': `${xml}<Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships"><Relationship Type="${RELATIONSHIPS}/worksheet" Target="worksheets/sheet1.xml" Id="R2"/><Relationship Type="${RELATIONSHIPS}/sharedStrings" Target="sharedStrings.xml" Id="R3"/></Relationships>`,
      'xl/worksheets/sheet1.xml': `${xml}<worksheet xmlns="${MAIN}"><sheetData>${cells(header, 1, 0)}${cells(row, 2, header.length)}</sheetData></worksheet>`,
      'xl/sharedStrings.xml': Buffer.concat(chunks),
    },
    1,
  );
}
