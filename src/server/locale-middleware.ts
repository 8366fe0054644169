// The user's language: `?lang=` (remembered in a cookie), then the cookie; then Indonesian for
// pages (a phone set to English is common and says nothing of the resident's choice: the site
// is Indonesian unless they pick English) and Accept-Language for the API's clients.
import type { Context } from 'hono';
import { getCookie } from 'hono/cookie';
import { serialize } from 'hono/utils/cookie';
import { isLocale, type Locale, localeFromAcceptLanguage } from '../i18n/locale.ts';

export const LOCALE_COOKIE = 'lang';

export interface ResolvedLocale {
  locale: Locale;
  /** A Set-Cookie value to send when the visitor just chose a language. */
  setCookie?: string;
}

export function resolveLocale(c: Context): ResolvedLocale {
  const asked = c.req.query('lang');
  if (isLocale(asked)) {
    return {
      locale: asked,
      setCookie: serialize(LOCALE_COOKIE, asked, {
        path: '/',
        sameSite: 'Lax',
        maxAge: 60 * 60 * 24 * 365,
        httpOnly: true,
      }),
    };
  }
  const remembered = getCookie(c, LOCALE_COOKIE);
  if (isLocale(remembered)) return { locale: remembered };
  if (c.req.path !== '/api' && !c.req.path.startsWith('/api/')) return { locale: 'id' };
  return { locale: localeFromAcceptLanguage(c.req.header('accept-language')) };
}
