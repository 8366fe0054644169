// A desil dispute in the back office, against the built server: the Dinas Sosial finds it in the
// inbox by its topic, reads on the case page the facts claimed in words (the resident's HTML only
// as text) beside the household's desil, finishes it with the result, and downloads its regency's
// disputes for the next DTSEN update; the download is audited with the NIK, and a kelurahan
// operator neither sees the section nor gets the file (404).
import { parse } from 'csv-parse/sync';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { databaseFile, type OpenedDatabase, openSqlite } from '../../src/db/database.ts';
import { DEFAULT_TICKET_SETTINGS } from '../../src/domain/tickets/settings.ts';
import { transitionTicket } from '../../src/domain/tickets/ticket-repository.ts';
import { type BuiltServer, builtServerAvailable, startBuiltServer } from '../support/built-server.ts';
import { signInOverHttp } from '../support/officer-session.ts';
import { LISTED_HOUSEHOLD } from '../support/ticket-fixtures.ts';

const available = builtServerAvailable();
let server: BuiltServer;
let opened: OpenedDatabase;
let reference = '';
let ticketId = 0;
const SAID = '<img src=x onerror=alert(1)> Suami sudah tidak bekerja.';
const RESULT =
  'Terverifikasi di lapangan: kepala keluarga tidak bekerja. Dikirim pada pemutakhiran DTSEN Q1.';

beforeAll(async () => {
  if (!available) return;
  server = await startBuiltServer();
  opened = openSqlite(databaseFile(server.dataDir));
  const response = await fetch(`${server.url}/api/v1/usulan`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({
      purpose: 'sanggah_desil',
      head_nik: LISTED_HOUSEHOLD.nik,
      kk: LISTED_HOUSEHOLD.kk,
      desil_seen: 2,
      facts: ['pekerjaan', 'anggota'],
      fact_now: { pekerjaan: SAID, anggota: 'Tinggal berdua.' },
      consent: true,
    }),
  });
  expect(response.status).toBe(201);
  reference = ((await response.json()) as { reference: string }).reference;
  const ticket = await opened.db
    .selectFrom('ticket_submissions')
    .select('ticket_id')
    .where('reference', '=', reference)
    .executeTakeFirstOrThrow();
  ticketId = ticket.ticket_id;
  // The RT/RW, the kelurahan and the Dinas Sosial's check, straight on the database.
  for (const [to, role] of [
    ['diverifikasi_rt_rw', 'rt_rw'],
    ['dibahas_musyawarah_kelurahan', 'kelurahan'],
    ['verifikasi_lapangan', 'kelurahan'],
    ['validasi_dtks', 'kelurahan'],
    ['disahkan_kepala_daerah', 'dinsos'],
    ['diusulkan_ke_kemensos', 'dinsos'],
  ] as const)
    await transitionTicket(
      opened.db,
      { now: () => new Date(), tickets: DEFAULT_TICKET_SETTINGS },
      { ticketId, to, actor: { role, id: null } },
    );
}, 120_000);
afterAll(async () => {
  if (!available) return;
  await opened.close();
  await server.stop();
});

describe.skipIf(!available)('the Dinas Sosial works a desil dispute and exports it', () => {
  it('finds it by topic, reads the claim in words, finishes it, and downloads it, audited', async () => {
    const dinsos = await signInOverHttp(server.url, 'dinsos.mojokerto');
    const inbox = await (await dinsos.get('/petugas?topic=sanggah_desil')).text();
    expect(inbox).toContain(reference);
    expect(inbox).toContain('Sanggah desil');
    expect(inbox).toContain('Disiapkan untuk pemutakhiran DTSEN berikutnya');

    const casePage = await dinsos.get(`/petugas/tiket/${ticketId}`);
    expect(casePage.status).toBe(200);
    const html = await casePage.text();
    expect(html).toContain(`Sanggah desil ${reference}`);
    expect(html).toContain('Yang disanggah warga');
    expect(html).toContain('Pekerjaan atau penghasilan');
    expect(html).toContain('Jumlah anggota keluarga');
    expect(html).toContain('&lt;img src=x onerror=alert(1)&gt; Suami sudah tidak bekerja.');
    expect(html).not.toContain('<img src=x');
    expect(html).toContain('Desil DTSEN');
    expect(html).toContain('Dikirim untuk pemutakhiran DTSEN');

    const { version } = await opened.db
      .selectFrom('tickets')
      .select('version')
      .where('id', '=', ticketId)
      .executeTakeFirstOrThrow();
    const moved = await dinsos.post(`/petugas/tiket/${ticketId}`, {
      action: 'move',
      to: 'ditetapkan',
      expected: String(version),
      note: RESULT,
      note_audience: 'resident',
    });
    expect(moved.status).toBe(200);
    expect(await moved.text()).toContain('Langkah tersimpan');

    const page = await (await dinsos.get('/petugas/ekspor')).text();
    expect(page).toContain('Sanggah desil untuk pemutakhiran DTSEN');
    expect(page).toContain('Yang sudah selesai (1)');
    const download = await dinsos.post('/petugas/ekspor', { list: 'sanggah_desil', scope: 'selesai' });
    expect(download.status).toBe(200);
    expect(download.headers.get('content-type')).toContain('text/csv');
    expect(download.headers.get('content-disposition')).toMatch(/sanggah_desil_selesai_3576_/);
    const rows = parse(await download.text(), { bom: true, columns: true }) as Record<string, string>[];
    expect(rows).toHaveLength(1);
    expect(rows[0]).toMatchObject({
      referensi: reference,
      status: 'ditetapkan',
      keterangan_status: 'dikirim untuk pemutakhiran DTSEN',
      nik_kepala: LISTED_HOUSEHOLD.nik,
      no_kk: LISTED_HOUSEHOLD.kk,
      desil_dilihat_warga: '2',
      fakta_disanggah: 'pekerjaan;anggota',
      pekerjaan_sekarang: SAID,
      anggota_sekarang: 'Tinggal berdua.',
      rumah_sekarang: '',
      hasil: RESULT,
    });
    const audit = await opened.db
      .selectFrom('audit_log')
      .select(['action', 'detail'])
      .where('action', '=', 'export')
      .orderBy('id', 'desc')
      .executeTakeFirstOrThrow();
    expect(JSON.parse(audit.detail ?? '{}')).toMatchObject({
      list: 'sanggah_desil',
      scope: 'selesai',
      rows: 1,
    });
    const subjects = await opened.db
      .selectFrom('audit_subjects')
      .select((eb) => eb.fn.countAll<number>().as('n'))
      .executeTakeFirstOrThrow();
    expect(Number(subjects.n)).toBeGreaterThan(0);
  });

  it('a kelurahan operator sees no such section and gets no file', async () => {
    const wates = await signInOverHttp(server.url, 'kel.wates');
    const page = await (await wates.get('/petugas/ekspor')).text();
    expect(page).not.toContain('Sanggah desil untuk pemutakhiran DTSEN');
    const refused = await wates.post('/petugas/ekspor', { list: 'sanggah_desil', scope: 'semua' });
    expect(refused.status).toBe(404);
    expect(refused.headers.get('content-type')).toContain('text/html');
  });
});
