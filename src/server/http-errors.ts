// Turns a domain error (or any throw) into the API's JSON error body in the caller's language.
import type { Context } from 'hono';
import type { ContentfulStatusCode } from 'hono/utils/http-status';
import { type AppError, type ErrorCode, HTTP_STATUS } from '../domain/errors.ts';
import type { Locale } from '../i18n/locale.ts';
import { translate, translateDynamic } from '../i18n/messages.ts';

export interface ApiErrorBody {
  error: {
    code: ErrorCode;
    message: string;
    field?: string;
    fields?: Record<string, string>;
    id?: string;
  };
}

export function errorBody(error: AppError, locale: Locale, id?: string): ApiErrorBody {
  const entries = Object.entries(error.fields);
  const fields = Object.fromEntries(entries.map(([f, key]) => [f, translateDynamic(locale, key)]));
  const first = entries[0];
  return {
    error: {
      code: error.code,
      message: first ? translateDynamic(locale, first[1]) : translate(locale, `api.${error.code}`),
      ...(first ? { field: first[0], fields } : {}),
      ...(id ? { id } : {}),
    },
  };
}

export function respondError(c: Context, error: AppError, locale: Locale, id?: string) {
  return c.json(errorBody(error, locale, id), HTTP_STATUS[error.code] as ContentfulStatusCode);
}
