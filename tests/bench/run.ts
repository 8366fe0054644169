// `npm run bench`: performance as ratios against a baseline measured in the same run, on SQLite
// and, when a PostgreSQL server answers (TEST_POSTGRES_URL, as for the tests), on PostgreSQL.
//  1. The first start of an empty database (migrations, regions, demo data) until /healthz.
//  2. The domain's NIK lookup against the raw prepared query for the same rows (the floor).
//  3. POST /api/v1/cek, POST /api/v1/aduan (a new ticket per request, each with its own
//     Idempotency-Key) and POST /api/v1/lacak against GET /healthz over HTTP (autocannon, 20
//     connections), p50/p99. SQLite keeps synchronous=FULL: every ticket is fsynced. On Linux
//     also the server process's CPU per request and the ratio by it, which a busy machine
//     disturbs less (on PostgreSQL the database's own CPU is not in it).
//  4. The weight of the check page (HTML, CSS, JS, icon) and any third-party reference.
//  5. Importing a generated recipient list through the built CLI (`npm run import -- --yes`: read,
//     preview, apply): rows/s and the CLI's peak RSS, for BENCH_IMPORT_ROWS rows (default 1,000,000) as
//     CSV and a tenth of that as .xlsx (same program and period, new households), against a floor
//     of the same rows inserted into the same tables by the plainest loop (import-floor.ts), and
//     the NIK lookup's latency while a list is imported. `npm run bench -- --only=import
//     --engines=sqlite` runs only this.
//  6. `stats`: the public figures page (Kota Mojokerto, BPNT, with the complaints and collection
//     charts) and the Dinas Sosial's statistics page against the home page.
//  7. `scale`: a province-sized register (SCALE_ROWS households, default 1,000,000, with a defect
//     after every 1,000th) imported through the built CLI on top of the demo data, kept under
//     .bench-cache/ keyed by engine and row count (PostgreSQL: the database scale_bench_<rows>),
//     so a second run measures without importing again. On it: the domain NIK lookup of the same
//     demo household against the demo data alone (cost ratio, goal ≤ 1.5), and the whole-register
//     data-quality report through the built CLI (`npm run quality -- --all`): seconds and peak
//     RSS (goal < 60 s). `npm run bench -- --only=scale --engines=sqlite` runs only this.
//  8. `viewerlog`: a year of audit rows (BENCH_VIEWER_LOG_ROWS, default 1,000,000), each naming one
//     person; "who viewed NIK N" and "account X in one month" against a lookup by id (viewer-log.ts).
// `BENCH_CPU_PROFILE_DIR=/tmp/prof` makes every server the bench starts write a V8 CPU profile there.
// While iterating, `npm run bench -- --only=start,lookup,http --engines=sqlite,postgres` runs
// some sections on some engines (each defaults to all).
import { spawn } from 'node:child_process';
import {
  createWriteStream,
  existsSync,
  mkdirSync,
  mkdtempSync,
  readFileSync,
  rmSync,
  writeFileSync,
} from 'node:fs';
import { createServer } from 'node:net';
import { cpus, loadavg, tmpdir } from 'node:os';
import path from 'node:path';
import autocannon from 'autocannon';
import SQLite from 'better-sqlite3';
import ExcelJS from 'exceljs';
import { getDistricts, getVillages } from 'idn-area-data';
import pg from 'pg';
import { Bench } from 'tinybench';
import { type DatabaseTarget, databaseFile } from '../../src/db/database.ts';
import { BULK_WAL_AUTOCHECKPOINT } from '../../src/db/engine.ts';
import { loadServerSecret } from '../../src/db/server-secret.ts';
import { DEMO_HOUSEHOLDS } from '../../src/demo/generate-demo-data.ts';
import { checkHouseholdByNik } from '../../src/domain/cek/check-household-by-nik.ts';
import { DEFAULT_LOOKUP_LIMITS } from '../../src/domain/cek/lookup-limits.ts';
import { ProofOfWork, solveChallenge } from '../../src/domain/privacy/proof-of-work.ts';
import { prepareDatabase } from '../../src/server/bootstrap.ts';
import {
  cleanListChunks,
  HEADER,
  type Place,
  person,
  rowOf,
  scaleListChunks,
} from '../support/recipient-lists.ts';
import {
  assertPostgresReachable,
  createPostgresDatabase,
  dropPostgresDatabase,
  newDatabaseName,
  POSTGRES_ADMIN_URL,
  postgresTarget,
  postgresUrl,
  TEST_SECRET_KEY,
} from '../support/test-database.ts';
import { BENCH_COMPLAINT } from './bench-complaint.ts';
import { dinsosCookie, generateCases } from './generated-cases.ts';
import { postgresFloor, sqliteFloor } from './import-floor.ts';
import { viewerLogBench } from './viewer-log.ts';

