// An officer opens a case about a registered household and sees its desil's history (issue 19,
// migration 022): the desil now with its DTSEN snapshot and date, then each move from → to with the
// day, the list's snapshot (migration 026) and its file, a move to none ("Belum Ada Desil") too. Against the built server with a real session; an officer of another regency does not get
// the case at all, so nothing of the history either.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { databaseFile, openSqlite } from '../../src/db/database.ts';
import { type BuiltServer, builtServerAvailable, startBuiltServer } from '../support/built-server.ts';
import { appliedList } from '../support/imports.ts';
import { signInOverHttp } from '../support/officer-session.ts';

const available = builtServerAvailable();
let server: BuiltServer;
let caseId = 0;

beforeAll(async () => {
  if (!available) return;
  server = await startBuiltServer();
  const { db } = openSqlite(databaseFile(server.dataDir));
  try {
    // A demo case of Kota Mojokerto that concerns a household the register holds.
    const ticket = await db
      .selectFrom('tickets')
      .select(['id', 'household_id'])
      .where('household_id', 'is not', null)
      .where('area_code', 'like', '35.76.%')
      .orderBy('id')
      .executeTakeFirstOrThrow();
    caseId = ticket.id;
    const householdId = ticket.household_id as number;
    const lists = [];
    for (const [name, at, snapshot] of [
      ['dtsen-juli.csv', '2026-07-01T03:00:00.000Z', '2026-Q3'],
      ['dtsen-oktober.csv', '2026-10-01T03:00:00.000Z', null],
      ['dtsen-januari.csv', '2027-01-04T03:00:00.000Z', '2027-Q1'],
    ] as const) {
      lists.push(
        (
          await db
            .insertInto('imports')
            .values(appliedList(name, at, snapshot))
            .returning('id')
            .executeTakeFirstOrThrow()
        ).id,
      );
    }
    const [july, october, january] = lists as [number, number, number];
    await db
      .insertInto('household_desil_changes')
      .values([
        {
          household_id: householdId,
          import_id: july,
          from_desil: null,
          to_desil: 4,
          changed_at: '2026-07-01T03:00:00.000Z',
        },
        // A list that named no snapshot said "Belum Ada Desil": the desil was taken away.
        {
          household_id: householdId,
          import_id: october,
          from_desil: 4,
          to_desil: null,
          changed_at: '2026-10-01T03:00:00.000Z',
        },
        {
          household_id: householdId,
          import_id: january,
          from_desil: null,
          to_desil: 6,
          changed_at: '2027-01-04T03:00:00.000Z',
        },
      ])
      .execute();
    await db
      .updateTable('households')
      .set({ desil: 6, import_id: january })
      .where('id', '=', householdId)
      .execute();
  } finally {
    await db.destroy();
  }
}, 120_000);

afterAll(async () => {
  await server?.stop();
});

/** The rows of the case page's desil history, each cell's text. */
function historyRows(html: string): string[][] {
  const table = /<table class="inbox desil-changes">([\s\S]*?)<\/table>/.exec(html)?.[1] ?? '';
  const body = /<tbody>([\s\S]*?)<\/tbody>/.exec(table)?.[1] ?? '';
  return [...body.matchAll(/<tr>([\s\S]*?)<\/tr>/g)].map(([, row]) =>
    [...(row ?? '').matchAll(/<td>([\s\S]*?)<\/td>/g)].map(([, cell]) => (cell ?? '').trim()),
  );
}

describe.skipIf(!available)("an officer sees how a household's desil moved", { timeout: 120_000 }, () => {
  it('shows the desil with its snapshot and date and each move, latest first, with the list it came from and its snapshot', async () => {
    const desk = await signInOverHttp(server.url, 'dinsos.mojokerto');
    const page = await desk.get(`/petugas/tiket/${caseId}`);
    expect(page.status).toBe(200);
    const html = await page.text();
    expect(html).toContain('class="desil-history"');
    expect(html).toContain('Sekarang: 6 (DTSEN 2027-Q1, data per 4 Januari 2027)');
    expect(historyRows(html)).toEqual([
      ['4 Januari 2027', '—', '6', '2027-Q1', 'dtsen-januari.csv'],
      ['1 Oktober 2026', '4', 'belum ada desil', '—', 'dtsen-oktober.csv'],
      ['1 Juli 2026', '—', '4', '2026-Q3', 'dtsen-juli.csv'],
    ]);
  });

  it("gives another regency's officer no case, and so no history", async () => {
    const other = await signInOverHttp(server.url, 'dinsos.surabaya');
    const page = await other.get(`/petugas/tiket/${caseId}`);
    expect(page.status).toBe(404);
    const html = await page.text();
    expect(html).not.toContain('dtsen-oktober.csv');
    expect(html).not.toContain('desil-history');
  });
});
