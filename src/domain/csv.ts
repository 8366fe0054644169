// CSV for officers' spreadsheets. Written by csv-stringify (quoting, embedded quotes and line
// breaks are its job); a text cell that a spreadsheet would run as a formula (`= + - @`, and a
// leading tab or carriage return) is prefixed with an apostrophe, as OWASP advises. Numbers are
// written as numbers, so a negative count stays a number.
import { stringify } from 'csv-stringify/sync';

export type CsvCell = string | number | null;

const FORMULA_START = /^[=+\-@\t\r]/;

export function neutraliseCell(text: string): string {
  return FORMULA_START.test(text) ? `'${text}` : text;
}

/** The header row and the rows, CRLF line ends (RFC 4180), UTF-8 with a BOM so Excel reads it as UTF-8. */
export function toCsv(header: readonly string[], rows: readonly (readonly CsvCell[])[]): string {
  const body = stringify([header.map(neutraliseCell), ...rows.map((r) => [...r])], {
    record_delimiter: '\r\n',
    cast: { string: neutraliseCell, number: (n) => String(n) },
  });
  return `\uFEFF${body}`;
}

/** The response headers of a CSV download named `filename` (letters, digits, `-_.` only). */
export function csvHeaders(filename: string): Record<string, string> {
  const safe = filename.replace(/[^\w.-]/g, '_');
  return {
    'Content-Type': 'text/csv; charset=utf-8',
    'Content-Disposition': `attachment; filename="${safe}"`,
  };
}
