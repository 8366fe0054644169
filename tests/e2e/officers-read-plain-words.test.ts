// Issue 20 item 6: a new officer read `head_nik`, `consent true`, `reason tidak_ditemukan`,
// "lihat README", `npm run import` and "#3500" on the back office. Against the built server with
// the demo data, every demo officer (rt_rw, kelurahan, dinsos, admin) walks every page their
// navigation and their inbox lead to (cases of each kind and state, imports with rejected rows,
// the quality report, statistics, musyawarah, templates, programs, accounts, audit, outbox…),
// plus the answers of posted forms (find a case, a data request, the audit's NIK search), and the
// VISIBLE text of each (the browser's innerText: no attribute, no script, nothing hidden) may hold
// no snake_case code, no JSON, no `key=value`, no developer word and no internal `#id`.

import type { Browser, BrowserContext, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type OpenedDatabase, openDatabase } from '../../src/db/database.ts';
import { DEMO_ACCOUNTS } from '../../src/demo/demo-accounts.ts';
import { loadRegionDirectory } from '../../src/domain/regions/region-directory.ts';
import { TICKET_KINDS } from '../../src/domain/tickets/workflow.ts';
import { browserTestsAvailable, launchChromium } from '../support/browser.ts';
import { type BuiltServer, builtServerAvailable, startBuiltServer } from '../support/built-server.ts';
import { signInOverHttp } from '../support/officer-session.ts';
import { dirtyList, placesIn } from '../support/recipient-lists.ts';
import { LISTED_HOUSEHOLD } from '../support/ticket-fixtures.ts';

const available = builtServerAvailable() && browserTestsAvailable();
let server: BuiltServer;
let browser: Browser;
let opened: OpenedDatabase;

