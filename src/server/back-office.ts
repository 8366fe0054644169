// The back office's share of the HTTP front: the officer a session cookie stands for (resolved
// once, in front of the pages, from the one session table every app process shares) and the
// attachment download, which streams bytes rather than rendering a page.
import type { HttpBindings } from '@hono/node-server';
import type { Context, Next } from 'hono';
import { getCookie } from 'hono/cookie';
import { attachmentForOfficer } from '../domain/backoffice/case-work.ts';
import { resolveSession } from '../domain/backoffice/sessions.ts';
import { AppError } from '../domain/errors.ts';
import type { AppEnv } from './env.ts';

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
    c.set('officer', await resolveSession(c.get('deps'), getCookie(c, SESSION_COOKIE)));
    await next();
  };
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
