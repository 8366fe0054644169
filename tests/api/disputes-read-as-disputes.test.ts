// A desil dispute is no proposal and a PBI-JK reactivation no ordinary complaint (issue 19,
// decision 0038), on the officers' pages as served: the Musyawarah's list shows the verified
// dispute under its own heading, never among the proposals; the answer to a request to see one's
// data heads it "Sanggah desil" and says `purpose` in its JSON. Against the built server, on both
// engines; the dispute is filed through the public API, as a resident's phone would.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type Db, openDatabase } from '../../src/db/database.ts';
import { type BuiltServer, builtServerAvailable, startBuiltServer } from '../support/built-server.ts';
import { signInOverHttp } from '../support/officer-session.ts';

const available = builtServerAvailable();
let server: BuiltServer;
let db: Db;
let closeDb: () => Promise<void>;
const WATES = '35.76.02.1010';
let resident: { nik: string; kk: string; name: string };
let reference = '';

beforeAll(async () => {
  if (!available) return;
  server = await startBuiltServer();
  const opened = openDatabase(server.database);
  db = opened.db;
  closeDb = () => opened.close();
  resident = await db
    .selectFrom('household_members as m')
    .innerJoin('households as h', 'h.id', 'm.household_id')
    .select(['m.nik', 'h.kk', 'm.name'])
    .where('h.village_code', '=', WATES)
    .where('m.relation', '=', 'kepala')
    .orderBy('m.id', 'desc')
    .executeTakeFirstOrThrow();
  const res = await fetch(new URL('/api/v1/usulan', server.url), {
    method: 'POST',
    headers: { 'content-type': 'application/json', 'idempotency-key': `dispute-read-${Date.now()}` },
    body: JSON.stringify({
      purpose: 'sanggah_desil',
      head_nik: resident.nik,
      kk: resident.kk,
      desil_seen: 6,
      facts: ['pekerjaan'],
      fact_now: { pekerjaan: 'Buruh harian lepas, tidak tetap.' },
      consent: true,
    }),
  });
  expect(res.status).toBe(201);
  reference = ((await res.json()) as { reference: string }).reference;
  // The RT/RW verified it (the workflow's move is tested on its own): it waits for the meeting.
  const submission = await db
    .selectFrom('ticket_submissions')
    .select('ticket_id')
    .where('reference', '=', reference)
    .executeTakeFirstOrThrow();
  await db
    .updateTable('tickets')
    .set({ status: 'diverifikasi_rt_rw' })
    .where('id', '=', submission.ticket_id)
    .execute();
}, 180_000);

afterAll(async () => {
  if (!available) return;
  await closeDb();
  await server.stop();
});

/** The section of the Musyawarah page under the heading that says `heading`. */
function section(html: string, heading: string): string {
  const start = html.indexOf(heading);
  if (start < 0) return '';
  const end = html.indexOf('</section>', start);
  return html.slice(start, end);
}

describe.skipIf(!available)('a desil dispute on the officers’ pages', () => {
  it('the Musyawarah lists it apart from the proposals of new households', async () => {
    const kelurahan = await signInOverHttp(server.url, 'kel.wates');
    const res = await kelurahan.get('/petugas/musyawarah');
    expect(res.status).toBe(200);
    const html = await res.text();
    const disputes = section(html, 'Sanggah desil menunggu musyawarah');
    expect(disputes).toContain(reference);
    expect(disputes).toContain(resident.name);
    expect(section(html, 'Usulan menunggu musyawarah')).not.toContain(reference);
    // The three lists in the meeting's order: proposals, disputes, removals.
    const at = (s: string) => html.indexOf(s);
    expect(at('Usulan menunggu musyawarah')).toBeLessThan(at('Sanggah desil menunggu musyawarah'));
  });

  it('the answer to a request to see one’s data names it a dispute, on the page and in the JSON', async () => {
    const desk = await signInOverHttp(server.url, 'dinsos.mojokerto');
    const page = await desk.post('/petugas/akses', { nik: resident.nik, format: 'html' });
    expect(page.status).toBe(200);
    const html = await page.text();
    expect(html).toMatch(new RegExp(`<h4>Sanggah desil ${reference} · `));
    const json = await desk.post('/petugas/akses', { nik: resident.nik, format: 'json' });
    expect(json.status).toBe(200);
    const body = (await json.json()) as {
      tickets: { references: string[]; kind: string; purpose: string }[];
    };
    expect(body.tickets.find((t) => t.references.includes(reference))).toMatchObject({
      kind: 'usulan',
      purpose: 'sanggah_desil',
    });
  });
});
