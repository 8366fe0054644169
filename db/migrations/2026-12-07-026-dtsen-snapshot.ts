// Which DTSEN snapshot a list carries (issue 19): BPS ranks households anew every quarter, so a
// desil means little without the quarter it was ranked in ("Desil 4, DTSEN 2026-Q1"). Named by
// the officer at import (`--snapshot 2026-Q1`, the upload form's "Periode DTSEN"); null when the
// list named none (older lists, lists without a desil column). The Cek lookup reads it from the
// import that last wrote the household, beside that list's date. `desil_column`: the list's header
// names a desil column, so its preview can warn when no snapshot was named (the rows alone cannot
// tell a list without the column from one whose desil cells are all empty, and needn't be scanned).
import type { Kysely } from 'kysely';
import type { Ddl } from './ddl.ts';

export async function up(db: Kysely<any>, _ddl: Ddl): Promise<void> {
  await db.schema.alterTable('imports').addColumn('dtsen_snapshot', 'varchar(7)').execute();
  await db.schema
    .alterTable('imports')
    .addColumn('desil_column', 'integer', (c) => c.notNull().defaultTo(0))
    .execute();
}
