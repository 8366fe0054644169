// Every back-office request reads its session once, in front of the pages: the inbox at `/petugas`
// once matched the session middleware twice (for `/petugas` and for `/petugas/*`), a second read of
// the sessions table on the office's most opened page.
import type { AddressInfo } from 'node:net';
import { serve } from '@hono/node-server';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type OpenedDatabase, openDatabase } from '../../src/db/database.ts';
import { createApp } from '../../src/server/app.ts';
import type { AstroHandler } from '../../src/server/astro-pages.ts';
import { type Prepared, prepareDatabase } from '../../src/server/bootstrap.ts';
import { sessionOf } from '../support/officers.ts';
import { copyTemplateDatabase, FIXED_NOW, silentLogger, type TemplateCopy } from '../support/test-app.ts';

let copy: TemplateCopy;
let prepared: Prepared;
/** The same database opened again with a statement log: every read of the sessions table is counted. */
let counted: OpenedDatabase;
let sessionReads = 0;
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
  copy = await copyTemplateDatabase();
  prepared = await prepareDatabase({ ...copy, demoData: false, now: () => FIXED_NOW });
  counted = openDatabase(copy.database, {
    log: (event) => {
      if (event.level === 'query' && /from "sessions"/.test(event.query.sql)) sessionReads++;
    },
  });
  const app = createApp({ deps: { ...prepared.deps, db: counted.db }, logger: silentLogger, astro: pages });
  server = await new Promise((resolve) => {
    const s = serve({ fetch: app.fetch, port: 0, hostname: '127.0.0.1' }, () => resolve(s));
  });
  url = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
});
afterAll(async () => {
  server.close();
  await counted.close();
  await prepared.close();
  await copy.cleanup();
});

describe('the back office’s session', () => {
  it.each(['/petugas', '/petugas/', '/petugas?kind=aduan', '/petugas/statistik'])(
    'is read once for %s, and the page knows the officer',
    async (path) => {
      const { token } = await sessionOf(prepared.deps, 'dinsos.mojokerto');
      sessionReads = 0;
      officersSeen.length = 0;
      const res = await fetch(url + path, { headers: { cookie: `cb_petugas=${token}` } });
      expect(res.status).toBe(200);
      expect(officersSeen).toEqual(['dinsos.mojokerto']);
      expect(sessionReads).toBe(1);
    },
  );

  it('is not read for a public page', async () => {
    sessionReads = 0;
    officersSeen.length = 0;
    const res = await fetch(`${url}/statistik`);
    expect(res.status).toBe(200);
    expect(officersSeen).toEqual([null]);
    expect(sessionReads).toBe(0);
  });
});
