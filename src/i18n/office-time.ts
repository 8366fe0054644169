// Times as the office reads them: on its clock (WIB, WITA or WIT from the office's province or
// OFFICE_TIME_ZONE, `src/domain/regions/office-zone.ts`; the clock its deadlines are counted on:
// src/domain/tickets/due-dates.ts), with the zone said, never UTC. One formatter per zone,
// language and style, made once: a new Intl formatter per call cost a sixth of an inbox page.
import { DEFAULT_OFFICE_ZONE, type OfficeZone } from '../domain/regions/office-zone.ts';
import type { Locale } from './locale.ts';

type Style = 'short' | 'medium' | 'long';

const STYLES: Record<Style, Intl.DateTimeFormatOptions> = {
  short: { dateStyle: 'medium', timeStyle: 'short' },
  medium: { dateStyle: 'medium', timeStyle: 'medium' },
  long: { dateStyle: 'long', timeStyle: 'short' },
};

const formatters = new Map<string, Intl.DateTimeFormat>();

function formatterFor(zone: OfficeZone, locale: Locale, style: Style): Intl.DateTimeFormat {
  const key = `${zone.timeZone} ${locale} ${style}`;
  let formatter = formatters.get(key);
  if (!formatter) {
    formatter = new Intl.DateTimeFormat(locale === 'id' ? 'id-ID' : 'en-GB', {
      ...STYLES[style],
      timeZone: zone.timeZone,
    });
    formatters.set(key, formatter);
  }
  return formatter;
}

/**
 * `2026-12-06T03:05:00Z` → `6 Des 2026, 10.05 WIB` (Indonesian) or `6 Dec 2026, 10:05 WIB`; in a
 * WITA office `11.05 WITA`. `zone` is the deployment's (`deps.tickets.zone`); absent, WIB.
 */
export function officeTime(
  zone: OfficeZone | undefined,
  locale: Locale,
  iso: string,
  style: Style = 'short',
): string {
  const at = new Date(iso);
  if (Number.isNaN(at.getTime())) return iso;
  const clock = zone ?? DEFAULT_OFFICE_ZONE;
  return `${formatterFor(clock, locale, style).format(at)} ${clock.id}`;
}
