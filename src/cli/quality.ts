// `npm run quality -- --import 12 | --all [--format csv|json|text]`: the data-quality report of one
// import or of the whole register. CSV columns: rule, line, nik, detail.
import { parseArgs } from 'node:util';
import { openDatabase } from '../db/database.ts';
import { QUALITY_RULES, qualityReport } from '../domain/quality/quality-report.ts';
import { qualityCsv } from '../domain/quality/report-csv.ts';
import { loadRegionDirectory } from '../domain/regions/region-directory.ts';
import { ruleText } from '../i18n/import-messages.ts';
import { readConfigOrExit } from '../server/config.ts';

const USAGE = 'usage: npm run quality -- --import ID | --all [--format csv|json|text]';

let values: { import?: string; all?: boolean; format?: string };
try {
  values = parseArgs({
    options: { import: { type: 'string' }, all: { type: 'boolean' }, format: { type: 'string' } },
    strict: true,
  }).values;
} catch (error) {
  console.error(`${(error as Error).message}\n${USAGE}`);
  process.exit(2);
}
const format = values.format ?? 'text';
const importId = values.import === undefined ? undefined : Number(values.import);
if (
  (importId === undefined) === (values.all !== true) ||
  (importId !== undefined && !(Number.isSafeInteger(importId) && importId > 0)) ||
  !['csv', 'json', 'text'].includes(format)
) {
  console.error(USAGE);
  process.exit(2);
}

const config = readConfigOrExit();
const started = Date.now();
const opened = openDatabase(config.database);
try {
  const deps = { db: opened.db, regions: await loadRegionDirectory(opened.db), now: () => new Date() };
  if (importId !== undefined) {
    const known = await opened.db
      .selectFrom('imports')
      .select('id')
      .where('id', '=', importId)
      .executeTakeFirst();
    if (!known) {
      console.error(`no import #${importId}`);
      process.exit(1);
    }
  }
  const report = await qualityReport(deps, importId === undefined ? { all: true } : { importId });
  if (format === 'csv') {
    for (const line of qualityCsv(report)) process.stdout.write(line);
  } else if (format === 'json') {
    process.stdout.write(`${JSON.stringify(report, null, 2)}\n`);
  } else {
    for (const rule of QUALITY_RULES) {
      const { findings, dismissed } = report.counts[rule];
      if (findings > 0)
        console.log(
          `${String(findings).padStart(7)}  ${ruleText(rule)}${dismissed ? ` (${dismissed} bukan masalah)` : ''}`,
        );
    }
    // The bench reads this line: the report's time, the CPU it took (which a machine busy with
    // other work disturbs less; on PostgreSQL the server's share is not in it) and peak memory.
    const usage = process.resourceUsage();
    console.log(
      `${report.findings.length} findings in ${((Date.now() - started) / 1000).toFixed(1)} s ` +
        `(CPU ${((usage.userCPUTime + usage.systemCPUTime) / 1e6).toFixed(1)} s), ` +
        `peak RSS ${Math.round(usage.maxRSS / 1024)} MiB; --format csv lists them.`,
    );
  }
} finally {
  await opened.close();
}
