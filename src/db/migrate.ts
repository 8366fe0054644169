import { Migrator } from 'kysely';
import { migrationsFor } from '../../db/migrations/index.ts';
import type { Db } from './database.ts';
import type { EngineName } from './engine.ts';

/** Applies every pending migration, each in its own transaction; throws on the first failure. */
export async function migrateToLatest(db: Db, engine: EngineName): Promise<string[]> {
  const migrator = new Migrator({
    db,
    provider: { getMigrations: async () => migrationsFor(engine) },
  });
  const { error, results } = await migrator.migrateToLatest();
  if (error) throw error instanceof Error ? error : new Error(String(error));
  return (results ?? []).filter((r) => r.status === 'Success').map((r) => r.migrationName);
}
