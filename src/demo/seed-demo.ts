// The demo data in one call, for `npm run db:seed`, the first start and the tests: households,
// then tickets, each part only when it is missing. Running it again adds nothing, and a database
// that holds the demo households but not the tickets (as an older `db:seed` left it) gets them.
import type { Db } from '../db/database.ts';
import type { TicketSettings } from '../domain/tickets/settings.ts';
import { seedDemoAccounts } from './demo-accounts.ts';
import { seedDemoTemplates } from './demo-templates.ts';
import { seedDemoData } from './generate-demo-data.ts';
import { seedDemoTickets } from './generate-demo-tickets.ts';
import { FIXED_HOUSEHOLDS } from './showcase.ts';

export interface SeedDemoResult {
  /** Rows inserted by this call; 0 for a part that was there already or left alone. */
  households: number;
  members: number;
  memberships: number;
  tickets: number;
  /** Demo officer accounts added (only to a database without accounts). */
  accounts: number;
  /** Demo response templates added (only to a database without templates). */
  templates: number;
  /** Why a part was left alone. */
  skipped: {
    households?: 'households_present';
    /** `not_demo_households`: the households are someone's real data, never mixed with the demo. */
    tickets?: 'tickets_present' | 'not_demo_households';
  };
}

/** `secret` keys the demo tickets' tracking-code hashes: the server's own, or they cannot be tracked. */
export async function seedDemo(
  db: Db,
  options: { tickets: TicketSettings; secret: Buffer },
): Promise<SeedDemoResult> {
  const result: SeedDemoResult = {
    households: 0,
    members: 0,
    memberships: 0,
    tickets: 0,
    accounts: 0,
    templates: 0,
    skipped: {},
  };

  const anyHousehold = await db.selectFrom('households').select('id').limit(1).executeTakeFirst();
  if (anyHousehold) {
    result.skipped.households = 'households_present';
  } else {
    const seeded = await seedDemoData(db);
    result.households = seeded.households;
    result.members = seeded.members;
    result.memberships = seeded.memberships;
  }

  if (!(await holdsDemoHouseholds(db))) {
    result.skipped.tickets = 'not_demo_households';
    return result;
  }
  result.accounts = await seedDemoAccounts(db, new Date());
  result.templates = await seedDemoTemplates(db, new Date());
  result.tickets = (await seedDemoTickets(db, options)).tickets;
  if (result.tickets === 0) result.skipped.tickets = 'tickets_present';
  return result;
}

/** The README's households are there: this database was seeded with the demo data. */
async function holdsDemoHouseholds(db: Db): Promise<boolean> {
  const kks = FIXED_HOUSEHOLDS.map((h) => h.kk);
  const found = await db
    .selectFrom('households')
    .select((eb) => eb.fn.countAll<number>().as('n'))
    .where('kk', 'in', kks)
    .executeTakeFirstOrThrow();
  return Number(found.n) === kks.length;
}
