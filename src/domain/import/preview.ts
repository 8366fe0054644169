// What a read list would do to the register, computed without changing it (decision 0022): per
// program, period and village (a block), the rows read, accepted and rejected, the households
// new, unchanged and changed, and the memberships that would end; and per household, each change
// (before → after, suspicious amounts marked), each ending with its reason, each household kept
// because its row was refused, and each KK listed twice. The officer's decision (which other
// programs to take in, which villages the list is complete for) is applied here, so the figures
// confirmed are the figures written; the fingerprint names them.
import { createHash } from 'node:crypto';
import { type RawBuilder, sql } from 'kysely';
import type { Db } from '../../db/database.ts';
import type { DomainDeps } from '../deps.ts';
import { FLAGGED_FOR_REMOVAL } from '../tickets/workflow.ts';
import {
  blockKey,
  DEFAULT_IMPORT_SETTINGS,
  type ImportDecision,
  type ImportSettings,
  readDecision,
} from './import-decision.ts';

type Deps = Pick<DomainDeps, 'db'> & Partial<Pick<DomainDeps, 'imports'>>;

/** Why a household's membership would end when its proven objection says nothing. */
export const DROPPED_NOT_LISTED = 'tidak_ada_di_daftar';

/** A program code for rows whose program could not be read and no list program is known. */
const UNKNOWN_PROGRAM = '-';

/** The program the list is for: the one chosen for it, else the one most of its rows name. */
async function mainProgramOf(db: Db, importId: number, chosen: string | null): Promise<string> {
  if (chosen) return chosen;
  const top = await db
    .selectFrom('import_rows')
    .select(['program_code', (eb) => eb.fn.countAll<number>().as('n')])
    .where('import_id', '=', importId)
    .groupBy('program_code')
    .orderBy('n', 'desc')
    .orderBy('program_code')
    .executeTakeFirst();
  if (top) return top.program_code;
  const rejected = await db
    .selectFrom('import_rejections')
    .select('program_code')
    .where('import_id', '=', importId)
    .where('program_code', 'is not', null)
    .executeTakeFirst();
  return rejected?.program_code ?? UNKNOWN_PROGRAM;
}

/** The period most of the list's own rows name: where a rejected row without one is counted. */
async function mainPeriodOf(db: Db, importId: number, program: string, chosen: string | null) {
  if (chosen) return chosen;
  const top = await db
    .selectFrom('import_rows')
    .select(['period', (eb) => eb.fn.countAll<number>().as('n')])
    .where('import_id', '=', importId)
    .where('program_code', '=', program)
    .groupBy('period')
    .orderBy('n', 'desc')
    .orderBy('period')
    .executeTakeFirst();
  return top?.period ?? '-';
}

