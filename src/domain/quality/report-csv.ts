// The report as CSV, one line per source line (or per NIK, or per household where a finding has
// no line): `rule, line, nik, detail`. Dismissed findings are left out.
import { csvLine } from '../import/csv-out.ts';
import type { Finding, QualityReport } from './quality-report.ts';

export const QUALITY_CSV_HEADER = csvLine(['rule', 'line', 'nik', 'detail']);

export function* qualityCsv(report: QualityReport): Generator<string> {
  yield QUALITY_CSV_HEADER;
  for (const f of report.findings) yield* findingCsv(f);
}

/** A finding's lines of the CSV; none for a dismissed one. */
export function* findingCsv(f: Finding): Generator<string> {
  if (f.review === 'dismissed') return;
  const detail = f.review === 'confirmed' ? `${f.detail} (dikonfirmasi)` : f.detail;
  if (f.lines.length > 0) {
    for (const line of f.lines)
      yield csvLine([f.rule, line, f.niks.length === 1 ? f.niks[0] : f.niks.join(' '), detail]);
  } else if (f.niks.length > 0) {
    for (const nik of f.niks) yield csvLine([f.rule, '', nik, detail]);
  } else {
    yield csvLine([f.rule, '', '', `${detail} rumah_tangga=${f.count}`]);
  }
}
