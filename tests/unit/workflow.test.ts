// Every (from, to) pair of every workflow, for every role, against an expectation written out
// here independently of the table in src/domain/tickets/workflow.ts.
import { describe, expect, it } from 'vitest';
import { AppError, HTTP_STATUS } from '../../src/domain/errors.ts';
import {
  ADUAN_UNITS,
  checkNeeds,
  findRule,
  movesFor,
  ROLES,
  type Role,
  reopenStep,
  reopenTarget,
  responsibleRole,
  TICKET_KINDS,
  type TicketKind,
  visibleToResident,
  WORKFLOWS,
} from '../../src/domain/tickets/workflow.ts';

type Outcome = 'allowed' | 'forbidden' | 'transition_not_allowed';

// ── The expectation, from the issue and DESIGN §3 ──────────────────────────────────────────────

/** Usulan steps in order, each with the office that takes its forward step. */
const USULAN_STEPS: [string, Role][] = [
  ['diajukan', 'rt_rw'],
  ['diverifikasi_rt_rw', 'kelurahan'],
  ['dibahas_musyawarah_kelurahan', 'kelurahan'],
  ['verifikasi_lapangan', 'kelurahan'],
  ['validasi_dtks', 'dinsos'],
  ['disahkan_kepala_daerah', 'dinsos'],
  ['diusulkan_ke_kemensos', 'dinsos'],
];

/** The office, plus Dinas Sosial, which may act for the offices below it. */
const withDinsos = (role: Role): Role[] => (role === 'dinsos' ? ['dinsos'] : [role, 'dinsos']);

/**
 * Where a finished complaint reopens to (decision 0025): the step that finished it, while that
 * step is the desk's own or its unit still takes cases; else the SLRT desk's first step.
 */
function expectedReopening(returnTo: string | null, unit: string | null): string {
  if (returnTo === 'diteruskan' || returnTo === 'ditindaklanjuti') {
    return (ADUAN_UNITS as readonly string[]).includes(unit ?? '') ? returnTo : 'diterima';
  }
  return 'diterima';
}

/** Roles that may take from → to (given return_to), or [] when the move does not exist. */
function expectedRoles(
  kind: TicketKind,
  from: string,
  to: string,
  returnTo: string | null,
  unit: string | null = null,
): Role[] {
  if (kind === 'usulan') {
    const order = [...USULAN_STEPS.map(([s]) => s), 'ditetapkan'];
    const step = USULAN_STEPS.find(([s]) => s === from);
    if (step) {
      const office = withDinsos(step[1]);
      if (to === order[order.indexOf(from) + 1]) return office;
      if (to === 'ditolak' || to === 'perlu_perbaikan' || to === 'duplikat') return office;
      return [];
    }
    if (from === 'perlu_perbaikan') {
      const asked = USULAN_STEPS.find(([s]) => s === returnTo);
      if (!asked) return [];
      if (to === returnTo) return ['warga'];
      if (to === 'ditolak') return withDinsos(asked[1]);
      return [];
    }
    return []; // ditetapkan, ditolak, duplikat: closed for good
  }
  if (kind === 'sanggahan') {
    const kelurahan = withDinsos('kelurahan');
    if (from === 'diterima' && to === 'diperiksa_kelurahan') return kelurahan;
    if (from === 'diperiksa_kelurahan' && (to === 'terbukti' || to === 'tidak_terbukti')) return kelurahan;
    // The office holding an open case may close it as the duplicate of another.
    if ((from === 'diterima' || from === 'diperiksa_kelurahan') && to === 'duplikat') return kelurahan;
    return [];
  }
  const desk: Role[] = ['dinsos'];
  const deskOrKelurahan: Role[] = ['kelurahan', 'dinsos'];
  if (from === 'diterima' && to === 'diteruskan') return deskOrKelurahan;
  if (from === 'diteruskan' && to === 'ditindaklanjuti') return deskOrKelurahan;
  if (from === 'ditindaklanjuti' && to === 'selesai') return desk;
  if ((from === 'diteruskan' || from === 'ditindaklanjuti') && to === 'dirujuk') return desk;
  if ((from === 'selesai' || from === 'dirujuk') && to === expectedReopening(returnTo, unit))
    return ['warga'];
  if (['diterima', 'diteruskan', 'ditindaklanjuti'].includes(from) && to === 'duplikat') return desk;
  return [];
}

const EXPECTED_STATES: Record<TicketKind, string[]> = {
  usulan: [
    'diajukan',
    'diverifikasi_rt_rw',
    'dibahas_musyawarah_kelurahan',
    'verifikasi_lapangan',
    'validasi_dtks',
    'disahkan_kepala_daerah',
    'diusulkan_ke_kemensos',
    'ditetapkan',
    'perlu_perbaikan',
    'ditolak',
    'duplikat',
  ],
  sanggahan: ['diterima', 'diperiksa_kelurahan', 'terbukti', 'tidak_terbukti', 'duplikat'],
  aduan: ['diterima', 'diteruskan', 'ditindaklanjuti', 'selesai', 'dirujuk', 'duplikat'],
};

