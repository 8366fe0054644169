// Issue 22: the kill -9 test. The built server takes 1,000 public submissions sent at once (a
// third aduan with a photo, a third usulan, a third sanggahan), is killed with SIGKILL after a few
// hundred have been acknowledged, and is started again on the same data. Then every acknowledged
// reference (a 201 the resident was shown) is in the database exactly once, a submission sent
// again with its Idempotency-Key is not recorded twice, no stored file is without its ticket once
// the orphan sweep has run, no acknowledged aduan lost its file, and on SQLite
// `PRAGMA integrity_check` says ok. Several rounds on the same data (a crash on top of the
// last crash's leftovers), each printing sent, acknowledged, lost (must be 0) and rows found. Run by `npm run test:crash` (vitest.crash.config.ts)
// against the build; both engines.
import Database from 'better-sqlite3';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type OpenedDatabase, openDatabase } from '../../src/db/database.ts';
import { sweepOrphanAttachments } from '../../src/domain/tickets/attachment-sweep.ts';
import type { AttachmentStore } from '../../src/domain/tickets/attachments.ts';
import { attachmentStoreOf } from '../../src/server/bootstrap.ts';
import { assertBuilt, type ServerProcess, startServerProcess } from '../support/server-process.ts';
import { copyTemplateDatabase, serverEnvOf, type TemplateCopy } from '../support/test-app.ts';
import { TEST_ENGINE } from '../support/test-database.ts';
import { aduanBody, sanggahanBody, tinyPng, usulanBody } from '../support/ticket-fixtures.ts';

/**
 * Three rounds on SQLite, two on PostgreSQL (whose rounds take twice as long): together about
 * 80 s of CI. CRASH_ROUNDS sets both, for a longer run by hand.
 */
const ROUNDS = Number(process.env.CRASH_ROUNDS ?? (TEST_ENGINE === 'postgres' ? 2 : 3));
const SUBMISSIONS = 1000;
/** The kill comes after this many 201s: mid-way, with hundreds of requests still in flight. */
const KILL_AFTER = 400;
const REFERENCE = /^(USL|SGH|ADU)-[0-9A-Z]{8}$/;

let copy: TemplateCopy;
let env: Record<string, string>;
let opened: OpenedDatabase;
let store: AttachmentStore;
const servers: ServerProcess[] = [];
/** Every reference any round had acknowledged: all must still be there at the end. */
const acknowledgedEver: string[] = [];

beforeAll(async () => {
  assertBuilt();
  copy = await copyTemplateDatabase();
  env = {
    ...serverEnvOf(copy),
    // One test client sends every submission: its submissions, the usulan's NIK checks, the
    // sanggahan's lookups and the searches for their targets are all counted against it.
    LIMIT_SUBMISSIONS_PER_CLIENT: '1000000',
    LIMIT_NIK_CHECKS_PER_CLIENT: '1000000',
    LIMIT_SEARCHES_PER_CLIENT: '1000000',
    LOG_LEVEL: 'error',
  };
  opened = openDatabase(copy.database);
  store = attachmentStoreOf(opened, copy.dataDir);
}, 120_000);

afterAll(async () => {
  for (const server of servers) {
    if (server.child.exitCode === null && server.child.signalCode === null) server.child.kill('SIGKILL');
  }
  await opened?.close();
  await copy?.cleanup();
});

/** Opaque ids of listed people, found as a resident finds them: the public search by village and name. */
async function sanggahanTargets(url: string, count: number): Promise<string[]> {
  const people = await opened.db
    .selectFrom('household_members as m')
    .innerJoin('households as h', 'h.id', 'm.household_id')
    .select(['m.name', 'h.village_code'])
    .where('h.village_code', 'like', '35.76.%')
    .orderBy('m.id')
    .limit(count * 3)
    .execute();
  const targets: string[] = [];
  for (const person of people) {
    if (targets.length >= count) break;
    const res = await fetch(`${url}/api/v1/cek/wilayah`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ village_code: person.village_code, name: person.name }),
    });
    const found = (await res.json()) as { matches?: { id: string }[] };
    const id = found.matches?.[0]?.id;
    if (res.status === 200 && id && !targets.includes(id)) targets.push(id);
  }
  if (targets.length === 0) throw new Error('the public search found nobody to object to');
  return targets;
}

interface RoundFigures {
  sent: number;
  acknowledged: number;
  refused: number;
  cutOff: number;
  lost: number;
  rowsFound: number;
  orphansSwept: number;
}

/** Sends one submission to a server; the same body and Idempotency-Key every time it is called. */
type Send = (url: string) => Promise<Response>;

