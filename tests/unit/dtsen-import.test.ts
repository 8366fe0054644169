// A DTSEN list as BPS hands it out (issue 19), on both engines: its desil column under DTSEN's own
// names, its values as DTSEN writes them ("Desil 4", "D6", "Belum Ada Desil"), the snapshot the
// officer names (`2026-Q1`) kept with the list and said beside the desil, and "Belum Ada Desil"
// taking a desil away (a move to none in the history) where an empty cell leaves it be.
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { checkHouseholdByNik } from '../../src/domain/cek/check-household-by-nik.ts';
import type { DomainDeps } from '../../src/domain/deps.ts';
import { isAppError } from '../../src/domain/errors.ts';
import { mapHeader } from '../../src/domain/import/columns.ts';
import { readDesil, readDtsenSnapshot } from '../../src/domain/import/normalise-row.ts';
import { rollbackImport } from '../../src/domain/import/rollback-import.ts';
import { createImport, runImport } from '../../src/domain/import/run-import.ts';
import { startUploadedImport } from '../../src/domain/import/upload-import.ts';
import { qualityReport } from '../../src/domain/quality/quality-report.ts';
import { importPageText, rejectionText } from '../../src/i18n/import-messages.ts';
import { officerNamed } from '../support/domain-calls.ts';
import { confirmAndApply } from '../support/imports.ts';
import { HEADER, type Person, type Place, person, placesIn, rowOf } from '../support/recipient-lists.ts';
import { openTestDatabase } from '../support/test-app.ts';

describe('reading the desil of a DTSEN list', () => {
  it('knows the column by the names DTSEN lists give it', () => {
    for (const header of ['peringkat_kesejahteraan', 'Peringkat Kesejahteraan', 'DESIL_DTSEN', 'Desil']) {
      expect([...mapHeader(['nik', header]).columns.values()]).toEqual(['nik', 'desil']);
    }
  });

  it('reads 1–10 as DTSEN writes them, "Belum Ada Desil" as none, an empty cell as nothing said', () => {
    const read = Object.fromEntries(
      ['4', '04', '10', 'Desil 4', 'desil 10', 'D6', 'd 6', ' 7 '].map((t) => [t, readDesil(t)]),
    );
    expect(read).toEqual({
      '4': 4,
      '04': 4,
      '10': 10,
      'Desil 4': 4,
      'desil 10': 10,
      D6: 6,
      'd 6': 6,
      ' 7 ': 7,
    });
    for (const none of ['Belum Ada Desil', 'belum ada desil', 'BELUM ADA DESIL', '-']) {
      expect(readDesil(none)).toBe('none');
    }
    expect(readDesil('')).toBeNull();
    expect(readDesil('  ')).toBeNull();
    for (const bad of ['0', '11', 'lima', '4.5', 'Desil', 'D', 'Desil 11', '4,5', '-4'])
      expect(readDesil(bad), bad).toBeUndefined();
  });

  it('says what a desil cell may hold, in both languages', () => {
    expect(rejectionText('desil_format')).toMatch(/1–10.*Desil 4.*Belum Ada Desil/);
    expect(rejectionText('desil_format', 'en')).toMatch(/1–10.*Desil 4.*Belum Ada Desil/);
  });

  it('reads a snapshot as a quarter of DTSEN', () => {
    expect(['2026-Q1', '2026 q2', '2026Q3', '2025-TW4', ' 2026-q1 '].map(readDtsenSnapshot)).toEqual([
      '2026-Q1',
      '2026-Q2',
      '2026-Q3',
      '2025-Q4',
      '2026-Q1',
    ]);
    for (const bad of ['2026-01', 'Q1-2026', '2026-Q5', '2024-Q4', '2026', 'April 2026', ''])
      expect(readDtsenSnapshot(bad), bad).toBeNull();
  });
});

let env: Awaited<ReturnType<typeof openTestDatabase>>;
let deps: DomainDeps;
let dir: string;
let place: Place;
const NOW = new Date('2026-05-03T03:00:00Z');
/** The recipient-list header with the desil column under DTSEN's name. */
const DTSEN_HEADER = HEADER.replace(/;desil$/, ';Peringkat Kesejahteraan');

beforeAll(async () => {
  env = await openTestDatabase();
  deps = { ...env.deps, now: () => NOW };
  dir = mkdtempSync(path.join(tmpdir(), 'cek-bansos-dtsen-'));
  // Gunungkidul: a regency neither the demo data nor the other import suites write.
  const [first] = placesIn(deps.regions, '34.03');
  place = { district: first.district, villages: first.villages.slice(0, 1) };
}, 120_000);

