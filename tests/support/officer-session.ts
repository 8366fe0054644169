// An officer's browser reduced to HTTP, for the built-server tests of the back office: log in as
// a demo account, keep the session cookie, and post with the form token its pages carry.
import { expect } from 'vitest';
import { DEMO_ACCOUNTS } from '../../src/demo/demo-accounts.ts';

export type OfficerFields = Record<string, string> | [string, string][];

export interface OfficerSession {
  cookie: string;
  csrf: string;
  get(path: string): Promise<Response>;
  /** Posts the fields with the session's form token, unless `token` says otherwise (null: none). */
  post(path: string, fields: OfficerFields, token?: string | null): Promise<Response>;
}

export async function signInOverHttp(
  baseUrl: string,
  username: string,
  password = DEMO_ACCOUNTS.find((a) => a.username === username)?.password ?? '',
): Promise<OfficerSession> {
  const login = await fetch(`${baseUrl}/petugas/masuk`, {
    method: 'POST',
    redirect: 'manual',
    headers: { 'content-type': 'application/x-www-form-urlencoded', origin: baseUrl },
    body: new URLSearchParams({ username, password }),
  });
  expect(login.status).toBe(303);
  const cookie = (login.headers.get('set-cookie') ?? '').split(';')[0] as string;
  const page = await fetch(`${baseUrl}/petugas/sandi`, { headers: { cookie } });
  const csrf = /name="csrf" value="([^"]+)"/.exec(await page.text())?.[1] ?? '';
  return {
    cookie,
    csrf,
    get: (path) => fetch(`${baseUrl}${path}`, { headers: { cookie }, redirect: 'manual' }),
    post: (path, fields, token = csrf) => {
      const entries = Array.isArray(fields) ? fields : Object.entries(fields);
      return fetch(`${baseUrl}${path}`, {
        method: 'POST',
        redirect: 'manual',
        headers: { cookie, origin: baseUrl, 'content-type': 'application/x-www-form-urlencoded' },
        body: new URLSearchParams(token === null ? entries : [['csrf', token], ...entries]),
      });
    },
  };
}
