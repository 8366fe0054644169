// Siti reads her answer on a 360 px phone: the same words for a status on every page that shows
// one, a heading that says whether her family receives or has a problem, a way onward from the
// answer, text kept off the edge of the answer box, abbreviations in words, RT/RW on the region
// search, and the date of the list the answer comes from.
import type { Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { databaseFile, openSqlite } from '../../src/db/database.ts';
import { membershipStatusText } from '../../src/domain/cek/membership-status.ts';
import { normaliseName } from '../../src/domain/cek/search-by-name.ts';
import { loadCatalogue, type ProgramCatalogue } from '../../src/domain/program-profiles/catalogue.ts';
import { MEMBERSHIP_STATUSES, type MembershipStatus, PROGRAM_CODES } from '../../src/domain/programs.ts';
import { type BrowserEnv, browserTestsAvailable, startBrowserEnv } from '../support/browser.ts';
import { appliedList } from '../support/imports.ts';
import { PUBLIC_PAGES } from '../support/public-pages.ts';

const available = browserTestsAvailable();
let env: BrowserEnv;
/** The seeded profiles: each program's name and what it gives, which its status reads by. */
let catalogue: ProgramCatalogue;
const benefit = (program: string) => catalogue.get(program)?.benefit ?? 'cash';

const KEDUNDUNG = '35.76.02.1009';
const NAME = 'WIDYASTUTI RAHAYU';
const PERIOD = {
  BPNT: '2026-10',
  PKH: '2026-Q3',
  BST: '2026-10',
  'PBI-JK': '2026-10',
  PIP: '2026-10',
  KKS: '2026-10',
};

/** One household per status, each holding every program in that status; told apart by RT. */
const HOUSEHOLDS = MEMBERSHIP_STATUSES.map((status, i) => ({
  status,
  rt: `00${i + 1}`,
  nik: `35760214036800${11 + i}`,
  kk: `35760212051500${11 + i}`,
}));
const household = (status: MembershipStatus) =>
  HOUSEHOLDS.find((h) => h.status === status) as (typeof HOUSEHOLDS)[number];
const REASON = 'data_tidak_padan_dukcapil';

beforeAll(async () => {
  if (!available) return;
  // Every check of this file comes from one address, most without JavaScript (a third of the limit):
  // the limits of a busy office's shared connection, not a resident's.
  env = await startBrowserEnv({ LIMIT_NIK_CHECKS_PER_CLIENT: '1000', LIMIT_CHECKS_PER_NIK: '1000' });
  const { db } = openSqlite(databaseFile(env.dataDir));
  try {
    catalogue = await loadCatalogue(db);
    // The collected household's rows came from a list written on 20 November 2026 (WIB).
    const { id: importId } = await db
      .insertInto('imports')
      .values(appliedList('bpnt-oktober.csv', '2026-11-20T03:00:00.000Z'))
      .returning('id')
      .executeTakeFirstOrThrow();
    for (const h of HOUSEHOLDS) {
      const { id } = await db
        .insertInto('households')
        .values({
          kk: h.kk,
          village_code: KEDUNDUNG,
          address: 'Jl. Contoh 1',
          rt: h.rt,
          rw: '009',
          desil: null,
          import_id: null,
        })
        .returning('id')
        .executeTakeFirstOrThrow();
      await db
        .insertInto('household_members')
        .values({
          household_id: id,
          nik: h.nik,
          name: NAME,
          name_search: normaliseName(NAME),
          sex: 'P',
          birth_date: '1968-03-14',
          relation: 'kepala',
          pkh_component: null,
          import_id: null,
        })
        .execute();
      await db
        .insertInto('program_memberships')
        .values(
          PROGRAM_CODES.map((program) => ({
            household_id: id,
            program_code: program,
            period: PERIOD[program],
            status: h.status,
            suspension_reason: h.status === 'suspended' ? REASON : null,
            amount: program === 'KKS' ? 0 : 200_000,
            channel: 'Bank Mandiri',
            collection_point: null,
            import_id: h.status === 'collected' ? importId : null,
          })),
        )
        .execute();
    }
  } finally {
    await db.destroy();
  }
});
afterAll(async () => {
  if (available) await env.close();
});

async function check(page: Page, h: { nik: string; kk: string }) {
  await page.goto('/cek');
  await page.getByLabel('NIK (16 angka)').fill(h.nik);
  await page.getByLabel('Nomor Kartu Keluarga (16 angka)').fill(h.kk);
  await page.getByRole('button', { name: 'Cek status' }).click();
  await page.waitForSelector('#result-title');
}

async function searchKedundung(page: Page) {
  await page.goto('/cek/wilayah');
  for (const [level, code] of [
    ['province', '35'],
    ['regency', '35.76'],
    ['district', '35.76.02'],
    ['village', KEDUNDUNG],
  ] as const) {
    await page.locator(`#${level}`).selectOption(code);
    await page.locator('button[name="step"][value="region"]').click();
    await page.waitForLoadState();
  }
  await page.locator('#name').fill('widyastuti');
  await page.locator('button[name="step"][value="search"]').click();
  await page.waitForSelector('#results-title');
}

describe.skipIf(!available)('Siti reads her answer on a phone', () => {
  it('reads every program × status in the same words on /cek, on /cek/wilayah and in the API', async () => {
    const { page } = await env.phone({ javaScript: false });
    for (const h of HOUSEHOLDS) {
      await check(page, h);
      // The cards of programs she is listed in; a desil program she is not in has its own card.
      const texts = await page.$$eval('article.program:not(.not-listed)', (cards) =>
        cards.map((c) => ({
          h4: c.querySelector('h4')?.textContent ?? '',
          status: c.querySelector('.status')?.textContent ?? '',
        })),
      );
      expect(texts).toHaveLength(PROGRAM_CODES.length);
      for (const program of PROGRAM_CODES) {
        const expected = membershipStatusText('id', {
          program,
          benefit: benefit(program),
          status: h.status,
          suspension_reason: h.status === 'suspended' ? REASON : null,
        });
        expect(
          texts.map((t) => t.status.trim()),
          `${program} ${h.status}`,
        ).toContain(expected);
      }
    }
    // The region search: one row per household (told apart by RT), each program in the site's words.
    await searchKedundung(page);
    const rows = await page.$$eval('table.matches tbody tr', (trs) =>
      trs.map((tr) => [...tr.querySelectorAll('td')].map((td) => (td.textContent ?? '').trim())),
    );
    for (const h of HOUSEHOLDS) {
      const row = rows.find((cells) => cells[0]?.endsWith(`RT\u00a0${h.rt} / RW\u00a0009`));
      expect(row, `RT ${h.rt}`).toBeDefined();
      for (const program of PROGRAM_CODES)
        expect(row?.[2], `${program} ${h.status}`).toContain(`${catalogue.nameOf(program, 'id')} (`);
      for (const program of PROGRAM_CODES)
        expect(row?.[2]).toContain(
          `: ${membershipStatusText('id', { program, benefit: benefit(program), status: h.status })})`,
        );
    }
    // The PBI-JK household that /cek calls insured is not told on the region search that money is coming.
    const active =
      rows.find((cells) => cells[0]?.endsWith(`RT\u00a0${household('active').rt} / RW\u00a0009`))?.[2] ?? '';
    expect(active).toContain(
      'PBI Jaminan Kesehatan (KIS) (Oktober 2026: Aktif: iuran BPJS Kesehatan dibayar pemerintah)',
    );
    expect(active).not.toMatch(/\(KIS\) \([^)]*menunggu penyaluran/);

    // The API's text is the same function's, in the language asked for.
    const response = await fetch(new URL('/api/v1/cek', env.server.url), {
      method: 'POST',
      headers: { 'content-type': 'application/json', 'accept-language': 'en' },
      body: JSON.stringify({ nik: household('active').nik, kk: household('active').kk }),
    });
    expect(response.status).toBe(200);
    const body = (await response.json()) as {
      memberships: {
        program: string;
        benefit: 'cash' | 'food_credit' | 'premium' | 'service' | 'card';
        status: string;
        status_text: string;
      }[];
    };
    for (const m of body.memberships) expect(m.status_text).toBe(membershipStatusText('en', m));
    expect(body.memberships.find((m) => m.program === 'PBI-JK')?.status_text).toBe(
      'Active: BPJS health insurance premium paid by the government',
    );
  });

  it('heads the answer with what matters: receiving, or listed with a problem', async () => {
    const { page } = await env.phone({ javaScript: false });
    await check(page, household('collected'));
    expect(await page.locator('#result-title').textContent()).toBe('Keluarga terdaftar dan menerima bantuan');
    await check(page, household('suspended'));
    expect(await page.locator('#result-title').textContent()).toBe(
      'Keluarga terdaftar, ada bantuan yang bermasalah',
    );
    expect(await page.title()).toContain('ada bantuan yang bermasalah');
    // Red, not the green of a paid household.
    const colour = await page.locator('#result-title').evaluate((e) => getComputedStyle(e).color);
    expect(colour).toBe('rgb(176, 0, 32)');
    // The summary says no for each program before the details.
    expect(await page.locator('.glance li.no').count()).toBe(PROGRAM_CODES.length);
  });

  it.each([{ javaScript: true }, { javaScript: false }])(
    'opens the complaint form from a suspended program with program and problem chosen (JavaScript $javaScript)',
    async ({ javaScript }) => {
      const { page } = await env.phone({ javaScript });
      await check(page, household('suspended'));
      await page.getByRole('link', { name: /Ajukan aduan tentang BPNT/ }).click();
      await page.waitForURL('**/aduan?**');
      expect(await page.locator('#program').inputValue()).toBe('BPNT');
      expect(await page.locator('input[name="problem"]:checked').getAttribute('value')).toBe(REASON);
      // From a good answer, the complaint is one tap away as well, with the program chosen.
      await check(page, household('collected'));
      const links = await page.$$eval('article.program .onward a', (as) =>
        as.map((a) => a.getAttribute('href')),
      );
      expect(links).toContain('/aduan?program=PKH');
      // And the other services are linked from the answer, not only from the home page.
      for (const href of ['/aduan', '/sanggahan', '/usulan', '/lacak'])
        expect(await page.locator(`.onward-links a[href="${href}"]`).count(), href).toBe(1);
    },
  );

  it('keeps the text off the edge of the focused answer box', async () => {
    const { page } = await env.phone({ javaScript: true });
    await check(page, household('collected'));
    const gap = await page.locator('section.result').evaluate((section) => {
      const box = section.getBoundingClientRect();
      const heading = (section.querySelector('h2') as HTMLElement).getBoundingClientRect();
      const facts = (section.querySelector('.facts') as HTMLElement).getBoundingClientRect();
      return {
        focused: document.activeElement === section,
        left: Math.min(heading.left, facts.left) - box.left,
        right: box.right - facts.right,
        top: heading.top - box.top,
        scroll: document.documentElement.scrollWidth,
      };
    });
    expect(gap.focused).toBe(true);
    expect(gap.left).toBeGreaterThanOrEqual(8);
    expect(gap.right).toBeGreaterThanOrEqual(8);
    expect(gap.top).toBeGreaterThanOrEqual(8);
    expect(gap.scroll).toBeLessThanOrEqual(360);
  });

  it('spells out each abbreviation the first time, and dates the answer by the list it came from', async () => {
    const { page } = await env.phone({ javaScript: false });
    await check(page, household('collected'));
    const main = ((await page.locator('main').textContent()) ?? '').replace(/\s+/g, ' ');
    // Read without hovering: the words stand on the page, not only in a tooltip.
    expect(await page.locator('.spelled-out').first().isVisible()).toBe(true);
    expect(main).toContain('BPNT (Bantuan Pangan Non Tunai)');
    expect(main).toContain('SLRT (Sistem Layanan dan Rujukan Terpadu)');
    expect(main.split('(Bantuan Pangan Non Tunai)')).toHaveLength(2);
    expect(await page.locator('abbr[title="Sistem Layanan dan Rujukan Terpadu"]').count()).toBeGreaterThan(1);
    expect(await page.locator('.data-per').count()).toBe(PROGRAM_CODES.length);
    expect(await page.locator('.data-per').first().textContent()).toBe('Data per 20 November 2026');
    // A household no list has written says no date rather than a wrong one.
    await check(page, household('active'));
    expect(await page.locator('.data-per').count()).toBe(0);
  });

  it('reaches the five services from the menu of every public page', async () => {
    for (const path of PUBLIC_PAGES) {
      const html = await (await fetch(new URL(path, env.server.url))).text();
      const nav = html.slice(html.indexOf('<nav'), html.indexOf('</nav>'));
      for (const href of ['/cek', '/usulan', '/sanggahan', '/aduan', '/lacak'])
        expect(nav, `${path} → ${href}`).toContain(`href="${href}"`);
    }
  });
});
