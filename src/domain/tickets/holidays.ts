// The holiday calendar the working-day clocks count with (issue 20): dates in the `holidays`
// table (migration 030) that the admin keeps on /petugas/hari-libur. Read from the database each
// time a due date is computed, never cached in a module: the pages and the server are bundled
// apart, and an admin's change must count for the next move, in every process.
import type { Kysely } from 'kysely';
import { preparedOnPostgres } from '../../db/prepared-query.ts';
import type { Database } from '../../db/schema.ts';
import { type DueContext, dueAtIso, dueRuleFor, officeDate } from './due-dates.ts';
import type { TicketSettings } from './settings.ts';
import type { TicketKind } from './workflow.ts';

/** More than any working-day rule can reach: a year of holidays from the day a step starts. */
const HOLIDAYS_READ = 400;

/** The holiday dates (YYYY-MM-DD) on or after `fromDay`, in order. */
export async function holidayDatesFrom(db: Kysely<Database>, fromDay: string): Promise<string[]> {
  const rows = await db
    .selectFrom('holidays')
    .select('date')
    .where('date', '>=', fromDay)
    .orderBy('date')
    .limit(HOLIDAYS_READ)
    .modifyEnd(preparedOnPostgres)
    .execute();
  return rows.map((r) => r.date);
}

/**
 * `dueAtIso` with the office's holidays: read (in `db`, the caller's transaction when it has one)
 * only for a step whose rule counts working days; calendar-day rules never ask.
 */
export async function dueAtWithHolidays(
  db: Kysely<Database>,
  kind: TicketKind,
  status: string,
  from: Date,
  settings: TicketSettings,
  context: DueContext = {},
): Promise<string | null> {
  const rule = dueRuleFor(kind, status, settings, context.topic);
  if (!rule?.workingDays) return dueAtIso(kind, status, from, settings, context);
  // From the day the count starts: the opening, for a rule over the whole request.
  const start = rule.fromOpening && context.openedAt ? context.openedAt : from;
  const holidays = await holidayDatesFrom(db, officeDate(start.toISOString(), settings.zone));
  return dueAtIso(
    kind,
    status,
    from,
    { ...settings, holidays: [...settings.holidays, ...holidays] },
    context,
  );
}