afterAll(async () => {
  await env?.close();
  if (dir) rmSync(dir, { recursive: true, force: true });
});

let files = 0;
/** Read with the snapshot named (or none), confirmed with every program taken in, and written. */
async function applied(name: string, lines: string[], snapshot: string | null, header = DTSEN_HEADER) {
  const file = path.join(dir, `${files++}-${name}`);
  writeFileSync(file, `${[header, ...lines].join('\n')}\n`);
  const { id } = await createImport(deps, {
    fileName: name,
    file,
    defaults: {},
    source: 'cli',
    createdBy: null,
    dtsenSnapshot: snapshot,
  });
  const outcome = await runImport(deps, id, file);
  expect(outcome.status).toBe('done');
  await confirmAndApply(deps, id, { includePrograms: ['BPNT', 'PKH'], complete: [], partial: [] });
  return { id, outcome };
}

const importOf = (id: number) =>
  deps.db
    .selectFrom('imports')
    .select(['dtsen_snapshot', 'desil_column'])
    .where('id', '=', id)
    .executeTakeFirstOrThrow();

async function desils(people: Person[]) {
  const rows = await deps.db
    .selectFrom('households')
    .select(['kk', 'desil'])
    .where(
      'kk',
      'in',
      people.map((p) => p.kk),
    )
    .execute();
  const byKk = new Map(rows.map((r) => [r.kk, r.desil]));
  return people.map((p) => (byKk.has(p.kk) ? byKk.get(p.kk) : 'absent'));
}

async function movesOf(importId: number) {
  return deps.db
    .selectFrom('household_desil_changes as c')
    .innerJoin('households as h', 'h.id', 'c.household_id')
    .select(['h.kk', 'c.from_desil', 'c.to_desil'])
    .where('c.import_id', '=', importId)
    .orderBy('h.kk')
    .execute();
}

const cek = async (p: Person) => {
  const answer = await checkHouseholdByNik(deps, { nik: p.nik, kk: p.kk }, { clientKey: 'dtsen-test' });
  if (!answer.found) throw new Error(`${p.nik} not found`);
  return answer.desil;
};

