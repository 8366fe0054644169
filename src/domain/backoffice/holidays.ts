// The admin's holiday calendar (issue 20): the dates the working-day clocks skip besides
// weekends (src/domain/tickets/holidays.ts reads them). Only the admin keeps it; every addition
// and removal is audited. A date already past is refused both ways: due dates already counted
// with (or without) it stay as they were, so changing the past would only make the log lie.
import { isUniqueViolation } from '../../db/engine.ts';
import type { DomainDeps } from '../deps.ts';
import { AppError } from '../errors.ts';
import { officeDate } from '../tickets/due-dates.ts';
import { isCalendarDate } from '../tickets/forms/dates.ts';
import { recordAudit } from './audit.ts';
import type { Officer } from './officer.ts';
import { canEditHolidays } from './permissions.ts';

/** Longest name kept: "Cuti bersama Idul Fitri 1447 H" is 30. */
export const HOLIDAY_NAME_MAX = 100;

type Deps = Pick<DomainDeps, 'db' | 'now'> & Partial<Pick<DomainDeps, 'tickets'>>;

/** Today on the office's clock (WIB, WITA or WIT). */
const officeToday = (deps: Deps, now = deps.now()) => officeDate(now.toISOString(), deps.tickets?.zone);

export interface Holiday {
  id: number;
  date: string;
  name: string;
  /** The admin's username; null for the decreed dates the migration seeded. */
  addedBy: string | null;
  addedAt: string;
  /** Before today in Jakarta: shown, never changed. */
  past: boolean;
}

function keeperOnly(officer: Officer): void {
  if (!canEditHolidays(officer)) throw new AppError('not_found', { form: 'ticket.not_found' });
}

/** Every holiday of `year` and after (all when none), in date order. */
export async function listHolidays(deps: Deps, officer: Officer, fromYear?: number): Promise<Holiday[]> {
  keeperOnly(officer);
  const today = officeToday(deps);
  let query = deps.db
    .selectFrom('holidays as h')
    .leftJoin('users as u', 'u.id', 'h.added_by')
    .select(['h.id', 'h.date', 'h.name', 'u.username', 'h.added_at'])
    .orderBy('h.date');
  if (fromYear !== undefined) query = query.where('h.date', '>=', `${fromYear}-01-01`);
  const rows = await query.execute();
  return rows.map((r) => ({
    id: r.id,
    date: r.date,
    name: r.name,
    addedBy: r.username,
    addedAt: r.added_at,
    past: r.date < today,
  }));
}

/** Control and format characters never belong in a name; spaces are squeezed. */
const cleanName = (value: string) =>
  value
    .normalize('NFC')
    .replace(/[\p{Cc}\p{Cf}]/gu, ' ')
    .replace(/\s+/g, ' ')
    .trim();

/** What the admin typed, judged whole: every problem at once, by field. */
export function validateHoliday(raw: unknown, today: string): { date: string; name: string } {
  const { date, name } = (raw ?? {}) as { date?: unknown; name?: unknown };
  const errors: Record<string, string> = {};
  const day = typeof date === 'string' ? date.trim() : '';
  if (day === '') errors.date = 'holiday.date_required';
  else if (!/^\d{4}-\d{2}-\d{2}$/.test(day)) errors.date = 'holiday.date_format';
  else if (!isCalendarDate(day)) errors.date = 'holiday.date_impossible';
  else if (day < today) errors.date = 'holiday.date_past';
  const named = typeof name === 'string' ? cleanName(name) : '';
  if (named === '') errors.name = 'holiday.name_required';
  else if ([...named].length > HOLIDAY_NAME_MAX) errors.name = 'holiday.name_too_long';
  if (Object.keys(errors).length > 0) throw new AppError('validation_failed', errors);
  return { date: day, name: named };
}

/** Adds a holiday (today or later, one per date); audited. */
export async function addHoliday(
  deps: Deps,
  officer: Officer,
  raw: unknown,
  clientAddress: string | null,
): Promise<Holiday> {
  keeperOnly(officer);
  const now = deps.now();
  const holiday = validateHoliday(raw, officeToday(deps, now));
  const taken = await deps.db
    .selectFrom('holidays')
    .select('id')
    .where('date', '=', holiday.date)
    .executeTakeFirst();
  if (taken) throw new AppError('validation_failed', { date: 'holiday.date_taken' });
  const at = now.toISOString();
  let id: number;
  try {
    const row = await deps.db
      .insertInto('holidays')
      .values({ date: holiday.date, name: holiday.name, added_by: officer.id, added_at: at })
      .returning('id')
      .executeTakeFirstOrThrow();
    id = row.id;
  } catch (error) {
    // Two admins (or a double submit) adding the same date at once: the unique index decides.
    if (isUniqueViolation(error)) throw new AppError('validation_failed', { date: 'holiday.date_taken' });
    throw error;
  }
  await recordAudit(deps, {
    actor: officer,
    action: 'holiday_add',
    target: { type: 'holiday', id },
    clientAddress,
    detail: { date: holiday.date },
  });
  return { id, ...holiday, addedBy: officer.username, addedAt: at, past: false };
}

/** Removes a holiday that is today or later; audited. A past one, or none, is refused. */
export async function removeHoliday(
  deps: Deps,
  officer: Officer,
  id: number,
  clientAddress: string | null,
): Promise<void> {
  keeperOnly(officer);
  const row = Number.isSafeInteger(id)
    ? await deps.db.selectFrom('holidays').select(['id', 'date']).where('id', '=', id).executeTakeFirst()
    : undefined;
  if (!row) throw new AppError('not_found', { holiday: 'holiday.not_found' });
  if (row.date < officeToday(deps)) {
    throw new AppError('validation_failed', { holiday: 'holiday.past_stays' });
  }
  const removed = await deps.db.deleteFrom('holidays').where('id', '=', id).executeTakeFirst();
  // Removed meanwhile by another admin (or the same form sent twice): nothing left to remove.
  if (Number(removed.numDeletedRows) === 0) throw new AppError('not_found', { holiday: 'holiday.not_found' });
  await recordAudit(deps, {
    actor: officer,
    action: 'holiday_remove',
    target: { type: 'holiday', id },
    clientAddress,
    detail: { date: row.date },
  });
}
