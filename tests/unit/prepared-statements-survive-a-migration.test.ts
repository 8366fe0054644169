// A rolling upgrade on PostgreSQL: the new process migrates (here: a column added to the tables a
// submission writes and tracking reads) while an older process keeps serving on its open
// connections, with the statements it prepared there (decision 0047). Its residents' complaints
// and lookups must go on. A prepared `SELECT *` is what would stop them; the control shows that
// PostgreSQL refuses one, which is why no star is ever prepared.

import { sql } from 'kysely';
import pg from 'pg';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type SubmitRequest, submitTicket } from '../../src/domain/tickets/submit-ticket.ts';
import { listEvents, loadTicket } from '../../src/domain/tickets/ticket-repository.ts';
import { openTestDatabase, type TestDatabase } from '../support/test-app.ts';
import { postgresUrl, TEST_ENGINE } from '../support/test-database.ts';

let env: TestDatabase;

beforeAll(async () => {
  if (TEST_ENGINE === 'postgres') env = await openTestDatabase();
}, 120_000);

afterAll(async () => {
  await env?.close();
});

let keys = 0;
const complaint = (): SubmitRequest => ({
  kind: 'aduan',
  clientKey: 'rolling-upgrade',
  idempotencyKey: `api:rolling-${++keys}`,
  locale: 'id',
  contact: null,
  payload: { program: 'BPNT', problem: 'kks_terblokir', description: 'Kartu KKS terblokir.' },
  areaCode: null,
  attachments: [],
});

/** Complaints filed one after another, and each case read back whole, as the case page does. */
async function fileAndRead(count: number) {
  for (let i = 0; i < count; i++) {
    const receipt = await submitTicket(env.deps, complaint());
    const submission = await env.db
      .selectFrom('ticket_submissions')
      .select('ticket_id')
      .where('reference', '=', receipt.reference)
      .executeTakeFirstOrThrow();
    expect((await loadTicket(env.db, submission.ticket_id))?.kind).toBe('aduan');
    expect(await listEvents(env.db, submission.ticket_id)).toHaveLength(1);
  }
}

describe.runIf(TEST_ENGINE === 'postgres')('prepared statements across a migration', () => {
  it('a process that prepared its statements before a column was added goes on filing and reading cases', async () => {
    // Enough turns for every connection of the pool to prepare the submission's statements.
    await fileAndRead(12);
    for (const table of ['tickets', 'ticket_events', 'ticket_submissions'])
      await sql`ALTER TABLE ${sql.table(table)} ADD COLUMN rolling_upgrade_note text`.execute(env.db);
    await fileAndRead(12);
    // A retry of a complaint filed before the migration is answered from the prepared replay read.
    const again = complaint();
    const first = await submitTicket(env.deps, again);
    expect(await submitTicket(env.deps, again)).toEqual(first);
  });

  it('the control: PostgreSQL refuses a prepared SELECT * once its table has a new column', async () => {
    const { rows } = await sql<{ name: string }>`SELECT current_database() AS name`.execute(env.db);
    const client = new pg.Client({ connectionString: postgresUrl(rows[0]?.name ?? '') });
    await client.connect();
    try {
      const star = {
        name: 'star-before-migration',
        text: 'SELECT * FROM holidays WHERE id = $1',
        values: [1],
      };
      await client.query(star);
      await client.query('ALTER TABLE holidays ADD COLUMN rolling_upgrade_note text');
      await expect(client.query(star)).rejects.toThrow(/cached plan must not change result type/);
    } finally {
      await client.end();
    }
  });
});
