// The back office's share of the HTTP front: the officer a session cookie stands for (resolved
// once, in front of the pages, from the one session table every app process shares) and the
// attachment download, which streams bytes rather than rendering a page.
import type { HttpBindings } from '@hono/node-server';
import type { Context, Next } from 'hono';
import { getCookie } from 'hono/cookie';
import PQueue from 'p-queue';
import { attachmentForOfficer } from '../domain/backoffice/case-work.ts';
import type { Officer } from '../domain/backoffice/officer.ts';
import { lookUpSession } from '../domain/backoffice/sessions.ts';
import { AppError } from '../domain/errors.ts';
import { translate } from '../i18n/messages.ts';
import type { AppEnv } from './env.ts';
import { respondError, shortPage } from './http-errors.ts';

/** Scoped to the back office's paths, so the public pages never send it. */
export const SESSION_COOKIE = 'cb_petugas';
export const BACK_OFFICE_PATH = '/petugas';
/** The office's JSON (the data-quality report): the same cookie is also issued for this path. */
export const BACK_OFFICE_API_PATH = '/api/v1/petugas';

/**
 * The session cookie for BACK_OFFICE_API_PATH, as a Set-Cookie value (`token` null: cleared).
 * Written by hand because Astro's cookie jar keeps one cookie per name, and the pages' cookie
 * (path /petugas) has the same name.
 */
export function apiSessionCookie(
  token: string | null,
  options: { secure: boolean; maxAgeSeconds: number },
): string {
  const parts = [
    `${SESSION_COOKIE}=${token ?? ''}`,
    `Path=${BACK_OFFICE_API_PATH}`,
    token === null ? 'Max-Age=0' : `Max-Age=${options.maxAgeSeconds}`,
    'HttpOnly',
    'SameSite=Lax',
  ];
  if (options.secure) parts.push('Secure');
  return parts.join('; ');
}

type BackOfficeContext = Context<AppEnv & { Bindings: HttpBindings }>;

/** Whether the browser reached us over HTTPS (directly, or as the trusted proxy says). */
export function isHttps(c: BackOfficeContext, trustProxy: boolean): boolean {
  if (new URL(c.req.url).protocol === 'https:') return true;
  return trustProxy && c.req.header('x-forwarded-proto')?.split(',')[0]?.trim() === 'https';
}

export function officerSession(trustProxy: boolean) {
  return async (c: BackOfficeContext, next: Next) => {
    c.set('https', isHttps(c, trustProxy));
    const session = await lookUpSession(c.get('deps'), getCookie(c, SESSION_COOKIE));
    c.set('officer', session.officer);
    c.set('catalogueVersion', session.catalogueVersion);
    await next();
  };
}

/** Where an officer whose password must change may still go. */
const OPEN_BEFORE_PASSWORD_CHANGE = /^\/petugas\/(sandi|keluar|masuk)\/?$/;

/**
 * After an admin reset a password, the officer's sessions may do nothing until it is changed:
 * pages, downloads (lists of rejected rows, the quality report, attachments) and posts alike. The
 * pages' own gate says the same; this is the one place that holds for every back-office path.
 */
export async function passwordChangeFirst(c: BackOfficeContext, next: Next) {
  if (c.get('officer')?.mustChangePassword && !OPEN_BEFORE_PASSWORD_CHANGE.test(c.req.path)) {
    return c.redirect('/petugas/sandi', 303);
  }
  await next();
}

/**
 * The recipient-list upload is the one back-office body of up to 64 MB. Its sender is known from
 * the cookie before a byte of the body is read: without a session it is sent to the login, with
 * a role that may not import it does not exist. Only `atOnce` bodies are read at a time per
 * process; up to `waiting` more wait unread (the line holds them back), and past that the answer
 * is 503 with Retry-After (issue 21: 24 anonymous connections of 60 MB each took 1.5 GB). A
 * refused body is never read: the connection closes so that the rest of it is not either.
 */
export function uploadGate(
  allowed: (officer: Officer) => boolean,
  { atOnce, waiting }: { atOnce: number; waiting: number },
) {
  const reading = new PQueue({ concurrency: atOnce });
  return async (c: BackOfficeContext, next: Next) => {
    if (c.req.method !== 'POST') return next();
    const officer = c.get('officer');
    if (!officer) return unread(c.redirect(`/petugas/masuk?next=${encodeURIComponent(c.req.path)}`, 303));
    if (!allowed(officer)) return unread(respondError(c, new AppError('not_found'), c.get('locale')));
    if (reading.size >= waiting) {
      const locale = c.get('locale');
      const page = shortPage(
        locale,
        translate(locale, 'backoffice.upload_busy_title'),
        translate(locale, 'backoffice.upload_busy'),
      );
      const busy = c.html(page, 503);
      busy.headers.set('Retry-After', String(UPLOAD_RETRY_SECONDS));
      return unread(busy);
    }
    await reading.add(() => next());
  };
}

const UPLOAD_RETRY_SECONDS = 30;

/** A refusal whose request body stays unread: the connection closes after it. */
function unread(response: Response): Response {
  response.headers.set('Connection', 'close');
  return response;
}

/**
 * An attachment for an officer of the case's area: sent as a download (never rendered in our
 * origin), with `nosniff`. Outside the area, or without a session, it does not exist.
 */
export async function downloadAttachment(c: BackOfficeContext) {
  const officer = c.get('officer');
  if (!officer) throw new AppError('not_found');
  const id = Number(c.req.param('id'));
  const file = await attachmentForOfficer(c.get('deps'), officer, id, c.get('clientKey'));
  c.header('Content-Type', file.contentType);
  c.header('Content-Disposition', `attachment; filename="${file.name.replace(/[^\w.-]/g, '_')}"`);
  c.header('X-Content-Type-Options', 'nosniff');
  c.header('Cache-Control', 'no-store');
  return c.body(Buffer.from(file.bytes));
}
