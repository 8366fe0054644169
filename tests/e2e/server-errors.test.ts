// When something breaks inside, the visitor gets a 500 page (or JSON) with an error id and no
// stack; the log has the stack under the same id. Needs the built pages, like the browser tests.
import { existsSync } from 'node:fs';
import type { AddressInfo } from 'node:net';
import path from 'node:path';
import { Writable } from 'node:stream';
import { serve } from '@hono/node-server';
import pino from 'pino';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createApp } from '../../src/server/app.ts';
import { loadAstroHandler } from '../../src/server/astro-pages.ts';
import { openTestDatabase } from '../support/test-app.ts';

const entry = path.resolve('dist/server/entry.mjs');
const built = existsSync(entry);
if (!built && process.env.CI === 'true') throw new Error('no build at dist/ (npm run build)');

let env: Awaited<ReturnType<typeof openTestDatabase>>;
let server: ReturnType<typeof serve>;
let url: string;
const logLines: string[] = [];

beforeAll(async () => {
  if (!built) return;
  env = await openTestDatabase();
  const sink = new Writable({
    write(chunk, _encoding, done) {
      logLines.push(String(chunk));
      done();
    },
  });
  const broken = {
    ...env.deps,
    db: new Proxy(env.deps.db, {
      get(target, prop, receiver) {
        if (prop === 'selectFrom') {
          return () => {
            throw new Error('disk failure at /var/secret/cek-bansos.sqlite');
          };
        }
        return Reflect.get(target, prop, receiver);
      },
    }),
  };
  const app = createApp({
    deps: broken,
    logger: pino({ level: 'info' }, sink),
    astro: await loadAstroHandler(entry),
  });
  server = await new Promise((resolve) => {
    const s = serve({ fetch: app.fetch, port: 0, hostname: '127.0.0.1' }, () => resolve(s));
  });
  url = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
});
afterAll(async () => {
  if (!built) return;
  server.close();
  await env.close();
});

describe.skipIf(!built)('unexpected failures', () => {
  it('a page that fails shows the 500 page with an error id that the log carries with the stack', async () => {
    const res = await fetch(`${url}/statistik`);
    expect(res.status).toBe(500);
    const html = await res.text();
    const id = res.headers.get('x-request-id') as string;
    expect(html).toContain('Terjadi gangguan');
    expect(html).toContain(id);
    expect(html).not.toContain('/var/secret');
    expect(html).not.toMatch(/at .+\.(ts|js|mjs):\d+/);
    const logged = logLines
      .map((l) => JSON.parse(l) as { id?: string; err?: { stack?: string } })
      .find((l) => l.id === id && l.err);
    expect(logged?.err?.stack).toContain('disk failure');
  });

  it('a check that fails is never shown as "not registered"', async () => {
    const res = await fetch(`${url}/cek`, {
      method: 'POST',
      headers: { 'content-type': 'application/x-www-form-urlencoded', origin: url },
      body: 'nik=3576021403680001&kk=3576021205150001',
    });
    const html = await res.text();
    expect(res.status, html.replace(/<[^>]+>/g, ' ').slice(0, 2000)).toBe(503);
    expect(html).toContain('BUKAN berarti Anda tidak terdaftar');
    expect(html).not.toContain('Tidak terdaftar</h2>');
  });

  it('a check posted as something other than a form is a 400 from the client, not a service failure', async () => {
    const res = await fetch(`${url}/cek`, {
      method: 'POST',
      headers: { 'content-type': 'application/json', origin: url },
      body: '{"nik":"3576021403680001"}',
    });
    expect(res.status).toBe(400);
    expect(await res.text()).not.toContain('BUKAN berarti');
  });

  it('the API answers 500 JSON with the id, and no stack', async () => {
    const res = await fetch(`${url}/healthz`);
    expect(res.status).toBe(500);
    const body = (await res.json()) as { error: { code: string; id: string } };
    expect(body.error).toMatchObject({ code: 'internal', id: res.headers.get('x-request-id') });
    expect(JSON.stringify(body)).not.toContain('disk failure');
  });

  it('a form post too large to read gets a 413 page in the visitor language', async () => {
    const res = await fetch(`${url}/aduan?lang=en`, {
      method: 'POST',
      headers: { 'content-type': 'application/x-www-form-urlencoded', origin: url },
      body: `description=${'x'.repeat(16 * 1024 * 1024 + 1)}`,
    });
    expect(res.status).toBe(413);
    expect(await res.text()).toContain('The request body is too large.');
  });

  it('an unknown page is an HTML 404 page, an unknown API route a JSON 404', async () => {
    const page = await fetch(`${url}/tidak-ada`);
    expect(page.status).toBe(404);
    expect(page.headers.get('content-type')).toContain('text/html');
    expect(await page.text()).toContain('Halaman tidak ditemukan');
    const api = await fetch(`${url}/api/v1/tidak-ada`);
    expect(api.status).toBe(404);
    expect(await api.json()).toEqual({ error: { code: 'not_found', message: 'Tidak ditemukan.' } });
  });
});
