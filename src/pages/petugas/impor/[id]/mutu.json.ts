// The data-quality report of an import as JSON, for the office's own tools (the officer's session
// is the credential, as for every back-office address).
import type { APIRoute } from 'astro';
import { findImport, IMPORT_ROLES } from '../../../../domain/import/upload-import.ts';
import { qualityReport } from '../../../../domain/quality/quality-report.ts';

export const GET: APIRoute = async ({ locals, params }) => {
  const { officer, deps } = locals;
  if (!officer || !(IMPORT_ROLES as readonly string[]).includes(officer.role))
    return new Response(null, { status: 404 });
  const record = await findImport(deps, Number(params.id));
  if (record?.status !== 'done') return new Response(null, { status: 404 });
  const report = await qualityReport(deps, { importId: record.id });
  return new Response(JSON.stringify(report), {
    headers: { 'Content-Type': 'application/json; charset=utf-8', 'Cache-Control': 'no-store' },
  });
};
