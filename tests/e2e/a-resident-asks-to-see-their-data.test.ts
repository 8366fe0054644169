// The built server (issue 22): a resident asks the Dinas Sosial what it holds about them. The
// officer types the NIK into a posted form and gets a page to print and a JSON file; a NIK that is
// not one is refused at its field with what was typed kept; the other offices have no such page.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type BuiltServer, builtServerAvailable, startBuiltServer } from '../support/built-server.ts';
import { signInOverHttp } from '../support/officer-session.ts';
import { LISTED_HOUSEHOLD } from '../support/ticket-fixtures.ts';

const onSqlite = (process.env.TEST_ENGINE ?? 'sqlite') === 'sqlite';
const available = builtServerAvailable() && onSqlite;
let server: BuiltServer;

beforeAll(async () => {
  if (!available) return;
  server = await startBuiltServer();
}, 120_000);
afterAll(async () => {
  await server?.stop();
});

describe.runIf(available)('a resident asks to see their data', { timeout: 120_000 }, () => {
  it('the Dinas Sosial prints the answer and downloads it as JSON', async () => {
    const desk = await signInOverHttp(server.url, 'dinsos.mojokerto');
    const form = await desk.get('/petugas/akses');
    expect(form.status).toBe(200);
    expect(await form.text()).toContain('Permintaan melihat data pribadi');

    const page = await desk.post('/petugas/akses', { nik: LISTED_HOUSEHOLD.nik, format: 'html' });
    expect(page.status).toBe(200);
    const html = await page.text();
    expect(html).toContain(`Data pribadi yang disimpan untuk NIK ${LISTED_HOUSEHOLD.nik}`);
    expect(html).toContain(LISTED_HOUSEHOLD.kk);
    expect(html).toContain('Petugas yang melihat atau mengekspor data ini');
    expect(html).not.toMatch(/access_export|ticket_view|\{"/);

    const json = await desk.post('/petugas/akses', { nik: LISTED_HOUSEHOLD.nik, format: 'json' });
    expect(json.status).toBe(200);
    expect(json.headers.get('content-type')).toMatch(/^application\/json/);
    expect(json.headers.get('content-disposition')).toMatch(
      /^attachment; filename="data-pribadi-0001-\d{4}-\d{2}-\d{2}\.json"$/,
    );
    const body = (await json.json()) as {
      nik: string;
      households: { kk: string }[];
      views: { action: string }[];
    };
    expect(body.nik).toBe(LISTED_HOUSEHOLD.nik);
    expect(body.households[0]?.kk).toBe(LISTED_HOUSEHOLD.kk);
    // The printed answer before it is one of the views the JSON lists.
    expect(body.views.map((v) => v.action)).toContain('access_export');
  });

  it('refuses what is not a NIK at its field, keeps it, and is not there for the other offices', async () => {
    const desk = await signInOverHttp(server.url, 'dinsos.mojokerto');
    const refused = await desk.post('/petugas/akses', { nik: '3576<b>12', format: 'html' });
    expect(refused.status).toBe(422);
    const html = await refused.text();
    expect(html).toContain('NIK harus terdiri dari 16 angka.');
    expect(html).toContain('value="3576<b>12"');
    expect((await desk.post('/petugas/akses', { nik: LISTED_HOUSEHOLD.nik }, 'forged')).status).toBe(403);

    for (const username of ['kel.wates', 'rt008.wates', 'admin']) {
      const other = await signInOverHttp(server.url, username);
      expect((await other.get('/petugas/akses')).status).toBe(404);
      expect((await other.post('/petugas/akses', { nik: LISTED_HOUSEHOLD.nik, format: 'json' })).status).toBe(
        404,
      );
    }
  });
});
