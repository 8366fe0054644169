// A previewed list confirmed, discarded, or written into the register (decision 0022). Confirming
// checks that the officer saw the figures now in force (the preview's fingerprint) and, where a
// village would lose more than the large-ending share of its households, that the number of
// endings was typed; it is audited with the preview's totals. Writing goes step by step
// (households, heads, memberships, endings), each step in chunks of lines, each chunk one
// transaction that also records its progress and the state before of every row it changes, so a
// stopped write resumes where it was and a rollback (rollback-import.ts) restores exactly.
import { sql } from 'kysely';
import type { Db } from '../../db/database.ts';
import {
  duringBulkWrite,
  engineOf,
  isUniqueViolation,
  REGISTER_TABLES,
  refreshPlannerStatistics,
} from '../../db/engine.ts';
import { recordAudit } from '../backoffice/audit.ts';
import type { Officer } from '../backoffice/officer.ts';
import type { DomainDeps } from '../deps.ts';
import { AppError } from '../errors.ts';
import { jobStopped } from '../jobs/background-jobs.ts';
import { DEFAULT_IMPORT_SETTINGS, type ImportDecision } from './import-decision.ts';
import { nextPhase } from './import-lifecycle.ts';
import { makePreview, registerBasis, SUPERSEDED } from './preview.ts';
import { previewTotals } from './preview-read.ts';
import { NO_DESIL_YET } from './run-import.ts';

type Deps = Pick<DomainDeps, 'db' | 'now'> & Partial<Pick<DomainDeps, 'imports'>>;

/** Lines per transaction while writing: short enough that residents' own writes never wait long. */
export const APPLY_CHUNK_LINES = 20_000;

export interface Confirmation {
  /** The fingerprint of the preview the officer read. */
  fingerprint: string;
  /** The number of endings typed, where large endings ask for it. */
  endings: number | null;
}

async function loadPreviewed(deps: Pick<Deps, 'db'>, importId: number) {
  const record = await deps.db
    .selectFrom('imports')
    .select(['id', 'phase', 'status', 'preview_fingerprint', 'preview_basis', 'decision'])
    .where('id', '=', importId)
    .executeTakeFirst();
  if (!record) throw new AppError('not_found');
  return record;
}

/** Stores the officer's choices and makes the preview again under them; answers its fingerprint. */
export async function decideImport(deps: Deps, importId: number, decision: ImportDecision): Promise<string> {
  const record = await loadPreviewed(deps, importId);
  nextPhase(record.phase, 'confirm');
  if (record.status !== 'done')
    throw new AppError('transition_not_allowed', { import: 'import.not_now_confirm' });
  await deps.db
    .updateTable('imports')
    .set({ decision: JSON.stringify(decision) })
    .where('id', '=', importId)
    .execute();
  return makePreview(deps, importId);
}

/**
 * The officer confirms the preview they read. Refused (nothing written) when the preview has
 * changed since (another list was written meanwhile), or when large endings were not confirmed by
 * their number. On success the list is `applying`: the caller runs `applyImport`.
 */
