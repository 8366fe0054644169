// What the tests of officers' notices share: a proposal filed where the demo's subscribers work
// (Wates, Kota Mojokerto), and the officers' rows of the outbox.
import type { Db } from '../../src/db/database.ts';
import type { DomainDeps } from '../../src/domain/deps.ts';
import { submitUsulan } from '../../src/domain/tickets/submit-usulan.ts';
import { ticketOf, usulanBody } from './ticket-fixtures.ts';

export const WATES = '35.76.02.1010';

let serial = 0;

/** A proposal for a household of Wates RT `rtNumber`/RW 004, with a resident's name. */
export async function proposeInWates(deps: DomainDeps, rtNumber = '8') {
  serial++;
  const receipt = await submitUsulan(
    deps,
    usulanBody({ head_name: 'Slamet Widodo', village_code: WATES, rt: rtNumber, rw: '4' }),
    {
      idempotencyKey: `notify-${serial}-${Date.now()}`,
      locale: 'id',
      attachments: [],
      clientKey: 'notify-test',
    },
  );
  const { ticket } = await ticketOf(deps.db, receipt.reference);
  return { reference: receipt.reference, ticketId: ticket.id, version: ticket.version };
}

/** The officers' notices in the outbox, oldest first. */
export const officerRows = (db: Db) =>
  db.selectFrom('outbox').selectAll().where('audience', '=', 'officer').orderBy('id').execute();
