// An import shows before it writes, and can be undone (issue 18, decision 0022). `imports.phase`
// is where a list is in its life (preview → applying → applied, or discarded, rolled back), while
// `status` stays the state of the job at work on it. The accepted rows keep everything the
// register will be given, so confirming writes from them without reading the file again; the
// rejected rows keep what could still be read of them, so a family whose row was refused is
// recognised and never ended. A preview is kept per program, period and village (`import_blocks`)
// with the households it would change or end (`import_effects`). Every register row an import
// changes keeps its state before (`import_undo_*`), and every row it writes names it
// (`import_id`), so a rollback returns each to where it was.
import { type Kysely, sql } from 'kysely';
import type { Ddl } from './ddl.ts';

export async function up(db: Kysely<any>, ddl: Ddl): Promise<void> {
  // Lists imported before this migration were written straight away: they are applied.
  await db.schema
    .alterTable('imports')
    .addColumn('phase', 'varchar(12)', (c) => c.notNull().defaultTo('applied'))
    .execute();
  for (const [column, type] of [
    ['header_line', 'integer'],
    ['main_program', 'varchar(10)'],
    ['decision', 'text'],
    ['preview_fingerprint', 'varchar(64)'],
    // What the register was when the preview was made (preview.ts registerBasis).
    ['preview_basis', 'varchar(80)'],
    ['confirmed_fingerprint', 'varchar(64)'],
    ['confirmed_by', 'integer'],
    ['confirmed_at', ddl.timestamp],
    ['applied_at', ddl.timestamp],
    ['rolled_back_at', ddl.timestamp],
    ['apply_step', 'integer'],
    ['apply_line', 'integer'],
  ] as const) {
    await db.schema.alterTable('imports').addColumn(column, type).execute();
  }
  // One list at a time is written into the register, across every app process.
  await sql`CREATE UNIQUE INDEX imports_one_applying ON imports (phase) WHERE phase = 'applying'`.execute(db);

  for (const [column, type] of [
    ['register_village', 'varchar(13)'],
    ['register_birth_date', 'varchar(10)'],
    ['register_sex', 'varchar(1)'],
    ['name_search', 'varchar(120)'],
    ['address', 'varchar(200)'],
    ['rt', 'varchar(3)'],
    ['rw', 'varchar(3)'],
    ['desil', 'integer'],
    ['collection_point', 'varchar(120)'],
  ] as const) {
    await db.schema.alterTable('import_rows').addColumn(column, type).execute();
  }
  // 0: a row of another program than the list's, left out unless the officer takes it in.
  await db.schema
    .alterTable('import_rows')
    .addColumn('included', 'integer', (c) => c.notNull().defaultTo(1))
    .execute();

  for (const [column, type] of [
    ['nik_key', 'varchar(16)'],
    ['kk_key', 'varchar(16)'],
    ['name_key', 'varchar(120)'],
    ['program_code', 'varchar(10)'],
    ['period', 'varchar(7)'],
    ['village_code', 'varchar(13)'],
    ['household_id', 'integer'],
  ] as const) {
    await db.schema.alterTable('import_rejections').addColumn(column, type).execute();
  }
  await db.schema
    .createIndex('import_rejections_household_idx')
    .on('import_rejections')
    .columns(['import_id', 'household_id'])
    .execute();

  for (const table of ['households', 'household_members', 'program_memberships']) {
    await db.schema.alterTable(table).addColumn('import_id', 'integer').execute();
  }

  await db.schema
    .createTable('import_blocks')
    .addColumn('import_id', 'integer', (c) => c.notNull().references('imports.id').onDelete('cascade'))
    .addColumn('program_code', 'varchar(10)', (c) => c.notNull())
    .addColumn('period', 'varchar(7)', (c) => c.notNull())
    // Empty: rejected rows whose village could not be read.
    .addColumn('village_code', 'varchar(13)', (c) => c.notNull())
    .addColumn('other_program', 'integer', (c) => c.notNull().defaultTo(0))
    .addColumn('included', 'integer', (c) => c.notNull().defaultTo(1))
    .addColumn('rows_read', 'integer', (c) => c.notNull().defaultTo(0))
    .addColumn('rows_accepted', 'integer', (c) => c.notNull().defaultTo(0))
    .addColumn('rows_rejected', 'integer', (c) => c.notNull().defaultTo(0))
    .addColumn('households_new', 'integer', (c) => c.notNull().defaultTo(0))
    .addColumn('households_unchanged', 'integer', (c) => c.notNull().defaultTo(0))
    .addColumn('households_changed', 'integer', (c) => c.notNull().defaultTo(0))
    .addColumn('suspicious', 'integer', (c) => c.notNull().defaultTo(0))
    .addColumn('kept', 'integer', (c) => c.notNull().defaultTo(0))
    // The period the list is compared with: the same one when the register already holds it
    // (a revised list), else the latest before it.
    .addColumn('baseline_period', 'varchar(7)')
    .addColumn('baseline_households', 'integer', (c) => c.notNull().defaultTo(0))
    .addColumn('would_end', 'integer', (c) => c.notNull().defaultTo(0))
    .addColumn('complete_by_default', 'integer', (c) => c.notNull().defaultTo(0))
    .addColumn('complete', 'integer', (c) => c.notNull().defaultTo(0))
    .addPrimaryKeyConstraint('import_blocks_pk', ['import_id', 'program_code', 'period', 'village_code'])
    .execute();

  await db.schema
    .createTable('import_effects')
    .addColumn('id', 'integer', ddl.id)
    .addColumn('import_id', 'integer', (c) => c.notNull().references('imports.id').onDelete('cascade'))
    // changed | ending | kept | duplicate
    .addColumn('kind', 'varchar(10)', (c) => c.notNull())
    .addColumn('program_code', 'varchar(10)', (c) => c.notNull())
    .addColumn('period', 'varchar(7)', (c) => c.notNull())
    .addColumn('village_code', 'varchar(13)', (c) => c.notNull())
    .addColumn('household_id', 'integer')
    .addColumn('kk', 'varchar(16)')
    .addColumn('line', 'integer')
    .addColumn('suspicious', 'integer', (c) => c.notNull().defaultTo(0))
    .addColumn('before_period', 'varchar(7)')
    .addColumn('before_status', 'varchar(20)')
    .addColumn('after_status', 'varchar(20)')
    .addColumn('before_amount', 'integer')
    .addColumn('after_amount', 'integer')
    .addColumn('before_channel', 'varchar(60)')
    .addColumn('after_channel', 'varchar(60)')
    .addColumn('reason', 'varchar(40)')
    .execute();
  await db.schema
    .createIndex('import_effects_kind_idx')
    .on('import_effects')
    .columns(['import_id', 'kind', 'suspicious', 'id'])
    .execute();

  // The state before of every register row an import changed, deleted or un-ended.
  await db.schema
    .createTable('import_undo_households')
    .addColumn('import_id', 'integer', (c) => c.notNull().references('imports.id').onDelete('cascade'))
    .addColumn('household_id', 'integer', (c) => c.notNull())
    .addColumn('village_code', 'varchar(13)', (c) => c.notNull())
    .addColumn('address', 'varchar(200)', (c) => c.notNull())
    .addColumn('rt', 'varchar(3)', (c) => c.notNull())
    .addColumn('rw', 'varchar(3)', (c) => c.notNull())
    .addColumn('desil', 'integer')
    .addColumn('written_by', 'integer')
    .addPrimaryKeyConstraint('import_undo_households_pk', ['import_id', 'household_id'])
    .execute();
  await db.schema
    .createTable('import_undo_members')
    .addColumn('import_id', 'integer', (c) => c.notNull().references('imports.id').onDelete('cascade'))
    .addColumn('member_id', 'integer', (c) => c.notNull())
    .addColumn('name', 'varchar(120)', (c) => c.notNull())
    .addColumn('name_search', 'varchar(120)', (c) => c.notNull())
    .addColumn('written_by', 'integer')
    .addPrimaryKeyConstraint('import_undo_members_pk', ['import_id', 'member_id'])
    .execute();
  await db.schema
    .createTable('import_undo_memberships')
    .addColumn('import_id', 'integer', (c) => c.notNull().references('imports.id').onDelete('cascade'))
    .addColumn('membership_id', 'integer', (c) => c.notNull())
    .addColumn('household_id', 'integer', (c) => c.notNull())
    .addColumn('program_code', 'varchar(10)', (c) => c.notNull())
    .addColumn('period', 'varchar(7)', (c) => c.notNull())
    .addColumn('status', 'varchar(20)', (c) => c.notNull())
    .addColumn('suspension_reason', 'varchar(40)')
    .addColumn('amount', 'integer', (c) => c.notNull())
    .addColumn('channel', 'varchar(60)', (c) => c.notNull())
    .addColumn('collection_point', 'varchar(120)')
    .addColumn('written_by', 'integer')
    // 1: the import deleted the row (a revised list ended it); 0: it changed the row.
    .addColumn('deleted', 'integer', (c) => c.notNull())
    .addPrimaryKeyConstraint('import_undo_memberships_pk', ['import_id', 'membership_id'])
    .execute();
  await db.schema
    .createTable('import_undo_endings')
    .addColumn('import_id', 'integer', (c) => c.notNull().references('imports.id').onDelete('cascade'))
    .addColumn('ending_id', 'integer', (c) => c.notNull())
    .addColumn('household_id', 'integer', (c) => c.notNull())
    .addColumn('program_code', 'varchar(10)', (c) => c.notNull())
    .addColumn('period', 'varchar(7)', (c) => c.notNull())
    .addColumn('last_period', 'varchar(7)', (c) => c.notNull())
    .addColumn('reason', 'varchar(40)', (c) => c.notNull())
    .addColumn('ended_by', 'integer')
    .addColumn('ended_at', ddl.timestamp, (c) => c.notNull())
    .addPrimaryKeyConstraint('import_undo_endings_pk', ['import_id', 'ending_id'])
    .execute();

  // Names are compared without their apostrophes (NUR'AINI, NUR’AINI and NURAINI are one key).
  await sql`UPDATE household_members SET name_search = replace(replace(name_search, '''', ''), '\`', '')
    WHERE name_search LIKE '%''%' OR name_search LIKE '%\`%'`.execute(db);
}
