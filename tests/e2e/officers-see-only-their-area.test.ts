// Every back-office route × every demo role × a case inside and outside the officer's area,
// against the built server: outside the area a case does not exist (404, nothing of it in the
// body), a move the role may not take is refused with a 4xx, admin pages are not there for the
// other roles, nothing answers 500, and the database shows that no refused request changed a case.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { databaseFile, type OpenedDatabase, openSqlite } from '../../src/db/database.ts';
import { DEMO_ACCOUNTS } from '../../src/demo/demo-accounts.ts';
import { DEFAULT_TICKET_SETTINGS } from '../../src/domain/tickets/settings.ts';
import { openTicket } from '../../src/domain/tickets/ticket-repository.ts';
import { type BuiltServer, builtServerAvailable, startBuiltServer } from '../support/built-server.ts';
import { signInOverHttp } from '../support/officer-session.ts';

const available = builtServerAvailable();
let server: BuiltServer;
let opened: OpenedDatabase;

interface Case {
  id: number;
  reference: string;
  updatedAt: string;
}
/** Cases by where they are: the RT 008/RW 004 of Wates, elsewhere in Wates, Kranggan, another city. */
const cases: Record<'rt' | 'wates' | 'kranggan' | 'elsewhere', Case> = {} as never;

async function caseWhere(
  where: (q: ReturnType<typeof baseQuery>) => ReturnType<typeof baseQuery>,
): Promise<Case> {
  const row = await where(baseQuery()).executeTakeFirstOrThrow();
  return { id: row.id, reference: row.reference, updatedAt: row.updated_at };
}
const baseQuery = () =>
  opened.db
    .selectFrom('tickets as t')
    .innerJoin('ticket_submissions as s', 's.ticket_id', 't.id')
    .select(['t.id', 's.reference', 't.updated_at'])
    .where('t.closed_at', 'is', null)
    .orderBy('t.id')
    .limit(1);

beforeAll(async () => {
  if (!available) return;
  server = await startBuiltServer();
  opened = openSqlite(databaseFile(server.dataDir));
  cases.rt = await caseWhere((q) =>
    q.where('t.area_code', '=', '35.76.02.1010').where('t.rt', '=', '008').where('t.rw', '=', '004'),
  );
  cases.wates = await caseWhere((q) =>
    q
      .where('t.area_code', '=', '35.76.02.1010')
      .where((eb) => eb.or([eb('t.rt', 'is', null), eb('t.rt', '!=', '008')])),
  );
  cases.kranggan = await caseWhere((q) => q.where('t.area_code', '=', '35.76.03.1001'));
  // A case in another city (Surabaya), which no demo officer may see.
  const village = await opened.db
    .selectFrom('regions')
    .select('code')
    .where('code', 'like', '35.78.%')
    .where('level', '=', 4)
    .orderBy('code')
    .executeTakeFirstOrThrow();
  const other = await opened.db.transaction().execute((trx) =>
    openTicket(
      trx,
      { now: () => new Date(), tickets: DEFAULT_TICKET_SETTINGS },
      {
        kind: 'aduan',
        areaCode: village.code,
        payload: { program: 'PKH', problem: 'dana_tidak_diterima' },
        actor: { role: 'warga', id: null },
      },
    ),
  );
  await opened.db
    .insertInto('ticket_submissions')
    .values({
      ticket_id: other.ticketId,
      reference: 'ADU-ELSEWHR1',
      tracking_code_hash: 'hmac$x',
      submitted_at: new Date().toISOString(),
      locale: 'id',
      contact: null,
      payload: '{}',
      idempotency_key: 'matrix-elsewhere',
      request_hash: 'x',
      receipt: '{}',
    })
    .execute();
  const t = await opened.db
    .selectFrom('tickets')
    .select('updated_at')
    .where('id', '=', other.ticketId)
    .executeTakeFirstOrThrow();
  cases.elsewhere = { id: other.ticketId, reference: 'ADU-ELSEWHR1', updatedAt: t.updated_at };
  // Minutes of a Musyawarah of Wates: only Wates's operator and the Dinas Sosial may read them.
  const recorder = await opened.db
    .selectFrom('users')
    .select('id')
    .where('username', '=', 'kel.wates')
    .executeTakeFirstOrThrow();
  wates.minutes = (
    await opened.db
      .insertInto('musyawarah')
      .values({
        village_code: '35.76.02.1010',
        held_on: '2026-11-20',
        place: 'Balai Kelurahan Wates',
        attendees: 'Lurah Wates',
        recorded_by: recorder.id,
        recorded_at: new Date().toISOString(),
      })
      .returning('id')
      .executeTakeFirstOrThrow()
  ).id;
  wates.elsewhereVillage = village.code;
}, 120_000);

