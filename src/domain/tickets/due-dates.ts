// When an open step is due, and whether it is overdue. A step is due at the end of its last day
// on the office's clock (WIB, WITA or WIT: `settings.zone`, no daylight saving), so "due 26
// November" means the whole of that day wherever the server runs. Nothing lapses: an overdue
// step stays open and overdue until someone acts on it.
import { DEFAULT_OFFICE_ZONE, type OfficeZone } from '../regions/office-zone.ts';
import type { DueRule, TicketSettings } from './settings.ts';
import { type TicketKind, WORKFLOWS } from './workflow.ts';

const offsetMs = (zone: OfficeZone) => zone.offsetHours * 60 * 60 * 1000;

/** The office's calendar date, as a Date at 00:00 UTC of that date (so its UTC fields read as the office's). */
function officeDay(instant: Date, zone: OfficeZone): Date {
  const shifted = new Date(instant.getTime() + offsetMs(zone));
  return new Date(Date.UTC(shifted.getUTCFullYear(), shifted.getUTCMonth(), shifted.getUTCDate()));
}

const isoDate = (day: Date) => day.toISOString().slice(0, 10);

/**
 * The office's calendar date of an instant (`2026-10-01T20:00:00Z` → `2026-10-02`): a list
 * applied in the evening UTC was applied the next morning in Jakarta. Text that is no instant is
 * cut to its first ten characters, as before.
 */
export function officeDate(instant: string, zone: OfficeZone = DEFAULT_OFFICE_ZONE): string {
  // The ISO text the database stores, before the hour the zone moves it to the next day: the
  // office's date is its own (an inbox page asks this for every case it lists).
  if (Number.isInteger(zone.offsetHours) && STORED_INSTANT.test(instant)) {
    const hour = Number(instant.slice(11, 13)) + zone.offsetHours;
    if (hour >= 0 && hour < 24) return instant.slice(0, 10);
  }
  const at = Date.parse(instant);
  // The office's date is the UTC date of the instant moved by the zone's fixed offset.
  return Number.isNaN(at) ? instant.slice(0, 10) : isoDate(new Date(at + offsetMs(zone)));
}

const STORED_INSTANT = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}(?:\.\d{1,3})?Z$/;

/** The last instant of an office calendar day. */
function endOfOfficeDay(day: Date, zone: OfficeZone): Date {
  return new Date(day.getTime() + 24 * 60 * 60 * 1000 - 1 - offsetMs(zone));
}

// Weekdays are read from the UTC fields of the office-day Dates, never the process's zone
// (date-fns `addBusinessDays` would read them in the server's local time).
const isWeekend = (day: Date) => day.getUTCDay() === 0 || day.getUTCDay() === 6;

/** What else a due date may depend on: the case's topic (its own rules) and when it was opened. */
export interface DueContext {
  /** The aduan's problem or the usulan's purpose: `aduan:reaktivasi_pbi_jk.diterima`, `usulan:sanggah_desil.validasi_dtks`. */
  topic?: string | null;
  /** For a rule counted from the opening (`fromOpening`); without it, from the step's start. */
  openedAt?: Date;
}

/** The rule of a step: the topic's own (`usulan:sanggah_desil.validasi_dtks`), else the kind's. */
export function dueRuleFor(
  kind: TicketKind,
  status: string,
  settings: TicketSettings,
  topic?: string | null,
): DueRule | undefined {
  return (
    (topic ? settings.due[`${kind}:${topic}.${status}`] : undefined) ?? settings.due[`${kind}.${status}`]
  );
}

/**
 * The due instant of a step entered at `from`, or null when the step has no time limit (closed
 * states, or no rule in the settings). Working days skip Saturdays, Sundays and `holidays`.
 * `purpose` (the ticket's topic, e.g. `sanggah_desil`) picks the purpose's own rule first.
 */
export function dueAtFor(
  kind: TicketKind,
  status: string,
  from: Date,
  settings: TicketSettings,
  context: DueContext = {},
): Date | null {
  const rule = dueRuleFor(kind, status, settings, context.topic);
  if (!rule) return null;
  const zone = settings.zone ?? DEFAULT_OFFICE_ZONE;
  const start = rule.fromOpening && context.openedAt ? context.openedAt : from;
  // Calendar hours count to the minute, weekends and holidays included (UU PDP's 3 × 24 hours).
  if (rule.hours !== undefined) return new Date(start.getTime() + rule.hours * 3_600_000);
  let day = officeDay(start, zone);
  if (!rule.workingDays) return endOfOfficeDay(new Date(day.getTime() + rule.days * 86_400_000), zone);
  const holidays = new Set(settings.holidays);
  for (let counted = 0; counted < rule.days; ) {
    day = new Date(day.getTime() + 86_400_000);
    if (!isWeekend(day) && !holidays.has(isoDate(day))) counted += 1;
  }
  return endOfOfficeDay(day, zone);
}

/** `dueAtFor` as the ISO string stored in `tickets.due_at`. */
export function dueAtIso(
  kind: TicketKind,
  status: string,
  from: Date,
  settings: TicketSettings,
  context: DueContext = {},
): string | null {
  return dueAtFor(kind, status, from, settings, context)?.toISOString() ?? null;
}

/** Share of a step's time after which the inbox calls it "at risk" (a quarter left). */
export const AT_RISK_SHARE = 0.75;

/** When a step entered at `from` and due at `dueAt` turns at risk. */
export function atRiskAtIso(from: Date, dueAt: string | null): string | null {
  if (dueAt === null) return null;
  const span = Date.parse(dueAt) - from.getTime();
  return new Date(from.getTime() + Math.max(0, span) * AT_RISK_SHARE).toISOString();
}

const CLOSED_STATES: ReadonlySet<string> = new Set(Object.values(WORKFLOWS).flatMap((w) => w.terminal));

/** Open and past its due date. Closed cases are never overdue, however late they closed. */
export function isOverdue(ticket: { status: string; due_at: string | null }, now: Date): boolean {
  if (ticket.due_at === null || CLOSED_STATES.has(ticket.status)) return false;
  return now.getTime() > Date.parse(ticket.due_at);
}

/** The office's calendar date (YYYY-MM-DD) a due instant falls on, for receipts and timelines. */
export function dueDateLabel(dueAt: string | null, zone: OfficeZone = DEFAULT_OFFICE_ZONE): string | null {
  return dueAt === null ? null : isoDate(officeDay(new Date(dueAt), zone));
}
