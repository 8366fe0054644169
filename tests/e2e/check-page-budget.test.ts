// The check page must load fast on a cheap phone on a slow network: at most 60 KB in all, no
// web font, nothing from another host.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type BrowserEnv, browserTestsAvailable, startBrowserEnv } from '../support/browser.ts';

const available = browserTestsAvailable();
let env: BrowserEnv;

beforeAll(async () => {
  if (available) env = await startBrowserEnv();
});
afterAll(async () => {
  if (available) await env.close();
});

describe.skipIf(!available)('check page budget', () => {
  it('weighs at most 60 KB, loads no font and asks no other host', async () => {
    const { page } = await env.phone();
    const loaded: { url: string; type: string; bytes: number }[] = [];
    page.on('response', async (response) => {
      const body = await response.body().catch(() => Buffer.alloc(0));
      loaded.push({ url: response.url(), type: response.request().resourceType(), bytes: body.byteLength });
    });
    await page.goto('/cek', { waitUntil: 'networkidle' });
    const origin = new URL(env.server.url).origin;
    expect(loaded.length).toBeGreaterThan(1);
    expect(loaded.filter((r) => new URL(r.url).origin !== origin)).toEqual([]);
    expect(loaded.filter((r) => r.type === 'font')).toEqual([]);
    const total = loaded.reduce((sum, r) => sum + r.bytes, 0);
    console.log(`check page: ${loaded.length} responses, ${(total / 1024).toFixed(1)} KB`);
    expect(total).toBeLessThanOrEqual(60 * 1024);
  });
});
