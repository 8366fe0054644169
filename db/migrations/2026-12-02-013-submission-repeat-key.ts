// A resident who goes Back from a receipt and sends the same form again gets a new form token
// (a new idempotency key) with the browser's restored values: without this, a second ticket.
// `repeat_key` (an HMAC of the client's address and the request hash, see submit-ticket.ts) lets
// the first receipt answer an identical submission from the same client for a short while.
// Nullable: API submissions and older rows have none. Decision 0017.
import type { Kysely } from 'kysely';
import type { Ddl } from './ddl.ts';

export async function up(db: Kysely<any>, _ddl: Ddl): Promise<void> {
  await db.schema.alterTable('ticket_submissions').addColumn('repeat_key', 'varchar(64)').execute();
  await db.schema
    .createIndex('ticket_submissions_repeat_key')
    .on('ticket_submissions')
    .column('repeat_key')
    .execute();
}
