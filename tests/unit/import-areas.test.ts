// Imports and their reports by office, on both engines (decision 0021): a Dinas Sosial's upload is
// that office's and no other regency's; an import from the command line belongs to the
// deployment, and each office reads only its own regency's findings and refused rows of it; a
// decision on a finding the officer cannot read is refused; and the whole register holds each
// regency's latest list of a program and month, so two regencies' lists never hide each other.
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Officer } from '../../src/domain/backoffice/officer.ts';
import type { DomainDeps } from '../../src/domain/deps.ts';
import {
  findImport,
  type ImportRecord,
  listImports,
  rejectedRowsReadableBy,
} from '../../src/domain/import/import-access.ts';
import { rejectedRowsPage } from '../../src/domain/import/rejected-rows.ts';
import { createImport } from '../../src/domain/import/run-import.ts';
import { startUploadedImport } from '../../src/domain/import/upload-import.ts';
import { importQualityReport, reviewImportFinding } from '../../src/domain/quality/import-report.ts';
import { type Finding, qualityReport } from '../../src/domain/quality/quality-report.ts';
import { errorOf, officerNamed } from '../support/domain-calls.ts';
import { applyEveryProgram, readAndApply } from '../support/imports.ts';
import {
  dirtyList,
  HEADER,
  type Place,
  person,
  placesIn,
  rowOf,
  twoRegencyList,
} from '../support/recipient-lists.ts';
import { openTestDatabase } from '../support/test-app.ts';

let env: Awaited<ReturnType<typeof openTestDatabase>>;
let deps: DomainDeps;
let dir: string;
let admin: Officer;
let mojokerto: Officer;
let surabaya: Officer;
let kelurahan: Officer;
/** The deployment's list (command line): both cities. Mojokerto's own upload, later. */
let deployment: ImportRecord;
let upload: ImportRecord;
let mojokertoPlace: Place;
let surabayaPlace: Place;
const NOW = new Date('2021-03-01T00:00:00Z');

const fail = (error: unknown) => {
  throw error;
};

/**
 * Mojokerto's list with every planted defect, then two rows of Surabaya (one by its village, one
 * by its NIK alone) that the office may not write, and one of Mojokerto without a village code.
 */
function mojokertoUpload(m1: Place, m2: Place, s1: Place): string {
  return (
    dirtyList(m1, m2, 10).text +
    [
      rowOf(person(s1, 7)),
      rowOf(person(s1, 8), { village: '' }),
      rowOf(person(m1, 60_000), { village: '' }),
    ].join('\n') +
    '\n'
  );
}

async function importFile(name: string, text: string, createdBy: number | null = null) {
  const file = path.join(dir, name);
  writeFileSync(file, text);
  const { id } = await createImport(deps, { fileName: name, file, defaults: {}, source: 'cli', createdBy });
  expect((await readAndApply(deps, id, file)).status).toBe('done');
  return id;
}

const regencyOfNik = (nik: string) => `${nik.slice(0, 2)}.${nik.slice(2, 4)}`;
/** Where a finding's first NIK was issued (the fixtures' NIKs are issued where their rows live). */
const nikRegencies = (findings: Finding[]) =>
  [...new Set(findings.flatMap((f) => f.niks.slice(0, 1)).map(regencyOfNik))].sort();

beforeAll(async () => {
  env = await openTestDatabase();
  deps = { ...env.deps, now: () => NOW };
  dir = mkdtempSync(path.join(tmpdir(), 'cek-bansos-import-areas-'));
  admin = await officerNamed(deps.db, 'admin');
  mojokerto = await officerNamed(deps.db, 'dinsos.mojokerto');
  surabaya = await officerNamed(deps.db, 'dinsos.surabaya');
  kelurahan = await officerNamed(deps.db, 'kel.wates');
  const [m1, m2] = placesIn(deps.regions, '35.76');
  const [s1] = placesIn(deps.regions, '35.78');
  mojokertoPlace = m1;
  surabayaPlace = s1;

  const deploymentId = await importFile('provinsi.csv', twoRegencyList(m1, s1));
  const uploadId = await startUploadedImport(
    deps,
    mojokerto,
    { fileName: 'mojokerto.csv', bytes: Buffer.from(mojokertoUpload(m1, m2, s1)), program: '', period: '' },
    null,
    fail,
  );
  // The upload runs off the caller's path; wait for it (the hook's timeout bounds the wait).
  while ((await findImport(deps, admin, uploadId))?.status !== 'done')
    await new Promise((resolve) => setTimeout(resolve, 50));
  await applyEveryProgram(deps, uploadId);
  deployment = (await findImport(deps, admin, deploymentId)) as ImportRecord;
  upload = (await findImport(deps, admin, uploadId)) as ImportRecord;
}, 180_000);

