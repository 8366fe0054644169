// The back office: officer accounts scoped to an area, their sessions, the audit log, and what
// working a ticket needs on the ticket itself (its RT/RW for the RT/RW head's inbox, when it turns
// "at risk", who holds it, and the case it duplicates).
import { type Kysely, sql } from 'kysely';
import type { Ddl } from './ddl.ts';

export async function up(db: Kysely<any>, ddl: Ddl): Promise<void> {
  await db.schema
    .createTable('users')
    .addColumn('id', 'integer', ddl.id)
    .addColumn('username', 'varchar(40)', (c) => c.notNull().unique())
    .addColumn('display_name', 'varchar(100)', (c) => c.notNull())
    // scrypt$N$r$p$salt$hash: the password never leaves the login form in any other shape.
    .addColumn('password_hash', 'varchar(200)', (c) => c.notNull())
    .addColumn('role', 'varchar(20)', (c) => c.notNull())
    // The village (rt_rw, kelurahan) or regency (dinsos) the officer works in; null for admin.
    .addColumn('area_code', 'varchar(13)', (c) => c.references('regions.code'))
    .addColumn('rt', 'varchar(3)')
    .addColumn('rw', 'varchar(3)')
    .addColumn('created_at', ddl.timestamp, (c) => c.notNull())
    .addColumn('password_changed_at', ddl.timestamp, (c) => c.notNull())
    // 1 after an admin set the password: the officer chooses their own at the next login.
    .addColumn('must_change_password', 'integer', (c) => c.notNull().defaultTo(0))
    .addColumn('disabled_at', ddl.timestamp)
    .execute();

  await db.schema
    .createTable('sessions')
    .addColumn('id', 'integer', ddl.id)
    // SHA-256 of the cookie's token: a copy of this table opens no session.
    .addColumn('token_hash', 'varchar(64)', (c) => c.notNull().unique())
    .addColumn('user_id', 'integer', (c) => c.notNull().references('users.id'))
    .addColumn('created_at', ddl.timestamp, (c) => c.notNull())
    .addColumn('last_seen_at', ddl.timestamp, (c) => c.notNull())
    .addColumn('expires_at', ddl.timestamp, (c) => c.notNull())
    .addColumn('ended_at', ddl.timestamp)
    .execute();
  await db.schema.createIndex('sessions_user_idx').on('sessions').column('user_id').execute();

  await db.schema
    .createTable('audit_log')
    .addColumn('id', 'integer', ddl.id)
    .addColumn('at', ddl.timestamp, (c) => c.notNull())
    .addColumn('actor_id', 'integer', (c) => c.references('users.id'))
    .addColumn('actor_role', 'varchar(20)')
    .addColumn('action', 'varchar(40)', (c) => c.notNull())
    .addColumn('target_type', 'varchar(20)')
    .addColumn('target_id', 'varchar(40)')
    .addColumn('client_address', 'varchar(64)')
    // JSON of ids and codes only: never a name, NIK or free text a person typed.
    .addColumn('detail', 'text')
    .execute();
  await ddl.appendOnly(db, 'audit_log');
  await db.schema.createIndex('audit_log_actor_idx').on('audit_log').columns(['actor_id', 'at']).execute();
  await db.schema
    .createIndex('audit_log_target_idx')
    .on('audit_log')
    .columns(['target_type', 'target_id'])
    .execute();

  // Raised by every change: an officer's form carries the version it showed, so a change made
  // meanwhile (even within the same millisecond) is noticed instead of overwritten.
  await db.schema
    .alterTable('tickets')
    .addColumn('version', 'integer', (c) => c.notNull().defaultTo(0))
    .execute();
  // Copied from the payload at opening, so the inbox filters on columns on both engines.
  await db.schema.alterTable('tickets').addColumn('program', 'varchar(20)').execute();
  await db.schema.alterTable('tickets').addColumn('topic', 'varchar(60)').execute();
  await db.schema.alterTable('tickets').addColumn('rt', 'varchar(3)').execute();
  await db.schema.alterTable('tickets').addColumn('rw', 'varchar(3)').execute();
  // Three quarters of the step's time gone: the inbox shows the case as at risk from then on.
  await db.schema.alterTable('tickets').addColumn('at_risk_at', ddl.timestamp).execute();
  await db.schema
    .alterTable('tickets')
    .addColumn('assignee_id', 'integer', (c) => c.references('users.id'))
    .execute();
  await db.schema
    .alterTable('tickets')
    .addColumn('duplicate_of', 'integer', (c) => c.references('tickets.id'))
    .execute();
  await db.schema
    .createIndex('tickets_area_rt_rw_idx')
    .on('tickets')
    .columns(['area_code', 'rw', 'rt'])
    .execute();
  await db.schema.createIndex('tickets_assignee_idx').on('tickets').column('assignee_id').execute();
  // The inbox: open cases by due date, and the counts per state of an area's open cases.
  await db.schema
    .createIndex('tickets_open_due_idx')
    .on('tickets')
    .columns(['due_at', 'id'])
    .where(sql<boolean>`closed_at IS NULL`)
    .execute();
  await db.schema
    .createIndex('tickets_open_state_idx')
    .on('tickets')
    .columns(['kind', 'status', 'area_code'])
    .where(sql<boolean>`closed_at IS NULL`)
    .execute();

  // Cases opened before this migration: their RT/RW from the household or the proposal.
  const tickets = await db
    .selectFrom('tickets as t')
    .leftJoin('households as h', 'h.id', 't.household_id')
    .select(['t.id', 't.payload', 'h.rt', 'h.rw'])
    .execute();
  for (const t of tickets as { id: number; payload: string; rt: string | null; rw: string | null }[]) {
    const payload = parsed(t.payload);
    const place = t.rt && t.rw ? { rt: t.rt, rw: t.rw } : rtRwOf(payload);
    const program = typeof payload.program === 'string' ? payload.program.slice(0, 20) : null;
    const topicValue = payload.problem ?? payload.reason;
    const topic = typeof topicValue === 'string' ? topicValue.slice(0, 60) : null;
    await db
      .updateTable('tickets')
      .set({ ...(place ?? {}), program, topic })
      .where('id', '=', t.id)
      .execute();
  }
}

function parsed(payload: string): Record<string, unknown> {
  try {
    const value = JSON.parse(payload) as unknown;
    return value && typeof value === 'object' ? (value as Record<string, unknown>) : {};
  } catch {
    return {};
  }
}

function rtRwOf(payload: Record<string, unknown>): { rt: string; rw: string } | null {
  const { rt, rw } = payload;
  if (typeof rt === 'string' && typeof rw === 'string' && /^\d{1,3}$/.test(rt) && /^\d{1,3}$/.test(rw)) {
    return { rt: rt.padStart(3, '0'), rw: rw.padStart(3, '0') };
  }
  return null;
}
