// Importing recipient lists, on both engines: a dirty list with every defect planted at known
// lines gives a report that finds each one and flags no clean row (precision and recall printed);
// re-importing changes nothing; a household left off a new month's list keeps its history.
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { DomainDeps } from '../../src/domain/deps.ts';
import { rejectedRowsCsv } from '../../src/domain/import/rejected-rows.ts';
import type { ImportDeps } from '../../src/domain/import/run-import.ts';
import { qualityReport } from '../../src/domain/quality/quality-report.ts';
import { qualityCsv } from '../../src/domain/quality/report-csv.ts';
import { reviewFinding } from '../../src/domain/quality/review-finding.ts';
import { importText as importListText } from '../support/imports.ts';
import { dirtyList, HEADER, person, placesIn, rowOf } from '../support/recipient-lists.ts';
import { openTestDatabase } from '../support/test-app.ts';

let env: Awaited<ReturnType<typeof openTestDatabase>>;
let deps: DomainDeps;
let dir: string;
const NOW = new Date('2021-03-01T00:00:00Z');

beforeAll(async () => {
  env = await openTestDatabase();
  deps = { ...env.deps, now: () => NOW };
  dir = mkdtempSync(path.join(tmpdir(), 'cek-bansos-import-'));
}, 120_000);

afterAll(async () => {
  await env?.close();
  if (dir) rmSync(dir, { recursive: true, force: true });
});

const ALL_PROGRAMS = ['BPNT', 'PKH', 'BST', 'PBI-JK', 'PIP', 'KKS'];

async function importText(d: ImportDeps, name: string, text: string | Buffer, complete: string[] = []) {
  return importListText(d, dir, name, text, {}, { includePrograms: ALL_PROGRAMS, complete, partial: [] });
}

async function registerSnapshot() {
  const db = deps.db;
  return {
    households: await db.selectFrom('households').selectAll().orderBy('id').execute(),
    members: await db.selectFrom('household_members').selectAll().orderBy('id').execute(),
    memberships: await db.selectFrom('program_memberships').selectAll().orderBy('id').execute(),
    endings: await db
      .selectFrom('membership_endings')
      .select(['household_id', 'program_code', 'period', 'reason'])
      .orderBy('id')
      .execute(),
  };
}