/** The Musyawarah routes' fixtures: Wates's minutes, and a village of another city. */
const wates = { minutes: 0, elsewhereVillage: '' };

afterAll(async () => {
  if (!available) return;
  await opened.close();
  await server.stop();
});

const signIn = (username: string, password: string) => signInOverHttp(server.url, username, password);

/** Which cases each demo officer's area holds. */
const SEES: Record<string, (keyof typeof cases)[]> = {
  admin: [],
  'dinsos.mojokerto': ['rt', 'wates', 'kranggan'],
  'kel.wates': ['rt', 'wates'],
  'kel.kranggan': ['kranggan'],
  'rt008.wates': ['rt'],
};

describe.skipIf(!available)('the role × area matrix on the built server', () => {
  for (const account of DEMO_ACCOUNTS) {
    it(`${account.role} ${account.username}: sees only the cases of their area and acts only there`, async () => {
      const officer = await signIn(account.username, account.password);
      const inbox = await officer.get('/petugas');
      if (account.role === 'admin') {
        expect(inbox.status).toBe(303);
        expect(inbox.headers.get('location')).toBe('/petugas/pengguna');
      } else {
        expect(inbox.status).toBe(200);
        const html = await inbox.text();
        expect(html).not.toContain(cases.elsewhere.reference);
      }

      for (const [where, c] of Object.entries(cases) as [keyof typeof cases, Case][]) {
        const sees = SEES[account.username]?.includes(where) ?? false;
        const page = await officer.get(`/petugas/tiket/${c.id}`);
        const body = await page.text();
        expect(page.status, `${account.username} GET ${where}`).toBe(sees ? 200 : 404);
        if (sees) expect(body).toContain(c.reference);
        else expect(body).not.toContain(c.reference);

        // A note is a change every office may make on its own cases; outside, the case is not there.
        const note = await officer.post(`/petugas/tiket/${c.id}`, {
          action: 'note',
          note: 'Dicek oleh petugas.',
          note_audience: 'internal',
          // The version the page showed: another officer's note since then would make it stale.
          expected: /name="expected" value="([^"]+)"/.exec(body)?.[1] ?? c.updatedAt,
        });
        expect(note.status, `${account.username} POST note ${where}`).toBe(sees ? 200 : 404);
        // A move nobody may take from here is refused, inside or outside the area, never a 500.
        const forged = await officer.post(`/petugas/tiket/${c.id}`, {
          action: 'move',
          to: 'ditetapkan',
          expected: 'x',
        });
        expect(forged.status, `${account.username} POST forged move ${where}`).toBeGreaterThanOrEqual(400);
        expect(forged.status).toBeLessThan(500);
        if (!sees) expect(forged.status).toBe(404);
      }

      // The Musyawarah (kelurahan, dinsos for its villages) and the RT/RW heads' proposals.
      const musyawarah: [string, number][] = [
        ['/petugas/musyawarah', ['kelurahan', 'dinsos'].includes(account.role) ? 200 : 404],
        [
          '/petugas/musyawarah?desa=35.76.03.1001',
          ['kelurahan', 'dinsos'].includes(account.role) ? 200 : 404,
        ],
        [`/petugas/musyawarah?desa=${wates.elsewhereVillage}`, account.role === 'kelurahan' ? 200 : 404],
        [
          `/petugas/musyawarah/${wates.minutes}`,
          ['kel.wates', 'dinsos.mojokerto'].includes(account.username) ? 200 : 404,
        ],
        ['/petugas/usulan-rt', account.role === 'rt_rw' ? 200 : 404],
      ];
      for (const [path, status] of musyawarah) {
        const page = await officer.get(path);
        const body = await page.text();
        expect(page.status, `${account.username} GET ${path}`).toBe(status);
        if (status === 404) expect(body).not.toContain('Balai Kelurahan Wates');
      }
      const record = await officer.post('/petugas/musyawarah', {
        held_on: '2026-11-20',
        place: 'Balai',
        attendees: 'Lurah',
      });
      // Dinas Sosial must name the village (none here: not found); a kelurahan's empty minutes are refused.
      expect(record.status, `${account.username} POST musyawarah`).toBe(
        account.role === 'kelurahan' ? 422 : 404,
      );

      for (const path of ['/petugas/pengguna', '/petugas/audit', '/petugas/pesan']) {
        const page = await officer.get(path);
        expect(page.status, `${account.username} GET ${path}`).toBe(account.role === 'admin' ? 200 : 404);
      }
      // The response templates are kept by the Dinas Sosial and the admin; elsewhere the page is not there.
      const keeps = account.role === 'admin' || account.role === 'dinsos';
      expect((await officer.get('/petugas/templat')).status).toBe(keeps ? 200 : 404);
      const template = await officer.post('/petugas/templat', { action: 'disable', id: '1' });
      expect(template.status, `${account.username} POST templat`).toBe(keeps ? 200 : 404);
      await officer.post('/petugas/templat', { action: 'enable', id: '1' });
      // Recipient lists are loaded by the Dinas Sosial and the admin; the figures and the export
      // belong to the offices that work cases of a place.
      const figures = account.role === 'dinsos' || account.role === 'kelurahan';
      for (const [path, status] of [
        ['/petugas/impor', keeps ? 200 : 404],
        ['/petugas/impor/999999', 404],
        ['/petugas/impor/999999/ditolak.csv', 404],
        ['/petugas/statistik', figures ? 200 : 404],
        ['/petugas/ekspor', figures ? 200 : 404],
        ['/petugas/mutu', keeps ? 200 : 404],
        ['/api/v1/petugas/impor/999999/mutu', 404],
      ] as const) {
        const page = await officer.get(path);
        expect(page.status, `${account.username} GET ${path}`).toBe(status);
      }
      // The whole register's report: computed on demand by the Dinas Sosial and admin, then read
      // as a page, a CSV and JSON; a finding of no report (forged) is refused with the page again.
      const run = await officer.post('/petugas/mutu', { action: 'hitung' });
      expect(run.status, `${account.username} POST mutu`).toBe(keeps ? 303 : 404);
      const forgedFinding = await officer.post('/petugas/mutu', {
        finding: 'nik_invalid:0',
        decision: 'dismissed',
      });
      expect(forgedFinding.status, `${account.username} POST mutu finding`).toBe(404);
      if (keeps) {
        expect(await forgedFinding.text()).toContain('Temuan ini tidak ada');
        await expect
          .poll(async () => (await officer.get('/api/v1/petugas/mutu')).status, { timeout: 120_000 })
          .toBe(200);
        const csv = await officer.get('/petugas/mutu.csv');
        expect(csv.status).toBe(200);
        expect((await csv.text()).split('\r\n')[0]).toBe('"rule","line","nik","detail"');
        const page = await (await officer.get('/petugas/mutu?halaman=99999999&aturan=__proto__')).text();
        expect(page).toContain('Mutu data seluruh daftar');
      } else {
        expect((await officer.get('/api/v1/petugas/mutu')).status).toBe(404);
        expect((await officer.get('/petugas/mutu.csv')).status).toBe(404);
      }
      const create = await officer.post('/petugas/pengguna', {
        action: 'create',
        username: `x${account.role}`,
        display_name: 'Coba',
        role: 'admin',
        password: 'panjang-sekali-123',
      });
      expect(create.status).toBe(account.role === 'admin' ? 200 : 404);
      // A forged form token is refused whatever the role.
      const forgedToken = await fetch(`${server.url}/petugas/pengguna`, {
        method: 'POST',
        headers: { cookie: '', origin: server.url, 'content-type': 'application/x-www-form-urlencoded' },
        body: 'action=create',
        redirect: 'manual',
      });
      expect(forgedToken.status).toBe(303);
    });
  }

  it('nothing a refused request sent changed a case: notes only where the officer may, no moves', async () => {
    const elsewhere = await opened.db
      .selectFrom('ticket_events')
      .select('id')
      .where('ticket_id', '=', cases.elsewhere.id)
      .execute();
    expect(elsewhere).toHaveLength(1);
    const statuses = await opened.db
      .selectFrom('ticket_events')
      .select(['ticket_id', 'from_status', 'to_status'])
      .where('ticket_id', 'in', [cases.rt.id, cases.wates.id, cases.kranggan.id])
      .execute();
    expect(
      statuses.filter(
        (e) => e.from_status !== null && e.from_status !== e.to_status && e.to_status === 'ditetapkan',
      ),
    ).toEqual([]);
    const audit = await opened.db.selectFrom('audit_log').select(['action']).execute();
    expect(audit.some((a) => a.action === 'login')).toBe(true);
    expect(audit.some((a) => a.action === 'ticket_view')).toBe(true);
  });

  it('the session cookie is issued for the back office and its JSON only, and a logout clears both', async () => {
    const account = DEMO_ACCOUNTS.find((a) => a.username === 'dinsos.mojokerto');
    const login = await fetch(`${server.url}/petugas/masuk`, {
      method: 'POST',
      redirect: 'manual',
      headers: { 'content-type': 'application/x-www-form-urlencoded', origin: server.url },
      body: new URLSearchParams({ username: account?.username ?? '', password: account?.password ?? '' }),
    });
    const cookies = login.headers.getSetCookie().filter((c) => c.startsWith('cb_petugas='));
    expect(cookies.map((c) => /Path=([^;]+)/i.exec(c)?.[1]).sort()).toEqual(['/api/v1/petugas', '/petugas']);
    for (const c of cookies) expect(c).toMatch(/HttpOnly/i);
    for (const c of cookies) expect(c).toMatch(/SameSite=Lax/i);
    const cookie = (cookies[0] as string).split(';')[0] as string;
    const page = await fetch(`${server.url}/petugas/mutu`, { headers: { cookie } });
    const csrf = /name="csrf" value="([^"]+)"/.exec(await page.text())?.[1] ?? '';
    const out = await fetch(`${server.url}/petugas/keluar`, {
      method: 'POST',
      redirect: 'manual',
      headers: { cookie, origin: server.url, 'content-type': 'application/x-www-form-urlencoded' },
      body: new URLSearchParams({ csrf }),
    });
    const cleared = out.headers.getSetCookie().filter((c) => c.startsWith('cb_petugas='));
    expect(cleared.map((c) => /Path=([^;]+)/i.exec(c)?.[1]).sort()).toEqual(['/api/v1/petugas', '/petugas']);
    expect((await fetch(`${server.url}/api/v1/petugas/mutu`, { headers: { cookie } })).status).toBe(401);
  });

  it('without a session every back-office page sends the browser to the login, and a post changes nothing', async () => {
    for (const path of [
      '/petugas',
      `/petugas/tiket/${cases.rt.id}`,
      '/petugas/pengguna',
      '/petugas/audit',
      '/petugas/sandi',
      '/petugas/musyawarah',
      `/petugas/musyawarah/${wates.minutes}`,
      '/petugas/usulan-rt',
      '/petugas/mutu',
    ]) {
      const page = await fetch(`${server.url}${path}`, { redirect: 'manual' });
      expect(page.status, path).toBe(303);
      expect(page.headers.get('location')).toMatch(/^\/petugas\/masuk\?next=/);
    }
    const attachment = await fetch(`${server.url}/petugas/lampiran/1`, { redirect: 'manual' });
    expect(attachment.status).toBe(404);
    const forged = await fetch(`${server.url}/petugas/tiket/${cases.rt.id}`, {
      method: 'POST',
      redirect: 'manual',
      headers: {
        origin: server.url,
        'content-type': 'application/x-www-form-urlencoded',
        cookie: 'cb_petugas=AAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAA',
      },
      body: 'action=move&to=diverifikasi_rt_rw',
    });
    expect(forged.status).toBe(303);
  });
});
