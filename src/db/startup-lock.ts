// Migrations, the region load and the demo seed run once per database even when several app
// servers start together: on PostgreSQL they hold a session advisory lock, so the others wait
// and then find the work done. SQLite has one process per file and needs no lock.
import { sql } from 'kysely';
import type { Db, OpenedDatabase } from './database.ts';

/** An arbitrary constant naming this application's start-up lock among advisory locks. */
const STARTUP_LOCK_ID = 4_321_001;

/** Runs `work` on the one connection that holds the lock, so a pool of one cannot deadlock. */
export async function withStartupLock<T>(opened: OpenedDatabase, work: (db: Db) => Promise<T>): Promise<T> {
  if (opened.engine !== 'postgres') return work(opened.db);
  return opened.db.connection().execute(async (connection) => {
    await sql`SELECT pg_advisory_lock(${STARTUP_LOCK_ID})`.execute(connection);
    // The start-up work is tens of thousands of small commits (regions, demo data) that a crash
    // would only make the next start repeat: none of them needs to wait for its WAL flush.
    await sql`SET synchronous_commit = off`.execute(connection);
    try {
      return await work(connection);
    } finally {
      await sql`RESET synchronous_commit`.execute(connection);
      await sql`SELECT pg_advisory_unlock(${STARTUP_LOCK_ID})`.execute(connection);
    }
  });
}