const MAIN = path.resolve('dist/node/main.mjs');
const found = DEMO_HOUSEHOLDS.find((h) => h.key === 'bpnt') ?? DEMO_HOUSEHOLDS[0];
if (!found) throw new Error('no demo household');
const household = found;
const CONNECTIONS = 20;
const INBOX_EXTRA_TICKETS = 100_000;

interface Engine {
  name: 'sqlite' | 'postgres';
  dataDir: string;
  target: DatabaseTarget;
  env: Record<string, string>;
  cleanup(): Promise<void>;
}

function sqliteEngine(): Engine {
  const dataDir = mkdtempSync(path.join(tmpdir(), 'cek-bench-sqlite-'));
  return {
    name: 'sqlite',
    dataDir,
    target: { engine: 'sqlite', file: databaseFile(dataDir) },
    env: {},
    cleanup: async () => rmSync(dataDir, { recursive: true, force: true }),
  };
}

async function postgresEngine(): Promise<Engine | undefined> {
  try {
    await assertPostgresReachable();
  } catch (error) {
    console.log(`PostgreSQL: not measured (${(error as Error).message})`);
    return undefined;
  }
  const name = newDatabaseName('cekbansos_bench');
  await createPostgresDatabase(name);
  const dataDir = mkdtempSync(path.join(tmpdir(), 'cek-bench-pg-'));
  return {
    name: 'postgres',
    dataDir,
    target: postgresTarget(name),
    env: { DATABASE_URL: postgresUrl(name), SECRET_KEY: TEST_SECRET_KEY.toString('hex') },
    cleanup: async () => {
      await dropPostgresDatabase(name);
      rmSync(dataDir, { recursive: true, force: true });
    },
  };
}

/** A port nothing listens on: a fixed one may be taken by another server on the machine, whose
 * /healthz would answer for ours. */
function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const probe = createServer();
    probe.once('error', reject);
    probe.listen(0, '127.0.0.1', () => {
      const address = probe.address();
      probe.close(() =>
        typeof address === 'object' && address ? resolve(address.port) : reject(new Error('no port')),
      );
    });
  });
}

async function startServer(engine: Engine) {
  const port = await freePort();
  const started = performance.now();
  // BENCH_CPU_PROFILE_DIR=dir: each server writes a V8 CPU profile there when it stops.
  const profile = process.env.BENCH_CPU_PROFILE_DIR;
  const nodeArgs = profile ? ['--cpu-prof', `--cpu-prof-dir=${profile}`] : [];
  const child = spawn(process.execPath, [...nodeArgs, MAIN], {
    env: {
      ...process.env,
      ...engine.env,
      DATA_DIR: engine.dataDir,
      PORT: String(port),
      LOG_LEVEL: 'warn',
      // The bench measures lookups, not the guard against enumeration (which still counts).
      LIMIT_NIK_CHECKS_PER_CLIENT: '1000000000',
      LIMIT_CHECKS_PER_NIK: '1000000000',
      LIMIT_TRACKING_PER_CLIENT: '1000000000',
      LIMIT_TRACKING_PER_REFERENCE: '1000000000',
      LIMIT_SUBMISSIONS_PER_CLIENT: '1000000000',
    },
    stdio: ['ignore', 'ignore', 'inherit'],
  });
  const url = `http://127.0.0.1:${port}`;
  for (;;) {
    if (child.exitCode !== null) throw new Error(`server exited with ${child.exitCode}`);
    const ok = await fetch(`${url}/healthz`).then(
      (r) => r.ok,
      () => false,
    );
    if (ok) break;
    await new Promise((r) => setTimeout(r, 100));
  }
  return { url, child, seconds: (performance.now() - started) / 1000 };
}

async function stop(child: ReturnType<typeof spawn>) {
  const exited = new Promise((r) => child.once('exit', r));
  child.kill('SIGTERM');
  await exited;
}

const PERSON_SQL = `SELECT h.id, h.kk, h.village_code, m.name, head.name AS head_name FROM household_members m
   JOIN households h ON h.id = m.household_id
   LEFT JOIN household_members head ON head.household_id = h.id AND head.relation = 'kepala'
   WHERE m.nik = ?`;
const MEMBERSHIPS_SQL =
  'SELECT program_code, period, status, suspension_reason, amount, channel, collection_point FROM program_memberships WHERE household_id = ? ORDER BY program_code, period DESC';

