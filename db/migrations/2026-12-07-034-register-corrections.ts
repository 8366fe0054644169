// A resident's correction of their household's data (UU PDP, issue 22, decision 0033): each field
// an officer changes on a correction request leaves one row with what the register said before
// and what it says after, written in the transaction that changes the household and closes the
// request. The register's own history, as the desil changes are (migration 022): personal data,
// so it lives here and never in the audit log's detail.
import type { Kysely } from 'kysely';
import type { Ddl } from './ddl.ts';

export async function up(db: Kysely<any>, ddl: Ddl): Promise<void> {
  await db.schema
    .createTable('register_corrections')
    .addColumn('id', 'integer', ddl.id)
    // No foreign keys, as household_desil_changes: a rollback or a later list may remove the
    // household, and the history of what was corrected stays.
    .addColumn('household_id', 'integer', (c) => c.notNull())
    // The member whose name was corrected; null for a household field (address, RT, RW).
    .addColumn('member_id', 'integer')
    .addColumn('field', 'varchar(20)', (c) => c.notNull())
    .addColumn('before_value', 'varchar(200)', (c) => c.notNull())
    .addColumn('after_value', 'varchar(200)', (c) => c.notNull())
    .addColumn('ticket_id', 'integer', (c) => c.notNull())
    .addColumn('actor_id', 'integer', (c) => c.notNull())
    .addColumn('corrected_at', ddl.timestamp, (c) => c.notNull())
    .execute();
  await db.schema
    .createIndex('register_corrections_household_idx')
    .on('register_corrections')
    .columns(['household_id', 'id'])
    .execute();
  await db.schema
    .createIndex('register_corrections_ticket_idx')
    .on('register_corrections')
    .column('ticket_id')
    .execute();
}
