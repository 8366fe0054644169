// The data-quality report over the whole register, computed off the request path: a run is a job
// row with its progress (the report's passes done); its findings are kept, each with the regency
// it is about, so the page and the API page through them and each office reads its own area. A
// run left behind by a stopped process is taken up again by the next start (job-lease.ts).
// Officers' decisions are read at display time from quality_reviews, so a finding dismissed after
// the run shows dismissed at once, and again on every later run.
import { sql } from 'kysely';
import { REGISTER_TABLES, refreshPlannerStatistics } from '../../db/engine.ts';
import { recordAudit } from '../backoffice/audit.ts';
import type { Officer } from '../backoffice/officer.ts';
import { canReadQualityReport } from '../backoffice/permissions.ts';
import type { DomainDeps } from '../deps.ts';
import { AppError } from '../errors.ts';
import { regencyOf } from '../import/import-access.ts';
import { isJobStopped, jobStopped } from '../jobs/background-jobs.ts';
import { claimJob, keepAlive, runnerGone, thisRunner } from '../jobs/job-lease.ts';
import { areasOf } from './finding-area.ts';
import {
  type Finding,
  QUALITY_RULES,
  type QualityReport,
  qualityReport,
  REPORT_STEPS,
} from './quality-report.ts';
import { clampPage, REPORT_PAGE_SIZE, type ReportPage, readRule } from './report-page.ts';
import { reviewFinding } from './review-finding.ts';

type Deps = Pick<DomainDeps, 'db' | 'regions' | 'now' | 'jobs'>;
type Reader = Pick<Officer, 'id' | 'role' | 'areaCode'>;

/** The report's passes, then writing the findings down. */
const RUN_STEPS = REPORT_STEPS + 1;

function assertReader(officer: Pick<Officer, 'role'>) {
  if (!canReadQualityReport(officer)) throw new AppError('forbidden');
}

/**
 * Starts a run, unless one is already queued or running in a live process (then that one is the
 * answer: two officers pressing the button at once make one run). Audited.
 */
export async function startRegisterRun(
  deps: Deps,
  officer: Pick<Officer, 'id' | 'role'>,
  clientAddress: string | null,
  onError: (error: unknown) => void,
): Promise<{ id: number; started: boolean }> {
  assertReader(officer);
  const now = deps.now();
  const open = await deps.db
    .selectFrom('quality_runs')
    .select(['id', 'runner', 'heartbeat_at'])
    .where('status', 'in', ['queued', 'running'])
    .orderBy('id', 'desc')
    .executeTakeFirst();
  if (open && !runnerGone(open, now)) return { id: open.id, started: false };
  const { id } = await deps.db
    .insertInto('quality_runs')
    .values({
      status: 'queued',
      steps_total: RUN_STEPS,
      created_by: officer.id,
      created_at: now.toISOString(),
    })
    .returning('id')
    .executeTakeFirstOrThrow();
  await recordAudit(deps, {
    actor: officer,
    action: 'quality_run',
    target: { type: 'quality_run', id },
    clientAddress,
  });
  await claimJob(deps.db, 'quality_runs', id, { runner: null, heartbeat_at: null }, now);
  startInBackground(deps, id, onError);
  return { id, started: true };
}

function startInBackground(deps: Deps, id: number, onError: (error: unknown) => void) {
  if (deps.jobs) deps.jobs.run((signal) => runClaimed(deps, id, onError, signal));
  else setImmediate(() => void runClaimed(deps, id, onError).catch(onError));
}

async function runClaimed(deps: Deps, id: number, onError: (error: unknown) => void, signal?: AbortSignal) {
  const alive = keepAlive(deps.db, 'quality_runs', id, deps.now, onError);
  try {
    await runRegisterReport(deps, id, signal);
  } catch (error) {
    if (!isJobStopped(error)) throw error;
    // Let go, so the next start takes it up at once.
    await deps.db
      .updateTable('quality_runs')
      .set({ runner: null, heartbeat_at: null })
      .where('id', '=', id)
      .where('runner', '=', thisRunner())
      .execute();
  } finally {
    alive.stop();
  }
}