function outcomeOf(run: () => unknown): Outcome | string {
  try {
    run();
    return 'allowed';
  } catch (error) {
    if (error instanceof AppError) return error.code;
    throw error;
  }
}

type Position = { from: string; returnTo: string | null; unit: string | null };

/** Every (from, return_to, unit) a ticket of this kind can be in. */
function positions(kind: TicketKind): Position[] {
  const states: readonly string[] = WORKFLOWS[kind].states;
  return states.flatMap((from): Position[] => {
    if (from === 'perlu_perbaikan')
      return [null, ...USULAN_STEPS.map(([s]) => s)].map((returnTo) => ({ from, returnTo, unit: null }));
    // A finished complaint: finished at any step, by a unit that takes cases, one that no longer does, or none.
    if (kind === 'aduan' && (from === 'selesai' || from === 'dirujuk'))
      return [null, 'diterima', 'diteruskan', 'ditindaklanjuti'].flatMap((returnTo) =>
        ['bank_penyalur', 'bank_lama', null].map((unit) => ({ from, returnTo, unit })),
      );
    return [{ from, returnTo: null, unit: null }];
  });
}

describe('the workflow tables', () => {
  it('have exactly the states, first states and closed states of DESIGN §3', () => {
    for (const kind of TICKET_KINDS) {
      expect([...WORKFLOWS[kind].states].sort()).toEqual([...EXPECTED_STATES[kind]].sort());
    }
    expect(WORKFLOWS.usulan.initial).toBe('diajukan');
    expect(WORKFLOWS.sanggahan.initial).toBe('diterima');
    expect(WORKFLOWS.aduan.initial).toBe('diterima');
    expect([...WORKFLOWS.usulan.terminal].sort()).toEqual(['ditetapkan', 'ditolak', 'duplikat']);
    expect([...WORKFLOWS.sanggahan.terminal].sort()).toEqual(['duplikat', 'terbukti', 'tidak_terbukti']);
    expect([...WORKFLOWS.aduan.terminal].sort()).toEqual(['dirujuk', 'duplikat', 'selesai']);
  });

  it('refer only to their own states, and give every rule at least one role', () => {
    for (const kind of TICKET_KINDS) {
      const states = new Set<string>(WORKFLOWS[kind].states);
      for (const rule of WORKFLOWS[kind].rules) {
        expect(states.has(rule.from) && states.has(rule.to), `${kind} ${rule.from}→${rule.to}`).toBe(true);
        expect(rule.roles.length).toBeGreaterThan(0);
        expect(rule.roles).not.toContain('admin');
      }
    }
  });

  for (const kind of TICKET_KINDS) {
    it(`${kind}: allows each (from, to) for exactly the expected roles, and refuses the rest with its code`, () => {
      let allowed = 0;
      let checked = 0;
      for (const { from, returnTo, unit } of positions(kind)) {
        for (const to of WORKFLOWS[kind].states) {
          const roles = expectedRoles(kind, from, to, returnTo, unit);
          for (const role of ROLES) {
            const expected: Outcome =
              roles.length === 0 ? 'transition_not_allowed' : roles.includes(role) ? 'allowed' : 'forbidden';
            const actual = outcomeOf(() =>
              findRule(kind, from, to, role, { returnTo, reopenCount: 0, unit }),
            );
            expect(
              actual,
              `${kind} ${from}${returnTo ? `(→${returnTo}, ${unit})` : ''} → ${to} by ${role}`,
            ).toBe(expected);
            checked += 1;
            if (expected === 'allowed') allowed += 1;
          }
        }
      }
      expect(allowed).toBeGreaterThan(0);
      expect(checked).toBeGreaterThan(allowed);
    });
  }

  it('refuses states that are not in the workflow at all', () => {
    expect(outcomeOf(() => findRule('aduan', 'diterima', 'ditetapkan', 'dinsos'))).toBe(
      'transition_not_allowed',
    );
    expect(outcomeOf(() => findRule('sanggahan', 'nonsense', 'terbukti', 'dinsos'))).toBe(
      'transition_not_allowed',
    );
  });

  it('lets admin take no workflow step at all', () => {
    for (const kind of TICKET_KINDS) {
      for (const { from, returnTo, unit } of positions(kind)) {
        expect(movesFor(kind, from, 'admin', { returnTo, unit })).toEqual([]);
      }
    }
  });

  it('uses the error shapes the edge maps to 409, 403 and 422', () => {
    const refusal = (() => {
      try {
        findRule('usulan', 'ditetapkan', 'diajukan', 'dinsos');
      } catch (error) {
        return error as AppError;
      }
    })();
    expect(refusal?.code).toBe('transition_not_allowed');
    expect(refusal?.fields).toEqual({ to: 'ticket.transition_not_allowed' });
    expect(HTTP_STATUS.transition_not_allowed).toBe(409);
    expect(HTTP_STATUS.forbidden).toBe(403);
    expect(outcomeOf(() => findRule('usulan', 'diajukan', 'diverifikasi_rt_rw', 'warga'))).toBe('forbidden');
  });

  it('names the office each open state waits on, and none for a closed one', () => {
    expect(USULAN_STEPS.map(([s]) => responsibleRole('usulan', s))).toEqual(USULAN_STEPS.map(([, r]) => r));
    expect(responsibleRole('usulan', 'perlu_perbaikan')).toBe('warga');
    expect(responsibleRole('sanggahan', 'diterima')).toBe('kelurahan');
    expect(responsibleRole('sanggahan', 'diperiksa_kelurahan')).toBe('kelurahan');
    expect(responsibleRole('aduan', 'diterima')).toBe('dinsos');
    expect(responsibleRole('aduan', 'diteruskan')).toBe('dinsos');
    expect(responsibleRole('aduan', 'ditindaklanjuti')).toBe('dinsos');
    for (const kind of TICKET_KINDS) {
      for (const closed of WORKFLOWS[kind].terminal) expect(responsibleRole(kind, closed)).toBeNull();
    }
  });
});

