// Dewi of Kota Mojokerto's Dinas Sosial keeps her city's own program on /petugas/program, against
// the built server: she adds it, sees it listed in words, raises and lowers its ceiling, and a
// save that cannot be kept is refused at its fields with what she typed still there and nothing
// saved. Surabaya's office does not see Mojokerto's program and cannot open or post it (404); the
// village and RT offices have no such page; the admin edits a national program, and its benefit
// amounts come back unchanged through the form's own words. Then the form on a 360 px phone, with
// and without JavaScript.

import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { formValuesOf, profileInputOf } from '../../src/components/back-office/program-form.ts';
import { databaseFile, type OpenedDatabase, openSqlite } from '../../src/db/database.ts';
import { DEMO_ACCOUNTS } from '../../src/demo/demo-accounts.ts';
import { profileOf } from '../../src/domain/program-profiles/catalogue.ts';
import { axeViolations } from '../support/axe.ts';
import { browserTestsAvailable, launchChromium } from '../support/browser.ts';
import { type BuiltServer, builtServerAvailable, startBuiltServer } from '../support/built-server.ts';
import { signInOverHttp } from '../support/officer-session.ts';

const available = builtServerAvailable();
const withBrowser = available && browserTestsAvailable();
let server: BuiltServer;
let opened: OpenedDatabase;

const SCRIPT = '<script>alert("program")</script>';
const CODE = 'LANSIA-MJK';

/** Dewi's program as the form sends it; `desil_ceiling` and the rest may be changed per call. */
const lansia = (more: Record<string, string> = {}): [string, string][] =>
  [
    ['code', CODE],
    ['name', 'Bantuan Lansia Kota Mojokerto'],
    ['name_en', 'Elderly Aid of Mojokerto City'],
    ['benefit', 'cash'],
    ['period_kind', 'month'],
    ['desil_ceiling', '4'],
    ['channel_id', 'Kantor Pos Kota Mojokerto'],
    ['channel_en', ''],
    ['excludes', 'PKH'],
    ['aliases', 'LANSIA MOJOKERTO\nBANTUAN LANSIA APBD'],
    ['amounts', 'Per bulan | A month | Rp 300.000'],
    ['criteria_id', 'Warga lanjut usia 60 tahun ke atas yang tinggal sendiri di Kota Mojokerto.'],
    ['criteria_en', ''],
    ['active_from', '2026-01-01'],
    ['active_to', ''],
  ].map(([k, v]) => [k as string, more[k as string] ?? (v as string)]);

interface Answer {
  status: number;
  html: string;
}
async function officer(username: string) {
  const session = await signInOverHttp(server.url, username);
  const read = async (res: Response): Promise<Answer> => ({ status: res.status, html: await res.text() });
  return {
    get: async (path: string) => read(await session.get(path)),
    post: async (fields: [string, string][], token?: string | null) =>
      read(await session.post('/petugas/program', fields, token)),
  };
}

/** The words a reader sees: no tags, no attributes. */
const visible = (html: string) =>
  html
    .replace(/<(script|style)[\s\S]*?<\/\1>/g, '')
    .replace(/<[^>]+>/g, ' ')
    .replace(/\s+/g, ' ');
/** A field's message, from the `<p class="error" id="FIELD-error">` beside it. */
const messageAt = (html: string, field: string) =>
  new RegExp(`id="${field}-error"[^>]*>([^<]*)<`).exec(html)?.[1] ?? '';
/** An input's value as the page wrote it (an empty one is written as a bare `value`). */
const fieldValue = (html: string, field: string) => {
  const found = new RegExp(`id="${field}"[^>]*?value(?:="([^"]*)")?[ >]`).exec(html);
  return found ? (found[1] ?? '') : undefined;
};

const programRow = (code: string) =>
  opened.db.selectFrom('programs').selectAll().where('code', '=', code).executeTakeFirst();

beforeAll(async () => {
  if (!available) return;
  server = await startBuiltServer();
  opened = openSqlite(databaseFile(server.dataDir));
}, 120_000);

afterAll(async () => {
  await opened?.close();
  await server?.stop();
});

