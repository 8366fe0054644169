// The data-quality report of an import as CSV (rule, line, nik, detail), as the officer may read it
// (import-report.ts). Audited as an export.
import type { APIRoute } from 'astro';
import { recordAudit } from '../../../../domain/backoffice/audit.ts';
import { findImport } from '../../../../domain/import/import-access.ts';
import { importQualityReport } from '../../../../domain/quality/import-report.ts';
import { qualityCsv } from '../../../../domain/quality/report-csv.ts';

export const GET: APIRoute = async ({ locals, params, clientAddress }) => {
  const { officer, deps } = locals;
  const record = officer ? await findImport(deps, officer, Number(params.id)) : undefined;
  if (!officer || record?.status !== 'done') return new Response(null, { status: 404 });
  await recordAudit(deps, {
    actor: officer,
    action: 'export',
    target: { type: 'import', id: record.id },
    clientAddress: clientAddress ?? null,
    detail: { what: 'quality_csv' },
  });
  const report = await importQualityReport(deps, officer, record);
  return new Response([...qualityCsv(report)].join(''), {
    headers: {
      'Content-Type': 'text/csv; charset=utf-8',
      'Content-Disposition': `attachment; filename="impor-${record.id}-mutu.csv"`,
      'Cache-Control': 'no-store',
      'X-Content-Type-Options': 'nosniff',
    },
  });
};
