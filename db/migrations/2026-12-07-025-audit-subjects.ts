// "Who looked at me" (issue 22, UU PDP): each audited view or export of personal data names the
// people it showed, one row per person, as a keyed hash of their NIK (the server secret's HMAC):
// "who viewed NIK N" is one index range, and a copy of the log alone tells nobody which NIK it
// holds (NIKs are guessable, a plain hash of one is not a secret). Append-only like the log.
import type { Kysely } from 'kysely';
import type { Ddl } from './ddl.ts';

export async function up(db: Kysely<any>, ddl: Ddl): Promise<void> {
  await db.schema
    .createTable('audit_subjects')
    // No foreign key: PostgreSQL checks one per row with a trigger, and an export names thousands.
    .addColumn('audit_id', 'integer', (c) => c.notNull())
    .addColumn('subject', 'varchar(32)', (c) => c.notNull())
    .execute();
  await db.schema
    .createIndex('audit_subjects_subject_idx')
    .on('audit_subjects')
    .columns(['subject', 'audit_id'])
    .execute();
  await ddl.appendOnly(db, 'audit_subjects');
}
