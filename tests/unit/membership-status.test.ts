import { describe, expect, it } from 'vitest';
import {
  answerStateOf,
  complaintChoicesFor,
  complaintHref,
  membershipStatusText,
} from '../../src/domain/cek/membership-status.ts';
import { nextStepKey } from '../../src/domain/cek/membership-view.ts';
import { BENEFITS } from '../../src/domain/program-profiles/profile.ts';
import { MEMBERSHIP_STATUSES, SUSPENSION_REASONS } from '../../src/domain/programs.ts';
import { aduanChoicesFrom } from '../../src/domain/tickets/aduan-catalogue.ts';
import { abbreviationExplainer } from '../../src/i18n/abbreviations.ts';

// What the seeded profiles (migration 023) say each program gives.
const PBI = { program: 'PBI-JK', benefit: 'premium' } as const;
const BPNT = { program: 'BPNT', benefit: 'food_credit' } as const;

describe('a membership status in words', () => {
  it('words every benefit × status × reason in both languages, never as a code', () => {
    for (const locale of ['id', 'en'] as const)
      for (const benefit of BENEFITS)
        for (const status of MEMBERSHIP_STATUSES)
          for (const suspension_reason of [...SUSPENSION_REASONS, null]) {
            const text = membershipStatusText(locale, { program: 'X', benefit, status, suspension_reason });
            expect(text, `${locale} ${benefit} ${status} ${suspension_reason}`).not.toMatch(
              /_|^(active|collected|suspended)$/,
            );
            expect(text.length).toBeGreaterThan(3);
          }
  });

  it('never tells a PBI-JK household that money is coming, in any status', () => {
    for (const status of MEMBERSHIP_STATUSES) {
      expect(membershipStatusText('id', { ...PBI, status })).not.toMatch(/penyaluran|diambil/);
      expect(membershipStatusText('en', { ...PBI, status })).not.toMatch(/awaiting payment|collect/);
      expect(nextStepKey({ ...PBI, status, suspension_reason: null })).not.toBe('next.collected');
    }
    expect(membershipStatusText('id', { ...PBI, status: 'active' })).toBe(
      'Aktif: iuran BPJS Kesehatan dibayar pemerintah',
    );
    expect(membershipStatusText('id', { ...BPNT, status: 'active' })).toBe('Terdaftar, menunggu penyaluran');
  });

  it('reads by what the program gives, not by its code: a program an office added reads by its benefit', () => {
    const added = (benefit: (typeof BENEFITS)[number], status: string) =>
      membershipStatusText('id', { program: 'LANSIA-MKT', benefit, status });
    expect(added('premium', 'active')).toBe('Aktif: iuran BPJS Kesehatan dibayar pemerintah');
    expect(added('card', 'active')).toBe('Aktif: kartu dapat dipakai');
    expect(added('food_credit', 'not_collected')).toBe('Saldo sudah masuk, belum dibelanjakan');
    expect(added('cash', 'not_collected')).toBe('Sudah disalurkan, belum diambil');
    expect(added('service', 'active')).toBe('Terdaftar, menunggu layanan');
    expect(added('service', 'collected')).toBe('Layanan sudah diberikan');
    // A service is given: it never says money is on its way, nor points to a collection.
    for (const status of MEMBERSHIP_STATUSES) {
      expect(membershipStatusText('id', { program: 'X', benefit: 'service', status })).not.toMatch(
        /penyaluran|diambil|disalurkan/,
      );
      expect(nextStepKey({ benefit: 'service', status, suspension_reason: null })).not.toMatch(
        /^next\.(active|collected|not_collected)$/,
      );
    }
    expect(nextStepKey({ benefit: 'premium', status: 'collected', suspension_reason: null })).toBe(
      'next.active.premium',
    );
    expect(nextStepKey({ benefit: 'card', status: 'active', suspension_reason: null })).toBe(
      'next.active.card',
    );
    expect(nextStepKey({ benefit: 'food_credit', status: 'active', suspension_reason: null })).toBe(
      'next.active',
    );
  });

  it('names the reason of a suspension, and reads an unknown status as unknown rather than as a code', () => {
    expect(
      membershipStatusText('id', {
        ...BPNT,
        status: 'suspended',
        suspension_reason: 'masalah_rekening',
      }),
    ).toBe('Ditangguhkan: ada masalah pada rekening atau kartu bank');
    expect(membershipStatusText('en', { ...PBI, status: 'suspended', suspension_reason: null })).toBe(
      'Deactivated',
    );
    expect(membershipStatusText('id', { ...BPNT, status: 'hilang' })).toBe('Status tidak dikenal');
    expect(membershipStatusText('id', { ...BPNT, status: '__proto__' })).toBe('Status tidak dikenal');
  });
});

describe('the answer as a whole', () => {
  it('is receiving, a problem when any program is suspended, or listed without a program', () => {
    expect(answerStateOf([{ status: 'collected' }, { status: 'active' }])).toBe('receiving');
    expect(answerStateOf([{ status: 'collected' }, { status: 'suspended' }])).toBe('problem');
    expect(answerStateOf([])).toBe('no_program');
    // A program passed by its latest period stopped: a problem, though another still pays.
    expect(answerStateOf([{ status: 'collected' }, { status: 'collected' }], 1)).toBe('problem');
  });

  it('opens the complaint form with the program and the problem the status implies', () => {
    expect(
      complaintHref({ program: 'BPNT', status: 'suspended', suspension_reason: 'masalah_rekening' }),
    ).toBe('/aduan?program=BPNT&problem=kks_terblokir');
    expect(complaintHref({ program: 'PKH', benefit: 'cash', status: 'not_collected' })).toBe(
      '/aduan?program=PKH&problem=dana_tidak_diterima',
    );
    expect(complaintHref({ program: 'PKH', status: 'collected' })).toBe('/aduan?program=PKH');
    // KKS is no choice of the SLRT form: the form opens with nothing chosen rather than a wrong one.
    expect(complaintChoicesFor({ program: 'KKS', status: 'active' })).toEqual({});
  });

  it('takes only known choices from the address of the complaint form', () => {
    const choices = (q: string) => aduanChoicesFrom(new URLSearchParams(q));
    expect(choices('program=PKH&problem=kks_terblokir')).toEqual({
      program: 'PKH',
      problem: 'kks_terblokir',
    });
    expect(choices('program=<script>&problem=__proto__')).toEqual({});
    expect(choices('')).toEqual({});
  });
});

describe('abbreviations on an answer', () => {
  it('spells each out the first time only, and not where the text already says it in full', () => {
    const explain = abbreviationExplainer('id');
    expect(explain('BPNT')).toEqual([
      { abbr: 'BPNT', expansion: 'Bantuan Pangan Non Tunai', spelledOut: true },
    ]);
    expect(explain('BPNT / Sembako')).toEqual([
      { abbr: 'BPNT', expansion: 'Bantuan Pangan Non Tunai', spelledOut: false },
      ' / Sembako',
    ]);
    expect(explain('Program Keluarga Harapan (PKH)')[1]).toMatchObject({ abbr: 'PKH', spelledOut: false });
    expect(explain('ajukan aduan melalui SLRT.')).toEqual([
      'ajukan aduan melalui ',
      { abbr: 'SLRT', expansion: 'Sistem Layanan dan Rujukan Terpadu', spelledOut: true },
      '.',
    ]);
  });

  it('takes PBI-JK as one abbreviation and leaves words that only contain one alone', () => {
    const explain = abbreviationExplainer('en');
    expect(explain('PBI-JK')).toHaveLength(1);
    expect(explain('KKSX PKHS')).toEqual(['KKSX PKHS']);
  });
});
