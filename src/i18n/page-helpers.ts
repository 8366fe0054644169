// Small helpers every page uses to speak the visitor's language.
import type { OfficeZone } from '../domain/regions/office-zone.ts';
import { officeDate } from '../domain/tickets/due-dates.ts';
import { statusText } from '../domain/tickets/status-text.ts';
import { kindKey, purposeOf } from '../domain/tickets/usulan-purpose.ts';
import type { TicketKind } from '../domain/tickets/workflow.ts';
import { namedFieldMessage } from './form-messages.ts';
import type { Locale } from './locale.ts';
import { isMessageKey, type MessageKey, translate, translateDynamic } from './messages.ts';

export function translatorFor(locale: Locale) {
  const t = (key: MessageKey, params?: Record<string, string | number>) => translate(locale, key, params);
  /** For keys computed at run time (validation rules, statuses). */
  t.dynamic = (key: string, params: Record<string, string | number> = {}) =>
    translateDynamic(locale, key, params);
  /**
   * An error of a form's field, saying which field it is about (`field.required` on usulan's
   * `head_name` → "Isi nama kepala keluarga."), for the summary and beside the field alike.
   */
  t.field = (form: string, field: string, key: string, params: Record<string, string | number> = {}) =>
    namedFieldMessage(locale, form, field, key, (k) => translateDynamic(locale, k, params)) ??
    translateDynamic(locale, key, params);
  /**
   * The office that takes or took a step, as an officer reads it: the resident is "Warga
   * (pengaju)" there, not the "Anda (warga)" the resident's own tracking page says.
   */
  t.office = (role: string) =>
    translateDynamic(locale, role === 'warga' ? 'bo.office.warga' : `office.${role}`);
  /** A ticket's state in plain words, as a sentence; `topic` gives an usulan's purpose its own. */
  t.status = (kind: TicketKind, status: string, topic?: string | null) => {
    const text = statusText(locale, kind, status, purposeOf(kind, topic));
    return text.charAt(0).toUpperCase() + text.slice(1);
  };
  /**
   * The program a complaint names: the SLRT's own words where it has them (PKH, "Lansia"), else
   * the name the office gave the program in its profile, so a program added in the back office
   * is read by its name, never its code.
   */
  t.aduanProgram = (code: string, catalogue: { nameOf(code: string, locale: string): string }) =>
    isMessageKey(`aduan.program.${code}`)
      ? translateDynamic(locale, `aduan.program.${code}`)
      : catalogue.nameOf(code, locale);
  /** What a case is called: "Usulan", or "Sanggah desil" for an usulan with that purpose. */
  t.kind = (kind: TicketKind | string, topic?: string | null) =>
    translateDynamic(locale, kindKey(kind, topic));
  /**
   * `2026-11-27` → `27 November 2026`. An instant (`2026-11-27T20:00:00Z`) is the office's date
   * of it (`zone`, WIB when absent: 28 November), never its UTC date.
   */
  t.date = (iso: string, zone?: OfficeZone) =>
    longDate(locale, iso.length > 10 ? officeDate(iso, zone) : iso);
  return t;
}

// One formatter per locale: `toLocaleDateString` builds a new one each call, 16 % of the CPU of an
// inbox page listing 25 cases with their dates (issue 20).
const LONG_DATES: Record<Locale, Intl.DateTimeFormat> = {
  id: new Intl.DateTimeFormat('id-ID', { dateStyle: 'long', timeZone: 'UTC' }),
  en: new Intl.DateTimeFormat('en-GB', { dateStyle: 'long', timeZone: 'UTC' }),
};

/**
 * Each day in each language formatted once per process: the pages name the same few hundred days
 * (due dates, list dates), and formatting one cost more than the rest of an inbox row. Forgotten
 * all at once past a bound, so that odd dates cannot make it grow.
 */
const longDates: Record<Locale, Map<string, string>> = { id: new Map(), en: new Map() };
const LONG_DATES_KEPT = 2000;

function longDate(locale: Locale, day: string): string {
  const kept = longDates[locale];
  let text = kept.get(day);
  if (text === undefined) {
    text = LONG_DATES[locale].format(new Date(`${day}T00:00:00Z`));
    if (kept.size >= LONG_DATES_KEPT) kept.clear();
    kept.set(day, text);
  }
  return text;
}

/**
 * A page title that names the page's state first ("Tanda terima – Aduan", "Ada isian yang perlu
 * diperbaiki – Aduan"): the tab and a screen reader say what happened before anything else.
 */
export function stateTitle(base: string, state: string | undefined): string {
  return state ? `${state} – ${base}` : base;
}

/** Reads a text field from a submitted form, never more than `max` characters. */
export function formText(form: FormData, name: string, max = 1000): string {
  const value = form.get(name);
  return typeof value === 'string' ? value.slice(0, max) : '';
}
