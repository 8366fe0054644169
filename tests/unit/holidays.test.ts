// The holiday calendar (issue 20) on both engines: the migration's decreed dates, working-day due
// dates that step over them when a ticket opens or moves, the admin's additions and removals read
// by the very next ticket (nothing cached), every refusal by field, and the audit of each change.
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { addHoliday, listHolidays, removeHoliday } from '../../src/domain/backoffice/holidays.ts';
import type { Officer } from '../../src/domain/backoffice/officer.ts';
import type { DomainDeps } from '../../src/domain/deps.ts';
import { dueAtIso, dueDateLabel } from '../../src/domain/tickets/due-dates.ts';
import { dueAtWithHolidays, holidayDatesFrom } from '../../src/domain/tickets/holidays.ts';
import { submitAduan } from '../../src/domain/tickets/submit-aduan.ts';
import { errorOf, officerNamed } from '../support/domain-calls.ts';
import { openTestDatabase, type TestDatabase } from '../support/test-app.ts';
import { aduanBody } from '../support/ticket-fixtures.ts';

let env: TestDatabase;
let deps: DomainDeps;
let clock: Date;
let admin: Officer;
let dinsos: Officer;
let submissions = 0;

beforeAll(async () => {
  env = await openTestDatabase();
  deps = { ...env.deps, now: () => clock };
  admin = await officerNamed(env.db, 'admin');
  dinsos = await officerNamed(env.db, 'dinsos.mojokerto');
}, 120_000);
afterAll(async () => {
  await env.close();
});
beforeEach(() => {
  // Monday 7 December 2026, 09:00 in Jakarta.
  clock = new Date('2026-12-07T02:00:00Z');
});

/** An aduan submitted at `at`: the due date on its receipt and in its row. */
async function aduanAt(at: string): Promise<{ receipt: string; stored: string | null }> {
  clock = new Date(at);
  submissions += 1;
  const receipt = await submitAduan(deps, aduanBody(), {
    clientKey: `holiday-test-${submissions}`,
    idempotencyKey: `api:holiday-test-${submissions}`,
    locale: 'id',
    attachments: [],
  });
  const row = await env.db
    .selectFrom('ticket_submissions as s')
    .innerJoin('tickets as t', 't.id', 's.ticket_id')
    .select('t.due_at')
    .where('s.reference', '=', receipt.reference)
    .executeTakeFirstOrThrow();
  return { receipt: receipt.due_date as string, stored: dueDateLabel(row.due_at) };
}

describe('the decreed holidays', () => {
  it('holds the 17 national holidays and 8 days of cuti bersama of 2026, and the fixed dates of 2027', async () => {
    const of2026 = await env.db.selectFrom('holidays').selectAll().where('date', 'like', '2026-%').execute();
    expect(of2026).toHaveLength(25);
    expect(of2026.filter((h) => h.name.startsWith('Cuti bersama'))).toHaveLength(8);
    expect(of2026.every((h) => h.added_by === null)).toBe(true);
    expect(await holidayDatesFrom(env.db, '2026-12-07')).toEqual([
      '2026-12-24',
      '2026-12-25',
      '2027-01-01',
      '2027-05-01',
      '2027-06-01',
      '2027-08-17',
      '2027-12-25',
    ]);
  });
});