afterAll(async () => {
  await env?.close();
  if (dir) rmSync(dir, { recursive: true, force: true });
});

describe('which imports an office opens', () => {
  it("records the uploading office's regency; the command line's import has none", () => {
    expect(upload.area_code).toBe('35.76');
    expect(deployment.area_code).toBeNull();
  });

  it("lists and opens its own uploads and the deployment's imports, never another regency's", async () => {
    const ids = async (officer: Officer) => (await listImports(deps, officer)).map((i) => i.id).sort();
    expect(await ids(admin)).toEqual([deployment.id, upload.id].sort());
    expect(await ids(mojokerto)).toEqual([deployment.id, upload.id].sort());
    expect(await ids(surabaya)).toEqual([deployment.id]);
    expect(await ids(kelurahan)).toEqual([]);
    expect(await findImport(deps, surabaya, upload.id)).toBeUndefined();
    expect(await findImport(deps, kelurahan, deployment.id)).toBeUndefined();
    expect((await findImport(deps, surabaya, deployment.id))?.id).toBe(deployment.id);
    for (const id of [0, -1, Number.NaN, 2 ** 60, 1.5])
      expect(await findImport(deps, admin, id)).toBeUndefined();
  });

  it("refuses the rows of another regency in an office's upload, and takes them from the command line", async () => {
    const refused = (await rejectedRowsPage(deps, upload.id)).filter((r) => r.reason === 'outside_area');
    expect(refused.map((r) => [r.cells.nik, r.column])).toEqual([
      [person(surabayaPlace, 7).nik, 'kode_desa'],
      [person(surabayaPlace, 8).nik, 'nik'],
    ]);
    const written = await deps.db
      .selectFrom('import_rows')
      .select('nik')
      .where('import_id', '=', upload.id)
      .where('nik', 'in', [
        person(surabayaPlace, 7).nik,
        person(surabayaPlace, 8).nik,
        person(mojokertoPlace, 60_000).nik,
      ])
      .execute();
    expect(written.map((r) => r.nik)).toEqual([person(mojokertoPlace, 60_000).nik]);
    expect((await rejectedRowsPage(deps, deployment.id)).some((r) => r.reason === 'outside_area')).toBe(
      false,
    );
  });
});

