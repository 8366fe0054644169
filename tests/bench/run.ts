// `npm run bench`: performance as ratios against a baseline measured in the same run.
//  1. The domain's NIK lookup against a raw prepared better-sqlite3 query (the floor).
//  2. POST /api/v1/cek, POST /api/v1/aduan (a new ticket per request, each with its own
//     Idempotency-Key) and POST /api/v1/lacak against GET /healthz over HTTP (autocannon), with
//     p50/p99 latency. The database keeps synchronous=FULL: every ticket is fsynced.
//  3. The first start of a fresh data directory (migrations, regions, demo data) until /healthz.
//  4. The weight of the check page (HTML, CSS, JS, icon) and any third-party reference.
import { spawn } from 'node:child_process';
import { copyFileSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import autocannon from 'autocannon';
import { Bench } from 'tinybench';
import { databaseFile } from '../../src/db/database.ts';
import { DEMO_HOUSEHOLDS } from '../../src/db/demo/generate-demo-data.ts';
import { checkHouseholdByNik } from '../../src/domain/cek/check-household-by-nik.ts';
import { prepareDatabase } from '../../src/server/bootstrap.ts';

const MAIN = path.resolve('dist/node/main.mjs');
const household = DEMO_HOUSEHOLDS.find((h) => h.key === 'bpnt') ?? DEMO_HOUSEHOLDS[0];
if (!household) throw new Error('no demo household');

async function startServer(dataDir: string, port: number) {
  const started = performance.now();
  const child = spawn(process.execPath, [MAIN], {
    env: {
      ...process.env,
      DATA_DIR: dataDir,
      PORT: String(port),
      LOG_LEVEL: 'warn',
      // The bench measures lookups, not the guard against enumeration.
      LIMIT_NIK_CHECKS_PER_CLIENT: '1000000000',
      LIMIT_CHECKS_PER_NIK: '1000000000',
      LIMIT_TRACKING_PER_CLIENT: '1000000000',
      LIMIT_TRACKING_PER_REFERENCE: '1000000000',
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

// 3. First start, on an empty data directory.
const freshDir = mkdtempSync(path.join(tmpdir(), 'cek-bench-fresh-'));
const first = await startServer(freshDir, 4391);
console.log(
  `first start (migrations + regions + demo data → /healthz 200): ${first.seconds.toFixed(1)} s (budget 60 s)`,
);

// 4. Page weight of /cek, everything it loads.
const html = await (await fetch(`${first.url}/cek`)).text();
const assets = [...html.matchAll(/(?:href|src)="(\/[^"]+\.(?:css|js|svg|png|woff2?))"/g)].map(
  (m) => m[1] as string,
);
let bytes = Buffer.byteLength(html);
for (const asset of assets) bytes += (await (await fetch(`${first.url}${asset}`)).arrayBuffer()).byteLength;
const thirdParty = [...html.matchAll(/(?:href|src|action)="(https?:)?\/\/[^"]+"/g)].map((m) => m[0]);
console.log(
  `check page weight: ${(bytes / 1024).toFixed(1)} KB uncompressed (${assets.length} assets; budget 60 KB); third-party references: ${thirdParty.length}`,
);
await stop(first.child);

// 1. Domain lookup against the raw query floor, on a copy of the seeded database.
const unlimited = {
  perClient: 1e9,
  perNik: 1e9,
  searchesPerClient: 1e9,
  trackingPerClient: 1e9,
  trackingPerReference: 1e9,
  windowSeconds: 1,
};
const prepared = await prepareDatabase({ dataDir: freshDir, demoData: false, limits: unlimited });
const raw = prepared.sqlite.prepare(
  `SELECT h.id, h.kk, h.village_code, m.name, head.name AS head_name FROM household_members m
   JOIN households h ON h.id = m.household_id
   LEFT JOIN household_members head ON head.household_id = h.id AND head.relation = 'kepala'
   WHERE m.nik = ?`,
);
const rawMemberships = prepared.sqlite.prepare(
  'SELECT program_code, period, status, suspension_reason, amount, channel, collection_point FROM program_memberships WHERE household_id = ? ORDER BY program_code, period DESC',
);
const bench = new Bench({ time: 2000, warmupTime: 300 });
bench
  .add('raw prepared query (floor)', () => {
    const row = raw.get(household.nik) as { id: number; kk: string } | undefined;
    if (row && row.kk === household.kk) rawMemberships.all(row.id);
  })
  .add('domain checkHouseholdByNik', async () => {
    await checkHouseholdByNik(
      prepared.deps,
      { nik: household.nik, kk: household.kk },
      { clientKey: 'bench' },
    );
  });
await bench.run();
const [floor, domain] = bench.tasks.map((t) => {
  const r = t.result as unknown as { throughput?: { mean: number }; hz?: number };
  return r.throughput?.mean ?? r.hz ?? 0;
});
console.log(
  `NIK lookup: raw ${Math.round(floor ?? 0)} ops/s, domain ${Math.round(domain ?? 0)} ops/s → domain / floor = ${((domain ?? 0) / (floor || 1)).toFixed(3)}`,
);
await prepared.db.destroy();

// 2. HTTP: the check against the cheapest endpoint, same server, same run.
const copyDir = mkdtempSync(path.join(tmpdir(), 'cek-bench-http-'));
copyFileSync(databaseFile(freshDir), databaseFile(copyDir));
const server = await startServer(copyDir, 4392);
const load = (opts: autocannon.Options) => autocannon({ connections: 10, duration: 8, ...opts });
const health = await load({ url: `${server.url}/healthz` });
const cek = await load({
  url: `${server.url}/api/v1/cek`,
  method: 'POST',
  headers: { 'content-type': 'application/json' },
  body: JSON.stringify({ nik: household.nik, kk: household.kk }),
});
const complaint = JSON.stringify({
  program: 'BPNT',
  problem: 'kks_terblokir',
  description: 'Kartu KKS terblokir sejak Oktober, saldo tidak bisa dipakai di e-Warong.',
  contact: { anonymous: true },
  consent: true,
});
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
        },
        body: complaint,
      }),
    },
  ],
});
const ticket = (await (
  await fetch(`${server.url}/api/v1/aduan`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: complaint,
  })
).json()) as { reference: string; tracking_code: string };
const lacak = await load({
  url: `${server.url}/api/v1/lacak`,
  method: 'POST',
  headers: { 'content-type': 'application/json' },
  body: JSON.stringify({ reference: ticket.reference, tracking_code: ticket.tracking_code }),
});
await stop(server.child);
const line = (name: string, r: autocannon.Result) =>
  `${name}: ${Math.round(r.requests.average)} req/s, p50 ${r.latency.p50} ms, p99 ${r.latency.p99} ms, non-2xx ${r.non2xx}`;
console.log(line('GET /healthz (baseline)', health));
for (const [name, r] of [
  ['POST /api/v1/cek', cek],
  ['POST /api/v1/aduan', aduan],
  ['POST /api/v1/lacak', lacak],
] as const) {
  console.log(line(name, r));
  console.log(
    `${name} / GET /healthz throughput = ${(r.requests.average / health.requests.average).toFixed(3)}`,
  );
}

rmSync(freshDir, { recursive: true, force: true });
rmSync(copyDir, { recursive: true, force: true });
