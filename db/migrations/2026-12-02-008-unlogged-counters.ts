// The lookup counters on PostgreSQL skip the write-ahead log. Every lookup commits two counter
// upserts; as logged rows each commit waited for a WAL flush, which made a lookup's counting
// cost more than its reads. An unlogged table's commits wait for nothing, and a crash empties it:
// counts of the last ten minutes start again, which harms no one (on SQLite the counters' file
// runs with synchronous=OFF for the same reason). Standbys do not see the counters; only the
// primary, which every app server writes to, counts.
import { type Kysely, sql } from 'kysely';
import type { Ddl } from './ddl.ts';

export async function up(db: Kysely<any>, ddl: Ddl): Promise<void> {
  if (ddl.engine === 'postgres') await sql`ALTER TABLE rate_limits SET UNLOGGED`.execute(db);
}
