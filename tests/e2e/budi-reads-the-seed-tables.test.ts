// Budi reads the published tables on the public figures page, on his phone and without
// JavaScript: the Mojokerto SLRT complaints 2018–2020 (seed 002 Tabel 1), the Mojokerto BPNT
// collection per month of 2020 (Tabel 2) and Semampir's BST per kelurahan (seed 001), each as a
// chart with a text alternative, a table and a CSV that parses. No count below 5 is shown.
import { parse } from 'csv-parse/sync';
import type { Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { BPNT_MOJOKERTO_2020, BST_SEMAMPIR } from '../../src/demo/figures.ts';
import { SLRT_MOJOKERTO, SLRT_TOTALS, SLRT_YEARS } from '../../src/demo/slrt-figures.ts';
import { formatCount, formatPeriod, translateDynamic } from '../../src/i18n/messages.ts';
import { axeViolations } from '../support/axe.ts';
import { type BrowserEnv, browserTestsAvailable, startBrowserEnv } from '../support/browser.ts';

const available = browserTestsAvailable();
let env: BrowserEnv;

beforeAll(async () => {
  if (available) env = await startBrowserEnv();
});
afterAll(async () => {
  if (available) await env.close();
});

const MOJOKERTO = '/statistik?region=35.76&program=BPNT&period=2020-12';
const SEMAMPIR = '/statistik?region=35.78.16&program=BST&period=2020-04';
const shown = (n: number) => (n < 5 ? '< 5' : formatCount('id', n));

/** A table as text: its row header and cells, per body row. */
async function tableRows(page: Page, selector: string): Promise<Record<string, string[]>> {
  const rows = await page
    .locator(`${selector} tbody tr`)
    .evaluateAll((trs) => trs.map((tr) => [...tr.children].map((c) => (c.textContent ?? '').trim())));
  return Object.fromEntries(rows.map(([head = '', ...cells]) => [head, cells]));
}

async function headers(page: Page, selector: string): Promise<string[]> {
  return page.locator(`${selector} thead th`).allTextContents();
}

async function csvOf(page: Page, linkSelector: string): Promise<string[][]> {
  const href = await page.locator(linkSelector).getAttribute('href');
  const response = await page.request.get(href ?? '');
  expect(response.status()).toBe(200);
  expect(response.headers()['content-type']).toContain('text/csv');
  return parse(await response.text(), { bom: true });
}

describe.skipIf(!available)('the seed tables on /statistik', () => {
  it('shows the SLRT complaints of Kota Mojokerto per program and year as seed 002 Tabel 1', async () => {
    const { page } = await env.phone({ javaScript: false });
    expect((await page.goto(MOJOKERTO))?.status()).toBe(200);
    const head = await headers(page, '#chart-complaints-table');
    const cols = SLRT_YEARS.map((y) => head.indexOf(String(y)) - 1);
    expect(cols.every((c) => c >= 0)).toBe(true);
    const rows = await tableRows(page, '#chart-complaints-table');
    for (const row of SLRT_MOJOKERTO) {
      const label = translateDynamic('id', `aduan.program.${row.program}`);
      expect(
        cols.map((c) => rows[label]?.[c]),
        row.category,
      ).toEqual(SLRT_YEARS.map((y) => shown(row.counts[y])));
    }
    const totals = await page.locator('#chart-complaints-table tfoot td').allTextContents();
    expect(cols.map((c) => totals[c])).toEqual(SLRT_YEARS.map((y) => formatCount('id', SLRT_TOTALS[y])));

    const csv = await csvOf(page, '#chart-complaints-h ~ p a[download]');
    const csvCols = SLRT_YEARS.map((y) => (csv[0] ?? []).indexOf(String(y)));
    const bpnt = csv.find((r) => r[0] === 'BPNT') ?? [];
    expect(csvCols.map((c) => bpnt[c])).toEqual(['314', '557', '917']);
    const becak = csv.find((r) => r[0] === 'TUKANG_BECAK') ?? [];
    expect(csvCols.map((c) => becak[c])).toEqual(['<5', '<5', '14']);
  });

  it('shows the BPNT collection of Kota Mojokerto per month of 2020 as seed 002 Tabel 2', async () => {
    const { page } = await env.phone({ javaScript: false });
    await page.goto(MOJOKERTO);
    const rows = await tableRows(page, '#chart-collection-table');
    for (const m of BPNT_MOJOKERTO_2020) {
      const rate = ((m.collected / m.listed) * 100).toLocaleString('id-ID', {
        minimumFractionDigits: 2,
        maximumFractionDigits: 2,
      });
      expect(rows[formatPeriod('id', m.period)], m.period).toEqual([
        formatCount('id', m.listed),
        formatCount('id', m.collected),
        rate,
      ]);
    }
    expect(rows['Januari 2020']?.[2]).toBe('87,97');
    expect(rows['April 2020']?.[2]).toBe('93,44');
    const csv = await csvOf(page, '#chart-collection-h ~ p a[download]');
    expect(csv[0]).toEqual(['periode', 'penerima_kpm', 'mengambil_kpm', 'persentase']);
    expect(csv.find((r) => r[0] === '2020-12')).toEqual(['2020-12', '6128', '5540', '90.4']);
  });

  it('shows BST per kelurahan of Semampir as seed 001', async () => {
    const { page } = await env.phone({ javaScript: false });
    await page.goto(SEMAMPIR);
    const rows = await tableRows(page, '#chart-recipients-table');
    for (const v of BST_SEMAMPIR) expect(rows[v.name]?.[0], v.name).toBe(formatCount('id', v.households));
    expect(await page.locator('#chart-recipients-table tfoot td').first().textContent()).toBe('13.130');
    const csv = await csvOf(page, '#chart-recipients-h ~ p a[download]');
    expect(csv.find((r) => r[1] === 'Wonokusumo')?.[2]).toBe('4849');
  });

  it('shows no count below 5 anywhere, in the tables or the CSVs', async () => {
    const { page } = await env.phone({ javaScript: false });
    for (const path of [MOJOKERTO, SEMAMPIR, '/statistik?region=35.76.03.1006&program=BPNT']) {
      await page.goto(path);
      const cells = await page.locator('main td').allTextContents();
      expect(cells.length).toBeGreaterThan(0);
      for (const cell of cells.map((c) => c.trim())) {
        if (cell === '< 5' || cell.includes(',') || cell === '—') continue;
        expect(Number(cell.replaceAll('.', '')), `${path}: ${cell}`).toBeGreaterThanOrEqual(5);
      }
      for (const link of await page.locator('main a[download]').all()) {
        const res = await page.request.get((await link.getAttribute('href')) ?? '');
        const csv = parse(await res.text(), { bom: true }) as string[][];
        for (const row of csv.slice(1)) {
          for (const cell of row) {
            if (/^\d+$/.test(cell)) expect(Number(cell), `${path} CSV`).toBeGreaterThanOrEqual(5);
          }
        }
      }
    }
  });

  it('gives every chart a title and a description a screen reader reads, and passes axe', async () => {
    const { page } = await env.phone({ bypassCSP: true, javaScript: true });
    for (const path of [MOJOKERTO, SEMAMPIR, `${MOJOKERTO}&lang=en`]) {
      await page.goto(path);
      const charts = await page.locator('svg.chart').evaluateAll((svgs) =>
        svgs.map((svg) => ({
          role: svg.getAttribute('role'),
          names: (svg.getAttribute('aria-labelledby') ?? '')
            .split(' ')
            .map((id) => document.getElementById(id)?.textContent ?? ''),
        })),
      );
      expect(charts.length).toBeGreaterThanOrEqual(path === SEMAMPIR ? 2 : 3);
      for (const c of charts) {
        expect(c.role).toBe('img');
        expect(c.names).toHaveLength(2);
        expect(c.names.every((n) => n.length > 5)).toBe(true);
      }
      expect(await page.locator('script[src]').count()).toBeLessThanOrEqual(1);
      const violations = await axeViolations(page);
      expect(violations, path).toEqual([]);
    }
  });

  it('the back-office statistics and export pages pass axe too, on a phone', async () => {
    const { page } = await env.phone({ bypassCSP: true });
    await page.goto('/petugas/masuk');
    await page.fill('#username', 'dinsos.mojokerto');
    await page.fill('#password', 'dinsos-demo-2026');
    await page.click('button[type=submit]:has-text("Masuk")');
    await page.waitForURL(/\/petugas$/);
    for (const path of ['/petugas/statistik', '/petugas/ekspor']) {
      await page.goto(path);
      expect(await page.locator('h1').textContent()).not.toContain('tidak ditemukan');
      if (path === '/petugas/statistik') {
        // Recipients by desil: each desil-based program, its latest period, desil by desil.
        expect(await page.locator('#desil-h').textContent()).toContain('KPM per desil DTSEN');
        const labels = await page.locator('#desil-table tbody th').allTextContents();
        expect(labels.length).toBeGreaterThan(0);
        for (const label of labels)
          expect(label).toMatch(/^(BPNT|PKH|PBI-JK) \(.+\) · (Desil \d+ dari 10|Belum ada desil)$/);
        // Households a desil move took past a ceiling: the demo has no move yet, and says so.
        expect(await page.locator('#desil-dropped-h').textContent()).toContain('keluar dari batas desil');
        expect(await page.locator('section[aria-labelledby="desil-dropped-h"]').textContent()).toContain(
          'Belum ada keluarga penerima yang desilnya naik melewati batas program.',
        );
      }
      const violations = await axeViolations(page);
      expect(violations, path).toEqual([]);
    }
  });

  it('stays within the 40 KB budget of the public pages', async () => {
    const { page } = await env.phone();
    const loaded: number[] = [];
    page.on('response', async (response) => {
      const body = await response.body().catch(() => Buffer.alloc(0));
      loaded.push(body.byteLength);
    });
    await page.goto(MOJOKERTO, { waitUntil: 'networkidle' });
    const total = loaded.reduce((s, n) => s + n, 0);
    console.log(`/statistik (Mojokerto, BPNT): ${loaded.length} responses, ${(total / 1024).toFixed(1)} KB`);
    expect(total).toBeLessThanOrEqual(40 * 1024);
  });
});
