// Sari proposes her neighbour's household from a cheap phone without JavaScript, as a new user
// would (issue 11.4–11.7): the error summary names every field in page order and in her
// language, one send shows every mistake at once, the KTP's "21-07-1985" is a date and
// "30-02-1948" is not, Enter in a field sends the form, and the valid files she chose are
// kept (or, when they cannot be, named at the top), and a good Lampiran 1 survives a bad Lampiran 2.
import type { Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { databaseFile, openSqlite } from '../../src/db/database.ts';
import { composeNik, type Sex } from '../../src/domain/nik/nik.ts';
import { SOCIO_QUESTIONS, type SocioQuestion } from '../../src/domain/tickets/forms/usulan-form.ts';
import { type BrowserEnv, browserTestsAvailable, startBrowserEnv } from '../support/browser.ts';
import { tinyPng } from '../support/ticket-fixtures.ts';

const available = browserTestsAvailable();
let env: BrowserEnv;

beforeAll(async () => {
  if (available) env = await startBrowserEnv();
});
afterAll(async () => {
  if (available) await env.close();
});

const SOCIO = Object.keys(SOCIO_QUESTIONS) as SocioQuestion[];
let serial = 9600;

function household(birthDate: string, sex: Sex) {
  serial += 1;
  return {
    nik: composeNik('35.76.01', birthDate, sex, serial),
    kk: `3576019800${String(serial).padStart(6, '0')}`,
  };
}

async function open(lang: 'id' | 'en' = 'id'): Promise<Page> {
  const { page } = await env.phone({ javaScript: false });
  await page.goto(lang === 'en' ? '/usulan?lang=en' : '/usulan');
  return page;
}

async function pickVillage(page: Page) {
  for (const [level, code] of [
    ['province', '35'],
    ['regency', '35.76'],
    ['district', '35.76.01'],
    ['village', '35.76.01.1003'],
  ] as const) {
    await page.selectOption(`#${level}`, code);
    await page.locator('button[name="step"][value="region"]').click();
    await page.waitForLoadState();
  }
}

/** A complete proposal by the household itself, with the head's birth date typed as given. */
async function fillValid(page: Page, h: { nik: string; kk: string }, birthDate: string, sex: Sex) {
  await pickVillage(page);
  await page.check('#proposer-0');
  await page.fill('#head_nik', h.nik);
  await page.fill('#kk', h.kk);
  await page.fill('#head_name', 'Suwarni');
  await page.fill('#birth_date', birthDate);
  await page.check(sex === 'L' ? '#sex-0' : '#sex-1');
  await page.fill('#address', 'Jl. Mentikan Gg. 4 No. 9');
  await page.fill('#rt', '001');
  await page.fill('#rw', '003');
  for (const q of SOCIO) await page.selectOption(`#socio-${q}`, SOCIO_QUESTIONS[q][0]);
  await page.check('#assets-5');
  await page.check('#consent-input');
}

async function send(page: Page, how: () => Promise<void>): Promise<number> {
  const [response] = await Promise.all([
    page.waitForResponse((r) => r.request().method() === 'POST' && new URL(r.url()).pathname === '/usulan'),
    how(),
  ]);
  await page.waitForLoadState();
  return response.status();
}
const pressSend = (page: Page) =>
  send(page, () => page.locator('button[name="step"][value="submit"]').click());

const summaryItems = (page: Page) => page.locator('.error-summary li').allTextContents();

describe.skipIf(!available)('Sari proposes a household in one go', () => {
  it('an empty send names every field, in the order they stand on the page', async () => {
    const page = await open();
    expect(await pressSend(page)).toBe(422);
    const items = await summaryItems(page);
    expect(items).toContain('Pilih bahan lantai terluas.');
    expect(items).toContain('Isi nama kepala keluarga.');
    expect(items).toContain('Isi NIK kepala keluarga.');
    expect(items).toContain('Isi nomor KK.');
    expect(items).toContain('Pilih siapa yang mengusulkan.');
    for (const generic of ['Pilih salah satu.', 'Wajib diisi.', 'Isian tidak valid.']) {
      expect(items).not.toContain(generic);
    }
    expect(new Set(items).size).toBe(items.length);
    // Each link's target comes after the previous one's in the document.
    const inOrder = await page.evaluate(() => {
      const targets = Array.from(document.querySelectorAll('.error-summary a')).map((a) =>
        document.getElementById((a.getAttribute('href') ?? '').slice(1)),
      );
      if (targets.some((t) => !t)) return 'a link without its field';
      return targets.every(
        (t, i) =>
          i === 0 ||
          (targets[i - 1] as Node).compareDocumentPosition(t as Node) & Node.DOCUMENT_POSITION_FOLLOWING,
      );
    });
    expect(inOrder).toBe(true);
  });

  it('and in English', async () => {
    const page = await open('en');
    expect(await pressSend(page)).toBe(422);
    const items = await summaryItems(page);
    expect(items).toContain('Choose the main floor material.');
    expect(items).toContain('Enter the name of the head of household.');
    expect(items).not.toContain('Choose one.');
  });

  it('the first send already names the empty NIK and KK, the proposer name and "none" with an asset', async () => {
    const page = await open();
    await page.check('#proposer-1'); // the RT/RW head
    await page.check('#assets-0');
    await page.check('#assets-5'); // "Tidak ada" as well
    expect(await pressSend(page)).toBe(422);
    const items = await summaryItems(page);
    expect(items).toEqual(
      expect.arrayContaining([
        'Isi nama pengusul.',
        'Isi NIK kepala keluarga.',
        'Isi nomor KK.',
        expect.stringContaining('"tidak ada"'),
      ]),
    );
  });

  it('a birth date and a sex that differ from the NIK are named with the missing name', async () => {
    const h = household('1985-07-21', 'P');
    const page = await open();
    await fillValid(page, h, '22-07-1985', 'L');
    await page.fill('#head_name', '');
    expect(await pressSend(page)).toBe(422);
    const items = await summaryItems(page);
    expect(items).toEqual([
      'Isi nama kepala keluarga.',
      'Tanggal lahir tidak sama dengan tanggal lahir di NIK.',
      expect.stringContaining('Jenis kelamin tidak sama dengan NIK'),
    ]);
    expect(await page.inputValue('#birth_date')).toBe('22-07-1985');
  });

  it('takes the birth date as printed on the KTP, and refuses impossible and future dates of members', async () => {
    const h = household('1985-07-21', 'P');
    const page = await open();
    await fillValid(page, h, '21-07-1985', 'P');
    await page.fill('#members-0-name', 'Bagus');
    await page.selectOption('#members-0-relation', 'anak');
    await page.fill('#members-0-birth_date', '30/02/2010');
    await page.fill('#members-1-name', 'Mbah Sarinah');
    await page.selectOption('#members-1-relation', 'orang_tua');
    await page.fill('#members-1-birth_date', '01-01-2031');
    expect(await pressSend(page)).toBe(422);
    expect(await summaryItems(page)).toEqual([
      'Tanggal lahir anggota 2 tidak ada di kalender. Periksa hari dan bulannya.',
      'Tanggal lahir anggota 3 tidak boleh di masa depan.',
    ]);
    await page.fill('#members-0-birth_date', '28/02/2010');
    await page.fill('#members-1-birth_date', '1-1-1941');
    expect(await pressSend(page)).toBe(200);
    expect(await page.locator('.reference').textContent()).toMatch(/^USL-/);
  });

  it('Enter in a text field sends the form, not the "Lanjut" of the region step', async () => {
    const page = await open();
    await page.fill('#head_name', 'Suwarni');
    expect(await send(page, () => page.press('#head_name', 'Enter'))).toBe(422);
    expect(await page.locator('.error-summary').count()).toBe(1);
    expect(await page.inputValue('#head_name')).toBe('Suwarni');
  });

  it('keeps her valid photos across a send with errors, and names at the top the one to choose again', async () => {
    const h = household('1986-03-09', 'L');
    const page = await open();
    const png = { mimeType: 'image/png', buffer: Buffer.from(tinyPng()) };
    await page.setInputFiles('#foto_ktp', { name: 'ktp.png', ...png });
    await page.setInputFiles('#foto_kk', {
      name: 'kk.jpg',
      mimeType: 'image/jpeg',
      buffer: Buffer.from('not a photo'),
    });
    await page.setInputFiles('#foto_rumah', { name: 'rumah.png', ...png });
    expect(await pressSend(page)).toBe(422);
    expect(await page.locator('#files-again').textContent()).toContain('Foto Kartu Keluarga');
    expect(await page.locator('#files-again').textContent()).not.toContain('Foto KTP');
    expect(await page.locator('#files-kept').textContent()).toContain(
      'Foto KTP kepala keluarga, Foto rumah tampak depan',
    );
    // At the top: before the form, right under the error summary.
    expect(
      await page.evaluate(() => {
        const n = document.getElementById('files-again');
        const f = document.querySelector('form[action="/usulan"]');
        return Boolean(n && f && n.compareDocumentPosition(f) & Node.DOCUMENT_POSITION_FOLLOWING);
      }),
    ).toBe(true);
    expect(await page.locator('#foto_ktp-kept').count()).toBe(1);

    // A region step and a member row on the way keep them too; she removes the house photo.
    await fillValid(page, h, '09-03-1986', 'L');
    await page.locator('button[name="step"][value="add_member"]').click();
    await page.waitForLoadState();
    expect(await page.locator('#foto_ktp-kept').count()).toBe(1);
    await page.check('#foto_rumah-drop');
    expect(await pressSend(page)).toBe(200);
    const reference = (await page.locator('.reference').textContent()) ?? '';
    expect(await attachmentsOf(reference)).toEqual(['foto_ktp']);
  });
});

describe.skipIf(!available)('Rina complains with two files, one of them bad', () => {
  it('a good Lampiran 1 is not lost because Lampiran 2 is bad', async () => {
    const { page } = await env.phone({ javaScript: false });
    await page.goto('/aduan');
    await page.selectOption('#program', 'BPNT');
    await page.check('#problem-0');
    await page.fill('#description', 'Saldo BPNT bulan ini belum masuk ke kartu KKS saya.');
    await page.check('#contact-anonymous');
    await page.check('#consent-input');
    await page.setInputFiles('#lampiran_1', {
      name: 'kks.png',
      mimeType: 'image/png',
      buffer: Buffer.from(tinyPng()),
    });
    await page.setInputFiles('#lampiran_2', {
      name: 'x.pdf',
      mimeType: 'application/pdf',
      buffer: Buffer.from('%PDF-broken'),
    });
    const sendAduan = async () => {
      const [response] = await Promise.all([
        page.waitForResponse(
          (r) => r.request().method() === 'POST' && new URL(r.url()).pathname === '/aduan',
        ),
        page.locator('form[action="/aduan"] button[type="submit"]').click(),
      ]);
      await page.waitForLoadState();
      return response.status();
    };
    expect(await sendAduan()).toBe(422);
    expect(await page.locator('#files-again').textContent()).toContain('Lampiran 2');
    expect(await page.locator('#files-kept').textContent()).toContain('Lampiran 1');
    expect(await sendAduan()).toBe(200);
    const reference = (await page.locator('.reference').textContent()) ?? '';
    expect(await attachmentsOf(reference)).toEqual(['lampiran_1']);
  });
});

async function attachmentsOf(reference: string): Promise<string[]> {
  const { db } = openSqlite(databaseFile(env.dataDir));
  try {
    const rows = await db
      .selectFrom('ticket_attachments as a')
      .innerJoin('ticket_submissions as s', 's.ticket_id', 'a.ticket_id')
      .select('a.purpose')
      .where('s.reference', '=', reference)
      .orderBy('a.purpose')
      .execute();
    return rows.map((r) => r.purpose);
  } finally {
    await db.destroy();
  }
}
