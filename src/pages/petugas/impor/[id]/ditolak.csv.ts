// The rejected rows of an import as CSV (line, column, reason, the row's cells), streamed page by
// page; formula-like cells are neutralised. Dinas Sosial and admin only; audited as an export. Of
// an import not its own, a Dinas Sosial gets only its regency's rows (import-access.ts).
import type { APIRoute } from 'astro';
import { recordAudit } from '../../../../domain/backoffice/audit.ts';
import { findImport, rejectedRowsReadableBy } from '../../../../domain/import/import-access.ts';
import { rejectedRowsCsv } from '../../../../domain/import/rejected-rows.ts';
import { rejectionText } from '../../../../i18n/import-messages.ts';

export const GET: APIRoute = async ({ locals, params, clientAddress }) => {
  const { officer, deps, locale } = locals;
  const record = officer ? await findImport(deps, officer, Number(params.id)) : undefined;
  if (!officer || !record) return new Response(null, { status: 404 });
  await recordAudit(deps, {
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