/** What a new officer should never read. Each rule names what it found. */
const RULES: [string, RegExp][] = [
  ['snake_case code', /\b[a-z]+(?:_[a-z0-9]+)+\b/g],
  ['JSON', /\{"|":|\[\{|\b(?:true|false|null)\b/g],
  ['key=value', /\b[a-z_]+=\S+/g],
  ['developer word', /README|npm run|\bundefined\b|\bNaN\b|\[object Object\]|(?:^|\s)--[a-z]+/g],
  ['internal id', /#\d+\b/g],
];

/**
 * The allow-list, kept tiny: a file name the office uploaded is shown as the office named it
 * (`daftar_bpnt_2026.csv` is its words, not ours).
 */
const ALLOWED: RegExp[] = [/\S+\.(?:csv|xlsx|xls)\b/gi];

export function offences(text: string): string[] {
  let rest = text;
  for (const allowed of ALLOWED) rest = rest.replace(allowed, ' ');
  const found = new Set<string>();
  for (const [name, rule] of RULES) for (const m of rest.matchAll(rule)) found.add(`${name}: ${m[0]}`);
  return [...found];
}

/**
 * How many pages of one shape the crawl visits: digits → N, query keys without their values but
 * the inbox's kind. A case of each kind, state and purpose is a seed of its own (casesOfEveryShape),
 * visited whatever the caps; the cases the inbox links to beyond them add little.
 */
function shapeOf(url: URL): string {
  const keys = [...url.searchParams.keys()]
    .sort()
    .map((k) => (k === 'kind' ? `${k}=${url.searchParams.get(k)}` : k))
    .join('&');
  return `${url.pathname.replace(/\d+/g, 'N')}?${keys}`;
}
// Every rule of an import's report is a page of its own findings.
const CAP_PER_SHAPE: Record<string, number> = { '/petugas/tiket/N?': 4, '/petugas/impor/N?aturan': 20 };
const DEFAULT_CAP = 4;
const ENGLISH_CAPS: Record<string, number> = { '/petugas/tiket/N?': 2, '/petugas/impor/N?aturan': 3 };

/** Links the crawl does not follow: the logout, downloads, the other language, attachments. */
function followable(url: URL, base: URL): boolean {
  if (url.origin !== base.origin || !url.pathname.startsWith('/petugas')) return false;
  if (/^\/petugas\/(keluar|lampiran)/.test(url.pathname)) return false;
  if (/\.(csv|xlsx|json|pdf)$/.test(url.pathname)) return false;
  return !url.searchParams.has('lang');
}

interface Finding {
  page: string;
  offences: string[];
}

async function visibleText(page: Page): Promise<string> {
  // biome-ignore lint/performance/useDomNodeTextContent: the rendered text is the point: nothing hidden, no script
  return page.evaluate(() => document.body.innerText);
}

/** One sign-in per officer for the whole file: each costs a password hash at its real cost. */
const sessions = new Map<string, Promise<{ cookie: string }>>();

async function contextFor(username: string, locale = 'id-ID'): Promise<BrowserContext> {
  if (!sessions.has(username)) sessions.set(username, signInOverHttp(server.url, username));
  const session = await (sessions.get(username) as Promise<{ cookie: string }>);
  const [name, value] = session.cookie.split('=') as [string, string];
  // The browser's language picks the page's (Accept-Language), as for an officer's own browser.
  const context = await browser.newContext({ viewport: { width: 1280, height: 900 }, locale });
  await context.addCookies([{ name, value, url: server.url }]);
  return context;
}

/** Visits the seeds and every page their links lead to (within the caps); answers what it found. */
async function crawl(
  username: string,
  seeds: string[],
  locale = 'id-ID',
  caps: Record<string, number> = CAP_PER_SHAPE,
  otherCap = DEFAULT_CAP,
): Promise<{ visited: string[]; findings: Finding[]; statuses: Map<string, number> }> {
  const context = await contextFor(username, locale);
  const page = await context.newPage();
  const base = new URL(server.url);
  const queue = seeds.map((s) => new URL(s, base));
  const seeded = new Set(queue.map((url) => `${url.pathname}${url.search}`));
  const seen = new Set<string>();
  const perShape = new Map<string, number>();
  const visited: string[] = [];
  const findings: Finding[] = [];
  const statuses = new Map<string, number>();
  while (queue.length > 0) {
    const url = queue.shift() as URL;
    url.hash = '';
    const key = `${url.pathname}${url.search}`;
    if (seen.has(key)) continue;
    seen.add(key);
    const shape = shapeOf(url);
    const cap = caps[shape] ?? otherCap;
    if (!seeded.has(key) && (perShape.get(shape) ?? 0) >= cap) continue;
    perShape.set(shape, (perShape.get(shape) ?? 0) + 1);
    const response = await page.goto(url.href);
    statuses.set(key, response?.status() ?? 0);
    visited.push(key);
    const bad = offences(await visibleText(page));
    if (bad.length > 0) findings.push({ page: key, offences: bad });
    const links = await page.$$eval('a[href]:not([download])', (as) =>
      as.map((a) => (a as HTMLAnchorElement).href),
    );
    for (const href of links) {
      const next = new URL(href);
      if (followable(next, base)) queue.push(next);
    }
  }
  await context.close();
  return { visited, findings, statuses };
}

/** Posts a form on a page the way the officer does, and checks the answer's text. */
async function afterPosting(
  username: string,
  path: string,
  fill: (page: Page) => Promise<void>,
): Promise<Finding | null> {
  const context = await contextFor(username);
  const page = await context.newPage();
  await page.goto(`${server.url}${path}`);
  await Promise.all([page.waitForNavigation(), fill(page)]);
  const bad = offences(await visibleText(page));
  await context.close();
  return bad.length > 0 ? { page: `${path} (posted)`, offences: bad } : null;
}

/** The inbox of every kind, closed cases included. */
const inboxSeeds = TICKET_KINDS.map((kind) => `/petugas?kind=${kind}&show=all`);

/**
 * One case of every kind, state and purpose the officer's area holds: each is a page of its own
 * words (its state, its moves, its purpose's fields). An RT/RW head's area is their RT and RW.
 */
async function casesOfEveryShape(username: string): Promise<string[]> {
  const account = DEMO_ACCOUNTS.find((a) => a.username === username);
  if (!account?.areaCode) return [];
  let query = opened.db
    .selectFrom('tickets')
    .select((eb) => eb.fn.min('id').as('id'))
    .where('area_code', 'like', `${account.areaCode}%`)
    .groupBy(['kind', 'status', 'topic']);
  if (account.rt && account.rw) query = query.where('rt', '=', account.rt).where('rw', '=', account.rw);
  const rows = await query.execute();
  return rows.map((r) => `/petugas/tiket/${r.id}`);
}

/** Cases the issue named: a forwarded aduan, a correction request, a duplicate, a musyawarah case. */
async function namedCases(): Promise<string[]> {
  const db = opened.db;
  const byReference = async (reference: string) =>
    (
      await db
        .selectFrom('ticket_submissions')
        .select('ticket_id')
        .where('reference', '=', reference)
        .executeTakeFirst()
    )?.ticket_id;
  const duplicate = await db
    .selectFrom('tickets')
    .select(['id', 'duplicate_of'])
    .where('duplicate_of', 'is not', null)
    .executeTakeFirst();
  const forwarded = await db
    .selectFrom('tickets')
    .select('id')
    .where('responsible_unit', 'is not', null)
    .executeTakeFirst();
  const ids = [
    await byReference('USL-7DEM2PRB'),
    await byReference('USL-5TPKW3GA'),
    await byReference('SGH-3PKR8HTV'),
    await byReference('ADU-7KQ4M9XP'),
    await byReference('ADU-TRB6HN2K'),
    duplicate?.id,
    duplicate?.duplicate_of,
    forwarded?.id,
  ].filter((id): id is number => typeof id === 'number');
  return ids.map((id) => `/petugas/tiket/${id}`);
}

/** The pages of every import: the list links to each, with its rejected rows and preview. */
async function importPages(): Promise<string[]> {
  const rows = await opened.db.selectFrom('imports').select('id').orderBy('id').execute();
  return rows.map((r) => `/petugas/impor/${r.id}`);
}

/** The Dinas Sosial uploads a list with rejected rows: its page, preview and report are crawled. */
async function uploadDirtyList(): Promise<void> {
  const regions = await loadRegionDirectory(opened.db);
  const [a, b] = placesIn(regions, '35.76');
  const context = await contextFor('dinsos.mojokerto');
  const page = await context.newPage();
  await page.goto(`${server.url}/petugas/impor`);
  await page.setInputFiles('#berkas', {
    name: 'bpnt_februari.csv',
    mimeType: 'text/csv',
    buffer: Buffer.from(dirtyList(a, b, 20).text),
  });
  await Promise.all([
    page.waitForURL(/\/petugas\/impor\/\d+$/),
    page.click('button[type=submit]:has-text("Unggah")'),
  ]);
  const importPath = new URL(page.url()).pathname;
  // The list is read in the background: wait until its page says the reading is done. Asked
  // without navigating: the page reloads itself while the reading runs (meta refresh), which would
  // abort a navigation of ours.
  for (let tries = 0; tries < 240; tries++) {
    const html = await (await context.request.get(`${server.url}${importPath}`, { timeout: 120_000 })).text();
    if (/<dl class="facts">[\s\S]*?selesai/.test(html) && !html.includes('http-equiv="refresh"')) break;
    await page.waitForTimeout(500);
  }
  await context.close();
}

/**
 * The RT head verifies the proposal waiting for him, and Wates holds its musyawarah on it: the
 * minutes page exists to be crawled.
 */
async function recordMusyawarah(): Promise<void> {
  const rt = await contextFor('rt008.wates');
  const desk = await rt.newPage();
  await desk.goto(`${server.url}/petugas?kind=usulan&status=diajukan`);
  const waiting = await desk.locator('table.inbox a[href^="/petugas/tiket/"]').first().getAttribute('href');
  expect(waiting).toBeTruthy();
  await desk.goto(`${server.url}${waiting}`);
  const verify = desk.locator('form#move-diverifikasi_rt_rw');
  await verify.locator('textarea[name=note]').fill('Sudah dicek di rumahnya.');
  const internal = verify.locator('input[value=internal]');
  if ((await internal.count()) > 0) await internal.check();
  await Promise.all([desk.waitForNavigation(), verify.locator('button[type=submit]:not([name])').click()]);
  await rt.close();

  const context = await contextFor('kel.wates');
  const page = await context.newPage();
  await page.goto(`${server.url}/petugas/musyawarah`);
  for (const fieldset of await page.locator('form.musyawarah td.decision fieldset').all())
    await fieldset.locator('input[type=radio]').first().check();
  await page.fill('#held_on', '2026-11-20');
  await page.fill('#place', 'Balai Kelurahan Wates');
  await page.fill('#attendees', 'Lurah Wates\nKetua RT 008');
  await Promise.all([page.waitForNavigation(), page.click('form.musyawarah button[type=submit]')]);
  await context.close();
}

beforeAll(async () => {
  if (!available) return;
  server = await startBuiltServer();
  opened = openDatabase(server.database);
  browser = await launchChromium();
  await uploadDirtyList();
  await recordMusyawarah();
}, 180_000);

afterAll(async () => {
  await browser?.close();
  await opened?.close();
  await server?.stop();
});

const report = (findings: Finding[]) =>
  findings.map((f) => `${f.page}\n    ${f.offences.join('\n    ')}`).join('\n');

describe.skipIf(!available)(
  'officers read plain words on every back-office page',
  { timeout: 600_000 },
  () => {
    it('the rules catch what issue 20 found, and let a reference and a file name through', () => {
      for (const raw of [
        'NIK kepala head_nik',
        'socio floor_area: kurang_8',
        'consent true',
        'ditolak kolom=kode_desa alasan=outside_area',
        'ejaan=2 jw=0.933',
        'Unit: bank_penyalur',
        'lihat README',
        'jalankan npm run import',
        'atau pakai --program',
        'tiket #3500',
        '{"a":1}',
      ])
        expect(offences(raw), raw).not.toEqual([]);
      expect(offences('Usulan USL-7DEM2PRB · berkas daftar_bpnt_2026.csv · 27 November 2026')).toEqual([]);
    });

    for (const [username, extra] of [
      ['rt008.wates', ['/petugas/usulan-rt']],
      ['kel.wates', ['/petugas/statistik', '/petugas/musyawarah', '/petugas/ekspor', '/petugas/usulan-rt']],
      [
        'dinsos.mojokerto',
        [
          '/petugas/statistik',
          '/petugas/musyawarah',
          '/petugas/impor',
          '/petugas/mutu',
          '/petugas/akses',
          '/petugas/templat',
          '/petugas/program',
          '/petugas/ekspor',
        ],
      ],
      [
        'admin',
        [
          '/petugas/pengguna',
          '/petugas/audit',
          '/petugas/pesan',
          '/petugas/impor',
          '/petugas/mutu',
          '/petugas/templat',
          '/petugas/program',
        ],
      ],
    ] as const) {
      it(`${username}: every page the navigation and the inbox lead to`, async () => {
        const worksTickets = username !== 'admin';
        const seeds = [
          '/petugas',
          ...extra,
          ...(worksTickets
            ? [...inboxSeeds, ...(await namedCases()), ...(await casesOfEveryShape(username))]
            : []),
          ...(username === 'dinsos.mojokerto' || username === 'admin' ? await importPages() : []),
        ];
        const { visited, findings, statuses } = await crawl(username, seeds);
        if (process.env.CRAWL_LOG) console.log(username, visited.join('\n'));
        // The crawl did reach the pages it is about.
        expect(visited.length).toBeGreaterThan(username === 'rt008.wates' ? 10 : worksTickets ? 20 : 8);
        // The RT head's inbox holds only the few cases of RT 008 / RW 004.
        const fewest = username === 'rt008.wates' ? 3 : 10;
        if (worksTickets)
          expect(visited.filter((v) => v.startsWith('/petugas/tiket/')).length).toBeGreaterThan(fewest);
        const broken = [...statuses].filter(([, s]) => s >= 500);
        expect(broken).toEqual([]);
        expect(findings, report(findings)).toEqual([]);
      });
    }

    it('in English too: the Dinas Sosial and the admin', async () => {
      const cases = await namedCases();
      const imports = await importPages();
      for (const [username, seeds] of [
        [
          'dinsos.mojokerto',
          // The dirty list's import (the last), whose pages hold the most words.
          ['/petugas', '/petugas/statistik', '/petugas/impor', ...cases.slice(0, 4), ...imports.slice(-1)],
        ],
        [
          'admin',
          [
            '/petugas/pengguna',
            '/petugas/audit',
            '/petugas/pesan',
            '/petugas/mutu',
            '/petugas/templat',
            '/petugas/program',
          ],
        ],
      ] as const) {
        // Every page shape in English; not every case again, which the Indonesian crawl reads (the
        // words come from the same messages, one language each).
        const { visited, findings } = await crawl(username, [...seeds], 'en-GB', ENGLISH_CAPS, 2);
        expect(visited.length).toBeGreaterThan(8);
        expect(findings, report(findings)).toEqual([]);
      }
    });

    it('a case page the role does not open says so; a case of another area stays "not found"', async () => {
      const wates = await opened.db
        .selectFrom('tickets')
        .select('id')
        .where('area_code', '=', '35.76.02.1010')
        .orderBy('id')
        .executeTakeFirstOrThrow();
      const own = `/petugas/tiket/${wates.id}`;
      const missing = '/petugas/tiket/999999999';
      const admin = await signInOverHttp(server.url, 'admin');
      for (const path of [own, missing]) {
        const page = await admin.get(path);
        // The status the area rule gives every page a role does not open; the words say why.
        expect(page.status, path).toBe(404);
        const html = await page.text();
        expect(html).toContain('Halaman ini bukan untuk peran Anda');
        expect(html).toContain('Sebagai Admin Dinas Sosial, Anda tidak membuka tiket warga');
        expect(html).not.toContain('Tiket tidak ditemukan');
      }
      // The same words for a case that exists and one that does not: nothing is revealed.
      const strip = (html: string) => html.replace(/name="csrf" value="[^"]*"/g, '');
      expect(strip(await (await admin.get(own)).text())).toBe(strip(await (await admin.get(missing)).text()));

      // Kranggan's office and a case of Wates: not found, as before, with no word of roles.
      const kranggan = await signInOverHttp(server.url, 'kel.kranggan');
      const elsewhere = await kranggan.get(own);
      expect(elsewhere.status).toBe(404);
      const html = await elsewhere.text();
      expect(html).toContain('Tiket tidak ditemukan.');
      expect(html).not.toContain('bukan untuk peran Anda');

      // A page of another role: the kelurahan does not keep accounts.
      const desk = await signInOverHttp(server.url, 'kel.wates');
      const accounts = await desk.get('/petugas/pengguna');
      expect(accounts.status).toBe(404);
      const words = await accounts.text();
      expect(words).toContain('Halaman ini tidak dibuka oleh Kantor kelurahan/desa');
      expect(words).not.toContain('Tiket tidak ditemukan');
    });

    it('the answers of posted forms: a case found, a data request, the audit’s NIK search', async () => {
      const findings = [
        await afterPosting('kel.wates', '/petugas', async (page) => {
          await page.fill('.case-search input[name="q"]', LISTED_HOUSEHOLD.nik);
          await page.click('.case-search button[type="submit"]');
        }),
        await afterPosting('dinsos.mojokerto', '/petugas/akses', async (page) => {
          await page.fill('input[name="nik"]', LISTED_HOUSEHOLD.nik);
          await page.click('form:has(input[name="nik"]) button[type="submit"]');
        }),
        await afterPosting('admin', '/petugas/audit', async (page) => {
          await page.fill('input[name="nik"]', LISTED_HOUSEHOLD.nik);
          await page.click('form:has(input[name="nik"]) button[type="submit"]');
        }),
      ].filter((f): f is Finding => f !== null);
      expect(findings, report(findings)).toEqual([]);
    });
  },
);
