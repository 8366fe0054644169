// What a recipient list's cells may look like, read the way officers write them: amounts in
// every form (a property test: any amount, written any way, reads back as itself; and the forms
// that could mean two amounts are refused, never guessed), names with curly apostrophes, RT
// written "RT 03", a NIK behind Excel's text mark.
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { MAX_RUPIAH, readRupiah } from '../../src/domain/import/amounts.ts';
import { nameSearchKey, readPersonName } from '../../src/domain/names/person-name.ts';

const grouped = (n: number, sign: string) => String(n).replace(/\B(?=(\d{3})+(?!\d))/g, sign);

/** Every way the field writes `rupiah`, by the name of the form. */
function writings(rupiah: number): [string, string][] {
  const id = grouped(rupiah, '.');
  const en = grouped(rupiah, ',');
  const forms: [string, string][] = [
    ['plain', String(rupiah)],
    ['dots', id],
    ['commas', en],
    ['Rp with sen', `Rp ${id},00`],
    ['Rp glued with sen', `Rp${id},00`],
    ['Rp dash', `Rp${id},-`],
    ['Rp. with space', `Rp. ${id}`],
    ['IDR English sen', `IDR ${en}.00`],
    ['English sen', `${en}.00`],
    ['Indonesian sen', `${id},00`],
  ];
  if (rupiah >= 1000) forms.push(['spaces', grouped(rupiah, ' ')]);
  if (rupiah % 1000 === 0) {
    const thousands = rupiah / 1000;
    forms.push(['ribu', `${thousands} ribu`], ['rb', `${thousands}rb`], ['k', `${thousands}k`]);
  }
  if (rupiah % 10_000 === 0 && rupiah >= 1_000_000) {
    const millions = Math.floor(rupiah / 1_000_000);
    const hundredths = (rupiah % 1_000_000) / 10_000;
    const fraction = hundredths === 0 ? '' : String(hundredths).padStart(2, '0').replace(/0$/, '');
    forms.push(
      ['juta, comma', `${millions}${fraction ? `,${fraction}` : ''} juta`],
      ['jt, dot', `${millions}${fraction ? `.${fraction}` : ''}jt`],
      ['Rp juta', `Rp ${millions}${fraction ? `,${fraction}` : ''} Juta`],
    );
  }
  return forms;
}

describe('amounts', () => {
  it('reads the forms of the issue', () => {
    const cases: [string, number][] = [
      ['200000', 200_000],
      ['200.000', 200_000],
      ['200,000', 200_000],
      ['Rp 200.000,00', 200_000],
      ['Rp200.000,00', 200_000],
      ['Rp200.000,-', 200_000],
      ['200 ribu', 200_000],
      ['200rb', 200_000],
      ['1,5 juta', 1_500_000],
      ['1.350.000', 1_350_000],
      ['200.00', 200],
      ['200,00', 200],
    ];
    for (const [text, rupiah] of cases) expect(readRupiah(text), text).toEqual({ ok: true, rupiah });
  });

  it('refuses what could mean two amounts, with the reason', () => {
    const cases: [string, string][] = [
      ['1,5', 'nominal_ambiguous'],
      ['200.000.00', 'nominal_ambiguous'],
      ['1.234,567', 'nominal_ambiguous'],
      ['12,34,567', 'nominal_ambiguous'],
      ['1.500 ribu', 'nominal_ambiguous'],
      ['200.000,50', 'nominal_sen'],
      ['2.000.000.000', 'nominal_too_large'],
      ['dua ratus ribu', 'nominal_format'],
      ['-200000', 'nominal_format'],
      ['Rp', 'nominal_format'],
      ['200.000 / bulan', 'nominal_format'],
    ];
    for (const [text, problem] of cases) expect(readRupiah(text), text).toEqual({ ok: false, problem });
  });

  it('reads any amount back from every form it is written in', () => {
    fc.assert(
      fc.property(
        fc.oneof(
          fc.integer({ min: 0, max: MAX_RUPIAH }),
          fc.integer({ min: 0, max: 999_999 }).map((n) => n * 1000),
          fc.integer({ min: 100, max: 99_999 }).map((n) => n * 10_000),
        ),
        (rupiah) => {
          for (const [form, text] of writings(rupiah)) {
            expect(readRupiah(text), `${form}: ${text}`).toEqual({ ok: true, rupiah });
          }
        },
      ),
      { numRuns: 2000 },
    );
  });

  it('never reads a grouping as sen or sen as a grouping: a lone separator before one digit is refused', () => {
    fc.assert(
      fc.property(fc.integer({ min: 1, max: 99_999 }), fc.integer({ min: 0, max: 9 }), (whole, digit) => {
        for (const sign of ['.', ',']) {
          expect(readRupiah(`${whole}${sign}${digit}`)).toEqual({ ok: false, problem: 'nominal_ambiguous' });
        }
      }),
    );
  });
});

describe('names', () => {
  it('accepts apostrophes of every kind, hyphens, dots, accents and doubled spaces, one spelling stored', () => {
    const cases: [string, string][] = [
      ['NUR’AINI', "NUR'AINI"],
      ["NUR'AINI", "NUR'AINI"],
      ['NUR`AINI', "NUR'AINI"],
      ['NURʼAINI', "NUR'AINI"],
      ['MOCH.  SHOLEH', 'MOCH. SHOLEH'],
      ['SITI AL-FATH', 'SITI AL-FATH'],
      ['JOSÉ RAMÍREZ', 'JOSÉ RAMÍREZ'],
    ];
    for (const [text, name] of cases) expect(readPersonName(text), text).toEqual({ ok: true, name });
  });

  it('refuses digits, formulas and symbols', () => {
    for (const text of ['BUDI 2', '=HYPERLINK("x")', 'SITI <b>', 'AHMAD @ RT 3', '#REF!']) {
      expect(readPersonName(text), text).toEqual({ ok: false, problem: 'nama_format' });
    }
    expect(readPersonName('   ')).toEqual({ ok: false, problem: 'nama_required' });
    expect(readPersonName('A'.repeat(121))).toEqual({ ok: false, problem: 'nama_too_long' });
  });

  it('compares every apostrophe, and none, as one name', () => {
    const keys = ['NUR’AINI', "nur'aini", 'Nur`aini', 'NURAINI', 'nurʼaini'].map(nameSearchKey);
    expect(new Set(keys)).toEqual(new Set(['NURAINI']));
  });
});
