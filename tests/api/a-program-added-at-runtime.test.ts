// An office adds a program in the back office and residents read it everywhere, with no change
// to the source and no rebuild (issue 19): Cek by NIK and by region and name name it and word its
// status by what it gives, /kriteria describes it, /statistik counts it and the OpenAPI document
// lists it. Against the built server (pages and API as served), on both engines.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type Db, openDatabase } from '../../src/db/database.ts';
import { DEMO_HOUSEHOLDS } from '../../src/demo/generate-demo-data.ts';
import { createProgram } from '../../src/domain/program-profiles/keeping.ts';
import { type BuiltServer, builtServerAvailable, startBuiltServer } from '../support/built-server.ts';
import { officerNamed } from '../support/domain-calls.ts';
import { signInOverHttp } from '../support/officer-session.ts';

const available = builtServerAvailable();
let server: BuiltServer;
let db: Db;
let closeDb: () => Promise<void>;
/** Kedundung's head: a Kota Mojokerto household the demo lists in BPNT, desil 2. */
const kedundung = DEMO_HOUSEHOLDS.find((h) => h.key === 'bpnt') as (typeof DEMO_HOUSEHOLDS)[number];
let village = '';
let headName = '';

const CODE = 'LANSIA-MKT';
const NAME = 'Permakanan Lansia Kota Mojokerto';
const CRITERIA = 'Makanan siap saji setiap hari untuk lansia 60 tahun ke atas yang tinggal sendiri.';

beforeAll(async () => {
  if (!available) return;
  server = await startBuiltServer();
  const opened = openDatabase(server.database);
  db = opened.db;
  closeDb = () => opened.close();
  // The server keeps one copy of the catalogue for the back office (decision 0040): the Dinas
  // Sosial's inbox is opened before the program exists, so the copy is of the old catalogue.
  const early = await signInOverHttp(server.url, 'dinsos.mojokerto');
  const before = await (await early.get('/petugas')).text();
  expect(before).toContain('<option value="BPNT"');
  expect(before).not.toContain(CODE);
  // Through the back office's own rule: a regency's officer keeps the regency's programs.
  const officer = await officerNamed(db, 'dinsos.mojokerto');
  await createProgram(
    { db, now: () => new Date() },
    officer,
    {
      code: CODE,
      name: NAME,
      name_en: 'Meals for the elderly, Kota Mojokerto',
      benefit: 'food_credit',
      period_kind: 'month',
      desil_ceiling: '4',
      channel_id: 'Dapur umum kelurahan',
      channel_en: 'The village kitchen',
      excludes: '',
      aliases: 'PERMAKANAN LANSIA',
      amounts: 'Per orang per bulan | Per person a month | Rp 450.000',
      criteria_id: CRITERIA,
      criteria_en: 'Ready meals every day for people aged 60 and over who live alone.',
    },
    'test',
  );
  const household = await db
    .selectFrom('households as h')
    .innerJoin('household_members as m', 'm.household_id', 'h.id')
    .select(['h.id', 'h.village_code', 'm.name'])
    .where('h.kk', '=', kedundung.kk)
    .where('m.relation', '=', 'kepala')
    .executeTakeFirstOrThrow();
  village = household.village_code;
  headName = household.name;
  await db
    .insertInto('program_memberships')
    .values({
      household_id: household.id,
      program_code: CODE,
      period: '2026-10',
      status: 'not_collected',
      suspension_reason: null,
      amount: 450_000,
      channel: 'Dapur umum kelurahan',
      collection_point: null,
      import_id: null,
    })
    .execute();
}, 120_000);

afterAll(async () => {
  if (!available) return;
  await closeDb();
  await server.stop();
});

const url = (path: string) => new URL(path, server.url);
const postJson = (path: string, body: unknown, language = 'id') =>
  fetch(url(path), {
    method: 'POST',
    headers: { 'content-type': 'application/json', 'accept-language': language },
    body: JSON.stringify(body),
  });

