// A resident calls the kelurahan of Wates without their ticket number (issue 20): the officer
// finds the case through the inbox's search box by NIK, phone number or name, against the built
// server. The search is posted, so no NIK lands in a URL; a NIK in the URL is refused; a case of
// Kranggan stays out of reach; odd input is refused or finds nothing, never a 5xx; and the audit
// log records each search of personal data by kind and count only.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { databaseFile, type OpenedDatabase, openSqlite } from '../../src/db/database.ts';
import { type BuiltServer, builtServerAvailable, startBuiltServer } from '../support/built-server.ts';
import { type OfficerSession, signInOverHttp } from '../support/officer-session.ts';

const available = builtServerAvailable();
let server: BuiltServer;
let opened: OpenedDatabase;
let desk: OfficerSession;

interface Proposal {
  id: number;
  reference: string;
  nik: string;
  phone: string;
  name: string;
}
let wates: Proposal;
let kranggan: Proposal;

async function proposalIn(area: string): Promise<Proposal> {
  const row = await opened.db
    .selectFrom('tickets as t')
    .innerJoin('ticket_submissions as s', 's.ticket_id', 't.id')
    .select(['t.id', 't.subject_nik', 's.reference', 's.contact'])
    .where('t.kind', '=', 'usulan')
    .where('t.area_code', '=', area)
    .where('t.subject_nik', 'is not', null)
    .where('s.contact', 'is not', null)
    .orderBy('t.id')
    .executeTakeFirstOrThrow();
  const contact = JSON.parse(row.contact ?? '{}') as { name: string; phone: string };
  return { id: row.id, reference: row.reference, nik: row.subject_nik ?? '', ...contact };
}

async function search(q: string, path = '/petugas') {
  const response = await desk.post(path, { find: '1', q });
  return { status: response.status, html: await response.text() };
}

beforeAll(async () => {
  if (!available) return;
  server = await startBuiltServer();
  opened = openSqlite(databaseFile(server.dataDir));
  wates = await proposalIn('35.76.02.1010');
  kranggan = await proposalIn('35.76.03.1001');
  desk = await signInOverHttp(server.url, 'kel.wates');
}, 120_000);

afterAll(async () => {
  if (!available) return;
  await opened.close();
  await server.stop();
});

describe.skipIf(!available)('a desk officer finds a case', { timeout: 120_000 }, () => {
  it('offers one search box that says what can be typed, posted with the form token', async () => {
    const html = await (await desk.get('/petugas')).text();
    expect(html).toContain('Nomor tiket, NIK, No. KK, nomor HP atau nama');
    const form =
      /<form method="post" action="[^"]*" class="case-search"[\s\S]*?<\/form>/.exec(html)?.[0] ?? '';
    expect(form).toContain('name="q"');
    expect(form).toContain('name="csrf"');
  });

  it('finds by NIK, by the phone however written and by name; the URL never holds them', async () => {
    const byNik = await search(wates.nik);
    expect(byNik.status).toBe(200);
    expect(byNik.html).toContain(`/petugas/tiket/${wates.id}`);
    expect(byNik.html).toContain('tiket di wilayah Anda cocok');
    // The page's links and form targets carry no NIK; only the box shows what was typed.
    for (const [, url] of byNik.html.matchAll(/(?:href|action)="([^"]*)"/g))
      expect(url).not.toContain(wates.nik);
    expect(byNik.html).toContain(`value="${wates.nik}"`);

    const national = wates.phone.replace(/^(\+62|62|0)/, '');
    for (const phone of [
      `0${national.slice(0, 3)}-${national.slice(3, 7)}-${national.slice(7)}`,
      `+62 ${national.slice(0, 3)} ${national.slice(3)}`,
    ]) {
      const byPhone = await search(phone);
      expect(byPhone.status, phone).toBe(200);
      expect(byPhone.html, phone).toContain(`/petugas/tiket/${wates.id}`);
    }
    const byName = await search(wates.name.toLowerCase());
    expect(byName.html).toContain(`/petugas/tiket/${wates.id}`);
    const byPart = await search(wates.reference.slice(4, 9));
    expect(byPart.html).toContain(`/petugas/tiket/${wates.id}`);
  });

  it('finds nothing of Kranggan, and refuses a NIK in the URL', async () => {
    const other = await search(kranggan.nik);
    expect(other.status).toBe(200);
    expect(other.html).not.toContain(`/petugas/tiket/${kranggan.id}"`);
    expect(other.html).not.toContain(kranggan.reference);
    expect(other.html).toContain('0 tiket di wilayah Anda');

    const inUrl = await desk.get(`/petugas?q=${wates.nik}`);
    expect(inUrl.status).toBe(400);
    const html = await inUrl.text();
    expect(html).toContain('lewat kotak pencarian');
    expect(html).not.toContain(`/petugas/tiket/${wates.id}"`);
    // A ticket number in the URL still works, whole or in part (links and bookmarks).
    const byReference = await desk.get(`/petugas?q=${wates.reference.slice(0, 8)}&show=all`);
    expect(byReference.status).toBe(200);
    expect(await byReference.text()).toContain(`/petugas/tiket/${wates.id}`);
  });

  it('refuses odd input at the field, keeps it escaped, and never answers a 5xx', async () => {
    const odd = [
      '%',
      '_',
      "'; DROP TABLE tickets; --",
      'x'.repeat(10_000),
      '<script>alert(1)</script>',
      '😀😀',
      '__proto__',
      'Al',
    ];
    for (const q of odd) {
      const { status, html } = await search(q);
      expect(status, q.slice(0, 20)).toBeLessThan(500);
      expect([200, 422], q.slice(0, 20)).toContain(status);
      // Kept in the box as an attribute's text, nowhere else.
      expect(html.replace(/ value="[^"]*"/g, '')).not.toContain('<script>alert(1)</script>');
      if (status === 422) expect(html).toMatch(/id="q-error"/);
    }
    const short = await search('Al');
    expect(short.status).toBe(422);
    expect(short.html).toContain('Ketik sedikitnya 3 huruf dari nama.');
    expect(short.html).toContain('value="Al"');
    // Without the form token: refused before any search.
    expect((await desk.post('/petugas', { find: '1', q: wates.nik }, null)).status).toBe(403);
  });

  it('records each search of personal data by kind and count, never what was typed', async () => {
    const rows = await opened.db
      .selectFrom('audit_log')
      .select(['detail', 'actor_role'])
      .where('action', '=', 'case_search')
      .orderBy('id')
      .execute();
    const kinds = rows.map((r) => (JSON.parse(r.detail ?? '{}') as { kind: string }).kind);
    expect(kinds).toEqual(expect.arrayContaining(['nik', 'phone', 'name']));
    expect(kinds).not.toContain('reference');
    for (const row of rows) {
      expect(row.actor_role).toBe('kelurahan');
      expect(row.detail).not.toContain(wates.nik);
      expect(row.detail).not.toContain(wates.phone.slice(-8));
      expect(row.detail?.toUpperCase()).not.toContain(wates.name.toUpperCase());
    }
  });
});