describe('what a move needs', () => {
  const fieldsOf = (run: () => void) => {
    try {
      run();
      return null;
    } catch (error) {
      expect(error).toBeInstanceOf(AppError);
      expect((error as AppError).code).toBe('validation_failed');
      return (error as AppError).fields;
    }
  };

  it('requires a reason to reject and a note to ask for corrections, at every step', () => {
    for (const [step, office] of USULAN_STEPS) {
      for (const to of ['ditolak', 'perlu_perbaikan']) {
        const rule = findRule('usulan', step, to, office);
        expect(rule.needs).toEqual(['note']);
        expect(fieldsOf(() => checkNeeds(rule, {}))).toEqual({ note: 'ticket.note_required' });
        expect(fieldsOf(() => checkNeeds(rule, { note: '   ' }))).toEqual({ note: 'ticket.note_required' });
        expect(fieldsOf(() => checkNeeds(rule, { note: 'Foto KK tidak terbaca' }))).toBeNull();
        expect(visibleToResident(rule, false)).toBe(true);
      }
    }
  });

  it('requires the finding of a sanggahan, visible to the resident, and flags a proven one for removal', () => {
    const proven = findRule('sanggahan', 'diperiksa_kelurahan', 'terbukti', 'kelurahan');
    const notProven = findRule('sanggahan', 'diperiksa_kelurahan', 'tidak_terbukti', 'dinsos');
    for (const rule of [proven, notProven]) {
      expect(fieldsOf(() => checkNeeds(rule, {}))).toEqual({ note: 'ticket.note_required' });
      expect(visibleToResident(rule, false)).toBe(true);
    }
    expect(proven.records).toEqual({ flag: 'hapus_pada_musyawarah_berikutnya' });
    expect(notProven.records).toBeUndefined();
  });

  it('requires a known unit to forward, an answer to close, and where to for a referral', () => {
    const forward = findRule('aduan', 'diterima', 'diteruskan', 'kelurahan');
    expect(fieldsOf(() => checkNeeds(forward, {}))).toEqual({ unit: 'ticket.unit_required' });
    expect(fieldsOf(() => checkNeeds(forward, { unit: 'tetangga' }))).toEqual({
      unit: 'ticket.unit_invalid',
    });
    for (const unit of ADUAN_UNITS) expect(fieldsOf(() => checkNeeds(forward, { unit }))).toBeNull();

    const close = findRule('aduan', 'ditindaklanjuti', 'selesai', 'dinsos');
    expect(fieldsOf(() => checkNeeds(close, { note: 'internal' }))).toEqual({
      answer: 'ticket.answer_required',
    });
    expect(visibleToResident(close, false)).toBe(true);

    for (const from of ['diteruskan', 'ditindaklanjuti']) {
      const refer = findRule('aduan', from, 'dirujuk', 'dinsos');
      expect(fieldsOf(() => checkNeeds(refer, {}))).toEqual({ referral: 'ticket.referral_required' });
      expect(fieldsOf(() => checkNeeds(refer, { referral: 'Kantor Cabang BNI Mojokerto' }))).toBeNull();
    }
  });

  it('refuses texts longer than the limit', () => {
    const rule = findRule('aduan', 'ditindaklanjuti', 'selesai', 'dinsos');
    expect(fieldsOf(() => checkNeeds(rule, { answer: 'x'.repeat(4001) }))).toEqual({
      answer: 'ticket.answer_too_long',
    });
  });

  it('leaves the officer to choose whether a forward step’s note is shown, visible by default', () => {
    const rule = findRule('usulan', 'diajukan', 'diverifikasi_rt_rw', 'rt_rw');
    expect(rule.visibleToResident).toBe('optional');
    expect(visibleToResident(rule, undefined)).toBe(true);
    expect(visibleToResident(rule, false)).toBe(false);
  });
});