/** Computes (again) the preview of a read list under its stored decision; answers its fingerprint. */
export async function makePreview(deps: Deps, importId: number): Promise<string> {
  const settings = deps.imports ?? DEFAULT_IMPORT_SETTINGS;
  const db = deps.db;
  const record = await db
    .selectFrom('imports')
    .select(['default_program', 'default_period', 'decision'])
    .where('id', '=', importId)
    .executeTakeFirstOrThrow();
  const decision = readDecision(record.decision);
  const main = await mainProgramOf(db, importId, record.default_program);
  const mainPeriod = await mainPeriodOf(db, importId, main, record.default_period);
  const taken = [main, ...decision.includePrograms.filter((p) => p !== main)];
  const basis = await registerBasis(db);

  await db.transaction().execute(async (trx) => {
    await trx.deleteFrom('import_blocks').where('import_id', '=', importId).execute();
    await trx.deleteFrom('import_effects').where('import_id', '=', importId).execute();
    await sql`UPDATE import_rows SET included = CASE WHEN program_code IN (${sql.join(taken)}) THEN 1 ELSE 0 END
      WHERE import_id = ${importId}
        AND included <> CASE WHEN program_code IN (${sql.join(taken)}) THEN 1 ELSE 0 END`.execute(trx);
    await markSuperseded(trx, importId);
    // A refused row still names its family when its NIK or KK can be read: that family stays listed.
    await sql`UPDATE import_rejections SET household_id = coalesce(
        (SELECT h.id FROM households h WHERE h.kk = import_rejections.kk_key),
        (SELECT m.household_id FROM household_members m WHERE m.nik = import_rejections.nik_key))
      WHERE import_id = ${importId}`.execute(trx);

    await sql`INSERT INTO import_blocks (import_id, program_code, period, village_code, other_program, included, rows_accepted)
      SELECT ${importId}, r.program_code, r.period, r.register_village,
        CASE WHEN r.program_code = ${main} THEN 0 ELSE 1 END, max(r.included), count(*)
      FROM import_rows r WHERE r.import_id = ${importId}
      GROUP BY r.program_code, r.period, r.register_village`.execute(trx);
    // Refused rows are counted where they belong: their family's village, else the village they name.
    const refused = await sql<{ program_code: string; period: string; village_code: string; n: number }>`
      SELECT x.program_code, x.period, x.village_code, count(DISTINCT x.line) AS n
      FROM (SELECT coalesce(j.program_code, ${main}) AS program_code, coalesce(j.period, ${mainPeriod}) AS period,
          coalesce(h.village_code, j.village_code, '') AS village_code, j.line
        FROM import_rejections j LEFT JOIN households h ON h.id = j.household_id
        WHERE j.import_id = ${importId}) x
      GROUP BY x.program_code, x.period, x.village_code`.execute(trx);
    for (const r of refused.rows) {
      await trx
        .insertInto('import_blocks')
        .values({
          import_id: importId,
          program_code: r.program_code,
          period: r.period,
          village_code: r.village_code,
          other_program: r.program_code === main ? 0 : 1,
          included: taken.includes(r.program_code) ? 1 : 0,
          rows_rejected: Number(r.n),
        })
        .onConflict((oc) =>
          oc
            .columns(['import_id', 'program_code', 'period', 'village_code'])
            .doUpdateSet({ rows_rejected: Number(r.n) }),
        )
        .execute();
    }
    await sql`UPDATE import_blocks SET rows_read = rows_accepted + rows_rejected,
        baseline_period = (SELECT max(m.period) FROM program_memberships m JOIN households h ON h.id = m.household_id
          WHERE h.village_code = import_blocks.village_code AND m.program_code = import_blocks.program_code
            AND m.period <= import_blocks.period)
      WHERE import_id = ${importId}`.execute(trx);
    await sql`UPDATE import_blocks SET baseline_households = (SELECT count(*) FROM program_memberships m
          JOIN households h ON h.id = m.household_id
          WHERE h.village_code = import_blocks.village_code AND m.program_code = import_blocks.program_code
            AND m.period = import_blocks.baseline_period)
      WHERE import_id = ${importId} AND baseline_period IS NOT NULL`.execute(trx);

    await recordEndings(trx, importId);
    await recordChanges(trx, importId, settings);
    await recordDuplicates(trx, importId);
    await countBlocks(trx, importId, decision, settings);
  });
  const fingerprint = await fingerprintOf(db, importId);
  await db
    .updateTable('imports')
    .set({ main_program: main, preview_fingerprint: fingerprint, preview_basis: basis })
    .where('id', '=', importId)
    .execute();
  return fingerprint;
}

/**
 * Bits of `import_rows.superseded` (migration 035): another row of the list overrides this one for
 * the household (a later row taken in of the same KK), the head (an earlier row taken in of the
 * same NIK) or the membership (a later row of the same KK, program and period, taken in or not:
 * the rows of one program are all taken in or all left out).
 */
export const SUPERSEDED = { household: 1, head: 2, membership: 4 } as const;

/**
 * Marks the rows another row of the list overrides, once per preview (the rows taken in are
 * settled here), so the write and the comparison below read each household, head and membership
 * from its one row without probing the whole list again per chunk (decision 0042). The probes
 * are spelled as elsewhere in this file (`+import_id`, `|| ''`) so SQLite walks the KK and NIK
 * indexes; PostgreSQL joins the list with itself once per bit.
 */
