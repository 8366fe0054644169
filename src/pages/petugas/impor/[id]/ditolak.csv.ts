// The rejected rows of an import as CSV (line, column, reason, the row's cells), streamed page by
// page; formula-like cells are neutralised. Dinas Sosial and admin only; audited as an export, each
// person in it named in the viewer log (decision 0030). Of
// an import not its own, a Dinas Sosial gets only its regency's rows (import-access.ts).
import type { APIRoute } from 'astro';
import { addAuditSubjects, recordAudit } from '../../../../domain/backoffice/audit.ts';
import { niksIn, subjectsOf } from '../../../../domain/backoffice/viewer-log.ts';
import { findImport, rejectedRowsReadableBy } from '../../../../domain/import/import-access.ts';
import { rejectedRowsCsv } from '../../../../domain/import/rejected-rows.ts';
import { rejectionText } from '../../../../i18n/import-messages.ts';

export const GET: APIRoute = async ({ locals, params, clientAddress }) => {
  const { officer, deps, locale } = locals;
  const record = officer ? await findImport(deps, officer, Number(params.id)) : undefined;
  if (!officer || !record) return new Response(null, { status: 404 });
  const auditId = await recordAudit(deps, {
    actor: officer,
    action: 'export',
    target: { type: 'import', id: record.id },
    clientAddress: clientAddress ?? null,
    detail: { what: 'rejected_rows' },
  });
  const lines = rejectedRowsCsv(
    deps,
    record.id,
    (r) => rejectionText(r, locale),
    rejectedRowsReadableBy(officer, record),
    // Rejected rows hold NIKs: each page's people go into the viewer log as they are sent.
    (rows) =>
      addAuditSubjects(
        deps,
        auditId,
        subjectsOf(
          deps.secret,
          rows.flatMap((r) => niksIn(r.cells)),
        ),
      ),
  );
  const encoder = new TextEncoder();
  const body = new ReadableStream<Uint8Array>({
    async pull(controller) {
      const next = await lines.next();
      if (next.done) controller.close();
      else controller.enqueue(encoder.encode(next.value));
    },
  });
  return new Response(body, {
    headers: {
      'Content-Type': 'text/csv; charset=utf-8',
      'Content-Disposition': `attachment; filename="impor-${record.id}-ditolak.csv"`,
      'Cache-Control': 'no-store',
      'X-Content-Type-Options': 'nosniff',
    },
  });
};
