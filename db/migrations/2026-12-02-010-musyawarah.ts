// The Musyawarah Kelurahan: each meeting a village held (date, place, who attended) and the
// decision it took on each household on its list, with what became of the ticket. A proven
// objection leaves the next meeting's list once a meeting decided on it.
import type { Kysely } from 'kysely';
import type { Ddl } from './ddl.ts';

export async function up(db: Kysely<any>, ddl: Ddl): Promise<void> {
  await db.schema
    .createTable('musyawarah')
    .addColumn('id', 'integer', ddl.id)
    .addColumn('village_code', 'varchar(13)', (c) => c.notNull().references('regions.code'))
    // The day the meeting was held (YYYY-MM-DD), as the minutes state it: a date, not an instant.
    .addColumn('held_on', 'varchar(10)', (c) => c.notNull())
    .addColumn('place', 'varchar(200)', (c) => c.notNull())
    // As the operator typed them, one per line: the minutes print them as they are.
    .addColumn('attendees', 'text', (c) => c.notNull())
    .addColumn('recorded_by', 'integer', (c) => c.notNull().references('users.id'))
    .addColumn('recorded_at', ddl.timestamp, (c) => c.notNull())
    .execute();
  await db.schema
    .createIndex('musyawarah_village_idx')
    .on('musyawarah')
    .columns(['village_code', 'held_on'])
    .execute();

  await db.schema
    .createTable('musyawarah_decisions')
    .addColumn('id', 'integer', ddl.id)
    .addColumn('musyawarah_id', 'integer', (c) => c.notNull().references('musyawarah.id'))
    .addColumn('ticket_id', 'integer', (c) => c.notNull().references('tickets.id'))
    // disepakati | tidak_disepakati | ditunda
    .addColumn('decision', 'varchar(20)', (c) => c.notNull())
    .addColumn('note', 'text')
    // moved (the ticket took its step) | recorded (nothing to move) | refused (left as it was)
    .addColumn('outcome', 'varchar(20)', (c) => c.notNull())
    // The message key of why a refused decision left the ticket as it was.
    .addColumn('reason', 'varchar(80)')
    .execute();
  await ddl.appendOnly(db, 'musyawarah_decisions');
  await db.schema
    .createIndex('musyawarah_decisions_ticket_idx')
    .on('musyawarah_decisions')
    .columns(['ticket_id', 'outcome'])
    .execute();
  await db.schema
    .createIndex('musyawarah_decisions_meeting_idx')
    .on('musyawarah_decisions')
    .column('musyawarah_id')
    .execute();
}
