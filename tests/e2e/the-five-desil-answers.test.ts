// The five answers /cek gives a household proven by NIK + KK (issue 19), each through its own demo
// household (the README's table marks which): 1 not in DTSEN at all → how to be proposed; 2 in
// DTSEN without a desil → what that means and when the next quarterly update lands; 3 a desil above
// a program's ceiling → why, and the desil dispute; 4 within the ceiling but not a recipient → the
// quota, a next period and the complaint; 5 a recipient with a suspended program and a deactivated
// PBI-JK → the fix and the reactivation. On a 360 px phone, with JavaScript and without: the
// answer's heading, its key sentence, nothing wider than the phone, and its next-step link, which
// opens a working form. Answer 3 once more in English. One server and one browser for the file.
//
// The journeys past the form (sending it, the receipt, Lacak) are proven elsewhere, for the same
// households: a-resident-disputes-the-desil (3), sugeng-asks-for-pbi-jk-back (5),
// siti-reads-her-answer-on-a-phone (the complaint form from a suspension), ani-proposes-a-household (1).
import type { Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { DEMO_HOUSEHOLDS, type DesilAnswerNumber } from '../../src/demo/generate-demo-data.ts';
import { nextQuarterStart } from '../../src/domain/cek/desil-answer.ts';
import { type BrowserEnv, browserTestsAvailable, startBrowserEnv } from '../support/browser.ts';

const available = browserTestsAvailable();
let env: BrowserEnv;

beforeAll(async () => {
  // Twenty-odd checks from one address, half of them without JavaScript (no proof of work: a third
  // of the limits): the limits an office behind one NAT would raise.
  if (available)
    env = await startBrowserEnv({ LIMIT_NIK_CHECKS_PER_CLIENT: '600', LIMIT_CHECKS_PER_NIK: '100' });
}, 120_000);
afterAll(async () => {
  if (available) await env.close();
});

const household = (answer: DesilAnswerNumber) => {
  const found = DEMO_HOUSEHOLDS.filter((h) => h.answer === answer);
  expect(found, `one demo household for answer ${answer}`).toHaveLength(1);
  return found[0] as (typeof DEMO_HOUSEHOLDS)[number];
};

const squeeze = (s: string | null) => (s ?? '').replace(/\s+/g, ' ').trim();

const LABELS = {
  id: { nik: 'NIK (16 angka)', kk: 'Nomor Kartu Keluarga (16 angka)', submit: 'Cek status' },
  en: { nik: 'NIK (16 digits)', kk: 'Family card (KK) number (16 digits)', submit: 'Check status' },
};

async function check(page: Page, answer: DesilAnswerNumber, locale: 'id' | 'en' = 'id') {
  const h = household(answer);
  await page.goto(locale === 'en' ? '/cek?lang=en' : '/cek');
  await page.getByLabel(LABELS[locale].nik).fill(h.nik);
  await page.getByLabel(LABELS[locale].kk).fill(h.kk);
  const [response] = await Promise.all([
    page.waitForResponse((r) => r.request().method() === 'POST' && new URL(r.url()).pathname === '/cek'),
    page.getByRole('button', { name: LABELS[locale].submit }).click(),
  ]);
  expect(response.status()).toBe(200);
  await page.waitForSelector('#result-title');
}

/** No sideways scroll, and no element of the page's main part reaching past the phone's edge. */
async function fitsThePhone(page: Page) {
  const { scroll, past } = await page.evaluate(() => ({
    scroll: document.documentElement.scrollWidth,
    past: [...document.querySelectorAll('main *')]
      .filter(
        (e) =>
          e.getBoundingClientRect().width > 1 && e.getBoundingClientRect().right > window.innerWidth + 0.5,
      )
      .map((e) => `${e.tagName.toLowerCase()}.${e.className}: ${(e.textContent ?? '').slice(0, 40)}`),
  }));
  expect(scroll).toBeLessThanOrEqual(360);
  expect(past).toEqual([]);
}

/** Follows the link and checks the form it opens: its heading, and a form that posts where it says. */
async function opensTheForm(
  page: Page,
  link: ReturnType<Page['locator']>,
  form: { path: string; heading: string | RegExp },
) {
  await link.click();
  await page.waitForURL((url) => url.pathname === form.path);
  expect(squeeze(await page.locator('h1').textContent())).toMatch(form.heading);
  // The usulan form has a send button per step; every form here has at least one.
  expect(
    await page.locator(`form[action="${form.path}"][method="post"] button[type="submit"]`).count(),
  ).toBeGreaterThan(0);
  await fitsThePhone(page);
}

describe.skipIf(!available).each([{ javaScript: true }, { javaScript: false }])(
  'the five desil answers at 360 px (JavaScript $javaScript)',
  ({ javaScript }) => {
    it('1. not in DTSEN at all: how to be proposed, and the proposal form', async () => {
      const { page } = await env.phone({ javaScript });
      await check(page, 1);
      expect(squeeze(await page.locator('#result-title').textContent())).toBe('Tidak terdaftar');
      const answer = squeeze(await page.locator('.result-not-found').textContent());
      expect(answer).toContain('musyawarah kelurahan');
      expect(answer).toContain('aplikasi Cek Bansos Kementerian Sosial (menu Usul Sanggah)');
      // Nothing personal is said back: neither the NIK nor the KK typed.
      expect(answer).not.toContain(household(1).nik);
      await fitsThePhone(page);
      const propose = page.locator('.result-not-found a[href="/usulan"]');
      expect(squeeze(await propose.textContent())).toMatch(/^Ajukan usulan agar keluarga didata/);
      await opensTheForm(page, propose, { path: '/usulan', heading: /usul/i });
    });

    it('2. in DTSEN without a desil: what that means, the next quarter, and the complaint form', async () => {
      const { page } = await env.phone({ javaScript });
      await check(page, 2);
      expect(squeeze(await page.locator('dd.desil strong').textContent())).toBe('Belum ada desil');
      const pkh = page.locator('article.program.desil-no_desil', { hasText: 'PKH' });
      const answer = squeeze(await pkh.locator('.desil-answer').textContent());
      expect(answer).toContain('Keluarga Anda belum punya desil');
      expect(answer).toContain(`pemutakhiran berikutnya awal ${nextQuarterStart('id', new Date())}`);
      await fitsThePhone(page);
      const complain = pkh.locator('.onward a');
      expect(await complain.getAttribute('href')).toBe('/aduan?program=PKH');
      await opensTheForm(page, complain, { path: '/aduan', heading: /aduan/i });
      expect(await page.locator('#program').inputValue()).toBe('PKH');
    });

    it('3. desil above the ceiling: why, and the desil dispute form', async () => {
      const { page } = await env.phone({ javaScript });
      await check(page, 3);
      expect(squeeze(await page.locator('dd.desil strong').textContent())).toBe('Desil 6 dari 10');
      const pkh = page.locator('article.program.desil-above_ceiling', { hasText: 'PKH' });
      expect(squeeze(await pkh.locator('.desil-ceiling').textContent())).toBe('desil 1–4 (di atas batas)');
      const answer = squeeze(await pkh.locator('.desil-answer').textContent());
      expect(answer).toContain('Desil keluarga Anda (6) di atas batas PKH (desil 1–4)');
      expect(answer).toContain('ajukan sanggah desil');
      await fitsThePhone(page);
      const dispute = pkh.locator('a.dispute');
      expect(await dispute.getAttribute('href')).toBe('/usulan/desil?desil=6');
      await opensTheForm(page, dispute, { path: '/usulan/desil', heading: /desil/i });
    });

    it('4. within the ceiling, not a recipient: the quota, a next period, and the complaint form', async () => {
      const { page } = await env.phone({ javaScript });
      await check(page, 4);
      expect(squeeze(await page.locator('dd.desil strong').textContent())).toBe('Desil 2 dari 10');
      const pkh = page.locator('article.program.desil-within_not_receiving', { hasText: 'PKH' });
      const answer = squeeze(await pkh.locator('.desil-answer').textContent());
      expect(answer).toContain('Desil keluarga Anda (2) masuk batas PKH (desil 1–4)');
      expect(answer).toContain('Kuota penerima terbatas; keluarga bisa masuk pada periode berikutnya');
      await fitsThePhone(page);
      const complain = pkh.locator('.onward a');
      expect(await complain.getAttribute('href')).toBe('/aduan?program=PKH');
      await opensTheForm(page, complain, { path: '/aduan', heading: /aduan/i });
      expect(await page.locator('#program').inputValue()).toBe('PKH');
    });

    it('5. a recipient with a suspended and a deactivated program: the fix, and the reactivation form', async () => {
      const { page } = await env.phone({ javaScript });
      await check(page, 5);
      expect(squeeze(await page.locator('#result-title').textContent())).toBe(
        'Keluarga terdaftar, ada bantuan yang bermasalah',
      );
      // BPNT suspended: why, and the complaint with the problem chosen.
      const bpnt = page.locator('article.program.status-suspended', { hasText: 'BPNT' });
      expect(squeeze(await bpnt.locator('.status').textContent())).toMatch(
        /^Ditangguhkan: data tidak sama dengan data Dukcapil/,
      );
      expect(await bpnt.locator('.onward a').getAttribute('href')).toBe(
        '/aduan?program=BPNT&problem=data_tidak_padan_dukcapil',
      );
      // PBI-JK deactivated: the way back is a reactivation with a health facility's letter.
      const pbi = page.locator('article.program.status-suspended', { hasText: 'PBI' });
      expect(squeeze(await pbi.locator('.status').textContent())).toMatch(/^Nonaktif/);
      expect(squeeze(await pbi.locator('.reactivation-path').textContent())).toMatch(/surat keterangan/);
      await fitsThePhone(page);
      const reactivate = pbi.getByRole('link', { name: 'Minta PBI-JK diaktifkan kembali' });
      expect(await reactivate.getAttribute('href')).toBe('/aduan/reaktivasi?program=PBI-JK');
      await opensTheForm(page, reactivate, {
        path: '/aduan/reaktivasi',
        heading: 'Minta PBI-JK diaktifkan kembali',
      });
    });
  },
);

describe.skipIf(!available)('in English', () => {
  it('3. desil above the ceiling says the same, and leads to the dispute form', async () => {
    const { page } = await env.phone({ javaScript: false, locale: 'en-US' });
    await check(page, 3, 'en');
    expect(squeeze(await page.locator('dd.desil strong').textContent())).toBe('Desil 6 of 10');
    const pkh = page.locator('article.program.desil-above_ceiling', { hasText: 'PKH' });
    const answer = squeeze(await pkh.locator('.desil-answer').textContent());
    expect(answer).toContain("Your household's desil (6) is above the limit of PKH (desil 1–4)");
    expect(answer).toContain('dispute the desil');
    await fitsThePhone(page);
    const dispute = pkh.locator('a.dispute');
    expect(squeeze(await dispute.textContent())).not.toBe('');
    await opensTheForm(page, dispute, { path: '/usulan/desil', heading: /desil/i });
  });
});