describe('working-day due dates step over the holidays', () => {
  it('an aduan of Wednesday 23 December 2026 is due Wednesday 30, not Monday 28 (cuti bersama, Christmas, a weekend)', async () => {
    // Without the calendar: Thu 24, Fri 25, Mon 28.
    expect(
      dueDateLabel(dueAtIso('aduan', 'diterima', new Date('2026-12-23T03:00:00Z'), env.deps.tickets)),
    ).toBe('2026-12-28');
    const due = await aduanAt('2026-12-23T03:00:00Z');
    expect(due).toEqual({ receipt: '2026-12-30', stored: '2026-12-30' });
  });

  it('a step entered the Tuesday before Nyepi and Eid 2026 (18 to 24 March off) counts from the 25th', async () => {
    // Thursday 19 March 2026 is Nyepi: a step entered on Tuesday 17 counts Wed 18 (cuti bersama,
    // skipped), Thu 19 (skipped), Fri 20 … Tue 24 (skipped), Wed 25, Thu 26, Fri 27.
    const due = await dueAtWithHolidays(
      env.db,
      'aduan',
      'diterima',
      new Date('2026-03-17T03:00:00Z'),
      env.deps.tickets,
    );
    expect(dueDateLabel(due)).toBe('2026-03-27');
  });

  it('calendar-day steps do not read the calendar and do not move', async () => {
    const from = new Date('2026-12-23T03:00:00Z');
    const due = await dueAtWithHolidays(env.db, 'aduan', 'diteruskan', from, env.deps.tickets);
    expect(due).toBe(dueAtIso('aduan', 'diteruskan', from, env.deps.tickets));
    expect(dueDateLabel(due)).toBe('2027-01-06');
  });

  it('a holiday the admin adds counts for the next ticket, and its removal too', async () => {
    // Wednesday 30 December: Thu 31, (Fri 1 January), Mon 4, Tue 5.
    expect((await aduanAt('2026-12-30T03:00:00Z')).receipt).toBe('2027-01-05');
    clock = new Date('2026-12-07T02:00:00Z');
    const added = await addHoliday(deps, admin, { date: '2027-01-04', name: 'Libur daerah' }, 'admin-desk');
    expect((await aduanAt('2026-12-30T04:00:00Z')).receipt).toBe('2027-01-06');
    clock = new Date('2026-12-07T02:00:00Z');
    await removeHoliday(deps, admin, added.id, 'admin-desk');
    expect((await aduanAt('2026-12-30T05:00:00Z')).receipt).toBe('2027-01-05');
  });
});