/** The n-th submission of a round: aduan with a photo, usulan, sanggahan, in turn. */
function submission(n: number, round: number, targets: string[]): Send {
  const headers = { 'idempotency-key': `crash-${TEST_ENGINE}-${round}-${n}` };
  const json = (path: string, body: unknown) => (url: string) =>
    fetch(`${url}${path}`, {
      method: 'POST',
      headers: { ...headers, 'content-type': 'application/json' },
      body: JSON.stringify(body),
    });
  switch (n % 3) {
    case 0: {
      // A different file each time: no two submissions share stored bytes.
      const photo = tinyPng(200 + (n % 500)) as Uint8Array<ArrayBuffer>;
      return (url) => {
        const form = new FormData();
        form.append('data', JSON.stringify(aduanBody()));
        form.append('lampiran_1', new Blob([photo], { type: 'image/png' }), 'kks.png');
        return fetch(`${url}/api/v1/aduan`, { method: 'POST', headers, body: form });
      };
    }
    case 1:
      return json('/api/v1/usulan', usulanBody());
    default:
      return json('/api/v1/sanggahan', sanggahanBody(targets[n % targets.length] as string));
  }
}

interface Outcome {
  send: Send;
  /** The reference of a 201. */
  reference?: string;
  /** Any other status. */
  refused?: number;
  /** No answer: the connection died with the process. */
  cutOff?: true;
}

/** Fires every submission at once; SIGKILLs the server after `KILL_AFTER` acknowledgements. */
async function fireAndKill(server: ServerProcess, round: number, targets: string[]): Promise<Outcome[]> {
  let acknowledged = 0;
  let killed = false;
  const exited = new Promise((resolve) => server.child.once('exit', resolve));
  const kill = () => {
    if (killed) return;
    killed = true;
    server.child.kill('SIGKILL');
  };
  const sends = Array.from({ length: SUBMISSIONS }, (_, n) => submission(n, round, targets));
  const outcomes = await Promise.all(
    sends.map(async (send): Promise<Outcome> => {
      let res: Response;
      let body: { reference?: string };
      try {
        res = await send(server.url);
        body = (await res.json()) as { reference?: string };
      } catch {
        return { send, cutOff: true };
      }
      if (res.status !== 201 || typeof body.reference !== 'string') return { send, refused: res.status };
      acknowledged += 1;
      if (acknowledged >= KILL_AFTER) kill();
      return { send, reference: body.reference };
    }),
  );
  // Had every request finished before the count was reached, the kill still comes (after the fact).
  kill();
  await exited;
  return outcomes;
}

/** How many of each kind a round sends again after the restart, with the same key and body. */
const RETRIES = 60;

/**
 * A resident who got no answer, or who sends again anyway, uses the same Idempotency-Key: an
 * acknowledged submission answers with its first reference, a cut-off one is recorded now (or
 * answers with the reference it got just before the kill). Answers the retried cut-off ones'.
 */
async function retry(url: string, outcomes: Outcome[]): Promise<{ again: string[]; changed: string[] }> {
  const acknowledged = outcomes.filter((o) => o.reference).slice(0, RETRIES);
  const cutOff = outcomes.filter((o) => o.cutOff).slice(0, RETRIES);
  const changed: string[] = [];
  const again: string[] = [];
  await Promise.all([
    ...acknowledged.map(async (o) => {
      const res = await o.send(url);
      const body = (await res.json()) as { reference?: string };
      if (res.status !== 201 || body.reference !== o.reference)
        changed.push(`${o.reference} → ${res.status} ${body.reference}`);
    }),
    ...cutOff.map(async (o) => {
      const res = await o.send(url);
      const body = (await res.json()) as { reference?: string };
      if (res.status === 201 && body.reference) again.push(body.reference);
      else changed.push(`cut off → ${res.status}`);
    }),
  ]);
  return { again, changed };
}

async function countReferences(references: string[]): Promise<Map<string, number>> {
  const counts = new Map<string, number>();
  for (let i = 0; i < references.length; i += 500) {
    const rows = await opened.db
      .selectFrom('ticket_submissions')
      .select('reference')
      .where('reference', 'in', references.slice(i, i + 500))
      .execute();
    for (const { reference } of rows) counts.set(reference, (counts.get(reference) ?? 0) + 1);
  }
  return counts;
}

/** Stored files no attachment row names, and attachment rows whose file is gone. */
async function filesAndRows() {
  const files = new Set<string>();
  for await (const file of store.list()) files.add(file.storedName);
  const rows = await opened.db.selectFrom('ticket_attachments').select('stored_name').execute();
  const named = new Set(rows.map((r) => r.stored_name));
  const kept = await opened.db.selectFrom('provisional_uploads').select('stored_name').execute();
  for (const { stored_name } of kept) named.add(stored_name);
  return {
    orphans: [...files].filter((name) => !named.has(name)).length,
    missing: [...named].filter((name) => !files.has(name)).length,
  };
}

