// Dewi of the Dinas Sosial uploads this month's BPNT list in a real browser (scripts off): the
// list is read in the background into a preview that changes nothing (a resident of the list is
// not found yet), the rows of other programs are left out and the demo's villages, which the short
// list holds only a few households of, are taken as partial, so nothing would end; she applies
// it (the resident is found), rolls it back (not found again), the rejected rows download as CSV
// with their reasons, and the data-quality report lists the planted defects; she marks one "not a
// problem", which stays so. A kelurahan operator finds no such page.
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { databaseFile, type OpenedDatabase, openSqlite } from '../../src/db/database.ts';
import { DEMO_ACCOUNTS } from '../../src/demo/demo-accounts.ts';
import { loadRegionDirectory } from '../../src/domain/regions/region-directory.ts';
import { browserTestsAvailable, launchChromium } from '../support/browser.ts';
import { type BuiltServer, builtServerAvailable, startBuiltServer } from '../support/built-server.ts';
import { dirtyList, HEADER, person, placesIn, rowOf } from '../support/recipient-lists.ts';

const available = builtServerAvailable() && browserTestsAvailable();
let server: BuiltServer;
let browser: Browser;
let opened: OpenedDatabase;
let scratch: string;
/** The list Dewi applied: its page, and a resident on it. */
let applied: { path: string; nik: string; kk: string };

beforeAll(async () => {
  if (!available) return;
  server = await startBuiltServer();
  browser = await launchChromium();
  opened = openSqlite(databaseFile(server.dataDir));
  scratch = mkdtempSync(path.join(tmpdir(), 'cek-bansos-e2e-import-'));
}, 120_000);

afterAll(async () => {
  await browser?.close();
  await opened?.close();
  await server?.stop();
  if (scratch) rmSync(scratch, { recursive: true, force: true });
});

async function signedIn(username: string): Promise<Page> {
  const account = DEMO_ACCOUNTS.find((a) => a.username === username);
  const context = await browser.newContext({
    javaScriptEnabled: false,
    baseURL: server.url,
    locale: 'id-ID',
  });
  const page = await context.newPage();
  await page.goto('/petugas/masuk');
  await page.fill('#username', username);
  await page.fill('#password', account?.password ?? '');
  await page.click('button[type=submit]:has-text("Masuk")');
  await page.waitForURL(/\/petugas/);
  return page;
}

