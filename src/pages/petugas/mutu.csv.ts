// The whole register's data-quality report (its newest finished run) as CSV: rule, line, nik,
// detail; the officer's area only, dismissed findings left out. Streamed; audited as an export.
import type { APIRoute } from 'astro';
import { recordAudit } from '../../domain/backoffice/audit.ts';
import { canReadQualityReport } from '../../domain/backoffice/permissions.ts';
import { latestRuns, registerFindings } from '../../domain/quality/register-run.ts';
import { findingCsv, QUALITY_CSV_HEADER } from '../../domain/quality/report-csv.ts';

export const GET: APIRoute = async ({ locals, clientAddress }) => {
  const { officer, deps } = locals;
  if (!officer || !canReadQualityReport(officer)) return new Response(null, { status: 404 });
  const { done } = await latestRuns(deps);
  if (!done) return new Response(null, { status: 404 });
  await recordAudit(deps, {
    actor: officer,
    action: 'export',
    target: { type: 'quality_run', id: done.id },
    clientAddress: clientAddress ?? null,
    detail: { what: 'quality_csv' },
  });
  const findings = registerFindings(deps, officer, done.id);
  const encoder = new TextEncoder();
  let headerSent = false;
  const body = new ReadableStream<Uint8Array>({
    async pull(controller) {
      if (!headerSent) {
        headerSent = true;
        controller.enqueue(encoder.encode(QUALITY_CSV_HEADER));
        return;
      }
      const next = await findings.next();
      if (next.done) controller.close();
      else controller.enqueue(encoder.encode([...findingCsv(next.value)].join('')));
    },
  });
  return new Response(body, {
    headers: {
      'Content-Type': 'text/csv; charset=utf-8',
      'Content-Disposition': `attachment; filename="mutu-daftar-${done.id}.csv"`,
      'Cache-Control': 'no-store',
      'X-Content-Type-Options': 'nosniff',
    },
  });
};
