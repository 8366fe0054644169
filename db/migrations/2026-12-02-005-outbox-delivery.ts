// Delivering the outbox: each message gets a state (queued → sending → sent | failed), the time
// of its next attempt, a claim that one app process holds while it sends, and the class of its
// last error; every attempt is recorded in `outbox_deliveries`, with nothing personal in it. A
// message whose contact could not be read is queued on the channel `none`, to fail visibly.
import { type Kysely, sql } from 'kysely';
import type { Ddl } from './ddl.ts';

const CHANNELS = sql`channel IN ('sms', 'email', 'none')`;
const STATES = sql`status IN ('queued', 'sending', 'sent', 'failed')`;

export async function up(db: Kysely<any>, ddl: Ddl): Promise<void> {
  await db.schema.dropIndex('outbox_pending_idx').execute();
  if (ddl.engine === 'postgres') {
    await sql`ALTER TABLE outbox DROP CONSTRAINT outbox_channel_check`.execute(db);
    await sql`ALTER TABLE outbox ADD CONSTRAINT outbox_channel_check CHECK (${CHANNELS})`.execute(db);
    await db.schema
      .alterTable('outbox')
      .addColumn('status', 'varchar(10)', (c) => c.notNull().defaultTo('queued').check(STATES))
      .addColumn('next_attempt_at', ddl.timestamp)
      .addColumn('claimed_until', ddl.timestamp)
      .addColumn('claim_token', 'varchar(40)')
      .addColumn('last_error', 'varchar(40)')
      .addColumn('failed_at', ddl.timestamp)
      .execute();
    await sql`UPDATE outbox SET next_attempt_at = created_at, status = CASE WHEN sent_at IS NULL THEN 'queued' ELSE 'sent' END`.execute(
      db,
    );
    await sql`ALTER TABLE outbox ALTER COLUMN next_attempt_at SET NOT NULL`.execute(db);
  } else {
    // SQLite cannot change a CHECK in place: the table is rebuilt under the same name. Nothing
    // references it yet, so dropping the old one breaks no foreign key.
    await db.schema
      .createTable('outbox_new')
      .addColumn('id', 'integer', ddl.id)
      .addColumn('ticket_id', 'integer', (c) => c.notNull().references('tickets.id'))
      .addColumn('submission_id', 'integer', (c) => c.notNull().references('ticket_submissions.id'))
      .addColumn('event_id', 'integer', (c) => c.notNull().references('ticket_events.id'))
      .addColumn('channel', 'varchar(10)', (c) => c.notNull().check(CHANNELS))
      .addColumn('recipient', 'varchar(200)', (c) => c.notNull())
      .addColumn('body', 'text', (c) => c.notNull())
      .addColumn('created_at', ddl.timestamp, (c) => c.notNull())
      .addColumn('sent_at', ddl.timestamp)
      .addColumn('attempts', 'integer', (c) => c.notNull().defaultTo(0))
      .addColumn('status', 'varchar(10)', (c) => c.notNull().defaultTo('queued').check(STATES))
      .addColumn('next_attempt_at', ddl.timestamp, (c) => c.notNull())
      .addColumn('claimed_until', ddl.timestamp)
      .addColumn('claim_token', 'varchar(40)')
      .addColumn('last_error', 'varchar(40)')
      .addColumn('failed_at', ddl.timestamp)
      .execute();
    await sql`INSERT INTO outbox_new (id, ticket_id, submission_id, event_id, channel, recipient, body, created_at, sent_at, attempts, status, next_attempt_at)
      SELECT id, ticket_id, submission_id, event_id, channel, recipient, body, created_at, sent_at, attempts,
        CASE WHEN sent_at IS NULL THEN 'queued' ELSE 'sent' END, created_at FROM outbox`.execute(db);
    await db.schema.dropTable('outbox').execute();
    await db.schema.alterTable('outbox_new').renameTo('outbox').execute();
  }
  // The delivery loop asks for queued messages of the channels it can send, oldest first.
  await db.schema.createIndex('outbox_status_idx').on('outbox').columns(['status', 'id']).execute();

  await db.schema
    .createTable('outbox_deliveries')
    .addColumn('id', 'integer', ddl.id)
    .addColumn('outbox_id', 'integer', (c) => c.notNull().references('outbox.id'))
    .addColumn('attempt', 'integer', (c) => c.notNull())
    .addColumn('at', ddl.timestamp, (c) => c.notNull())
    .addColumn('channel', 'varchar(10)', (c) => c.notNull())
    .addColumn('outcome', 'varchar(10)', (c) =>
      c.notNull().check(sql`outcome IN ('sent', 'retry', 'failed')`),
    )
    .addColumn('error_class', 'varchar(40)')
    .execute();
  await db.schema
    .createIndex('outbox_deliveries_outbox_idx')
    .on('outbox_deliveries')
    .column('outbox_id')
    .execute();
  await ddl.appendOnly(db, 'outbox_deliveries');
}
