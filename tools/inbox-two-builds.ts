// Before/after of the Dinas Sosial's inbox against the home page on a shared machine (decision
// 0040): builds of the server take turns on copies of one database (the demo data and 100,000
// generated cases, made once), each measured with autocannon on `/` then `/petugas`, with the
// server's CPU per request from /proc (Linux) and the ratio by it.
//
//   git stash / checkout the old code; npm run build; cp -r dist .scratch/dist-before
//   back to the new code;              npm run build
//   npx tsx tools/inbox-two-builds.ts sqlite 3 before=.scratch/dist-before after=dist
//
// The first argument is the engine (`postgres`: on TEST_POSTGRES_URL's server), the second the
// number of rounds. Each build gets its own copy of the database (a build with a newer migration
// would leave one the older build refuses to start on). INBOX_KEEP=<data dir or database> reuses
// the database of an earlier run (its name is printed); INBOX_SECONDS (6) per page,
// INBOX_CONNECTIONS (10), INBOX_PATHS (`/,/petugas`), INBOX_PROFILE=dir: a CPU profile per build.
// The builds must sit inside the worktree (they import its node_modules).
import { cpSync, existsSync, mkdtempSync, readFileSync } from 'node:fs';
import { loadavg, tmpdir } from 'node:os';
import path from 'node:path';
import autocannon from 'autocannon';
import { type DatabaseTarget, databaseFile } from '../src/db/database.ts';
import { dinsosCookie, generateCases } from '../tests/bench/generated-cases.ts';
import {
  createPostgresDatabase,
  postgresTarget,
  postgresUrl,
  TEST_SECRET_KEY,
} from '../tests/support/test-database.ts';
import { startBuiltServer } from './built-server.ts';

const [engineArg, roundsArg, ...buildArgs] = process.argv.slice(2);
const engine = engineArg === 'postgres' ? 'postgres' : 'sqlite';
const rounds = Number(roundsArg ?? 3);
const builds = buildArgs.map((b) => {
  const [label, dist] = b.split('=');
  if (!label || !dist || !/^[a-z0-9]+$/.test(label)) throw new Error(`a build is label=dist, not ${b}`);
  return { label, dist: path.resolve(dist) };
});
if (builds.length === 0)
  throw new Error('usage: tools/inbox-two-builds.ts <sqlite|postgres> <rounds> <label=dist>…');
const seconds = Number(process.env.INBOX_SECONDS ?? 6);
const connections = Number(process.env.INBOX_CONNECTIONS ?? 10);
const paths = (process.env.INBOX_PATHS ?? '/,/petugas').split(',');
const kept = process.env.INBOX_KEEP;

const baseName = engine === 'postgres' ? (kept ?? `inbox_two_builds_${process.pid}`) : '';
const baseDir = engine === 'sqlite' ? (kept ?? mkdtempSync(path.join(tmpdir(), 'inbox-two-builds-'))) : '';
console.log(engine === 'postgres' ? `database ${baseName}` : `data dir ${baseDir}`);

interface Place {
  dataDir: string;
  target: DatabaseTarget;
  env: Record<string, string>;
}

const postgresPlace = (name: string): Place => ({
  dataDir: mkdtempSync(path.join(tmpdir(), 'inbox-two-builds-pg-')),
  target: postgresTarget(name),
  env: { DATABASE_URL: postgresUrl(name), SECRET_KEY: TEST_SECRET_KEY.toString('hex') },
});
const base: Place =
  engine === 'postgres'
    ? postgresPlace(baseName)
    : { dataDir: baseDir, target: { engine: 'sqlite', file: databaseFile(baseDir) }, env: {} };

const copies = new Map<string, Place>();
async function copyFor(label: string): Promise<Place> {
  const held = copies.get(label);
  if (held) return held;
  let place: Place;
  if (engine === 'postgres') {
    const name = `${baseName}_${label}`;
    try {
      await createPostgresDatabase(name, baseName);
    } catch (error) {
      if (!String(error).includes('already exists')) throw error;
    }
    place = postgresPlace(name);
  } else {
    const dir = `${baseDir}-${label}`;
    if (!existsSync(dir)) cpSync(baseDir, dir, { recursive: true });
    place = { dataDir: dir, target: { engine: 'sqlite', file: databaseFile(dir) }, env: {} };
  }
  copies.set(label, place);
  return place;
}

function startServer(dist: string, place: Place, profileDir?: string) {
  return startBuiltServer(dist, {
    dataDir: place.dataDir,
    env: place.env,
    nodeArgs: profileDir ? ['--cpu-prof', `--cpu-prof-dir=${profileDir}`] : [],
  });
}

/** CPU seconds the process has used (utime + stime), Linux only. */
function cpuSeconds(pid: number | undefined): number {
  const stat = `/proc/${pid}/stat`;
  if (pid === undefined || !existsSync(stat)) return Number.NaN;
  const fields = (readFileSync(stat, 'utf8').split(') ')[1] ?? '').split(' ');
  return (Number(fields[11]) + Number(fields[12])) / 100;
}

async function measure(label: string, dist: string, round: number) {
  const profile = process.env.INBOX_PROFILE;
  const server = await startServer(
    dist,
    await copyFor(label),
    profile ? path.join(profile, label) : undefined,
  );
  const cookie = await dinsosCookie(server.url);
  const parts: string[] = [];
  const cpu = new Map<string, number>();
  for (const p of paths) {
    const url = `${server.url}${p}`;
    // A second of warming up: the page's modules load at its first request.
    await autocannon({ url, connections, duration: 1, headers: { cookie } });
    const before = cpuSeconds(server.pid);
    const r = await autocannon({ url, connections, duration: seconds, headers: { cookie } });
    cpu.set(p, (cpuSeconds(server.pid) - before) / r.requests.total);
    parts.push(
      `${p} ${Math.round(r.requests.average)} req/s p99 ${r.latency.p99} ms, server CPU ${Math.round((cpu.get(p) ?? 0) * 1e6)} µs/request, non-2xx ${r.non2xx}`,
    );
  }
  await server.stop();
  const home = cpu.get('/');
  const inbox = cpu.get('/petugas');
  const ratio = home && inbox ? ` | by server CPU ${(home / inbox).toFixed(3)}` : '';
  console.log(`${label} round ${round} | ${parts.join(' | ')}${ratio} | load ${loadavg()[0]?.toFixed(2)}`);
}

if (!kept) {
  // The demo data at the first start of the first build, then the cases.
  const first = builds[0] as { dist: string };
  if (engine === 'postgres') await createPostgresDatabase(baseName);
  const seeding = await startServer(first.dist, base);
  await seeding.stop();
  await generateCases({ name: engine, target: base.target }, 100_000);
}
for (let round = 1; round <= rounds; round++) {
  // The order of the builds turns each round, so neither always meets the other's leftovers.
  const order = round % 2 === 1 ? builds : [...builds].reverse();
  for (const { label, dist } of order) await measure(label, dist, round);
}
