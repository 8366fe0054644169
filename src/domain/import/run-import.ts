// Reads one list into its preview: the file is read row by row, rows are checked and written in
// batches (each batch one transaction: the accepted rows with everything the register will be
// given, the rejected rows with what could still be read of them, the import's counters), then the
// preview is made (preview.ts). Nothing in the register changes here; a confirmed list is written
// by apply-import.ts. A read killed half-way and run again starts its own rows anew, so it ends in
// the same state.
import { createHash } from 'node:crypto';
import { createReadStream } from 'node:fs';
import { stat } from 'node:fs/promises';
import type { Transaction } from 'kysely';
import { duringBulkWrite, refreshPlannerStatistics } from '../../db/engine.ts';
import { insertRows } from '../../db/insert-in-batches.ts';
import type { Database } from '../../db/schema.ts';
import type { DomainDeps } from '../deps.ts';
import { isJobStopped, jobStopped } from '../jobs/background-jobs.ts';
import { loadCatalogue } from '../program-profiles/catalogue.ts';
import type { ImportRow, Rejection, RowDefaults } from './normalise-row.ts';
import { makePreview } from './preview.ts';
import { programNamesOf, resolveProgram } from './program-names.ts';
import type { RowBatch } from './read-rows.ts';
import { type ReadSource, readSource } from './read-source.ts';

export { BATCH_ROWS, HEADER_SEARCH_ROWS } from './read-rows.ts';

export type ImportDeps = Pick<DomainDeps, 'db' | 'regions' | 'now'> & Partial<Pick<DomainDeps, 'imports'>>;

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
  /** The line read as the header (the rows above it are titles). */
  headerLine: number | null;
  ignoredHeaders: string[];
  /** The header names a desil column. */
  desilColumn: boolean;
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
  /** The DTSEN snapshot the list carries (`2026-Q1`, readDtsenSnapshot), when the officer named one. */
  dtsenSnapshot?: string | null;
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
  // From the command line, the same list waiting in its preview (or whose reading was cut off) is
  // taken up again rather than read anew.
  const unfinished = await deps.db
    .selectFrom('imports')
    .select('id')
    .where('sha256', '=', sha256)
    .where('phase', '=', 'preview')
    .where('status', '<>', 'failed')
    .where('source', '=', request.source)
    .where('default_program', request.defaults.program ? '=' : 'is', request.defaults.program ?? null)
    .where('default_period', request.defaults.period ? '=' : 'is', request.defaults.period ?? null)
    .where('dtsen_snapshot', request.dtsenSnapshot ? '=' : 'is', request.dtsenSnapshot ?? null)
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
      dtsen_snapshot: request.dtsenSnapshot ?? null,
      created_at: deps.now().toISOString(),
      phase: 'preview',
    })
    .returning('id')
    .executeTakeFirstOrThrow();
  return { id: inserted.id, resumed: false };
}

/** Runs (or runs again) the reading of import `importId` over `file`, then makes its preview. */
export function runImport(
  deps: ImportDeps,
  importId: number,
  file: string,
  onProgress: (progress: ImportProgress) => void = () => {},
  /** Aborted when the server stops: the import ends at the next batch, still "running". */
  signal?: AbortSignal,
): Promise<ImportOutcome> {
  return duringBulkWrite(deps.db, () => readIntoPreview(deps, importId, file, onProgress, signal));
}

