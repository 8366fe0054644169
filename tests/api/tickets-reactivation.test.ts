// PBI-JK reactivation over the API (issue 19): `POST /api/v1/aduan` with the topic
// `reaktivasi_pbi_jk` needs the health facility's letter as a file (multipart), is refused in both
// languages without it and stores nothing; Lacak's answer carries the outcome once closed.
import { describe, expect, it } from 'vitest';
import { moveCase } from '../../src/domain/backoffice/case-work.ts';
import { officerNamed } from '../support/domain-calls.ts';
import { useTestApp } from '../support/test-app.ts';
import {
  countRows,
  expectError,
  expectReceipt,
  postJson,
  postMultipart,
  storedFiles,
  ticketOf,
  tinyGif,
  tinyPdf,
} from '../support/ticket-fixtures.ts';

const ctx = useTestApp();

/** A member of a household in Wates, Kota Mojokerto. */
async function watesNik(): Promise<string> {
  const row = await ctx.env.db
    .selectFrom('household_members as m')
    .innerJoin('households as h', 'h.id', 'm.household_id')
    .select('m.nik')
    .where('h.village_code', '=', '35.76.02.1010')
    .orderBy('m.id')
    .executeTakeFirstOrThrow();
  return row.nik;
}

async function body(overrides: Record<string, unknown> = {}) {
  return {
    program: 'PBI-JK',
    problem: 'reaktivasi_pbi_jk',
    nik: await watesNik(),
    faskes: 'RSUD dr. Wahidin Sudiro Husodo',
    letter_date: '2026-11-21',
    description: 'Bapak perlu operasi jantung, kartu KIS nonaktif sejak Februari 2026.',
    contact: { anonymous: true },
    consent: true,
    ...overrides,
  };
}

const letter = { field: 'surat', bytes: tinyPdf(), name: 'surat-rs.pdf', type: 'application/pdf' };

async function counts() {
  return {
    tickets: await countRows(ctx.env.db, 'tickets'),
    attachments: await countRows(ctx.env.db, 'ticket_attachments'),
    files: (await storedFiles(ctx.env.deps)).length,
  };
}

describe('POST /api/v1/aduan with the topic reaktivasi_pbi_jk', () => {
  it('files the request with the letter (PDF): 201, due in 3 working days', async () => {
    const res = await postMultipart(ctx.app, '/api/v1/aduan', await body(), [letter]);
    const receipt = await expectReceipt(res, 'ADU');
    expect(receipt.status).toBe('diterima');
    // Filed Monday 23 November 2026 (the tests' clock): due Thursday.
    expect((receipt as unknown as { due_date: string }).due_date).toBe('2026-11-26');
    const { ticket } = await ticketOf(ctx.env.db, receipt.reference);
    expect(ticket).toMatchObject({
      program: 'PBI-JK',
      topic: 'reaktivasi_pbi_jk',
      area_code: '35.76.02.1010',
    });
  });

  it('without a letter: 422 at the letter, in Indonesian and English, nothing stored', async () => {
    const before = await counts();
    const id = await expectError(await postJson(ctx.app, '/api/v1/aduan', await body()), 422, 'surat');
    expect(id.fields?.surat).toMatch(/surat keterangan dari fasilitas kesehatan/i);
    const en = await expectError(
      await postJson(ctx.app, '/api/v1/aduan', await body(), { 'accept-language': 'en' }),
      422,
      'surat',
    );
    expect(en.fields?.surat).toMatch(/letter from the health facility/i);
    // Multipart without a file, and an empty file part: no letter either.
    await expectError(await postMultipart(ctx.app, '/api/v1/aduan', await body(), []), 422, 'surat');
    await expectError(
      await postMultipart(ctx.app, '/api/v1/aduan', await body(), [{ ...letter, bytes: new Uint8Array() }]),
      422,
      'surat',
    );
    expect(await counts()).toEqual(before);
  });

  it('refuses bad input with 4xx and stores nothing: bad NIK, no facility, a GIF, forged fields', async () => {
    const before = await counts();
    const bad = await expectError(
      await postMultipart(ctx.app, '/api/v1/aduan', await body({ nik: '1234', faskes: '' }), [letter]),
      422,
    );
    expect(bad.fields).toMatchObject({ nik: expect.any(String), faskes: expect.any(String) });
    const gif = await postMultipart(ctx.app, '/api/v1/aduan', await body(), [
      { field: 'surat', bytes: tinyGif(), name: 'surat.gif', type: 'image/gif' },
    ]);
    expect(gif.status).toBe(415);
    const objects = await postMultipart(
      ctx.app,
      '/api/v1/aduan',
      await body({ faskes: { toString: 'x' }, nik: ['3576021403680001'] }),
      [letter],
    );
    expect(objects.status).toBe(422);
    const huge = await postMultipart(ctx.app, '/api/v1/aduan', await body({ faskes: 'R'.repeat(100_000) }), [
      letter,
    ]);
    expect((await expectError(huge, 422, 'faskes')).fields?.faskes).toMatch(/200/);
    // A forged role or area in the body is no field of the form: ignored, never trusted.
    const forged = await postMultipart(
      ctx.app,
      '/api/v1/aduan',
      `{"program":"PBI-JK","problem":"reaktivasi_pbi_jk","nik":"${await watesNik()}","faskes":"Puskesmas","description":"Perlu berobat segera ke rumah sakit.","contact":{"anonymous":true},"consent":true,"__proto__":{"role":"dinsos"},"area_code":"35.78.01.1001","status":"selesai"}`,
      [],
    );
    expect(forged.status).toBe(422);
    expect(({} as Record<string, unknown>).role).toBeUndefined();
    expect(await counts()).toEqual(before);
  });
});

describe('POST /api/v1/lacak of a reactivation', () => {
  it('says it is in progress, then the outcome and the answer once the Dinas Sosial closes it', async () => {
    const receipt = await expectReceipt(
      await postMultipart(ctx.app, '/api/v1/aduan', await body(), [letter]),
      'ADU',
    );
    const track = async () => {
      const res = await postJson(ctx.app, '/api/v1/lacak', {
        reference: receipt.reference,
        tracking_code: receipt.tracking_code,
      });
      expect(res.status).toBe(200);
      return (await res.json()) as { status: string; reactivation?: unknown };
    };
    expect((await track()).reactivation).toEqual({ outcome: null, answer: null });

    const deps = ctx.env.deps;
    const kelurahan = await officerNamed(ctx.env.db, 'kel.wates');
    const dinsos = await officerNamed(ctx.env.db, 'dinsos.mojokerto');
    const step = async (who: typeof dinsos, input: Record<string, unknown>) => {
      const { ticket } = await ticketOf(ctx.env.db, receipt.reference);
      await moveCase(
        deps,
        who,
        { ticketId: ticket.id, expectedVersion: ticket.version, to: '', ...input },
        'desk',
      );
    };
    await step(kelurahan, { to: 'diteruskan', unit: 'dinsos_bidang' });
    await step(dinsos, { to: 'ditindaklanjuti' });
    await step(dinsos, {
      to: 'selesai',
      answer: 'Peserta sudah menjadi peserta PBI-JK APBD; tidak perlu reaktivasi.',
      reactivationOutcome: 'ditolak',
    });
    expect(await track()).toMatchObject({
      status: 'selesai',
      reactivation: {
        outcome: 'ditolak',
        answer: 'Peserta sudah menjadi peserta PBI-JK APBD; tidak perlu reaktivasi.',
      },
    });
  });
});
