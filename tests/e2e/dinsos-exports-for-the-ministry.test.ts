// The Dinas Sosial and the kelurahan read the statistics of their area and export the lists for
// the ministry upload, against the built server: the CSV holds the cases of the list, parses, and
// the audit log names who exported it; another area or another role finds nothing (404).
import { parse } from 'csv-parse/sync';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { databaseFile, type OpenedDatabase, openSqlite } from '../../src/db/database.ts';
import { EXPORT_COLUMNS } from '../../src/domain/export/ministry-export.ts';
import { type BuiltServer, builtServerAvailable, startBuiltServer } from '../support/built-server.ts';
import { signInOverHttp } from '../support/officer-session.ts';

const available = builtServerAvailable();
let server: BuiltServer;
let opened: OpenedDatabase;

beforeAll(async () => {
  if (!available) return;
  server = await startBuiltServer();
  opened = openSqlite(databaseFile(server.dataDir));
}, 120_000);
afterAll(async () => {
  if (!available) return;
  await opened.close();
  await server.stop();
});

const signIn = (username: string) => signInOverHttp(server.url, username);

const userId = async (username: string) =>
  (
    await opened.db
      .selectFrom('users')
      .select('id')
      .where('username', '=', username)
      .executeTakeFirstOrThrow()
  ).id;