async function markSuperseded(trx: Db, importId: number) {
  await sql`UPDATE import_rows SET superseded = 0 WHERE import_id = ${importId} AND superseded <> 0`.execute(
    trx,
  );
  const mark = (bit: number, taken: boolean, match: RawBuilder<unknown>) =>
    sql`UPDATE import_rows SET superseded = superseded + ${sql.lit(bit)}
      WHERE import_id = ${importId} ${taken ? sql`AND included = 1` : sql``}
        AND EXISTS (SELECT 1 FROM import_rows r2 WHERE +r2.import_id = ${importId}
          ${taken ? sql`AND r2.included = 1` : sql``} AND ${match})`.execute(trx);
  await mark(SUPERSEDED.household, true, sql`r2.kk = import_rows.kk AND r2.line > import_rows.line`);
  await mark(SUPERSEDED.head, true, sql`r2.nik = import_rows.nik AND r2.line < import_rows.line`);
  await mark(
    SUPERSEDED.membership,
    false,
    sql`r2.kk = import_rows.kk AND r2.program_code || '' = import_rows.program_code
      AND r2.period || '' = import_rows.period AND r2.line > import_rows.line`,
  );
}

/**
 * The households a block's village had in the period it is compared with that the list does not
 * hold. Each would end, unless a refused row of the list is theirs (by NIK or KK, or a row whose
 * number could not be read bearing their name): then it is kept as listed, unchanged.
 */
async function recordEndings(trx: Db, importId: number) {
  await sql`INSERT INTO import_effects (import_id, kind, program_code, period, village_code, household_id, kk, line,
      before_period, before_status, before_amount, before_channel, reason)
    SELECT ${importId},
      CASE WHEN t.tied_line IS NOT NULL OR t.named_line IS NOT NULL THEN 'kept' ELSE 'ending' END,
      t.program_code, t.period, t.village_code, t.household_id, t.kk, coalesce(t.tied_line, t.named_line),
      t.before_period, t.status, t.amount, t.channel,
      CASE WHEN t.tied_line IS NOT NULL THEN 'baris_ditolak'
        WHEN t.named_line IS NOT NULL THEN 'nama_baris_ditolak'
        ELSE coalesce(t.proven, ${DROPPED_NOT_LISTED}) END
    FROM (
      SELECT b.program_code, b.period, b.village_code, h.id AS household_id, h.kk,
        m.period AS before_period, m.status, m.amount, m.channel,
        (SELECT min(j.line) FROM import_rejections j WHERE j.import_id = ${importId} AND j.household_id = h.id
          AND (j.program_code IS NULL OR j.program_code = b.program_code)) AS tied_line,
        (SELECT min(j.line) FROM import_rejections j JOIN household_members hm ON hm.name_search = j.name_key
          WHERE j.import_id = ${importId} AND j.household_id IS NULL AND hm.household_id = h.id
            AND (j.program_code IS NULL OR j.program_code = b.program_code)) AS named_line,
        (SELECT s.topic FROM tickets s WHERE s.kind = 'sanggahan' AND s.status IN (${sql.join(FLAGGED_FOR_REMOVAL.map((state) => sql.lit(state)))})
          AND s.household_id = h.id ORDER BY s.id DESC LIMIT 1) AS proven
      FROM import_blocks b
      JOIN households h ON h.village_code = b.village_code
      JOIN program_memberships m ON m.household_id = h.id AND m.program_code = b.program_code
        AND m.period = b.baseline_period
      WHERE b.import_id = ${importId} AND b.baseline_period IS NOT NULL
        AND NOT EXISTS (SELECT 1 FROM import_rows r WHERE +r.import_id = ${importId} AND r.kk = h.kk
          AND r.program_code || '' = b.program_code AND r.period || '' = b.period)
        AND (b.baseline_period = b.period OR NOT EXISTS (SELECT 1 FROM program_memberships n
          WHERE n.household_id = h.id AND n.program_code = b.program_code AND n.period = b.period))
    ) t`.execute(trx);
}

/**
 * `+import_id` and `program_code || ''` in the probes for other rows of the same KK (here and in
 * markSuperseded): without them SQLite walks the import's primary key or its program-period index
 * (every row of the list) instead of the KK index, quadratic in the list. Both spellings are
 * plain SQL on PostgreSQL.
 *
 * The last row of each KK, program and period (not superseded as a membership), against what the register holds for it: the same
 * period when it is there (a revised list), else the latest period before. Amount and channel are
 * compared with either; the status with the same period only (a month's "tersalur" is not next
 * month's). A list does not lift a suspension, and an empty amount or channel keeps the old one.
 */
