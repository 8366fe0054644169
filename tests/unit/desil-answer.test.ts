// "Why am I not receiving?": each program that takes households by desil answers from the
// household's desil, the program's ceiling and the household's memberships.
import { describe, expect, it } from 'vitest';
import {
  DESIL_ANSWERS,
  desilAnswers,
  desilAnswerText,
  desilComplaintHref,
  desilOf,
  nextQuarterStart,
} from '../../src/domain/cek/desil-answer.ts';

// As migration 021 writes them, each with its latest period in the register; the domain is handed
// them, as it is by the database.
const CEILINGS = [
  { program: 'PKH', desil_ceiling: 4, latest_period: '2026-Q3' },
  { program: 'BPNT', desil_ceiling: 5, latest_period: '2026-10' },
  { program: 'PBI-JK', desil_ceiling: 5, latest_period: '2026-10' },
  { program: 'BST', desil_ceiling: null, latest_period: '2021-04' },
  { program: 'KKS', desil_ceiling: null, latest_period: '2017-12' },
  { program: 'PIP', desil_ceiling: null, latest_period: null },
];
const LATEST: Record<string, string> = {
  PKH: '2026-Q3',
  BPNT: '2026-10',
  'PBI-JK': '2026-10',
  KKS: '2017-12',
};
type Listed = { program: string; period?: string };
const listed = (ms: Listed[]) =>
  ms.map((m) => ({ program: m.program, period: m.period ?? LATEST[m.program] ?? '' }));

const answerOf = (desil: number | null, program: string, memberships: Listed[] = []) =>
  desilAnswers(desil, CEILINGS, listed(memberships)).find((a) => a.program === program);
const must = (desil: number | null, program: string, memberships: Listed[] = []) => {
  const a = answerOf(desil, program, memberships);
  if (!a) throw new Error(`no desil answer for ${program}`);
  return a;
};

describe('the desil answer of a program', () => {
  it('answers only the programs with a ceiling, in program-code order', () => {
    expect(desilAnswers(3, CEILINGS, []).map((a) => a.program)).toEqual(['BPNT', 'PBI-JK', 'PKH']);
    expect(answerOf(3, 'BST')).toBeUndefined();
    expect(answerOf(null, 'KKS', [{ program: 'KKS' }])).toBeUndefined();
    expect(desilAnswers(3, [{ program: 'PIP', desil_ceiling: null, latest_period: null }], [])).toEqual([]);
  });

  it('takes the ceiling from what it is given, not from a list of its own', () => {
    expect(answerOf(5, 'PKH')?.answer).toBe('above_ceiling');
    const raised = desilAnswers(5, [{ program: 'PKH', desil_ceiling: 5, latest_period: '2026-Q3' }], []);
    expect(raised).toEqual([
      {
        program: 'PKH',
        desil_ceiling: 5,
        latest_period: '2026-Q3',
        within_ceiling: true,
        answer: 'within_not_receiving',
        rose_from: null,
      },
    ]);
  });

  it.each([
    [1, 'PKH', true],
    [4, 'PKH', true],
    [5, 'PKH', false],
    [6, 'PKH', false],
    [4, 'BPNT', true],
    [5, 'BPNT', true],
    [6, 'BPNT', false],
    [5, 'PBI-JK', true],
    [6, 'PBI-JK', false],
    [10, 'PBI-JK', false],
  ] as const)('desil %i against %s: within the ceiling %s', (desil, program, within) => {
    const a = answerOf(desil, program);
    expect(a?.within_ceiling).toBe(within);
    expect(a?.answer).toBe(within ? 'within_not_receiving' : 'above_ceiling');
  });

  it('has no desil yet when the register holds none, whatever the ceiling', () => {
    for (const a of desilAnswers(null, CEILINGS, [])) {
      expect(a.answer).toBe('no_desil');
      expect(a.within_ceiling).toBeNull();
    }
  });

  it('is receiving when the household has a membership in the program, whatever its desil', () => {
    for (const desil of [null, 2, 6]) {
      const a = answerOf(desil, 'PKH', [{ program: 'PKH' }]);
      expect(a?.answer, String(desil)).toBe('receiving');
      expect(a?.within_ceiling).toBe(desil === null ? null : desil <= 4);
    }
    // A membership of another program changes nothing for this one.
    expect(answerOf(2, 'PKH', [{ program: 'BPNT' }])?.answer).toBe('within_not_receiving');
  });

  it('answers by the desil when the household was listed only before the latest period: dropped', () => {
    const earlier = [
      { program: 'PKH', period: '2026-Q1' },
      { program: 'PKH', period: '2025-Q4' },
    ];
    expect(answerOf(6, 'PKH', earlier)?.answer).toBe('above_ceiling');
    expect(answerOf(3, 'PKH', earlier)?.answer).toBe('within_not_receiving');
    expect(answerOf(null, 'PKH', earlier)?.answer).toBe('no_desil');
    expect(answerOf(6, 'PKH', [...earlier, { program: 'PKH', period: '2026-Q3' }])?.answer).toBe('receiving');
    expect(answerOf(6, 'BPNT', [{ program: 'BPNT', period: '2026-09' }])?.answer).toBe('above_ceiling');
  });

  it('reads a desil outside 1–10 as none', () => {
    expect([0, 11, 3.5, '3', null, undefined].map(desilOf)).toEqual([null, null, null, null, null, null]);
    expect([1, 6, 10].map(desilOf)).toEqual([1, 6, 10]);
  });
});

