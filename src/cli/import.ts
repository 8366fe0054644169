// `npm run import -- daftar.csv [--program BPNT] [--period 2021-01] [--snapshot 2026-Q1]
// [--dry-run | --yes]`: reads a
// recipient list (CSV or .xlsx) into a preview and prints it: per program, period and village the
// rows read, accepted and rejected, the households new, unchanged and changed, and the memberships
// that would end. Nothing in the register changes until the list is confirmed: `--yes` writes it
// at once, `--dry-run` throws the preview away, and without either the preview waits for an
// officer at /petugas/impor/ID (or `--confirm ID`). `--rollback ID` undoes a written list while it
// is the latest of its program in its regency. Rejected rows are written beside the file as
// `<name>.ditolak.csv`. Run again after an interruption: the same file is taken up again.
// `--snapshot` names the DTSEN snapshot (quarter) the list's desil column comes from.
import { createWriteStream } from 'node:fs';
import path from 'node:path';
import { parseArgs } from 'node:util';
import { openDatabase } from '../db/database.ts';
import { loadRegions } from '../db/load-regions.ts';
import { migrateToLatest } from '../db/migrate.ts';
import { withStartupLock } from '../db/startup-lock.ts';
import { StatementTimings } from '../db/statement-timings.ts';
import { isAppError } from '../domain/errors.ts';
import { applyImport, confirmImport, decideImport, discardImport } from '../domain/import/apply-import.ts';
import { blockKey, DEFAULT_IMPORT_SETTINGS, type ImportDecision } from '../domain/import/import-decision.ts';
import { readDtsenSnapshot, readPeriod } from '../domain/import/normalise-row.ts';
import { previewBlocks, previewTotals } from '../domain/import/preview-read.ts';
import { programNamesOf, resolveProgram } from '../domain/import/program-names.ts';
import { rejectedRowsCsv } from '../domain/import/rejected-rows.ts';
import { rollbackImport } from '../domain/import/rollback-import.ts';
import { createImport, type ImportProgress, runImport } from '../domain/import/run-import.ts';
import { claimJob, keepAlive } from '../domain/jobs/job-lease.ts';
import { loadCatalogue } from '../domain/program-profiles/catalogue.ts';
import { loadRegionDirectory } from '../domain/regions/region-directory.ts';
import { backOfficeEn } from '../i18n/back-office-messages.ts';
import { failureText, importPageText, rejectionText } from '../i18n/import-messages.ts';
import { readConfigOrExit } from '../server/config.ts';

const USAGE = [
  'usage: npm run import -- FILE.csv|FILE.xlsx [--program CODE|ALIAS] [--period YYYY-MM|YYYY-Qn]',
  '         [--snapshot YYYY-Qn] [--dry-run | --yes] [--include-program PKH]... [--complete default|all|none]',
  '         [--end N]',
  '       npm run import -- --confirm ID [--end N]   |   --discard ID   |   --rollback ID',
].join('\n');

let parsed: ReturnType<
  typeof parseArgs<{
    options: Record<string, { type: 'string' | 'boolean'; multiple?: boolean }>;
    allowPositionals: true;
  }>
>;
try {
  parsed = parseArgs({
    options: {
      program: { type: 'string' },
      period: { type: 'string' },
      snapshot: { type: 'string' },
      'dry-run': { type: 'boolean' },
      yes: { type: 'boolean' },
      'include-program': { type: 'string', multiple: true },
      complete: { type: 'string' },
      end: { type: 'string' },
      confirm: { type: 'string' },
      discard: { type: 'string' },
      rollback: { type: 'string' },
    },
    allowPositionals: true,
    strict: true,
  });
} catch (error) {
  console.error(`${(error as Error).message}\n${USAGE}`);
  process.exit(2);
}
const values = parsed.values as Record<string, string | boolean | string[] | undefined>;
const text = (name: string) => (typeof values[name] === 'string' ? (values[name] as string) : undefined);
const idOf = (name: string) => {
  const given = text(name);
  if (given === undefined) return undefined;
  return /^\d{1,9}$/.test(given) ? Number(given) : Number.NaN;
};
const [file] = parsed.positionals;
const programGiven = text('program');
const period = text('period') === undefined ? undefined : readPeriod(text('period') as string);
const snapshotGiven = text('snapshot');
const snapshot = snapshotGiven === undefined ? undefined : readDtsenSnapshot(snapshotGiven);
if (snapshot === null) {
  console.error(`${importPageText('en')('snapshot_format')}\n${USAGE}`);
  process.exit(2);
}
const includedGiven = (values['include-program'] as string[] | undefined) ?? [];
/** The codes of the programs named, once the office's programs are read. */
let program: string | undefined;
let included: string[] = [];
const complete = text('complete') ?? 'default';
const end =
  text('end') === undefined
    ? null
    : /^\d{1,9}$/.test(text('end') as string)
      ? Number(text('end'))
      : Number.NaN;
