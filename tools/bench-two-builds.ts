// Before/after on a shared machine (decision 0039): two builds of the server serve the same data at
// once, and short phases of GET /healthz and POST /api/v1/cek (20 connections, a fixed number of
// requests each) alternate between them, so both meet the same load from others. Prints the
// server CPU per request of each phase (from /proc, Linux) and the medians per build.
//
//   git stash / checkout the old code; npm run build; cp -r dist .scratch/dist-before
//   back to the new code;              npm run build; cp -r dist .scratch/dist-after
//   npx tsx tools/bench-two-builds.ts .scratch/dist-before .scratch/dist-after
//
// The builds must sit inside the worktree (they import its node_modules). BENCH_ENGINE=postgres uses
// the database BENCH_DATABASE (default cekbansos_two_builds, made by the first start when missing,
// on TEST_POSTGRES_URL's server); SQLite uses .scratch/two-builds-sqlite. BENCH_REQUESTS (6000)
// per phase, BENCH_ROUNDS (4) rounds, the order of the builds swapped every round.
import { existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { loadavg } from 'node:os';
import path from 'node:path';
import autocannon from 'autocannon';
import { loadServerSecret } from '../src/db/server-secret.ts';
import { DEMO_HOUSEHOLDS } from '../src/demo/generate-demo-data.ts';
import { ProofOfWork, solveChallenge } from '../src/domain/privacy/proof-of-work.ts';
import { createPostgresDatabase, postgresUrl, TEST_SECRET_KEY } from '../tests/support/test-database.ts';
import { type BuiltServer, startBuiltServer } from './built-server.ts';

const builds = process.argv.slice(2);
if (builds.length !== 2) throw new Error('usage: tools/bench-two-builds.ts <dist before> <dist after>');
const engine = process.env.BENCH_ENGINE === 'postgres' ? 'postgres' : 'sqlite';
const requests = Number(process.env.BENCH_REQUESTS ?? 6000);
const rounds = Number(process.env.BENCH_ROUNDS ?? 4);
const household = DEMO_HOUSEHOLDS.find((h) => h.key === 'bpnt') ?? DEMO_HOUSEHOLDS[0];
if (!household) throw new Error('no demo household');
const dataDir = path.resolve(`.scratch/two-builds-${engine}`);
mkdirSync(dataDir, { recursive: true });
const database = process.env.BENCH_DATABASE ?? 'cekbansos_two_builds';
const env: Record<string, string> =
  engine === 'postgres'
    ? { DATABASE_URL: postgresUrl(database), SECRET_KEY: TEST_SECRET_KEY.toString('hex') }
    : {};
const made = path.join(dataDir, `.made-${database}`);
if (engine === 'postgres' && !existsSync(made)) {
  await createPostgresDatabase(database);
  writeFileSync(made, '');
}

interface Server extends BuiltServer {
  name: string;
}

async function start(dist: string): Promise<Server> {
  return { name: dist, ...(await startBuiltServer(dist, { dataDir, env })) };
}

// One after the other: the first start of an empty data directory prepares it.
const servers: Server[] = [];
for (const dist of builds) servers.push(await start(dist));

/** CPU seconds a process has used (utime + stime). */
function cpuSeconds(pid: number): number {
  const fields = (readFileSync(`/proc/${pid}/stat`, 'utf8').split(') ')[1] ?? '').split(' ');
  return (Number(fields[11]) + Number(fields[12])) / 100;
}

const secret = engine === 'postgres' ? TEST_SECRET_KEY : loadServerSecret(dataDir);
const pow = new ProofOfWork({ secret });
const proofs = Array.from({ length: (requests + 100) * rounds * 2 + 2 }, () =>
  solveChallenge(pow.challenge(100)),
);
let nextProof = 0;
const proof = () => {
  const p = proofs[nextProof++];
  if (p === undefined) throw new Error('out of solved proofs');
  return p;
};
const body = JSON.stringify({ nik: household.nik, kk: household.kk });
const answers: string[] = [];
for (const s of servers) {
  const r = await fetch(`${s.url}/api/v1/cek`, {
    method: 'POST',
    headers: { 'content-type': 'application/json', 'x-proof-of-work': proof() },
    body,
  });
  answers.push(await r.text());
}
console.log(`${engine}: the same answer from both builds: ${answers[0] === answers[1]}`);

async function phase(s: Server, options: autocannon.Options) {
  const before = cpuSeconds(s.pid);
  const r = await autocannon({ connections: 20, amount: requests, ...options });
  return { us: ((cpuSeconds(s.pid) - before) / r.requests.total) * 1e6, p99: r.latency.p99 };
}

const measured = new Map<string, { health: number[]; cek: number[]; ratio: number[]; p99: number[] }>();
for (let round = 0; round < rounds; round++) {
  for (const s of round % 2 === 0 ? servers : [...servers].reverse()) {
    const health = await phase(s, { url: `${s.url}/healthz` });
    const cek = await phase(s, {
      url: s.url,
      requests: [
        {
          method: 'POST',
          path: '/api/v1/cek',
          setupRequest: (request) => ({
            ...request,
            headers: { 'content-type': 'application/json', 'x-proof-of-work': proof() },
            body,
          }),
        },
      ],
    });
    const m = measured.get(s.name) ?? { health: [], cek: [], ratio: [], p99: [] };
    measured.set(s.name, m);
    m.health.push(health.us);
    m.cek.push(cek.us);
    m.ratio.push(health.us / cek.us);
    m.p99.push(cek.p99);
    console.log(
      `round ${round} ${s.name}: load ${(loadavg()[0] ?? 0).toFixed(2)}, healthz ${health.us.toFixed(0)} µs, cek ${cek.us.toFixed(0)} µs (p99 ${cek.p99} ms), CPU ratio ${(health.us / cek.us).toFixed(3)}`,
    );
  }
}

const median = (values: number[]) => {
  const sorted = [...values].sort((a, b) => a - b);
  const middle = sorted.length >> 1;
  return sorted.length % 2 ? (sorted[middle] ?? 0) : ((sorted[middle - 1] ?? 0) + (sorted[middle] ?? 0)) / 2;
};
for (const [name, m] of measured)
  console.log(
    `${engine} ${name}: median server CPU per request healthz ${median(m.health).toFixed(0)} µs, cek ${median(m.cek).toFixed(0)} µs; CPU ratio ${median(m.ratio).toFixed(3)} (${m.ratio.map((r) => r.toFixed(3)).join(', ')}); cek p99 ${median(m.p99)} ms`,
  );
for (const s of servers) await s.stop();
