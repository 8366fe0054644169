// Retention (issue 22, UU PDP: data kept no longer than needed): a ticket closed longer than the
// office's retention period loses its personal fields and files; the ticket row keeps its kind,
// states, area and times (the statistics and the SLA history), and says when it was emptied so
// the pages say so instead of showing blanks. The closing time is indexed for the daily pass.
//
// The step log stays append-only except for erasure: an UPDATE may only empty a step's note and
// shorten its data (the free text taken out), never touch who moved it where and when; DELETE
// stays refused.
import { type Kysely, sql } from 'kysely';
import type { Ddl } from './ddl.ts';

const SKELETON_KEPT = (o: string, n: string) =>
  `${n}.note IS NULL AND ${n}.id = ${o}.id AND ${n}.ticket_id = ${o}.ticket_id ` +
  `AND ${n}.from_status IS NOT DISTINCT FROM ${o}.from_status AND ${n}.to_status = ${o}.to_status ` +
  `AND ${n}.actor_role = ${o}.actor_role AND ${n}.actor_id IS NOT DISTINCT FROM ${o}.actor_id ` +
  `AND ${n}.at = ${o}.at AND ${n}.visible_to_resident = ${o}.visible_to_resident ` +
  `AND (${n}.data IS NULL OR (${o}.data IS NOT NULL AND length(${n}.data) <= length(${o}.data)))`;

export async function up(db: Kysely<any>, ddl: Ddl): Promise<void> {
  await db.schema.alterTable('tickets').addColumn('personal_data_removed_at', ddl.timestamp).execute();
  await db.schema.createIndex('tickets_closed_at_idx').on('tickets').column('closed_at').execute();

  if (ddl.engine === 'sqlite') {
    await sql`DROP TRIGGER ticket_events_no_update`.execute(db);
    // SQLite has `IS` for "not distinct", the same test.
    const kept = SKELETON_KEPT('OLD', 'NEW').replaceAll('IS NOT DISTINCT FROM', 'IS');
    await sql
      .raw(
        `CREATE TRIGGER ticket_events_erase_only BEFORE UPDATE ON ticket_events WHEN NOT (${kept}) ` +
          `BEGIN SELECT RAISE(ABORT, 'ticket_events is append-only'); END`,
      )
      .execute(db);
    return;
  }
  await sql`DROP TRIGGER ticket_events_no_change ON ticket_events`.execute(db);
  await sql`CREATE TRIGGER ticket_events_no_delete BEFORE DELETE ON ticket_events FOR EACH ROW EXECUTE FUNCTION ticket_events_append_only()`.execute(
    db,
  );
  await sql
    .raw(
      `CREATE FUNCTION ticket_events_erase_only() RETURNS trigger LANGUAGE plpgsql AS $$ BEGIN ` +
        `IF NOT (${SKELETON_KEPT('OLD', 'NEW')}) THEN RAISE EXCEPTION 'ticket_events is append-only'; END IF; ` +
        'RETURN NEW; END $$',
    )
    .execute(db);
  await sql`CREATE TRIGGER ticket_events_erase_only BEFORE UPDATE ON ticket_events FOR EACH ROW EXECUTE FUNCTION ticket_events_erase_only()`.execute(
    db,
  );
}
