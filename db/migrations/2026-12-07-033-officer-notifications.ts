// Issue 20: officers hear of new work. An officer keeps their own e-mail address and/or webhook
// URL and three switches (a new case at their step, a case escalated to their office, a daily
// digest of at-risk and late cases); their messages go through the residents' outbox, with the
// same claims, retries and delivery log (decision 0034). An officer's message has no resident
// submission, and a digest no ticket: those columns become optional, and the row says whom it is
// for (`audience`), which account, what kind of message, its subject and reference, and a
// `dedupe_key` that makes the digest and the escalation notice go out once however often the
// job runs. A new channel `webhook`: the officer's own signed URL.
import { type Kysely, sql } from 'kysely';
import type { Ddl } from './ddl.ts';

const CHANNELS = sql`channel IN ('sms', 'email', 'webhook', 'none')`;
const STATES = sql`status IN ('queued', 'sending', 'sent', 'failed')`;
const AUDIENCES = sql`audience IN ('resident', 'officer')`;

const COPIED =
  'id, ticket_id, submission_id, event_id, channel, recipient, body, created_at, sent_at, attempts, status, next_attempt_at, claimed_until, claim_token, last_error, failed_at';

export async function up(db: Kysely<any>, ddl: Ddl): Promise<void> {
  if (ddl.engine === 'postgres') {
    await sql`ALTER TABLE outbox DROP CONSTRAINT outbox_channel_check`.execute(db);
    await sql`ALTER TABLE outbox ADD CONSTRAINT outbox_channel_check CHECK (${CHANNELS})`.execute(db);
    for (const column of ['ticket_id', 'submission_id', 'event_id'])
      await sql`ALTER TABLE outbox ALTER COLUMN ${sql.ref(column)} DROP NOT NULL`.execute(db);
    await db.schema
      .alterTable('outbox')
      .addColumn('audience', 'varchar(10)', (c) => c.notNull().defaultTo('resident').check(AUDIENCES))
      .addColumn('account_id', 'integer', (c) => c.references('users.id'))
      .addColumn('kind', 'varchar(20)')
      .addColumn('subject', 'varchar(200)')
      .addColumn('reference', 'varchar(40)')
      .addColumn('dedupe_key', 'varchar(160)')
      .execute();
  } else {
    // SQLite changes neither a CHECK nor a NOT NULL in place: both tables are rebuilt. The
    // delivery log is rebuilt first against the new outbox, so dropping the old one (an implicit
    // DELETE under foreign keys) leaves no row pointing at it; renaming the new outbox rewrites
    // the log's reference to the old name.
    await db.schema
      .createTable('outbox_new')
      .addColumn('id', 'integer', ddl.id)
      .addColumn('ticket_id', 'integer', (c) => c.references('tickets.id'))
      .addColumn('submission_id', 'integer', (c) => c.references('ticket_submissions.id'))
      .addColumn('event_id', 'integer', (c) => c.references('ticket_events.id'))
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
      .addColumn('audience', 'varchar(10)', (c) => c.notNull().defaultTo('resident').check(AUDIENCES))
      .addColumn('account_id', 'integer', (c) => c.references('users.id'))
      .addColumn('kind', 'varchar(20)')
      .addColumn('subject', 'varchar(200)')
      .addColumn('reference', 'varchar(40)')
      .addColumn('dedupe_key', 'varchar(160)')
      .execute();
    await sql.raw(`INSERT INTO outbox_new (${COPIED}) SELECT ${COPIED} FROM outbox`).execute(db);
    await db.schema
      .createTable('outbox_deliveries_new')
      .addColumn('id', 'integer', ddl.id)
      .addColumn('outbox_id', 'integer', (c) => c.notNull().references('outbox_new.id'))
      .addColumn('attempt', 'integer', (c) => c.notNull())
      .addColumn('at', ddl.timestamp, (c) => c.notNull())
      .addColumn('channel', 'varchar(10)', (c) => c.notNull())
      .addColumn('outcome', 'varchar(10)', (c) =>
        c.notNull().check(sql`outcome IN ('sent', 'retry', 'failed')`),
      )
      .addColumn('error_class', 'varchar(40)')
      .execute();
    await sql`INSERT INTO outbox_deliveries_new (id, outbox_id, attempt, at, channel, outcome, error_class)
      SELECT id, outbox_id, attempt, at, channel, outcome, error_class FROM outbox_deliveries`.execute(db);
    await db.schema.dropTable('outbox_deliveries').execute();
    await db.schema.dropTable('outbox').execute();
    await db.schema.alterTable('outbox_new').renameTo('outbox').execute();
    await db.schema.alterTable('outbox_deliveries_new').renameTo('outbox_deliveries').execute();
    await db.schema.createIndex('outbox_status_idx').on('outbox').columns(['status', 'id']).execute();
    await db.schema
      .createIndex('outbox_deliveries_outbox_idx')
      .on('outbox_deliveries')
      .column('outbox_id')
      .execute();
    await ddl.appendOnly(db, 'outbox_deliveries');
  }
  // One digest per officer, channel and office day; one escalation notice per case and due time.
  await db.schema.createIndex('outbox_dedupe_key_idx').on('outbox').column('dedupe_key').unique().execute();
  // The admin's list of messages, newest first.
  await db.schema.createIndex('outbox_created_idx').on('outbox').columns(['created_at', 'id']).execute();

  await db.schema
    .createTable('officer_notifications')
    .addColumn('account_id', 'integer', (c) => c.primaryKey().references('users.id'))
    .addColumn('email', 'varchar(254)')
    .addColumn('webhook_url', 'varchar(500)')
    // The key the officer's receiver checks the signature with; shown to the officer alone.
    .addColumn('webhook_secret', 'varchar(80)')
    .addColumn('new_case', 'integer', (c) => c.notNull().defaultTo(0))
    .addColumn('escalation', 'integer', (c) => c.notNull().defaultTo(0))
    .addColumn('digest', 'integer', (c) => c.notNull().defaultTo(0))
    .addColumn('updated_at', ddl.timestamp, (c) => c.notNull())
    .execute();
}
