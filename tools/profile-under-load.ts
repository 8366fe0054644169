// Where one build's server spends its CPU under one kind of load (decision 0039, second pass):
// the built server runs with `node --cpu-prof` on the data directory tools/bench-two-builds.ts
// makes, autocannon sends GET /healthz or POST /api/v1/cek (20 connections, a fresh solved proof
// on each lookup), and the profile's samples taken while the load ran (not the start, not the
// stop) are summed by function and by module, as µs of the main thread per request.
//
//   npx tsx tools/profile-under-load.ts dist healthz
//   npx tsx tools/profile-under-load.ts dist cek
//   npx tsx tools/profile-under-load.ts dist aduan
//
// Compare cek against healthz of the same build, taken one after the other: on a shared machine
// the kernel's share (writev) moves with the load. BENCH_ENGINE=postgres and BENCH_DATABASE as
// for bench-two-builds.ts (run that first: it prepares the data); BENCH_REQUESTS (20000).
import { mkdirSync, readdirSync, readFileSync, rmSync } from 'node:fs';
import path from 'node:path';
import autocannon from 'autocannon';
import { loadServerSecret } from '../src/db/server-secret.ts';
import { DEMO_HOUSEHOLDS } from '../src/demo/generate-demo-data.ts';
import { ProofOfWork, solveChallenge } from '../src/domain/privacy/proof-of-work.ts';
import { BENCH_COMPLAINT } from '../tests/bench/bench-complaint.ts';
import { postgresUrl, TEST_SECRET_KEY } from '../tests/support/test-database.ts';
import { startBuiltServer } from './built-server.ts';

const [dist, mode] = process.argv.slice(2);
if (!dist || (mode !== 'healthz' && mode !== 'cek' && mode !== 'aduan'))
  throw new Error('usage: tools/profile-under-load.ts <dist> healthz|cek|aduan');
const engine = process.env.BENCH_ENGINE === 'postgres' ? 'postgres' : 'sqlite';
const requests = Number(process.env.BENCH_REQUESTS ?? 20000);
const household = DEMO_HOUSEHOLDS.find((h) => h.key === 'bpnt') ?? DEMO_HOUSEHOLDS[0];
if (!household) throw new Error('no demo household');
const dataDir = path.resolve(`.scratch/two-builds-${engine}`);
const env: Record<string, string> =
  engine === 'postgres'
    ? {
        DATABASE_URL: postgresUrl(process.env.BENCH_DATABASE ?? 'cekbansos_two_builds'),
        SECRET_KEY: TEST_SECRET_KEY.toString('hex'),
      }
    : {};
const profileDir = path.resolve(`.scratch/profile-${engine}-${mode}`);
rmSync(profileDir, { recursive: true, force: true });
mkdirSync(profileDir, { recursive: true });

const server = await startBuiltServer(dist, {
  dataDir,
  // Many complaints from one address: the bench lifts the same limit (tests/bench/run.ts).
  env: mode === 'aduan' ? { ...env, LIMIT_SUBMISSIONS_PER_CLIENT: '1000000000' } : env,
  nodeArgs: ['--cpu-prof', `--cpu-prof-dir=${profileDir}`],
});
const url = server.url;

const pow = new ProofOfWork({ secret: engine === 'postgres' ? TEST_SECRET_KEY : loadServerSecret(dataDir) });
const proofs =
  mode !== 'healthz' ? Array.from({ length: requests + 100 }, () => solveChallenge(pow.challenge(100))) : [];
let nextProof = 0;
const lookup = JSON.stringify({ nik: household.nik, kk: household.kk });
let keys = 0;

/** A POST of `body` to `path` per request, each with a fresh solved proof and `headers()`. */
function posting(path: string, body: string, headers: () => Record<string, string> = () => ({})) {
  return {
    url,
    connections: 20,
    amount: requests,
    requests: [
      {
        method: 'POST' as const,
        path,
        setupRequest: (request: autocannon.Request) => ({
          ...request,
          headers: {
            'content-type': 'application/json',
            'x-proof-of-work': proofs[nextProof++] ?? '',
            ...headers(),
          },
          body,
        }),
      },
    ],
  };
}

// The profile's clock is the monotonic one process.hrtime reads, in µs.
const from = Number(process.hrtime.bigint() / 1000n);
const result = await autocannon(
  mode === 'aduan'
    ? posting('/api/v1/aduan', BENCH_COMPLAINT, () => ({
        'idempotency-key': `profile-${process.pid}-${++keys}`,
      }))
    : mode === 'cek'
      ? posting('/api/v1/cek', lookup)
      : { url: `${url}/healthz`, connections: 20, amount: requests },
);
const to = Number(process.hrtime.bigint() / 1000n);
await server.stop();
console.log(
  `${engine} ${mode}: ${result.requests.average} req/s, p99 ${result.latency.p99} ms, non-2xx ${result.non2xx}`,
);

interface ProfileNode {
  id: number;
  callFrame: { functionName: string; url: string; lineNumber: number };
}
const file = readdirSync(profileDir).find((f) => f.endsWith('.cpuprofile'));
if (!file) throw new Error('no profile written');
const profile = JSON.parse(readFileSync(path.join(profileDir, file), 'utf8')) as {
  nodes: ProfileNode[];
  startTime: number;
  samples: number[];
  timeDeltas: number[];
};
const selfUs = new Map<number, number>();
let at = profile.startTime;
for (const [i, sample] of profile.samples.entries()) {
  at += profile.timeDeltas[i] ?? 0;
  if (at < from || at > to) continue;
  selfUs.set(sample, (selfUs.get(sample) ?? 0) + (profile.timeDeltas[i + 1] ?? 0));
}
const byFunction = new Map<string, number>();
const byModule = new Map<string, number>();
let busy = 0;
for (const node of profile.nodes) {
  const us = selfUs.get(node.id) ?? 0;
  if (us === 0) continue;
  const { functionName, url: source, lineNumber } = node.callFrame;
  const short = source.replace(/^.*node_modules\//, '').replace(/^file:\/\/.*\/(dist[^/]*\/)/, '$1');
  const name = functionName || '(anonymous)';
  if (name !== '(idle)') busy += us;
  byFunction.set(
    `${name} ${short}:${lineNumber}`,
    (byFunction.get(`${name} ${short}:${lineNumber}`) ?? 0) + us,
  );
  const module = source.includes('node_modules/')
    ? (short.match(/^(@[^/]+\/)?[^/]+/)?.[0] ?? short)
    : short || name;
  byModule.set(module, (byModule.get(module) ?? 0) + us);
}
const perRequest = (us: number) => (us / result.requests.total).toFixed(1).padStart(7);
console.log(`main thread, not idle: ${perRequest(busy)} µs per request`);
for (const [title, table, rows] of [
  ['by module', byModule, 20],
  ['by function', byFunction, 40],
] as const) {
  console.log(`--- ${title} (self time, µs per request)`);
  for (const [name, us] of [...table].sort((a, b) => b[1] - a[1]).slice(0, rows))
    console.log(`${perRequest(us)} ${name}`);
}