describe.skipIf(!available)('back-office statistics and the ministry export', () => {
  it('the Dinas Sosial sees its regency figures, each with a chart, a table and a CSV', async () => {
    const dinsos = await signIn('dinsos.mojokerto');
    const page = await dinsos.get('/petugas/statistik');
    expect(page.status).toBe(200);
    const html = await page.text();
    for (const id of [
      'by-state',
      'by-topic',
      'per-month',
      'per-year',
      'resolution',
      'overdue',
      'kpm',
      'collection-bpnt',
    ]) {
      expect(html, id).toContain(`id="${id}-table"`);
      expect(html).toContain(`href="/petugas/statistik?csv=${id}"`);
    }
    expect(html.match(/<svg [^>]*role="img"/g)?.length).toBeGreaterThanOrEqual(8);
    const perYear = await dinsos.get('/petugas/statistik?csv=per-year');
    expect(perYear.headers.get('content-type')).toContain('text/csv');
    const rows = parse(await perYear.text(), { bom: true, columns: true }) as Record<string, string>[];
    expect(rows.filter((r) => ['2018', '2019', '2020'].includes(r.tahun ?? '')).map((r) => r.aduan)).toEqual([
      '552',
      '1254',
      '1688',
    ]);
    const collection = parse(await (await dinsos.get('/petugas/statistik?csv=collection-bpnt')).text(), {
      bom: true,
      columns: true,
    }) as Record<string, string>[];
    expect(collection.find((r) => r.periode === '2020-01')).toMatchObject({
      terdaftar_kpm: '4919',
      mengambil_kpm: '4327',
      persentase: '87.97',
    });
  });

  it('a kelurahan operator sees only its village; RT/RW and admin find no statistics or export', async () => {
    const wates = await signIn('kel.wates');
    const kpm = parse(await (await wates.get('/petugas/statistik?csv=kpm')).text(), {
      bom: true,
      columns: true,
    }) as Record<string, string>[];
    expect(kpm.length).toBeGreaterThan(0);
    expect(new Set(kpm.map((r) => r.kode_desa))).toEqual(new Set(['35.76.02.1010']));
    expect((await wates.get('/petugas/ekspor')).status).toBe(200);
    for (const username of ['rt008.wates', 'admin']) {
      const other = await signIn(username);
      for (const path of ['/petugas/statistik', '/petugas/statistik?csv=kpm', '/petugas/ekspor']) {
        const res = await other.get(path);
        expect(res.status, `${username} ${path}`).toBe(404);
        expect(await res.text()).not.toContain('Kedundung');
      }
      const post = await other.post('/petugas/ekspor', { kind: 'hapus_terbukti', area: '35.76.02.1010' });
      expect(post.status).toBe(404);
    }
  });

  it('exports the approved proposals of the regency as documented, and audits it under the officer', async () => {
    const dinsos = await signIn('dinsos.mojokerto');
    // What is approved before the export, which sends it.
    const approved = await opened.db
      .selectFrom('tickets')
      .select('subject_nik')
      .where('kind', '=', 'usulan')
      .where('status', '=', 'disahkan_kepala_daerah')
      .execute();
    const res = await dinsos.post('/petugas/ekspor', { kind: 'usulan_disahkan', area: '35.76' });
    expect(res.status).toBe(200);
    expect(res.headers.get('content-disposition')).toMatch(
      /attachment; filename="usulan_disahkan_3576_\d{4}-\d{2}-\d{2}\.csv"/,
    );
    const records = parse(await res.text(), { bom: true, columns: true }) as Record<string, string>[];
    expect(Object.keys(records[0] ?? {})).toEqual([...EXPORT_COLUMNS.usulan_disahkan]);
    expect(records.map((r) => r.nik_kepala).sort()).toEqual(approved.map((a) => a.subject_nik).sort());
    const audit = await opened.db
      .selectFrom('audit_log')
      .selectAll()
      .where('action', '=', 'export')
      .orderBy('id', 'desc')
      .executeTakeFirstOrThrow();
    expect(audit.actor_id).toBe(await userId('dinsos.mojokerto'));
    expect(JSON.parse(audit.detail ?? '{}')).toEqual({
      list: 'usulan_disahkan',
      area: '35.76',
      rows: records.length,
      moved: records.length,
    });

    // Sent: the proposals moved on, and the page keeps the file to download again, byte for byte.
    const moved = await opened.db
      .selectFrom('tickets')
      .select('status')
      .where(
        'subject_nik',
        'in',
        records.map((r) => r.nik_kepala ?? ''),
      )
      .where('kind', '=', 'usulan')
      .execute();
    expect(moved.every((t) => t.status === 'diusulkan_ke_kemensos')).toBe(true);
    const page = await (await dinsos.get('/petugas/ekspor')).text();
    expect(page).toContain('Ekspor sebelumnya');
    const againId = /name="again" value="(\d+)"/.exec(page)?.[1] ?? '';
    const again = await dinsos.post('/petugas/ekspor', { again: againId });
    expect(again.status).toBe(200);
    expect(again.headers.get('content-disposition')).toBe(res.headers.get('content-disposition'));
    expect(parse(await again.text(), { bom: true, columns: true })).toEqual(records);
    const forged = await dinsos.post('/petugas/ekspor', { again: '99999999' });
    expect(forged.status).toBe(404);
    expect(await forged.text()).toContain('Ekspor ini tidak ditemukan');
  });

  it('exports the recipients to remove of one village; another village is not found for its operator', async () => {
    const wates = await signIn('kel.wates');
    const before = await opened.db
      .selectFrom('audit_log')
      .select((eb) => eb.fn.countAll<number>().as('n'))
      .executeTakeFirstOrThrow();
    const elsewhere = await wates.post('/petugas/ekspor', { kind: 'hapus_terbukti', area: '35.76.03.1001' });
    expect(elsewhere.status).toBe(404);
    expect(await elsewhere.text()).toContain('tidak ditemukan');
    const whole = await wates.post('/petugas/ekspor', { kind: 'hapus_terbukti', area: '35.76' });
    expect(whole.status).toBe(404);
    const after = await opened.db
      .selectFrom('audit_log')
      .select((eb) => eb.fn.countAll<number>().as('n'))
      .executeTakeFirstOrThrow();
    expect(Number(after.n)).toBe(Number(before.n));

    const mine = await wates.post('/petugas/ekspor', { kind: 'hapus_terbukti', area: '35.76.02.1010' });
    expect(mine.status).toBe(200);
    const records = parse(await mine.text(), { bom: true, columns: true }) as Record<string, string>[];
    const proven = await opened.db
      .selectFrom('tickets')
      .select('id')
      .where('kind', '=', 'sanggahan')
      .where('status', '=', 'terbukti')
      .where('area_code', '=', '35.76.02.1010')
      .execute();
    expect(records).toHaveLength(proven.length);
    expect(records.every((r) => r.kode_desa === '35.76.02.1010')).toBe(true);
    const audit = await opened.db
      .selectFrom('audit_log')
      .selectAll()
      .orderBy('id', 'desc')
      .executeTakeFirstOrThrow();
    expect(audit).toMatchObject({
      action: 'export',
      actor_id: await userId('kel.wates'),
      actor_role: 'kelurahan',
    });

    const badToken = await fetch(`${server.url}/petugas/ekspor`, {
      method: 'POST',
      redirect: 'manual',
      headers: { origin: server.url },
    });
    expect(badToken.status).toBe(303);
  });
});
