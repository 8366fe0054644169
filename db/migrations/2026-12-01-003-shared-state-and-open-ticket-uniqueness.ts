// What several app processes on one database must share, and the rules the database itself
// enforces now that PostgreSQL runs writers concurrently:
// - `rate_limits` (PostgreSQL): lookup and tracking counters, rate-limiter-flexible's store;
// - `attachment_blobs`: attachment bytes when the deployment keeps them in the database;
// - at most one open usulan per household (its KK with its head's NIK: a wrong KK must look like
//   an unknown NIK, so only the pair is a duplicate) and one open sanggahan case per recipient,
//   as partial unique indexes instead of a check that two transactions could both pass.
import { type Kysely, sql } from 'kysely';
import type { Ddl } from './ddl.ts';

export async function up(db: Kysely<any>, ddl: Ddl): Promise<void> {
  // SQLite serves one process and keeps its counters in a file of their own (src/db/database.ts).
  if (ddl.engine === 'postgres') {
    await db.schema
      .createTable('rate_limits')
      .addColumn('key', 'varchar(255)', (c) => c.primaryKey())
      .addColumn('points', 'integer', (c) => c.notNull().defaultTo(0))
      .addColumn('expire', 'bigint')
      .execute();
  }

  await db.schema
    .createTable('attachment_blobs')
    .addColumn('stored_name', 'varchar(100)', (c) => c.primaryKey())
    .addColumn('bytes', ddl.engine === 'postgres' ? 'bytea' : 'blob', (c) => c.notNull())
    .addColumn('created_at', ddl.timestamp, (c) => c.notNull())
    .execute();

  await db.schema
    .createIndex('tickets_one_open_usulan_per_household')
    .on('tickets')
    .columns(['subject_kk', 'subject_nik'])
    .unique()
    .where(sql<boolean>`kind = 'usulan' AND closed_at IS NULL`)
    .execute();
  await db.schema
    .createIndex('tickets_one_open_sanggahan_per_recipient')
    .on('tickets')
    .column('target_member_id')
    .unique()
    .where(sql<boolean>`kind = 'sanggahan' AND closed_at IS NULL`)
    .execute();
}
