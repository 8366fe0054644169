// Every back-office route × every demo role × a case inside and outside the officer's area,
// against the built server: outside the area a case does not exist (404, nothing of it in the
// body), a move the role may not take is refused with a 4xx, admin pages are not there for the
// other roles, nothing answers 500, and the database shows that no refused request changed a case.
import { execFile } from 'node:child_process';
import { writeFileSync } from 'node:fs';
import path from 'node:path';
import { promisify } from 'node:util';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { databaseFile, type OpenedDatabase, openSqlite } from '../../src/db/database.ts';
import { DEMO_ACCOUNTS } from '../../src/demo/demo-accounts.ts';
import { DEFAULT_TICKET_SETTINGS } from '../../src/domain/tickets/settings.ts';
import { openTicket } from '../../src/domain/tickets/ticket-repository.ts';
import { type BuiltServer, builtServerAvailable, startBuiltServer } from '../support/built-server.ts';
import { signInOverHttp } from '../support/officer-session.ts';
import { type Place, person, twoRegencyList } from '../support/recipient-lists.ts';

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
  'dinsos.surabaya': ['elsewhere'],
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
        if (SEES[account.username]?.includes('elsewhere')) expect(html).toContain(cases.elsewhere.reference);
        else expect(html).not.toContain(cases.elsewhere.reference);
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
          account.role === 'kelurahan' || account.username === 'dinsos.mojokerto' ? 200 : 404,
        ],
        [
          `/petugas/musyawarah?desa=${wates.elsewhereVillage}`,
          account.role === 'kelurahan' || account.username === 'dinsos.surabaya' ? 200 : 404,
        ],
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

      for (const path of ['/petugas/pengguna', '/petugas/audit', '/petugas/pesan', '/petugas/hari-libur']) {
        const page = await officer.get(path);
        expect(page.status, `${account.username} GET ${path}`).toBe(account.role === 'admin' ? 200 : 404);
      }
      // The response templates are kept by the Dinas Sosial and the admin; elsewhere the page is not
      // there. Each regency keeps its own: Mojokerto's demo template is not Surabaya's to disable.
      const keeps = account.role === 'admin' || account.role === 'dinsos';
      const templatesPage = await officer.get('/petugas/templat');
      expect(templatesPage.status).toBe(keeps ? 200 : 404);
      const mojokertoTemplate = 'KKS terblokir';
      if (keeps) {
        expect((await templatesPage.text()).includes(mojokertoTemplate)).toBe(
          account.username !== 'dinsos.surabaya',
        );
      }
      const keepsMojokerto = account.role === 'admin' || account.username === 'dinsos.mojokerto';
      const template = await officer.post('/petugas/templat', { action: 'disable', id: '1' });
      expect(template.status, `${account.username} POST templat`).toBe(keepsMojokerto ? 200 : 404);
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
        ['/petugas/program', keeps ? 200 : 404],
        // Only the admin keeps a national program.
        ['/petugas/program?ubah=PKH', account.role === 'admin' ? 200 : 404],
        // A resident's data request is answered by the Dinas Sosial only.
        ['/petugas/akses', account.role === 'dinsos' ? 200 : 404],
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
    // Its opening, and the note of the one office whose area it is (Surabaya's Dinas Sosial).
    expect(elsewhere).toHaveLength(1 + Object.values(SEES).filter((s) => s.includes('elsewhere')).length);
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
      '/petugas/program',
      '/petugas/akses',
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

