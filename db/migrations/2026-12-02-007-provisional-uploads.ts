// Files a resident chose on a form that came back with errors, kept a while under the form's
// token so that they need not be chosen again (issue 11.7). The bytes live in the attachment
// store like any attachment; this table says which token and field each belongs to and when it
// was kept, so expired ones can be removed and the start-up sweep leaves live ones alone.
import type { Kysely } from 'kysely';
import type { Ddl } from './ddl.ts';

export async function up(db: Kysely<any>, ddl: Ddl): Promise<void> {
  await db.schema
    .createTable('provisional_uploads')
    .addColumn('id', 'integer', (c) => ddl.id(c))
    .addColumn('form_token', 'varchar(40)', (c) => c.notNull())
    .addColumn('field', 'varchar(60)', (c) => c.notNull())
    .addColumn('stored_name', 'varchar(100)', (c) => c.notNull().unique())
    .addColumn('content_type', 'varchar(40)', (c) => c.notNull())
    .addColumn('size', 'integer', (c) => c.notNull())
    .addColumn('kept_at', ddl.timestamp, (c) => c.notNull())
    .addUniqueConstraint('provisional_uploads_one_per_field', ['form_token', 'field'])
    .execute();
  await db.schema
    .createIndex('provisional_uploads_kept_at')
    .on('provisional_uploads')
    .column('kept_at')
    .execute();
}
