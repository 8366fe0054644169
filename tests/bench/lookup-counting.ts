// The lookup's counting alone (decision 0035): CPU per countNikCheck with a fresh proof each, 20
// callers at once, through the grouped counters against one statement per lookup, on a SQLite
// file and (TEST_POSTGRES_URL) PostgreSQL. Less disturbed by a busy machine than the HTTP ratio.
// `npx tsx tests/bench/lookup-counting.ts`
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { type OpenedDatabase, openDatabase, openSqlite } from '../../src/db/database.ts';
import type { GroupedCounters } from '../../src/db/grouped-counters.ts';
import { migrateToLatest } from '../../src/db/migrate.ts';
import type { CounterStore } from '../../src/db/rate-counters.ts';
import { DEFAULT_LOOKUP_LIMITS, LookupLimits } from '../../src/domain/cek/lookup-limits.ts';
import { ProofOfWork, solveChallenge } from '../../src/domain/privacy/proof-of-work.ts';
import {
  assertPostgresReachable,
  createPostgresDatabase,
  dropPostgresDatabase,
  newDatabaseName,
  postgresTarget,
} from '../support/test-database.ts';

const CALLERS = 20;
const PER_CALLER = 400;
const settings = { ...DEFAULT_LOOKUP_LIMITS, perClient: 1e9, perNik: 1e9, proofCost: 10 };
const pow = new ProofOfWork({ secret: Buffer.alloc(32, 9) });

async function measure(name: string, counters: CounterStore, opened: OpenedDatabase) {
  const limits = new LookupLimits(settings, opened.rateLimiter, counters, pow);
  const proofs = Array.from({ length: CALLERS * PER_CALLER }, () => solveChallenge(pow.challenge(10)));
  let next = 0;
  const cpu = process.cpuUsage();
  const started = performance.now();
  await Promise.all(
    Array.from({ length: CALLERS }, async () => {
      for (let i = 0; i < PER_CALLER; i++)
        await limits.countNikCheck('203.0.113.7', '3576021403680001', { payload: proofs[next++] });
    }),
  );
  const used = process.cpuUsage(cpu);
  const n = CALLERS * PER_CALLER;
  console.log(
    `${name}: ${((used.user + used.system) / n) | 0} µs CPU per count, ${Math.round(n / ((performance.now() - started) / 1000))} counts/s`,
  );
}

const raw = (opened: OpenedDatabase) => (opened.counters as GroupedCounters).store;

const dir = mkdtempSync(path.join(tmpdir(), 'cek-counting-'));
const sqlite = openSqlite(path.join(dir, 'cek-bansos.sqlite'));
await migrateToLatest(sqlite.db, 'sqlite');
for (let round = 0; round < 2; round++) {
  await measure('SQLite, one statement per lookup', raw(sqlite), sqlite);
  await measure('SQLite, grouped', sqlite.counters, sqlite);
}
console.log(`(grouped statements: ${(sqlite.counters as GroupedCounters).statements})`);
await sqlite.close();
rmSync(dir, { recursive: true, force: true });

if (process.env.TEST_POSTGRES_URL) {
  await assertPostgresReachable();
  const name = newDatabaseName('cekbansos_counting');
  await createPostgresDatabase(name);
  const pg = openDatabase(postgresTarget(name));
  try {
    await migrateToLatest(pg.db, 'postgres');
    for (let round = 0; round < 2; round++) {
      await measure('PostgreSQL, one statement per lookup', raw(pg), pg);
      await measure('PostgreSQL, grouped', pg.counters, pg);
    }
  } finally {
    await pg.close();
    await dropPostgresDatabase(name);
  }
}