describe('a dirty list with every defect planted', () => {
  it('is imported, and the report finds every planted defect and flags no clean row', async () => {
    const [a, b] = placesIn(deps.regions, '34.02');
    const list = dirtyList(a, b, 60);
    const previous = await importText(deps, 'januari.csv', list.previousMonth);
    expect(previous.status).toBe('done');
    expect(previous.rowsAccepted).toBe(3);
    // The sanggahan proven against two households of January's list.
    for (const [kk, topic] of [
      [list.sanggahanKk, 'sudah_mampu'],
      [list.deadKk, 'meninggal'],
    ] as const) {
      const household = await deps.db
        .selectFrom('households')
        .select('id')
        .where('kk', '=', kk)
        .executeTakeFirstOrThrow();
      await deps.db
        .insertInto('tickets')
        .values({
          kind: 'sanggahan',
          status: 'terbukti',
          household_id: household.id,
          topic,
          opened_at: '2021-01-05T00:00:00.000Z',
          updated_at: '2021-01-20T00:00:00.000Z',
          closed_at: '2021-01-20T00:00:00.000Z',
          payload: '{}',
        })
        .execute();
    }

    // February's list holds one of the three households January had in that village: taken as
    // partial by default (nothing would end), so the officer declares it complete there.
    const outcome = await importText(deps, 'februari.csv', list.text, [`BPNT|2021-02|${a.villages[0]}`]);
    expect(outcome.status).toBe('done');
    const rejectedLines = new Set(list.planted.filter((p) => p.rule === 'rejected_row').map((p) => p.line));
    expect(outcome.rowsRejected).toBe(rejectedLines.size + 1); // + the NIK that is too short
    expect(outcome.rowsAccepted + outcome.rowsRejected).toBe(
      list.clean.length + new Set(list.planted.map((p) => p.line)).size,
    );

    const report = await qualityReport(deps, { importId: outcome.importId });
    const flagged = new Set(
      report.findings
        .filter((f) => f.kind === 'defect')
        .flatMap((f) => f.lines.map((line) => `${f.rule}@${line}`)),
    );
    const expected = new Set(list.planted.map((p) => `${p.rule}@${p.line}`));
    const found = [...expected].filter((e) => flagged.has(e));
    const wrong = [...flagged].filter((f) => !expected.has(f));
    const precision = found.length / flagged.size;
    const recall = found.length / expected.size;
    console.log(
      `data-quality report on the dirty list: precision ${precision.toFixed(3)}, recall ${recall.toFixed(3)} (${expected.size} planted (rule, line) pairs, ${flagged.size} flagged)`,
    );
    expect(wrong).toEqual([]);
    expect([...expected].filter((e) => !flagged.has(e))).toEqual([]);
    const cleanFlagged = list.clean.filter((line) => [...flagged].some((f) => f.endsWith(`@${line}`)));
    expect(cleanFlagged).toEqual([]);

    // The household proven dead and the one simply left off have their membership ended, not deleted.
    const endings = await deps.db
      .selectFrom('membership_endings as e')
      .innerJoin('households as h', 'h.id', 'e.household_id')
      .select(['h.kk', 'e.reason', 'e.period', 'e.last_period'])
      .orderBy('h.kk')
      .execute();
    expect(endings).toEqual(
      expect.arrayContaining([
        { kk: list.deadKk, reason: 'meninggal', period: '2021-02', last_period: '2021-01' },
        { kk: list.droppedKk, reason: 'tidak_ada_di_daftar', period: '2021-02', last_period: '2021-01' },
      ]),
    );
    const kept = await deps.db
      .selectFrom('program_memberships as m')
      .innerJoin('households as h', 'h.id', 'm.household_id')
      .select('m.period')
      .where('h.kk', '=', list.deadKk)
      .execute();
    expect(kept).toEqual([{ period: '2021-01' }]);
    const changes = report.findings.filter((f) => f.rule === 'period_dropped');
    expect(changes.map((f) => f.detail).join(' ')).toContain('meninggal');

    // The CSV: rule, line, nik, detail; the rejected rows with a reason, formulas neutralised.
    const csv = [...qualityCsv(report)].join('');
    expect(csv.split('\r\n')[0]).toBe('"rule","line","nik","detail"');
    const rejected: string[] = [];
    for await (const chunk of rejectedRowsCsv(deps, outcome.importId, (r) => `alasan:${r}`))
      rejected.push(chunk);
    const rejectedText = rejected.join('');
    expect(rejectedText).toContain('"alasan:nama_format"');
    expect(rejectedText).toContain(`"'=HYPERLINK(""http://x"",""klik"")"`);
    expect(rejectedText).not.toMatch(/(^|,)"=/m);

    // "Not a problem" sticks to the finding on the next run.
    const dismissed = report.findings.find((f) => f.rule === 'nik_sex_mismatch');
    expect(dismissed).toBeDefined();
    await reviewFinding(
      deps,
      { id: 1, role: 'dinsos' },
      { key: dismissed?.key ?? '', decision: 'dismissed' },
      '127.0.0.1',
    );
    const again = await qualityReport(deps, { importId: outcome.importId });
    expect(again.findings.find((f) => f.key === dismissed?.key)?.review).toBe('dismissed');
    expect(again.counts.nik_sex_mismatch).toEqual({ findings: 1, dismissed: 1 });
    expect([...qualityCsv(again)].join('')).not.toContain('nik_sex_mismatch');
    const audit = await deps.db
      .selectFrom('audit_log')
      .select(['action', 'detail'])
      .where('action', '=', 'quality_review')
      .execute();
    expect(audit).toHaveLength(1);

    // Re-importing the same file changes nothing in the register.
    const before = await registerSnapshot();
    const repeat = await importText(deps, 'februari-lagi.csv', list.text, [`BPNT|2021-02|${a.villages[0]}`]);
    expect(repeat.status).toBe('done');
    expect(await registerSnapshot()).toEqual(before);

    // The whole register: the same defects, each once, though the file was imported twice.
    const all = await qualityReport(deps, { all: true });
    expect(all.counts.duplicate_nik_period.findings).toBe(1);
    expect(all.counts.exclusive_programs.findings).toBe(1);
  }, 120_000);
});

describe('desil-based programs in the report', () => {
  it("finds a PKH list without desil once per village, not once per row, and a desil above PKH's limit per row", async () => {
    const [, b] = placesIn(deps.regions, '34.02');
    const village = b.villages[1] as string;
    const heads = Array.from({ length: 7 }, (_, i) => ({ ...person(b, 70_000 + i), village }));
    const rows = heads.map((p, i) =>
      rowOf(p, { program: 'PKH', period: '2021-Q2', desil: i < 5 ? '' : '5' }),
    );
    const outcome = await importText(deps, 'pkh-tanpa-desil.csv', `${[HEADER, ...rows].join('\n')}\n`);
    expect(outcome.status).toBe('done');
    const report = await qualityReport(deps, { importId: outcome.importId });
    const missing = report.findings.filter((f) => f.rule === 'desil_missing');
    expect(missing).toHaveLength(1);
    expect(missing[0]).toMatchObject({
      count: 5,
      lines: [2],
      detail: `program=PKH periode=2021-Q2 desa=${village} baris=5`,
    });
    const above = report.findings.filter((f) => f.rule === 'desil_above_ceiling');
    expect(above.map((f) => f.lines[0])).toEqual([7, 8]);
    expect(above[0]?.detail).toBe('program=PKH periode=2021-Q2 desil=5 batas=4');
    // The ceiling is the register's: raised to 5, the two rows are within it.
    await deps.db.updateTable('programs').set({ desil_ceiling: 5 }).where('code', '=', 'PKH').execute();
    try {
      const raised = await qualityReport(deps, { importId: outcome.importId });
      expect(raised.counts.desil_above_ceiling.findings).toBe(0);
    } finally {
      await deps.db.updateTable('programs').set({ desil_ceiling: 4 }).where('code', '=', 'PKH').execute();
    }
  }, 60_000);
});
