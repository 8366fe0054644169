// The report as CSV, one line per source line (or per NIK, or per household where a finding has
// no line): `rule, line, nik, detail`. Dismissed findings are left out.
import { csvLine } from '../import/csv-out.ts';
import type { QualityReport } from './quality-report.ts';

export function* qualityCsv(report: QualityReport): Generator<string> {
  yield csvLine(['rule', 'line', 'nik', 'detail']);
  for (const f of report.findings) {
    if (f.review === 'dismissed') continue;
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
}
