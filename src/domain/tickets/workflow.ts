// The three ticket workflows of DESIGN §3 as data: states, who may take each move and what it
// needs. Use cases ask `checkTransition`; nothing else decides whether a move is allowed.
import { AppError } from '../errors.ts';

export const ROLES = ['warga', 'rt_rw', 'kelurahan', 'dinsos', 'admin'] as const;
export type Role = (typeof ROLES)[number];

export const TICKET_KINDS = ['usulan', 'sanggahan', 'aduan'] as const;
export type TicketKind = (typeof TICKET_KINDS)[number];

/** Where the SLRT desk forwards a complaint. */
export const ADUAN_UNITS = [
  'bank_penyalur',
  'pendamping_pkh',
  'koordinator_bpnt',
  'dukcapil',
  'kelurahan',
  'pt_pos',
  'bpjs_kesehatan',
  'dinsos_bidang',
] as const;
export type AduanUnit = (typeof ADUAN_UNITS)[number];

export const USULAN_STATES = [
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
] as const;
export const SANGGAHAN_STATES = [
  'diterima',
  'diperiksa_kelurahan',
  'terbukti',
  'tidak_terbukti',
  'duplikat',
] as const;
export const ADUAN_STATES = [
  'diterima',
  'diteruskan',
  'ditindaklanjuti',
  'selesai',
  'dirujuk',
  'duplikat',
] as const;

export type UsulanState = (typeof USULAN_STATES)[number];
export type SanggahanState = (typeof SANGGAHAN_STATES)[number];
export type AduanState = (typeof ADUAN_STATES)[number];
export type TicketState = UsulanState | SanggahanState | AduanState;

export interface StatesOf {
  usulan: UsulanState;
  sanggahan: SanggahanState;
  aduan: AduanState;
}

/** A field a move cannot be taken without. */
export type Need = 'note' | 'answer' | 'unit' | 'referral' | 'duplicate';
export const NEEDS: readonly Need[] = ['note', 'answer', 'unit', 'referral', 'duplicate'];

export interface TransitionRule {
  from: string;
  to: string;
  roles: readonly Role[];
  needs: readonly Need[];
  /** `optional`: the officer chooses (default: visible). */
  visibleToResident: boolean | 'optional';
  /**
   * Only while the ticket's `return_to` is this step: a `perlu_perbaikan` case goes back to the
   * step that asked, and only that step's office may reject it instead.
   */
  whenReturnTo?: string;
  /** The move asks for a correction: the ticket records `return_to` = `from`. */
  asksCorrection?: true;
  /**
   * The move reopens a finished case; allowed `MAX_REOPENS` times per ticket, and only towards
   * the step `reopenStep` names for it (docs/decisions/0025).
   */
  reopens?: true;
  /**
   * The move finishes a case the resident may reopen: the ticket records `return_to` = `from`,
   * the step (and so the unit) a reopening goes back to.
   */
  keepsStep?: true;
  /** Recorded in the event's `data`, e.g. the flag that a recipient is to be removed. */
  records?: Readonly<Record<string, unknown>>;
  /**
   * A move the office above takes for the step's own office, only while that office cannot:
   * it has no account, or the step is past its time (issue 20: a proposal from an RT without an
   * account was stuck at the kelurahan). The history says who acted for whom and why.
   */
  standsIn?: true;
  /** Only for cases of these topics (an aduan's problem): a topic's own moves (decision 0033). */
  topics?: readonly string[];
}

export interface Workflow<S extends string = string> {
  kind: TicketKind;
  states: readonly S[];
  initial: S;
  /** States that close the case (closed_at set, no due date). */
  terminal: readonly S[];
  /** The role that takes the forward step of each open state: the office the resident waits on. */
  responsible: Readonly<Partial<Record<S, Role>>>;
  /** Who may open a case of this kind. */
  openedBy: readonly Role[];
  rules: readonly TransitionRule[];
  /** Open states a unit outside the office holds (aduan: forwarded to the bank, Dukcapil…). */
  unitSteps?: readonly S[];
}

export const MAX_REOPENS = 1;