describe('a DTSEN list and its snapshot', () => {
  it('stores the desil, its snapshot and its history; "Belum Ada Desil" moves it to none, a rollback back', async () => {
    const family = Array.from({ length: 6 }, (_, i) => person(place, 70_000 + i));
    const [siti, budi, unranked, silent, eleven, lima] = family as [
      Person,
      Person,
      Person,
      Person,
      Person,
      Person,
    ];
    const cells = new Map([
      [siti, 'Desil 4'],
      [budi, 'D6'],
      [unranked, 'Belum Ada Desil'],
      [silent, ''],
      [eleven, '11'],
      [lima, 'lima'],
    ]);
    const q1 = await applied(
      'dtsen-januari.csv',
      family.map((p) => rowOf(p, { period: '2026-01', desil: cells.get(p) })),
      '2026-Q1',
    );
    expect(q1.outcome).toMatchObject({ rowsRead: 6, rowsAccepted: 4, rowsRejected: 2, desilColumn: true });
    expect(await importOf(q1.id)).toEqual({ dtsen_snapshot: '2026-Q1', desil_column: 1 });
    const rejections = await deps.db
      .selectFrom('import_rejections')
      .select(['line', 'column_name', 'reason'])
      .where('import_id', '=', q1.id)
      .orderBy('line')
      .execute();
    expect(rejections).toEqual([
      { line: 6, column_name: 'desil', reason: 'desil_format' },
      { line: 7, column_name: 'desil', reason: 'desil_format' },
    ]);
    expect(await desils(family)).toEqual([4, 6, null, null, 'absent', 'absent']);
    // BPNT takes households up to desil 5: "Belum Ada Desil" and the empty cell of a new household
    // are both recipients without a desil (one finding for the village, two rows); D6 is above.
    const report = await qualityReport(deps, { importId: q1.id });
    expect(report.findings.filter((f) => f.rule === 'desil_missing').map((f) => f.count)).toEqual([2]);
    expect(report.findings.filter((f) => f.rule === 'desil_above_ceiling').map((f) => f.niks)).toEqual([
      [budi.nik],
    ]);
    // New households: a first desil is a move from none; none given, none recorded.
    expect(await movesOf(q1.id)).toEqual(
      [
        { kk: siti.kk, from_desil: null, to_desil: 4 },
        { kk: budi.kk, from_desil: null, to_desil: 6 },
      ].sort((a, b) => (a.kk < b.kk ? -1 : 1)),
    );
    expect(await cek(siti)).toMatchObject({ value: 4, as_of: '2026-05-03', snapshot: '2026-Q1' });

    // April: Siti's household is in DTSEN without a desil now; Budi's cell is empty (the list
    // says nothing of it: 6 stays); the unranked household and the silent one are ranked.
    const april = [
      rowOf(siti, { period: '2026-04', desil: 'belum ada desil' }),
      rowOf(budi, { period: '2026-04', desil: '' }),
      rowOf(unranked, { period: '2026-04', desil: 'd3' }),
      rowOf(silent, { period: '2026-04', desil: '04' }),
    ];
    const q2 = await applied('dtsen-april.csv', april, '2026-Q2');
    expect(await desils([siti, budi, unranked, silent])).toEqual([null, 6, 3, 4]);
    expect(await movesOf(q2.id)).toEqual(
      [
        { kk: siti.kk, from_desil: 4, to_desil: null },
        { kk: unranked.kk, from_desil: null, to_desil: 3 },
        { kk: silent.kk, from_desil: null, to_desil: 4 },
      ].sort((a, b) => (a.kk < b.kk ? -1 : 1)),
    );
    // The snapshot is the one of the list that last wrote the household: Budi's was not written
    // again in April (nothing of his household changed), so his desil is still January's.
    expect(await cek(silent)).toMatchObject({ value: 4, snapshot: '2026-Q2' });
    expect(await cek(budi)).toMatchObject({ value: 6, snapshot: '2026-Q1' });
    expect(await cek(siti)).toMatchObject({ value: null, snapshot: '2026-Q2' });

    // Rolled back: the April moves go with it, Siti's desil is 4 again, of 2026-Q1.
    await rollbackImport(deps, null, q2.id, null);
    expect(await movesOf(q2.id)).toEqual([]);
    expect(await desils([siti, budi, unranked, silent])).toEqual([4, 6, null, null]);
    expect(await cek(siti)).toMatchObject({ value: 4, snapshot: '2026-Q1' });
    await rollbackImport(deps, null, q1.id, null);
    expect(await movesOf(q1.id)).toEqual([]);
    expect(await desils(family)).toEqual(Array(6).fill('absent'));
  });

  it('notes a desil column without a snapshot (a warning, the list is read), and a list without one', async () => {
    const [a, b] = [person(place, 70_100), person(place, 70_101)];
    const unnamed = await applied('dtsen-tanpa-periode.csv', [rowOf(a, { desil: 'Desil 2' })], null);
    expect(unnamed.outcome.desilColumn).toBe(true);
    expect(await importOf(unnamed.id)).toEqual({ dtsen_snapshot: null, desil_column: 1 });
    expect(await cek(a)).toMatchObject({ value: 2, snapshot: null });
    const withoutColumn = await applied(
      'bpnt.csv',
      [rowOf(b).replace(/;[^;]*$/, '')],
      null,
      HEADER.replace(/;desil$/, ''),
    );
    expect(withoutColumn.outcome.desilColumn).toBe(false);
    expect(await importOf(withoutColumn.id)).toEqual({ dtsen_snapshot: null, desil_column: 0 });
    expect(importPageText('id')('snapshotMissing')).toContain('periode DTSEN');
    expect(importPageText('en')('snapshotMissing')).toContain('DTSEN snapshot');
  });

  it('refuses an upload whose snapshot is not a quarter, by its field, before anything is kept', async () => {
    const dewi = await officerNamed(deps.db, 'dinsos.mojokerto');
    const before = await deps.db.selectFrom('imports').select('id').execute();
    const error = await startUploadedImport(
      deps,
      dewi,
      {
        fileName: 'dtsen.csv',
        bytes: Buffer.from(`${DTSEN_HEADER}\n`),
        program: '',
        period: '',
        snapshot: 'April',
      },
      null,
      () => {},
    ).catch((e: unknown) => e);
    expect(isAppError(error) && error.code).toBe('validation_failed');
    expect(isAppError(error) && error.fields).toEqual({ periode_dtsen: 'import.snapshot_format' });
    expect(await deps.db.selectFrom('imports').select('id').execute()).toEqual(before);
    expect(importPageText('id')('snapshot_format')).toContain('2026-Q1');
    expect(importPageText('en')('snapshot_format')).toContain('2026-Q1');
  });
});