export async function confirmImport(
  deps: Deps,
  actor: Pick<Officer, 'id' | 'role'> | null,
  importId: number,
  confirmation: Confirmation,
  clientAddress: string | null,
): Promise<void> {
  const record = await loadPreviewed(deps, importId);
  const to = nextPhase(record.phase, 'confirm');
  if (record.status !== 'done')
    throw new AppError('transition_not_allowed', { import: 'import.not_now_confirm' });
  // Another list written or rolled back since the preview was made: make it again and compare.
  const fingerprint =
    record.preview_basis === (await registerBasis(deps.db)) && record.preview_fingerprint
      ? record.preview_fingerprint
      : await makePreview(deps, importId);
  if (fingerprint !== confirmation.fingerprint || fingerprint !== record.preview_fingerprint) {
    throw new AppError('validation_failed', { import: 'import.preview_changed' });
  }
  const totals = await previewTotals(deps, importId, deps.imports ?? DEFAULT_IMPORT_SETTINGS);
  if (totals.largeEndings > 0 && confirmation.endings !== totals.largeEndings) {
    throw new AppError('validation_failed', { jumlah_berakhir: 'import.large_endings_unconfirmed' });
  }
  try {
    await deps.db.transaction().execute(async (trx) => {
      const moved = await trx
        .updateTable('imports')
        .set({
          phase: to,
          status: 'queued',
          confirmed_fingerprint: fingerprint,
          confirmed_by: actor?.id ?? null,
          confirmed_at: deps.now().toISOString(),
          apply_step: 0,
          apply_line: 0,
        })
        .where('id', '=', importId)
        .where('phase', '=', 'preview')
        .executeTakeFirst();
      if (Number(moved.numUpdatedRows) !== 1)
        throw new AppError('transition_not_allowed', { import: 'import.not_now_confirm' });
      await recordAudit(
        { db: trx, now: deps.now },
        {
          actor,
          action: 'import_confirm',
          target: { type: 'import', id: importId },
          clientAddress,
          detail: {
            rows_read: totals.rowsRead,
            rows_accepted: totals.rowsAccepted,
            rows_rejected: totals.rowsRejected,
            households_new: totals.householdsNew,
            households_unchanged: totals.householdsUnchanged,
            households_changed: totals.householdsChanged,
            suspicious: totals.suspicious,
            kept: totals.kept,
            memberships_ending: totals.ending,
            large_endings: totals.largeEndings,
            villages_complete: totals.villagesComplete,
            programs_taken_in: totals.programsTakenIn.join(',') || null,
            fingerprint,
          },
        },
      );
    });
  } catch (error) {
    // The unique index on the phase lets one list at a time be written.
    if (isUniqueViolation(error))
      throw new AppError('transition_not_allowed', { import: 'import.another_applying' });
    throw error;
  }
}

export async function discardImport(
  deps: Deps,
  actor: Pick<Officer, 'id' | 'role'> | null,
  importId: number,
  clientAddress: string | null,
): Promise<void> {
  const record = await loadPreviewed(deps, importId);
  const to = nextPhase(record.phase, 'discard');
  if (record.status === 'queued' || record.status === 'running')
    throw new AppError('transition_not_allowed', { import: 'import.not_now_discard' });
  await deps.db.transaction().execute(async (trx) => {
    await trx
      .updateTable('imports')
      .set({ phase: to, stored_path: null })
      .where('id', '=', importId)
      .execute();
    // What the file said stays only as long as the list may still be written.
    for (const table of ['import_effects', 'import_blocks', 'import_rows', 'import_rejections'] as const)
      await trx.deleteFrom(table).where('import_id', '=', importId).execute();
    await recordAudit(
      { db: trx, now: deps.now },
      { actor, action: 'import_discard', target: { type: 'import', id: importId }, clientAddress },
    );
  });
}

/** The steps of writing a list, in order; `apply_step` counts those done. */
const STEPS = ['households', 'members', 'memberships', 'endings'] as const;

/** The tables each step writes and later chunks of the step read back. */
const STEP_TABLES: Record<Exclude<(typeof STEPS)[number], 'endings'>, readonly string[]> = {
  households: ['households', 'import_undo_households', 'household_desil_changes'],
  members: ['household_members', 'import_undo_members'],
  memberships: ['program_memberships', 'import_undo_memberships', 'membership_endings'],
};

export interface ApplyOutcome {
  status: 'applied';
  membershipsEnded: number;
}

/**
 * Writes a confirmed list (or goes on writing it after a stop). The preview was made again and
 * compared when the list was confirmed, and from then on the list holds the one `applying` slot,
 * which no other write and no rollback passes: what was confirmed is what is written.
 */