/** The office above may act when the one below cannot: Dinas Sosial takes any RT/RW or kelurahan step. */
const officeAndDinsos = (role: Role): readonly Role[] => (role === 'dinsos' ? ['dinsos'] : [role, 'dinsos']);

/** The office above a step's office, which stands in for it (RT/RW → kelurahan). */
export const STANDS_IN_FOR: Partial<Record<Role, Role>> = { rt_rw: 'kelurahan' };

const EVERYONE_BUT_ADMIN: readonly Role[] = ['warga', 'rt_rw', 'kelurahan', 'dinsos'];

/**
 * The office holding an open case may close it as a duplicate of another case of the same kind
 * (`duplicate`: the original's reference); the resident then follows the original.
 */
const duplicateRules = (responsible: Readonly<Record<string, Role | undefined>>): TransitionRule[] =>
  Object.entries(responsible)
    .filter((entry): entry is [string, Role] => entry[1] !== undefined && entry[1] !== 'warga')
    .map(([from, role]) => ({
      from,
      to: 'duplikat',
      roles: officeAndDinsos(role),
      needs: ['duplicate'],
      visibleToResident: true,
    }));

// ── Usulan ──────────────────────────────────────────────────────────────────────────────────────

const USULAN_FORWARD: readonly (readonly [UsulanState, UsulanState, Role])[] = [
  ['diajukan', 'diverifikasi_rt_rw', 'rt_rw'],
  ['diverifikasi_rt_rw', 'dibahas_musyawarah_kelurahan', 'kelurahan'],
  ['dibahas_musyawarah_kelurahan', 'verifikasi_lapangan', 'kelurahan'],
  ['verifikasi_lapangan', 'validasi_dtks', 'kelurahan'],
  ['validasi_dtks', 'disahkan_kepala_daerah', 'dinsos'],
  ['disahkan_kepala_daerah', 'diusulkan_ke_kemensos', 'dinsos'],
  ['diusulkan_ke_kemensos', 'ditetapkan', 'dinsos'],
];

const USULAN_RESPONSIBLE: Partial<Record<UsulanState, Role>> = {
  ...Object.fromEntries(USULAN_FORWARD.map(([from, , role]) => [from, role])),
  perlu_perbaikan: 'warga',
};

const usulanRules = (): TransitionRule[] => {
  const rules: TransitionRule[] = [];
  for (const [from, to, role] of USULAN_FORWARD) {
    const above = STANDS_IN_FOR[role];
    // The office's own moves, and the same moves for the office above while it stands in.
    for (const [roles, standsIn] of [
      [officeAndDinsos(role), false],
      ...(above ? [[[above], true] as const] : []),
    ] as const) {
      const flag = standsIn ? { standsIn: true as const } : {};
      rules.push({ from, to, roles, needs: [], visibleToResident: 'optional', ...flag });
      rules.push({ from, to: 'ditolak', roles, needs: ['note'], visibleToResident: true, ...flag });
      rules.push({
        from,
        to: 'perlu_perbaikan',
        roles,
        needs: ['note'],
        visibleToResident: true,
        asksCorrection: true,
        ...flag,
      });
    }
    // The resident answers a correction request: back to the step that asked, corrected fields in `data`.
    rules.push({
      from: 'perlu_perbaikan',
      to: from,
      roles: ['warga'],
      needs: [],
      visibleToResident: true,
      whenReturnTo: from,
    });
    // …or the office that asked gives up on it.
    rules.push({
      from: 'perlu_perbaikan',
      to: 'ditolak',
      roles: officeAndDinsos(role),
      needs: ['note'],
      visibleToResident: true,
      whenReturnTo: from,
    });
  }
  return rules;
};

export const USULAN: Workflow<UsulanState> = {
  kind: 'usulan',
  states: USULAN_STATES,
  initial: 'diajukan',
  terminal: ['ditetapkan', 'ditolak', 'duplikat'],
  responsible: USULAN_RESPONSIBLE,
  openedBy: EVERYONE_BUT_ADMIN,
  rules: [...usulanRules(), ...duplicateRules(USULAN_RESPONSIBLE)],
};

// ── Sanggahan ───────────────────────────────────────────────────────────────────────────────────

