// One page of a data-quality report, as the pages and the API show it: the counts per rule first,
// then the findings of the chosen rule (or all), paged. The same shape whether the findings were
// computed now (one import) or read from a stored whole-register run (register-run.ts).
import { type Finding, QUALITY_RULES, type QualityReport, type QualityRule } from './quality-report.ts';

export const REPORT_PAGE_SIZE = 50;
/** The API hands out larger pages: a client reads the whole report in a few requests. */
export const API_PAGE_SIZE = 500;

export interface ReportPage {
  counts: QualityReport['counts'];
  rule: QualityRule | null;
  findings: Finding[];
  /** Findings of the chosen rule (or all), over every page. */
  total: number;
  page: number;
  pages: number;
  pageSize: number;
}

/** A rule named in a query, or null for anything else (unknown, `__proto__`, empty). */
export function readRule(value: string | null | undefined): QualityRule | null {
  return value && (QUALITY_RULES as readonly string[]).includes(value) ? (value as QualityRule) : null;
}

/** A page number from a query, within 1 … the last page (a huge or odd number is the last or first). */
export function clampPage(value: string | null | undefined, total: number, pageSize: number): number {
  const pages = Math.max(1, Math.ceil(total / pageSize));
  const asked = Math.floor(Number(value));
  return Number.isFinite(asked) && asked >= 1 ? Math.min(asked, pages) : 1;
}

export function pageOfReport(
  report: QualityReport,
  query: { rule?: string | null; page?: string | null },
  pageSize = REPORT_PAGE_SIZE,
): ReportPage {
  const rule = readRule(query.rule);
  const shown = rule === null ? report.findings : report.findings.filter((f) => f.rule === rule);
  const page = clampPage(query.page, shown.length, pageSize);
  return {
    counts: report.counts,
    rule,
    findings: shown.slice((page - 1) * pageSize, page * pageSize),
    total: shown.length,
    page,
    pages: Math.max(1, Math.ceil(shown.length / pageSize)),
    pageSize,
  };
}