/** The same two reads the lookup makes, prepared once, straight on the driver. */
async function rawFloor(
  engine: Engine,
): Promise<{ run: () => Promise<void> | void; close: () => Promise<void> }> {
  if (engine.name === 'sqlite') {
    const floorDb = new SQLite(databaseFile(engine.dataDir), { readonly: true });
    const person = floorDb.prepare(PERSON_SQL);
    const memberships = floorDb.prepare(MEMBERSHIPS_SQL);
    return {
      run: () => {
        const row = person.get(household.nik) as { id: number; kk: string } | undefined;
        if (row && row.kk === household.kk) memberships.all(row.id);
      },
      close: async () => {
        floorDb.close();
      },
    };
  }
  const target = engine.target as Extract<DatabaseTarget, { engine: 'postgres' }>;
  const client = new pg.Client({ connectionString: target.url });
  await client.connect();
  const numbered = (text: string) => text.replace('?', '$1');
  return {
    run: async () => {
      const { rows } = await client.query({
        name: 'floor-person',
        text: numbered(PERSON_SQL),
        values: [household.nik],
      });
      const row = rows[0] as { id: number; kk: string } | undefined;
      if (row && row.kk === household.kk)
        await client.query({ name: 'floor-memberships', text: numbered(MEMBERSHIPS_SQL), values: [row.id] });
    },
    close: () => client.end(),
  };
}

async function lookupRatio(engine: Engine) {
  const unlimited = {
    perClient: 1e9,
    perNik: 1e9,
    searchesPerClient: 1e9,
    trackingPerClient: 1e9,
    trackingPerReference: 1e9,
    submissionsPerClient: 1e9,
    windowSeconds: 600,
    proofCost: DEFAULT_LOOKUP_LIMITS.proofCost,
    hardProofCost: DEFAULT_LOOKUP_LIMITS.hardProofCost,
  };
  const prepared = await prepareDatabase({
    dataDir: engine.dataDir,
    database: engine.target,
    secretKey: engine.name === 'postgres' ? TEST_SECRET_KEY : undefined,
    demoData: false,
    limits: unlimited,
  });
  const floor = await rawFloor(engine);
  const bench = new Bench({ time: 2000, warmupTime: 300 });
  bench.add('raw prepared query (floor)', floor.run).add('domain checkHouseholdByNik', async () => {
    await checkHouseholdByNik(
      prepared.deps,
      { nik: household.nik, kk: household.kk },
      { clientKey: 'bench' },
    );
  });
  await bench.run();
  const [raw, domain] = bench.tasks.map((t) => {
    const r = t.result as unknown as { throughput?: { mean: number }; hz?: number };
    return r.throughput?.mean ?? r.hz ?? 0;
  });
  await floor.close();
  await prepared.close();
  return { raw: raw ?? 0, domain: domain ?? 0 };
}

/**
 * CPU seconds the process has used (Linux), or undefined. On a machine others load too, the
 * server's CPU per request compares two endpoints better than throughputs taken seconds apart.
 */
function cpuSeconds(pid: number | undefined): number | undefined {
  const stat = `/proc/${pid}/stat`;
  if (pid === undefined || !existsSync(stat)) return undefined;
  const fields = (readFileSync(stat, 'utf8').split(') ')[1] ?? '').split(' ');
  return (Number(fields[11]) + Number(fields[12])) / 100; // utime + stime, in clock ticks
}

type Measured = autocannon.Result & { cpuPerRequest?: number };

/** An autocannon run against the server `pid`, with the server's CPU per request it answered. */
async function measured(pid: number | undefined, opts: autocannon.Options): Promise<Measured> {
  const before = cpuSeconds(pid);
  const result = await autocannon(opts);
  const after = cpuSeconds(pid);
  const cpuPerRequest =
    before !== undefined && after !== undefined && result.requests.total > 0
      ? (after - before) / result.requests.total
      : undefined;
  return { ...result, cpuPerRequest };
}

/** Enough for 8 s of lookups on an idle machine (60,000 ran out there: some 7,500 a second). */
const LOOKUP_PROOFS = 150_000;

/**
 * Solved proofs of work for the lookups the bench sends, one per request (each is spent once).
 * Made with the server's own key, at a low cost, before the clock runs: the server checks and
 * spends every one as it would a browser's (two hashes and a counter row); how long a phone takes
 * to solve is measured apart (tools/measure-proof-of-work.ts).
 */
function solvedProofs(engine: Engine, count: number): () => Record<string, string> {
  const secret = engine.name === 'postgres' ? TEST_SECRET_KEY : loadServerSecret(engine.dataDir);
  const pow = new ProofOfWork({ secret });
  const pool = Array.from({ length: count }, () => solveChallenge(pow.challenge(100)));
  let next = 0;
  return () => {
    const proof = pool[next++];
    if (proof === undefined)
      throw new Error(`the bench sent more than ${count} lookups: make the pool larger`);
    return { 'x-proof-of-work': proof };
  };
}

