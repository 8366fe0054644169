// The data-quality report of one import as an office reads it (decision 0021): admin reads every
// finding; a Dinas Sosial reads the findings about its own regency, and of its own upload also
// the refused rows, which hold nothing but the file's own cells. A decision is taken only on a
// finding the officer can read, so a forged key or another regency's does not exist.

import type { Officer } from '../backoffice/officer.ts';
import type { DomainDeps } from '../deps.ts';
import { AppError } from '../errors.ts';
import {
  type ImportReader,
  type ImportRecord,
  mayImport,
  ownsImport,
  regencyOf,
} from '../import/import-access.ts';
import { areasOf } from './finding-area.ts';
import {
  countFindings,
  type Finding,
  isRejectedRowFinding,
  type QualityReport,
  qualityReport,
} from './quality-report.ts';
import { reviewFinding } from './review-finding.ts';

type Deps = Pick<DomainDeps, 'db' | 'regions' | 'now'>;

export async function importQualityReport(
  deps: Deps,
  officer: ImportReader,
  record: Pick<ImportRecord, 'id' | 'area_code'>,
): Promise<QualityReport> {
  if (!mayImport(officer)) throw new AppError('forbidden');
  const report = await qualityReport(deps, { importId: record.id });
  const regency = regencyOf(officer);
  if (regency === null) return report;
  const owner = ownsImport(officer, record);
  const kept: Finding[] = [];
  const CHUNK = 500;
  for (let i = 0; i < report.findings.length; i += CHUNK) {
    const chunk = report.findings.slice(i, i + CHUNK);
    const areas = await areasOf(deps, chunk);
    chunk.forEach((finding, j) => {
      if (areas[j] === regency || (owner && isRejectedRowFinding(finding, record.id))) kept.push(finding);
    });
  }
  return { scope: report.scope, findings: kept, counts: countFindings(kept) };
}

export async function reviewImportFinding(
  deps: Deps,
  officer: Pick<Officer, 'id' | 'role' | 'areaCode'>,
  record: Pick<ImportRecord, 'id' | 'area_code' | 'status'>,
  input: { key: string; decision: string },
  clientAddress: string | null,
): Promise<void> {
  const readable =
    record.status === 'done' &&
    input.key.length <= 200 &&
    (await importQualityReport(deps, officer, record)).findings.some((f) => f.key === input.key);
  if (!readable) throw new AppError('not_found', { finding: 'quality.finding_not_found' });
  await reviewFinding(deps, officer, input, clientAddress);
}