function integrity(): string {
  if (copy.database.engine !== 'sqlite') return 'n/a (PostgreSQL)';
  const sqlite = new Database(copy.database.file, { readonly: true });
  try {
    return (sqlite.pragma('integrity_check') as { integrity_check: string }[])
      .map((r) => r.integrity_check)
      .join('; ');
  } finally {
    sqlite.close();
  }
}

describe(`acknowledged submissions survive kill -9 (${TEST_ENGINE})`, () => {
  it(`keeps every acknowledged reference exactly once over ${ROUNDS} rounds of ${SUBMISSIONS}`, {
    timeout: 600_000,
  }, async () => {
    const figures: RoundFigures[] = [];
    for (let round = 1; round <= ROUNDS; round += 1) {
      const first = await startServerProcess(env);
      servers.push(first);
      const targets = await sanggahanTargets(first.url, 20);
      const outcomes = await fireAndKill(first, round, targets);
      const acknowledged = outcomes.flatMap((o) => (o.reference ? [o.reference] : []));
      const refused = outcomes.flatMap((o) => (o.refused ? [o.refused] : []));
      const cutOff = outcomes.filter((o) => o.cutOff).length;
      acknowledgedEver.push(...acknowledged);
      // Nothing but 201s before the kill: a refusal would be a test body gone stale, not a crash.
      expect(refused, `statuses other than 201: ${refused.join(', ')}`).toEqual([]);

      const second = await startServerProcess(env);
      servers.push(second);
      // The orphan sweep of the running server only takes files over ten minutes old; here it runs
      // as it will then, with no submission in flight.
      const orphansSwept = await sweepOrphanAttachments(opened.db, store, { now: new Date(), minAgeMs: 0 });
      const counts = await countReferences(acknowledged);
      const lost = acknowledged.filter((reference) => counts.get(reference) !== 1);
      // Residents send again with the same key: nothing is recorded twice.
      const { again, changed } = await retry(second.url, outcomes);
      acknowledgedEver.push(...again);
      const twice = await opened.db
        .selectFrom('ticket_submissions')
        .select('idempotency_key')
        .where('idempotency_key', 'like', `api:crash-${TEST_ENGINE}-${round}-%`)
        .groupBy('idempotency_key')
        .having((eb) => eb.fn.countAll(), '>', 1)
        .execute();
      const round_: RoundFigures = {
        sent: SUBMISSIONS,
        acknowledged: acknowledged.length,
        refused: refused.length,
        cutOff,
        lost: lost.length,
        rowsFound: [...counts.values()].reduce((sum, n) => sum + n, 0),
        orphansSwept,
      };
      figures.push(round_);
      const { orphans, missing } = await filesAndRows();
      const check = integrity();
      console.info(
        `[crash ${TEST_ENGINE}] round ${round}: sent ${round_.sent}, acknowledged ${round_.acknowledged}, ` +
          `lost ${round_.lost}, rows found ${round_.rowsFound}, cut off by the kill ${cutOff}, ` +
          `orphan files swept ${orphansSwept}, orphans left ${orphans}, rows without their file ${missing}, ` +
          `retried with the same key ${Math.min(RETRIES, acknowledged.length) + Math.min(RETRIES, cutOff)} ` +
          `(recorded twice ${twice.length}, answered otherwise ${changed.length}), integrity_check ${check}`,
      );
      expect(acknowledged.every((reference) => REFERENCE.test(reference))).toBe(true);
      expect(round_.acknowledged).toBeGreaterThanOrEqual(KILL_AFTER);
      expect(lost).toEqual([]);
      expect(changed).toEqual([]);
      expect(twice).toEqual([]);
      expect(orphans).toBe(0);
      expect(missing).toBe(0);
      if (copy.database.engine === 'sqlite') expect(check).toBe('ok');
      // Every acknowledged aduan kept its file.
      const aduan = acknowledged.filter((reference) => reference.startsWith('ADU-'));
      for (let i = 0; i < aduan.length; i += 500) {
        const withFile = await opened.db
          .selectFrom('ticket_submissions as s')
          .innerJoin('ticket_attachments as a', 'a.submission_id', 's.id')
          .select('s.reference')
          .where('s.reference', 'in', aduan.slice(i, i + 500))
          .execute();
        expect(new Set(withFile.map((r) => r.reference)).size).toBe(aduan.slice(i, i + 500).length);
      }
      await second.stop();
    }
    const counts = await countReferences(acknowledgedEver);
    expect(acknowledgedEver.filter((reference) => counts.get(reference) !== 1)).toEqual([]);
    console.info(
      `[crash ${TEST_ENGINE}] ${ROUNDS} rounds: acknowledged ${acknowledgedEver.length}, ` +
        `all present exactly once; lost ${figures.reduce((sum, f) => sum + f.lost, 0)}`,
    );
  });
});
