// Demo times are written as Jakarta wall-clock times (UTC+7), whatever the machine's zone.
import type { Random } from '../random.ts';

export const HOUR = 3_600_000;

/** `2026-11-09 09:15` in Jakarta (UTC+7). */
export function jakarta(wallClock: string): Date {
  const [day, time = '09:00'] = wallClock.split(' ');
  const [h, m] = time.split(':').map(Number) as [number, number];
  return new Date(Date.parse(`${day}T00:00:00Z`) + (h - 7) * HOUR + m * 60_000);
}

/** A working-hours instant on day number `day` (days since 1970 in dates.ts). */
export function officeHours(rng: Random, day: number): Date {
  return new Date(day * 24 * HOUR + (rng.int(8, 14) - 7) * HOUR + rng.int(0, 59) * 60_000);
}
