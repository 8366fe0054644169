// Demo tickets: a few dozen live cases in Kota Mojokerto walked through their workflows (every
// state of every workflow, some overdue on DEMO_TODAY), and the 3,494 SLRT complaints of
// 2018–2020 of seed 002 Tabel 1, closed, inserted in batches with events that replay to their
// state. Deterministic except for the tracking-code hashes (scrypt salts are random).
import type { Db } from '../db/database.ts';
import type { DomainDeps } from '../domain/deps.ts';
import { hashTrackingCode } from '../domain/tickets/tracking-code.ts';
import { Random } from './random.ts';
import { liveCases, recipientsByVillage } from './tickets/live-cases.ts';
import { ReferenceDrawer, unknowableCode } from './tickets/reference-drawer.ts';
import { DEMO_TICKETS, type DemoTicket } from './tickets/showcase-tickets.ts';
import { insertHistory, slrtHistory } from './tickets/slrt-history.ts';
import { walkLiveCases } from './tickets/walk-live-cases.ts';

export { DEMO_TICKETS, DEMO_TODAY, type DemoTicket, type DemoTicketKey } from './tickets/showcase-tickets.ts';

/** One stream per part, so redrawing one part leaves the other unchanged. */
const SEEDS = {
  history: 2018_2020,
  live: 2026_11_23,
  historyReferences: 7_4_2018,
  liveReferences: 7_4_2026,
} as const;

/**
 * Seeds the demo tickets once (a second call finds them and does nothing). Needs the regions and,
 * for sanggahan targets and affected households, the demo households.
 */
export async function seedDemoTickets(
  db: Db,
  deps: Pick<DomainDeps, 'tickets' | 'secret'>,
): Promise<{ tickets: number; showcase: DemoTicket[] }> {
  const showcase = [...DEMO_TICKETS];
  // Every demo ticket goes in in one transaction, the first historical one with key demo:1: a
  // lookup on the unique key, where a LIKE would read the whole table on some engines.
  const seeded = await db
    .selectFrom('ticket_submissions')
    .select('id')
    .where('idempotency_key', '=', 'demo:1')
    .executeTakeFirst();
  if (seeded) return { tickets: 0, showcase };

  // One hash for all the historical tickets, one per showcase ticket.
  const [hidden, ...showcaseHashes] = [
    hashTrackingCode(deps.secret, unknowableCode()),
    ...DEMO_TICKETS.map((t) => hashTrackingCode(deps.secret, t.trackingCode)),
  ];
  const hashes = {
    hidden: hidden as string,
    showcase: new Map(DEMO_TICKETS.map((t, i) => [t.key, showcaseHashes[i] as string])),
  };
  const history = slrtHistory(SEEDS.history, SEEDS.historyReferences);
  const references = new ReferenceDrawer(SEEDS.liveReferences);
  // The history drew its references from a stream of its own; never hand those out again.
  for (const d of history) references.reserve(d.submission.receipt.reference);

  const live = await db.transaction().execute(async (trx) => {
    await insertHistory(trx, history, hashes.hidden, 1);
    const cases = liveCases(new Random(SEEDS.live), await recipientsByVillage(trx));
    return walkLiveCases(trx, deps, cases, references, hashes, history.length + 1);
  });
  return { tickets: history.length + live, showcase };
}