const acting = (['confirm', 'discard', 'rollback'] as const).filter((name) => text(name) !== undefined);
const actingId = acting.length === 1 ? idOf(acting[0] as string) : undefined;
if (
  (acting.length === 0 && (!file || parsed.positionals.length > 1)) ||
  (acting.length > 0 && (file !== undefined || acting.length > 1 || !Number.isSafeInteger(actingId))) ||
  programGiven?.trim() === '' ||
  period === null ||
  includedGiven.some((p) => p.trim() === '') ||
  !['default', 'all', 'none'].includes(complete) ||
  Number.isNaN(end) ||
  (values['dry-run'] && values.yes)
) {
  console.error(USAGE);
  process.exit(2);
}

const config = readConfigOrExit();
// IMPORT_TIMINGS=1: each phase's time and the costliest statements, printed to stderr at the end.
const timings = config.importTimings ? new StatementTimings() : undefined;
const opened = openDatabase(config.database, { log: timings?.log });
const messageOf = (error: unknown) => {
  if (!isAppError(error)) throw error;
  const key = Object.values(error.fields)[0] ?? error.code;
  return (backOfficeEn as Record<string, string>)[key] ?? key;
};
try {
  await withStartupLock(opened, async (db) => {
    await migrateToLatest(db, opened.engine);
    await loadRegions(db);
  });
  timings?.phase('open and migrate');
  const deps = {
    db: opened.db,
    regions: await loadRegionDirectory(opened.db),
    now: () => new Date(),
    imports: config.imports,
  };
  // The programs are the office's data: a name is known once the database is open.
  const programs = programNamesOf(await loadCatalogue(opened.db));
  const unknown = [programGiven ?? '', ...includedGiven].filter(
    (p) => p !== '' && resolveProgram(programs, p) === undefined,
  );
  program = programGiven === undefined ? undefined : resolveProgram(programs, programGiven);
  included = includedGiven.map((p) => resolveProgram(programs, p) ?? '');
  try {
    if (unknown.length > 0) {
      console.error(
        `unknown program: ${unknown.join(', ')} (the office has not defined it; defined: ${[...new Set(programs.values())].join(', ')})\n${USAGE}`,
      );
      process.exitCode = 2;
    } else if (acting[0] === 'rollback') {
      const undone = await rollbackImport(deps, null, actingId as number, null);
      console.log(
        `import #${actingId} rolled back: ${undone.membershipsRemoved} memberships removed, ` +
          `${undone.membershipsRestored} restored, ${undone.endingsLifted} endings lifted, ${undone.endingsRestored} restored`,
      );
    } else if (acting[0] === 'discard') {
      await discardImport(deps, null, actingId as number, null);
      console.log(`import #${actingId} discarded: nothing was written`);
    } else if (acting[0] === 'confirm') {
      await confirmAndApply(actingId as number);
    } else {
      await importFile(file as string);
    }
  } catch (error) {
    console.error(messageOf(error));
    process.exitCode = 1;
  }
} finally {
  await opened.close();
  if (timings) console.error(timings.report());
}

