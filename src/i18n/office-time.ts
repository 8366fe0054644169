// Times as the office reads them: on its clock (WIB, Asia/Jakarta, the clock its deadlines are
// counted on: src/domain/tickets/due-dates.ts), with the zone said, never UTC. One formatter per
// language and style, made once: a new Intl formatter per call cost a sixth of an inbox page.
import type { Locale } from './locale.ts';

export const OFFICE_TIME_ZONE = 'Asia/Jakarta';
export const OFFICE_ZONE_LABEL = 'WIB';

type Style = 'short' | 'medium' | 'long';

const STYLES: Record<Style, Intl.DateTimeFormatOptions> = {
  short: { dateStyle: 'medium', timeStyle: 'short' },
  medium: { dateStyle: 'medium', timeStyle: 'medium' },
  long: { dateStyle: 'long', timeStyle: 'short' },
};

const formatters = new Map<string, Intl.DateTimeFormat>();

function formatterFor(locale: Locale, style: Style): Intl.DateTimeFormat {
  const key = `${locale} ${style}`;
  let formatter = formatters.get(key);
  if (!formatter) {
    formatter = new Intl.DateTimeFormat(locale === 'id' ? 'id-ID' : 'en-GB', {
      ...STYLES[style],
      timeZone: OFFICE_TIME_ZONE,
    });
    formatters.set(key, formatter);
  }
  return formatter;
}

/** `2026-12-06T03:05:00Z` → `6 Des 2026, 10.05 WIB` (Indonesian) or `6 Dec 2026, 10:05 WIB`. */
export function officeTime(locale: Locale, iso: string, style: Style = 'short'): string {
  const at = new Date(iso);
  if (Number.isNaN(at.getTime())) return iso;
  return `${formatterFor(locale, style).format(at)} ${OFFICE_ZONE_LABEL}`;
}
