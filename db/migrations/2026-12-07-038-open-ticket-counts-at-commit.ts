// The open-case counts (migration 031) are kept at the end of the ticket's transaction on
// PostgreSQL, no longer at its first statement. Every new complaint of a village adds to the same
// count row, and a row trigger locked that row from the ticket's insert until the commit: new
// complaints of one village took turns for the whole of each other's transaction (the submission,
// its events, the outbox), and `POST /api/v1/aduan` fell to 0.05 of /healthz (issue 8's goal is
// 0.1). A constraint trigger deferred to the commit does the same arithmetic in the same
// transaction, holding the row only while the commit finishes. SQLite writes one transaction at a
// time anyway: its triggers stay.
import { type Kysely, sql } from 'kysely';
import type { Ddl } from './ddl.ts';

export async function up(db: Kysely<any>, ddl: Ddl): Promise<void> {
  if (ddl.engine !== 'postgres') return;
  await sql`DROP TRIGGER open_ticket_counts_keep ON tickets`.execute(db);
  await sql`CREATE CONSTRAINT TRIGGER open_ticket_counts_keep AFTER INSERT OR UPDATE OR DELETE ON tickets DEFERRABLE INITIALLY DEFERRED FOR EACH ROW EXECUTE FUNCTION open_ticket_counts_keep()`.execute(
    db,
  );
}
