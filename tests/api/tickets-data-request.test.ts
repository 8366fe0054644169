// The resident's data requests over the API (issue 22, decision 0033): `POST /api/v1/permintaan-data`
// files an access or correction request for a household proven by NIK + KK; bad input is a 4xx
// with a message in Indonesian and English at its field, and nothing is stored; Lacak's answer
// says what was asked, its 72-hour limit and, once closed, the outcome, never the data.
import { describe, expect, it } from 'vitest';
import { moveCase } from '../../src/domain/backoffice/case-work.ts';
import { officerNamed } from '../support/domain-calls.ts';
import { useTestApp } from '../support/test-app.ts';
import {
  countRows,
  expectError,
  expectReceipt,
  LISTED_HOUSEHOLD,
  postJson,
  postMultipart,
  ticketOf,
  tinyGif,
  tinyPng,
} from '../support/ticket-fixtures.ts';

const ctx = useTestApp();
const PATH = '/api/v1/permintaan-data';

function body(overrides: Record<string, unknown> = {}) {
  return {
    request: 'koreksi',
    nik: LISTED_HOUSEHOLD.nik,
    kk: LISTED_HOUSEHOLD.kk,
    field: 'alamat',
    wrong: 'RT 002',
    right: 'RT 003',
    consent: true,
    ...overrides,
  };
}

describe('POST /api/v1/permintaan-data', () => {
  it('refuses bad input with a 422 at the field, in both languages, and stores nothing', async () => {
    const before = await countRows(ctx.env.db, 'tickets');
    const cases: [Record<string, unknown>, string][] = [
      [body({ nik: '12345' }), 'nik'],
      [body({ nik: '3576029913680001' }), 'nik'],
      [body({ kk: '3576021205150009' }), 'nik'],
      [body({ nik: { $gt: '' } }), 'nik'],
      [body({ request: 'hapus' }), 'request'],
      [body({ request: ['akses'] }), 'request'],
      [body({ field: '' }), 'field'],
      [body({ wrong: '' }), 'wrong'],
      [body({ right: 'x'.repeat(201) }), 'right'],
      [body({ right: { toString: 'RT 003' } }), 'right'],
      [body({ note: 'x'.repeat(2001) }), 'note'],
      [body({ consent: false }), 'consent'],
      [body({ phone: '<b>0812</b>' }), 'phone'],
    ];
    for (const [sent, field] of cases) {
      const error = await expectError(await postJson(ctx.app, PATH, sent), 422, field);
      expect(error.fields?.[field], JSON.stringify(sent).slice(0, 80)).toMatch(/\w/);
    }
    const id = await expectError(await postJson(ctx.app, PATH, body({ kk: '3576021205150009' })), 422, 'nik');
    expect(id.fields?.nik).toMatch(/tidak cocok/);
    const en = await expectError(
      await postJson(ctx.app, PATH, body({ kk: '3576021205150009' }), { 'accept-language': 'en' }),
      422,
      'nik',
    );
    expect(en.fields?.nik).toMatch(/do not match/);
    // Not JSON at all, an array, `__proto__` as the body's only key.
    for (const raw of ['[]', 'null', '{"__proto__":{"request":"akses"}}']) {
      const res = await ctx.app.request(PATH, {
        method: 'POST',
        headers: { 'content-type': 'application/json' },
        body: raw,
      });
      expect(res.status).toBeGreaterThanOrEqual(400);
      expect(res.status).toBeLessThan(500);
    }
    // A GIF is not a document the office reads; a file under another name is refused by name.
    await expectError(
      await postMultipart(ctx.app, PATH, body(), [
        { field: 'dokumen', bytes: tinyGif(), name: 'a.gif', type: 'image/gif' },
      ]),
      415,
      'dokumen',
    );
    await expectError(
      await postMultipart(ctx.app, PATH, body(), [
        { field: 'foto', bytes: tinyPng(), name: 'a.png', type: 'image/png' },
      ]),
      422,
      'foto',
    );
    expect(await countRows(ctx.env.db, 'tickets')).toBe(before);
  });

  it('files a correction with its document, stores HTML as typed; Lacak shows the 72 hours and the outcome', async () => {
    const res = await postMultipart(ctx.app, PATH, body({ right: '<img src=x onerror=alert(1)> RT 003' }), [
      { field: 'dokumen', bytes: tinyPng(), name: 'kk.png', type: 'image/png' },
    ]);
    const receipt = await expectReceipt(res, 'ADU');
    const { ticket, submission } = await ticketOf(ctx.env.db, receipt.reference);
    expect(ticket).toMatchObject({ topic: 'permintaan_koreksi', subject_nik: LISTED_HOUSEHOLD.nik });
    expect(JSON.parse(submission.payload).right).toBe('<img src=x onerror=alert(1)> RT 003');
    // A second submission while the first is open.
    await expectError(await postJson(ctx.app, PATH, body()), 422, 'request');

    const track = async () => {
      const r = await postJson(ctx.app, '/api/v1/lacak', {
        reference: receipt.reference,
        tracking_code: receipt.tracking_code,
      });
      expect(r.status).toBe(200);
      return (await r.json()) as { data_request: Record<string, unknown>; status: string };
    };
    expect((await track()).data_request).toEqual({
      request: 'koreksi',
      outcome: null,
      answer: null,
      due_at: '2026-11-26T08:00:00.000Z',
    });
    await moveCase(
      ctx.env.deps,
      await officerNamed(ctx.env.db, 'dinsos.mojokerto'),
      {
        ticketId: ticket.id,
        to: 'selesai',
        answer: 'Alamat di KK baru berbeda dari yang Anda tulis; bawa KK asli ke meja SLRT.',
        dataRequestOutcome: 'ditolak',
        expectedVersion: ticket.version,
      },
      'desk',
    );
    const closed = await track();
    expect(closed.status).toBe('selesai');
    expect(closed.data_request).toMatchObject({ outcome: 'ditolak' });
    expect(JSON.stringify(closed)).not.toContain(LISTED_HOUSEHOLD.nik);
    expect(JSON.stringify(closed)).not.toContain(LISTED_HOUSEHOLD.name);
  });

  it('an access request of the same person is its own request', async () => {
    const receipt = await expectReceipt(
      await postJson(ctx.app, PATH, {
        request: 'akses',
        nik: LISTED_HOUSEHOLD.nik,
        kk: LISTED_HOUSEHOLD.kk,
        consent: 'ya',
      }),
      'ADU',
    );
    expect((await ticketOf(ctx.env.db, receipt.reference)).ticket.topic).toBe('permintaan_akses');
  });

  it('is described in the OpenAPI document', async () => {
    const doc = (await (await ctx.app.request('/api/openapi.json')).json()) as {
      paths: Record<string, unknown>;
    };
    expect(Object.keys(doc.paths)).toContain('/api/v1/permintaan-data');
  });
});