async function readIntoPreview(
  deps: ImportDeps,
  importId: number,
  file: string,
  onProgress: (progress: ImportProgress) => void,
  signal: AbortSignal | undefined,
): Promise<ImportOutcome> {
  const record = await deps.db
    .selectFrom('imports')
    .selectAll()
    .where('id', '=', importId)
    .executeTakeFirstOrThrow();
  // Read once for the whole list: a program defined (or renamed) while it is read changes
  // nothing half-way through.
  const programs = programNamesOf(await loadCatalogue(deps.db), record.area_code);
  const defaults: RowDefaults = {
    program: record.default_program === null ? undefined : resolveProgram(programs, record.default_program),
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
        phase: 'preview',
        started_at: deps.now().toISOString(),
        rows_read: 0,
        rows_accepted: 0,
        rows_rejected: 0,
        bytes_read: 0,
        failure: null,
        finished_at: null,
        header_line: null,
        desil_column: 0,
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
  let ignoredHeaders: string[] = [];
  let headerLine: number | null = null;
  let desilColumn = false;
  const outcome = (status: 'done' | 'failed', failure: string | null, failureLine: number | null) => ({
    ...progress,
    status,
    failure,
    failureLine,
    headerLine,
    ignoredHeaders,
    desilColumn,
  });

  const fail = async (failure: string, line: number | null): Promise<ImportOutcome> => {
    await deps.db
      .updateTable('imports')
      .set({ status: 'failed', failure, finished_at: deps.now().toISOString() })
      .where('id', '=', importId)
      .execute();
    return outcome('failed', failure, line);
  };

  let source: ReadSource | undefined;
  try {
    source = readSource({ file, defaults, programs, regions: deps.regions, today: deps.now() });
    for await (const message of source.messages) {
      if (message.kind === 'failed') return await fail(message.failure, message.line);
      if (message.kind === 'opened') progress.bytesTotal = message.bytesTotal;
      else if (message.kind === 'header') {
        headerLine = message.line;
        ignoredHeaders = message.ignored;
        desilColumn = message.desil;
        await deps.db
          .updateTable('imports')
          .set({ header_line: headerLine, desil_column: desilColumn ? 1 : 0 })
          .where('id', '=', importId)
          .execute();
      } else {
        progress.bytesRead = message.bytesRead;
        await writeBatch(deps, importId, message, progress);
        source.written();
        onProgress({ ...progress });
        if (signal?.aborted) throw jobStopped();
      }
    }
  } catch (error) {
    if (isJobStopped(error)) throw error;
    await fail('internal', null);
    throw error;
  } finally {
    await source?.close();
  }

  // PostgreSQL plans the preview and the write from statistics: the staged rows must be in them.
  await refreshPlannerStatistics(deps.db, ['import_rows', 'import_rejections']);
  await makePreview(deps, importId);
  await deps.db
    .updateTable('imports')
    .set({ status: 'done', finished_at: deps.now().toISOString(), bytes_read: progress.bytesTotal })
    .where('id', '=', importId)
    .execute();
  progress.bytesRead = progress.bytesTotal;
  return outcome('done', null, null);
}

/**
 * "Belum Ada Desil" as staged in `import_rows.desil`: never a desil (1–10), and distinct from null
 * (an empty cell, which leaves the register's desil as it is). apply-import.ts writes it as null.
 */
export const NO_DESIL_YET = 0;

/**
 * A household known only by a head's NIK still needs a key: `~` and the NIK in base 36 (12
 * characters), which can never be a real, all-digit KK and never collides between two NIKs.
 */
export function standInKk(nik: string): string {
  return `~${BigInt(nik).toString(36).padStart(11, '0')}`;
}

async function writeBatch(deps: ImportDeps, importId: number, batch: RowBatch, progress: ImportProgress) {
  await deps.db.transaction().execute(async (trx) => {
    if (batch.rows.length > 0) await stageRows(trx, importId, batch.rows);
    const rejectionRows = batch.rejected.flatMap(({ line, rejections, cells, keys }) =>
      lastByColumn(rejections).map((r) => ({
        import_id: importId,
        line,
        column_name: r.column,
        reason: r.reason,
        cells: JSON.stringify(cells),
        nik_key: keys.nik,
        kk_key: keys.kk,
        name_key: keys.name,
        program_code: keys.program,
        period: keys.period,
        village_code: keys.village,
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
    progress.rowsAccepted += batch.rows.length;
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

/** One rejection per column of a row: the last reason found for it. */
function lastByColumn(rejections: readonly Rejection[]): Rejection[] {
  const map = new Map<string, Rejection>();
  for (const r of rejections) map.set(r.column, r);
  return [...map.values()];
}

async function stageRows(trx: Transaction<Database>, importId: number, rows: ImportRow[]) {
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
  await insertRows(
    trx,
    'import_rows',
    STAGED_COLUMNS,
    rows.map((r) => [
      importId,
      r.line,
      r.nik,
      kkOf(r),
      r.kk === null ? 0 : 1,
      r.name,
      r.birthDate,
      r.sex,
      r.villageCode,
      r.program,
      r.period,
      r.status,
      r.amount,
      r.channel,
      r.registerVillage,
      r.registerBirthDate,
      r.registerSex,
      r.nameSearch,
      r.address,
      r.rt,
      r.rw,
      r.desil === 'none' ? NO_DESIL_YET : r.desil,
      r.collectionPoint,
    ]),
  );
}

const STAGED_COLUMNS = [
  'import_id',
  'line',
  'nik',
  'kk',
  'kk_given',
  'name',
  'birth_date',
  'sex',
  'village_code',
  'program_code',
  'period',
  'status',
  'amount',
  'channel',
  'register_village',
  'register_birth_date',
  'register_sex',
  'name_search',
  'address',
  'rt',
  'rw',
  'desil',
  'collection_point',
] as const;
