// Calendar arithmetic on ISO dates in UTC, so the data never depends on the machine's time zone.
import type { Random } from './random.ts';

const DAY_MS = 86_400_000;

/** The date ages and PKH components are reckoned on: the middle of the 2020 programme year. */
export const REFERENCE_DATE = '2020-07-01';

export function dayNumber(iso: string): number {
  return Date.parse(`${iso}T00:00:00Z`) / DAY_MS;
}

export function isoOfDay(day: number): string {
  return new Date(day * DAY_MS).toISOString().slice(0, 10);
}

export function randomDateBetween(rng: Random, fromIso: string, toIso: string): string {
  return isoOfDay(rng.int(dayNumber(fromIso), dayNumber(toIso)));
}

/** A birth date at which the person is exactly `age` on REFERENCE_DATE. */
export function birthDateForAge(rng: Random, age: number): string {
  const year = Number(REFERENCE_DATE.slice(0, 4));
  return randomDateBetween(rng, `${year - age - 1}-07-02`, `${year - age}-07-01`);
}

/** Whole years between a birth date and `onIso`. */
export function ageOn(birthIso: string, onIso: string): number {
  const [by, bm, bd] = birthIso.split('-').map(Number) as [number, number, number];
  const [y, m, d] = onIso.split('-').map(Number) as [number, number, number];
  return y - by - (m < bm || (m === bm && d < bd) ? 1 : 0);
}

/** `DDMMYY`, the date part of a KK number. */
export function ddmmyy(iso: string): string {
  return `${iso.slice(8, 10)}${iso.slice(5, 7)}${iso.slice(2, 4)}`;
}