describe('perlu_perbaikan and reopening', () => {
  it('asks for corrections recording the step that asked, and returns only there', () => {
    for (const [step, office] of USULAN_STEPS) {
      expect(findRule('usulan', step, 'perlu_perbaikan', office).asksCorrection).toBe(true);
      expect(findRule('usulan', 'perlu_perbaikan', step, 'warga', { returnTo: step }).to).toBe(step);
      for (const [other] of USULAN_STEPS.filter(([s]) => s !== step)) {
        expect(
          outcomeOf(() => findRule('usulan', 'perlu_perbaikan', other, 'warga', { returnTo: step })),
        ).toBe('transition_not_allowed');
      }
    }
  });

  it('lets only the office that asked (or Dinas Sosial) reject a case awaiting corrections', () => {
    const ctx = { returnTo: 'dibahas_musyawarah_kelurahan' };
    expect(outcomeOf(() => findRule('usulan', 'perlu_perbaikan', 'ditolak', 'kelurahan', ctx))).toBe(
      'allowed',
    );
    expect(outcomeOf(() => findRule('usulan', 'perlu_perbaikan', 'ditolak', 'dinsos', ctx))).toBe('allowed');
    expect(outcomeOf(() => findRule('usulan', 'perlu_perbaikan', 'ditolak', 'rt_rw', ctx))).toBe('forbidden');
    expect(outcomeOf(() => findRule('usulan', 'perlu_perbaikan', 'ditolak', 'warga', ctx))).toBe('forbidden');
  });

  it('reopens a finished complaint at the step and unit that finished it, else at the desk', () => {
    const bank = { unit: 'bank_penyalur', reopenCount: 0 };
    expect(reopenStep('aduan', { ...bank, returnTo: 'ditindaklanjuti' })).toEqual({
      to: 'ditindaklanjuti',
      unit: 'bank_penyalur',
      fallback: null,
    });
    expect(reopenStep('aduan', { ...bank, returnTo: 'diteruskan' }).to).toBe('diteruskan');
    // The desk finished it at its own step: back to the desk, no unit, nothing fell back.
    expect(reopenStep('aduan', { unit: null, returnTo: 'diterima' })).toEqual({
      to: 'diterima',
      unit: null,
      fallback: null,
    });
    expect(reopenStep('aduan', { unit: 'bank_lama', returnTo: 'ditindaklanjuti' })).toEqual({
      to: 'diterima',
      unit: null,
      fallback: 'unit_unavailable',
    });
    expect(reopenStep('aduan', { ...bank, returnTo: null }).fallback).toBe('step_unknown');
    expect(reopenStep('aduan', { ...bank, returnTo: 'selesai' }).fallback).toBe('step_unknown');
    // Each finishing move keeps its step; only the resident's reopening moves a finished case.
    for (const rule of WORKFLOWS.aduan.rules) {
      expect(rule.keepsStep === true, `${rule.from}→${rule.to}`).toBe(
        rule.to === 'selesai' || rule.to === 'dirujuk',
      );
    }
    expect(reopenTarget('aduan', 'selesai', { ...bank, returnTo: 'ditindaklanjuti' })).toBe(
      'ditindaklanjuti',
    );
    expect(reopenTarget('aduan', 'diterima', { ...bank, returnTo: 'ditindaklanjuti' })).toBeNull();
    expect(reopenTarget('usulan', 'perlu_perbaikan', { returnTo: 'diajukan' })).toBeNull();
  });

  it('lets the resident reopen a finished complaint once, with a reason', () => {
    for (const from of ['selesai', 'dirujuk']) {
      const rule = findRule('aduan', from, 'diterima', 'warga', { reopenCount: 0 });
      expect(rule.reopens).toBe(true);
      expect(rule.needs).toEqual(['note']);
      const second = (() => {
        try {
          findRule('aduan', from, 'diterima', 'warga', { reopenCount: 1 });
        } catch (error) {
          return error as AppError;
        }
      })();
      expect(second?.code).toBe('transition_not_allowed');
      expect(second?.fields).toEqual({ to: 'ticket.reopen_limit_reached' });
      expect(movesFor('aduan', from, 'warga', { reopenCount: 1 })).toEqual([]);
      expect(outcomeOf(() => findRule('aduan', from, 'diterima', 'dinsos'))).toBe('forbidden');
    }
  });
});
