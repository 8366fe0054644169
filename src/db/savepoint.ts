// One step of a longer transaction that may fail on its own: its writes are undone, the
// transaction's other writes stay. Raw SQL, as in group-commit.ts: Kysely offers savepoints only
// on a transaction started by hand, not inside `db.transaction().execute()`.
import { sql, type Transaction } from 'kysely';
import type { Database } from './schema.ts';

/** Runs `work` inside a savepoint of `trx`; on any error rolls back to it and rethrows. */
export async function inSavepoint<T>(
  trx: Transaction<Database>,
  work: (trx: Transaction<Database>) => Promise<T>,
): Promise<T> {
  await sql`SAVEPOINT step`.execute(trx);
  try {
    const value = await work(trx);
    await sql`RELEASE step`.execute(trx);
    return value;
  } catch (error) {
    await sql`ROLLBACK TO step`.execute(trx);
    await sql`RELEASE step`.execute(trx);
    throw error;
  }
}
