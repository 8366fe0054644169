// Every public page must load fast on a cheap phone on a slow network: at most 40 KB transferred
// (issue 11), no web font, nothing from another host, and a script only where a page needs one.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type BrowserEnv, browserTestsAvailable, startBrowserEnv } from '../support/browser.ts';
import { PUBLIC_PAGES } from '../support/public-pages.ts';

const available = browserTestsAvailable();
let env: BrowserEnv;

beforeAll(async () => {
  if (available) env = await startBrowserEnv({}, 'desktop');
});
afterAll(async () => {
  if (available) await env.close();
});

/**
 * The pages with a region picker or a list that depends on another (public/js/enhance.js), a
 * form that sends files (public/js/send-form.js), or a lookup or submission that carries a proof
 * of work (public/js/pow.js and its worker).
 */
const WITH_SCRIPT = new Set([
  '/cek',
  '/cek/wilayah',
  '/usulan',
  '/sanggahan',
  '/statistik',
  '/aduan',
  '/lacak',
]);

/** The check page with its proof-of-work solver stays well under the others' budget (issue 22). */
const CHECK_PAGE_BUDGET = 30 * 1024;
/** Reached from an answer on /cek, not the navigation: the desil dispute (a form that sends files). */
const FROM_ANSWERS = new Set(['/usulan/desil']);
const PAGES = [...PUBLIC_PAGES, ...FROM_ANSWERS];

describe.skipIf(!available)('page budget', () => {
  it.each(PAGES)('%s transfers at most 40 KB, loads no font and asks no other host', async (path) => {
    const { page } = await env.phone();
    const loaded: { url: string; type: string; bytes: number }[] = [];
    page.on('requestfinished', async (request) => {
      const sizes = await request.sizes();
      loaded.push({
        url: request.url(),
        type: request.resourceType(),
        bytes: sizes.responseHeadersSize + sizes.responseBodySize,
      });
    });
    await page.goto(path, { waitUntil: 'networkidle' });
    const origin = new URL(env.server.url).origin;
    expect(loaded.length).toBeGreaterThan(1);
    expect(loaded.filter((r) => new URL(r.url).origin !== origin)).toEqual([]);
    expect(loaded.filter((r) => r.type === 'font')).toEqual([]);
    expect(loaded.some((r) => r.type === 'script')).toBe(WITH_SCRIPT.has(path) || FROM_ANSWERS.has(path));
    const total = loaded.reduce((sum, r) => sum + r.bytes, 0);
    console.log(`${path}: ${loaded.length} responses, ${(total / 1024).toFixed(1)} KB transferred`);
    expect(total).toBeLessThanOrEqual(path === '/cek' ? CHECK_PAGE_BUDGET : 40 * 1024);
    // The solver runs on the pages that send a lookup or a submission, worker included.
    if (['/cek', '/lacak', '/usulan', '/sanggahan', '/aduan', '/cek/wilayah'].includes(path))
      expect(loaded.map((r) => new URL(r.url).pathname)).toEqual(
        expect.arrayContaining(['/js/pow.js', '/js/pow-worker.js']),
      );
  });
});