async function importFile(file: string) {
  const deps = {
    db: opened.db,
    regions: await loadRegionDirectory(opened.db),
    now: () => new Date(),
    imports: config.imports,
  };
  const { id, resumed } = await createImport(deps, {
    fileName: path.basename(file),
    file,
    defaults: {
      program,
      period: period ?? undefined,
    },
    source: 'cli',
    createdBy: null,
    dtsenSnapshot: snapshot ?? null,
  });
  console.log(`${resumed ? 'resuming' : 'import'} #${id}: ${file}`);
  const started = Date.now();
  const record = await opened.db
    .selectFrom('imports')
    .select(['status'])
    .where('id', '=', id)
    .executeTakeFirstOrThrow();
  if (!resumed || record.status !== 'done') {
    const outcome = await runImport(deps, id, file, progressPrinter(started));
    timings?.phase('read and preview');
    if (process.stdout.isTTY) process.stdout.write('\n');
    const seconds = (Date.now() - started) / 1000;
    if (outcome.status === 'failed') {
      console.error(
        `import #${id} refused${outcome.failureLine ? ` at line ${outcome.failureLine}` : ''}: ${failureText(outcome.failure ?? 'internal')}`,
      );
      process.exitCode = 1;
      return;
    }
    console.log(
      `import #${id} read: ${outcome.rowsRead} rows read, ${outcome.rowsAccepted} accepted, ${outcome.rowsRejected} rejected, ` +
        `${Math.round(outcome.rowsRead / Math.max(seconds, 0.001))} rows/s, ${seconds.toFixed(1)} s` +
        (outcome.headerLine && outcome.headerLine > 1 ? `; header on line ${outcome.headerLine}` : ''),
    );
    if (outcome.ignoredHeaders.length > 0)
      console.log(`columns not recognised (ignored): ${outcome.ignoredHeaders.join(', ')}`);
    if (outcome.desilColumn && !snapshot) console.log(importPageText('en')('snapshotMissingCli'));
    if (outcome.rowsRejected > 0) await writeRejected(id, file);
  }
  if (included.length > 0 || complete !== 'default') await decideImport(deps, id, await decisionFor(id));
  await printPreview(id);
  timings?.phase('decide and print the preview');
  if (values['dry-run']) {
    await discardImport(deps, null, id, null);
    console.log(`dry run: import #${id} discarded, nothing was written`);
  } else if (values.yes) {
    await confirmAndApply(id, started);
  } else {
    console.log(
      `import #${id} waits in its preview: nothing was written. Confirm it at /petugas/impor/${id}, ` +
        `or run: npm run import -- --confirm ${id}`,
    );
  }
  console.log(`data-quality report: npm run quality -- --import ${id}`);
}

async function decisionFor(id: number): Promise<ImportDecision> {
  const blocks = await opened.db
    .selectFrom('import_blocks')
    .select(['program_code', 'period', 'village_code'])
    .where('import_id', '=', id)
    .where('village_code', '<>', '')
    .execute();
  const keys = blocks.map(blockKey);
  return {
    includePrograms: included,
    complete: complete === 'all' ? keys : [],
    partial: complete === 'none' ? keys : [],
  };
}

async function confirmAndApply(id: number, started = Date.now()) {
  const deps = { db: opened.db, now: () => new Date(), imports: config.imports };
  const record = await opened.db
    .selectFrom('imports')
    .select(['preview_fingerprint'])
    .where('id', '=', id)
    .executeTakeFirst();
  const totals = await previewTotals(deps, id, config.imports ?? DEFAULT_IMPORT_SETTINGS);
  if (totals.largeEndings > 0 && end !== totals.largeEndings) {
    console.error(
      `${totals.largeEndings} memberships would end in villages that lose more than ` +
        `${Math.round((config.imports ?? DEFAULT_IMPORT_SETTINGS).largeEndingShare * 100)}% of their households. ` +
        `Nothing was written. To write them, run: npm run import -- --confirm ${id} --end ${totals.largeEndings}`,
    );
    process.exitCode = 1;
    return;
  }
  await confirmImport(deps, null, id, { fingerprint: record?.preview_fingerprint ?? '', endings: end }, null);
  timings?.phase('confirm');
  // Held by this process while it writes, so a server does not take the write up beside it.
  await claimJob(opened.db, 'imports', id, { runner: null, heartbeat_at: null }, new Date());
  const alive = keepAlive(
    opened.db,
    'imports',
    id,
    () => new Date(),
    () => {},
  );
  const applied = await applyImport(deps, id).finally(() => alive.stop());
  timings?.phase('write');
  const seconds = (Date.now() - started) / 1000;
  console.log(
    `import #${id} done: ${totals.rowsRead} rows read, ${totals.rowsAccepted} accepted, ${totals.rowsRejected} rejected, ` +
      `${applied.membershipsEnded} memberships ended, ${Math.round(totals.rowsRead / Math.max(seconds, 0.001))} rows/s, ` +
      `${seconds.toFixed(1)} s, peak RSS ${Math.round(process.resourceUsage().maxRSS / 1024)} MiB`,
  );
}

