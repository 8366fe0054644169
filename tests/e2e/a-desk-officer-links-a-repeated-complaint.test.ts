// A resident complained twice about the same blocked card (issue 20, "duplicates suggested"): on
// the built server, the Dinas Sosial's case page of the second complaint names the first under
// "Kemungkinan kasus yang sama", and one button closes it as its duplicate; the first complaint's
// page then lists it among its duplicates and suggests nothing more.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { databaseFile, type OpenedDatabase, openSqlite } from '../../src/db/database.ts';
import { type BuiltServer, builtServerAvailable, startBuiltServer } from '../support/built-server.ts';
import { type OfficerSession, signInOverHttp } from '../support/officer-session.ts';

const available = builtServerAvailable();
let server: BuiltServer;
let opened: OpenedDatabase;
let desk: OfficerSession;

const NIK = '3576021403680001';
const at = '2026-11-20T02:00:00.000Z';

async function complaint(reference: string, openedAt: string): Promise<number> {
  const { id } = await opened.db
    .insertInto('tickets')
    .values({
      kind: 'aduan',
      status: 'diterima',
      return_to: null,
      responsible_role: 'dinsos',
      responsible_unit: null,
      area_code: '35.76.02.1009',
      subject_nik: NIK,
      program: 'BPNT',
      topic: 'kks_terblokir',
      opened_at: openedAt,
      updated_at: openedAt,
      payload: JSON.stringify({ program: 'BPNT', problem: 'kks_terblokir', description: 'KKS terblokir.' }),
    })
    .returning('id')
    .executeTakeFirstOrThrow();
  await opened.db
    .insertInto('ticket_submissions')
    .values({
      ticket_id: id,
      reference,
      tracking_code_hash: 'hmac$test',
      submitted_at: openedAt,
      locale: 'id',
      contact: null,
      payload: '{}',
      idempotency_key: `linking:${reference}`,
      request_hash: 'test',
      receipt: '{}',
    })
    .execute();
  return id;
}

let first: number;
let second: number;

beforeAll(async () => {
  if (!available) return;
  server = await startBuiltServer();
  opened = openSqlite(databaseFile(server.dataDir));
  first = await complaint('ADU-SAMA2222', at);
  second = await complaint('ADU-SAMA3333', '2026-11-21T02:00:00.000Z');
  desk = await signInOverHttp(server.url, 'dinsos.mojokerto');
}, 120_000);

afterAll(async () => {
  if (!available) return;
  await opened.close();
  await server.stop();
});

const section = (html: string) =>
  /<section[^>]*class="similar-cases"[\s\S]*?<\/section>/.exec(html)?.[0] ?? '';

describe.skipIf(!available)('a desk officer links a repeated complaint', { timeout: 120_000 }, () => {
  it('sees the earlier complaint suggested, and closes the later one as its duplicate with one button', async () => {
    const page = await desk.get(`/petugas/tiket/${second}`);
    expect(page.status).toBe(200);
    const similar = section(await page.text());
    expect(similar).toContain('Kemungkinan kasus yang sama');
    expect(similar).toContain(`href="/petugas/tiket/${first}"`);
    expect(similar).toContain('Tutup kasus ini sebagai duplikat dari ADU-SAMA2222');
    const version = /name="expected" value="(\d+)"/.exec(similar)?.[1] ?? '';

    const linked = await desk.post(`/petugas/tiket/${second}`, {
      action: 'move',
      to: 'duplikat',
      duplicate: 'ADU-SAMA2222',
      expected: version,
    });
    expect(linked.status).toBe(200);
    const after = await linked.text();
    expect(after).toContain('Duplikat dari');
    expect(section(after)).toBe('');
    const row = await opened.db
      .selectFrom('tickets')
      .select(['status', 'duplicate_of'])
      .where('id', '=', second)
      .executeTakeFirstOrThrow();
    expect(row).toEqual({ status: 'duplikat', duplicate_of: first });

    const original = await (await desk.get(`/petugas/tiket/${first}`)).text();
    expect(original).toContain('ADU-SAMA3333');
    expect(section(original)).toBe('');
  });

  it('suggests nothing to another regency, which cannot open the case at all', async () => {
    const surabaya = await signInOverHttp(server.url, 'dinsos.surabaya');
    const page = await surabaya.get(`/petugas/tiket/${first}`);
    expect(page.status).toBe(404);
    expect(await page.text()).not.toContain('ADU-SAMA3333');
  });
});
