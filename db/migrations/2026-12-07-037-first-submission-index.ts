// A ticket's reference is its first submission's (`firstReference`: the lowest id of its
// submissions), read for each of the inbox's 25 rows (decision 0040). On SQLite the index on
// `ticket_id` ends with the rowid, which is the id, so the first is one seek. On PostgreSQL it
// does not: the planner chose between sorting a ticket's submissions and walking the primary key
// in id order until one of the ticket's came by, and with statistics older than a bulk load (100,000
// cases just written, before autovacuum's turn) it walked: 15 ms of the inbox's 16. With
// (ticket_id, id) the first is one seek whatever the statistics say; the narrower index, a prefix
// of it, goes.
import type { Kysely } from 'kysely';
import type { Ddl } from './ddl.ts';

export async function up(db: Kysely<any>, ddl: Ddl): Promise<void> {
  if (ddl.engine !== 'postgres') return;
  await db.schema
    .createIndex('submissions_ticket_first_idx')
    .on('ticket_submissions')
    .columns(['ticket_id', 'id'])
    .execute();
  await db.schema.dropIndex('submissions_ticket_idx').execute();
}