export function applyImport(deps: Deps, importId: number, signal?: AbortSignal): Promise<ApplyOutcome> {
  return duringBulkWrite(deps.db, () => writeIntoRegister(deps, importId, signal));
}

async function writeIntoRegister(
  deps: Deps,
  importId: number,
  signal: AbortSignal | undefined,
): Promise<ApplyOutcome> {
  const record = await deps.db
    .selectFrom('imports')
    .select(['phase', 'apply_step', 'apply_line'])
    .where('id', '=', importId)
    .executeTakeFirstOrThrow();
  nextPhase(record.phase, 'finish');
  await deps.db.updateTable('imports').set({ status: 'running' }).where('id', '=', importId).execute();
  const lastLine = Number(
    (
      await deps.db
        .selectFrom('import_rows')
        .select((eb) => eb.fn.max('line').as('line'))
        .where('import_id', '=', importId)
        .executeTakeFirst()
    )?.line ?? 0,
  );
  const now = deps.now().toISOString();
  for (let step = record.apply_step ?? 0; step < STEPS.length; step++) {
    const name = STEPS[step] as (typeof STEPS)[number];
    if (name === 'endings') {
      await deps.db.transaction().execute(async (trx) => {
        await writeEndings(trx, importId, now);
        await trx
          .updateTable('imports')
          .set({ apply_step: step + 1, apply_line: 0 })
          .where('id', '=', importId)
          .execute();
      });
      continue;
    }
    const from = step === (record.apply_step ?? 0) ? (record.apply_line ?? 0) : 0;
    let chunks = 0;
    for (let start = from; start <= lastLine; start += APPLY_CHUNK_LINES) {
      const end = start + APPLY_CHUNK_LINES;
      await deps.db.transaction().execute(async (trx) => {
        await relaxDurability(trx);
        await WRITERS[name](trx, importId, start, end, now);
        const done = end > lastLine;
        await trx
          .updateTable('imports')
          .set(done ? { apply_step: step + 1, apply_line: 0 } : { apply_step: step, apply_line: end })
          .where('id', '=', importId)
          .execute();
      });
      chunks++;
      // The tables this step fills grow as it goes; planned on their size before the step, a chunk
      // of a list written into an empty register was joined through the program-period index of
      // every membership (a 20,000-line chunk took 277 s instead of 2, with hash joins turned off).
      // Their statistics are taken again after chunks 1, 2, 4, 8, … (PostgreSQL only), from a
      // rough sample: the write's joins need the tables' sizes, and the full statistics are
      // taken once the write is done.
      if ((chunks & (chunks - 1)) === 0) await refreshPlannerStatistics(deps.db, STEP_TABLES[name], 'rough');
      if (signal?.aborted) throw jobStopped();
    }
  }
  const ended = await deps.db
    .selectFrom('membership_endings')
    .select((eb) => eb.fn.countAll<number>().as('n'))
    .where('import_id', '=', importId)
    .executeTakeFirst();
  const membershipsEnded = Number(ended?.n ?? 0);
  await deps.db
    .updateTable('imports')
    .set({
      phase: nextPhase('applying', 'finish'),
      status: 'done',
      applied_at: deps.now().toISOString(),
      memberships_ended: membershipsEnded,
      stored_path: null,
    })
    .where('id', '=', importId)
    .execute();
  // The staged rows were analysed before the preview and the write does not change them.
  await refreshPlannerStatistics(
    deps.db,
    REGISTER_TABLES.filter((table) => table !== 'import_rows'),
  );
  return { status: 'applied', membershipsEnded };
}

/**
 * PostgreSQL need not wait for the disk at each chunk: a write cut off by a crash is taken up
 * again from the last chunk that stands. (SQLite keeps `synchronous=FULL`: one fsync per chunk of
 * 20,000 lines is not what an import waits on; decision 0022.) Forcing index lookups here (no
 * hash or merge joins) was tried and measured: 0.254 of the COPY floor instead of 0.334 at
 * 200,000 rows.
 */
