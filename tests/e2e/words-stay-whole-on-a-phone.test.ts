// On a 360 px phone no word or number in a table cell or a fact list may be split across two
// lines: "Rp 3.000.0|00" reads as another amount, "Nam|a" as a typo. Each word is measured in
// the browser: a word that wrapped has client rectangles on two different lines.
import type { Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { DEMO_HOUSEHOLDS } from '../../src/demo/generate-demo-data.ts';
import { type BrowserEnv, browserTestsAvailable, startBrowserEnv } from '../support/browser.ts';

const available = browserTestsAvailable();
let env: BrowserEnv;

beforeAll(async () => {
  if (available) env = await startBrowserEnv();
});
afterAll(async () => {
  if (available) await env.close();
});

/** The words of table cells and fact lists that wrap inside themselves, and any sideways scroll. */
function brokenWords(page: Page): Promise<{ words: string[]; overflow: number }> {
  return page.evaluate(() => {
    for (const details of document.querySelectorAll('details')) details.open = true;
    const words: string[] = [];
    for (const cell of document.querySelectorAll('main th, main td, main dt, main dd')) {
      const walker = document.createTreeWalker(cell, NodeFilter.SHOW_TEXT);
      for (let node = walker.nextNode(); node; node = walker.nextNode()) {
        for (const m of (node.textContent ?? '').matchAll(/\S+/g)) {
          const range = document.createRange();
          range.setStart(node, m.index);
          range.setEnd(node, m.index + m[0].length);
          const lines = new Set(
            [...range.getClientRects()].filter((r) => r.width > 0).map((r) => Math.round(r.bottom)),
          );
          if (lines.size > 1) words.push(m[0]);
        }
      }
    }
    return { words, overflow: document.documentElement.scrollWidth - window.innerWidth };
  });
}

describe.skipIf(!available)('at 360 px', () => {
  it('the criteria and the figures keep amounts, names and headings whole', async () => {
    const { page } = await env.phone();
    for (const path of [
      '/kriteria',
      '/kriteria?lang=en',
      '/statistik',
      '/statistik?region=35.76.01',
      '/statistik?region=35.76&program=PKH',
      '/statistik?region=35.78.16',
    ]) {
      await page.goto(path);
      expect(await brokenWords(page), path).toEqual({ words: [], overflow: 0 });
    }
  });

  it('every demo household on /cek keeps its facts whole', async () => {
    const { page } = await env.phone();
    for (const h of DEMO_HOUSEHOLDS) {
      await page.goto('/cek');
      await page.getByLabel('NIK (16 angka)').fill(h.nik);
      await page.getByLabel('Nomor Kartu Keluarga (16 angka)').fill(h.kk);
      await page.getByRole('button', { name: 'Cek status' }).click();
      await page.locator('.result').waitFor();
      expect(await brokenWords(page), h.nik).toEqual({ words: [], overflow: 0 });
    }
  });

  it('the name search results keep names and ages whole', async () => {
    const { page } = await env.phone({ javaScript: false });
    await page.goto('/cek/wilayah?province=35&regency=35.76&district=35.76.02&village=35.76.02.1009');
    await page.getByLabel('Nama penerima manfaat (sesuai KTP)').fill('siti');
    await page.getByRole('button', { name: 'Cari' }).click();
    await page.locator('table.matches').waitFor();
    expect(await brokenWords(page)).toEqual({ words: [], overflow: 0 });
  });
});
