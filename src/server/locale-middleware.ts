// The user's language: `?lang=` (remembered in a cookie), then the cookie, then Accept-Language.
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
  return { locale: localeFromAcceptLanguage(c.req.header('accept-language')) };
}
