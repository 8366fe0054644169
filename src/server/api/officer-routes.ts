// The data-quality report as JSON for the office's own tools, under /api/v1/petugas: the same
// officer session as the back office (the cb_petugas cookie, also issued for this path at sign-in),
// the same roles (Dinas Sosial and admin) and, for the whole register, the same area rule as the
// page. Read-only GETs, so the form token is not needed; SameSite=Lax keeps other sites' requests
// from carrying the cookie. Decision 0019.
import { createRoute, OpenAPIHono, z } from '@hono/zod-openapi';
import type { Context } from 'hono';
import type { Officer } from '../../domain/backoffice/officer.ts';
import { AppError } from '../../domain/errors.ts';
import { findImport, mayImport } from '../../domain/import/import-access.ts';
import { importQualityReport } from '../../domain/quality/import-report.ts';
import { QUALITY_RULES } from '../../domain/quality/quality-report.ts';
import { latestRuns, registerReportPage } from '../../domain/quality/register-run.ts';
import { API_PAGE_SIZE, pageOfReport, type ReportPage, readRule } from '../../domain/quality/report-page.ts';
import type { AppEnv } from '../env.ts';
import { errorResponse } from './openapi-parts.ts';

const FindingSchema = z.object({
  key: z
    .string()
    .openapi({ description: 'Stable from one run to the next; the officer decision is kept by it' }),
  rule: z.enum(QUALITY_RULES as [string, ...string[]]),
  kind: z.enum(['defect', 'change']),
  lines: z.array(z.number().int()).openapi({ description: 'Source lines in the imported file' }),
  niks: z.array(z.string()),
  householdIds: z.array(z.number().int()),
  detail: z.string().openapi({ description: 'Codes and values, no names' }),
  count: z.number().int(),
  review: z.enum(['confirmed', 'dismissed']).nullable(),
});

const ReportPageSchema = z
  .object({
    report: z.object({
      scope: z.union([
        z.object({ importId: z.number().int() }),
        z.object({ register: z.literal(true), runId: z.number().int(), computedAt: z.string().nullable() }),
      ]),
      counts: z.record(z.string(), z.object({ findings: z.number().int(), dismissed: z.number().int() })),
      rule: z.string().nullable(),
      page: z.number().int(),
      pages: z.number().int(),
      pageSize: z.number().int(),
      total: z.number().int(),
      findings: z.array(FindingSchema),
    }),
  })
  .openapi('QualityReportPage');

const query = [
  {
    name: 'aturan',
    in: 'query' as const,
    required: false,
    schema: { type: 'string' as const, enum: [...QUALITY_RULES] },
    description: 'Only the findings of this rule; the counts always cover every rule',
  },
  {
    name: 'halaman',
    in: 'query' as const,
    required: false,
    schema: { type: 'integer' as const, minimum: 1 },
    description: `Page, ${API_PAGE_SIZE} findings each; 1 when left out`,
  },
];

const sessionNote =
  "Officer's session: the `cb_petugas` cookie set by signing in at /petugas/masuk (Dinas Sosial or admin). ";
const answers = (what: string) => ({
  200: { description: what, content: { 'application/json': { schema: ReportPageSchema } } },
  401: errorResponse('No officer session (or it has expired).'),
  403: errorResponse('The officer must change their password first.'),
  404: errorResponse('Not there for this role, or no such report.'),
  422: errorResponse('Unknown rule (`aturan`) or page (`halaman`) outside 1 … pages.'),
});

const registerRoute = createRoute({
  method: 'get',
  path: '/petugas/mutu',
  summary: 'The data-quality report over the whole register (its newest finished run), one page',
  description: `${sessionNote}A Dinas Sosial account with an area reads the findings of its regency only. The report is computed off the request path: start a run at /petugas/mutu; 404 until one has finished.`,
  parameters: query,
  responses: answers('Counts per rule, then one page of findings'),
});

const importRoute = createRoute({
  method: 'get',
  path: '/petugas/impor/{id}/mutu',
  summary: 'The data-quality report of one finished import, one page',
  description: `${sessionNote}An import is the office's own: every Dinas Sosial and admin account reads its whole report, as on its page.`,
  parameters: [
    { name: 'id', in: 'path' as const, required: true, schema: { type: 'integer' as const, minimum: 1 } },
    ...query,
  ],
  responses: answers('Counts per rule, then one page of findings'),
});

type ApiContext = Context<AppEnv>;

/** The signed-in officer of a role that reads reports, or the error that says why not. */
function reader(c: ApiContext): Officer {
  const officer = c.get('officer');
  if (!officer) throw new AppError('unauthorized');
  if (officer.mustChangePassword)
    throw new AppError('forbidden', { session: 'backoffice.must_change_password' });
  if (!mayImport(officer)) throw new AppError('not_found');
  return officer;
}

/** Checks `aturan` and `halaman` strictly (a client gets told, not silently given page 1). */
function readQuery(c: ApiContext): { rule: string | null; page: string | null } {
  const rule = c.req.query('aturan') ?? null;
  const page = c.req.query('halaman') ?? null;
  if (rule !== null && readRule(rule) === null)
    throw new AppError('validation_failed', { aturan: 'quality.rule_unknown' });
  if (page !== null && !/^[1-9]\d{0,8}$/.test(page))
    throw new AppError('validation_failed', { halaman: 'quality.page_invalid' });
  return { rule, page };
}

function checkPage(asked: string | null, page: ReportPage) {
  if (asked !== null && Number(asked) > page.pages)
    throw new AppError('validation_failed', { halaman: 'quality.page_invalid' });
}

type Scope = { importId: number } | { register: true; runId: number; computedAt: string | null };

const body = (scope: Scope, page: ReportPage) => ({
  report: {
    scope,
    counts: page.counts,
    rule: page.rule,
    page: page.page,
    pages: page.pages,
    pageSize: page.pageSize,
    total: page.total,
    findings: page.findings,
  },
});

export const officerRoutes = new OpenAPIHono<AppEnv>()
  .openapi(registerRoute, async (c) => {
    const officer = reader(c);
    const query = readQuery(c);
    const deps = c.get('deps');
    const { done } = await latestRuns(deps);
    if (!done) throw new AppError('not_found', { report: 'quality.no_run' });
    const page = await registerReportPage(deps, officer, done.id, query, API_PAGE_SIZE);
    checkPage(query.page, page);
    return c.json(body({ register: true as const, runId: done.id, computedAt: done.finished_at }, page), 200);
  })
  .openapi(importRoute, async (c) => {
    const officer = reader(c);
    const query = readQuery(c);
    const deps = c.get('deps');
    const id = c.req.param('id');
    const record = /^[1-9]\d{0,8}$/.test(id) ? await findImport(deps, officer, Number(id)) : undefined;
    if (record?.status !== 'done') throw new AppError('not_found');
    const page = pageOfReport(await importQualityReport(deps, officer, record), query, API_PAGE_SIZE);
    checkPage(query.page, page);
    return c.json(body({ importId: record.id }, page), 200);
  });