async function relaxDurability(trx: Db) {
  if (engineOf(trx) === 'postgres') await sql`SET LOCAL synchronous_commit = off`.execute(trx);
}

/**
 * Rows of the chunk that are taken in and that no other row of the list overrides for `what`: the
 * last of each KK (households), the first of each NIK (heads), the last of each KK, program and
 * period (memberships). The preview marked the others (`superseded`, decision 0042).
 */
function lastRows(importId: number, start: number, end: number, what: keyof typeof SUPERSEDED) {
  return sql`SELECT r.* FROM import_rows r
    WHERE r.import_id = ${importId} AND r.included = 1 AND r.line >= ${start} AND r.line < ${end}
      AND (r.superseded & ${sql.lit(SUPERSEDED[what])}) = 0`;
}

/** `at`: when the write began, the date a desil moved by this list is given (migration 022). */
type Writer = (trx: Db, importId: number, start: number, end: number, at: string) => Promise<void>;

/**
 * Households: a village only when the file named one, an address, RT, RW or desil only when the
 * file gave it. A row that would change is kept as it was first; a row the list does not change
 * keeps the import that last wrote it. (Upserts driven by the list's rows: an UPDATE … FROM over
 * the register was planned by SQLite as a scan of the register per row.) A desil the list moves
 * (a new household's first one included) leaves a row in the household's desil history. An empty
 * desil cell keeps the register's; "Belum Ada Desil" (staged as 0, run-import.ts) takes it away,
 * and that move is recorded too (to none).
 */
const writeHouseholds: Writer = async (trx, importId, start, end, at) => {
  const rows = lastRows(importId, start, end, 'household');
  // The desil the household will hold: the row's, or the register's when the row gave none; 0 → none.
  const desil = sql`nullif(coalesce(r.desil, h.desil), ${sql.lit(NO_DESIL_YET)})`;
  await sql`INSERT INTO import_undo_households (import_id, household_id, village_code, address, rt, rw, desil, written_by)
    SELECT ${importId}, h.id, h.village_code, h.address, h.rt, h.rw, h.desil, h.import_id
    FROM (${rows}) r JOIN households h ON h.kk = r.kk
    WHERE coalesce(r.village_code, h.village_code) <> h.village_code OR coalesce(r.address, h.address) <> h.address
      OR coalesce(r.rt, h.rt) <> h.rt OR coalesce(r.rw, h.rw) <> h.rw
      OR coalesce(${desil}, -1) <> coalesce(h.desil, -1)
    ON CONFLICT DO NOTHING`.execute(trx);
  await sql`INSERT INTO households (kk, village_code, address, rt, rw, desil, import_id)
    SELECT r.kk, coalesce(r.village_code, h.village_code, r.register_village), coalesce(r.address, h.address, ''),
      coalesce(r.rt, h.rt, ''), coalesce(r.rw, h.rw, ''), ${desil}, ${importId}
    FROM (${rows}) r LEFT JOIN households h ON h.kk = r.kk WHERE true
    ON CONFLICT (kk) DO UPDATE SET village_code = excluded.village_code, address = excluded.address,
      rt = excluded.rt, rw = excluded.rw, desil = excluded.desil, import_id = excluded.import_id
    WHERE households.village_code <> excluded.village_code OR households.address <> excluded.address
      OR households.rt <> excluded.rt OR households.rw <> excluded.rw
      OR coalesce(households.desil, -1) <> coalesce(excluded.desil, -1)`.execute(trx);
  // Read back from what was just written: a household this list wrote has its state before in the
  // undo log, unless the list created it. Each household is written in the chunk of its last row,
  // so the chunk's rows of households this list wrote name exactly the ones written now (DISTINCT:
  // a KK's earlier rows in the chunk), without `lastRows`' probe per row again. Only a row that
  // gives a desil can move one.
  const written = sql`SELECT DISTINCT h.id, h.desil FROM import_rows r JOIN households h ON h.kk = r.kk
    WHERE r.import_id = ${importId} AND r.included = 1 AND r.line >= ${start} AND r.line < ${end}
      AND r.desil IS NOT NULL AND h.import_id = ${importId}`;
  await sql`INSERT INTO household_desil_changes (household_id, import_id, from_desil, to_desil, changed_at)
    SELECT w.id, ${importId}, u.desil, w.desil, ${at}
    FROM (${written}) w LEFT JOIN import_undo_households u ON u.import_id = ${importId} AND u.household_id = w.id
    WHERE coalesce(u.desil, -1) <> coalesce(w.desil, -1)`.execute(trx);
};