describe('the admin keeps the calendar', () => {
  it('lists this year and after in date order, with who added each', async () => {
    const added = await addHoliday(deps, admin, { date: '2027-03-10', name: '  Libur  daerah ' }, 'desk');
    expect(added).toMatchObject({ date: '2027-03-10', name: 'Libur daerah', addedBy: 'admin', past: false });
    const listed = await listHolidays(deps, admin, 2026);
    expect(listed.map((h) => h.date)).toEqual([...listed.map((h) => h.date)].sort());
    expect(listed.find((h) => h.date === '2027-03-10')?.addedBy).toBe('admin');
    expect(listed.find((h) => h.date === '2026-12-25')).toMatchObject({ addedBy: null, past: false });
    expect(listed.find((h) => h.date === '2026-01-01')).toMatchObject({ past: true });
    await removeHoliday(deps, admin, added.id, 'desk');
  });

  it('audits each addition and removal with the date, never anything else', async () => {
    const added = await addHoliday(deps, admin, { date: '2027-04-12', name: 'Hari jadi kota' }, 'desk-9');
    await removeHoliday(deps, admin, added.id, 'desk-9');
    const rows = await env.db
      .selectFrom('audit_log')
      .select(['action', 'actor_id', 'target_type', 'target_id', 'detail', 'client_address'])
      .where('target_type', '=', 'holiday')
      .where('target_id', '=', String(added.id))
      .orderBy('id')
      .execute();
    expect(rows.map((r) => r.action)).toEqual(['holiday_add', 'holiday_remove']);
    for (const row of rows) {
      expect(row).toMatchObject({ actor_id: admin.id, client_address: 'desk-9' });
      expect(JSON.parse(row.detail as string)).toEqual({ date: '2027-04-12' });
    }
  });

  const refusals: [string, unknown, Record<string, string>][] = [
    ['no date and no name', {}, { date: 'holiday.date_required', name: 'holiday.name_required' }],
    [
      'blank fields',
      { date: '  ', name: ' \u200b ' },
      { date: 'holiday.date_required', name: 'holiday.name_required' },
    ],
    ['a date as on the KTP', { date: '10-03-2027', name: 'X' }, { date: 'holiday.date_format' }],
    ['a date that does not exist', { date: '2027-02-30', name: 'X' }, { date: 'holiday.date_impossible' }],
    ['a month 13', { date: '2027-13-01', name: 'X' }, { date: 'holiday.date_impossible' }],
    ['yesterday', { date: '2026-12-06', name: 'Kemarin' }, { date: 'holiday.date_past' }],
    ['a date already there', { date: '2026-12-25', name: 'Natal lagi' }, { date: 'holiday.date_taken' }],
    [
      'a name of 101 characters',
      { date: '2027-03-11', name: 'x'.repeat(101) },
      { name: 'holiday.name_too_long' },
    ],
    ['a huge name', { date: '2027-03-11', name: 'x'.repeat(100_000) }, { name: 'holiday.name_too_long' }],
    [
      'objects for strings',
      { date: { y: 2027 }, name: ['a'] },
      { date: 'holiday.date_required', name: 'holiday.name_required' },
    ],
    [
      'a body that is no object',
      'date=2027-03-11',
      { date: 'holiday.date_required', name: 'holiday.name_required' },
    ],
    ['null', null, { date: 'holiday.date_required', name: 'holiday.name_required' }],
  ];
  it.each(refusals)('refuses %s, by field, and stores nothing', async (_, raw, fields) => {
    const before = await env.db
      .selectFrom('holidays')
      .select(({ fn }) => fn.countAll().as('n'))
      .executeTakeFirst();
    const error = await errorOf(addHoliday(deps, admin, raw, 'desk'));
    expect(error.code).toBe('validation_failed');
    expect(error.fields).toEqual(fields);
    const after = await env.db
      .selectFrom('holidays')
      .select(({ fn }) => fn.countAll().as('n'))
      .executeTakeFirst();
    expect(Number(after?.n)).toBe(Number(before?.n));
  });

  it('keeps HTML and __proto__ in a name as text', async () => {
    const raw = JSON.parse('{"date":"2027-03-12","name":"<b>Libur</b> __proto__","__proto__":{"date":"x"}}');
    const added = await addHoliday(deps, admin, raw, 'desk');
    expect(added.name).toBe('<b>Libur</b> __proto__');
    expect(({} as Record<string, unknown>).date).toBeUndefined();
    await removeHoliday(deps, admin, added.id, 'desk');
  });

  it('takes one of two same-date additions sent at once', async () => {
    const both = await Promise.allSettled([
      addHoliday(deps, admin, { date: '2027-03-15', name: 'Satu' }, 'desk'),
      addHoliday(deps, admin, { date: '2027-03-15', name: 'Dua' }, 'desk'),
    ]);
    expect(both.filter((r) => r.status === 'fulfilled')).toHaveLength(1);
    const refused = both.find((r) => r.status === 'rejected') as PromiseRejectedResult;
    expect(refused.reason.fields).toEqual({ date: 'holiday.date_taken' });
    const rows = await env.db.selectFrom('holidays').select('id').where('date', '=', '2027-03-15').execute();
    expect(rows).toHaveLength(1);
    await removeHoliday(deps, admin, rows[0]?.id as number, 'desk');
  });

  it('keeps past holidays, and says so; an unknown or already removed one is not found', async () => {
    const past = await env.db
      .selectFrom('holidays')
      .select('id')
      .where('date', '=', '2026-08-17')
      .executeTakeFirstOrThrow();
    expect((await errorOf(removeHoliday(deps, admin, past.id, 'desk'))).fields).toEqual({
      holiday: 'holiday.past_stays',
    });
    expect((await errorOf(removeHoliday(deps, admin, 999_999, 'desk'))).code).toBe('not_found');
    expect((await errorOf(removeHoliday(deps, admin, Number.NaN, 'desk'))).code).toBe('not_found');
    const added = await addHoliday(deps, admin, { date: '2027-03-16', name: 'Sekali' }, 'desk');
    await removeHoliday(deps, admin, added.id, 'desk');
    expect((await errorOf(removeHoliday(deps, admin, added.id, 'desk'))).code).toBe('not_found');
  });

  it('is no page of any other office: they get not_found for every action', async () => {
    expect((await errorOf(listHolidays(deps, dinsos))).code).toBe('not_found');
    expect((await errorOf(addHoliday(deps, dinsos, { date: '2027-03-17', name: 'X' }, 'desk'))).code).toBe(
      'not_found',
    );
    const christmas = await env.db
      .selectFrom('holidays')
      .select('id')
      .where('date', '=', '2026-12-25')
      .executeTakeFirstOrThrow();
    expect(
      (await errorOf(removeHoliday(deps, { ...dinsos, role: 'dinsos' }, christmas.id, 'desk'))).code,
    ).toBe('not_found');
    expect(
      await env.db.selectFrom('holidays').select('id').where('id', '=', christmas.id).execute(),
    ).toHaveLength(1);
  });
});