async function printPreview(id: number) {
  const deps = { db: opened.db };
  const totals = await previewTotals(deps, id, config.imports ?? DEFAULT_IMPORT_SETTINGS);
  const blocks = await previewBlocks(deps, id);
  console.log(
    `preview #${id}: ${totals.rowsRead} rows, ${totals.rowsAccepted} accepted, ${totals.rowsRejected} rejected; ` +
      `households ${totals.householdsNew} new, ${totals.householdsUnchanged} unchanged, ${totals.householdsChanged} changed ` +
      `(${totals.suspicious} suspicious amounts), ${totals.kept} kept because their row was rejected; ` +
      `${totals.ending} memberships would end in ${totals.villagesComplete} complete villages, ` +
      `${totals.notEnding} stay in ${totals.villagesPartial} villages the list is partial for` +
      (totals.duplicates > 0
        ? `; ${totals.duplicates} rows share a KK, program and period with another`
        : ''),
  );
  for (const other of totals.otherPrograms) {
    console.log(
      `${other.rows} row(s) of ${other.program} in this list: ${other.included ? 'taken in' : 'left out (--include-program to take them in)'}`,
    );
  }
  for (const b of blocks) {
    const reasons = b.reasons.map((r) => `${rejectionText(r.reason, 'en')} ×${r.count}`).join('; ');
    console.log(
      `  ${b.program_code} ${b.period} ${b.village_code || '(village unreadable)'} ${b.village_name ?? ''}: ` +
        `${b.rows_read} read, ${b.rows_accepted} accepted, ${b.rows_rejected} rejected` +
        (reasons ? ` (${reasons})` : '') +
        `; ${b.households_new} new, ${b.households_unchanged} unchanged, ${b.households_changed} changed` +
        (b.kept > 0 ? `, ${b.kept} kept` : '') +
        (b.would_end > 0
          ? `; ${b.would_end} of ${b.baseline_households} (${b.baseline_period}) ${b.complete ? 'end' : 'would end, but the list is taken as partial here'}`
          : '') +
        (b.included ? '' : ' [left out]'),
    );
  }
}

async function writeRejected(id: number, file: string) {
  const deps = { db: opened.db };
  const out = `${file.replace(/\.(csv|xlsx)$/i, '')}.ditolak.csv`;
  const stream = createWriteStream(out);
  for await (const chunk of rejectedRowsCsv(deps, id, (r) => rejectionText(r))) {
    if (!stream.write(chunk)) await new Promise<void>((resolve) => stream.once('drain', () => resolve()));
  }
  await new Promise<void>((resolve, reject) =>
    stream.end((error?: Error | null) => (error ? reject(error) : resolve())),
  );
  console.log(`rejected rows (line, column, reason): ${out}`);
}

function progressPrinter(started: number) {
  let lastPlain = 0;
  return (p: ImportProgress) => {
    const seconds = Math.max((Date.now() - started) / 1000, 0.001);
    const rate = p.rowsRead / seconds;
    const share = p.bytesTotal > 0 ? Math.min(p.bytesRead / p.bytesTotal, 1) : 0;
    const left = share > 0 ? (seconds / share) * (1 - share) : 0;
    if (process.stdout.isTTY) {
      const width = 30;
      const filled = Math.round(share * width);
      process.stdout.write(
        `\r[${'#'.repeat(filled)}${'.'.repeat(width - filled)}] ${(share * 100).toFixed(0).padStart(3)}% ` +
          `${p.rowsRead} rows, ${Math.round(rate)} rows/s, ETA ${formatSeconds(left)}, ${p.rowsRejected} rejected   `,
      );
    } else if (p.rowsRead - lastPlain >= 50_000) {
      lastPlain = p.rowsRead;
      console.log(
        `${p.rowsRead} rows (${(share * 100).toFixed(0)}%), ${Math.round(rate)} rows/s, ETA ${formatSeconds(left)}`,
      );
    }
  };
}

function formatSeconds(seconds: number): string {
  const s = Math.round(seconds);
  return s >= 60 ? `${Math.floor(s / 60)}m${String(s % 60).padStart(2, '0')}s` : `${s}s`;
}
