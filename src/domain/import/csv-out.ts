// Writing CSV that officers open in Excel: every cell quoted, and a cell that starts like a
// formula (`= + - @`, or a tab or carriage return that Excel strips first) led by an apostrophe,
// so opening a file made from residents' or a ministry's data never runs anything (OWASP CSV
// injection).
export function csvCell(value: string | number | null | undefined): string {
  let text = value === null || value === undefined ? '' : String(value);
  if (/^[=+\-@\t\r]/.test(text)) text = `'${text}`;
  return `"${text.replaceAll('"', '""')}"`;
}

export function csvLine(values: readonly (string | number | null | undefined)[]): string {
  return `${values.map(csvCell).join(',')}\r\n`;
}