export const REMOVAL_FLAG = { flag: 'hapus_pada_musyawarah_berikutnya' } as const;

const SANGGAHAN_RESPONSIBLE = { diterima: 'kelurahan', diperiksa_kelurahan: 'kelurahan' } as const;

export const SANGGAHAN: Workflow<SanggahanState> = {
  kind: 'sanggahan',
  states: SANGGAHAN_STATES,
  initial: 'diterima',
  terminal: ['terbukti', 'tidak_terbukti', 'duplikat'],
  responsible: SANGGAHAN_RESPONSIBLE,
  openedBy: EVERYONE_BUT_ADMIN,
  rules: [
    {
      from: 'diterima',
      to: 'diperiksa_kelurahan',
      roles: officeAndDinsos('kelurahan'),
      needs: [],
      visibleToResident: 'optional',
    },
    {
      from: 'diperiksa_kelurahan',
      to: 'terbukti',
      roles: officeAndDinsos('kelurahan'),
      needs: ['note'],
      visibleToResident: true,
      // The recipient leaves the list only by the next Musyawarah Kelurahan, never by this click.
      records: REMOVAL_FLAG,
    },
    {
      from: 'diperiksa_kelurahan',
      to: 'tidak_terbukti',
      roles: officeAndDinsos('kelurahan'),
      needs: ['note'],
      visibleToResident: true,
    },
    ...duplicateRules(SANGGAHAN_RESPONSIBLE),
  ],
};

// ── Aduan (SLRT) ────────────────────────────────────────────────────────────────────────────────

const SLRT_DESK: readonly Role[] = ['dinsos'];
const SLRT_OR_KELURAHAN: readonly Role[] = officeAndDinsos('kelurahan');

const ADUAN_RESPONSIBLE = { diterima: 'dinsos', diteruskan: 'dinsos', ditindaklanjuti: 'dinsos' } as const;

/** Finished complaints the resident may reopen (DESIGN §3: once). */
const ADUAN_REOPENABLE: readonly AduanState[] = ['selesai', 'dirujuk'];

/**
 * A resident's access or correction request (UU PDP, decision 0033) is the Dinas Sosial's own to
 * answer, within 72 hours: the desk may close it from any open step without forwarding it first.
 */
export const DESK_ANSWERED_TOPICS = ['permintaan_akses', 'permintaan_koreksi'] as const;

const ADUAN_MOVES: readonly TransitionRule[] = [
  ...(['diterima', 'diteruskan'] as const).map(
    (from): TransitionRule => ({
      from,
      to: 'selesai',
      roles: SLRT_DESK,
      needs: ['answer'],
      visibleToResident: true,
      topics: DESK_ANSWERED_TOPICS,
    }),
  ),
  {
    from: 'diterima',
    to: 'diteruskan',
    roles: SLRT_OR_KELURAHAN,
    needs: ['unit'],
    visibleToResident: 'optional',
  },
  {
    from: 'diteruskan',
    to: 'ditindaklanjuti',
    roles: SLRT_OR_KELURAHAN,
    needs: [],
    visibleToResident: 'optional',
  },
  { from: 'ditindaklanjuti', to: 'selesai', roles: SLRT_DESK, needs: ['answer'], visibleToResident: true },
  { from: 'diteruskan', to: 'dirujuk', roles: SLRT_DESK, needs: ['referral'], visibleToResident: true },
  {
    from: 'ditindaklanjuti',
    to: 'dirujuk',
    roles: SLRT_DESK,
    needs: ['referral'],
    visibleToResident: true,
  },
];

/**
 * The resident says it was not fixed: back to the step that finished it, once (decision 0025).
 * Each move that finishes a reopenable case keeps its step; from a finished case the resident
 * may go back to any open step, but only to the one `reopenStep` names for the case.
 */
const reopenRules = (
  moves: readonly TransitionRule[],
  reopenable: readonly string[],
  openSteps: readonly string[],
): TransitionRule[] => [
  ...moves.map((r) => (reopenable.includes(r.to) ? { ...r, keepsStep: true as const } : r)),
  ...reopenable.flatMap((finished) =>
    openSteps.map(
      (to): TransitionRule => ({
        from: finished,
        to,
        roles: ['warga'],
        needs: ['note'],
        visibleToResident: true,
        reopens: true,
      }),
    ),
  ),
];

