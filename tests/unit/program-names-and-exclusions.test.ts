// The program names a list may use and the programs a household may not hold together, read from
// the office's program profiles (issue 19), as plain functions: no database, no server.
import { describe, expect, it } from 'vitest';
import { importablePrograms, programNamesOf, resolveProgram } from '../../src/domain/import/program-names.ts';
import { catalogueOf } from '../../src/domain/program-profiles/catalogue.ts';
import type { ProgramProfile } from '../../src/domain/program-profiles/profile.ts';
import { exclusiveClashes, periodsOverlap } from '../../src/domain/quality/exclusive-programs.ts';

const profile = (code: string, more: Partial<ProgramProfile> = {}): ProgramProfile => ({
  code,
  name: code,
  name_en: '',
  benefit: 'cash',
  period_kind: 'month',
  desil_ceiling: null,
  channel_id: '',
  channel_en: '',
  excludes: [],
  aliases: [],
  amounts: [],
  criteria_id: 'Kriteria program ini.',
  criteria_en: '',
  active_from: null,
  active_to: null,
  region_code: null,
  ...more,
});

const catalogue = catalogueOf([
  profile('BPNT', { aliases: ['SEMBAKO', 'BANSOS SEMBAKO'] }),
  profile('PKH', { period_kind: 'stage', aliases: ['PROGRAM KELUARGA HARAPAN'] }),
  profile('PBI-JK'),
  profile('LANSIA-MKT', { aliases: ['PERMAKANAN LANSIA'], region_code: '35.76' }),
]);

describe("a list's program column", () => {
  const names = programNamesOf(catalogue);

  it('names a program by its code or an alias, in any case or spacing', () => {
    const read = (cell: string) => resolveProgram(names, cell);
    expect(read('BPNT')).toBe('BPNT');
    expect(read('Sembako')).toBe('BPNT');
    expect(read(' bansos  sembako ')).toBe('BPNT');
    expect(read('pbi jk')).toBe('PBI-JK');
    expect(read('PBI_JK')).toBe('PBI-JK');
    expect(read('P K H')).toBe('PKH');
    expect(read('program keluarga harapan')).toBe('PKH');
    expect(read('Permakanan Lansia')).toBe('LANSIA-MKT');
    expect(read('lansia-mkt')).toBe('LANSIA-MKT');
    expect(read('BPNTT')).toBeUndefined();
    expect(read('BLT')).toBeUndefined();
    expect(read('-')).toBeUndefined();
    expect(read('')).toBeUndefined();
  });

  it("names a regency's own program only in that regency's uploads, and every program elsewhere", () => {
    expect(resolveProgram(programNamesOf(catalogue, '35.76'), 'permakanan lansia')).toBe('LANSIA-MKT');
    expect(resolveProgram(programNamesOf(catalogue, '35.78'), 'LANSIA-MKT')).toBeUndefined();
    expect(resolveProgram(programNamesOf(catalogue, '35.78'), 'sembako')).toBe('BPNT');
    expect(importablePrograms(catalogue, '35.78').map((p) => p.code)).toEqual(['BPNT', 'PBI-JK', 'PKH']);
    expect(importablePrograms(catalogue, null).map((p) => p.code)).toContain('LANSIA-MKT');
  });

  it('crosses into the reading worker whole (structured clone)', () => {
    const copy = structuredClone(names);
    expect(resolveProgram(copy, 'sembako')).toBe('BPNT');
  });
});

describe('periods that overlap', () => {
  it('are equal periods, a month and its quarter, and a year and anything in it', () => {
    expect(periodsOverlap('2020-05', '2020-05')).toBe(true);
    expect(periodsOverlap('2020-05', '2020-06')).toBe(false);
    expect(periodsOverlap('2020-05', '2020-Q2')).toBe(true);
    expect(periodsOverlap('2020-Q2', '2020-04')).toBe(true);
    expect(periodsOverlap('2020-07', '2020-Q2')).toBe(false);
    expect(periodsOverlap('2020-Q2', '2020-Q3')).toBe(false);
    expect(periodsOverlap('2021-05', '2020-Q2')).toBe(false);
    expect(periodsOverlap('2020', '2020-11')).toBe(true);
    expect(periodsOverlap('2020-Q4', '2020')).toBe(true);
    expect(periodsOverlap('2020', '2021-01')).toBe(false);
  });
});

describe('programs a household may not hold together', () => {
  const excludes = new Map([['BST', ['BPNT', 'PKH']]]);

  it('are each excluding membership with the excluded ones in an overlapping period', () => {
    const clashes = exclusiveClashes(
      [
        { program: 'BST', period: '2020-05' },
        { program: 'BST', period: '2020-07' },
        { program: 'PKH', period: '2020-Q2' },
        { program: 'BPNT', period: '2020-05' },
        { program: 'BPNT', period: '2020-06' },
        { program: 'PBI-JK', period: '2020-05' },
      ],
      excludes,
    );
    expect(clashes).toEqual([
      {
        held: { program: 'BST', period: '2020-05' },
        with: [
          { program: 'BPNT', period: '2020-05' },
          { program: 'PKH', period: '2020-Q2' },
        ],
      },
    ]);
  });

  it('make one clash of two programs that exclude each other', () => {
    const both = new Map([
      ['A', ['B']],
      ['B', ['A']],
    ]);
    const clashes = exclusiveClashes(
      [
        { program: 'A', period: '2020-02' },
        { program: 'B', period: '2020-Q1' },
      ],
      both,
    );
    expect(clashes).toEqual([
      { held: { program: 'A', period: '2020-02' }, with: [{ program: 'B', period: '2020-Q1' }] },
    ]);
  });

  it('are none without an exclusion', () => {
    expect(exclusiveClashes([{ program: 'BST', period: '2020-05' }], new Map())).toEqual([]);
  });
});
