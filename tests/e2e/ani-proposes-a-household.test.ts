// Ani, head of RT 003, proposes a poor household of her neighbourhood for DTKS from her phone:
// with JavaScript on (region lists fill in place) and off (one step per submit), she walks the
// region picker, adds a member row, gets a receipt; she makes mistakes first (birth date and sex
// not matching the NIK) and loses nothing; pressing back and sending again, or the same request
// arriving twice, makes one ticket; a household that is already listed is sent to Cek status.
import type { Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { databaseFile, openSqlite } from '../../src/db/database.ts';
import { composeNik, type Sex } from '../../src/domain/nik/nik.ts';
import { SOCIO_QUESTIONS, type SocioQuestion } from '../../src/domain/tickets/forms/usulan-form.ts';
import { type BrowserEnv, browserTestsAvailable, startBrowserEnv } from '../support/browser.ts';

const available = browserTestsAvailable();
let env: BrowserEnv;

beforeAll(async () => {
  // Every phone here shares one address, and the runs without JavaScript send no proof of work
  // (a third of each limit): the limits are raised so that they stand for many residents.
  if (available)
    env = await startBrowserEnv({ LIMIT_NIK_CHECKS_PER_CLIENT: '300', LIMIT_SUBMISSIONS_PER_CLIENT: '300' });
});
afterAll(async () => {
  if (available) await env.close();
});

const VILLAGE: [string, string][] = [
  ['province', '35'],
  ['regency', '35.76'],
  ['district', '35.76.01'],
  ['village', '35.76.01.1003'],
];
const SOCIO = Object.keys(SOCIO_QUESTIONS) as SocioQuestion[];
/** The answer Ani picks to each question: the poorest one. */
const SOCIO_FIRST = Object.fromEntries(SOCIO.map((q) => [q, SOCIO_QUESTIONS[q][0]])) as Record<
  SocioQuestion,
  string
>;

interface Household {
  nik: string;
  kk: string;
  birthDate: string;
  sex: Sex;
}

/** A household nobody has proposed yet: one per test and per JavaScript setting. */
function household(n: number, javaScript: boolean, birthDate: string, sex: Sex): Household {
  const serial = 9000 + n * 10 + (javaScript ? 1 : 2);
  return {
    nik: composeNik('35.76.01', birthDate, sex, serial),
    kk: `3576019900${String(serial).padStart(6, '0')}`,
    birthDate,
    sex,
  };
}

async function pickVillage(page: Page, javaScript: boolean) {
  for (const [level, code] of VILLAGE) {
    const select = page.locator(`#${level}`);
    await expect.poll(() => select.isEnabled()).toBe(true);
    await expect.poll(() => select.locator(`option[value="${code}"]`).count()).toBe(1);
    await select.selectOption(code);
    if (!javaScript) {
      await page.locator('button[name="step"][value="region"]').click();
      await page.waitForLoadState();
    }
  }
  expect(await page.locator('#village').inputValue()).toBe('35.76.01.1003');
}

/** Everything Ani types, except the region (picked first) and the head's NIK, birth date and sex. */
async function fillHousehold(page: Page, h: Household, typed: { birthDate?: string; sex?: Sex } = {}) {
  await page.check('#proposer-1'); // RT/RW head for her resident
  await page.fill('#proposer_name', 'Ani Suryani');
  await page.fill('#head_nik', h.nik);
  await page.fill('#kk', h.kk);
  await page.fill('#head_name', 'Sumarni binti Kasmo');
  await page.fill('#birth_date', typed.birthDate ?? h.birthDate);
  await page.check((typed.sex ?? h.sex) === 'L' ? '#sex-0' : '#sex-1');
  await page.fill('#address', 'Jl. Mentikan Gg. 2 No. 5');
  await page.fill('#rt', '003');
  await page.fill('#rw', '002');
  await page.fill('#members-0-name', 'Sri Rahayu');
  await page.selectOption('#members-0-relation', 'anak');
  await page.fill('#members-0-birth_date', '2012-04-01');
  await page.check('#members-0-components-2');
  await page.fill('#members-1-name', 'Adi Prasetyo');
  await page.selectOption('#members-1-relation', 'cucu');
  await page.check('#members-1-components-1');
  for (const q of SOCIO) await page.selectOption(`#socio-${q}`, SOCIO_FIRST[q]);
  await page.check('#assets-2');
  await page.fill('#phone', '0812-3456-7890');
  await page.check('#consent-input');
}

/** Every control of the form by id: its value, or whether it is ticked. */
function formState(page: Page): Promise<Record<string, string | boolean>> {
  return page.locator('form[action="/usulan"]').evaluate((form) => {
    const state: Record<string, string | boolean> = {};
    for (const el of Array.from(
      form.querySelectorAll<HTMLInputElement | HTMLSelectElement>('input[id], select[id]'),
    )) {
      const box = el instanceof HTMLInputElement && (el.type === 'checkbox' || el.type === 'radio');
      state[el.id] = box ? (el as HTMLInputElement).checked : el.value;
    }
    return state;
  });
}

/** What was typed is all still there after a round trip to the server. */
async function expectKept(page: Page, h: Household, typed: { birthDate?: string; sex?: Sex } = {}) {
  const sex = typed.sex ?? h.sex;
  expect(await formState(page)).toMatchObject({
    'proposer-0': false,
    'proposer-1': true,
    proposer_name: 'Ani Suryani',
    head_nik: h.nik,
    kk: h.kk,
    head_name: 'Sumarni binti Kasmo',
    birth_date: typed.birthDate ?? h.birthDate,
    'sex-0': sex === 'L',
    'sex-1': sex === 'P',
    address: 'Jl. Mentikan Gg. 2 No. 5',
    rt: '003',
    rw: '002',
    province: '35',
    regency: '35.76',
    district: '35.76.01',
    village: '35.76.01.1003',
    'members-0-name': 'Sri Rahayu',
    'members-0-relation': 'anak',
    'members-0-birth_date': '2012-04-01',
    'members-0-components-2': true,
    'members-1-name': 'Adi Prasetyo',
    'members-1-relation': 'cucu',
    'members-1-components-1': true,
    'members-1-components-2': false,
    ...Object.fromEntries(SOCIO.map((q) => [`socio-${q}`, SOCIO_FIRST[q]])),
    'assets-0': false,
    'assets-2': true,
    phone: '0812-3456-7890',
    'consent-input': true,
  });
}

/** Presses Kirim and returns the HTTP status of the page that answered. */
async function submit(page: Page): Promise<number> {
  const [response] = await Promise.all([
    page.waitForResponse((r) => r.request().method() === 'POST' && new URL(r.url()).pathname === '/usulan'),
    page.locator('button[name="step"][value="submit"]').click(),
  ]);
  await page.waitForLoadState();
  return response.status();
}

async function expectReceipt(page: Page): Promise<{ reference: string; code: string }> {
  const reference = (await page.locator('.reference').textContent({ timeout: 10_000 })) ?? '';
  const code = (await page.locator('.tracking-code').textContent()) ?? '';
  expect(reference).toMatch(/^USL-[A-Z0-9]+$/);
  expect(code).toMatch(/\S{5,}/);
  const text = (await page.locator('main').textContent()) ?? '';
  expect(text).toMatch(/paling lambat (\d{4}-\d{2}-\d{2}|\d{1,2} \p{L}+ \d{4})/u);
  expect(text).toContain('Sumarni binti Kasmo');
  expect(await page.locator('figure.qr img').getAttribute('src')).toMatch(/^data:image\/svg\+xml/);
  expect(await page.evaluate(() => document.documentElement.scrollWidth)).toBeLessThanOrEqual(360);
  return { reference, code };
}

async function ticketsFor(nik: string): Promise<number> {
  const { db } = openSqlite(databaseFile(env.dataDir));
  try {
    const row = await db
      .selectFrom('tickets')
      .select((eb) => eb.fn.countAll<number>().as('n'))
      .where('subject_nik', '=', nik)
      .executeTakeFirstOrThrow();
    return Number(row.n);
  } finally {
    await db.destroy();
  }
}

describe.skipIf(!available).each([{ javaScript: true }, { javaScript: false }])(
  'Ani proposes a household (JavaScript $javaScript)',
  ({ javaScript }) => {
    it('fills everything, adds a member row (keeping all typed), and gets a receipt', async () => {
      const h = household(1, javaScript, '1979-07-19', 'P');
      const { page } = await env.phone({ javaScript });
      await page.goto('/usulan');
      await pickVillage(page, javaScript);
      await fillHousehold(page, h);
      expect(await page.locator('fieldset.member').count()).toBe(3);
      await page.locator('button[name="step"][value="add_member"]').click();
      await expect.poll(() => page.locator('fieldset.member').count()).toBe(4);
      await expectKept(page, h);
      expect(await page.locator('.error-summary').count()).toBe(0);
      await page.fill('#members-2-name', 'Kasmo');
      await page.selectOption('#members-2-relation', 'orang_tua');
      await page.check('#members-2-components-5');
      await page.fill('#members-3-name', 'Wulan Sari');
      await page.selectOption('#members-3-relation', 'anak');

      expect(await submit(page)).toBe(200);
      await expectReceipt(page);
      expect(await page.locator('main').textContent()).toMatch(/Anggota keluarga lain\s*4/);
      expect(await ticketsFor(h.nik)).toBe(1);
    });

    it('pressing back after the receipt and sending again shows the same receipt: one ticket', async () => {
      const h = household(4, javaScript, '1975-02-28', 'L');
      const { page } = await env.phone({ javaScript });
      await page.goto('/usulan');
      await pickVillage(page, javaScript);
      // A first answer from the server (sex not matching the NIK), so that the page Back returns
      // to holds every text the server rendered; only the radio is changed after it.
      await fillHousehold(page, h, { sex: 'P' });
      expect(await submit(page)).toBe(422);
      expect(await page.locator('#sex-error').count()).toBe(1);
      await page.check('#sex-0');
      expect(await submit(page)).toBe(200);
      const first = await expectReceipt(page);

      await page.goBack();
      await page.waitForLoadState();
      await expect.poll(() => page.locator('button[name="step"][value="submit"]').count()).toBe(1);
      expect(await page.locator('#sex-0').isChecked()).toBe(true);
      expect(await submit(page)).toBe(200);
      const again = await expectReceipt(page);
      expect(again.reference).toBe(first.reference);
      expect(again.code).toBe(first.code);
      expect(await ticketsFor(h.nik)).toBe(1);
    });

    it('an error on a later member row, after an empty row, is shown beside that row', async () => {
      const { page } = await env.phone({ javaScript });
      await page.goto('/usulan');
      // Row 1 (index 0) filled, row 2 (index 1) left empty, row 3 (index 2) with a relation but no name.
      await page.fill('#members-0-name', 'Sri Rahayu');
      await page.selectOption('#members-0-relation', 'anak');
      await page.selectOption('#members-2-relation', 'cucu');
      expect(await submit(page)).toBe(422);
      expect(await page.locator('#members-2-relation').inputValue()).toBe('cucu');
      expect(await page.locator('#members-1-name-error').count()).toBe(0);
      expect(await page.locator('#members-2-name-error').count()).toBe(1);
    });

    it('says beside the fields when birth date and sex do not match the NIK, keeps everything, then accepts', async () => {
      const h = household(2, javaScript, '1982-11-05', 'P');
      const { page } = await env.phone({ javaScript });
      await page.goto('/usulan');
      await pickVillage(page, javaScript);
      const wrong = { birthDate: '1982-11-06', sex: 'L' as const };
      await fillHousehold(page, h, wrong);
      expect(await submit(page)).toBe(422);

      await expect
        .poll(() => page.locator('#birth_date-error').textContent())
        .toContain('tanggal lahir di NIK');
      expect(await page.locator('#sex-error').textContent()).toContain('Jenis kelamin tidak sama');
      expect(await page.locator('.error-summary').isVisible()).toBe(true);
      expect(await page.locator('#head_nik-error').count()).toBe(0);
      await expectKept(page, h, wrong);
      expect(await page.locator('.reference').count()).toBe(0);

      await page.fill('#birth_date', h.birthDate);
      await page.check('#sex-1');
      expect(await submit(page)).toBe(200);
      await expectReceipt(page);
      expect(await ticketsFor(h.nik)).toBe(1);
    });

    it('the same form arriving twice at once (double tap, network retry) makes one ticket', async () => {
      const h = household(3, javaScript, '1990-01-23', 'L');
      const { page } = await env.phone({ javaScript });
      await page.goto('/usulan');
      await pickVillage(page, javaScript);
      await fillHousehold(page, h);
      // Chromium itself drops a second tap while the first is under way, so the retry is made on
      // the wire: the one request Kirim sends reaches the server twice, at the same moment.
      const answers: { status: number; reference: string | undefined }[] = [];
      await page.route('**/usulan', async (route) => {
        if (route.request().method() !== 'POST') return route.continue();
        // Replayed outside the browser, without its Sec-Fetch-Site header: the real origin is
        // given instead (the browser sends `Origin: null` under Referrer-Policy: no-referrer).
        const headers = { ...(await route.request().allHeaders()), origin: new URL(env.server.url).origin };
        const both = await Promise.all([route.fetch({ headers }), route.fetch({ headers })]);
        for (const r of both) {
          answers.push({
            status: r.status(),
            reference: /class="reference"[^>]*>([^<]+)</.exec(await r.text())?.[1],
          });
        }
        await route.fulfill({ response: both[1] });
      });
      expect(await submit(page)).toBe(200);
      const shown = await expectReceipt(page);
      expect(answers).toHaveLength(2);
      expect(answers[0]).toEqual({ status: 200, reference: shown.reference });
      expect(answers[1]).toEqual({ status: 200, reference: shown.reference });
      expect(await ticketsFor(h.nik)).toBe(1);
    });

    it('tells a household that is already listed so, with a link to Cek status', async () => {
      const listed: Household = {
        nik: '3576021403680001',
        kk: '3576021205150001',
        birthDate: '1968-03-14',
        sex: 'L',
      };
      const { page } = await env.phone({ javaScript });
      await page.goto('/usulan');
      await pickVillage(page, javaScript);
      await fillHousehold(page, listed);
      expect(await submit(page)).toBe(422);
      await expect.poll(() => page.locator('#head_nik-error').textContent()).toContain('sudah terdaftar');
      expect(await page.locator('main a[href="/cek"]').count()).toBeGreaterThan(0);
      await expectKept(page, listed);
      expect(await ticketsFor(listed.nik)).toBe(0);
    });
  },
);
