// Recipient-list imports (issue 10): each import with its progress and counts, every accepted row
// as the file said it (the data-quality report reads these, with their source lines), every
// rejected row with its line, column and reason, memberships that ended because a household left
// a new period's list, and officers' decisions on data-quality findings.
import { type Kysely, sql } from 'kysely';
import type { Ddl } from './ddl.ts';

export async function up(db: Kysely<any>, ddl: Ddl): Promise<void> {
  await db.schema
    .createTable('imports')
    .addColumn('id', 'integer', ddl.id)
    .addColumn('file_name', 'varchar(200)', (c) => c.notNull())
    .addColumn('format', 'varchar(10)', (c) => c.notNull())
    .addColumn('sha256', 'varchar(64)', (c) => c.notNull())
    .addColumn('default_program', 'varchar(10)')
    .addColumn('default_period', 'varchar(7)')
    .addColumn('status', 'varchar(10)', (c) =>
      c.notNull().check(sql`status IN ('queued', 'running', 'done', 'failed')`),
    )
    .addColumn('source', 'varchar(10)', (c) => c.notNull().check(sql`source IN ('cli', 'upload')`))
    // Where an uploaded file waits for the background job; null once read or for the CLI.
    .addColumn('stored_path', 'varchar(400)')
    .addColumn('bytes_total', 'bigint', (c) => c.notNull().defaultTo(0))
    .addColumn('bytes_read', 'bigint', (c) => c.notNull().defaultTo(0))
    .addColumn('rows_read', 'integer', (c) => c.notNull().defaultTo(0))
    .addColumn('rows_accepted', 'integer', (c) => c.notNull().defaultTo(0))
    .addColumn('rows_rejected', 'integer', (c) => c.notNull().defaultTo(0))
    .addColumn('memberships_ended', 'integer', (c) => c.notNull().defaultTo(0))
    // A message key (import_failed_*), never a driver's text.
    .addColumn('failure', 'varchar(60)')
    .addColumn('created_by', 'integer', (c) => c.references('users.id'))
    .addColumn('created_at', ddl.timestamp, (c) => c.notNull())
    .addColumn('started_at', ddl.timestamp)
    .addColumn('finished_at', ddl.timestamp)
    .execute();

  await db.schema
    .createTable('import_rows')
    .addColumn('import_id', 'integer', (c) => c.notNull().references('imports.id').onDelete('cascade'))
    .addColumn('line', 'integer', (c) => c.notNull())
    .addColumn('nik', 'varchar(16)', (c) => c.notNull())
    // The household key used: the file's KK, or a stand-in when the file had none.
    .addColumn('kk', 'varchar(16)', (c) => c.notNull())
    .addColumn('kk_given', 'integer', (c) => c.notNull())
    .addColumn('name', 'varchar(120)', (c) => c.notNull())
    // What the file said, null when it said nothing: the report compares these with the NIK.
    .addColumn('birth_date', 'varchar(10)')
    .addColumn('sex', 'varchar(1)')
    .addColumn('village_code', 'varchar(13)')
    .addColumn('program_code', 'varchar(10)', (c) => c.notNull())
    .addColumn('period', 'varchar(7)', (c) => c.notNull())
    .addColumn('status', 'varchar(20)', (c) => c.notNull())
    .addColumn('amount', 'integer', (c) => c.notNull())
    .addColumn('channel', 'varchar(60)', (c) => c.notNull())
    .addPrimaryKeyConstraint('import_rows_pk', ['import_id', 'line'])
    .execute();
  await db.schema
    .createIndex('import_rows_nik_idx')
    .on('import_rows')
    .columns(['nik', 'import_id'])
    .execute();
  await db.schema.createIndex('import_rows_kk_idx').on('import_rows').columns(['kk', 'birth_date']).execute();
  await db.schema
    .createIndex('import_rows_program_period_idx')
    .on('import_rows')
    .columns(['program_code', 'period', 'import_id'])
    .execute();

  await db.schema
    .createTable('import_rejections')
    .addColumn('id', 'integer', ddl.id)
    .addColumn('import_id', 'integer', (c) => c.notNull().references('imports.id').onDelete('cascade'))
    .addColumn('line', 'integer', (c) => c.notNull())
    .addColumn('column_name', 'varchar(40)', (c) => c.notNull())
    .addColumn('reason', 'varchar(40)', (c) => c.notNull())
    // JSON of the row's cells by documented column name, cut to a bounded size.
    .addColumn('cells', 'text', (c) => c.notNull())
    .addUniqueConstraint('import_rejections_line_uq', ['import_id', 'line', 'column_name'])
    .execute();

  await db.schema
    .createTable('membership_endings')
    .addColumn('id', 'integer', ddl.id)
    .addColumn('household_id', 'integer', (c) => c.notNull().references('households.id').onDelete('cascade'))
    .addColumn('program_code', 'varchar(10)', (c) => c.notNull().references('programs.code'))
    // The first period the household is no longer listed in, and the last one it was.
    .addColumn('period', 'varchar(7)', (c) => c.notNull())
    .addColumn('last_period', 'varchar(7)', (c) => c.notNull())
    .addColumn('reason', 'varchar(40)', (c) => c.notNull())
    .addColumn('import_id', 'integer', (c) => c.references('imports.id').onDelete('set null'))
    .addColumn('ended_at', ddl.timestamp, (c) => c.notNull())
    .addUniqueConstraint('membership_endings_uq', ['household_id', 'program_code', 'period'])
    .execute();

  await db.schema
    .createTable('quality_reviews')
    // rule + the subject it is about (a NIK, a household and period, …): stable across runs, so a
    // finding marked "not a problem" stays so when the report is made again.
    .addColumn('finding_key', 'varchar(200)', (c) => c.primaryKey())
    .addColumn('rule', 'varchar(40)', (c) => c.notNull())
    .addColumn('decision', 'varchar(10)', (c) =>
      c.notNull().check(sql`decision IN ('confirmed', 'dismissed')`),
    )
    .addColumn('decided_by', 'integer', (c) => c.references('users.id'))
    .addColumn('decided_at', ddl.timestamp, (c) => c.notNull())
    .execute();
}
