// Every back-office request reads its session once, in front of the pages: the inbox at `/petugas`
// once matched the session middleware twice (for `/petugas` and for `/petugas/*`), a second read of
// the sessions table on the office's most opened page.
import type { AddressInfo } from 'node:net';
import { serve } from '@hono/node-server';
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import * as sessions from '../../src/domain/backoffice/sessions.ts';
import { createApp } from '../../src/server/app.ts';
import type { AstroHandler } from '../../src/server/astro-pages.ts';
import { sessionOf } from '../support/officers.ts';
import { openTestDatabase, silentLogger } from '../support/test-app.ts';

vi.mock('../../src/domain/backoffice/sessions.ts', async (original) => {
  const real = await original<typeof import('../../src/domain/backoffice/sessions.ts')>();
  return { ...real, lookUpSession: vi.fn(real.lookUpSession) };
});

let env: Awaited<ReturnType<typeof openTestDatabase>>;
let server: ReturnType<typeof serve>;
let url: string;
/** Who each page request was for, as the pages see it. */
const officersSeen: (string | null)[] = [];

const pages: AstroHandler = async (_req, res, _next, locals) => {
  officersSeen.push(locals.officer?.username ?? null);
  res.writeHead(200, { 'content-type': 'text/plain' });
  res.end('page');
};

beforeAll(async () => {
  env = await openTestDatabase();
  const app = createApp({ deps: env.deps, logger: silentLogger, astro: pages });
  server = await new Promise((resolve) => {
    const s = serve({ fetch: app.fetch, port: 0, hostname: '127.0.0.1' }, () => resolve(s));
  });
  url = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
});
afterAll(async () => {
  server.close();
  await env.close();
});

describe('the back office’s session', () => {
  it.each(['/petugas', '/petugas/', '/petugas?kind=aduan', '/petugas/statistik'])(
    'is read once for %s, and the page knows the officer',
    async (path) => {
      const { token } = await sessionOf(env.deps, 'dinsos.mojokerto');
      const lookUps = vi.mocked(sessions.lookUpSession);
      lookUps.mockClear();
      officersSeen.length = 0;
      const res = await fetch(url + path, { headers: { cookie: `cb_petugas=${token}` } });
      expect(res.status).toBe(200);
      expect(officersSeen).toEqual(['dinsos.mojokerto']);
      expect(lookUps).toHaveBeenCalledTimes(1);
    },
  );

  it('is not read for a public page', async () => {
    const lookUps = vi.mocked(sessions.lookUpSession);
    lookUps.mockClear();
    officersSeen.length = 0;
    const res = await fetch(`${url}/statistik`);
    expect(res.status).toBe(200);
    expect(officersSeen).toEqual([null]);
    expect(lookUps).not.toHaveBeenCalled();
  });
});