describe('the desil answer in words', () => {
  it('says each answer in both languages, with the ceiling and the desil', () => {
    expect(desilAnswerText('id', 6, must(6, 'PKH'))).toContain(
      'Desil keluarga Anda (6) di atas batas PKH (desil 1–4)',
    );
    expect(desilAnswerText('id', 6, must(6, 'PKH'))).toMatch(/pekerjaan, rumah, aset dan anggota/);
    expect(desilAnswerText('en', 6, must(6, 'PKH'))).toContain(
      "Your household's desil (6) is above the limit of PKH (desil 1–4)",
    );
    expect(desilAnswerText('id', null, must(null, 'BPNT'))).toMatch(
      /belum punya desil.*DTSEN.*setiap tiga bulan/,
    );
    expect(desilAnswerText('en', null, must(null, 'BPNT'))).toMatch(/no desil yet.*every quarter/);
    expect(desilAnswerText('id', 3, must(3, 'PKH'))).toMatch(/masuk batas PKH.*Kuota.*berikutnya/);
    expect(desilAnswerText('en', 3, must(3, 'PKH'))).toMatch(/within the limit of PKH.*next period/);
    for (const locale of ['id', 'en'] as const)
      for (const answer of DESIL_ANSWERS) {
        const text = desilAnswerText(locale, 3, {
          program: 'PKH',
          desil_ceiling: 4,
          latest_period: '2026-Q3',
          within_ceiling: true,
          answer,
          rose_from: answer === 'above_ceiling' ? 2 : null,
        });
        expect(text, `${locale} ${answer}`).not.toMatch(/undefined|null|_/);
      }
  });

  it('says the household rose out of the ceiling when its previous desil was within it', () => {
    const rose = (program: string, previous: number | null, desil = 6) =>
      desilAnswers(desil, CEILINGS, [], previous).find((a) => a.program === program);
    expect(rose('PKH', 4)?.rose_from).toBe(4);
    expect(rose('BPNT', 5)?.rose_from).toBe(5);
    // Above before as well, no desil before, or within now: nothing rose out of the ceiling.
    expect(rose('PKH', 5)?.rose_from).toBeNull();
    expect(rose('PKH', null)?.rose_from).toBeNull();
    expect(rose('PKH', 6, 3)?.rose_from).toBeNull();
    const pkh = rose('PKH', 4);
    if (!pkh) throw new Error('no PKH answer');
    expect(desilAnswerText('id', 6, pkh)).toContain(
      'Desil keluarga naik dari 4 menjadi 6, di atas batas PKH (desil 1–4)',
    );
    expect(desilAnswerText('en', 6, pkh)).toContain(
      "Your household's desil rose from 4 to 6, above the limit of PKH (desil 1–4)",
    );
    // Without a history the answer is the one it always was.
    expect(desilAnswerText('id', 6, must(6, 'PKH'))).toContain('Desil keluarga Anda (6) di atas batas PKH');
  });

  it('leads to the complaint form with the program chosen, except when receiving', () => {
    expect(desilComplaintHref(must(6, 'PKH'))).toBe('/aduan?program=PKH');
    expect(desilComplaintHref(must(3, 'PBI-JK'))).toBe('/aduan?program=PBI-JK');
    expect(desilComplaintHref(must(null, 'BPNT'))).toBe('/aduan?program=BPNT');
    expect(desilComplaintHref(must(3, 'BPNT', [{ program: 'BPNT' }]))).toBeNull();
  });
});

describe('when the next quarterly DTSEN update lands', () => {
  it('is the first month of the next quarter on the office clock (WIB)', () => {
    expect(nextQuarterStart('id', new Date('2026-12-07T04:00:00Z'))).toBe('Januari 2027');
    expect(nextQuarterStart('en', new Date('2026-12-07T04:00:00Z'))).toBe('January 2027');
    expect(nextQuarterStart('id', new Date('2027-01-01T00:00:00Z'))).toBe('April 2027');
    // 31 March 17:30 UTC is already 1 April in Jakarta: the quarter has turned.
    expect(nextQuarterStart('id', new Date('2027-03-31T16:59:59Z'))).toBe('April 2027');
    expect(nextQuarterStart('id', new Date('2027-03-31T17:00:00Z'))).toBe('Juli 2027');
    expect(nextQuarterStart('en', new Date('2027-08-15T00:00:00Z'))).toBe('October 2027');
  });

  it('a household without a desil is told it; the other answers say nothing of it', () => {
    const today = new Date('2026-12-07T04:00:00Z');
    const none = desilAnswers(null, CEILINGS, [])[0] as ReturnType<typeof desilAnswers>[number];
    expect(desilAnswerText('id', null, none, today)).toContain(
      'DTSEN diperbarui setiap tiga bulan; pemutakhiran berikutnya awal Januari 2027.',
    );
    expect(desilAnswerText('en', null, none, today)).toContain(
      'DTSEN is updated every quarter; the next update is early January 2027.',
    );
    // Without a clock (older callers) the sentence stays whole without the month.
    expect(desilAnswerText('id', null, none)).toContain('DTSEN diperbarui setiap tiga bulan. Jika');
    const above = desilAnswers(6, CEILINGS, [])[0] as ReturnType<typeof desilAnswers>[number];
    expect(desilAnswerText('id', 6, above, today)).not.toContain('Januari');
  });
});
