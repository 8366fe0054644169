// The built server (issue 22, decision 0030): the admin's audit page says in words what each
// officer did, and answers "who viewed NIK N" from a posted form (the NIK never in a URL); a NIK
// that is not one is refused at its field; the search itself is recorded under that person.
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

/** The page's visible text: no tags, no attribute values. */
const visible = (html: string) =>
  html
    .replace(/<script[\s\S]*?<\/script>/g, '')
    .replace(/<[^>]+>/g, ' ')
    .replace(/\s+/g, ' ');

describe.runIf(available)('an admin answers who looked at a person’s data', { timeout: 120_000 }, () => {
  it('after the Dinas Sosial opened the household’s data, the admin finds that view by NIK', async () => {
    const desk = await signInOverHttp(server.url, 'dinsos.mojokerto');
    expect((await desk.post('/petugas/akses', { nik: LISTED_HOUSEHOLD.nik, format: 'html' })).status).toBe(
      200,
    );

    const admin = await signInOverHttp(server.url, 'admin');
    const page = await admin.get('/petugas/audit');
    expect(page.status).toBe(200);
    const text = visible(await page.text());
    expect(text).toContain('Menyusun jawaban permintaan data pribadi');
    expect(text).not.toMatch(/\b(access_export|ticket_view|login_failed|dinsos\))\b/);

    const found = await admin.post('/petugas/audit', { nik: LISTED_HOUSEHOLD.nik });
    expect(found.status).toBe(200);
    const answer = visible(await found.text());
    expect(answer).toMatch(/\d+ kali dilihat atau diekspor/);
    expect(answer).toContain('dinsos.mojokerto');
    expect(answer).toContain('Menyusun jawaban permintaan data pribadi');

    const refused = await admin.post('/petugas/audit', { nik: '12345' });
    expect(refused.status).toBe(422);
    expect(await refused.text()).toContain('NIK harus terdiri dari 16 angka.');
    // The search is itself a view of that person's data: the next search lists it.
    const again = visible(await (await admin.post('/petugas/audit', { nik: LISTED_HOUSEHOLD.nik })).text());
    expect(again).toContain('Mencari siapa yang melihat data seseorang');
  });
});
