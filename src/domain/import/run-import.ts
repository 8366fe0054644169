// Runs one import: the file is read row by row, rows are checked and written in batches (each
// batch one transaction: the register upserts, the accepted rows as the file said them, the
// rejected rows, the import's counters), then households missing from a new period's list have
// their membership ended with a reason. Upserts key on household (KK) + program + period, so the
// same file imported twice, or an import killed half-way and run again, ends in the same state.
import { createHash } from 'node:crypto';
import { createReadStream } from 'node:fs';
import { stat } from 'node:fs/promises';
import { sql, type Transaction } from 'kysely';
import { REGISTER_TABLES, refreshPlannerStatistics } from '../../db/engine.ts';
import type { Database } from '../../db/schema.ts';
import type { DomainDeps } from '../deps.ts';
import { isJobStopped, jobStopped } from '../jobs/background-jobs.ts';
import { isProgramCode } from '../programs.ts';
import { cellsOf, type HeaderMap, IMPORT_COLUMNS, type ImportColumn, mapHeader } from './columns.ts';
import { type ImportRow, normaliseRow, type Rejection, type RowDefaults } from './normalise-row.ts';
import { FileRefused, openTable, type TableEvent } from './read-table.ts';

export type ImportDeps = Pick<DomainDeps, 'db' | 'regions' | 'now'>;

export const BATCH_ROWS = 2000;

export interface ImportProgress {
  importId: number;
  rowsRead: number;
  rowsAccepted: number;
  rowsRejected: number;
  bytesRead: number;
  bytesTotal: number;
}

export interface ImportOutcome extends ImportProgress {
  status: 'done' | 'failed';
  /** A message key when the whole file was refused. */
  failure: string | null;
  /** The line the file could not be read past, when there is one. */
  failureLine: number | null;
  membershipsEnded: number;
  ignoredHeaders: string[];
}

export interface NewImport {
  fileName: string;
  file: string;
  defaults: RowDefaults;
  source: 'cli' | 'upload';
  createdBy: number | null;
  /** The uploading office's regency (import-access.ts); none from the command line. */
  areaCode?: string | null;
  /** Where an uploaded file waits for the background job. */
  storedPath?: string | null;
}

export async function sha256OfFile(file: string): Promise<string> {
  const hash = createHash('sha256');
  for await (const chunk of createReadStream(file)) hash.update(chunk as Buffer);
  return hash.digest('hex');
}

/**
 * Records an import. The same file with the same defaults whose import never finished (the
 * process was killed) is taken up again under its old number rather than counted twice.
 */
export async function createImport(
  deps: ImportDeps,
  request: NewImport,
): Promise<{ id: number; resumed: boolean }> {
  const sha256 = await sha256OfFile(request.file);
  const { size } = await stat(request.file);
  const unfinished = await deps.db
    .selectFrom('imports')
    .select('id')
    .where('sha256', '=', sha256)
    .where('status', 'in', ['queued', 'running'])
    .where('source', '=', request.source)
    .where('default_program', request.defaults.program ? '=' : 'is', request.defaults.program ?? null)
    .where('default_period', request.defaults.period ? '=' : 'is', request.defaults.period ?? null)
    .orderBy('id', 'desc')
    .executeTakeFirst();
  if (unfinished && request.source === 'cli') return { id: unfinished.id, resumed: true };
  const inserted = await deps.db
    .insertInto('imports')
    .values({
      file_name: request.fileName.slice(0, 200),
      format: /\.xlsx$/i.test(request.fileName) ? 'xlsx' : 'csv',
      sha256,
      default_program: request.defaults.program ?? null,
      default_period: request.defaults.period ?? null,
      status: 'queued',
      source: request.source,
      stored_path: request.storedPath ?? null,
      bytes_total: size,
      created_by: request.createdBy,
      area_code: request.areaCode ?? null,
      created_at: deps.now().toISOString(),
    })
    .returning('id')
    .executeTakeFirstOrThrow();
  return { id: inserted.id, resumed: false };
}

interface Batch {
  rows: ImportRow[];
  rejected: { line: number; rejections: Rejection[]; cells: Record<string, string> }[];
  read: number;
}

