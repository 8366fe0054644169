// The whole-register data-quality report as a background run, on both engines: a run keeps its
// findings with the regency each is about, the Dinas Sosial of a regency reads only its own, a
// decision is refused on a forged or foreign finding and sticks on the next run, odd page numbers
// and rule names land on a real page, and a run left by a dead process is taken up again.
import { spawnSync } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { hostname, tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Officer } from '../../src/domain/backoffice/officer.ts';
import type { DomainDeps } from '../../src/domain/deps.ts';
import { createImport } from '../../src/domain/import/run-import.ts';
import { thisRunner } from '../../src/domain/jobs/job-lease.ts';
import {
  latestRuns,
  registerFindings,
  registerReportPage,
  resumeAbandonedRuns,
  reviewRegisterFinding,
  runRegisterReport,
  startRegisterRun,
} from '../../src/domain/quality/register-run.ts';
import { findingCsv } from '../../src/domain/quality/report-csv.ts';
import { errorOf, officerNamed } from '../support/domain-calls.ts';
import { readAndApply } from '../support/imports.ts';
import { dirtyList, placesIn } from '../support/recipient-lists.ts';
import { openTestDatabase } from '../support/test-app.ts';

let env: Awaited<ReturnType<typeof openTestDatabase>>;
let deps: DomainDeps;
let dir: string;
let admin: Officer;
let mojokerto: Officer;
let kelurahan: Officer;
const NOW = new Date('2021-03-01T00:00:00Z');

async function importText(name: string, text: string) {
  const file = path.join(dir, name);
  writeFileSync(file, text);
  const { id } = await createImport(deps, {
    fileName: name,
    file,
    defaults: {},
    source: 'cli',
    createdBy: null,
  });
  return readAndApply(deps, id, file);
}

const runStatus = async (id: number) =>
  (await deps.db.selectFrom('quality_runs').select('status').where('id', '=', id).executeTakeFirstOrThrow())
    .status;

beforeAll(async () => {
  env = await openTestDatabase();
  deps = { ...env.deps, now: () => NOW };
  dir = mkdtempSync(path.join(tmpdir(), 'cek-bansos-register-'));
  const [a, b] = placesIn(deps.regions, '34.02');
  const [m1, m2] = placesIn(deps.regions, '35.76');
  // The same program and month in two regencies: the register holds both lists (decision 0021).
  expect((await importText('bantul.csv', dirtyList(a, b, 20).text)).status).toBe('done');
  expect((await importText('mojokerto.csv', dirtyList(m1, m2, 20).text)).status).toBe('done');
  admin = await officerNamed(deps.db, 'admin');
  mojokerto = await officerNamed(deps.db, 'dinsos.mojokerto');
  kelurahan = await officerNamed(deps.db, 'kel.wates');
}, 180_000);

afterAll(async () => {
  await env?.close();
  if (dir) rmSync(dir, { recursive: true, force: true });
});

