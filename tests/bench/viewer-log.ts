// The viewer log's two questions on a year of logs (issue 22): a million audit rows, each naming
// one person by the keyed hash of a NIK (200,000 people, a dozen officers, one view every ~30 s of
// a year), then "who viewed NIK N" (`whoViewed`) and "what did account X view in one month"
// (`listAudit` by actor and time) against a lookup of one audit row by its id, the floor.
import { performance } from 'node:perf_hooks';
import { sql } from 'kysely';
import { insertInBatches } from '../../src/db/insert-in-batches.ts';
import { listAudit } from '../../src/domain/backoffice/audit.ts';
import { subjectOf, whoViewed } from '../../src/domain/backoffice/viewer-log.ts';
import { prepareDatabase } from '../../src/server/bootstrap.ts';
import { TEST_SECRET_KEY } from '../support/test-database.ts';

export const VIEWER_LOG_ROWS = Number(process.env.BENCH_VIEWER_LOG_ROWS ?? 1_000_000);
const PEOPLE = 200_000;
const YEAR_MS = 365 * 86_400_000;

const nikOf = (person: number) => `357601${String(person).padStart(10, '0')}`;

async function median(times: number, run: () => Promise<unknown>): Promise<number> {
  const ms: number[] = [];
  for (let i = 0; i < times; i += 1) {
    const started = performance.now();
    await run();
    ms.push(performance.now() - started);
  }
  ms.sort((a, b) => a - b);
  return ms[Math.floor(ms.length / 2)] ?? 0;
}

export async function viewerLogBench(engine: {
  name: 'sqlite' | 'postgres';
  dataDir: string;
  target: Parameters<typeof prepareDatabase>[0]['database'];
}): Promise<void> {
  const prepared = await prepareDatabase({
    dataDir: engine.dataDir,
    database: engine.target,
    secretKey: engine.name === 'postgres' ? TEST_SECRET_KEY : undefined,
    demoData: false,
  });
  const { db, deps } = prepared;
  const actors = await db.selectFrom('users').select('id').execute();
  const actorIds = actors.length > 0 ? actors.map((a) => a.id) : [null];
  const start = Date.now() - YEAR_MS;
  const subjects = new Map<number, string>();
  const keyOf = (person: number) => {
    let key = subjects.get(person);
    if (!key) {
      key = subjectOf(deps.secret, nikOf(person));
      subjects.set(person, key);
    }
    return key;
  };
  const loadStarted = performance.now();
  const firstId = (
    await db
      .selectFrom('audit_log')
      .select((eb) => eb.fn.max('id').as('id'))
      .executeTakeFirst()
  )?.id;
  for (let from = 0; from < VIEWER_LOG_ROWS; from += 20_000) {
    const n = Math.min(20_000, VIEWER_LOG_ROWS - from);
    const ids = await insertInBatches(
      db,
      'audit_log',
      Array.from({ length: n }, (_, i) => {
        const k = from + i;
        return {
          at: new Date(start + Math.floor((k / VIEWER_LOG_ROWS) * YEAR_MS)).toISOString(),
          actor_id: actorIds[k % actorIds.length] ?? null,
          actor_role: 'kelurahan',
          action: 'ticket_view',
          target_type: 'ticket',
          target_id: String(1 + (k % 50_000)),
          client_address: '10.0.0.1',
          detail: null,
        };
      }),
      { returning: 'id' },
    );
    await insertInBatches(
      db,
      'audit_subjects',
      ids.map((audit_id, i) => ({ audit_id, subject: keyOf(((from + i) * 7919) % PEOPLE) })),
    );
  }
  await sql
    .raw(engine.name === 'postgres' ? 'VACUUM ANALYZE audit_log, audit_subjects' : 'ANALYZE')
    .execute(db);
  const loadSeconds = (performance.now() - loadStarted) / 1000;

  const someId = Number(firstId ?? 0) + Math.floor(VIEWER_LOG_ROWS / 2);
  const floor = await median(200, () =>
    db.selectFrom('audit_log').selectAll().where('id', '=', someId).executeTakeFirst(),
  );
  let found = 0;
  const byNik = await median(200, async () => {
    found = (await whoViewed(deps, nikOf(12_345))).length;
  });
  const month = new Date(start + 6 * 30 * 86_400_000);
  let rows = 0;
  const byAccount = await median(200, async () => {
    rows = (
      await listAudit(deps, {
        actorId: actorIds[0] ?? 0,
        from: month.toISOString(),
        to: new Date(month.getTime() + 30 * 86_400_000).toISOString(),
      })
    ).rows.length;
  });
  console.log(
    `viewer log (${VIEWER_LOG_ROWS.toLocaleString('en')} audit rows with subjects, loaded in ${loadSeconds.toFixed(0)} s): ` +
      `by id ${floor.toFixed(2)} ms (floor); who viewed NIK N ${byNik.toFixed(2)} ms (${found} views) = ${(byNik / floor).toFixed(1)} × floor; ` +
      `account X in one month, first page ${byAccount.toFixed(2)} ms (${rows} rows) = ${(byAccount / floor).toFixed(1)} × floor`,
  );
  await prepared.close();
}