/** Computes run `id` (again, from the start: its earlier findings are cleared) and keeps its findings. */
export async function runRegisterReport(deps: Deps, id: number, signal?: AbortSignal): Promise<void> {
  await deps.db.transaction().execute(async (trx) => {
    await trx.deleteFrom('quality_run_findings').where('run_id', '=', id).execute();
    await trx
      .updateTable('quality_runs')
      .set({
        status: 'running',
        steps_done: 0,
        steps_total: RUN_STEPS,
        failure: null,
        started_at: deps.now().toISOString(),
        finished_at: null,
      })
      .where('id', '=', id)
      .execute();
  });
  try {
    await refreshPlannerStatistics(deps.db, REGISTER_TABLES);
    const report = await qualityReport(deps, { all: true }, async (done) => {
      if (signal?.aborted) throw jobStopped();
      await deps.db.updateTable('quality_runs').set({ steps_done: done }).where('id', '=', id).execute();
    });
    if (signal?.aborted) throw jobStopped();
    await storeFindings(deps, id, report.findings);
    await deps.db.transaction().execute(async (trx) => {
      await trx
        .updateTable('quality_runs')
        .set({
          status: 'done',
          steps_done: RUN_STEPS,
          findings: report.findings.length,
          finished_at: deps.now().toISOString(),
        })
        .where('id', '=', id)
        .execute();
      // Only the newest finished run is read; older ones would only take room.
      await trx.deleteFrom('quality_run_findings').where('run_id', '<', id).execute();
      await trx
        .deleteFrom('quality_runs')
        .where('id', '<', id)
        .where('status', 'in', ['done', 'failed'])
        .execute();
    });
  } catch (error) {
    if (isJobStopped(error)) throw error;
    await deps.db
      .updateTable('quality_runs')
      .set({ status: 'failed', failure: 'internal', finished_at: deps.now().toISOString() })
      .where('id', '=', id)
      .execute();
    throw error;
  }
}

async function storeFindings(deps: Deps, id: number, findings: Finding[]) {
  const CHUNK = 200;
  for (let i = 0; i < findings.length; i += CHUNK) {
    const chunk = findings.slice(i, i + CHUNK);
    const areas = await areasOf(deps, chunk);
    await deps.db
      .insertInto('quality_run_findings')
      .values(
        chunk.map((f, j) => ({
          run_id: id,
          seq: i + j,
          finding_key: f.key,
          rule: f.rule,
          kind: f.kind,
          area_code: areas[j] ?? null,
          lines: JSON.stringify(f.lines),
          niks: JSON.stringify(f.niks),
          household_ids: JSON.stringify(f.householdIds),
          detail: f.detail,
          count: f.count,
        })),
      )
      .execute();
  }
}

/** Runs left queued or running by a process that is gone: this process takes each up again. */
export async function resumeAbandonedRuns(deps: Deps, onError: (error: unknown) => void): Promise<number[]> {
  const now = deps.now();
  const left = await deps.db
    .selectFrom('quality_runs')
    .select(['id', 'runner', 'heartbeat_at'])
    .where('status', 'in', ['queued', 'running'])
    .orderBy('id')
    .execute();
  const taken: number[] = [];
  for (const run of left) {
    if (!runnerGone(run, now)) continue;
    if (!(await claimJob(deps.db, 'quality_runs', run.id, run, now))) continue;
    taken.push(run.id);
    startInBackground(deps, run.id, onError);
  }
  return taken;
}

export type RunRecord = Awaited<ReturnType<typeof latestRuns>>['latest'];

/** The newest run (whatever its state) and the newest finished one, whose findings are shown. */
export async function latestRuns(deps: Pick<DomainDeps, 'db'>) {
  const columns = [
    'id',
    'status',
    'steps_done',
    'steps_total',
    'findings',
    'failure',
    'attempts',
    'created_at',
    'started_at',
    'finished_at',
  ] as const;
  const latest = await deps.db
    .selectFrom('quality_runs')
    .select(columns)
    .orderBy('id', 'desc')
    .executeTakeFirst();
  const done =
    latest?.status === 'done'
      ? latest
      : await deps.db
          .selectFrom('quality_runs')
          .select(columns)
          .where('status', '=', 'done')
          .orderBy('id', 'desc')
          .executeTakeFirst();
  return { latest, done };
}

/** An office's share of a run: the Dinas Sosial of a regency reads that regency; admin reads all. */
function inArea(officer: Reader) {
  const regency = regencyOf(officer);
  return regency === null ? sql<boolean>`1 = 1` : sql<boolean>`f.area_code = ${regency}`;
}

interface StoredRow {
  finding_key: string;
  rule: string;
  kind: 'defect' | 'change';
  lines: string;
  niks: string;
  household_ids: string;
  detail: string;
  count: number;
  decision: 'confirmed' | 'dismissed' | null;
}

