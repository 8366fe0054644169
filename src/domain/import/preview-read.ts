// Reading a list's preview for the import's page, the command line and the audit row: the totals,
// the blocks (program, period, village) with their counts and rejection reasons, the rows of other
// programs, and the households changed (suspicious amounts first), ending, kept or listed twice,
// page by page with the names the back office shows.
import { sql } from 'kysely';
import type { DomainDeps } from '../deps.ts';
import { DEFAULT_IMPORT_SETTINGS, type ImportSettings } from './import-decision.ts';

type Deps = Pick<DomainDeps, 'db'>;

export interface PreviewTotals {
  rowsRead: number;
  rowsAccepted: number;
  rowsRejected: number;
  householdsNew: number;
  householdsUnchanged: number;
  householdsChanged: number;
  suspicious: number;
  kept: number;
  /** Memberships that end when the list is written (in the blocks declared complete). */
  ending: number;
  /** Of those, the endings in villages losing more than the large-ending share: typed to confirm. */
  largeEndings: number;
  /** Memberships that would end in blocks not declared complete: they stay. */
  notEnding: number;
  villagesComplete: number;
  villagesPartial: number;
  duplicates: number;
  /** Programs other than the list's own whose rows are taken in. */
  programsTakenIn: string[];
  /** Rows of programs other than the list's own, per program, and whether they are taken in. */
  otherPrograms: { program: string; rows: number; included: boolean }[];
}

export type PreviewBlock = Awaited<ReturnType<typeof previewBlocks>>[number];

export function isLargeEnding(
  block: { would_end: number; baseline_households: number; complete: number },
  settings: ImportSettings,
): boolean {
  return (
    block.complete === 1 &&
    block.would_end > 0 &&
    block.would_end / Math.max(1, block.baseline_households) > settings.largeEndingShare
  );
}

export async function previewBlocks(deps: Deps, importId: number) {
  const blocks = await deps.db
    .selectFrom('import_blocks as b')
    .leftJoin('regions as v', 'v.code', 'b.village_code')
    .selectAll('b')
    .select('v.name as village_name')
    .where('b.import_id', '=', importId)
    .orderBy('b.other_program')
    .orderBy('b.program_code')
    .orderBy('b.period')
    .orderBy('b.village_code')
    .execute();
  const reasons = await sql<{ program_code: string; village_code: string; reason: string; n: number }>`
    SELECT x.program_code, x.village_code, x.reason, count(*) AS n
    FROM (SELECT coalesce(j.program_code, i.main_program) AS program_code,
        coalesce(h.village_code, j.village_code, '') AS village_code, j.reason
      FROM import_rejections j JOIN imports i ON i.id = j.import_id
      LEFT JOIN households h ON h.id = j.household_id
      WHERE j.import_id = ${importId}) x
    GROUP BY x.program_code, x.village_code, x.reason`.execute(deps.db);
  return blocks.map((b) => ({
    ...b,
    reasons: reasons.rows
      .filter((r) => r.program_code === b.program_code && r.village_code === b.village_code)
      .map((r) => ({ reason: r.reason, count: Number(r.n) })),
  }));
}

