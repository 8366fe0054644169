// The data-quality report of an import as CSV (rule, line, nik, detail). Audited as an export.
import type { APIRoute } from 'astro';
import { recordAudit } from '../../../../domain/backoffice/audit.ts';
import { findImport, IMPORT_ROLES } from '../../../../domain/import/upload-import.ts';
import { qualityReport } from '../../../../domain/quality/quality-report.ts';
import { qualityCsv } from '../../../../domain/quality/report-csv.ts';

export const GET: APIRoute = async ({ locals, params, clientAddress }) => {
  const { officer, deps } = locals;
  if (!officer || !(IMPORT_ROLES as readonly string[]).includes(officer.role))
    return new Response(null, { status: 404 });
  const record = await findImport(deps, Number(params.id));
  if (record?.status !== 'done') return new Response(null, { status: 404 });
  await recordAudit(deps, {
    actor: officer,
    action: 'export',
    target: { type: 'import', id: record.id },
    clientAddress: clientAddress ?? null,
    detail: { what: 'quality_csv' },
  });
  const report = await qualityReport(deps, { importId: record.id });
  return new Response([...qualityCsv(report)].join(''), {
    headers: {
      'Content-Type': 'text/csv; charset=utf-8',
      'Content-Disposition': `attachment; filename="impor-${record.id}-mutu.csv"`,
      'Cache-Control': 'no-store',
      'X-Content-Type-Options': 'nosniff',
    },
  });
};