describe.skipIf(!available)('imports by office on the built server', () => {
  /** The deployment's list of both cities (the command line), and Mojokerto's own upload. */
  const imports = { deployment: 0, upload: 0 };
  let mojokertoPlace: Place;
  let surabayaPlace: Place;

  const placeOf = (village: string): Place => ({ district: village.slice(0, 8), villages: [village] });

  beforeAll(async () => {
    mojokertoPlace = placeOf('35.76.02.1010');
    surabayaPlace = placeOf(wates.elsewhereVillage);
    const file = path.join(server.dataDir, 'provinsi.csv');
    writeFileSync(file, twoRegencyList(mojokertoPlace, surabayaPlace));
    // Not spawnSync: a test process blocked past the server's keep-alive reuses a socket the server
    // has closed meanwhile ("other side closed" on the next sign-in).
    const cli = await promisify(execFile)(
      process.execPath,
      [path.resolve('dist/node/import.mjs'), file, '--yes'],
      {
        env: { PATH: process.env.PATH ?? '', DATA_DIR: server.dataDir, LOG_LEVEL: 'warn' },
        encoding: 'utf8',
      },
    );
    imports.deployment = Number(/import #(\d+) done/.exec(cli.stdout)?.[1]);
    expect(imports.deployment, cli.stdout + cli.stderr).toBeGreaterThan(0);

    const dewi = await signIn('dinsos.mojokerto', 'dinsos-demo-2026');
    const form = new FormData();
    form.set('csrf', dewi.csrf);
    form.set('berkas', new Blob([twoRegencyList(mojokertoPlace, surabayaPlace)]), 'mojokerto.csv');
    const sent = await fetch(`${server.url}/petugas/impor`, {
      method: 'POST',
      body: form,
      redirect: 'manual',
      headers: { cookie: dewi.cookie, origin: server.url },
    });
    expect(sent.status).toBe(303);
    imports.upload = Number(/\/petugas\/impor\/(\d+)$/.exec(sent.headers.get('location') ?? '')?.[1]);
    // The upload runs off the request path; wait for it (the hook's timeout bounds the wait).
    const statusOf = async () =>
      (
        await opened.db
          .selectFrom('imports')
          .select('status')
          .where('id', '=', imports.upload)
          .executeTakeFirst()
      )?.status;
    while ((await statusOf()) !== 'done') await new Promise((resolve) => setTimeout(resolve, 100));
  }, 120_000);

  /** Every address of one import an office might ask for. */
  const addresses = (id: number) => [
    `/petugas/impor/${id}`,
    `/petugas/impor/${id}/ditolak.csv`,
    `/petugas/impor/${id}/mutu.csv`,
    `/api/v1/petugas/impor/${id}/mutu`,
  ];
  const twiceNik = (place: Place) => person(place, 100).nik;

  for (const account of DEMO_ACCOUNTS) {
    it(`${account.username}: opens the imports of its office and reads only its regency`, async () => {
      const officer = await signIn(account.username, account.password);
      const list = await officer.get('/petugas/impor');
      const keeps = account.role === 'admin' || account.role === 'dinsos';
      expect(list.status).toBe(keeps ? 200 : 404);
      const listed = await list.text();
      // The upload form tells a Dinas Sosial that only its regency's rows are taken.
      expect(listed.includes('Baris di luar kabupaten/kota kantor Anda ditolak')).toBe(
        account.role === 'dinsos',
      );
      const opensUpload = account.role === 'admin' || account.username === 'dinsos.mojokerto';
      expect(listed.includes(`/petugas/impor/${imports.upload}"`)).toBe(opensUpload);
      expect(listed.includes(`/petugas/impor/${imports.deployment}"`)).toBe(keeps);
      for (const [id, opens] of [
        [imports.upload, opensUpload],
        [imports.deployment, keeps],
      ] as const) {
        for (const address of addresses(id)) {
          const answer = await officer.get(address);
          const body = await answer.text();
          expect(answer.status, `${account.username} GET ${address}`).toBe(opens ? 200 : 404);
          // Not there is not there: nothing of the file, none of its NIKs.
          if (!opens) expect(body).not.toContain(twiceNik(mojokertoPlace));
        }
      }
      if (!keeps) return;
      if (opensUpload) {
        // Its own upload held Surabaya's rows too: an office may not write another regency's register.
        const refused = await (await officer.get(`/petugas/impor/${imports.upload}/ditolak.csv`)).text();
        expect(refused).toContain(person(surabayaPlace, 0).nik);
        expect(refused).toContain('di luar kabupaten/kota kantor Anda');
      }
      // Of the deployment's list, a Dinas Sosial reads its own regency only, on every address.
      const ownPlace = account.username === 'dinsos.surabaya' ? surabayaPlace : mojokertoPlace;
      const otherPlace = ownPlace === surabayaPlace ? mojokertoPlace : surabayaPlace;
      for (const address of addresses(imports.deployment)) {
        const body = await (await officer.get(address)).text();
        if (address.endsWith('ditolak.csv')) {
          expect(body, address).toContain(person(ownPlace, 101).nik);
          if (account.role === 'dinsos') expect(body, address).not.toContain(person(otherPlace, 101).nik);
          continue;
        }
        expect(body, address).toContain(twiceNik(ownPlace));
        if (account.role === 'dinsos') expect(body, address).not.toContain(twiceNik(otherPlace));
        else expect(body, address).toContain(twiceNik(otherPlace));
      }
      // A decision on a finding it cannot read, or a forged one: the page again with why, nothing kept.
      const report = (await (
        await signIn('admin', 'admin-demo-2026')
      )
        .get(`/api/v1/petugas/impor/${imports.deployment}/mutu`)
        .then((r) => r.json())) as { report: { findings: { key: string; niks: string[] }[] } };
      const foreign = report.report.findings.find((f) => f.niks.includes(twiceNik(otherPlace)));
      for (const key of [foreign?.key ?? '', 'nik_invalid:0', '__proto__']) {
        // Confirmed, not dismissed: a dismissed finding leaves the CSV the next offices read.
        const refused = await officer.post(`/petugas/impor/${imports.deployment}`, {
          finding: key,
          decision: 'confirmed',
        });
        const expected = account.role === 'admin' && key === foreign?.key ? 303 : 404;
        expect(refused.status, `${account.username} review ${key}`).toBe(expected);
        if (expected === 404) expect(await refused.text()).toContain('Temuan ini tidak ada');
      }
      const bad = await officer.post(`/petugas/impor/${imports.deployment}`, {
        finding: foreign?.key ?? '',
        decision: 'maybe',
      });
      expect(bad.status).toBe(account.role === 'admin' ? 422 : 404);
    });
  }

  it('kept no decision but the one admin took', async () => {
    const kept = await opened.db.selectFrom('quality_reviews').select(['finding_key', 'decision']).execute();
    expect(kept).toHaveLength(1);
    expect(kept[0]?.decision).toBe('confirmed');
  });
});