/** Runs (or runs again) import `importId` over `file`; `onProgress` hears after every batch. */
export async function runImport(
  deps: ImportDeps,
  importId: number,
  file: string,
  onProgress: (progress: ImportProgress) => void = () => {},
  /** Aborted when the server stops: the import ends at the next batch, still "running". */
  signal?: AbortSignal,
): Promise<ImportOutcome> {
  const record = await deps.db
    .selectFrom('imports')
    .selectAll()
    .where('id', '=', importId)
    .executeTakeFirstOrThrow();
  const defaults: RowDefaults = {
    program: isProgramCode(record.default_program) ? record.default_program : undefined,
    period: record.default_period ?? undefined,
    regency: record.area_code ?? undefined,
  };
  // Taken up again: what an earlier attempt wrote of its own record is written again from the start.
  await deps.db.transaction().execute(async (trx) => {
    await trx.deleteFrom('import_rows').where('import_id', '=', importId).execute();
    await trx.deleteFrom('import_rejections').where('import_id', '=', importId).execute();
    await trx
      .updateTable('imports')
      .set({
        status: 'running',
        started_at: deps.now().toISOString(),
        rows_read: 0,
        rows_accepted: 0,
        rows_rejected: 0,
        bytes_read: 0,
        failure: null,
        finished_at: null,
      })
      .where('id', '=', importId)
      .execute();
  });
  const progress: ImportProgress = {
    importId,
    rowsRead: 0,
    rowsAccepted: 0,
    rowsRejected: 0,
    bytesRead: 0,
    bytesTotal: Number(record.bytes_total),
  };
  const outcome = (status: 'done' | 'failed', failure: string | null, failureLine: number | null) => ({
    ...progress,
    status,
    failure,
    failureLine,
    membershipsEnded,
    ignoredHeaders,
  });
  let membershipsEnded = 0;
  let ignoredHeaders: string[] = [];
  const listed = new Set<string>();

  const fail = async (failure: string, line: number | null): Promise<ImportOutcome> => {
    await deps.db
      .updateTable('imports')
      .set({ status: 'failed', failure, finished_at: deps.now().toISOString() })
      .where('id', '=', importId)
      .execute();
    return outcome('failed', failure, line);
  };

  try {
    const table = await openTable(file);
    progress.bytesTotal = table.bytesTotal;
    let header: HeaderMap | undefined;
    let batch: Batch = { rows: [], rejected: [], read: 0 };
    const flush = async () => {
      progress.bytesRead = table.bytesRead();
      await writeBatch(deps, importId, batch, progress);
      for (const row of batch.rows) listed.add(`${row.program} ${row.period}`);
      batch = { rows: [], rejected: [], read: 0 };
      onProgress({ ...progress });
    };
    for await (const event of table.events()) {
      if (header === undefined) {
        if (event.kind !== 'row' || event.cells.every((c) => c.trim() === '')) continue;
        header = mapHeader(event.cells);
        ignoredHeaders = header.ignored;
        const present = new Set(header.columns.values());
        const missing = (['nik', 'nama', 'program', 'periode'] as const).filter(
          (c) =>
            !present.has(c) &&
            !(c === 'program' && defaults.program) &&
            !(c === 'periode' && defaults.period),
        );
        if (missing.length > 0) return await fail(`missing_columns:${missing.join(',')}`, event.line);
        continue;
      }
      const handled = handleEvent(deps, header, event, defaults);
      if (handled === null) continue;
      batch.read++;
      if (handled.ok) batch.rows.push(handled.row);
      else batch.rejected.push({ line: event.line, rejections: handled.rejections, cells: handled.cells });
      if (batch.read >= BATCH_ROWS) {
        await flush();
        if (signal?.aborted) throw jobStopped();
      }
    }
    if (header === undefined) return await fail('empty', null);
    await flush();
  } catch (error) {
    if (error instanceof FileRefused) return await fail(error.reason, error.line ?? null);
    if (isJobStopped(error)) throw error;
    await fail('internal', null);
    throw error;
  }

  for (const key of listed) {
    const [program, period] = key.split(' ') as [string, string];
    membershipsEnded += await endDroppedMemberships(deps, importId, program, period);
  }
  await deps.db
    .updateTable('imports')
    .set({
      status: 'done',
      finished_at: deps.now().toISOString(),
      memberships_ended: membershipsEnded,
      bytes_read: progress.bytesTotal,
    })
    .where('id', '=', importId)
    .execute();
  await refreshPlannerStatistics(deps.db, REGISTER_TABLES);
  progress.bytesRead = progress.bytesTotal;
  return outcome('done', null, null);
}

type Handled =
  | { ok: true; row: ImportRow }
  | { ok: false; rejections: Rejection[]; cells: Record<string, string> }
  | null;

function handleEvent(deps: ImportDeps, header: HeaderMap, event: TableEvent, defaults: RowDefaults): Handled {
  if (event.kind === 'broken') {
    return { ok: false, rejections: [{ column: 'baris', reason: event.reason }], cells: {} };
  }
  if (event.cells.every((c) => c.trim() === '')) return null;
  const cells = cellsOf(header, event.cells);
  const plain = Object.fromEntries(
    IMPORT_COLUMNS.filter((c) => cells.has(c)).map((c) => [c, cells.get(c) ?? '']),
  );
  const cellRejections: Rejection[] = [];
  for (const index of event.formulaColumns ?? []) {
    cellRejections.push({ column: header.columns.get(index) ?? 'baris', reason: 'formula' });
  }
  for (const index of event.numberTooLong ?? []) {
    const column: ImportColumn | 'baris' = header.columns.get(index) ?? 'baris';
    if (column === 'nik' || column === 'kk') cellRejections.push({ column, reason: 'nik_number_cell' });
  }
  if (cellRejections.length > 0) return { ok: false, rejections: cellRejections, cells: plain };
  const result = normaliseRow(event.line, cells, defaults, deps.regions, deps.now());
  return result.ok ? result : { ok: false, rejections: result.rejections, cells: plain };
}

