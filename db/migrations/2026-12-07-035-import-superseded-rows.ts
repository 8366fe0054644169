// Which staged rows of a list another row of the same list overrides (decision 0042): the write
// takes each household from the last row of its KK, each head from the first row of its NIK, and
// each membership from the last row of its KK, program and period. Those rows were found by a
// probe of the whole list per chunk and per statement (eight probes per 20,000 lines, each a hash
// of every row of the list on PostgreSQL); the preview now marks the few rows another overrides
// once, and the write and the preview's comparison skip them. Bits: 1 a later row of the KK, 2 an
// earlier row of the NIK (both among rows taken in), 4 a later row of the KK, program and period.
import { type Kysely, sql } from 'kysely';
import type { Ddl } from './ddl.ts';

export async function up(db: Kysely<any>, _ddl: Ddl): Promise<void> {
  await db.schema
    .alterTable('import_rows')
    .addColumn('superseded', 'integer', (c) => c.notNull().defaultTo(0))
    .execute();
  // A list previewed (or being written) before this migration is marked here, as its next preview
  // would mark it: confirmed without one, its write would otherwise take every row of a KK.
  const mark = (bit: number, taken: boolean, match: string) =>
    sql`UPDATE import_rows SET superseded = superseded + ${sql.lit(bit)}
      WHERE import_id IN (SELECT id FROM imports WHERE phase IN ('preview', 'applying'))
        ${taken ? sql`AND included = 1` : sql``}
        AND EXISTS (SELECT 1 FROM import_rows r2 WHERE r2.import_id = import_rows.import_id
          ${taken ? sql`AND r2.included = 1` : sql``} AND ${sql.raw(match)})`.execute(db);
  await mark(1, true, 'r2.kk = import_rows.kk AND r2.line > import_rows.line');
  await mark(2, true, 'r2.nik = import_rows.nik AND r2.line < import_rows.line');
  await mark(
    4,
    false,
    'r2.kk = import_rows.kk AND r2.program_code = import_rows.program_code AND r2.period = import_rows.period AND r2.line > import_rows.line',
  );
}