export async function previewTotals(
  deps: Deps,
  importId: number,
  settings: ImportSettings = DEFAULT_IMPORT_SETTINGS,
): Promise<PreviewTotals> {
  const blocks = await deps.db
    .selectFrom('import_blocks')
    .selectAll()
    .where('import_id', '=', importId)
    .execute();
  const duplicates = await deps.db
    .selectFrom('import_effects')
    .select((eb) => eb.fn.countAll<number>().as('n'))
    .where('import_id', '=', importId)
    .where('kind', '=', 'duplicate')
    .executeTakeFirst();
  const totals: PreviewTotals = {
    rowsRead: 0,
    rowsAccepted: 0,
    rowsRejected: 0,
    householdsNew: 0,
    householdsUnchanged: 0,
    householdsChanged: 0,
    suspicious: 0,
    kept: 0,
    ending: 0,
    largeEndings: 0,
    notEnding: 0,
    villagesComplete: 0,
    villagesPartial: 0,
    duplicates: Number(duplicates?.n ?? 0),
    programsTakenIn: [],
    otherPrograms: [],
  };
  const others = new Map<string, { rows: number; included: boolean }>();
  for (const b of blocks) {
    totals.rowsRead += b.rows_read;
    totals.rowsAccepted += b.rows_accepted;
    totals.rowsRejected += b.rows_rejected;
    if (b.other_program === 1) {
      const other = others.get(b.program_code) ?? { rows: 0, included: b.included === 1 };
      other.rows += b.rows_accepted;
      others.set(b.program_code, other);
    }
    if (b.included !== 1) continue;
    totals.householdsNew += b.households_new;
    totals.householdsUnchanged += b.households_unchanged;
    totals.householdsChanged += b.households_changed;
    totals.suspicious += b.suspicious;
    totals.kept += b.kept;
    if (b.complete === 1) {
      totals.ending += b.would_end;
      totals.villagesComplete++;
      if (isLargeEnding(b, settings)) totals.largeEndings += b.would_end;
    } else {
      totals.notEnding += b.would_end;
      if (b.village_code !== '') totals.villagesPartial++;
    }
  }
  totals.otherPrograms = [...others.entries()].map(([program, o]) => ({ program, ...o }));
  totals.programsTakenIn = totals.otherPrograms.filter((o) => o.included && o.rows > 0).map((o) => o.program);
  return totals;
}

export const EFFECTS_PAGE = 100;

export type EffectKind = 'changed' | 'ending' | 'kept' | 'duplicate';

/**
 * One page of a kind of effect, with the head's name and NIK as the back office shows them:
 * suspicious amount changes first, then by village and line.
 */
export async function previewEffects(deps: Deps, importId: number, kind: EffectKind, page = 1) {
  const rows = await deps.db
    .selectFrom('import_effects as e')
    .leftJoin('households as h', 'h.id', 'e.household_id')
    .leftJoin('regions as v', 'v.code', 'e.village_code')
    .select([
      'e.id',
      'e.program_code',
      'e.period',
      'e.village_code',
      'v.name as village_name',
      'e.line',
      'e.kk',
      'e.suspicious',
      'e.before_period',
      'e.before_status',
      'e.after_status',
      'e.before_amount',
      'e.after_amount',
      'e.before_channel',
      'e.after_channel',
      'e.reason',
      (eb) =>
        eb
          .selectFrom('household_members as m')
          .select('m.name')
          .whereRef('m.household_id', '=', 'e.household_id')
          .orderBy('m.relation')
          .orderBy('m.id')
          .limit(1)
          .as('name'),
      (eb) =>
        eb
          .selectFrom('import_rows as r')
          .select('r.name')
          .whereRef('r.import_id', '=', 'e.import_id')
          .whereRef('r.line', '=', 'e.line')
          .limit(1)
          .as('row_name'),
    ])
    .where('e.import_id', '=', importId)
    .where('e.kind', '=', kind)
    // Endings that happen: in the blocks the list is complete for (the others are only counted).
    .$if(kind === 'ending', (q) =>
      q.where(({ exists, selectFrom }) =>
        exists(
          selectFrom('import_blocks as b')
            .select('b.import_id')
            .whereRef('b.import_id', '=', 'e.import_id')
            .whereRef('b.program_code', '=', 'e.program_code')
            .whereRef('b.period', '=', 'e.period')
            .whereRef('b.village_code', '=', 'e.village_code')
            .where('b.complete', '=', 1)
            .where('b.included', '=', 1),
        ),
      ),
    )
    .orderBy('e.suspicious', 'desc')
    .orderBy('e.village_code')
    .orderBy('e.line')
    .orderBy('e.id')
    .limit(EFFECTS_PAGE + 1)
    .offset((Math.max(1, page) - 1) * EFFECTS_PAGE)
    .execute();
  return { rows: rows.slice(0, EFFECTS_PAGE), more: rows.length > EFFECTS_PAGE };
}
