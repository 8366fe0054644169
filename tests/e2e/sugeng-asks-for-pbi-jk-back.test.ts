// Sugeng's PBI-JK (state-paid health insurance) was deactivated in the February 2026 DTSEN update
// and he needs care (issue 19). On his phone, with JavaScript on and off, /cek shows the
// deactivated membership with the way to ask for it back; the reactivation form opens with the
// program chosen, refuses a send without the hospital's letter (beside the file field, everything
// typed kept), takes the PDF, and the receipt shows the short time limit and his NIK masked. Lacak
// says the request is being processed.
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import type { Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { databaseFile, openSqlite } from '../../src/db/database.ts';
import { axeViolations } from '../support/axe.ts';
import { type BrowserEnv, browserTestsAvailable, startBrowserEnv } from '../support/browser.ts';
import { signInOverHttp } from '../support/officer-session.ts';
import { LISTED_HOUSEHOLD, tinyPdf } from '../support/ticket-fixtures.ts';

const available = browserTestsAvailable();
let env: BrowserEnv;
let fileDir: string;
let letterPath: string;
/** The receipts the resident's walks ended with, for the office's side. */
const filed: { reference: string; code: string }[] = [];

beforeAll(async () => {
  if (!available) return;
  env = await startBrowserEnv();
  fileDir = mkdtempSync(path.join(tmpdir(), 'sugeng-letter-'));
  letterPath = path.join(fileDir, 'surat-rsud.pdf');
  writeFileSync(letterPath, tinyPdf());
  // The February 2026 update deactivated the household's PBI-JK: its latest period, suspended.
  const { db } = openSqlite(databaseFile(env.dataDir));
  try {
    const household = await db
      .selectFrom('households')
      .select('id')
      .where('kk', '=', LISTED_HOUSEHOLD.kk)
      .executeTakeFirstOrThrow();
    const latest = await db
      .selectFrom('program_memberships')
      .select(['id'])
      .where('household_id', '=', household.id)
      .where('program_code', '=', 'PBI-JK')
      .orderBy('period', 'desc')
      .executeTakeFirstOrThrow();
    await db
      .updateTable('program_memberships')
      .set({ status: 'suspended', suspension_reason: 'data_tidak_padan_dukcapil' })
      .where('id', '=', latest.id)
      .execute();
  } finally {
    await db.destroy();
  }
}, 120_000);
afterAll(async () => {
  if (!available) return;
  await env.close();
  rmSync(fileDir, { recursive: true, force: true });
});

async function send(page: Page, pathname: string): Promise<number> {
  const [response] = await Promise.all([
    page.waitForResponse((r) => r.request().method() === 'POST' && new URL(r.url()).pathname === pathname),
    page.locator(`form[action="${pathname}"] button[type="submit"]`).click(),
  ]);
  await page.waitForLoadState();
  return response.status();
}

const fitsThePhone = async (page: Page) =>
  expect(await page.evaluate(() => document.documentElement.scrollWidth)).toBeLessThanOrEqual(360);

describe.skipIf(!available).each([{ javaScript: true }, { javaScript: false }])(
  'Sugeng asks for his PBI-JK back (JavaScript $javaScript)',
  ({ javaScript }) => {
    it('from the deactivated card on /cek to the request form to the receipt, and Lacak', {
      timeout: 120_000,
    }, async () => {
      // axe (JavaScript on only) needs its script past the Content-Security-Policy.
      const { page } = await env.phone({ javaScript, bypassCSP: javaScript });
      await page.goto('/cek');
      await page.fill('#nik', LISTED_HOUSEHOLD.nik);
      await page.fill('#kk', LISTED_HOUSEHOLD.kk);
      expect(await send(page, '/cek')).toBe(200);
      const card = page.locator('article.program.status-suspended', { hasText: 'PBI' });
      await expect.poll(() => card.count()).toBe(1);
      expect(await card.locator('.reactivation-path').textContent()).toMatch(/surat keterangan/);
      const link = card.getByRole('link', { name: 'Minta PBI-JK diaktifkan kembali' });
      expect(await link.getAttribute('href')).toBe('/aduan/reaktivasi?program=PBI-JK');
      await fitsThePhone(page);
      await link.click();
      await page.waitForURL(/\/aduan\/reaktivasi/);
      expect(await page.locator('h1').textContent()).toBe('Minta PBI-JK diaktifkan kembali');
      if (javaScript) expect(await axeViolations(page)).toEqual([]);

      // Everything but the letter: refused at the file field, with what he typed kept.
      await page.fill('#nik', LISTED_HOUSEHOLD.nik);
      await page.fill('#faskes', 'RSUD dr. Wahidin <Sudiro> Husodo');
      await page.fill('#letter_date', '01-12-2026');
      await page.fill('#description', 'Harus kontrol jantung minggu depan, kartu KIS tidak aktif.');
      await page.check('#contact-anonymous');
      await page.check('#consent-input');
      expect(await send(page, '/aduan/reaktivasi')).toBe(422);
      expect(await page.locator('#surat-error').textContent()).toMatch(
        /surat keterangan dari fasilitas kesehatan/i,
      );
      expect(await page.locator('#error-summary').textContent()).toMatch(/surat keterangan/i);
      expect(await page.inputValue('#nik')).toBe(LISTED_HOUSEHOLD.nik);
      expect(await page.inputValue('#faskes')).toBe('RSUD dr. Wahidin <Sudiro> Husodo');
      expect(await page.inputValue('#letter_date')).toBe('01-12-2026');
      expect(await page.locator('#consent-input').isChecked()).toBe(true);
      await fitsThePhone(page);
      if (javaScript) expect(await axeViolations(page)).toEqual([]);

      await page.setInputFiles('#surat', letterPath);
      expect(await send(page, '/aduan/reaktivasi')).toBe(200);
      const reference = (await page.locator('.reference').textContent({ timeout: 10_000 })) ?? '';
      expect(reference).toMatch(/^ADU-[A-Z0-9]+$/);
      const code = (await page.locator('.tracking-code').textContent()) ?? '';
      filed.push({ reference, code });
      const main = (await page.locator('main').textContent()) ?? '';
      expect(main).toMatch(/Dinas Sosial paling lambat/);
      expect(main).toContain('Reaktivasi PBI-JK');
      expect(main).toContain('RSUD dr. Wahidin <Sudiro> Husodo');
      expect(main).toContain('surat-rsud.pdf');
      // The member's NIK is shown only by its last four digits.
      expect(main).not.toContain(LISTED_HOUSEHOLD.nik);
      expect(main).toContain(`************${LISTED_HOUSEHOLD.nik.slice(-4)}`);
      await fitsThePhone(page);

      await page.goto('/lacak');
      await page.fill('#reference', reference);
      await page.fill('#tracking_code', code);
      expect(await send(page, '/lacak')).toBe(200);
      expect(await page.locator('.reactivation-outcome').textContent()).toMatch(/sedang diproses/);
      await fitsThePhone(page);
    });
  },
);

/** The ticket id and version of a reference, as the officer's next form would carry them. */
async function caseOf(reference: string) {
  const { db } = openSqlite(databaseFile(env.dataDir));
  try {
    return await db
      .selectFrom('tickets as t')
      .innerJoin('ticket_submissions as s', 's.ticket_id', 't.id')
      .select(['t.id', 't.version', 't.status'])
      .where('s.reference', '=', reference)
      .executeTakeFirstOrThrow();
  } finally {
    await db.destroy();
  }
}

describe.skipIf(!available)('the Dinas Sosial answers Sugeng', () => {
  it('closes with the outcome (refused without one), Lacak says it, and the CSV lists it', {
    timeout: 120_000,
  }, async () => {
    const { reference, code } = filed.at(-1) ?? { reference: '', code: '' };
    expect(reference).toMatch(/^ADU-/);
    const dinsos = await signInOverHttp(env.server.url, 'dinsos.mojokerto');
    const move = async (fields: Record<string, string>) => {
      const { id, version } = await caseOf(reference);
      return dinsos.post(`/petugas/tiket/${id}`, { action: 'move', expected: String(version), ...fields });
    };
    const page = await dinsos.get(`/petugas/tiket/${(await caseOf(reference)).id}`);
    expect(page.status).toBe(200);
    const html = await page.text();
    expect(html).toContain('Surat keterangan dari fasilitas kesehatan (application/pdf');
    expect(html).toContain('periksa surat fasilitas kesehatan');
    // Kedundung has no kelurahan account: the Dinas Sosial takes its step.
    expect((await move({ to: 'diteruskan', unit: 'dinsos_bidang' })).status).toBeLessThan(400);
    expect((await move({ to: 'ditindaklanjuti' })).status).toBeLessThan(400);
    const ticketPage = await dinsos.get(`/petugas/tiket/${(await caseOf(reference)).id}`);
    expect(await ticketPage.text()).toContain('name="reactivation_outcome"');

    const noOutcome = await move({ to: 'selesai', answer: 'Sudah aktif.' });
    expect(noOutcome.status).toBe(422);
    expect(await noOutcome.text()).toContain('Pilih hasilnya');
    expect((await caseOf(reference)).status).toBe('ditindaklanjuti');
    const forged = await move({ to: 'selesai', answer: 'Sudah aktif.', reactivation_outcome: '<script>' });
    expect(forged.status).toBe(422);
    const closed = await move({
      to: 'selesai',
      answer: 'Kepesertaan PBI-JK aktif kembali; KIS dapat dipakai di RSUD.',
      reactivation_outcome: 'diaktifkan',
    });
    expect(closed.status).toBeLessThan(400);
    expect((await caseOf(reference)).status).toBe('selesai');

    const { page: phone } = await env.phone({ javaScript: false });
    await phone.goto('/lacak');
    await phone.fill('#reference', reference);
    await phone.fill('#tracking_code', code);
    expect(await send(phone, '/lacak')).toBe(200);
    const outcome = (await phone.locator('.reactivation-outcome').textContent()) ?? '';
    expect(outcome).toContain('PBI-JK diaktifkan kembali');
    expect(outcome).toContain('KIS dapat dipakai di RSUD');
    await fitsThePhone(phone);

    const csv = await dinsos.post('/petugas/ekspor', { kind: 'reaktivasi_pbi_jk' });
    expect(csv.status).toBe(200);
    expect(csv.headers.get('content-type')).toContain('text/csv');
    const text = await csv.text();
    const row = text.split(/\r?\n/).find((l) => l.startsWith(`${reference},`)) ?? '';
    expect(row).toContain(LISTED_HOUSEHOLD.nik);
    expect(row).toContain(',selesai,diaktifkan,');
    // The kelurahan has no such list.
    const wates = await signInOverHttp(env.server.url, 'kel.wates');
    const refused = await wates.post('/petugas/ekspor', { kind: 'reaktivasi_pbi_jk' });
    expect(refused.status).toBe(404);
    expect(await refused.text()).not.toContain(LISTED_HOUSEHOLD.nik);
  });
});
