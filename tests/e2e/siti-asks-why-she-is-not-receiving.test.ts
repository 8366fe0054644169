// Siti asks, on a 360 px phone with and without JavaScript, what her desil is and why her family
// does not receive a program: /cek answers each desil-based program from the ceiling kept in the
// database (no desil yet, above the ceiling, within but not listed or dropped, receiving), says
// when a list moved the desil and from what, in Bahasa Indonesia and in English, and never says a
// desil on the search by region and name.
import type { Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { databaseFile, openSqlite } from '../../src/db/database.ts';
import { DEMO_HOUSEHOLDS, type DemoKey } from '../../src/demo/generate-demo-data.ts';
import { type BrowserEnv, browserTestsAvailable, startBrowserEnv } from '../support/browser.ts';
import { appliedList } from '../support/imports.ts';

const available = browserTestsAvailable();
let env: BrowserEnv;

const demo = (key: DemoKey) => {
  const h = DEMO_HOUSEHOLDS.find((d) => d.key === key);
  if (!h) throw new Error(`no demo household ${key}`);
  return h;
};

beforeAll(async () => {
  if (!available) return;
  env = await startBrowserEnv();
  // Wonokusumo's household was last written by a list of DTSEN 2026-Q4 applied on 1 October 2026:
  // its desil has that snapshot and date.
  const { db } = openSqlite(databaseFile(env.dataDir));
  try {
    const { id } = await db
      .insertInto('imports')
      .values(appliedList('dtsen-semampir.csv', '2026-10-01T03:00:00.000Z', '2026-Q4'))
      .returning('id')
      .executeTakeFirstOrThrow();
    await db.updateTable('households').set({ import_id: id }).where('kk', '=', demo('bst').kk).execute();
    // That list moved its desil from 4 to 6 (the household's desil history, migration 022).
    const wonokusumo = await db
      .selectFrom('households')
      .select('id')
      .where('kk', '=', demo('bst').kk)
      .executeTakeFirstOrThrow();
    await db
      .insertInto('household_desil_changes')
      .values({
        household_id: wonokusumo.id,
        import_id: id,
        from_desil: 4,
        to_desil: 6,
        changed_at: '2026-10-01T03:00:00.000Z',
      })
      .execute();
    // Pulorejo's household is listed in a PKH stage after Surodinawan's last (2020-Q4): Surodinawan was dropped.
    const pulorejo = await db
      .selectFrom('households')
      .select('id')
      .where('kk', '=', demo('suspended').kk)
      .executeTakeFirstOrThrow();
    await db
      .insertInto('program_memberships')
      .values({
        household_id: pulorejo.id,
        program_code: 'PKH',
        period: '2021-Q1',
        status: 'active',
        suspension_reason: null,
        amount: 750_000,
        channel: 'Bank BRI',
        collection_point: null,
        import_id: null,
      })
      .execute();
  } finally {
    await db.destroy();
  }
});
afterAll(async () => {
  if (available) await env.close();
});

const LABELS = {
  id: { nik: 'NIK (16 angka)', kk: 'Nomor Kartu Keluarga (16 angka)', submit: 'Cek status' },
  en: { nik: 'NIK (16 digits)', kk: 'Family card (KK) number (16 digits)', submit: 'Check status' },
};

async function check(page: Page, key: DemoKey, locale: 'id' | 'en' = 'id') {
  const h = demo(key);
  await page.goto(locale === 'en' ? '/cek?lang=en' : '/cek');
  await page.getByLabel(LABELS[locale].nik).fill(h.nik);
  await page.getByLabel(LABELS[locale].kk).fill(h.kk);
  await page.getByRole('button', { name: LABELS[locale].submit }).click();
  await page.waitForSelector('#result-title');
}

const text = async (page: Page, selector: string) =>
  ((await page.locator(selector).first().textContent()) ?? '').replace(/\s+/g, ' ').trim();

/** Each not-listed program's card: its code, its ceiling line and its answer. */
async function notListed(page: Page) {
  return page.$$eval('article.program.not-listed', (cards) =>
    cards.map((c) => ({
      name: (c.querySelector('h4')?.textContent ?? '').replace(/\s+/g, ' ').trim(),
      ceiling: (c.querySelector('.desil-ceiling')?.textContent ?? '').replace(/\s+/g, ' ').trim(),
      answer: (c.querySelector('.desil-answer')?.textContent ?? '').replace(/\s+/g, ' ').trim(),
      href: c.querySelector('.onward a')?.getAttribute('href') ?? null,
    })),
  );
}

async function fitsThePhone(page: Page) {
  expect(await page.evaluate(() => document.documentElement.scrollWidth)).toBeLessThanOrEqual(360);
}

describe.skipIf(!available)('Siti asks why she is not receiving', () => {
  it.each([{ javaScript: false }, { javaScript: true }])(
    'within the ceiling: receiving BPNT and PBI-JK, PKH not listed, and why (JavaScript $javaScript)',
    async ({ javaScript }) => {
      const { page } = await env.phone({ javaScript });
      await check(page, 'bpnt');
      expect(await text(page, 'dd.desil strong')).toBe('Desil 2 dari 10');
      // Seeded, not from a list: no date rather than an invented one.
      expect(await text(page, 'dd.desil')).not.toContain('Data per');
      // No list moved it: nothing is said of a change.
      expect(await page.locator('.desil-moved').count()).toBe(0);
      const main = ((await page.locator('main').textContent()) ?? '').replace(/\s+/g, ' ');
      expect(main).toContain('DTSEN (Data Tunggal Sosial Ekonomi Nasional)');
      expect(main.split('(Data Tunggal Sosial Ekonomi Nasional)')).toHaveLength(2);
      // The receiving cards keep their status, and say the ceiling.
      const bpnt = page.locator('article.program.status-collected', { hasText: 'BPNT' });
      expect(await bpnt.locator('.desil-ceiling').textContent()).toBe('desil 1–5 (masuk batas)');
      expect(await bpnt.locator('.status').textContent()).toBe('Sudah diterima/diambil');
      const cards = await notListed(page);
      // Named by their profiles; ATENSI's ceiling (desil 1–5) is its seeded profile's (migration 023).
      expect(cards.map((c) => c.name)).toEqual([
        'Asistensi Rehabilitasi Sosial (ATENSI)',
        'Program Keluarga Harapan (PKH)',
      ]);
      const pkh = cards.find((c) => c.name.includes('PKH'));
      expect(pkh?.ceiling).toBe('desil 1–4 (masuk batas)');
      expect(pkh?.answer).toContain('Desil keluarga Anda (2) masuk batas PKH (desil 1–4)');
      expect(pkh?.answer).toContain('Kuota penerima terbatas');
      expect(pkh?.href).toBe('/aduan?program=PKH');
      await fitsThePhone(page);
    },
  );

  it.each([{ javaScript: false }, { javaScript: true }])(
    'above the ceiling: desil 6 with its date, the move from 4, why, and the way to have the data checked (JavaScript $javaScript)',
    async ({ javaScript }) => {
      const { page } = await env.phone({ javaScript });
      await check(page, 'bst');
      expect(await text(page, 'dd.desil strong')).toBe('Desil 6 dari 10');
      expect(await text(page, 'dd.desil')).toContain('(DTSEN 2026-Q4, data per 1 Oktober 2026)');
      expect(await text(page, 'dd.desil .desil-moved')).toBe(
        'Desil berubah dari 4 menjadi 6 pada 1 Oktober 2026',
      );
      const cards = await notListed(page);
      expect(cards.map((c) => c.ceiling)).toEqual([
        'desil 1–5 (di atas batas)',
        'desil 1–5 (di atas batas)',
        'desil 1–5 (di atas batas)',
        'desil 1–4 (di atas batas)',
      ]);
      const pkh = cards.find((c) => c.name.includes('PKH'));
      // 4 was within PKH's ceiling: the answer says the household rose out of it.
      expect(pkh?.answer).toContain('Desil keluarga naik dari 4 menjadi 6, di atas batas PKH (desil 1–4)');
      expect(pkh?.answer).toContain('pekerjaan, rumah, aset dan anggota keluarga');
      await fitsThePhone(page);
      await page.getByRole('link', { name: 'Minta data diperiksa ulang: ajukan aduan tentang PKH' }).click();
      await page.waitForURL('**/aduan?program=PKH');
      expect(await page.locator('#program').inputValue()).toBe('PKH');
    },
  );

  it('dropped: listed in PKH until a stage before the latest, the card says why it stopped', async () => {
    const { page } = await env.phone({ javaScript: false });
    await check(page, 'bpnt_pkh');
    const pkh = page.locator('article.program.status-collected', { hasText: 'PKH' });
    const facts = ((await pkh.locator('.facts').textContent()) ?? '').replace(/\s+/g, ' ');
    expect(facts).toContain('Tahap 4 2020');
    expect(facts).toContain('Periode terakhir program iniTahap 1 2021');
    expect(await pkh.locator('.desil-ceiling').textContent()).toBe('desil 1–4 (masuk batas)');
    expect(await pkh.locator('.desil-answer').textContent()).toContain(
      'tidak tercatat sebagai penerima pada periode terakhir',
    );
    // The heading and the summary say PKH stopped, though BPNT still pays.
    expect(await text(page, '#result-title')).toBe('Keluarga terdaftar, ada bantuan yang bermasalah');
    const glance = await page.locator('ul.glance li').allTextContents();
    expect(glance.map((g) => g.replace(/\s+/g, ' ').trim())).toContainEqual(
      'PKH (Program Keluarga Harapan) · Tahap 1 2021: Tidak (Tidak tercatat sebagai penerima)',
    );
    // BPNT, still listed in its latest month, says no more than its ceiling.
    const bpnt = page.locator('article.program.status-collected', { hasText: 'BPNT' });
    expect(await bpnt.locator('.desil-answer').count()).toBe(0);
    await fitsThePhone(page);
  });

  it.each([{ javaScript: false }, { javaScript: true }])(
    'no desil yet: what that means and that DTSEN is updated every quarter (JavaScript $javaScript)',
    async ({ javaScript }) => {
      const { page } = await env.phone({ javaScript });
      await check(page, 'kks');
      expect(await text(page, 'dd.desil strong')).toBe('Belum ada desil');
      const cards = await notListed(page);
      expect(cards).toHaveLength(4);
      for (const card of cards) {
        expect(card.ceiling).toMatch(/^desil 1–[45] \(belum ada desil\)$/);
        expect(card.answer).toContain('belum diberi peringkat pada pemutakhiran DTSEN terakhir');
        expect(card.answer).toContain('DTSEN diperbarui setiap tiga bulan');
      }
      // The KKS card itself stays as it was, with no desil of its own: KKS has no ceiling.
      const kks = page.locator('article.program.status-active', { hasText: 'KKS' });
      expect(await kks.locator('.desil-ceiling').count()).toBe(0);
      await fitsThePhone(page);
    },
  );

  it.each([{ javaScript: false }, { javaScript: true }])(
    'not registered: how a household gets into DTSEN (JavaScript $javaScript)',
    async ({ javaScript }) => {
      const { page } = await env.phone({ javaScript });
      await check(page, 'not_found');
      const line = await text(page, 'li.not-found-dtsen');
      expect(line).toContain('Musyawarah kelurahan/desa');
      expect(line).toContain('Usul Sanggah');
      expect(await page.locator('dd.desil').count()).toBe(0);
      await fitsThePhone(page);
    },
  );

  it('reads the answer in English when English is chosen', async () => {
    const { page } = await env.phone({ javaScript: false });
    await check(page, 'bst', 'en');
    expect(await text(page, 'dd.desil strong')).toBe('Desil 6 of 10');
    expect(await text(page, 'dd.desil')).toContain('(DTSEN 2026-Q4, data as of 1 October 2026)');
    expect(await text(page, 'dd.desil .desil-moved')).toBe('The desil changed from 4 to 6 on 1 October 2026');
    const pkh = (await notListed(page)).find((c) => c.name.includes('PKH'));
    expect(pkh?.ceiling).toBe('desil 1–4 (above the limit)');
    expect(pkh?.answer).toContain(
      "Your household's desil rose from 4 to 6, above the limit of PKH (desil 1–4)",
    );
    expect(pkh?.answer).toContain('That is why the household does not receive PKH');
    expect(await text(page, 'main')).toContain('DTSEN (Single Socio-Economic National Data)');
    await fitsThePhone(page);
  });

  it('never says a desil on the search by region and name', async () => {
    const { page } = await env.phone({ javaScript: false });
    await page.goto('/cek/wilayah');
    for (const [level, code] of [
      ['province', '35'],
      ['regency', '35.78'],
      ['district', '35.78.16'],
      ['village', '35.78.16.1003'],
    ] as const) {
      await page.locator(`#${level}`).selectOption(code);
      await page.locator('button[name="step"][value="region"]').click();
      await page.waitForLoadState();
    }
    await page.locator('#name').fill('matrawi');
    await page.locator('button[name="step"][value="search"]').click();
    await page.waitForSelector('#results-title');
    expect(await page.locator('table.matches tbody tr').count()).toBeGreaterThan(0);
    expect(await text(page, 'main')).not.toMatch(/desil|di atas batas|masuk batas/i);
  });
});