const FINDING_COLUMNS = [
  'f.finding_key',
  'f.rule',
  'f.kind',
  'f.lines',
  'f.niks',
  'f.household_ids',
  'f.detail',
  'f.count',
  'q.decision',
] as const;

function findingOf(row: StoredRow): Finding {
  return {
    key: row.finding_key,
    rule: readRule(row.rule) ?? 'rejected_row',
    kind: row.kind,
    lines: JSON.parse(row.lines) as number[],
    niks: JSON.parse(row.niks) as string[],
    householdIds: JSON.parse(row.household_ids) as number[],
    detail: row.detail,
    count: Number(row.count),
    review: row.decision ?? null,
  };
}

function storedFindings(deps: Pick<DomainDeps, 'db'>, runId: number, officer: Reader) {
  return deps.db
    .selectFrom('quality_run_findings as f')
    .leftJoin('quality_reviews as q', 'q.finding_key', 'f.finding_key')
    .where('f.run_id', '=', runId)
    .where(inArea(officer));
}

/** One page of run `runId` for this officer: counts per rule, then the findings. */
export async function registerReportPage(
  deps: Pick<DomainDeps, 'db'>,
  officer: Reader,
  runId: number,
  query: { rule?: string | null; page?: string | null },
  pageSize = REPORT_PAGE_SIZE,
): Promise<ReportPage> {
  assertReader(officer);
  const rule = readRule(query.rule);
  const grouped = await storedFindings(deps, runId, officer)
    .select(['f.rule'])
    .select((eb) => [
      eb.fn.countAll<string>().as('findings'),
      eb.fn.sum<string>(sql`CASE WHEN q.decision = 'dismissed' THEN 1 ELSE 0 END`).as('dismissed'),
    ])
    .groupBy('f.rule')
    .execute();
  const counts = Object.fromEntries(
    QUALITY_RULES.map((r) => [r, { findings: 0, dismissed: 0 }]),
  ) as QualityReport['counts'];
  for (const g of grouped) {
    const known = readRule(g.rule);
    if (known) counts[known] = { findings: Number(g.findings), dismissed: Number(g.dismissed ?? 0) };
  }
  const total =
    rule === null ? Object.values(counts).reduce((n, c) => n + c.findings, 0) : counts[rule].findings;
  const page = clampPage(query.page, total, pageSize);
  let rows = storedFindings(deps, runId, officer)
    .select(FINDING_COLUMNS)
    .orderBy('f.seq')
    .limit(pageSize)
    .offset((page - 1) * pageSize);
  if (rule !== null) rows = rows.where('f.rule', '=', rule);
  return {
    counts,
    rule,
    findings: ((await rows.execute()) as StoredRow[]).map(findingOf),
    total,
    page,
    pages: Math.max(1, Math.ceil(total / pageSize)),
    pageSize,
  };
}

/** Every finding of run `runId` for this officer, in order, read a page at a time (for the CSV). */
export async function* registerFindings(
  deps: Pick<DomainDeps, 'db'>,
  officer: Reader,
  runId: number,
): AsyncGenerator<Finding> {
  assertReader(officer);
  let after = -1;
  for (;;) {
    const rows = (await storedFindings(deps, runId, officer)
      .select(['f.seq', ...FINDING_COLUMNS])
      .where('f.seq', '>', after)
      .orderBy('f.seq')
      .limit(1000)
      .execute()) as (StoredRow & { seq: number })[];
    if (rows.length === 0) return;
    for (const row of rows) yield findingOf(row);
    after = Number(rows[rows.length - 1]?.seq);
  }
}

/**
 * A decision on a finding of the whole-register report: only on a finding of the newest finished
 * run in the officer's area (a forged key, or one of another regency, does not exist).
 */
export async function reviewRegisterFinding(
  deps: Pick<DomainDeps, 'db' | 'now'>,
  officer: Reader,
  input: { key: string; decision: string },
  clientAddress: string | null,
): Promise<void> {
  assertReader(officer);
  const { done } = await latestRuns(deps);
  const found =
    done &&
    input.key.length <= 200 &&
    (await storedFindings(deps, done.id, officer)
      .select('f.seq')
      .where('f.finding_key', '=', input.key)
      .executeTakeFirst());
  if (!found) throw new AppError('not_found', { finding: 'quality.finding_not_found' });
  await reviewFinding(deps, officer, input, clientAddress);
}
