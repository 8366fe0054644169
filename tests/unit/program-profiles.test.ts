// Program profiles on both engines (issue 19): the national programs are seeded with what they
// give, their ceilings, channels, amounts and aliases; a profile is checked whole (every refusal
// at once, nothing half-saved); the admin keeps every program, a Dinas Sosial only its regency's,
// and to the other offices the profiles do not exist. Every change is audited.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Officer } from '../../src/domain/backoffice/officer.ts';
import type { DomainDeps } from '../../src/domain/deps.ts';
import { catalogueOf, loadCatalogue } from '../../src/domain/program-profiles/catalogue.ts';
import { createProgram, programsFor, updateProgram } from '../../src/domain/program-profiles/keeping.ts';
import { validateProfile } from '../../src/domain/program-profiles/profile.ts';
import { errorOf, officerNamed } from '../support/domain-calls.ts';
import { openTestDatabase, type TestDatabase } from '../support/test-app.ts';

let env: TestDatabase;
let deps: DomainDeps;
const officers: Record<string, Officer> = {};

beforeAll(async () => {
  env = await openTestDatabase();
  deps = env.deps;
  for (const username of ['admin', 'dinsos.mojokerto', 'dinsos.surabaya', 'kel.wates'])
    officers[username] = await officerNamed(env.db, username);
}, 120_000);
afterAll(async () => {
  await env.close();
});

const officer = (username: string) => officers[username] as Officer;

const lansia = {
  code: 'lansia-mkt',
  name: 'Permakanan Lansia Kota Mojokerto',
  name_en: 'Meals for the elderly, Kota Mojokerto',
  benefit: 'food_credit',
  period_kind: 'month',
  desil_ceiling: '3',
  channel_id: 'Diantar kader ke rumah',
  channel_en: 'Delivered home by a volunteer',
  excludes: '',
  aliases: 'PERMAKANAN LANSIA\nLANSIA APBD',
  amounts: 'Makan sehari dua kali | Two meals a day | Rp 450.000',
  criteria_id: 'Lansia 60 tahun ke atas yang tinggal sendiri, desil 1–3.',
  criteria_en: 'People aged 60 and over who live alone, desil 1–3.',
  active_from: '2026-01-01',
  active_to: '',
};

const noOthers = { codes: new Set(['PKH', 'BST']), namesInUse: new Map([['PKH', 'PKH']]) };