function comparedRows(importId: number) {
  return sql`SELECT l.line, l.kk, l.program_code, l.period, l.register_village AS village_code, h.id AS household_id,
      CASE WHEN s.id IS NOT NULL THEN s.period ELSE p.period END AS before_period,
      s.status AS before_status,
      CASE WHEN s.status = 'suspended' THEN s.status ELSE l.status END AS after_status,
      CASE WHEN s.id IS NOT NULL THEN s.amount ELSE p.amount END AS before_amount,
      CASE WHEN l.amount = 0 THEN coalesce(s.amount, p.amount, 0) ELSE l.amount END AS after_amount,
      CASE WHEN s.id IS NOT NULL THEN s.channel ELSE p.channel END AS before_channel,
      CASE WHEN l.channel = '' THEN coalesce(s.channel, p.channel, '') ELSE l.channel END AS after_channel
    FROM import_rows l
    LEFT JOIN households h ON h.kk = l.kk
    LEFT JOIN program_memberships s ON s.household_id = h.id AND s.program_code = l.program_code AND s.period = l.period
    LEFT JOIN program_memberships p ON p.household_id = h.id AND p.program_code = l.program_code
      AND p.period = (SELECT max(q.period) FROM program_memberships q
        WHERE q.household_id = h.id AND q.program_code = l.program_code AND q.period < l.period)
    WHERE l.import_id = ${importId} AND (l.superseded & ${sql.lit(SUPERSEDED.membership)}) = 0`;
}

async function recordChanges(trx: Db, importId: number, settings: ImportSettings) {
  const factor = settings.suspiciousFactor;
  await sql`INSERT INTO import_effects (import_id, kind, program_code, period, village_code, household_id, kk, line,
      suspicious, before_period, before_status, after_status, before_amount, after_amount, before_channel, after_channel)
    SELECT ${importId}, 'changed', c.program_code, c.period, c.village_code, c.household_id, c.kk, c.line,
      CASE WHEN c.before_amount > 0 AND c.after_amount > 0
        AND (c.after_amount >= c.before_amount * ${factor} OR c.after_amount * ${factor} <= c.before_amount) THEN 1 ELSE 0 END,
      c.before_period, c.before_status, c.after_status, c.before_amount, c.after_amount, c.before_channel, c.after_channel
    FROM (${comparedRows(importId)}) c
    WHERE c.before_period IS NOT NULL
      AND (c.after_amount <> c.before_amount OR c.after_channel <> c.before_channel
        OR (c.before_status IS NOT NULL AND c.after_status <> c.before_status))`.execute(trx);
  const news = await sql<{
    program_code: string;
    period: string;
    village_code: string;
    listed: number;
    fresh: number;
  }>`
    SELECT c.program_code, c.period, c.village_code, count(*) AS listed,
      sum(CASE WHEN c.before_period IS NULL THEN 1 ELSE 0 END) AS fresh
    FROM (${comparedRows(importId)}) c
    GROUP BY c.program_code, c.period, c.village_code`.execute(trx);
  for (const n of news.rows) {
    await trx
      .updateTable('import_blocks')
      .set({ households_new: Number(n.fresh), households_unchanged: Number(n.listed) - Number(n.fresh) })
      .where('import_id', '=', importId)
      .where('program_code', '=', n.program_code)
      .where('period', '=', n.period)
      .where('village_code', '=', n.village_code)
      .execute();
  }
}

/** Two rows of one KK in one program and period: one membership holds them, so the officer is told. */
async function recordDuplicates(trx: Db, importId: number) {
  await sql`INSERT INTO import_effects (import_id, kind, program_code, period, village_code, kk, line, after_amount)
    SELECT ${importId}, 'duplicate', r.program_code, r.period, r.register_village, r.kk, r.line, r.amount
    FROM import_rows r
    WHERE r.import_id = ${importId} AND EXISTS (SELECT 1 FROM import_rows r2 WHERE +r2.import_id = ${importId}
      AND r2.kk = r.kk AND r2.program_code || '' = r.program_code AND r2.period || '' = r.period AND r2.line <> r.line)`.execute(
    trx,
  );
}