async function httpRatio(engine: Engine) {
  const server = await startServer(engine);
  const load = (opts: autocannon.Options) =>
    measured(server.child.pid, { connections: CONNECTIONS, duration: 8, ...opts });
  const health = await load({ url: `${server.url}/healthz` });
  const proofs = solvedProofs(engine, LOOKUP_PROOFS);
  const cekBody = JSON.stringify({ nik: household.nik, kk: household.kk });
  const cek = await load({
    url: server.url,
    requests: [
      {
        method: 'POST',
        path: '/api/v1/cek',
        setupRequest: (request) => ({
          ...request,
          headers: { 'content-type': 'application/json', ...proofs() },
          body: cekBody,
        }),
      },
    ],
  });
  const complaint = BENCH_COMPLAINT;
  let keys = 0;
  const aduan = await load({
    url: server.url,
    requests: [
      {
        method: 'POST',
        path: '/api/v1/aduan',
        setupRequest: (request) => ({
          ...request,
          headers: {
            'content-type': 'application/json',
            'idempotency-key': `bench-${process.pid}-${++keys}`,
            ...proofs(),
          },
          body: complaint,
        }),
      },
    ],
  });
  const ticket = (await (
    await fetch(`${server.url}/api/v1/aduan`, {
      method: 'POST',
      headers: { 'content-type': 'application/json', ...proofs() },
      body: complaint,
    })
  ).json()) as { reference: string; tracking_code: string };
  const lacakBody = JSON.stringify({ reference: ticket.reference, tracking_code: ticket.tracking_code });
  const lacak = await load({
    url: server.url,
    requests: [
      {
        method: 'POST',
        path: '/api/v1/lacak',
        setupRequest: (request) => ({
          ...request,
          headers: { 'content-type': 'application/json', ...proofs() },
          body: lacakBody,
        }),
      },
    ],
  });
  await stop(server.child);
  return { health, cek, aduan, lacak };
}

/** The Dinas Sosial's inbox (the widest area) against the home page, with the demo data and with `extra` more cases. */
async function inboxRatio(engine: Engine) {
  const measure = async () => {
    const server = await startServer(engine);
    const cookie = await dinsosCookie(server.url);
    // A second of each page first, not counted: the page's module loads and compiles at its first
    // request, and the cold second was a sixth of the inbox's six (tools/inbox-two-builds.ts does
    // the same).
    const run = async (url: string, headers: Record<string, string> = {}) => {
      await autocannon({ url, connections: 10, duration: 1, headers });
      return measured(server.child.pid, { url, connections: 10, duration: 6, headers });
    };
    const home = await run(`${server.url}/`);
    const inbox = await run(`${server.url}/petugas`, { cookie });
    await stop(server.child);
    return { home, inbox };
  };
  // On a machine others load too, the server's CPU per request tells the two pages apart better
  // than throughputs taken seconds apart (on PostgreSQL the database's own CPU is not in it).
  const report = (label: string, r: { home: Measured; inbox: Measured }) =>
    console.log(
      `inbox (${label}): ${Math.round(r.inbox.requests.average)} req/s, p99 ${r.inbox.latency.p99} ms, non-2xx ${r.inbox.non2xx}; home ${Math.round(r.home.requests.average)} req/s → inbox / home = ${(r.inbox.requests.average / r.home.requests.average).toFixed(3)} (goal ≥ 0.3, p99 ≤ 200 ms at 100,000 cases)` +
        (r.inbox.cpuPerRequest && r.home.cpuPerRequest
          ? `; server CPU ${Math.round(r.inbox.cpuPerRequest * 1e6)} µs/request, home ${Math.round(r.home.cpuPerRequest * 1e6)} µs → by server CPU ${(r.home.cpuPerRequest / r.inbox.cpuPerRequest).toFixed(3)}`
          : '') +
        ` (${load()})`,
    );
  report('demo data', await measure());
  await generateCases(engine, INBOX_EXTRA_TICKETS);
  report(`demo + ${INBOX_EXTRA_TICKETS.toLocaleString('en')} generated cases`, await measure());
}

/** A district of Bantul (34.02), a regency the demo data does not use: every row is a new household. */
async function bantul(): Promise<Place> {
  const district = (await getDistricts()).find((d) => d.regency_code === '34.02');
  if (!district) throw new Error('no district in 34.02');
  return {
    district: district.code,
    villages: (await getVillages()).filter((v) => v.district_code === district.code).map((v) => v.code),
  };
}

/**
 * The import of a generated list through the built CLI (`--yes`: read, preview, apply), against
 * its floor (import-floor.ts: the same rows into the same tables by the plainest loop, in a fresh
 * database of the same engine), and the NIK lookup's latency while a list is being imported.
 */