describe.skipIf(!available)('an office keeps its programs', { timeout: 120_000 }, () => {
  it('Dewi of Mojokerto adds her city’s program and sees it listed in words', async () => {
    const dewi = await officer('dinsos.mojokerto');
    const page = await dewi.get('/petugas/program');
    expect(page.status).toBe(200);
    expect(page.html).toContain('href="/petugas/program"');
    const before = visible(page.html);
    expect(before).toContain('Program Keluarga Harapan (PKH)');
    expect(before).toContain('Saldo belanja pangan');
    expect(before).toContain('Nasional — diubah admin');
    expect(before).toContain('Tidak memakai desil');
    // What a program gives and how its periods run are words, never the stored tokens.
    expect(before).not.toMatch(/\b[a-z]+_[a-z_]+\b/);
    // The national programs are hers to read, not to change.
    expect(page.html).not.toContain('?ubah=PKH');

    const saved = await dewi.post([...lansia(), ['action', 'create']]);
    expect(saved.status).toBe(200);
    expect(saved.html).toMatch(/role="status">Program LANSIA-MJK disimpan\./);
    const listed = visible(
      /<article[^>]*aria-labelledby="program-LANSIA-MJK"[\s\S]*?<\/article>/.exec(saved.html)?.[0] ?? '',
    );
    expect(listed).toContain('Bantuan Lansia Kota Mojokerto (LANSIA-MJK)');
    expect(listed).toContain('Desil 1–4');
    expect(listed).toContain('Kantor Pos Kota Mojokerto');
    expect(listed).toContain('Sejak 1 Januari 2026');
    expect(listed).toMatch(/Kota Mojokerto — diubah Dinas Sosial setempat/i);
    expect(listed).toContain('Program yang dikecualikan Program Keluarga Harapan (PKH) Pengelola');
    expect(visible(saved.html)).not.toMatch(/\b[a-z]+_[a-z_]+\b/);
    expect(saved.html).toContain(`/petugas/program?ubah=${CODE}`);
    // The form is empty again for the next one.
    expect(fieldValue(saved.html, 'code')).toBe('');

    const row = await programRow(CODE);
    expect(row?.region_code).toBe('35.76');
    expect(row?.desil_ceiling).toBe(4);
    expect(JSON.parse(row?.excludes ?? '')).toEqual(['PKH']);
    expect(JSON.parse(row?.amounts ?? '')).toEqual([
      { label_id: 'Per bulan', label_en: 'A month', amount: 300_000 },
    ]);
    const audit = await opened.db
      .selectFrom('audit_log')
      .select(['action', 'target_id'])
      .where('target_type', '=', 'program')
      .execute();
    expect(audit).toContainEqual({ action: 'program_create', target_id: CODE });
  });

  it('she opens it for editing, with everything as saved, and lowers its ceiling', async () => {
    const dewi = await officer('dinsos.mojokerto');
    const form = await dewi.get(`/petugas/program?ubah=${CODE}`);
    expect(form.status).toBe(200);
    expect(form.html).toContain('Ubah program LANSIA-MJK');
    expect(form.html).toMatch(/id="code"[^>]*value="LANSIA-MJK"[^>]*readonly/);
    expect(form.html).toContain('Per bulan | A month | Rp 300.000</textarea>');
    expect(form.html).toMatch(/value="PKH" checked/);
    expect(form.html).toMatch(/<option value="cash" selected>Uang tunai<\/option>/);
    expect(fieldValue(form.html, 'active_from')).toBe('2026-01-01');
    // A program cannot exclude itself: it is not among its own choices.
    expect(form.html).not.toContain(`name="excludes" value="${CODE}"`);

    const saved = await dewi.post([...lansia({ desil_ceiling: '3' }), ['action', 'update']]);
    expect(saved.status).toBe(200);
    expect(saved.html).toContain('Perubahan program LANSIA-MJK disimpan.');
    expect(visible(saved.html)).toContain('Desil 1–3');
    expect((await programRow(CODE))?.desil_ceiling).toBe(3);
  });

  it('a save that cannot be kept is refused at its fields, with what she typed, and nothing saved', async () => {
    const dewi = await officer('dinsos.mojokerto');
    const before = await programRow(CODE);
    const bad = await dewi.post([
      ...lansia({ desil_ceiling: '11', excludes: CODE, name: `${SCRIPT} Lansia`, aliases: 'LANSIA BARU' }),
      ['action', 'update'],
    ]);
    // As the templates' page answers a refused save.
    expect(bad.status).toBe(422);
    expect(messageAt(bad.html, 'desil_ceiling')).toContain('Batas desil berupa angka bulat 1 sampai 10');
    expect(messageAt(bad.html, 'excludes')).toContain('tidak dapat mengecualikan dirinya sendiri');
    expect(fieldValue(bad.html, 'desil_ceiling')).toBe('11');
    expect(bad.html).toContain('LANSIA BARU</textarea>');
    // The name is kept as text: escaped, never markup.
    expect(bad.html).not.toContain(SCRIPT);
    expect(fieldValue(bad.html, 'name')).toBe('<script>alert(&#34;program&#34;)</script> Lansia');
    expect(bad.html).toMatch(/value="LANSIA-MJK" checked/);
    const summary = /<div class="error-summary"[\s\S]*?<\/div>/.exec(bad.html)?.[0] ?? '';
    expect(summary).toContain('href="#desil_ceiling"');
    expect(summary).toContain('href="#excludes"');
    for (const [, target] of summary.matchAll(/href="#([^"]+)"/g))
      expect(bad.html).toContain(`id="${target}"`);
    expect(await programRow(CODE)).toEqual(before);

    const taken = await dewi.post([...lansia({ code: 'PKH', name: 'PKH Kota' }), ['action', 'create']]);
    expect(taken.status).toBe(422);
    expect(messageAt(taken.html, 'code')).toContain('sudah dipakai program lain');
    expect(fieldValue(taken.html, 'code')).toBe('PKH');
    expect(fieldValue(taken.html, 'name')).toBe('PKH Kota');
    expect(taken.html).toContain('Per bulan | A month | Rp 300.000</textarea>');
    expect((await programRow('PKH'))?.name).toBe('Program Keluarga Harapan (PKH)');

    const empty = await dewi.post([['action', 'create']]);
    expect(empty.status).toBe(422);
    for (const field of ['code', 'name', 'benefit', 'period_kind', 'criteria_id'])
      expect(messageAt(empty.html, field), field).not.toBe('');
    expect(visible(empty.html)).not.toMatch(/\b[a-z]+_[a-z_]+\b/);

    // A field name that reaches a prototype is refused whole (400), the rest kept; an overlong
    // name is refused at its field; neither saves anything nor answers 5xx.
    const proto = await dewi.post([
      ...lansia({ code: 'PROTO-1' }),
      ['__proto__.region_code', '35.78'],
      ['action', 'create'],
    ]);
    expect(proto.status).toBe(400);
    expect(fieldValue(proto.html, 'code')).toBe('PROTO-1');
    const long = await dewi.post([
      ...lansia({ code: 'LONG-1', name: 'x'.repeat(5000) }),
      ['action', 'create'],
    ]);
    expect(long.status).toBe(422);
    expect(messageAt(long.html, 'name')).toContain('120');
    for (const code of ['PROTO-1', 'LONG-1']) expect(await programRow(code)).toBeUndefined();

    const tokenless = await dewi.post([...lansia({ code: 'LANSIA-2' }), ['action', 'create']], null);
    expect(tokenless.status).toBe(403);
    expect(fieldValue(tokenless.html, 'code')).toBe('LANSIA-2');
    expect(await programRow('LANSIA-2')).toBeUndefined();
  });

  it('Surabaya’s office does not see Mojokerto’s program, and cannot open or change it', async () => {
    const surabaya = await officer('dinsos.surabaya');
    const page = await surabaya.get('/petugas/program');
    expect(page.status).toBe(200);
    expect(page.html).not.toContain(CODE);
    expect(page.html).not.toContain('Bantuan Lansia');
    expect(page.html).toContain('Program Keluarga Harapan (PKH)');
    expect(visible(page.html)).toContain('Program yang Anda tambahkan menjadi program');
    for (const path of [
      `/petugas/program?ubah=${CODE}`,
      '/petugas/program?ubah=PKH',
      '/petugas/program?ubah=%3Cb%3E',
    ]) {
      const answer = await surabaya.get(path);
      expect(answer.status, path).toBe(404);
      expect(answer.html).toContain('Program tidak ditemukan.');
      expect(answer.html).not.toContain('Bantuan Lansia');
    }
    const before = await programRow(CODE);
    const forged = await surabaya.post([
      ...lansia({ desil_ceiling: '9', name: 'Diambil Surabaya' }),
      ['action', 'update'],
    ]);
    expect(forged.status).toBe(404);
    expect(forged.html).toContain('Program tidak ditemukan.');
    // What a forged edit typed is not shown back in a form of a program it may not see.
    expect(forged.html).not.toContain('Diambil Surabaya');
    expect(await programRow(CODE)).toEqual(before);
  });

  it('the village and RT offices have no such page, and their posts change nothing', async () => {
    for (const username of ['kel.wates', 'kel.kranggan', 'rt008.wates']) {
      const other = await officer(username);
      const page = await other.get('/petugas/program');
      expect(page.status, username).toBe(404);
      expect(page.html).not.toContain('href="/petugas/program"');
      const post = await other.post([...lansia({ code: 'RT-PROG' }), ['action', 'create']]);
      expect(post.status, username).toBe(404);
      expect(await programRow('RT-PROG')).toBeUndefined();
    }
    const anonymous = await fetch(`${server.url}/petugas/program`, { redirect: 'manual' });
    expect(anonymous.status).toBe(303);
    expect(anonymous.headers.get('location')).toBe('/petugas/masuk?next=%2Fpetugas%2Fprogram');
  });

  it('the admin edits a national program, and its amounts come back unchanged through the form', async () => {
    const admin = await officer('admin');
    const page = await admin.get('/petugas/program');
    expect(page.status).toBe(200);
    // The admin keeps every program, the regencies' own too.
    expect(page.html).toContain('/petugas/program?ubah=PKH');
    expect(page.html).toContain(`/petugas/program?ubah=${CODE}`);
    expect(visible(page.html)).toContain('Program yang ditambahkan admin berlaku nasional.');
    const form = await admin.get('/petugas/program?ubah=PKH');
    expect(form.status).toBe(200);
    expect(form.html).toContain('Ibu hamil | Pregnancy | Rp 750.000');

    const before = await programRow('PKH');
    if (!before) throw new Error('PKH is seeded');
    // The form as the page fills it, with only the criteria changed.
    const values = formValuesOf(profileOf(before));
    const criteria =
      'Bantuan tunai bersyarat untuk keluarga dengan ibu hamil, anak usia sekolah, lansia atau penyandang disabilitas berat.';
    const fields = Object.entries(
      profileInputOf({ ...values, text: { ...values.text, criteria_id: criteria } }),
    ).flatMap(([k, v]): [string, string][] =>
      Array.isArray(v) ? v.map((c) => [k, String(c)]) : [[k, String(v ?? '')]],
    );
    const saved = await admin.post([...fields, ['action', 'update']]);
    expect(saved.status).toBe(200);
    expect(saved.html).toContain('Perubahan program PKH disimpan.');
    const after = await programRow('PKH');
    expect(after?.criteria_id).toBe(criteria);
    expect(after?.region_code).toBeNull();
    expect(JSON.parse(after?.amounts ?? '')).toEqual(JSON.parse(before.amounts));
    expect(after?.aliases).toBe(before.aliases);
    const audit = await opened.db
      .selectFrom('audit_log')
      .select(['action', 'actor_role'])
      .where('target_type', '=', 'program')
      .where('target_id', '=', 'PKH')
      .execute();
    expect(audit).toContainEqual({ action: 'program_update', actor_role: 'admin' });

    // The same page in English: every word of it, the programs' English names.
    const english = visible((await admin.get('/petugas/program?lang=en')).html);
    expect(english).toContain('Aid programs');
    expect(english).toContain('Family Hope Program (PKH)');
    expect(english).toContain('Food credit');
    expect(english).toContain('In stages');
    expect(english).toContain('National — changed by the admin');
    expect(english).toContain('From 1 January 2026');
    expect(english).not.toContain('Nasional');
    expect(english).not.toMatch(/\b[a-z]+_[a-z_]+\b/);
  });
});

