// A reopened complaint goes back to the step that finished it, and to the unit that held it then
// (docs/decisions/0025): a move that finishes a complaint now keeps its step in `return_to`.
// Complaints finished before keep theirs too, read from their log: the step the finishing move
// left. A log without one leaves `return_to` empty, and a reopening of that case goes to the desk.
import { type Kysely, sql } from 'kysely';
import type { Ddl } from './ddl.ts';

export async function up(db: Kysely<any>, _ddl: Ddl): Promise<void> {
  await sql`UPDATE tickets SET return_to = (
      SELECT e.from_status FROM ticket_events e
      WHERE e.ticket_id = tickets.id AND e.to_status = tickets.status AND e.from_status <> e.to_status
      ORDER BY e.id DESC LIMIT 1)
    WHERE kind = 'aduan' AND status IN ('selesai', 'dirujuk') AND return_to IS NULL`.execute(db);
}