describe('program profiles', { timeout: 120_000 }, () => {
  it('are seeded for the national programs, ATENSI too, with what each gives and its aliases', async () => {
    const catalogue = await loadCatalogue(env.db);
    expect(catalogue.programs.map((p) => p.code)).toEqual([
      'ATENSI',
      'BPNT',
      'BST',
      'KKS',
      'PBI-JK',
      'PIP',
      'PKH',
    ]);
    expect(catalogue.get('PBI-JK')).toMatchObject({
      benefit: 'premium',
      desil_ceiling: 5,
      region_code: null,
    });
    expect(catalogue.get('PKH')?.amounts).toHaveLength(7);
    expect(catalogue.get('BST')?.excludes).toEqual(['BPNT', 'PKH']);
    expect(catalogue.resolve('sembako')).toBe('BPNT');
    expect(catalogue.resolve(' pbi_jk ')).toBe('PBI-JK');
    expect(catalogue.resolve('Program Keluarga Harapan')).toBe('PKH');
    expect(catalogue.resolve('BLT')).toBeUndefined();
    expect(catalogue.nameOf('PKH', 'en')).toBe('Family Hope Program (PKH)');
  });

  it('refuses every bad field at once, in words, and reads amounts as lists write them', () => {
    const refused = (raw: unknown) => {
      try {
        validateProfile(raw, noOthers, 'create');
      } catch (error) {
        return (error as { fields?: Record<string, string> }).fields ?? {};
      }
      return {};
    };
    expect(
      refused({ ...lansia, code: 'pkh', desil_ceiling: '11', excludes: 'PKH, XYZ', active_to: '2025-12-31' }),
    ).toEqual({
      code: 'program.code_taken',
      desil_ceiling: 'program.ceiling_range',
      excludes: 'program.excludes_self',
      active_to: 'program.active_order',
    });
    expect(refused({ ...lansia, excludes: 'LANSIA-MKT' })).toEqual({ excludes: 'program.excludes_self' });
    expect(refused({ ...lansia, excludes: 'XYZ' })).toEqual({ excludes: 'program.excludes_unknown' });
    expect(refused({ ...lansia, active_to: '2025-12-31' })).toEqual({ active_to: 'program.active_order' });
    expect(refused({ ...lansia, desil_ceiling: 'lima' })).toEqual({ desil_ceiling: 'program.ceiling_range' });
    expect(refused({ ...lansia, aliases: 'Program Keluarga Harapan, pkh' })).toEqual({
      aliases: 'program.alias_taken',
    });
    expect(refused({ ...lansia, amounts: 'Makan | Meals | 1,5' })).toEqual({
      amounts: 'program.amounts_format',
    });
    expect(refused({ ...lansia, active_from: '2026-02-31' })).toEqual({ active_from: 'program.date_format' });
    expect(refused({ ...lansia, code: 'P K H!' })).toEqual({ code: 'program.code_format' });
    expect(refused({ ...lansia, name: { toString: 'x' }, benefit: 'gold' })).toEqual({
      name: 'field.required',
      benefit: 'field.choose',
    });
    expect(refused(JSON.parse('{"__proto__": {"code": "PKH"}}'))).toMatchObject({ code: 'field.required' });
    const ok = validateProfile(lansia, noOthers, 'create');
    expect(ok).toMatchObject({
      code: 'LANSIA-MKT',
      desil_ceiling: 3,
      aliases: ['PERMAKANAN LANSIA', 'LANSIA APBD'],
      amounts: [{ label_id: 'Makan sehari dua kali', label_en: 'Two meals a day', amount: 450_000 }],
      active_to: null,
    });
  });

  it('a Dinas Sosial adds its regency’s own program; another regency and the kelurahan cannot touch it', async () => {
    const { code } = await createProgram(deps, officer('dinsos.mojokerto'), lansia, 'desk');
    const catalogue = await loadCatalogue(env.db);
    expect(catalogue.get(code)).toMatchObject({ region_code: '35.76', desil_ceiling: 3 });
    expect(catalogue.resolve('Permakanan lansia')).toBe('LANSIA-MKT');

    await expect(
      errorOf(updateProgram(deps, officer('dinsos.surabaya'), code, lansia, 'desk')),
    ).resolves.toMatchObject({
      code: 'not_found',
    });
    await expect(
      errorOf(updateProgram(deps, officer('dinsos.mojokerto'), 'PKH', lansia, 'desk')),
    ).resolves.toMatchObject({
      code: 'not_found',
    });
    await expect(
      errorOf(createProgram(deps, officer('kel.wates'), { ...lansia, code: 'X1' }, 'desk')),
    ).resolves.toMatchObject({
      code: 'not_found',
    });
    await expect(errorOf(createProgram(deps, officer('admin'), lansia, 'desk'))).resolves.toMatchObject({
      code: 'validation_failed',
      fields: { code: 'program.code_taken' },
    });
    const surabayaSees = (await programsFor(deps, officer('dinsos.surabaya'))).map((p) => p.profile.code);
    expect(surabayaSees).not.toContain(code);

    await updateProgram(
      deps,
      officer('dinsos.mojokerto'),
      code,
      { ...lansia, desil_ceiling: '4', code: 'HIJACK' },
      'desk',
    );
    expect((await loadCatalogue(env.db)).get(code)).toMatchObject({ desil_ceiling: 4 });
    expect((await loadCatalogue(env.db)).get('HIJACK')).toBeUndefined();

    const refusedEdit = await errorOf(
      updateProgram(deps, officer('dinsos.mojokerto'), code, { ...lansia, desil_ceiling: '0' }, 'desk'),
    );
    expect(refusedEdit).toMatchObject({ fields: { desil_ceiling: 'program.ceiling_range' } });
    expect((await loadCatalogue(env.db)).get(code)).toMatchObject({ desil_ceiling: 4 });

    const audit = await env.db
      .selectFrom('audit_log')
      .select(['action', 'target_id'])
      .where('target_type', '=', 'program')
      .orderBy('id')
      .execute();
    expect(audit).toEqual([
      { action: 'program_create', target_id: code },
      { action: 'program_update', target_id: code },
    ]);
  });

  it('orders national programs first; a code wins over another program’s alias', () => {
    const base = {
      name_en: '',
      benefit: 'cash',
      period_kind: 'month',
      desil_ceiling: null,
      channel_id: '',
      channel_en: '',
      excludes: [],
      amounts: [],
      criteria_id: '',
      criteria_en: '',
      active_from: null,
      active_to: null,
    } as const;
    const c = catalogueOf([
      {
        ...base,
        code: 'ZED',
        name: 'Zed',
        aliases: ['ABC'],
        region_code: '35.76',
        excludes: [],
        amounts: [],
      },
      { ...base, code: 'ABC', name: 'Abc', aliases: [], region_code: null, excludes: [], amounts: [] },
    ]);
    expect(c.programs.map((p) => p.code)).toEqual(['ABC', 'ZED']);
    expect(c.resolve('abc')).toBe('ABC');
  });
});