async function importBench(engine: Engine) {
  const rows = Number(process.env.BENCH_IMPORT_ROWS ?? 1_000_000);
  const place = await bantul();
  const csv = path.join(engine.dataDir, 'daftar-besar.csv');
  const out = createWriteStream(csv);
  for (const chunk of cleanListChunks(place, rows)) {
    if (!out.write(chunk)) await new Promise<void>((r) => out.once('drain', () => r()));
  }
  await new Promise<void>((r) => out.end(() => r()));
  const xlsxRows = Math.max(1, Math.round(rows / 10));
  const xlsx = path.join(engine.dataDir, 'daftar.xlsx');
  const workbook = new ExcelJS.stream.xlsx.WorkbookWriter({ filename: xlsx, useSharedStrings: false });
  const sheet = workbook.addWorksheet('Daftar');
  sheet.addRow(HEADER.split(';')).commit();
  for (let i = 0; i < xlsxRows; i++) sheet.addRow(rowOf(person(place, rows + i)).split(';')).commit();
  await workbook.commit();

  const floor = await importFloor(engine, place, rows);
  console.log(
    `import floor (${engine.name === 'sqlite' ? 'prepared INSERT loop' : 'COPY'}, ${rows} rows into the same tables): ${Math.round(floor)} rows/s`,
  );
  // The import checkpoints SQLite's WAL less often than SQLite's default (engine.ts,
  // duringBulkWrite); the same loop given the same setting, so the ratio is not flattered by it.
  const bulkFloor =
    engine.name === 'sqlite' ? await importFloor(engine, place, rows, BULK_WAL_AUTOCHECKPOINT) : undefined;
  if (bulkFloor !== undefined) {
    console.log(
      `import floor with the import's WAL checkpoint (every ${BULK_WAL_AUTOCHECKPOINT} pages): ${Math.round(bulkFloor)} rows/s`,
    );
  }
  const csvRun = await importThroughCli(engine.env, engine.dataDir, csv);
  console.log(`import CSV, ${rows} rows (read + preview + apply): ${csvRun.line}`);
  if (csvRun.rowsPerSecond > 0) {
    console.log(
      `import / floor = ${(csvRun.rowsPerSecond / floor).toFixed(3)}` +
        (bulkFloor
          ? `, / floor with the same checkpoint = ${(csvRun.rowsPerSecond / bulkFloor).toFixed(3)}`
          : '') +
        ` (goal ≥ 0.5${engine.name === 'sqlite' ? '; and ≥ 50,000 rows/s' : ''}); ` +
        `preview alone ${csvRun.previewRowsPerSecond} rows/s`,
    );
  }
  console.log(
    `import .xlsx, ${xlsxRows} rows: ${(await importThroughCli(engine.env, engine.dataDir, xlsx)).line}`,
  );
  await cekDuringImport(engine, place, Math.min(rows, 200_000));
}

/** A migrated, empty database of the engine (regions loaded, no demo data), for the floor. */
async function importFloor(
  engine: Engine,
  place: Place,
  rows: number,
  walAutocheckpoint?: number,
): Promise<number> {
  if (engine.name === 'sqlite') {
    const dataDir = mkdtempSync(path.join(tmpdir(), 'cek-bench-floor-'));
    try {
      const prepared = await prepareDatabase({ dataDir, demoData: false });
      await prepared.close();
      return sqliteFloor(databaseFile(dataDir), place, rows, walAutocheckpoint);
    } finally {
      rmSync(dataDir, { recursive: true, force: true });
    }
  }
  const name = newDatabaseName('cekbansos_floor');
  await createPostgresDatabase(name);
  try {
    const prepared = await prepareDatabase({
      dataDir: engine.dataDir,
      database: postgresTarget(name),
      secretKey: TEST_SECRET_KEY,
      demoData: false,
    });
    await prepared.close();
    return await postgresFloor(postgresUrl(name), place, rows);
  } finally {
    await dropPostgresDatabase(name);
  }
}

/** POST /api/v1/cek latency (autocannon, 10 connections, 6 s) idle, then while a list is imported. */
async function cekDuringImport(engine: Engine, place: Place, rows: number) {
  const server = await startServer(engine);
  const proofs = solvedProofs(engine, LOOKUP_PROOFS);
  const body = JSON.stringify({ nik: household.nik, kk: household.kk });
  const cek = () =>
    autocannon({
      url: server.url,
      connections: 10,
      duration: 6,
      requests: [
        {
          method: 'POST',
          path: '/api/v1/cek',
          setupRequest: (request) => ({
            ...request,
            headers: { 'content-type': 'application/json', ...proofs() },
            body,
          }),
        },
      ],
    });
  const idle = await cek();
  const file = path.join(engine.dataDir, 'daftar-selama.csv');
  const shifted: Place = { district: place.district, villages: place.villages };
  const out = createWriteStream(file);
  // The same households' next month: the import writes every one of them while residents ask.
  for (const chunk of cleanListChunks(shifted, rows)) {
    if (!out.write(chunk.replaceAll('2021-02', '2021-03')))
      await new Promise<void>((r) => out.once('drain', () => r()));
  }
  await new Promise<void>((r) => out.end(() => r()));
  const importing = importThroughCli(engine.env, engine.dataDir, file);
  await new Promise((r) => setTimeout(r, 1500));
  const busy = await cek();
  const imported = await importing;
  await stop(server.child);
  const show = (r: autocannon.Result) =>
    `${Math.round(r.requests.average)} req/s, p50 ${r.latency.p50} ms, p99 ${r.latency.p99} ms, non-2xx ${r.non2xx}`;
  console.log(`POST /api/v1/cek idle: ${show(idle)}`);
  console.log(`POST /api/v1/cek while ${rows} rows are imported: ${show(busy)} (import: ${imported.line})`);
}