/** Each block's counts from its effects, and whether the list ends anything there. */
async function countBlocks(trx: Db, importId: number, decision: ImportDecision, settings: ImportSettings) {
  const effects = await sql<{
    program_code: string;
    period: string;
    village_code: string;
    kind: string;
    n: number;
    suspicious: number;
  }>`SELECT program_code, period, village_code, kind, count(*) AS n, sum(suspicious) AS suspicious
    FROM import_effects WHERE import_id = ${importId} AND kind IN ('changed', 'ending', 'kept')
    GROUP BY program_code, period, village_code, kind`.execute(trx);
  const byBlock = new Map<string, { changed: number; suspicious: number; ending: number; kept: number }>();
  for (const e of effects.rows) {
    const key = blockKey(e);
    const counts = byBlock.get(key) ?? { changed: 0, suspicious: 0, ending: 0, kept: 0 };
    if (e.kind === 'changed') {
      counts.changed = Number(e.n);
      counts.suspicious = Number(e.suspicious);
    } else if (e.kind === 'ending') counts.ending = Number(e.n);
    else counts.kept = Number(e.n);
    byBlock.set(key, counts);
  }
  const blocks = await trx
    .selectFrom('import_blocks')
    .selectAll()
    .where('import_id', '=', importId)
    .execute();
  for (const block of blocks) {
    const key = blockKey(block);
    const counts = byBlock.get(key) ?? { changed: 0, suspicious: 0, ending: 0, kept: 0 };
    const baseline = Number(block.baseline_households);
    // The share of the village's households the list still holds (or keeps, for refused rows).
    const share = baseline === 0 ? 1 : 1 - counts.ending / baseline;
    const byDefault =
      block.other_program === 0 && block.village_code !== '' && share >= settings.completeShare ? 1 : 0;
    const declared = decision.partial.includes(key) ? 0 : decision.complete.includes(key) ? 1 : byDefault;
    await trx
      .updateTable('import_blocks')
      .set({
        households_changed: counts.changed,
        households_unchanged: Number(block.households_unchanged) - counts.changed,
        suspicious: counts.suspicious,
        would_end: counts.ending,
        kept: counts.kept,
        complete_by_default: byDefault,
        complete: block.included === 1 && block.village_code !== '' ? declared : 0,
      })
      .where('import_id', '=', importId)
      .where('program_code', '=', block.program_code)
      .where('period', '=', block.period)
      .where('village_code', '=', block.village_code)
      .execute();
  }
}

/**
 * Which lists the register holds, as far as a preview depends on it: only writing or rolling back
 * a list changes the register in bulk, so a preview made against the same basis has the same
 * figures, and confirming it need not make it again.
 */
export async function registerBasis(db: Db): Promise<string> {
  const row = await db
    .selectFrom('imports')
    .select((eb) => [
      eb.fn.sum<number>(eb.case().when('phase', '=', 'applied').then(1).else(0).end()).as('applied'),
      eb.fn.sum<number>(eb.case().when('phase', '=', 'rolled_back').then(1).else(0).end()).as('rolled_back'),
      eb.fn
        .max(eb.case().when('phase', 'in', ['applied', 'rolled_back']).then(eb.ref('id')).end())
        .as('last'),
    ])
    .executeTakeFirst();
  return `${Number(row?.applied ?? 0)}|${Number(row?.rolled_back ?? 0)}|${Number(row?.last ?? 0)}`;
}

/** Names the figures of a preview: what the officer saw is what is written, or nothing is. */
async function fingerprintOf(db: Db, importId: number): Promise<string> {
  const blocks = await db
    .selectFrom('import_blocks')
    .select([
      'program_code',
      'period',
      'village_code',
      'included',
      'complete',
      'rows_accepted',
      'rows_rejected',
      'households_new',
      'households_changed',
      'would_end',
      'kept',
      'baseline_period',
    ])
    .where('import_id', '=', importId)
    .orderBy('program_code')
    .orderBy('period')
    .orderBy('village_code')
    .execute();
  const hash = createHash('sha256');
  for (const b of blocks) hash.update(`${Object.values(b).map(String).join('\t')}\n`);
  return hash.digest('hex');
}