describe.skipIf(!available)('a program an office added at runtime', () => {
  it('Cek names it and words its status by what it gives, in the language asked', async () => {
    const res = await postJson('/api/v1/cek', { nik: kedundung.nik, kk: kedundung.kk });
    expect(res.status).toBe(200);
    const body = (await res.json()) as {
      memberships: { program: string; program_name: string; benefit: string; status_text: string }[];
      desil_programs: { program: string; program_name: string; desil_answer: string }[];
    };
    const added = body.memberships.find((m) => m.program === CODE);
    expect(added).toMatchObject({
      program_name: NAME,
      benefit: 'food_credit',
      status_text: 'Saldo sudah masuk, belum dibelanjakan',
    });
    // Its ceiling is read with the others: desil 2 is within 1–4, and the household is listed.
    expect(body.desil_programs.find((a) => a.program === CODE)).toMatchObject({
      program_name: NAME,
      desil_answer: 'receiving',
    });
    // The seeded programs keep their words.
    expect(body.memberships.find((m) => m.program === 'PBI-JK')?.status_text).toBe(
      'Aktif: iuran BPJS Kesehatan dibayar pemerintah',
    );

    const english = (await (
      await postJson('/api/v1/cek', { nik: kedundung.nik, kk: kedundung.kk }, 'en')
    ).json()) as typeof body;
    expect(english.memberships.find((m) => m.program === CODE)).toMatchObject({
      program_name: 'Meals for the elderly, Kota Mojokerto',
      status_text: 'Balance credited, not spent yet',
    });
  });

  it('the search by region and name names it too', async () => {
    const res = await postJson('/api/v1/cek/wilayah', { village_code: village, name: headName });
    expect(res.status).toBe(200);
    const body = (await res.json()) as {
      matches: { programs: { program: string; program_name: string; status_text: string }[] }[];
    };
    const programs = body.matches.flatMap((m) => m.programs).filter((p) => p.program === CODE);
    expect(programs.length).toBeGreaterThan(0);
    expect(programs[0]).toMatchObject({
      program_name: NAME,
      status_text: 'Saldo sudah masuk, belum dibelanjakan',
    });
  });

  it('/kriteria describes it under its regency: criteria, ceiling, what it gives, amount', async () => {
    const res = await fetch(url('/kriteria'));
    expect(res.status).toBe(200);
    const html = await res.text();
    const article = /<article[^>]*id="program-lansia-mkt"[\s\S]*?<\/article>/.exec(html)?.[0] ?? '';
    expect(article).toContain(NAME);
    expect(article).toContain(CRITERIA);
    expect(article).toContain('Desil 1–4');
    expect(article).toContain('Saldo belanja pangan');
    expect(article).toContain('Rp 450.000');
    expect(article).toContain('Dapur umum kelurahan');
    // Under the regency that keeps it, after the national programs.
    const regional = html.indexOf('Program KOTA MOJOKERTO');
    expect(regional).toBeGreaterThan(html.indexOf('Program nasional'));
    expect(html.indexOf(NAME)).toBeGreaterThan(regional);
    // No raw codes where words belong.
    expect(html).not.toMatch(/food_credit|period_kind|desil_ceiling/);
  });

  it('/statistik counts it and offers it by name; an unknown program is still refused', async () => {
    const res = await fetch(url(`/statistik?region=35.76&program=${CODE}`));
    expect(res.status).toBe(200);
    const html = await res.text();
    expect(html).toMatch(new RegExp(`<option value="${CODE}" selected[^>]*>${NAME}</option>`));
    expect(html).toContain('Oktober 2026');

    const api = await fetch(url(`/api/v1/stats/recipients?region=35.76&program=${CODE}`));
    expect(api.status).toBe(200);
    expect(await api.json()).toMatchObject({ program: CODE, period: '2026-10' });
    const unknown = await fetch(url('/api/v1/stats/recipients?region=35.76&program=TIDAK-ADA'));
    expect(unknown.status).toBe(422);
    expect(await unknown.json()).toMatchObject({ error: { field: 'program' } });
    expect((await fetch(url('/statistik?region=35.76&program=TIDAK-ADA'))).status).toBe(422);
  });

  it('the SLRT complaint form offers it by name, a link chooses it, and a complaint about it is taken', async () => {
    const html = await (await fetch(url('/aduan'))).text();
    // Among the catalogue's programs, before "Lainnya", named by its profile.
    expect(html).toMatch(
      new RegExp(`<option value="${CODE}"[^>]*>${NAME}</option>\\s*<option value="LAINNYA"`),
    );
    const chosen = await (await fetch(url(`/aduan?program=${CODE}`))).text();
    expect(chosen).toMatch(new RegExp(`<option value="${CODE}" selected[^>]*>`));
    // A program nobody defined is chosen by no link.
    expect(await (await fetch(url('/aduan?program=TIDAK-ADA'))).text()).not.toMatch(/TIDAK-ADA/);

    const complaint = {
      program: CODE,
      problem: 'dana_tidak_diterima',
      description: 'Makanan untuk ibu tidak datang sejak tanggal 3.',
      contact: { anonymous: true },
      consent: true,
    };
    const res = await postJson('/api/v1/aduan', complaint);
    expect(res.status).toBe(201);
    const unknown = await postJson('/api/v1/aduan', { ...complaint, program: 'TIDAK-ADA' });
    expect(unknown.status).toBe(422);
    expect(await unknown.json()).toMatchObject({ error: { field: 'program' } });

    // The Dinas Sosial reads it in its inbox by the program's name, and filters by that name: the
    // server's copy of the catalogue, read before the program was added, is read again.
    const dinsos = await signInOverHttp(server.url, 'dinsos.mojokerto');
    const inbox = await (await dinsos.get(`/petugas?kind=aduan&program=${CODE}`)).text();
    expect(inbox).toMatch(new RegExp(`<option value="${CODE}" selected[^>]*>${NAME}</option>`));
    expect(inbox).toContain(`Aduan · ${NAME}`);
    expect(inbox).not.toMatch(new RegExp(`· ${CODE}\\b`));
    // The inbox as it was first opened (its filter form kept by the server, decision 0045) lists it too.
    expect(await (await dinsos.get('/petugas')).text()).toMatch(
      new RegExp(`<option value="${CODE}">${NAME}</option>`),
    );
    // And on the case's page, where the complaint's fields are read in words.
    const caseId = /href="\/petugas\/tiket\/(\d+)"/.exec(inbox)?.[1];
    expect(caseId).toBeDefined();
    const casePage = await (await dinsos.get(`/petugas/tiket/${caseId}`)).text();
    expect(casePage).toContain(NAME);
    expect(casePage).not.toMatch(new RegExp(`>${CODE}<`));
  });

  it('the OpenAPI document lists it among the program codes, without a rebuild', async () => {
    const doc = (await (await fetch(url('/api/openapi.json'))).json()) as {
      paths: Record<string, { get?: { parameters?: { name: string; schema?: { enum?: string[] } }[] } }>;
    };
    const program = doc.paths['/api/v1/stats/recipients']?.get?.parameters?.find((p) => p.name === 'program');
    expect(program?.schema?.enum).toEqual(expect.arrayContaining(['BPNT', 'PKH', 'ATENSI', CODE]));
  });
});