/**
 * Heads, from the first row of each NIK: a NIK already listed in another household stays there,
 * and a NIK the list gives under two KKs goes to the first (the report names the conflict).
 */
const writeMembers: Writer = async (trx, importId, start, end) => {
  const rows = lastRows(importId, start, end, 'head');
  await sql`INSERT INTO import_undo_members (import_id, member_id, name, name_search, written_by)
    SELECT ${importId}, m.id, m.name, m.name_search, m.import_id
    FROM (${rows}) r JOIN households h ON h.kk = r.kk
    JOIN household_members m ON m.nik = r.nik AND m.household_id = h.id
    WHERE m.name <> r.name
    ON CONFLICT DO NOTHING`.execute(trx);
  await sql`INSERT INTO household_members (household_id, nik, name, name_search, sex, birth_date, relation, import_id)
    SELECT h.id, r.nik, r.name, r.name_search, r.register_sex, r.register_birth_date, 'kepala', ${importId}
    FROM (${rows}) r JOIN households h ON h.kk = r.kk WHERE true
    ON CONFLICT (nik) DO UPDATE SET name = excluded.name, name_search = excluded.name_search,
      import_id = excluded.import_id
    WHERE household_members.household_id = excluded.household_id
      AND household_members.name <> excluded.name`.execute(trx);
};

/**
 * Memberships keyed on household, program and period. A suspension is the office's own decision:
 * a list does not lift it. An empty amount or channel keeps the one held.
 */
