// The built client files are served from a list made at start (src/server/static-files.ts): a
// listed file comes from disk with its headers, every other path goes on to the pages untouched.
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { Hono } from 'hono';
import { afterAll, describe, expect, it } from 'vitest';
import { listStaticFiles, serveStaticFiles } from '../../src/server/static-files.ts';

const root = mkdtempSync(path.join(tmpdir(), 'cek-static-'));
mkdirSync(path.join(root, 'css'));
mkdirSync(path.join(root, '_astro', 'deep'), { recursive: true });
writeFileSync(path.join(root, 'css', 'app.css'), 'body{}');
writeFileSync(path.join(root, '_astro', 'deep', 'x.js'), 'let x;');
writeFileSync(path.join(root, 'favicon.png'), 'png');
afterAll(() => rmSync(root, { recursive: true, force: true }));

function appOver(dir: string) {
  const app = new Hono();
  app.use(
    '*',
    serveStaticFiles(dir, () => 'public, max-age=3600'),
  );
  app.all('*', (c) => c.text(`page ${c.req.method} ${c.req.path}`, 200));
  return app;
}

describe('static files', () => {
  it('lists every file under the root as its URL path, and no directory', () => {
    expect([...listStaticFiles(root)].sort()).toEqual(['/_astro/deep/x.js', '/css/app.css', '/favicon.png']);
  });

  it('serves a listed file with its type and cache header; the rest goes on to the pages', async () => {
    const app = appOver(root);
    const css = await app.request('/css/app.css');
    expect(css.status).toBe(200);
    expect(css.headers.get('content-type')).toContain('text/css');
    expect(css.headers.get('cache-control')).toBe('public, max-age=3600');
    expect(await css.text()).toBe('body{}');
    expect(await (await app.request('/_astro/deep/x.js')).text()).toBe('let x;');

    for (const other of ['/', '/css', '/css/', '/cek', '/css/missing.css', '/CSS/APP.CSS']) {
      const res = await app.request(other);
      expect(await res.text(), other).toMatch(/^page GET /);
    }
    // A form posted to a file's path is the pages' to answer, as before.
    expect(await (await app.request('/css/app.css', { method: 'POST' })).text()).toBe(
      'page POST /css/app.css',
    );
  });

  it('a file that appears after start is not served: the build is fixed while its server runs', async () => {
    const dir = mkdtempSync(path.join(tmpdir(), 'cek-static-late-'));
    try {
      const app = appOver(dir);
      writeFileSync(path.join(dir, 'late.txt'), 'late');
      expect(await (await app.request('/late.txt')).text()).toBe('page GET /late.txt');
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });
});
