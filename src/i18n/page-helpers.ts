// Small helpers every page uses to speak the visitor's language.
import type { Locale } from './locale.ts';
import { type MessageKey, translate, translateDynamic } from './messages.ts';

export function translatorFor(locale: Locale) {
  const t = (key: MessageKey, params?: Record<string, string | number>) => translate(locale, key, params);
  /** For keys computed at run time (validation rules, statuses). */
  t.dynamic = (key: string) => translateDynamic(locale, key);
  return t;
}

/** Reads a text field from a submitted form, never more than `max` characters. */
export function formText(form: FormData, name: string, max = 1000): string {
  const value = form.get(name);
  return typeof value === 'string' ? value.slice(0, max) : '';
}
