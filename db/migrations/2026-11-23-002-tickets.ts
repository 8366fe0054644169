// Resident tickets (usulan, sanggahan, aduan): the case with its workflow state, each resident
// submission that opened or joined it, the append-only event log, attachments, and the outbox
// of update messages.
import { type Kysely, sql } from 'kysely';
import type { Ddl } from './ddl.ts';

export async function up(db: Kysely<any>, ddl: Ddl): Promise<void> {
  await db.schema
    .createTable('tickets')
    .addColumn('id', 'integer', ddl.id)
    .addColumn('kind', 'varchar(10)', (c) => c.notNull().check(sql`kind IN ('usulan', 'sanggahan', 'aduan')`))
    .addColumn('status', 'varchar(40)', (c) => c.notNull())
    // While `perlu_perbaikan`: the step that asked, where the resident's answer returns the case.
    .addColumn('return_to', 'varchar(40)')
    .addColumn('responsible_role', 'varchar(20)')
    .addColumn('responsible_unit', 'varchar(60)')
    .addColumn('area_code', 'varchar(13)', (c) => c.references('regions.code'))
    // The recipient a sanggahan objects to; several objections share one case.
    .addColumn('household_id', 'integer', (c) => c.references('households.id'))
    .addColumn('target_member_id', 'integer', (c) => c.references('household_members.id'))
    // The household a usulan proposes or an aduan concerns, to find open duplicates.
    .addColumn('subject_nik', 'varchar(16)')
    .addColumn('subject_kk', 'varchar(16)')
    .addColumn('due_at', ddl.timestamp)
    .addColumn('opened_at', ddl.timestamp, (c) => c.notNull())
    .addColumn('updated_at', ddl.timestamp, (c) => c.notNull())
    .addColumn('closed_at', ddl.timestamp)
    .addColumn('reopen_count', 'integer', (c) => c.notNull().defaultTo(0))
    .addColumn('payload', 'text', (c) => c.notNull())
    .execute();
  await db.schema.createIndex('tickets_kind_status_idx').on('tickets').columns(['kind', 'status']).execute();
  await db.schema.createIndex('tickets_area_idx').on('tickets').columns(['area_code', 'status']).execute();
  await db.schema.createIndex('tickets_due_idx').on('tickets').columns(['status', 'due_at']).execute();
  await db.schema
    .createIndex('tickets_subject_nik_idx')
    .on('tickets')
    .columns(['kind', 'subject_nik'])
    .execute();
  await db.schema
    .createIndex('tickets_subject_kk_idx')
    .on('tickets')
    .columns(['kind', 'subject_kk'])
    .execute();
  await db.schema
    .createIndex('tickets_target_idx')
    .on('tickets')
    .columns(['kind', 'target_member_id'])
    .execute();

  await db.schema
    .createTable('ticket_submissions')
    .addColumn('id', 'integer', ddl.id)
    .addColumn('ticket_id', 'integer', (c) => c.notNull().references('tickets.id'))
    .addColumn('reference', 'varchar(16)', (c) => c.notNull().unique())
    .addColumn('tracking_code_hash', 'varchar(200)', (c) => c.notNull())
    .addColumn('submitted_at', ddl.timestamp, (c) => c.notNull())
    .addColumn('locale', 'varchar(2)', (c) => c.notNull())
    // NULL when the resident stays anonymous: then no contact exists anywhere.
    .addColumn('contact', 'text')
    // What the resident typed, kept unedited.
    .addColumn('payload', 'text', (c) => c.notNull())
    .addColumn('idempotency_key', 'varchar(100)', (c) => c.notNull().unique())
    .addColumn('request_hash', 'varchar(64)', (c) => c.notNull())
    // The 201 answer without the tracking code (re-derived from the key), for replays.
    .addColumn('receipt', 'text', (c) => c.notNull())
    .execute();
  await db.schema
    .createIndex('submissions_ticket_idx')
    .on('ticket_submissions')
    .column('ticket_id')
    .execute();

  await db.schema
    .createTable('ticket_events')
    .addColumn('id', 'integer', ddl.id)
    .addColumn('ticket_id', 'integer', (c) => c.notNull().references('tickets.id'))
    .addColumn('from_status', 'varchar(40)')
    .addColumn('to_status', 'varchar(40)', (c) => c.notNull())
    .addColumn('actor_role', 'varchar(20)', (c) => c.notNull())
    .addColumn('actor_id', 'varchar(60)')
    .addColumn('at', ddl.timestamp, (c) => c.notNull())
    .addColumn('note', 'text')
    .addColumn('visible_to_resident', 'integer', (c) => c.notNull())
    .addColumn('data', 'text')
    .execute();
  await db.schema.createIndex('events_ticket_idx').on('ticket_events').columns(['ticket_id', 'id']).execute();
  // Append-only: the log is the truth the current state is read against.
  await ddl.appendOnly(db, 'ticket_events');

  await db.schema
    .createTable('ticket_attachments')
    .addColumn('id', 'integer', ddl.id)
    .addColumn('ticket_id', 'integer', (c) => c.notNull().references('tickets.id'))
    .addColumn('submission_id', 'integer', (c) => c.references('ticket_submissions.id'))
    .addColumn('event_id', 'integer', (c) => c.references('ticket_events.id'))
    .addColumn('purpose', 'varchar(20)', (c) => c.notNull())
    .addColumn('stored_name', 'varchar(100)', (c) => c.notNull().unique())
    .addColumn('content_type', 'varchar(40)', (c) => c.notNull())
    .addColumn('size', 'integer', (c) => c.notNull())
    .addColumn('sha256', 'varchar(64)', (c) => c.notNull())
    .addColumn('created_at', ddl.timestamp, (c) => c.notNull())
    .execute();
  await db.schema
    .createIndex('attachments_ticket_idx')
    .on('ticket_attachments')
    .column('ticket_id')
    .execute();

  await db.schema
    .createTable('outbox')
    .addColumn('id', 'integer', ddl.id)
    .addColumn('ticket_id', 'integer', (c) => c.notNull().references('tickets.id'))
    .addColumn('submission_id', 'integer', (c) => c.notNull().references('ticket_submissions.id'))
    .addColumn('event_id', 'integer', (c) => c.notNull().references('ticket_events.id'))
    .addColumn('channel', 'varchar(10)', (c) => c.notNull().check(sql`channel IN ('sms', 'email')`))
    .addColumn('recipient', 'varchar(200)', (c) => c.notNull())
    .addColumn('body', 'text', (c) => c.notNull())
    .addColumn('created_at', ddl.timestamp, (c) => c.notNull())
    .addColumn('sent_at', ddl.timestamp)
    .addColumn('attempts', 'integer', (c) => c.notNull().defaultTo(0))
    .execute();
  await db.schema.createIndex('outbox_pending_idx').on('outbox').columns(['sent_at', 'id']).execute();
}
