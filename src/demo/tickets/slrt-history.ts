// The 3,494 SLRT complaints of Kota Mojokerto 2018–2020 (seed 002 Tabel 1), closed, with events
// that replay to their state; built in memory and inserted in batches.
import type { Insertable } from 'kysely';
import type { Db } from '../../db/database.ts';
import { insertInBatches } from '../../db/insert-in-batches.ts';
import type { TicketEventTable, TicketTable } from '../../db/schema.ts';
import type { AduanProgram } from '../../domain/tickets/aduan-catalogue.ts';
import { recordSubmissions, type SubmissionRecord } from '../../domain/tickets/submit-ticket.ts';
import type { Actor } from '../../domain/tickets/ticket-repository.ts';
import { dayNumber } from '../dates.ts';
import { Random } from '../random.ts';
import { SLRT_MOJOKERTO, SLRT_YEARS } from '../slrt-figures.ts';
import { DESK, KELURAHAN, MOJOKERTO_VILLAGES, RESIDENT } from './cast.ts';
import { PROBLEMS, REFERRED_SHARE, unitFor } from './complaint-mix.ts';
import { HOUR, officeHours } from './demo-clock.ts';
import { ANSWERS, contactOf, describe, referralFor } from './phrases.ts';
import { ReferenceDrawer } from './reference-drawer.ts';

export interface Draft {
  ticket: Insertable<TicketTable>;
  events: Insertable<TicketEventTable>[];
  submission: Omit<SubmissionRecord, 'ticketId' | 'trackingCodeHash' | 'idempotencyKey'>;
}

function historicalComplaint(
  rng: Random,
  references: ReferenceDrawer,
  year: number,
  program: AduanProgram,
): Draft {
  const village = rng.weighted(MOJOKERTO_VILLAGES.map((v) => [v.village_code, v.december] as const));
  const problem = rng.weighted(PROBLEMS[program]);
  const unit = unitFor(program, problem);
  // Opened by 1 December, closed within 30 days: every event stays inside its year.
  const openedDay = rng.int(dayNumber(`${year}-01-02`), dayNumber(`${year}-12-01`));
  const opened = officeHours(rng, openedDay);
  const forwardedDay = openedDay + rng.int(0, 3);
  const actedDay = forwardedDay + rng.int(1, 7);
  const closedDay = actedDay + rng.int(1, 20);
  const referred = rng.chance(REFERRED_SHARE[program] ?? 0.08);
  const referredEarly = referred && rng.chance(0.5);

  const event = (
    from: string | null,
    to: string,
    actor: Actor,
    at: Date,
    data: Record<string, string> | null,
  ): Insertable<TicketEventTable> => ({
    ticket_id: 0,
    from_status: from,
    to_status: to,
    actor_role: actor.role,
    actor_id: actor.id,
    at: at.toISOString(),
    note: null,
    visible_to_resident: 1,
    data: data ? JSON.stringify(data) : null,
  });
  const forwardedAt = new Date(Math.max(officeHours(rng, forwardedDay).getTime(), opened.getTime() + HOUR));
  const events = [
    event(null, 'diterima', RESIDENT, opened, null),
    event('diterima', 'diteruskan', rng.chance(0.2) ? KELURAHAN : DESK, forwardedAt, { unit }),
  ];
  let status: string;
  if (referredEarly) {
    status = 'dirujuk';
    events.push(
      event('diteruskan', 'dirujuk', DESK, officeHours(rng, closedDay), {
        referral: referralFor(program, unit),
      }),
    );
  } else {
    events.push(event('diteruskan', 'ditindaklanjuti', DESK, officeHours(rng, actedDay), null));
    status = referred ? 'dirujuk' : 'selesai';
    const closedAt = officeHours(rng, closedDay);
    events.push(
      referred
        ? event('ditindaklanjuti', 'dirujuk', DESK, closedAt, { referral: referralFor(program, unit) })
        : event('ditindaklanjuti', 'selesai', DESK, closedAt, { answer: ANSWERS[problem] }),
    );
  }
  const closedAt = events[events.length - 1]?.at ?? opened.toISOString();
  const payload = {
    program,
    problem,
    nik: null,
    description: describe(rng, program, problem, new Date(opened.getTime() + 7 * HOUR).getUTCMonth()),
    consent: true,
  };
  const payloadJson = JSON.stringify(payload);
  const contact = rng.chance(0.6) ? contactOf(rng) : null;
  const reference = references.next('aduan');
  return {
    ticket: {
      kind: 'aduan',
      status,
      // The step that finished it, where a reopening would go back (decision 0025).
      return_to: referredEarly ? 'diteruskan' : 'ditindaklanjuti',
      responsible_role: null,
      responsible_unit: unit,
      area_code: village,
      household_id: null,
      target_member_id: null,
      due_at: null,
      opened_at: opened.toISOString(),
      updated_at: closedAt,
      closed_at: closedAt,
      reopen_count: 0,
      payload: payloadJson,
      // The columns the inbox filters and the statistics count by, as a submission sets them.
      program,
      topic: problem,
    },
    events,
    submission: {
      locale: 'id',
      contact,
      payload,
      fileHashes: [],
      receipt: {
        reference,
        kind: 'aduan',
        status: 'diterima',
        // The desk of 2018–2020 had no due dates; the receipt says so.
        due_date: null,
        submitted_at: opened.toISOString(),
      },
    },
  };
}

/** The complaints in the order they were filed; each stream is named by its seed. */
export function slrtHistory(seed: number, referencesSeed: number): Draft[] {
  const rng = new Random(seed);
  const references = new ReferenceDrawer(referencesSeed);
  const drafts: Draft[] = [];
  for (const year of SLRT_YEARS) {
    for (const row of SLRT_MOJOKERTO) {
      for (let i = 0; i < row.counts[year]; i++)
        drafts.push(historicalComplaint(rng, references, year, row.program));
    }
  }
  // Ids follow time, as if the desk had filed them one by one.
  return drafts.sort((a, b) => a.ticket.opened_at.localeCompare(b.ticket.opened_at));
}

/**
 * Inserts the history without ids: the database numbers the tickets (in the order of `drafts`)
 * and the events, which go in the order things happened.
 */
export async function insertHistory(
  trx: Db,
  drafts: Draft[],
  hiddenHash: string,
  firstKey: number,
): Promise<void> {
  const ticketIds = await insertInBatches(
    trx,
    'tickets',
    drafts.map((d) => d.ticket),
    { returning: 'id' },
  );
  const ticketId = (n: number): number => {
    const id = ticketIds[n];
    if (id === undefined) throw new Error(`historical ticket ${n} was not inserted`);
    return id;
  };
  await recordSubmissions(
    trx,
    drafts.map((d, n) => ({
      ...d.submission,
      ticketId: ticketId(n),
      trackingCodeHash: hiddenHash,
      idempotencyKey: `demo:${firstKey + n}`,
    })),
  );
  const events = drafts.flatMap((d, n) => d.events.map((e) => ({ ...e, ticket_id: ticketId(n) })));
  // A ticket's own events keep their order (times rise).
  events.sort((a, b) => a.at.localeCompare(b.at) || a.ticket_id - b.ticket_id);
  await insertInBatches(trx, 'ticket_events', events);
}
