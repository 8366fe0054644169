// seedDemo fills what is missing and nothing else: a database an older `npm run db:seed` left
// with households but no tickets gets the README's tickets on the next start, and seeding twice
// never doubles a row.
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { type Db, databaseFile, openSqlite } from '../../src/db/database.ts';
import { loadRegions } from '../../src/db/load-regions.ts';
import { migrateToLatest } from '../../src/db/migrate.ts';
import { seedDemoData } from '../../src/demo/generate-demo-data.ts';
import { DEMO_TICKETS } from '../../src/demo/generate-demo-tickets.ts';
import { seedDemo } from '../../src/demo/seed-demo.ts';
import { DEFAULT_TICKET_SETTINGS } from '../../src/domain/tickets/settings.ts';
import { prepareDatabase } from '../../src/server/bootstrap.ts';

const TABLES = [
  'households',
  'household_members',
  'program_memberships',
  'tickets',
  'ticket_submissions',
] as const;
const settings = { tickets: DEFAULT_TICKET_SETTINGS, secret: Buffer.alloc(32, 7) };

const dirs: string[] = [];
function emptyDir(): string {
  const dir = mkdtempSync(path.join(tmpdir(), 'cek-bansos-seed-'));
  dirs.push(dir);
  return dir;
}

afterEach(() => {
  for (const dir of dirs.splice(0)) rmSync(dir, { recursive: true, force: true });
});

async function counts(db: Db): Promise<Record<string, number>> {
  const result: Record<string, number> = {};
  for (const table of TABLES) {
    const row = await db
      .selectFrom(table)
      .select((eb) => eb.fn.countAll<number>().as('n'))
      .executeTakeFirstOrThrow();
    result[table] = Number(row.n);
  }
  return result;
}

async function showcaseReferences(db: Db): Promise<string[]> {
  const rows = await db
    .selectFrom('ticket_submissions')
    .select('reference')
    .where(
      'reference',
      'in',
      DEMO_TICKETS.map((t) => t.reference),
    )
    .orderBy('reference')
    .execute();
  return rows.map((r) => r.reference);
}

/** A database as the migrations and the region loader leave it, at `dir`. */
async function migrated(dir: string): Promise<Db> {
  const { db } = openSqlite(databaseFile(dir));
  await migrateToLatest(db, 'sqlite');
  await loadRegions(db);
  return db;
}

describe('seedDemo', () => {
  it('gives a database seeded with households only (the old db:seed) its demo tickets on the next start', async () => {
    const dir = emptyDir();
    const db = await migrated(dir);
    await seedDemoData(db);
    expect((await counts(db)).tickets).toBe(0);
    await db.destroy();

    const started = await prepareDatabase({ dataDir: dir, demoData: true });
    try {
      expect(await showcaseReferences(started.db)).toEqual(DEMO_TICKETS.map((t) => t.reference).sort());
      expect((await counts(started.db)).tickets).toBeGreaterThan(3000);
    } finally {
      await started.close();
    }
  }, 120_000);

  it('seeds households and tickets once: db:seed, then a start, then seeding again add nothing', async () => {
    const dir = emptyDir();
    const db = await migrated(dir);
    const first = await seedDemo(db, settings); // what `npm run db:seed` does
    expect(first.households).toBeGreaterThan(20_000);
    expect(first.tickets).toBeGreaterThan(3000);
    expect(first.skipped).toEqual({});
    const seeded = await counts(db);
    expect(seeded).toMatchObject({ households: first.households, tickets: first.tickets });
    await db.destroy();

    const started = await prepareDatabase({ dataDir: dir, demoData: true });
    try {
      expect(await counts(started.db)).toEqual(seeded);
      expect(await showcaseReferences(started.db)).toEqual(DEMO_TICKETS.map((t) => t.reference).sort());
      expect(await seedDemo(started.db, settings)).toEqual({
        households: 0,
        members: 0,
        memberships: 0,
        tickets: 0,
        accounts: 0,
        templates: 0,
        skipped: { households: 'households_present', tickets: 'tickets_present' },
      });
      expect(await counts(started.db)).toEqual(seeded);
    } finally {
      await started.close();
    }
  }, 120_000);

  it('never puts demo tickets beside households that are not the demo’s', async () => {
    const db = await migrated(emptyDir());
    try {
      await db
        .insertInto('households')
        .values({
          kk: '3576010101200001',
          village_code: '35.76.02.1009',
          address: 'JL. NYATA 1',
          rt: '001',
          rw: '001',
          desil: 1,
        })
        .execute();
      const result = await seedDemo(db, settings);
      expect(result.skipped).toEqual({ households: 'households_present', tickets: 'not_demo_households' });
      expect(await counts(db)).toMatchObject({ households: 1, household_members: 0, tickets: 0 });
    } finally {
      await db.destroy();
    }
  });
});