const writeMemberships: Writer = async (trx, importId, start, end) => {
  const rows = lastRows(importId, start, end, 'membership');
  const next = sql`SELECT h.id AS household_id, r.program_code, r.period, r.status,
      CASE WHEN r.amount = 0 THEN coalesce(m.amount, 0) ELSE r.amount END AS amount,
      CASE WHEN r.channel = '' THEN coalesce(m.channel, '') ELSE r.channel END AS channel,
      coalesce(r.collection_point, m.collection_point) AS collection_point,
      m.id, m.status AS old_status, m.suspension_reason AS old_reason, m.amount AS old_amount,
      m.channel AS old_channel, m.collection_point AS old_point, m.import_id AS old_import
    FROM (${rows}) r JOIN households h ON h.kk = r.kk
    LEFT JOIN program_memberships m ON m.household_id = h.id AND m.program_code = r.program_code
      AND m.period = r.period`;
  await sql`INSERT INTO import_undo_memberships (import_id, membership_id, household_id, program_code, period, status,
      suspension_reason, amount, channel, collection_point, written_by, deleted)
    SELECT ${importId}, n.id, n.household_id, n.program_code, n.period, n.old_status, n.old_reason, n.old_amount,
      n.old_channel, n.old_point, n.old_import, 0
    FROM (${next}) n
    WHERE n.id IS NOT NULL AND n.old_status <> 'suspended'
      AND (n.status <> n.old_status OR n.amount <> n.old_amount OR n.channel <> n.old_channel
        OR coalesce(n.collection_point, '') <> coalesce(n.old_point, ''))
    ON CONFLICT DO NOTHING`.execute(trx);
  await sql`INSERT INTO program_memberships (household_id, program_code, period, status, suspension_reason, amount,
      channel, collection_point, import_id)
    SELECT n.household_id, n.program_code, n.period, n.status, NULL, n.amount, n.channel, n.collection_point, ${importId}
    FROM (${next}) n WHERE true
    ON CONFLICT (household_id, program_code, period) DO UPDATE SET status = excluded.status,
      amount = excluded.amount, channel = excluded.channel, collection_point = excluded.collection_point,
      import_id = excluded.import_id
    WHERE program_memberships.status <> 'suspended'
      AND (program_memberships.status <> excluded.status OR program_memberships.amount <> excluded.amount
        OR program_memberships.channel <> excluded.channel
        OR coalesce(program_memberships.collection_point, '') <> coalesce(excluded.collection_point, ''))`.execute(
    trx,
  );
  // Listed again for a period it had been dropped from: the ending no longer holds.
  const relisted = sql`SELECT e.* FROM (${rows}) r JOIN households h ON h.kk = r.kk
    JOIN membership_endings e ON e.household_id = h.id AND e.program_code = r.program_code AND e.period = r.period`;
  await sql`INSERT INTO import_undo_endings (import_id, ending_id, household_id, program_code, period, last_period,
      reason, ended_by, ended_at)
    SELECT ${importId}, e.id, e.household_id, e.program_code, e.period, e.last_period, e.reason, e.import_id, e.ended_at
    FROM (${relisted}) e WHERE true ON CONFLICT DO NOTHING`.execute(trx);
  await sql`DELETE FROM membership_endings WHERE id IN (SELECT e.id FROM (${relisted}) e)`.execute(trx);
};

/**
 * The endings of the blocks declared complete. Where the list revises a period the register
 * already held, the membership of that period is removed (kept in the undo log) as well.
 */
async function writeEndings(trx: Db, importId: number, endedAt: string) {
  const endings = sql`SELECT e.* FROM import_effects e JOIN import_blocks b ON b.import_id = e.import_id
      AND b.program_code = e.program_code AND b.period = e.period AND b.village_code = e.village_code
    WHERE e.import_id = ${importId} AND e.kind = 'ending' AND b.complete = 1 AND b.included = 1`;
  await sql`INSERT INTO membership_endings (household_id, program_code, period, last_period, reason, import_id, ended_at)
    SELECT e.household_id, e.program_code, e.period,
      coalesce((SELECT max(q.period) FROM program_memberships q WHERE q.household_id = e.household_id
        AND q.program_code = e.program_code AND q.period < e.period), e.period),
      e.reason, ${importId}, ${endedAt}
    FROM (${endings}) e
    WHERE NOT EXISTS (SELECT 1 FROM membership_endings x WHERE x.household_id = e.household_id
      AND x.program_code = e.program_code AND x.period = e.period)`.execute(trx);
  const revised = sql`SELECT m.* FROM program_memberships m JOIN (${endings}) e ON e.household_id = m.household_id
    AND e.program_code = m.program_code AND e.period = m.period`;
  await sql`INSERT INTO import_undo_memberships (import_id, membership_id, household_id, program_code, period, status,
      suspension_reason, amount, channel, collection_point, written_by, deleted)
    SELECT ${importId}, m.id, m.household_id, m.program_code, m.period, m.status, m.suspension_reason, m.amount,
      m.channel, m.collection_point, m.import_id, 1
    FROM (${revised}) m WHERE true ON CONFLICT DO NOTHING`.execute(trx);
  await sql`DELETE FROM program_memberships WHERE id IN (SELECT m.id FROM (${revised}) m)`.execute(trx);
}

const WRITERS: Record<Exclude<(typeof STEPS)[number], 'endings'>, Writer> = {
  households: writeHouseholds,
  members: writeMembers,
  memberships: writeMemberships,
};