/** Runs the built import CLI on `file` with `--yes`; its lines carry rows/s and peak RSS. */
async function importThroughCli(
  env: Record<string, string>,
  dataDir: string,
  file: string,
): Promise<{ line: string; rowsPerSecond: number; previewRowsPerSecond: number }> {
  const child = spawn(process.execPath, [path.resolve('dist/node/import.mjs'), file, '--yes'], {
    env: { ...process.env, ...env, DATA_DIR: dataDir, LOG_LEVEL: 'warn' },
    stdio: ['ignore', 'pipe', 'inherit'],
  });
  let output = '';
  child.stdout?.on('data', (chunk) => {
    output += String(chunk);
  });
  const code = await new Promise((r) => child.once('exit', r));
  const done = output.split('\n').find((l) => l.includes(' done: '));
  const read = output.split('\n').find((l) => / read: /.test(l));
  const rate = (line: string | undefined) => Number(/(\d+) rows\/s/.exec(line ?? '')?.[1] ?? 0);
  return code === 0 && done
    ? {
        line: done.replace(/^import #\d+ done: /, ''),
        rowsPerSecond: rate(done),
        previewRowsPerSecond: rate(read),
      }
    : {
        line: `failed (${code}): ${output.split('\n').slice(-3).join(' ')}`,
        rowsPerSecond: 0,
        previewRowsPerSecond: 0,
      };
}

const SCALE_CACHE = path.resolve('.bench-cache');
// Not `cekbansos_…`: the test runs drop every such database they did not find at their start.
const scaleDatabase = (rows: number) => `scale_bench_${rows}`;

interface Register {
  dataDir: string;
  target: DatabaseTarget;
  env: Record<string, string>;
  /** How the register came to be: the import's own line, or that it was reused. */
  origin: string;
}

async function postgresDatabaseExists(name: string): Promise<boolean> {
  const client = new pg.Client({ connectionString: POSTGRES_ADMIN_URL });
  await client.connect();
  try {
    const { rowCount } = await client.query('SELECT 1 FROM pg_database WHERE datname = $1', [name]);
    return (rowCount ?? 0) > 0;
  } finally {
    await client.end();
  }
}

/**
 * The province: the demo data and `rows` generated households (Bantul, 34.02) imported through
 * the built CLI. Kept once built; a build killed half-way is taken up again by the importer.
 */
async function scaleRegister(engine: Engine, rows: number): Promise<Register> {
  const dataDir = path.join(SCALE_CACHE, `scale-${engine.name}-${rows}`);
  const ready = path.join(dataDir, 'ready.txt');
  const name = scaleDatabase(rows);
  const register: Register =
    engine.name === 'sqlite'
      ? { dataDir, target: { engine: 'sqlite', file: databaseFile(dataDir) }, env: {}, origin: '' }
      : {
          dataDir,
          target: postgresTarget(name),
          env: { DATABASE_URL: postgresUrl(name), SECRET_KEY: TEST_SECRET_KEY.toString('hex') },
          origin: '',
        };
  const exists = engine.name === 'sqlite' || (await postgresDatabaseExists(name));
  if (existsSync(ready) && exists)
    return { ...register, origin: `reused: ${readFileSync(ready, 'utf8').trim()}` };
  mkdirSync(dataDir, { recursive: true });
  if (!exists) await createPostgresDatabase(name);
  const prepared = await prepareDatabase({
    dataDir,
    database: register.target,
    secretKey: engine.name === 'postgres' ? TEST_SECRET_KEY : undefined,
    demoData: true,
  });
  await prepared.close();
  const place = await bantul();
  // The same bytes on every run, so an interrupted import resumes rather than starts anew.
  const csv = path.join(dataDir, 'provinsi.csv');
  const out = createWriteStream(csv);
  for (const chunk of scaleListChunks(place, rows)) {
    if (!out.write(chunk)) await new Promise<void>((r) => out.once('drain', () => r()));
  }
  await new Promise<void>((r) => out.end(() => r()));
  const { line: done } = await importThroughCli(register.env, dataDir, csv);
  if (done.startsWith('failed')) throw new Error(`scale register: import ${done}`);
  rmSync(csv);
  writeFileSync(ready, `${done}\n`);
  return { ...register, origin: `imported: ${done}` };
}

const UNLIMITED = {
  perClient: 1e9,
  perNik: 1e9,
  searchesPerClient: 1e9,
  trackingPerClient: 1e9,
  trackingPerReference: 1e9,
  submissionsPerClient: 1e9,
  windowSeconds: 600,
  proofCost: DEFAULT_LOOKUP_LIMITS.proofCost,
  hardProofCost: DEFAULT_LOOKUP_LIMITS.hardProofCost,
};

/** The middle of a sorted list of durations. */
const median = (values: number[]) => [...values].sort((a, b) => a - b)[Math.floor(values.length / 2)] ?? 0;

/**
 * The same demo household looked up on the demo data and on the register, and a generated
 * household on the register, one call of each in turn: on a machine others load too, a burst of
 * load then falls on all three alike, and the median call is not the one a burst stopped.
 */
async function scaleLookup(engine: Engine, register: Register, generated: { nik: string; kk: string }) {
  const open = (dataDir: string, database: DatabaseTarget) =>
    prepareDatabase({
      dataDir,
      database,
      secretKey: engine.name === 'postgres' ? TEST_SECRET_KEY : undefined,
      demoData: false,
      limits: UNLIMITED,
    });
  const demo = await open(engine.dataDir, engine.target);
  const big = await open(register.dataDir, register.target);
  const demoInput = { nik: household.nik, kk: household.kk };
  const runs = [
    { deps: demo.deps, input: demoInput, times: [] as number[] },
    { deps: big.deps, input: demoInput, times: [] as number[] },
    { deps: big.deps, input: generated, times: [] as number[] },
  ];
  const calls = engine.name === 'sqlite' ? 5000 : 1500;
  for (let i = -200; i < calls; i++) {
    for (let k = 0; k < runs.length; k++) {
      const run = runs[(((i + k) % runs.length) + runs.length) % runs.length] as (typeof runs)[number];
      const started = performance.now();
      const answer = await checkHouseholdByNik(run.deps, run.input, { clientKey: 'bench' });
      const took = performance.now() - started;
      if (!answer.found) throw new Error(`NIK ${run.input.nik.slice(0, 6)}… not found`);
      if (i >= 0) run.times.push(took);
    }
  }
  await demo.close();
  await big.close();
  const [onDemo, demoOnBig, generatedOnBig] = runs.map((r) => median(r.times) * 1000) as [
    number,
    number,
    number,
  ];
  return { onDemo, demoOnBig, generatedOnBig };
}

/** The whole-register report through the built CLI; its last line carries seconds and peak RSS. */
async function scaleQuality(register: Register): Promise<string> {
  const child = spawn(process.execPath, [path.resolve('dist/node/quality.mjs'), '--all'], {
    env: { ...process.env, ...register.env, DATA_DIR: register.dataDir, LOG_LEVEL: 'warn' },
    stdio: ['ignore', 'pipe', 'inherit'],
  });
  let output = '';
  child.stdout?.on('data', (chunk) => {
    output += String(chunk);
  });
  const code = await new Promise((r) => child.once('exit', r));
  const last = output.split('\n').find((l) => / findings in /.test(l));
  return code === 0 && last ? last.replace(/; --format csv lists them\.$/, '') : `failed (${code})`;
}

const load = () => `load average ${loadavg()[0]?.toFixed(2)}`;

async function scaleBench(engine: Engine) {
  const rows = Number(process.env.SCALE_ROWS ?? 1_000_000);
  if (!(Number.isSafeInteger(rows) && rows > 0)) throw new Error('SCALE_ROWS: a whole number of rows');
  const register = await scaleRegister(engine, rows);
  console.log(`scale register, ${rows} generated households + the demo data: ${register.origin}`);
  const middle = person(await bantul(), Math.floor(rows / 2));
  const lookup = await scaleLookup(engine, register, { nik: middle.nik, kk: middle.kk });
  const us = (n: number) => `${n.toFixed(0)} µs`;
  console.log(
    `scale NIK lookup (median call): demo data ${us(lookup.onDemo)}; register: the same household ${us(lookup.demoOnBig)}, a generated one ${us(lookup.generatedOnBig)} → cost register / demo = ${(lookup.demoOnBig / lookup.onDemo).toFixed(3)} and ${(lookup.generatedOnBig / lookup.onDemo).toFixed(3)} (goal ≤ 1.5; ${load()})`,
  );
  console.log(`scale quality report (--all): ${await scaleQuality(register)} (goal < 60 s; ${load()})`);
}

/** The statistics pages against the home page, on the demo data. */
async function statsRatio(engine: Engine) {
  const server = await startServer(engine);
  const cookie = await dinsosCookie(server.url);
  const run = (url: string, headers: Record<string, string> = {}) =>
    autocannon({ url, connections: 10, duration: 6, headers });
  const home = await run(`${server.url}/`);
  const pub = await run(`${server.url}/statistik?region=35.76&program=BPNT&period=2020-12`);
  const office = await run(`${server.url}/petugas/statistik`, { cookie });
  await stop(server.child);
  for (const [name, r] of [
    ['GET /statistik (Mojokerto, BPNT)', pub],
    ['GET /petugas/statistik (Dinas Sosial)', office],
  ] as const) {
    console.log(
      `${name}: ${Math.round(r.requests.average)} req/s, p50 ${r.latency.p50} ms, p99 ${r.latency.p99} ms, non-2xx ${r.non2xx}; home ${Math.round(home.requests.average)} req/s → ratio ${(r.requests.average / home.requests.average).toFixed(3)}`,
    );
  }
}

async function pageWeight(url: string) {
  const html = await (await fetch(`${url}/cek`)).text();
  const assets = [...html.matchAll(/(?:href|src)="(\/[^"]+\.(?:css|js|svg|png|woff2?))"/g)].map(
    (m) => m[1] as string,
  );
  let bytes = Buffer.byteLength(html);
  for (const asset of assets) bytes += (await (await fetch(`${url}${asset}`)).arrayBuffer()).byteLength;
  const thirdParty = [...html.matchAll(/(?:href|src|action)="(https?:)?\/\/[^"]+"/g)].map((m) => m[0]);
  console.log(
    `check page weight: ${(bytes / 1024).toFixed(1)} KB uncompressed (${assets.length} assets; budget 60 KB); third-party references: ${thirdParty.length}`,
  );
}

const line = (name: string, r: Measured) =>
  `${name}: ${Math.round(r.requests.average)} req/s, p50 ${r.latency.p50} ms, p99 ${r.latency.p99} ms, non-2xx ${r.non2xx}` +
  (r.cpuPerRequest === undefined ? '' : `, server CPU ${Math.round(r.cpuPerRequest * 1e6)} µs/request`);

const option = (name: string, all: readonly string[]): Set<string> => {
  const given = process.argv.find((a) => a.startsWith(`--${name}=`));
  const chosen = given ? given.slice(name.length + 3).split(',') : [...all];
  for (const c of chosen)
    if (!all.includes(c)) throw new Error(`--${name}: ${c} is not one of ${all.join(', ')}`);
  return new Set(chosen);
};
const sections = option('only', [
  'start',
  'lookup',
  'http',
  'stats',
  'inbox',
  'import',
  'scale',
  'viewerlog',
]);
const chosenEngines = option('engines', ['sqlite', 'postgres']);

const engines = [
  chosenEngines.has('sqlite') ? sqliteEngine() : undefined,
  chosenEngines.has('postgres') ? await postgresEngine() : undefined,
].filter((e): e is Engine => e !== undefined);
const firstStarts: Record<string, number> = {};
for (const engine of engines) {
  console.log(`\n== ${engine.name} ==`);
  // Every later section needs the database the first start made.
  const first = await startServer(engine);
  firstStarts[engine.name] = first.seconds;
  if (sections.has('start')) {
    console.log(
      `first start (migrations + regions + demo data → /healthz 200): ${first.seconds.toFixed(1)} s`,
    );
    if (engine.name === 'sqlite') await pageWeight(first.url);
  }
  await stop(first.child);

  if (sections.has('lookup')) {
    const lookup = await lookupRatio(engine);
    console.log(
      `NIK lookup: raw ${Math.round(lookup.raw)} ops/s, domain ${Math.round(lookup.domain)} ops/s → domain / floor = ${(lookup.domain / (lookup.raw || 1)).toFixed(3)} (goal ≥ 0.5)`,
    );
  }
  if (sections.has('http')) {
    const { health, cek, aduan, lacak } = await httpRatio(engine);
    // Another developer's tests on the same cores move the throughput ratio most: say how busy.
    console.log(`HTTP (${load()}; ${cpus().length} cores)`);
    console.log(line('GET /healthz (baseline)', health));
    for (const [name, r, goal] of [
      [
        'POST /api/v1/cek (found NIK)',
        cek,
        `≥ 0.65 idle, ≥ 0.5 busy, p99 ≤ 50 ms at ${CONNECTIONS} connections`,
      ],
      ['POST /api/v1/aduan (new ticket)', aduan, '≥ 0.1'],
      ['POST /api/v1/lacak', lacak, '≥ 0.1'],
    ] as const) {
      console.log(line(name, r));
      const byCpu =
        r.cpuPerRequest && health.cpuPerRequest
          ? `; by server CPU per request ${(health.cpuPerRequest / r.cpuPerRequest).toFixed(3)}`
          : '';
      console.log(
        `${name} / GET /healthz throughput = ${(r.requests.average / health.requests.average).toFixed(3)} (goal ${goal})${byCpu}`,
      );
    }
  }
  if (sections.has('stats')) await statsRatio(engine);
  if (sections.has('import')) await importBench(engine);
  if (sections.has('scale')) await scaleBench(engine);
  // Last: they add cases and log rows the other sections should not see.
  if (sections.has('inbox')) await inboxRatio(engine);
  if (sections.has('viewerlog')) await viewerLogBench(engine);
  await engine.cleanup();
}
if (sections.has('start') && firstStarts.sqlite && firstStarts.postgres) {
  console.log(
    `\nfirst start PostgreSQL / SQLite = ${(firstStarts.postgres / firstStarts.sqlite).toFixed(2)} (goal ≤ 2)`,
  );
}