/**
 * A household known only by a head's NIK still needs a key: `~` and the NIK in base 36 (12
 * characters), which can never be a real, all-digit KK and never collides between two NIKs.
 */
export function standInKk(nik: string): string {
  return `~${BigInt(nik).toString(36).padStart(11, '0')}`;
}

function firstBy<T>(items: readonly T[], key: (item: T) => string): T[] {
  const map = new Map<string, T>();
  for (const item of items) if (!map.has(key(item))) map.set(key(item), item);
  return [...map.values()];
}

function lastBy<T>(items: readonly T[], key: (item: T) => string): T[] {
  const map = new Map<string, T>();
  for (const item of items) map.set(key(item), item);
  return [...map.values()];
}

async function writeBatch(deps: ImportDeps, importId: number, batch: Batch, progress: ImportProgress) {
  await deps.db.transaction().execute(async (trx) => {
    const rows = batch.rows;
    if (rows.length > 0) await writeRows(trx, importId, rows);
    const rejectionRows = batch.rejected.flatMap(({ line, rejections, cells }) =>
      lastBy(rejections, (r) => r.column).map((r) => ({
        import_id: importId,
        line,
        column_name: r.column,
        reason: r.reason,
        cells: JSON.stringify(cells),
      })),
    );
    for (let i = 0; i < rejectionRows.length; i += 500) {
      await trx
        .insertInto('import_rejections')
        .values(rejectionRows.slice(i, i + 500))
        .onConflict((oc) => oc.columns(['import_id', 'line', 'column_name']).doNothing())
        .execute();
    }
    progress.rowsRead += batch.read;
    progress.rowsAccepted += rows.length;
    progress.rowsRejected += batch.rejected.length;
    await trx
      .updateTable('imports')
      .set({
        rows_read: progress.rowsRead,
        rows_accepted: progress.rowsAccepted,
        rows_rejected: progress.rowsRejected,
        bytes_read: progress.bytesRead,
      })
      .where('id', '=', importId)
      .execute();
  });
}

