// `npm run import -- daftar.csv [--program BPNT] [--period 2021-01]`: imports a recipient list
// (CSV or .xlsx). On a terminal a progress bar with rows/s and the time left; otherwise one plain
// line per 50,000 rows. Rejected rows are written beside the file as `<name>.ditolak.csv`.
// Run again after an interruption: the same file is taken up again and ends in the same state.
import { createWriteStream } from 'node:fs';
import path from 'node:path';
import { parseArgs } from 'node:util';
import { openDatabase } from '../db/database.ts';
import { loadRegions } from '../db/load-regions.ts';
import { migrateToLatest } from '../db/migrate.ts';
import { withStartupLock } from '../db/startup-lock.ts';
import { readPeriod } from '../domain/import/normalise-row.ts';
import { rejectedRowsCsv } from '../domain/import/rejected-rows.ts';
import { createImport, type ImportProgress, runImport } from '../domain/import/run-import.ts';
import { isProgramCode } from '../domain/programs.ts';
import { loadRegionDirectory } from '../domain/regions/region-directory.ts';
import { failureText, rejectionText } from '../i18n/import-messages.ts';
import { readConfigOrExit } from '../server/config.ts';

const USAGE =
  'usage: npm run import -- FILE.csv|FILE.xlsx [--program BPNT|PKH|BST|PBI-JK|PIP|KKS] [--period YYYY-MM|YYYY-Qn]';

let parsed: ReturnType<
  typeof parseArgs<{ options: Record<string, { type: 'string' }>; allowPositionals: true }>
>;
try {
  parsed = parseArgs({
    options: { program: { type: 'string' }, period: { type: 'string' } },
    allowPositionals: true,
    strict: true,
  });
} catch (error) {
  console.error(`${(error as Error).message}\n${USAGE}`);
  process.exit(2);
}
const [file] = parsed.positionals;
const program = parsed.values.program?.toUpperCase();
const period = parsed.values.period === undefined ? undefined : readPeriod(parsed.values.period);
if (!file || parsed.positionals.length > 1 || (program && !isProgramCode(program)) || period === null) {
  console.error(USAGE);
  process.exit(2);
}

const config = readConfigOrExit();
const opened = openDatabase(config.database);
try {
  await withStartupLock(opened, async (db) => {
    await migrateToLatest(db, opened.engine);
    await loadRegions(db);
  });
  const deps = { db: opened.db, regions: await loadRegionDirectory(opened.db), now: () => new Date() };
  const { id, resumed } = await createImport(deps, {
    fileName: path.basename(file),
    file,
    defaults: { program: program && isProgramCode(program) ? program : undefined, period },
    source: 'cli',
    createdBy: null,
  });
  console.log(`${resumed ? 'resuming' : 'import'} #${id}: ${file}`);
  const started = Date.now();
  const outcome = await runImport(deps, id, file, progressPrinter(started));
  if (process.stdout.isTTY) process.stdout.write('\n');
  const seconds = (Date.now() - started) / 1000;
  if (outcome.status === 'failed') {
    console.error(
      `import #${id} refused${outcome.failureLine ? ` at line ${outcome.failureLine}` : ''}: ${failureText(outcome.failure ?? 'internal')}`,
    );
    process.exitCode = 1;
  } else {
    console.log(
      `import #${id} done: ${outcome.rowsRead} rows read, ${outcome.rowsAccepted} accepted, ${outcome.rowsRejected} rejected, ` +
        `${outcome.membershipsEnded} memberships ended, ${Math.round(outcome.rowsRead / Math.max(seconds, 0.001))} rows/s, ` +
        `${seconds.toFixed(1)} s, peak RSS ${Math.round(process.resourceUsage().maxRSS / 1024)} MiB`,
    );
    if (outcome.ignoredHeaders.length > 0)
      console.log(`columns not recognised (ignored): ${outcome.ignoredHeaders.join(', ')}`);
    if (outcome.rowsRejected > 0) {
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
    console.log(`data-quality report: npm run quality -- --import ${id}`);
  }
} finally {
  await opened.close();
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
