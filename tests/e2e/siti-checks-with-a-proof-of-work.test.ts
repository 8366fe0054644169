// Siti checks her household on a 360 px phone while the check asks for a proof of work (issue 22):
// with JavaScript the page solves it in a worker and sends it with the form; when strangers have
// hammered her NIK the server asks for a harder one, which the page solves and resends by itself.
// Without JavaScript the form still works, says why the limit is stricter, and when it is reached
// says how many minutes to wait.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Challenge } from '../../src/domain/privacy/proof-of-work.ts';
import { type BrowserEnv, browserTestsAvailable, startBrowserEnv } from '../support/browser.ts';
import { proofHeader, solvedHeader } from '../support/proof-of-work.ts';

const available = browserTestsAvailable();
let env: BrowserEnv;

beforeAll(async () => {
  if (available) env = await startBrowserEnv({ POW_COST: '50000' }, 'desktop');
});
afterAll(async () => {
  if (available) await env.close();
});

async function demoHousehold(key: 'bpnt' | 'bst'): Promise<{ nik: string; kk: string }> {
  const { DEMO_HOUSEHOLDS } = await import('../../src/demo/generate-demo-data.ts');
  const household = DEMO_HOUSEHOLDS.find((h) => h.key === key);
  if (!household) throw new Error(`no ${key} demo household`);
  return { nik: household.nik, kk: household.kk };
}

/** A check over the API with a solved proof (and the harder one when asked), as a script would. */
async function apiCheck(nik: string, kk: string): Promise<number> {
  const send = (proof: Record<string, string>) =>
    fetch(new URL('/api/v1/cek', env.server.url), {
      method: 'POST',
      headers: { 'content-type': 'application/json', ...proof },
      body: JSON.stringify({ nik, kk }),
    });
  let res = await send(await proofHeader(env.server.url));
  if (res.status === 428) {
    const { error } = (await res.json()) as { error: { challenge: Challenge } };
    res = await send(solvedHeader(error.challenge));
  } else await res.body?.cancel();
  return res.status;
}

describe.skipIf(!available)('the check page’s proof of work', () => {
  it('with JavaScript: solves it, sends it with the form and shows the answer', async () => {
    const household = await demoHousehold('bpnt');
    const { page } = await env.phone();
    const posted: string[] = [];
    page.on('request', (r) => {
      if (r.method() === 'POST') posted.push(r.postData() ?? '');
    });
    await page.goto('/cek');
    await page.getByLabel('NIK (16 angka)').fill(household.nik);
    await page.getByLabel('Nomor Kartu Keluarga (16 angka)').fill(household.kk);
    await page.getByRole('button', { name: 'Cek status' }).click();
    await expect
      .poll(() => page.getByRole('heading', { level: 2 }).first().textContent(), { timeout: 20_000 })
      .toBe('Keluarga terdaftar dan menerima bantuan');
    expect(posted).toHaveLength(1);
    expect(new URLSearchParams(posted[0]).get('pow')).toMatch(/^[A-Za-z0-9+/=]{100,}$/);
    expect(await page.evaluate(() => document.documentElement.scrollWidth)).toBeLessThanOrEqual(360);
  });

  it('with JavaScript: a NIK hammered by strangers still answers its owner, after a harder proof', async () => {
    const household = await demoHousehold('bst');
    // Strangers' wrong guesses (each with a proof) use up the NIK's own limit (10).
    for (let i = 0; i < 10; i++) expect(await apiCheck(household.nik, '3576021205159999')).toBe(200);
    const { page } = await env.phone();
    const statuses: number[] = [];
    page.on('response', (r) => {
      if (r.request().method() === 'POST') statuses.push(r.status());
    });
    await page.goto('/cek');
    await page.getByLabel('NIK (16 angka)').fill(household.nik);
    await page.getByLabel('Nomor Kartu Keluarga (16 angka)').fill(household.kk);
    await page.getByRole('button', { name: 'Cek status' }).click();
    await expect
      .poll(() => page.getByRole('heading', { level: 2 }).first().textContent(), { timeout: 60_000 })
      .toMatch(/^Keluarga terdaftar/);
    // First the page that asked for the harder proof, then the answer, sent again by the page itself.
    expect(statuses).toEqual([428, 200]);
  }, 90_000);

  it('without JavaScript: works, says why fewer checks, and then how long to wait', async () => {
    const household = await demoHousehold('bpnt');
    const { page } = await env.phone({ javaScript: false });
    await page.goto('/cek');
    expect(await page.locator('main').textContent()).toContain(
      'Tanpa JavaScript, sambungan ini boleh memeriksa lebih sedikit',
    );
    const statuses: number[] = [];
    page.on('response', (r) => {
      if (r.request().method() === 'POST') statuses.push(r.status());
    });
    // A third of the 30 checks per client without a proof (each of another NIK, so that only the
    // client's limit counts): the 11th is refused with the minutes to wait.
    const nikOf = (i: number) => `35760214036800${String(10 + i)}`;
    for (let i = 0; i < 11; i++) {
      await page.getByLabel('NIK (16 angka)').fill(nikOf(i));
      await page.getByLabel('Nomor Kartu Keluarga (16 angka)').fill(household.kk);
      await page.getByRole('button', { name: 'Cek status' }).click();
      await page.waitForLoadState();
    }
    expect(statuses).toEqual([...Array(10).fill(200), 429]);
    const text = (await page.locator('main').textContent()) ?? '';
    expect(text).toMatch(/coba lagi dalam \d+ menit/);
    // What she typed is still there.
    expect(await page.getByLabel('NIK (16 angka)').inputValue()).toBe(nikOf(10));
  }, 120_000);
});
