// Turns a domain error (or any throw) into the API's JSON error body in the caller's language.
import type { Context } from 'hono';
import type { ContentfulStatusCode } from 'hono/utils/http-status';
import { type AppError, type ErrorCode, HTTP_STATUS } from '../domain/errors.ts';
import type { Challenge } from '../domain/privacy/proof-of-work.ts';
import type { Locale } from '../i18n/locale.ts';
import { translate, translateDynamic } from '../i18n/messages.ts';

export interface ApiErrorBody {
  error: {
    code: ErrorCode;
    message: string;
    field?: string;
    fields?: Record<string, string>;
    id?: string;
    /** With `proof_required`: the challenge to solve before sending again. */
    challenge?: Challenge;
  };
}

export function errorBody(
  error: AppError,
  locale: Locale,
  id?: string,
  params: Record<string, string> = {},
): ApiErrorBody {
  const entries = Object.entries(error.fields);
  const fields = Object.fromEntries(entries.map(([f, key]) => [f, translateDynamic(locale, key, params)]));
  const first = entries[0];
  return {
    error: {
      code: error.code,
      message: first ? translateDynamic(locale, first[1], params) : translate(locale, `api.${error.code}`),
      ...(first ? { field: first[0], fields } : {}),
      ...(id ? { id } : {}),
      ...(error.challenge ? { challenge: error.challenge } : {}),
    },
  };
}

export function respondError(c: Context, error: AppError, locale: Locale, id?: string) {
  if (error.code === 'rate_limited') c.header('Retry-After', String(error.retryAfterSeconds ?? 60));
  return c.json(errorBody(error, locale, id), HTTP_STATUS[error.code] as ContentfulStatusCode);
}

/** A short page in the visitor's language: a heading, a sentence and the way home. */
export function shortPage(locale: Locale, heading: string, text: string): string {
  const back = translate(locale, 'nav.home');
  return `<!doctype html><html lang="${locale}"><head><meta charset="utf-8"><meta name="viewport" content="width=device-width, initial-scale=1"><title>${heading}</title><link rel="stylesheet" href="/css/app.css"></head><body><main id="main"><h1>${heading}</h1><p>${text}</p><p><a href="/">${back}</a></p></main></body></html>`;
}

/**
 * A form page's body was too large to read: a short page in the visitor's language. Only the
 * resident forms take files; on the others (the back office) it was the text that was too long.
 */
export function tooLargePage(locale: Locale, withFiles = true): string {
  const why = translate(locale, withFiles ? 'attachment.too_large' : 'form.too_large');
  return shortPage(locale, translate(locale, 'api.payload_too_large'), why);
}