export const ADUAN: Workflow<AduanState> = {
  kind: 'aduan',
  states: ADUAN_STATES,
  initial: 'diterima',
  terminal: ['selesai', 'dirujuk', 'duplikat'],
  responsible: ADUAN_RESPONSIBLE,
  openedBy: EVERYONE_BUT_ADMIN,
  rules: [
    ...reopenRules(ADUAN_MOVES, ADUAN_REOPENABLE, ['diterima', 'diteruskan', 'ditindaklanjuti']),
    ...duplicateRules(ADUAN_RESPONSIBLE),
  ],
  unitSteps: ['diteruskan', 'ditindaklanjuti'],
};

export const WORKFLOWS: { readonly [K in TicketKind]: Workflow<StatesOf[K]> } = {
  usulan: USULAN,
  sanggahan: SANGGAHAN,
  aduan: ADUAN,
};

// ── Stages: the states other modules ask about, named here so nothing else spells a state ──────

/** The resident: the role a case is paused on while it waits for them. */
export const RESIDENT: Role = 'warga';
export const isResident = (role: string | null | undefined): boolean => role === RESIDENT;

/** The open states of each kind (a case in one has a due date and an office or resident to act). */
export const OPEN_STATES: { readonly [K in TicketKind]: readonly StatesOf[K][] } = {
  usulan: USULAN.states.filter((s) => !USULAN.terminal.includes(s)),
  sanggahan: SANGGAHAN.states.filter((s) => !SANGGAHAN.terminal.includes(s)),
  aduan: ADUAN.states.filter((s) => !ADUAN.terminal.includes(s)),
};

/** The states that close a case of each kind (the workflows' `terminal`). */
export const CLOSED_STATES: { readonly [K in TicketKind]: readonly StatesOf[K][] } = {
  usulan: USULAN.terminal,
  sanggahan: SANGGAHAN.terminal,
  aduan: ADUAN.terminal,
};

/** Every workflow's duplicate closing: the case follows its original. */
export const DUPLICATE: UsulanState & SanggahanState & AduanState = 'duplikat';

/** A proposal the RT/RW verified: the RT/RW head's own forward step. */
export const VERIFIED_BY_RT_RW: UsulanState = 'diverifikasi_rt_rw';

/** Proposals on the village's list for its next Musyawarah Kelurahan. */
export const AWAITING_MUSYAWARAH: readonly UsulanState[] = [VERIFIED_BY_RT_RW];

/** Where the meeting's decision on such a proposal takes it (the workflow's own moves). */
export const MUSYAWARAH_MOVES: Readonly<Record<'agreed' | 'refused', UsulanState>> = {
  agreed: 'dibahas_musyawarah_kelurahan',
  refused: 'ditolak',
};

/**
 * Objections proven: the recipient is flagged for removal at the next Musyawarah Kelurahan
 * (`REMOVAL_FLAG`), and the ministry's removal list carries them. Read off the moves that flag.
 */
export const FLAGGED_FOR_REMOVAL: readonly SanggahanState[] = SANGGAHAN.rules
  .filter((r) => r.records === REMOVAL_FLAG)
  .map((r) => r.to as SanggahanState);

/** Proposals the regent approved: the Dinas Sosial's list for the ministry. */
export const APPROVED_FOR_MINISTRY: readonly UsulanState[] = ['disahkan_kepala_daerah'];

/** Where the Dinas Sosial's export of approved proposals moves them. */
export const SENT_TO_MINISTRY: UsulanState = 'diusulkan_ke_kemensos';

/** What goes on the lists for the ministry, by the kind of case. */
export const EXPORTABLE_TO_MINISTRY: {
  readonly usulan: readonly UsulanState[];
  readonly sanggahan: readonly SanggahanState[];
} = { usulan: APPROVED_FOR_MINISTRY, sanggahan: FLAGGED_FOR_REMOVAL };

/** Proposals decided for good: set by the ministry, or refused (a duplicate's result is its original's). */
export const DECIDED_USULAN: readonly UsulanState[] = ['ditetapkan', 'ditolak'];