describe('a whole-register run', () => {
  let runId: number;

  it('runs off the request path, keeps its findings, and each office reads its own regency', async () => {
    const started = await startRegisterRun(deps, admin, '127.0.0.1', (error) => {
      throw error;
    });
    expect(started.started).toBe(true);
    runId = started.id;
    // Pressing the button again while it runs starts nothing new.
    expect(await startRegisterRun(deps, admin, null, () => {})).toEqual({ id: runId, started: false });
    await expect.poll(() => runStatus(runId), { timeout: 60_000 }).toBe('done');
    const { done } = await latestRuns(deps);
    expect(done?.id).toBe(runId);
    expect(done?.steps_done).toBe(done?.steps_total);

    const all = await registerReportPage(deps, admin, runId, {}, 10_000);
    const own = await registerReportPage(deps, mojokerto, runId, {}, 10_000);
    expect(own.total).toBeGreaterThan(0);
    expect(own.total).toBeLessThan(all.total);
    const areas = await deps.db
      .selectFrom('quality_run_findings')
      .select(['area_code', (eb) => eb.fn.countAll<string>().as('n')])
      .where('run_id', '=', runId)
      .groupBy('area_code')
      .orderBy('area_code')
      .execute();
    // Each finding is placed in a regency (its household's, else its NIK's): here the two lists'.
    expect(areas.map((r) => r.area_code)).toEqual(['34.02', '35.76']);
    expect(own.total).toBe(Number(areas[1]?.n));
    expect(all.total).toBe(Number(areas[0]?.n) + Number(areas[1]?.n));
    // What the page shows a Mojokerto officer is about Mojokerto's households or NIKs.
    const mojokertoNik = (nik: string) => nik.startsWith('3576');
    expect(
      own.findings.filter((f) => f.householdIds.length === 0 && !f.niks.some(mojokertoNik)).length,
    ).toBeLessThan(own.total / 10);
    for (const rule of [
      'nik_district_mismatch',
      'duplicate_nik_period',
      'name_variant',
      'nik_two_names',
    ] as const)
      expect(own.counts[rule].findings, rule).toBeGreaterThan(0);
    // Counts first cover what the rows below page through.
    expect(Object.values(own.counts).reduce((n, c) => n + c.findings, 0)).toBe(own.total);

    const audited = await deps.db
      .selectFrom('audit_log')
      .select(['action', 'target_type', 'target_id'])
      .where('action', '=', 'quality_run')
      .execute();
    expect(audited).toEqual([
      { action: 'quality_run', target_type: 'quality_run', target_id: String(runId) },
    ]);
  });

  it('is not there for a kelurahan operator', async () => {
    expect((await errorOf(registerReportPage(deps, kelurahan, runId, {}))).code).toBe('forbidden');
    expect((await errorOf(startRegisterRun(deps, kelurahan, null, () => {}))).code).toBe('forbidden');
  });

  it('lands odd page numbers and rule names on a real page', async () => {
    const last = await registerReportPage(deps, admin, runId, { page: '1e308' }, 5);
    expect(last.page).toBe(last.pages);
    expect(last.findings.length).toBeGreaterThan(0);
    for (const page of ['-3', '0', 'abc', '__proto__', '2.5e-9']) {
      expect((await registerReportPage(deps, admin, runId, { page }, 5)).page, page).toBe(1);
    }
    const proto = await registerReportPage(deps, admin, runId, { rule: '__proto__' });
    expect(proto.rule).toBeNull();
    const one = await registerReportPage(deps, admin, runId, { rule: 'duplicate_nik_period' });
    expect(one.findings.every((f) => f.rule === 'duplicate_nik_period')).toBe(true);
    expect(one.total).toBe(one.counts.duplicate_nik_period.findings);
  });

  it('refuses a decision on a forged or foreign finding; a dismissal sticks on the next run', async () => {
    const all = await registerReportPage(deps, admin, runId, {}, 10_000);
    const own = await registerReportPage(deps, mojokerto, runId, {}, 10_000);
    const foreign = all.findings.find((f) => !own.findings.some((o) => o.key === f.key));
    const mine = own.findings.find((f) => f.rule === 'duplicate_nik_period');
    if (!foreign || !mine) throw new Error('fixture: a finding of each regency');
    const review = (key: string, decision = 'dismissed') =>
      errorOf(reviewRegisterFinding(deps, mojokerto, { key, decision }, null));
    expect((await review('nik_invalid:0000000000000000')).code).toBe('not_found');
    expect((await review(foreign.key)).code).toBe('not_found');
    expect((await review('x'.repeat(5000))).code).toBe('not_found');
    expect((await review(mine.key, 'maybe')).fields).toEqual({ decision: 'quality.decision_invalid' });
    expect(
      (await errorOf(reviewRegisterFinding(deps, kelurahan, { key: mine.key, decision: 'dismissed' }, null)))
        .code,
    ).toBe('forbidden');
    const reviewed = await deps.db.selectFrom('quality_reviews').select('finding_key').execute();
    expect(reviewed).toEqual([]);

    await reviewRegisterFinding(deps, mojokerto, { key: mine.key, decision: 'dismissed' }, null);
    await runRegisterReport(deps, runId);
    const again = runId;
    const next = await registerReportPage(deps, mojokerto, again, { rule: 'duplicate_nik_period' }, 10_000);
    expect(next.findings.find((f) => f.key === mine.key)?.review).toBe('dismissed');
    expect(next.counts.duplicate_nik_period.dismissed).toBe(1);
    const csv: string[] = [];
    for await (const f of registerFindings(deps, mojokerto, again)) csv.push(...findingCsv(f));
    expect(csv.length).toBeGreaterThan(0);
    expect(csv.join('')).not.toContain(mine.niks[0] as string);
  });

  it('a newer run replaces the findings of the older ones', async () => {
    const { id } = await startRegisterRun(deps, admin, null, (error) => {
      throw error;
    });
    await expect.poll(() => runStatus(id), { timeout: 60_000 }).toBe('done');
    const kept = await deps.db.selectFrom('quality_run_findings').select('run_id').distinct().execute();
    expect(kept).toEqual([{ run_id: id }]);
    expect(await deps.db.selectFrom('quality_runs').select('id').where('id', '<', id).execute()).toEqual([]);
  });
});

describe('a run left behind', () => {
  async function leftRun(runner: string | null, heartbeat: Date | null) {
    return (
      await deps.db
        .insertInto('quality_runs')
        .values({
          status: 'running',
          steps_total: 7,
          steps_done: 2,
          runner,
          heartbeat_at: heartbeat?.toISOString() ?? null,
          attempts: 1,
          created_by: admin.id,
          created_at: new Date().toISOString(),
        })
        .returning('id')
        .executeTakeFirstOrThrow()
    ).id;
  }

  it('is taken up when its process is gone or silent, and left alone while it lives', async () => {
    // A process of this host that has exited, and one of another host silent for five minutes.
    const deadPid = spawnSync(process.execPath, ['-e', '0']).pid;
    const live = { ...deps, now: () => new Date() };
    const crashed = await leftRun(`${hostname()}/${deadPid}`, new Date());
    const silent = await leftRun('other-host/123', new Date(Date.now() - 5 * 60_000));
    const busy = await leftRun('other-host/456', new Date());
    const mine = await leftRun(thisRunner(), new Date());
    const taken = await resumeAbandonedRuns(live, (error) => {
      throw error;
    });
    expect(taken.sort()).toEqual([crashed, silent].sort());
    // A second look (another process starting at the same moment) takes nothing twice.
    expect(await resumeAbandonedRuns(live, () => {})).toEqual([]);
    // Each finishes (the newer then clears the older's findings as a finished run does).
    const stillRunning = async () =>
      (
        await deps.db
          .selectFrom('quality_runs')
          .select('id')
          .where('id', 'in', [crashed, silent])
          .where('status', '<>', 'done')
          .execute()
      ).length;
    await expect.poll(stillRunning, { timeout: 60_000 }).toBe(0);
    expect((await latestRuns(deps)).done?.id).toBe(silent);
    const attempts = await deps.db
      .selectFrom('quality_runs')
      .select(['id', 'status', 'attempts'])
      .where('id', 'in', [busy, mine])
      .orderBy('id')
      .execute();
    expect(attempts).toEqual([
      { id: busy, status: 'running', attempts: 1 },
      { id: mine, status: 'running', attempts: 1 },
    ]);
  });
});