describe.skipIf(!available)('Dewi imports a recipient list', () => {
  it('uploads it, follows the import, downloads the rejected rows and reviews the report', {
    timeout: 180_000,
  }, async () => {
    const regions = await loadRegionDirectory(opened.db);
    // Her own city's list: an office's upload may hold only its own regency's rows.
    const [a, b] = placesIn(regions, '35.76');
    const list = dirtyList(a, b, 30);
    const page = await signedIn('dinsos.mojokerto');
    const response = await page.goto('/petugas/impor');
    expect(response?.status()).toBe(200);
    await page.setInputFiles('#berkas', {
      name: 'bpnt-februari.csv',
      mimeType: 'text/csv',
      buffer: Buffer.from(list.text),
    });
    await page.click('button[type=submit]:has-text("Unggah")');
    await page.waitForURL(/\/petugas\/impor\/\d+$/);
    const importPath = new URL(page.url()).pathname;
    await expect
      .poll(
        async () => {
          await page.goto(importPath);
          return page.locator('dl.facts').first().textContent();
        },
        { timeout: 60_000 },
      )
      .toContain('selesai');
    const facts = await page.locator('dl.facts').first().textContent();
    // Every line but the header was read.
    expect(facts).toContain(String(list.text.trim().split('\n').length - 1));
    expect(facts).toContain('pratinjau: belum ada yang ditulis');
    // The list has a desil column and she named no DTSEN snapshot: the preview says so, and goes on.
    expect(await page.locator('#tanpa-periode-dtsen').textContent()).toContain(
      'tidak menyebut periode DTSEN',
    );

    // A resident of the list is not in the register while the list is only previewed.
    const resident = list.text.split('\n')[1]?.split(';') ?? [];
    const check = async () =>
      (
        await page.context().request.post('/api/v1/cek', {
          data: { nik: resident[0], kk: resident[1] },
          headers: { 'content-type': 'application/json' },
        })
      ).json();
    expect((await check()).found).toBe(false);
    const summary = await page.locator('#ringkasan').textContent();
    expect(summary).toContain('kepesertaan yang akan berakhir');
    expect(await page.locator('#akan-berakhir').textContent()).toBe('0');
    expect(await page.locator('#pratinjau').textContent()).toContain('baris program PIP dalam daftar BPNT');

    // She takes in the rows of the other programs too, and looks at the preview again first.
    for (const box of await page.locator('input[name=program_lain]').all()) await box.check();
    await page.click('button[name=aksi][value=pratinjau]');
    await page.waitForURL(importPath);
    expect(await page.locator('#pratinjau').textContent()).toContain('baris program PIP dalam daftar BPNT');
    await page.click('button[name=aksi][value=terapkan]');
    await expect
      .poll(
        async () => {
          await page.goto(importPath);
          return page.locator('#fase').textContent();
        },
        { timeout: 60_000 },
      )
      .toContain('sudah diterapkan');
    const found = await check();
    expect(found.found).toBe(true);
    expect(JSON.stringify(found)).toContain('2021-02');

    applied = { path: importPath, nik: resident[0] ?? '', kk: resident[1] ?? '' };

    // The counts come first; the planted sex mismatch is one of them.
    const counts = await page.locator('#mutu table.inbox').first().textContent();
    expect(counts).toContain('Jenis kelamin berbeda dengan yang tertulis di NIK');
    expect(counts).toContain('Program yang saling meniadakan');

    const csv = await page.context().request.get(`${importPath}/ditolak.csv`);
    expect(csv.status()).toBe(200);
    expect(csv.headers()['content-disposition']).toContain('attachment');
    const text = await csv.text();
    expect(text).toContain('program tidak dikenal');
    expect(text).toContain(`"'=HYPERLINK(`);
    // The rejected rows name people: each well-formed NIK in them is in the viewer log, as a key.
    const exported = await opened.db
      .selectFrom('audit_log as a')
      .innerJoin('audit_subjects as s', 's.audit_id', 'a.id')
      .select('s.subject')
      .where('a.action', '=', 'export')
      .where('a.target_type', '=', 'import')
      .execute();
    const niksInCsv = new Set(text.match(/(?<![0-9])\d{16}(?![0-9])/g) ?? []);
    expect(exported.length).toBeGreaterThan(0);
    expect(exported.length).toBeLessThanOrEqual(niksInCsv.size);
    expect(exported.every((e) => /^[0-9a-f]{32}$/.test(e.subject))).toBe(true);

    await page.goto(`${importPath}?aturan=nik_sex_mismatch`);
    await page.click('button[name=decision][value=dismissed]');
    await page.waitForURL(/aturan=nik_sex_mismatch/);
    expect(await page.locator('#mutu table.inbox').nth(1).textContent()).toContain('bukan masalah');
    const audited = await opened.db
      .selectFrom('audit_log')
      .select('action')
      .where('action', 'in', ['import', 'import_confirm', 'quality_review', 'export'])
      .execute();
    expect(audited.map((r) => r.action).sort()).toEqual([
      'export',
      'import',
      'import_confirm',
      'quality_review',
    ]);

    const report = await page.context().request.get(`${importPath}/mutu.csv`);
    expect((await report.text()).split('\r\n')[0]).toBe('"rule","line","nik","detail"');
  });

  it('the whole register: computed in the background, read per area, decisions kept across runs', {
    timeout: 180_000,
  }, async () => {
    const admin = await signedIn('admin');
    const compute = async (page: Page) => {
      await page.goto('/petugas/mutu');
      await page.click('button[name=action][value=hitung]');
      await expect
        .poll(
          async () => {
            await page.goto('/petugas/mutu');
            return page.locator('button[name=action][value=hitung]').count();
          },
          { timeout: 120_000 },
        )
        .toBe(1);
    };
    await compute(admin);
    expect(await admin.locator('nav').first().textContent()).toContain('Mutu data');
    // When the run finished, on the office's clock, the zone named.
    const computedAt = (await admin.locator('p:has(> time)').first().textContent()) ?? '';
    expect(computedAt).toMatch(/\d{1,2} \w{3} \d{4}, \d{2}\.\d{2} WIB/);
    expect(computedAt).not.toContain('UTC');
    const counts = await admin.locator('table.inbox').first().textContent();
    expect(counts).toContain('Jenis kelamin berbeda dengan yang tertulis di NIK');
    // The finding Dewi dismissed on the import's page is the same finding here: still dismissed.
    await admin.goto('/petugas/mutu?aturan=nik_sex_mismatch');
    expect(await admin.locator('table.inbox').nth(1).textContent()).toContain('bukan masalah');
    await admin.goto('/petugas/mutu?aturan=nik_birth_date_mismatch');
    await admin.click('button[name=decision][value=dismissed]');
    await admin.waitForURL(/aturan=nik_birth_date_mismatch/);
    await compute(admin);
    await admin.goto('/petugas/mutu?aturan=nik_birth_date_mismatch&halaman=99999');
    expect(await admin.locator('table.inbox').nth(1).textContent()).toContain('bukan masalah');
    const csv = await admin.context().request.get('/petugas/mutu.csv');
    expect(csv.status()).toBe(200);
    expect(await csv.text()).not.toContain('nik_birth_date_mismatch');
    const json = await admin.context().request.get('/api/v1/petugas/mutu?aturan=nik_birth_date_mismatch');
    expect(json.status()).toBe(200);
    expect((await json.json()).report.findings[0].review).toBe('dismissed');

    // The list is Mojokerto's: the Dinas Sosial of Surabaya reads none of it.
    const surabaya = await signedIn('dinsos.surabaya');
    await surabaya.goto('/petugas/mutu');
    const text = await surabaya.locator('main').textContent();
    expect(text).toContain('Yang tampil hanya temuan di wilayah Anda');
    expect(text).not.toContain('Jenis kelamin berbeda');
  });

  it('refuses forged moves on the list: an unknown action, no form token, another regency', async () => {
    const page = await signedIn('dinsos.mojokerto');
    await page.goto(applied.path);
    const csrf = (await page.locator('#pembatalan input[name=csrf]').getAttribute('value')) ?? '';
    const post = (p: Page, form: Record<string, string>) =>
      p.context().request.post(applied.path, { form, headers: { origin: server.url }, maxRedirects: 0 });
    const unknown = await post(page, { csrf, aksi: 'hapus' });
    expect(unknown.status()).toBe(422);
    expect(await unknown.text()).toContain('Pilihan pratinjau tidak dikenal');
    expect((await post(page, { aksi: 'batalkan' })).status()).toBe(403);
    const surabaya = await signedIn('dinsos.surabaya');
    expect((await post(surabaya, { csrf, aksi: 'batalkan' })).status()).toBe(404);
    // Nothing was undone by any of them.
    await page.goto(applied.path);
    expect(await page.locator('#fase').textContent()).toContain('sudah diterapkan');
  });

  it('rolls the list back: the register is as before, and the resident is not found again', async () => {
    const page = await signedIn('dinsos.mojokerto');
    await page.goto(applied.path);
    expect(await page.locator('#pembatalan').textContent()).toContain('Membatalkan');
    await page.click('button[name=aksi][value=batalkan]');
    await page.waitForURL(applied.path);
    expect(await page.locator('#fase').textContent()).toContain('dibatalkan');
    const answer = await page.context().request.post('/api/v1/cek', {
      data: { nik: applied.nik, kk: applied.kk },
      headers: { 'content-type': 'application/json' },
    });
    expect((await answer.json()).found).toBe(false);
    const audited = await opened.db
      .selectFrom('audit_log')
      .select('action')
      .where('action', '=', 'import_rollback')
      .execute();
    expect(audited).toHaveLength(1);
  });

  it('names the DTSEN snapshot of a list: a malformed one is refused by its field, with what she typed kept', {
    timeout: 60_000,
  }, async () => {
    const regions = await loadRegionDirectory(opened.db);
    const [a] = placesIn(regions, '35.76');
    const list = `${HEADER}\n${rowOf(person(a, 4_000), { desil: 'Desil 4' })}\n`;
    const page = await signedIn('dinsos.mojokerto');
    const upload = async (snapshot: string) => {
      await page.goto('/petugas/impor');
      await page.setInputFiles('#berkas', {
        name: 'dtsen.csv',
        mimeType: 'text/csv',
        buffer: Buffer.from(list),
      });
      await page.fill('#periode', '2021-02');
      await page.fill('#periode_dtsen', snapshot);
      const [response] = await Promise.all([
        page.waitForResponse((r) => r.request().method() === 'POST'),
        page.click('button[type=submit]:has-text("Unggah")'),
      ]);
      return response;
    };
    const refused = await upload('April 2026');
    expect(refused.status()).toBe(422);
    expect(await page.inputValue('#periode_dtsen')).toBe('April 2026');
    expect(await page.inputValue('#periode')).toBe('2021-02');
    expect(await page.locator('#periode_dtsen ~ .field-error').textContent()).toContain(
      'Periode DTSEN harus tahun dan triwulan, mis. 2026-Q1',
    );
    const accepted = await upload('2026 q1');
    expect(accepted.status()).toBe(303);
    await page.waitForURL(/\/petugas\/impor\/\d+$/);
    expect(await page.locator('#periode-dtsen').textContent()).toBe('2026-Q1');
    expect(await page.locator('#tanpa-periode-dtsen').count()).toBe(0);
  });

  it('is not there for a kelurahan operator', async () => {
    const page = await signedIn('kel.wates');
    const response = await page.goto('/petugas/impor');
    expect(response?.status()).toBe(404);
  });
});