/** A proposal sent back to the resident to correct: they answer it, or the office refuses it. */
export const AWAITING_CORRECTION: UsulanState = 'perlu_perbaikan';

/** Complaints finished with an answer or a referral (the ones the resident may reopen, once). */
export const ANSWERED_ADUAN: readonly AduanState[] = ADUAN_REOPENABLE;

/** The complaint's first step, the SLRT desk, and the ones units hold after it: its open steps. */
export const ADUAN_OPEN_STEPS: readonly AduanState[] = OPEN_STATES.aduan;

/** Whether `status` is one of `stage`'s states (a state string as stored or typed). */
export const isIn = (stage: readonly string[], status: string | null | undefined): boolean =>
  typeof status === 'string' && stage.includes(status);

export function workflowOf(kind: TicketKind): Workflow {
  return WORKFLOWS[kind] as Workflow;
}

export function isTerminal(kind: TicketKind, status: string): boolean {
  return workflowOf(kind).terminal.includes(status);
}

export function isOpenStatus(kind: TicketKind, status: string): boolean {
  return workflowOf(kind).states.includes(status) && !isTerminal(kind, status);
}

/** The role a case in `status` waits on, or null when it is closed. */
export function responsibleRole(kind: TicketKind, status: string): Role | null {
  return workflowOf(kind).responsible[status] ?? null;
}

/** What a move depends on besides from, to and role. */
/** Why the step's own office cannot act now (the office above may stand in). */
export const STEP_OFFICE_ABSENCES = ['no_account', 'overdue'] as const;
export type StepOfficeAbsence = (typeof STEP_OFFICE_ABSENCES)[number];

export interface TransitionContext {
  /** The ticket's `return_to`: the step that asked (`perlu_perbaikan`) or that finished it. */
  returnTo?: string | null;
  /** Set when the step's own office cannot act: the office above's stand-in moves open. */
  stepOfficeAbsent?: StepOfficeAbsence;
  reopenCount?: number;
  /** The unit holding the case (aduan `responsible_unit`), for where a reopening goes. */
  unit?: string | null;
  /** The case's topic, for the moves only some topics have (`TransitionRule.topics`). */
  topic?: string | null;
}

/** The context a stored ticket gives its moves. */
export function contextOf(ticket: {
  return_to: string | null;
  reopen_count: number;
  responsible_unit: string | null;
  topic?: string | null;
}): TransitionContext {
  return {
    returnTo: ticket.return_to,
    reopenCount: ticket.reopen_count,
    unit: ticket.responsible_unit,
    topic: ticket.topic ?? null,
  };
}

export const isAduanUnit = (unit: string | null | undefined): unit is AduanUnit =>
  typeof unit === 'string' && (ADUAN_UNITS as readonly string[]).includes(unit);

export interface ReopenStep {
  /** The state a reopening moves the case to. */
  to: string;
  /** The unit that holds it there; null when the office itself does (the SLRT desk). */
  unit: AduanUnit | null;
  /**
   * Why the case went to the first step rather than back where it finished: its step is not
   * known, or its unit no longer takes cases (it is not one of ADUAN_UNITS).
   */
  fallback: 'step_unknown' | 'unit_unavailable' | null;
}

/**
 * Where a reopened case goes (docs/decisions/0025): back to the step that finished it, held by
 * the unit that held it then; the step's time limit starts again from the reopening. When that
 * step is not known, or it is a unit's and the unit no longer takes cases, to the first step:
 * the SLRT desk, which forwards it again.
 */
export function reopenStep(kind: TicketKind, context: TransitionContext): ReopenStep {
  const workflow = workflowOf(kind);
  const step = context.returnTo ?? null;
  const desk = (fallback: ReopenStep['fallback']): ReopenStep => ({
    to: workflow.initial,
    unit: null,
    fallback,
  });
  if (step === null || !isOpenStatus(kind, step)) return desk('step_unknown');
  if (!workflow.unitSteps?.includes(step)) return { to: step, unit: null, fallback: null };
  return isAduanUnit(context.unit)
    ? { to: step, unit: context.unit, fallback: null }
    : desk('unit_unavailable');
}

