// A household's desil keeps its history (issue 19, migration 022), on both engines: a list that
// moves a desil writes one row per household it moved, in the write of the household; the same
// list again writes none, a rejected row none, and a rollback takes its list's rows away.
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { DomainDeps } from '../../src/domain/deps.ts';
import { rollbackImport } from '../../src/domain/import/rollback-import.ts';
import { qualityReport } from '../../src/domain/quality/quality-report.ts';
import { confirmAndApply, previewFile } from '../support/imports.ts';
import { HEADER, type Person, type Place, person, placesIn, rowOf } from '../support/recipient-lists.ts';
import { openTestDatabase } from '../support/test-app.ts';

let env: Awaited<ReturnType<typeof openTestDatabase>>;
let deps: DomainDeps;
let dir: string;
let place: Place;
const NOW = new Date('2026-10-01T03:00:00Z');

beforeAll(async () => {
  env = await openTestDatabase();
  deps = { ...env.deps, now: () => NOW };
  dir = mkdtempSync(path.join(tmpdir(), 'cek-bansos-desil-history-'));
  // Kulon Progo: a regency neither the demo data nor the other import suites write.
  const [first] = placesIn(deps.regions, '34.01');
  place = { district: first.district, villages: first.villages.slice(0, 1) };
}, 120_000);

afterAll(async () => {
  await env?.close();
  if (dir) rmSync(dir, { recursive: true, force: true });
});

let files = 0;
/** Read, confirmed with PKH rows taken in as well as BPNT's, and written. */
async function applied(name: string, lines: string[]) {
  const file = path.join(dir, `${files++}-${name}`);
  writeFileSync(file, `${[HEADER, ...lines].join('\n')}\n`);
  const outcome = await previewFile(deps, file);
  expect(outcome.status).toBe('done');
  await confirmAndApply(deps, outcome.importId, {
    includePrograms: ['BPNT', 'PKH'],
    complete: [],
    partial: [],
  });
  return outcome.importId;
}

async function changesOf(kks: string[]) {
  return deps.db
    .selectFrom('household_desil_changes as c')
    .innerJoin('households as h', 'h.id', 'c.household_id')
    .select(['h.kk', 'c.import_id', 'c.from_desil', 'c.to_desil', 'c.changed_at'])
    .where('h.kk', 'in', kks)
    .orderBy('c.id')
    .execute();
}

async function desilOf(kk: string) {
  const h = await deps.db.selectFrom('households').select('desil').where('kk', '=', kk).executeTakeFirst();
  return h?.desil ?? null;
}

describe("a household's desil history", () => {
  it('records each move once, never for a rejected row, and loses it with its rollback', async () => {
    const family: Person[] = Array.from({ length: 6 }, (_, i) => person(place, 90_000 + i));
    const [siti, rejected, unranked] = family as [Person, Person, Person];
    const all = family.map((p) => p.kk);

    // January: every household is new; those the list gives a desil get their first one.
    const january = await applied(
      'januari.csv',
      family.map((p) => rowOf(p, { period: '2021-01', desil: p === siti ? '4' : p === unranked ? '' : '3' })),
    );
    const first = await changesOf(all);
    expect(first).toHaveLength(5);
    expect(first.every((c) => c.import_id === january && c.from_desil === null)).toBe(true);
    expect(first.find((c) => c.kk === siti.kk)).toMatchObject({ from_desil: null, to_desil: 4 });
    expect(first.some((c) => c.kk === unranked.kk)).toBe(false);

    // October: Siti's household moves from 4 to 6, the unranked one gets a desil; the others stay.
    const october = family.map((p) =>
      rowOf(p, { period: '2021-02', desil: p === siti ? '6' : p === unranked ? '2' : '3' }),
    );
    // Siti's household has a PKH row too: two rows of one KK, still one move.
    october.push(rowOf(siti, { program: 'PKH', period: '2021-Q1', desil: '6' }));
    const moved = await applied('dtsen-oktober.csv', october);
    const second = (await changesOf(all))
      .filter((c) => c.import_id === moved)
      .sort((a, b) => (a.kk < b.kk ? -1 : 1));
    expect(second.map(({ kk, from_desil, to_desil }) => ({ kk, from_desil, to_desil }))).toEqual(
      [
        { kk: siti.kk, from_desil: 4, to_desil: 6 },
        { kk: unranked.kk, from_desil: null, to_desil: 2 },
      ].sort((a, b) => (a.kk < b.kk ? -1 : 1)),
    );
    expect(String(second[0]?.changed_at).slice(0, 10)).toBe('2026-10-01');
    expect(await desilOf(siti.kk)).toBe(6);

    // The same list again moves nothing: no row. A rejected row (an impossible birth date) with
    // another desil changes nothing either.
    const again = await applied(
      'dtsen-oktober-lagi.csv',
      october.map((line, i) =>
        family[i] === rejected
          ? rowOf(rejected, { period: '2021-02', desil: '9', birthDate: '31-02-1970' })
          : line,
      ),
    );
    expect((await changesOf(all)).filter((c) => c.import_id === again)).toEqual([]);
    expect(await desilOf(rejected.kk)).toBe(3);

    // Rolled back (the latest first), the October list's moves go with it, and the desil is 4 again.
    await rollbackImport(deps, null, again, null);
    await rollbackImport(deps, null, moved, null);
    expect((await changesOf(all)).filter((c) => c.import_id === moved)).toEqual([]);
    expect(await desilOf(siti.kk)).toBe(4);
    expect(await changesOf(all)).toHaveLength(5);
    // January's own rollback removes the households it created, and their history first.
    await rollbackImport(deps, null, january, null);
    expect(await changesOf(all)).toEqual([]);
    expect(await desilOf(siti.kk)).toBeNull();
  });

  it('a move of more than two steps is a finding of the list that made it, with its line; two steps are not', async () => {
    const [far, near, none] = Array.from({ length: 3 }, (_, i) => person(place, 90_100 + i)) as [
      Person,
      Person,
      Person,
    ];
    await applied(
      'jan.csv',
      [far, near, none].map((p) => rowOf(p, { period: '2021-03', desil: '2' })),
    );
    const next = await applied('apr.csv', [
      rowOf(far, { period: '2021-04', desil: '7' }),
      rowOf(near, { period: '2021-04', desil: '4' }),
      rowOf(none, { period: '2021-04', desil: '2' }),
    ]);
    const report = await qualityReport(deps, { importId: next });
    const jumps = report.findings.filter((f) => f.rule === 'desil_jump');
    expect(jumps.map(({ lines, niks, detail }) => ({ lines, niks, detail }))).toEqual([
      { lines: [2], niks: [far.nik], detail: 'desil=2→7' },
    ]);
    expect(report.counts.desil_jump).toEqual({ findings: 1, dismissed: 0 });
    // The whole register's report finds it too, once.
    const all = await qualityReport(deps, { all: true });
    expect(all.findings.filter((f) => f.rule === 'desil_jump' && f.niks[0] === far.nik)).toHaveLength(1);
  });
});