describe("an import's report, as each office reads it", () => {
  it("gives each Dinas Sosial only its regency's findings of the deployment's list", async () => {
    const all = await importQualityReport(deps, admin, deployment);
    const own = await importQualityReport(deps, mojokerto, deployment);
    const theirs = await importQualityReport(deps, surabaya, deployment);
    expect(nikRegencies(all.findings)).toEqual(['35.76', '35.78']);
    expect(nikRegencies(own.findings)).toEqual(['35.76']);
    expect(nikRegencies(theirs.findings)).toEqual(['35.78']);
    expect(own.findings.length + theirs.findings.length).toBe(all.findings.length);
    for (const report of [own, theirs]) {
      expect(report.counts.duplicate_nik_period.findings).toBe(1);
      expect(report.counts.rejected_row.findings).toBe(1);
      expect(Object.values(report.counts).reduce((n, c) => n + c.findings, 0)).toBe(report.findings.length);
    }
    expect(JSON.stringify(theirs)).not.toContain(person(mojokertoPlace, 100).nik);
    expect((await errorOf(importQualityReport(deps, kelurahan, deployment))).code).toBe('forbidden');
  });

  it('gives the uploading office every refused row of its own file, whatever the row says', async () => {
    const own = await importQualityReport(deps, mojokerto, upload);
    const all = await importQualityReport(deps, admin, upload);
    // The planted refusals, one of them a NIK of eight digits that names no regency at all.
    expect(own.counts.rejected_row.findings).toBe(all.counts.rejected_row.findings);
    expect(own.counts.nik_invalid.findings).toBe(all.counts.nik_invalid.findings);
    expect(own.findings.some((f) => f.niks.includes('35781234'))).toBe(true);
  });

  it("hands each office the refused rows of the deployment's list in its regency only", async () => {
    const rows = await rejectedRowsPage(deps, deployment.id);
    expect(rows).toHaveLength(2);
    const of = (officer: Officer, record: ImportRecord) =>
      rows.filter(rejectedRowsReadableBy(officer, record)).map((r) => r.cells.nik);
    expect(of(admin, deployment)).toEqual(rows.map((r) => r.cells.nik));
    expect(of(mojokerto, deployment)).toEqual([person(mojokertoPlace, 101).nik]);
    expect(of(surabaya, deployment)).toEqual([person(surabayaPlace, 101).nik]);
    const uploaded = await rejectedRowsPage(deps, upload.id);
    expect(uploaded.filter(rejectedRowsReadableBy(mojokerto, upload))).toHaveLength(uploaded.length);
  });

  it('refuses a decision on a forged finding or one of another regency, and keeps a decision on its own', async () => {
    const all = await importQualityReport(deps, admin, deployment);
    const foreign = all.findings.find((f) => f.niks[0]?.startsWith('3576'));
    const mine = all.findings.find((f) => f.rule === 'duplicate_nik_period' && f.niks[0]?.startsWith('3578'));
    if (!foreign || !mine) throw new Error('fixture: a finding of each city');
    const review = (officer: Officer, key: string, decision = 'dismissed', record = deployment) =>
      errorOf(reviewImportFinding(deps, officer, record, { key, decision }, null));
    expect((await review(surabaya, foreign.key)).code).toBe('not_found');
    expect((await review(surabaya, 'nik_invalid:0000000000000000')).code).toBe('not_found');
    expect((await review(surabaya, 'x'.repeat(5000))).code).toBe('not_found');
    // A finding of the deployment's list is not one of Mojokerto's upload.
    expect((await review(mojokerto, foreign.key, 'dismissed', upload)).code).toBe('not_found');
    expect((await review(surabaya, mine.key, 'maybe')).fields).toEqual({
      decision: 'quality.decision_invalid',
    });
    expect((await review(kelurahan, mine.key)).code).toBe('forbidden');
    expect(await deps.db.selectFrom('quality_reviews').select('finding_key').execute()).toEqual([]);

    await reviewImportFinding(deps, surabaya, deployment, { key: mine.key, decision: 'dismissed' }, null);
    const again = await importQualityReport(deps, surabaya, deployment);
    expect(again.findings.find((f) => f.key === mine.key)?.review).toBe('dismissed');
    expect(again.counts.duplicate_nik_period.dismissed).toBe(1);
  });
});

describe('the whole register', () => {
  it("holds each regency's latest list of a program and month: a newer list replaces only its own regency's", async () => {
    const before = await qualityReport(deps, { all: true });
    const twiceIn = (report: typeof before, place: Place) =>
      report.findings.some(
        (f) => f.rule === 'duplicate_nik_period' && f.niks.includes(person(place, 100).nik),
      );
    // Mojokerto's upload came after the deployment's list: for BPNT 2021-02 it is Mojokerto's list;
    // the deployment's list is still Surabaya's.
    expect(twiceIn(before, surabayaPlace)).toBe(true);
    expect(twiceIn(before, mojokertoPlace)).toBe(false);
    expect(nikRegencies(before.findings.filter((f) => f.rule === 'duplicate_nik_period'))).toEqual([
      '35.76',
      '35.78',
    ]);

    // Surabaya's own list of the same program and month, clean: Surabaya's part of the older one goes.
    const clean = [HEADER, ...[0, 1, 2].map((i) => rowOf(person(surabayaPlace, i)))].join('\n');
    await importFile('surabaya.csv', `${clean}\n`);
    const after = await qualityReport(deps, { all: true });
    expect(twiceIn(after, surabayaPlace)).toBe(false);
    expect(nikRegencies(after.findings.filter((f) => f.rule === 'duplicate_nik_period'))).toEqual(['35.76']);
  });
});