async function writeRows(trx: Transaction<Database>, importId: number, rows: ImportRow[]) {
  // Heads without a KK in the file: the household the NIK is already in, else a stand-in key.
  const withoutKk = [...new Set(rows.filter((r) => r.kk === null).map((r) => r.nik))];
  const knownKk = new Map<string, string>();
  if (withoutKk.length > 0) {
    const found = await trx
      .selectFrom('household_members as m')
      .innerJoin('households as h', 'h.id', 'm.household_id')
      .select(['m.nik', 'h.kk'])
      .where('m.nik', 'in', withoutKk)
      .execute();
    for (const f of found) knownKk.set(f.nik, f.kk);
  }
  const kkOf = (row: ImportRow) => row.kk ?? knownKk.get(row.nik) ?? standInKk(row.nik);

  const households = lastBy(rows, kkOf);
  for (const villageGiven of [true, false]) {
    const values = households
      .filter((r) => (r.villageCode !== null) === villageGiven)
      .map((r) => ({
        kk: kkOf(r),
        village_code: r.registerVillage,
        address: r.address ?? '',
        rt: r.rt ?? '',
        rw: r.rw ?? '',
        desil: r.desil,
      }));
    if (values.length === 0) continue;
    await trx
      .insertInto('households')
      .values(values)
      .onConflict((oc) =>
        oc.column('kk').doUpdateSet({
          ...(villageGiven ? { village_code: sql.ref('excluded.village_code') } : {}),
          address: sql`coalesce(nullif(excluded.address, ''), households.address)`,
          rt: sql`coalesce(nullif(excluded.rt, ''), households.rt)`,
          rw: sql`coalesce(nullif(excluded.rw, ''), households.rw)`,
          desil: sql`coalesce(excluded.desil, households.desil)`,
        }),
      )
      .execute();
  }
  const ids = new Map<string, number>();
  const found = await trx
    .selectFrom('households')
    .select(['id', 'kk'])
    .where(
      'kk',
      'in',
      households.map((r) => kkOf(r)),
    )
    .execute();
  for (const h of found) ids.set(h.kk, h.id);
  const householdOf = (row: ImportRow) => ids.get(kkOf(row)) as number;

  await trx
    .insertInto('household_members')
    .values(
      firstBy(rows, (r) => r.nik).map((r) => ({
        household_id: householdOf(r),
        nik: r.nik,
        name: r.name,
        name_search: r.nameSearch,
        sex: r.registerSex,
        birth_date: r.registerBirthDate,
        relation: 'kepala',
        pkh_component: null,
      })),
    )
    // A NIK already listed in another household stays there: the report names the conflict.
    .onConflict((oc) =>
      oc
        .column('nik')
        .doUpdateSet({ name: sql.ref('excluded.name'), name_search: sql.ref('excluded.name_search') })
        .where(sql<boolean>`household_members.household_id = excluded.household_id`),
    )
    .execute();

  const memberships = lastBy(rows, (r) => `${householdOf(r)} ${r.program} ${r.period}`);
  await trx
    .insertInto('program_memberships')
    .values(
      memberships.map((r) => ({
        household_id: householdOf(r),
        program_code: r.program,
        period: r.period,
        status: r.status,
        suspension_reason: null,
        amount: r.amount,
        channel: r.channel,
        collection_point: r.collectionPoint,
      })),
    )
    // A suspension is the office's own decision; a list does not lift it.
    .onConflict((oc) =>
      oc
        .columns(['household_id', 'program_code', 'period'])
        .doUpdateSet({
          status: sql.ref('excluded.status'),
          amount: sql`CASE WHEN excluded.amount = 0 THEN program_memberships.amount ELSE excluded.amount END`,
          channel: sql`coalesce(nullif(excluded.channel, ''), program_memberships.channel)`,
          collection_point: sql`coalesce(excluded.collection_point, program_memberships.collection_point)`,
        })
        .where(sql<boolean>`program_memberships.status <> 'suspended'`),
    )
    .execute();
  // Listed again for a period it had been dropped from: the ending no longer holds.
  for (const r of lastBy(memberships, (m) => `${m.program} ${m.period}`)) {
    const householdIds = memberships
      .filter((m) => m.program === r.program && m.period === r.period)
      .map(householdOf);
    await trx
      .deleteFrom('membership_endings')
      .where('program_code', '=', r.program)
      .where('period', '=', r.period)
      .where('household_id', 'in', householdIds)
      .execute();
  }

  await trx
    .insertInto('import_rows')
    .values(
      rows.map((r) => ({
        import_id: importId,
        line: r.line,
        nik: r.nik,
        kk: kkOf(r),
        kk_given: r.kk === null ? 0 : 1,
        name: r.name,
        birth_date: r.birthDate,
        sex: r.sex,
        village_code: r.villageCode,
        program_code: r.program,
        period: r.period,
        status: r.status,
        amount: r.amount,
        channel: r.channel,
      })),
    )
    .onConflict((oc) => oc.columns(['import_id', 'line']).doNothing())
    .execute();
}

/** Why a household left the list, when a proven sanggahan says; else "not on the new list". */
export const DROPPED_NOT_LISTED = 'tidak_ada_di_daftar';

/**
 * Households of the villages this list covers that held the program in its previous period and
 * are not on the list now: their membership ends (recorded, never deleted), with a reason.
 */
async function endDroppedMemberships(deps: ImportDeps, importId: number, program: string, period: string) {
  const previous = await deps.db
    .selectFrom('program_memberships')
    .select((eb) => eb.fn.max('period').as('period'))
    .where('program_code', '=', program)
    .where('period', '<', period)
    .executeTakeFirst();
  const last = previous?.period;
  if (!last) return 0;
  const result = await sql`
    INSERT INTO membership_endings (household_id, program_code, period, last_period, reason, import_id, ended_at)
    SELECT m.household_id, ${program}, ${period}, ${last},
      coalesce((SELECT t.topic FROM tickets t WHERE t.kind = 'sanggahan' AND t.status = 'terbukti'
                AND t.household_id = m.household_id ORDER BY t.id DESC LIMIT 1), ${DROPPED_NOT_LISTED}),
      ${importId}, ${deps.now().toISOString()}
    FROM program_memberships m
    JOIN households h ON h.id = m.household_id
    WHERE m.program_code = ${program} AND m.period = ${last}
      AND h.village_code IN (
        SELECT DISTINCT h2.village_code FROM import_rows r JOIN households h2 ON h2.kk = r.kk
        WHERE r.import_id = ${importId} AND r.program_code = ${program} AND r.period = ${period})
      AND NOT EXISTS (SELECT 1 FROM program_memberships n
        WHERE n.household_id = m.household_id AND n.program_code = ${program} AND n.period = ${period})
    ON CONFLICT (household_id, program_code, period) DO NOTHING`.execute(deps.db);
  return Number(result.numAffectedRows ?? 0);
}
