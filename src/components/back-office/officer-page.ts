// What every back-office page does first: find the officer (or send the browser to the login),
// keep an officer with a password to change on that page, read a posted form with its form token,
// and turn a domain error into messages and a status.
import type { AstroGlobal } from 'astro';
import type { OfficeRole, Officer } from '../../domain/backoffice/officer.ts';
import { isFormTokenValid } from '../../domain/backoffice/sessions.ts';
import { AppError, HTTP_STATUS, isAppError } from '../../domain/errors.ts';
import { isForbiddenFieldName } from '../form/form-data.ts';

export type Gate = { officer: Officer; allowed: boolean } | { redirect: Response };

const PASSWORD_PAGE = '/petugas/sandi';

/** The officer, or a redirect to the login; `allowed` is false when the page is not for their role. */
export function gate(Astro: AstroGlobal, roles?: readonly OfficeRole[]): Gate {
  const officer = Astro.locals.officer;
  if (!officer) {
    const next = `${Astro.url.pathname}${Astro.url.search}`;
    return { redirect: Astro.redirect(`/petugas/masuk?next=${encodeURIComponent(next)}`, 303) };
  }
  if (officer.mustChangePassword && Astro.url.pathname !== PASSWORD_PAGE) {
    return { redirect: Astro.redirect(PASSWORD_PAGE, 303) };
  }
  return { officer, allowed: !roles || roles.includes(officer.role) };
}

/** Only a path of our own back office is a place to return to after the login. */
export function safeNext(next: string | null): string {
  return next && /^\/petugas(\/[\w\-/]*)?(\?[\w=&%.\-+]*)?$/.test(next) ? next : '/petugas';
}

export interface OfficerForm {
  get(name: string): string;
  all(name: string): string[];
}

/** Reads a back-office form: a body that is not a form is a 400, a missing or wrong form token a 403. */
export async function readOfficerForm(Astro: AstroGlobal, officer: Officer | null): Promise<OfficerForm> {
  const form = await Astro.request.formData().catch(() => {
    throw new AppError('malformed_json', { form: 'body.invalid' });
  });
  const values = new Map<string, string[]>();
  for (const [name, value] of form.entries()) {
    if (typeof value !== 'string' || isForbiddenFieldName(name)) continue;
    values.set(name, [...(values.get(name) ?? []), value.slice(0, 20_000)]);
  }
  const read: OfficerForm = {
    get: (name) => values.get(name)?.[0] ?? '',
    all: (name) => values.get(name) ?? [],
  };
  if (officer && !isFormTokenValid(Astro.locals.deps.secret, officer.sessionId, read.get('csrf'))) {
    throw new AppError('forbidden', { form: 'backoffice.form_expired' });
  }
  return read;
}

/** The messages by field and the status of a refused request; anything else is ours and rethrown. */
export function officerErrors(Astro: AstroGlobal, error: unknown): Record<string, string> {
  if (!isAppError(error) || error.code === 'internal') throw error;
  Astro.response.status = HTTP_STATUS[error.code];
  if (error.code === 'rate_limited')
    Astro.response.headers.set('Retry-After', String(error.retryAfterSeconds ?? 60));
  return Object.keys(error.fields).length > 0 ? { ...error.fields } : { form: `api.${error.code}` };
}