const matchesContext = (kind: TicketKind, rule: TransitionRule, context: TransitionContext) =>
  (!rule.standsIn || context.stepOfficeAbsent !== undefined) &&
  (rule.topics === undefined || rule.topics.includes(context.topic ?? '')) &&
  (rule.reopens
    ? rule.to === reopenStep(kind, context).to
    : rule.whenReturnTo === undefined || rule.whenReturnTo === context.returnTo);

/** Every rule that leads from `from` to `to` for some role, in this context. */
export function rulesBetween(
  kind: TicketKind,
  from: string,
  to: string,
  context: TransitionContext = {},
): TransitionRule[] {
  return workflowOf(kind).rules.filter(
    (r) => r.from === from && r.to === to && matchesContext(kind, r, context),
  );
}

/**
 * The rule that lets `role` move a `kind` ticket from `from` to `to`. Throws
 * `transition_not_allowed` when no one may take the move, `forbidden` when someone else may.
 */
export function findRule(
  kind: TicketKind,
  from: string,
  to: string,
  role: Role,
  context: TransitionContext = {},
): TransitionRule {
  const candidates = rulesBetween(kind, from, to, context);
  if (candidates.length === 0)
    throw new AppError('transition_not_allowed', { to: 'ticket.transition_not_allowed' });
  const rule = candidates.find((r) => r.roles.includes(role));
  if (!rule) throw new AppError('forbidden', { to: 'ticket.role_not_allowed' });
  if (rule.reopens && (context.reopenCount ?? 0) >= MAX_REOPENS) {
    throw new AppError('transition_not_allowed', { to: 'ticket.reopen_limit_reached' });
  }
  return rule;
}

/** The moves `role` may take from `status` now, for the back office's buttons and the resident's. */
export function movesFor(
  kind: TicketKind,
  status: string,
  role: Role,
  context: TransitionContext = {},
): TransitionRule[] {
  return workflowOf(kind).rules.filter(
    (r) =>
      r.from === status &&
      r.roles.includes(role) &&
      matchesContext(kind, r, context) &&
      !(r.reopens && (context.reopenCount ?? 0) >= MAX_REOPENS),
  );
}

/**
 * The state a resident's reopening of a case in `status` goes to, or null when the case is not
 * one a resident reopens. Whether it is still allowed (the limit) is `findRule`'s to say.
 */
export function reopenTarget(kind: TicketKind, status: string, context: TransitionContext): string | null {
  const rule = workflowOf(kind).rules.find(
    (r) => r.reopens && r.from === status && matchesContext(kind, r, context),
  );
  return rule?.to ?? null;
}

export interface TransitionFields {
  note?: string | null;
  answer?: string | null;
  unit?: string | null;
  referral?: string | null;
  /** The reference of the case this one duplicates. */
  duplicate?: string | null;
}

/** Longest text an officer or resident may attach to one move. */
export const MAX_TEXT_LENGTH = 4000;

/** Throws `validation_failed` with one message key per missing or bad field the rule needs. */
export function checkNeeds(rule: TransitionRule, fields: TransitionFields): void {
  const errors: Record<string, string> = {};
  for (const need of rule.needs) {
    const value = fields[need]?.trim();
    if (!value) errors[need] = `ticket.${need}_required`;
  }
  const unit = fields.unit?.trim();
  if (rule.needs.includes('unit') && unit && !(ADUAN_UNITS as readonly string[]).includes(unit)) {
    errors.unit = 'ticket.unit_invalid';
  }
  for (const field of ['note', 'answer', 'referral'] as const) {
    if ((fields[field]?.length ?? 0) > MAX_TEXT_LENGTH) errors[field] = `ticket.${field}_too_long`;
  }
  if (Object.keys(errors).length > 0) throw new AppError('validation_failed', errors);
}

/** Whether the resident sees this move: forced by the rule, or the officer's choice (default yes). */
export function visibleToResident(rule: TransitionRule, requested: boolean | undefined): boolean {
  return rule.visibleToResident === 'optional' ? (requested ?? true) : rule.visibleToResident;
}
