// A household's desil keeps its history (issue 19): each applied list that moves a household's
// desil (from none to one, or from one to another) leaves one row, so the officer sees "4 → 6 on
// 1 October, from dtsen-oktober.csv" and a resident is told the move beside the desil. Written in
// the transaction that writes the household; a rollback deletes the rows of its list.
import type { Kysely } from 'kysely';
import type { Ddl } from './ddl.ts';

export async function up(db: Kysely<any>, ddl: Ddl): Promise<void> {
  await db.schema
    .createTable('household_desil_changes')
    .addColumn('id', 'integer', ddl.id)
    // No foreign keys: PostgreSQL checks one per row with a trigger, and a first list of a
    // province writes a row per household. The rollback deletes these rows before the households
    // it removes (and leaves a household that still has some).
    .addColumn('household_id', 'integer', (c) => c.notNull())
    .addColumn('import_id', 'integer', (c) => c.notNull())
    // Null: the household had no desil yet (or was new), or the list took it away.
    .addColumn('from_desil', 'integer')
    .addColumn('to_desil', 'integer')
    .addColumn('changed_at', ddl.timestamp, (c) => c.notNull())
    .execute();
  // The latest change of a household is one seek (the Cek lookup's subquery), its history a range.
  await db.schema
    .createIndex('household_desil_changes_household_idx')
    .on('household_desil_changes')
    .columns(['household_id', 'id'])
    .execute();
  // A rollback deletes its list's rows.
  await db.schema
    .createIndex('household_desil_changes_import_idx')
    .on('household_desil_changes')
    .column('import_id')
    .execute();
}
