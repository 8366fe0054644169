// What every back-office page does first: find the officer (or send the browser to the login),
// keep an officer with a password to change on that page, read a posted form with its form token,
// and turn a domain error into messages and a status.
import type { AstroGlobal } from 'astro';
import type { Officer } from '../../domain/backoffice/officer.ts';
import { type BackOfficePage, canOpenPage } from '../../domain/backoffice/permissions.ts';
import { isFormTokenValid } from '../../domain/backoffice/sessions.ts';
import { AppError } from '../../domain/errors.ts';
import { applyPageErrors, pageErrors, readPostedForm } from '../form/page-errors.ts';

export type Gate = { officer: Officer; allowed: boolean } | { redirect: Response };

const PASSWORD_PAGE = '/petugas/sandi';

/**
 * The officer, or a redirect to the login; `allowed` is false when the page is not for their role
 * (permissions.ts: `canOpenPage`).
 */
export function gate(Astro: AstroGlobal, page: BackOfficePage): Gate {
  const officer = Astro.locals.officer;
  if (!officer) {
    const next = `${Astro.url.pathname}${Astro.url.search}`;
    return { redirect: Astro.redirect(`/petugas/masuk?next=${encodeURIComponent(next)}`, 303) };
  }
  if (officer.mustChangePassword && Astro.url.pathname !== PASSWORD_PAGE) {
    return { redirect: Astro.redirect(PASSWORD_PAGE, 303) };
  }
  return { officer, allowed: canOpenPage(officer, page) };
}

/** Only a path of our own back office is a place to return to after the login. */
export function safeNext(next: string | null): string {
  return next && /^\/petugas(\/[\w\-/]*)?(\?[\w=&%.\-+]*)?$/.test(next) ? next : '/petugas';
}

export interface OfficerForm {
  get(name: string): string;
  all(name: string): string[];
}

/**
 * Reads a back-office form the way every page does (`readPostedForm`: a body that is not a form,
 * or a field name that reaches a prototype, is a 400), then checks its form token (403).
 * `keep` is given what was typed before either refusal, so the page shows the form again with it.
 */
export async function readOfficerForm(
  Astro: AstroGlobal,
  officer: Officer | null,
  keep?: (form: OfficerForm) => void,
): Promise<OfficerForm> {
  // The session's form token proves a post that carries no Origin; the sign-in form, before any
  // session, carries the resident forms' proof.
  const secret = Astro.locals.deps.secret;
  const posted = await readPostedForm(Astro, {
    proof: (r) => officer !== null && isFormTokenValid(secret, officer.sessionId, r.values.csrf),
  });
  const { values, multi } = posted.read;
  const read: OfficerForm = { get: (name) => values[name] ?? '', all: (name) => multi[name] ?? [] };
  keep?.(read);
  if (!posted.ok)
    throw new AppError(posted.failure.status === 403 ? 'forbidden' : 'malformed_json', posted.failure.errors);
  if (officer && !isFormTokenValid(Astro.locals.deps.secret, officer.sessionId, read.get('csrf'))) {
    throw new AppError('forbidden', { form: 'backoffice.form_expired' });
  }
  return read;
}

/** The messages by field and the status of a refused request (`pageErrors`); anything else is rethrown. */
export function officerErrors(Astro: AstroGlobal, error: unknown): Record<string, string> {
  const shown = pageErrors(error);
  applyPageErrors(Astro.response, shown);
  return { ...shown.errors };
}
