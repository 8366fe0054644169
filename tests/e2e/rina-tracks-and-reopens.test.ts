// Rina follows her tickets from her phone, with JavaScript on and off: the tracking page tells
// her the state in plain words, the office and the timeline; a wrong code says no more than an
// unknown reference. Officers (acting here straight on the server's database) answer her
// complaint, and she reopens it once; they ask for a correction of her proposal, and she sends it.
import { randomUUID } from 'node:crypto';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import type { Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { composeNik } from '../../src/domain/nik/nik.ts';
import { SOCIO_QUESTIONS } from '../../src/domain/tickets/forms/usulan-form.ts';
import { submitAduan } from '../../src/domain/tickets/submit-aduan.ts';
import { submitUsulan } from '../../src/domain/tickets/submit-usulan.ts';
import { type Actor, transitionTicket } from '../../src/domain/tickets/ticket-repository.ts';
import { type Prepared, prepareDatabase } from '../../src/server/bootstrap.ts';
import { type BrowserEnv, browserTestsAvailable, startBrowserEnv } from '../support/browser.ts';

const available = browserTestsAvailable();
let env: BrowserEnv;
let officer: Prepared;
let fileDir: string;
let png: string;

const DESK: Actor = { role: 'dinsos', id: 'slrt-desk-1' };
const RT: Actor = { role: 'rt_rw', id: 'rt-003' };
const KELURAHAN: Actor = { role: 'kelurahan', id: 'kel-prajurit-kulon' };
const ANSWER = 'Dana sudah ditransfer ulang oleh bank penyalur pada 20 November. Silakan cek saldo KKS.';

beforeAll(async () => {
  if (!available) return;
  env = await startBrowserEnv();
  // The officer works on the same database as the server, as the back office will.
  officer = await prepareDatabase({ dataDir: env.dataDir, demoData: false });
  fileDir = mkdtempSync(path.join(tmpdir(), 'rina-tracks-'));
  png = path.join(fileDir, 'kk-baru.png');
  writeFileSync(
    png,
    Buffer.from(
      'iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR42mNkYPhfDwAChwGA60e6kgAAAABJRU5ErkJggg==',
      'base64',
    ),
  );
});
afterAll(async () => {
  if (!available) return;
  await officer.db.destroy();
  await env.close();
  rmSync(fileDir, { recursive: true, force: true });
});

interface Ticket {
  reference: string;
  code: string;
}

const meta = () => ({
  idempotencyKey: `e2e:${randomUUID()}`,
  locale: 'id' as const,
  attachments: [],
  clientKey: 'e2e-officer-desk',
});

async function newAduan(): Promise<Ticket> {
  const r = await submitAduan(
    officer.deps,
    {
      program: 'PKH',
      problem: 'dana_tidak_diterima',
      description: 'Dana PKH tahap tiga belum masuk ke rekening.',
      contact: { anonymous: 'ya' },
      consent: 'ya',
    },
    meta(),
  );
  return { reference: r.reference, code: r.tracking_code };
}

async function newUsulan(serial: number): Promise<Ticket> {
  const birthDate = '1986-05-17';
  const nik = composeNik('35.76.01', birthDate, 'P', serial);
  const r = await submitUsulan(
    officer.deps,
    {
      proposer: 'sendiri',
      head_nik: nik,
      kk: `357601880000${String(serial).padStart(4, '0')}`,
      head_name: 'Rina Wati',
      birth_date: birthDate,
      sex: 'P',
      address: 'Jl. Kenanga No. 7',
      rt: '001',
      rw: '004',
      village_code: '35.76.01.1003',
      socio: Object.fromEntries(Object.entries(SOCIO_QUESTIONS).map(([q, values]) => [q, values[0]])),
      assets: ['tidak_ada'],
      consent: 'ya',
    },
    meta(),
  );
  return { reference: r.reference, code: r.tracking_code };
}

async function move(
  t: Ticket,
  to: string,
  actor: Actor,
  extra: { note?: string; answer?: string; unit?: string } = {},
) {
  const s = await officer.db
    .selectFrom('ticket_submissions')
    .select('ticket_id')
    .where('reference', '=', t.reference)
    .executeTakeFirstOrThrow();
  // Every note in Rina's story is written for her.
  await transitionTicket(officer.db, officer.deps, {
    ticketId: s.ticket_id,
    to,
    actor,
    noteAudience: 'resident',
    ...extra,
  });
}

/** Types reference and code on /lacak and presses Lacak; returns the answer's HTTP status. */
async function track(page: Page, reference: string, code: string): Promise<number> {
  await page.goto('/lacak');
  await page.fill('#reference', reference);
  await page.fill('#tracking_code', code);
  return press(page, 'track');
}

async function press(page: Page, action: 'track' | 'respond' | 'reopen'): Promise<number> {
  const [response] = await Promise.all([
    page.waitForResponse((r) => r.request().method() === 'POST' && new URL(r.url()).pathname === '/lacak'),
    page.locator(`button[name="action"][value="${action}"]`).click(),
  ]);
  await page.waitForLoadState();
  return response.status();
}

/** The state in plain words, as shown (the page may capitalise the sentence). */
const statusOf = async (page: Page) =>
  ((await page.locator('.result .status').textContent()) ?? '').toLowerCase();
/** A date as `2026-11-27` or `27 November 2026`. */
const DATE = /\d{4}-\d{2}-\d{2}|\d{1,2} \p{L}+ \d{4}/u;
const timeline = (page: Page) => page.locator('ol.timeline > li').allTextContents();
const facts = async (page: Page) => (await page.locator('.result dl.facts').textContent()) ?? '';

describe.skipIf(!available).each([{ javaScript: true }, { javaScript: false }])(
  'Rina tracks her tickets (JavaScript $javaScript)',
  ({ javaScript }) => {
    it('follows the receipt link, types her code, and reads status, office, due date and timeline', async () => {
      const { page } = await env.phone({ javaScript });
      await page.goto('/aduan');
      await page.selectOption('#program', 'BPNT');
      await page.check('#problem-1');
      await page.fill(
        '#description',
        `Kartu KKS terblokir setelah salah PIN tiga kali (JavaScript ${javaScript}).`,
      );
      await page.check('#contact-anonymous');
      await page.check('#consent-input');
      await page.locator('form[action="/aduan"] button[type="submit"]').click();
      await page.waitForLoadState();
      const reference = (await page.locator('.reference').textContent({ timeout: 10_000 })) ?? '';
      const code = (await page.locator('.tracking-code').textContent()) ?? '';

      await page.locator(`a[href="/lacak?ref=${reference}"]`).first().click();
      await page.waitForLoadState();
      expect(await page.inputValue('#reference')).toBe(reference);
      // Typed the way people copy codes: lower case, with spaces.
      await page.fill('#tracking_code', ` ${code.toLowerCase()} `);
      expect(await press(page, 'track')).toBe(200);
      expect(await page.locator('#ticket-title').textContent()).toContain(reference);
      expect(await statusOf(page)).toBe('diterima, menunggu diteruskan petugas slrt');
      const shown = await facts(page);
      expect(shown).toContain('Dinas Sosial');
      expect(shown).toMatch(DATE);
      expect(shown).not.toContain('terlambat');
      const entries = await timeline(page);
      expect(entries).toHaveLength(1);
      expect(entries[0]?.toLowerCase()).toContain('diterima');
      expect(await page.locator('.result form').count()).toBe(0);
      expect(await page.evaluate(() => document.documentElement.scrollWidth)).toBeLessThanOrEqual(360);

      // A step past its due date stays visible as late.
      await officer.db
        .updateTable('tickets')
        .set({ due_at: '2020-01-01T16:59:59.999Z' })
        .where('id', '=', (eb) =>
          eb.selectFrom('ticket_submissions').select('ticket_id').where('reference', '=', reference),
        )
        .execute();
      expect(await track(page, reference, code)).toBe(200);
      expect(await facts(page)).toMatch(/2020-01-01|1 Januari 2020/);
      expect(await page.locator('.result .overdue').textContent()).toContain('terlambat');
    });

    it('gets the same answer for a wrong code as for an unknown reference', async () => {
      const t = await newAduan();
      const { page } = await env.phone({ javaScript });
      const wrongCode = t.code.startsWith('A') ? `B${t.code.slice(1)}` : `A${t.code.slice(1)}`;
      const statusWrong = await track(page, t.reference, wrongCode);
      const wrong = await page.locator('main').textContent();
      const unknownRef = t.reference.endsWith('2')
        ? `${t.reference.slice(0, -1)}3`
        : `${t.reference.slice(0, -1)}2`;
      const statusUnknown = await track(page, unknownRef, t.code);
      const unknown = await page.locator('main').textContent();
      expect(statusWrong).toBe(404);
      expect(statusUnknown).toBe(404);
      expect(await page.locator('#reference-error').textContent()).toContain(
        'Nomor tiket atau kode lacak salah',
      );
      // The same words; only the reference she typed is echoed back in the field.
      expect(wrong?.replace(unknownRef, t.reference)).toBe(unknown?.replace(unknownRef, t.reference));
      expect(await page.locator('.result').count()).toBe(0);
      expect(await page.inputValue('#tracking_code')).toBe(t.code);
    });

    it('is told what is missing on an empty form, and what to do without her code', async () => {
      const { page } = await env.phone({ javaScript });
      await page.goto('/lacak');
      // The advice for a lost code stands on the form before anything is typed.
      expect(await page.locator('main').textContent()).toContain('Kode lacak hilang?');
      expect(await press(page, 'track')).toBe(422);
      expect(await page.locator('#reference-error').textContent()).toContain('Isi nomor tiket');
      expect(await page.locator('#tracking_code-error').textContent()).toContain('Isi kode lacak');
      expect(await page.locator('main').textContent()).not.toContain('Nomor tiket atau kode lacak salah');
      expect(await page.locator('main').textContent()).toContain('Kode lacak hilang?');
    });

    it('reads the answer to her complaint and reopens it, once', async () => {
      const t = await newAduan();
      await move(t, 'diteruskan', DESK, { unit: 'bank_penyalur' });
      const { page } = await env.phone({ javaScript });
      await track(page, t.reference, t.code);
      expect(await statusOf(page)).toBe('diteruskan ke unit terkait');
      expect(await facts(page)).toContain('Bank penyalur');

      await move(t, 'ditindaklanjuti', DESK);
      await move(t, 'selesai', DESK, { answer: ANSWER });
      await track(page, t.reference, t.code);
      expect(await statusOf(page)).toBe('selesai');
      expect((await timeline(page)).join('\n')).toContain(ANSWER);
      expect(await page.locator('button[name="action"][value="reopen"]').count()).toBe(1);

      // Reopening needs a reason: the message by the field, the ticket still on screen.
      expect(await press(page, 'reopen')).toBe(422);
      expect(await page.locator('#reason-error').isVisible()).toBe(true);
      expect(await statusOf(page)).toBe('selesai');

      await page.fill('#reason', 'Saldo masih nol, dana belum masuk.');
      expect(await press(page, 'reopen')).toBe(200);
      // Not a bare "Tersimpan.": what happened, where the case stands, and what comes next.
      const reopened = (await page.locator('.result .notice[role="status"]').textContent()) ?? '';
      expect(reopened).toContain('Aduan Anda dibuka kembali');
      // Back with the bank that answered it, at its step (decision 0025), said in words.
      expect(reopened.toLowerCase()).toContain('status sekarang: sedang ditindaklanjuti');
      expect(reopened).toContain('Sedang ditangani: Bank penyalur');
      expect(reopened).toContain('tidak dapat dibuka kembali untuk kedua kalinya');
      expect(reopened).toMatch(DATE);
      expect(await statusOf(page)).toBe('sedang ditindaklanjuti');
      // Her reason is her own entry in the timeline, not a note under an office step.
      const reason = page.locator('ol.timeline > li', { hasText: 'Saldo masih nol' });
      expect(await reason.locator('strong').first().textContent()).toBe('Dari Anda');
      expect(await reason.locator('.now-with').textContent()).toBe('Sedang ditangani: Bank penyalur');
      expect(await page.locator('button[name="action"][value="reopen"]').count()).toBe(0);

      // Answered again: this time there is no second reopening.
      await move(t, 'selesai', DESK, { answer: 'Dana sudah masuk pada 25 November.' });
      await track(page, t.reference, t.code);
      expect(await statusOf(page)).toBe('selesai');
      expect(await page.locator('button[name="action"][value="reopen"]').count()).toBe(0);
      expect(await page.locator('#reason').count()).toBe(0);
    });

    it('answers a request to correct her proposal, which goes back to the step that asked', async () => {
      const t = await newUsulan(javaScript ? 7701 : 7702);
      await move(t, 'diverifikasi_rt_rw', RT);
      await move(t, 'perlu_perbaikan', KELURAHAN, { note: 'Foto KK kurang jelas, mohon kirim ulang.' });
      const { page } = await env.phone({ javaScript });
      await track(page, t.reference, t.code);
      expect(await statusOf(page)).toBe('perlu perbaikan dari anda');
      expect(await facts(page)).toContain('Anda (warga)');
      expect((await timeline(page)).join('\n')).toContain('Foto KK kurang jelas');

      // Too short: the message by the field, nothing moves.
      await page.fill('#correction', 'ok');
      expect(await press(page, 'respond')).toBe(422);
      expect(await page.locator('#correction-error').isVisible()).toBe(true);
      expect(await page.inputValue('#correction')).toBe('ok');
      expect(await statusOf(page)).toBe('perlu perbaikan dari anda');

      await page.fill('#correction', 'Foto KK baru terlampir, nomor KK tetap sama.');
      await page.setInputFiles('#lampiran_perbaikan', png);
      expect(await press(page, 'respond')).toBe(200);
      const sent = (await page.locator('.result .notice[role="status"]').textContent()) ?? '';
      expect(sent).toContain('Perbaikan Anda terkirim');
      expect(sent.toLowerCase()).toContain('diverifikasi rt/rw, menunggu musyawarah kelurahan');
      expect(sent).toContain('Simpan nomor tiket dan kode lacak');
      expect(await statusOf(page)).toBe('diverifikasi rt/rw, menunggu musyawarah kelurahan');
      // Her correction is her own reply, the last entry, not shown as the office's "Dibahas…"
      // step; the step it went back to is said beneath it.
      const entries = page.locator('ol.timeline > li');
      const last = entries.last();
      expect(await last.locator('strong').first().textContent()).toBe('Dari Anda');
      expect(await last.textContent()).toContain('Foto KK baru terlampir');
      expect((await last.textContent())?.toLowerCase()).toContain(
        'tiket kembali ke: diverifikasi rt/rw, menunggu musyawarah kelurahan',
      );
      // The file she sent is named under her correction, as her phone named it, with its size.
      const sentFile = `kk-baru.png (${readFileSync(png).length} byte)`;
      expect(await last.textContent()).toContain('Berkas yang Anda kirim:');
      expect(await last.locator('.sent-files li').allTextContents()).toEqual([sentFile]);
      // The officer's request stays the office's own entry, above it.
      const asked = page.locator('ol.timeline > li', { hasText: 'Foto KK kurang jelas' });
      expect(await asked.locator('strong').first().textContent()).not.toBe('Dari Anda');
      expect(await page.locator('#correction').count()).toBe(0);

      const stored = await officer.db
        .selectFrom('ticket_attachments as a')
        .innerJoin('ticket_submissions as s', 's.ticket_id', 'a.ticket_id')
        .select(['a.content_type', 'a.event_id'])
        .where('s.reference', '=', t.reference)
        .execute();
      expect(stored).toHaveLength(1);
      expect(stored[0]?.content_type).toBe('image/png');
      expect(stored[0]?.event_id).not.toBeNull();

      // Looked up again later with her code: the file is still there under her correction, and
      // only there; without the code nothing of the ticket is shown.
      expect(await track(page, t.reference, t.code)).toBe(200);
      expect(
        await page.locator('ol.timeline > li').last().locator('.sent-files li').allTextContents(),
      ).toEqual([sentFile]);
      expect(await page.locator('ol.timeline .sent-files').count()).toBe(1);
      await page.goto(`/lacak?ref=${t.reference}`);
      expect(await page.locator('.sent-files').count()).toBe(0);
    });
  },
);
