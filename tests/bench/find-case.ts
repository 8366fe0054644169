// `npx tsx tests/bench/find-case.ts [sqlite|postgres] [cases]`: what finding a case costs (issue 20)
// on the demo data plus `cases` generated ones (default 100,000) spread over Kota Mojokerto, each
// with a resident's contact and a third with a proposal's form (head, KK, members). Times each kind
// of search, median of 7 calls, for the Dinas Sosial (the widest area) and one kelurahan.
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { sql } from 'kysely';
import { insertInBatches } from '../../src/db/insert-in-batches.ts';
import { MOJOKERTO_VILLAGES } from '../../src/demo/tickets/cast.ts';
import { findCases, readCaseQuery } from '../../src/domain/backoffice/find-case.ts';
import { loadInbox } from '../../src/domain/backoffice/inbox.ts';
import { prepareDatabase } from '../../src/server/bootstrap.ts';
import { officerNamed } from '../support/domain-calls.ts';
import {
  createPostgresDatabase,
  dropPostgresDatabase,
  newDatabaseName,
  postgresTarget,
  TEST_SECRET_KEY,
} from '../support/test-database.ts';

const engine = process.argv[2] === 'postgres' ? 'postgres' : 'sqlite';
const count = Number(process.argv[3] ?? 100_000);
const NAMES = [
  'SITI AMINAH',
  "NUR'AINI",
  'BUDI SANTOSO',
  'SRI WAHYUNI',
  'AGUS SALIM',
  'DEWI LESTARI',
  'JOKO SUSILO',
];

async function main() {
  const dataDir = mkdtempSync(path.join(tmpdir(), 'cek-bansos-findcase-bench-'));
  const pgName = engine === 'postgres' ? newDatabaseName('findcase_bench') : null;
  if (pgName) await createPostgresDatabase(pgName);
  const prepared = await prepareDatabase({
    dataDir,
    demoData: true,
    ...(pgName ? { database: postgresTarget(pgName), secretKey: TEST_SECRET_KEY } : {}),
  });
  try {
    const villages = MOJOKERTO_VILLAGES.map((v) => v.village_code);
    const now = Date.now();
    for (let start = 0; start < count; start += 5_000) {
      const size = Math.min(5_000, count - start);
      const tickets = Array.from({ length: size }, (_, i) => {
        const n = start + i;
        const opened = new Date(now - (n % 90) * 86_400_000).toISOString();
        return {
          kind: (['usulan', 'sanggahan', 'aduan'] as const)[n % 3] ?? 'aduan',
          status: 'diterima',
          area_code: villages[n % villages.length] ?? null,
          rt: String(1 + (n % 12)).padStart(3, '0'),
          rw: String(1 + (n % 9)).padStart(3, '0'),
          subject_nik: n % 3 === 0 ? `3576${String(n).padStart(12, '0')}` : null,
          subject_kk: n % 3 === 0 ? `3576${String(n + 5_000_000).padStart(12, '0')}` : null,
          due_at: opened,
          opened_at: opened,
          updated_at: opened,
          payload: '{}',
        };
      });
      const ids = await insertInBatches(prepared.db, 'tickets', tickets, { returning: 'id' });
      await insertInBatches(
        prepared.db,
        'ticket_submissions',
        ids.map((id, i) => {
          const n = start + i;
          const name = `${NAMES[n % NAMES.length]} ${n}`;
          const payload =
            n % 3 === 0
              ? {
                  head_nik: `3576${String(n).padStart(12, '0')}`,
                  kk: `3576${String(n + 5_000_000).padStart(12, '0')}`,
                  head_name: name,
                  phone: `08${String(1_000_000_000 + n)}`,
                  members: [{ name: `ANAK ${n}`, nik: `3577${String(n).padStart(12, '0')}` }],
                  address: 'JL. MELATI NO. 1',
                }
              : { description: 'Bantuan belum diterima bulan ini, mohon diperiksa.', consent: true };
          return {
            ticket_id: id,
            reference: `BEN-${String(id).padStart(8, '0')}`,
            tracking_code_hash: 'hmac$bench',
            submitted_at: new Date(now).toISOString(),
            locale: 'id',
            contact: JSON.stringify({ name, phone: `+628${String(1_000_000_000 + n).slice(1)}` }),
            payload: JSON.stringify(payload),
            idempotency_key: `bench:${id}`,
            request_hash: 'bench',
            receipt: '{}',
          };
        }),
      );
    }
    await sql.raw(engine === 'postgres' ? 'VACUUM ANALYZE' : 'ANALYZE').execute(prepared.db);
    const deps = prepared.deps;
    const n = Math.floor(count / 2) - (Math.floor(count / 2) % 3);
    const queries: [string, string][] = [
      ['reference (whole, demo)', 'ADU-TRB6HN2K'],
      ['reference (part)', 'TRB6H'],
      ['NIK (ticket column)', `3576${String(n).padStart(12, '0')}`],
      ['NIK (member in a form)', `3577${String(n).padStart(12, '0')}`],
      ['KK', `3576${String(n + 5_000_000).padStart(12, '0')}`],
      ['phone', `08${String(1_000_000_000 + n)}`],
      ['name (common)', "Nur'aini"],
      ['name (rare)', 'Sukirman'],
    ];
    for (const username of ['dinsos.mojokerto', 'kel.wates']) {
      const officer = await officerNamed(prepared.db, username);
      for (const [label, text] of queries) {
        const reading = readCaseQuery(text);
        if (!reading.ok) throw new Error(`${label}: ${reading.problem}`);
        const times: number[] = [];
        let found = 0;
        for (let i = 0; i < 7; i++) {
          const t0 = performance.now();
          const result = await findCases(deps, officer, reading.query, null);
          await loadInbox(deps, officer, {}, result);
          times.push(performance.now() - t0);
          found = result.ticketIds.length;
        }
        times.sort((a, b) => a - b);
        console.log(
          `${engine} ${username} ${label}: median ${(times[3] ?? 0).toFixed(1)} ms (search + inbox page), found ${found}`,
        );
      }
    }
  } finally {
    await prepared.close();
    if (pgName) await dropPostgresDatabase(pgName);
    rmSync(dataDir, { recursive: true, force: true });
  }
}

main().catch((error) => {
  console.error(error);
  process.exitCode = 1;
});