describe.skipIf(!withBrowser)('the program form on a 360 px phone', { timeout: 120_000 }, () => {
  let browser: Browser;
  beforeAll(async () => {
    browser = await launchChromium();
  });
  afterAll(async () => {
    await browser?.close();
  });

  async function signedIn(javaScript: boolean): Promise<Page> {
    const context = await browser.newContext({
      viewport: { width: 360, height: 800 },
      javaScriptEnabled: javaScript,
      baseURL: server.url,
      locale: 'id-ID',
      bypassCSP: true,
    });
    const page = await context.newPage();
    const account = DEMO_ACCOUNTS.find((a) => a.username === 'dinsos.mojokerto');
    await page.goto('/petugas/masuk');
    await page.fill('#username', 'dinsos.mojokerto');
    await page.fill('#password', account?.password ?? '');
    await page.click('button[type=submit]:has-text("Masuk")');
    await page.waitForURL(/\/petugas/);
    return page;
  }

  for (const javaScript of [false, true]) {
    it(`adds a program, refused first at its field (JavaScript ${javaScript ? 'on' : 'off'})`, async () => {
      const code = javaScript ? 'PROG-JS' : 'PROG-HTML';
      const page = await signedIn(javaScript);
      await page.goto('/petugas/program');
      await page.getByRole('link', { name: 'Program bantuan' }).first().waitFor();
      await page.getByLabel('Kode').fill(code);
      await page.getByLabel('Nama program', { exact: true }).fill('Bantuan Yatim Kota');
      await page.getByLabel('Yang diberikan').selectOption({ label: 'Uang tunai' });
      await page.getByLabel('Periode penyaluran').selectOption({ label: 'Setiap tiga bulan' });
      await page.getByLabel('Batas desil').fill('11');
      await page.getByRole('checkbox', { name: 'Program Keluarga Harapan (PKH)' }).check();
      await page.getByLabel('Besaran bantuan').fill('Per tiga bulan | A quarter | Rp 450.000');
      await page
        .getByLabel('Kriteria (dibaca warga di halaman Kriteria)')
        .fill('Anak yatim dari keluarga miskin di Kota Mojokerto.');
      await page.getByLabel('Berlaku sejak').fill('2026-07-01');
      await page.getByRole('button', { name: 'Simpan program baru' }).click();

      await page.locator('.error-summary').waitFor();
      const error = page.locator('#desil_ceiling-error');
      expect(await error.textContent()).toContain('Batas desil berupa angka bulat 1 sampai 10');
      expect(await error.isVisible()).toBe(true);
      expect(await page.getByLabel('Batas desil').inputValue()).toBe('11');
      expect(await page.getByLabel('Kode').inputValue()).toBe(code);
      expect(await page.getByRole('checkbox', { name: 'Program Keluarga Harapan (PKH)' }).isChecked()).toBe(
        true,
      );
      expect(await page.getByLabel('Berlaku sejak').inputValue()).toBe('2026-07-01');
      // Nothing wider than the phone: the form and the list fit 360 px.
      expect(await page.evaluate(() => document.documentElement.scrollWidth)).toBeLessThanOrEqual(360);
      // axe runs in the page: only with its scripts on.
      if (javaScript) expect(await axeViolations(page)).toEqual([]);
      // The summary takes her to the field.
      await page.locator('.error-summary a[href="#desil_ceiling"]').click();
      expect(page.url()).toContain('#desil_ceiling');

      await page.getByLabel('Batas desil').fill('2');
      await page.getByRole('button', { name: 'Simpan program baru' }).click();
      await page.getByRole('status').waitFor();
      expect(await page.getByRole('status').textContent()).toContain(`Program ${code} disimpan.`);
      expect(await page.locator(`#program-${code}`).textContent()).toContain('Bantuan Yatim Kota');
      const listed = (await page.locator(`article:has(#program-${code})`).textContent()) ?? '';
      expect(listed).toContain('Setiap tiga bulan');
      expect(listed).toContain('Desil 1–2');
      expect((await programRow(code))?.period_kind).toBe('quarter');
      await page.context().close();
    });
  }
});
