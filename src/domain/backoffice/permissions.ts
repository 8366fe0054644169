// Who may do what in the back office (issue 20): every permission as one named check over the
// officer (role and area) and the thing acted on. Pages, the API, the navigation and the domain ask
// these; nothing else names an office role. The ticket moves themselves stay in the workflow table
// (workflow.ts: who takes which step), which `canMoveCase` and `canActAboveStep` read.
// tests/unit/permissions-matrix.test.ts walks every check over role × area, and fails when a role
// literal is compared anywhere else.
import {
  movesFor,
  type Role,
  STANDS_IN_FOR,
  type TicketKind,
  type TransitionContext,
} from '../tickets/workflow.ts';
import type { OfficeRole, Officer } from './officer.ts';

/** The part of an officer a permission reads. */
export type Who = Pick<Officer, 'role' | 'areaCode'>;

// ── The area rule ───────────────────────────────────────────────────────────────────────────────

/**
 * What an officer's area is: one RT/RW of a village (the RT/RW head), a village (the kelurahan),
 * a regency (the Dinas Sosial), or none (the admin, who works no area: accounts and settings).
 */
export type AreaLevel = 'rt' | 'village' | 'regency' | 'none';

const AREA_LEVEL: Readonly<Record<OfficeRole, AreaLevel>> = {
  rt_rw: 'rt',
  kelurahan: 'village',
  dinsos: 'regency',
  admin: 'none',
};

/** The level of area an office of this role works in (an unknown role: none). */
export const areaLevelOf = (officer: Pick<Officer, 'role'>): AreaLevel =>
  Object.hasOwn(AREA_LEVEL, officer.role) ? AREA_LEVEL[officer.role] : 'none';

/** The regency of an area code (a village's, a district's or a regency's own). */
export const regencyOfArea = (code: string | null): string | null =>
  code ? code.split('.').slice(0, 2).join('.') : null;

/** Where a ticket (or anything placed like one) is. */
export interface Placed {
  area_code: string | null;
  rt: string | null;
  rw: string | null;
}

/**
 * Whether a village lies in the officer's area: the kelurahan's own village, any village of the
 * Dinas Sosial's regency. An RT/RW head holds part of a village only, the admin none: neither
 * covers a whole village (the Musyawarah, the ministry lists).
 */
export function coversVillage(officer: Who, villageCode: string): boolean {
  if (!officer.areaCode) return false;
  switch (areaLevelOf(officer)) {
    case 'village':
      return villageCode === officer.areaCode;
    case 'regency':
      return villageCode.startsWith(`${officer.areaCode}.`);
    default:
      return false;
  }
}

/** The village codes of a regency (scope.ts `villagesUnder`). */
export type VillagesOf = (regencyCode: string) => string[];

/** Every village the officer covers (`coversVillage`), listed: for a WHERE … IN and for pickers. */
export function villagesCovered(officer: Who, villagesOf: VillagesOf): string[] {
  if (!officer.areaCode) return [];
  switch (areaLevelOf(officer)) {
    case 'village':
      return [officer.areaCode];
    case 'regency':
      return villagesOf(officer.areaCode);
    default:
      return [];
  }
}

/** Whether the officer is a regency's office (the Dinas Sosial): it covers many villages and chooses one. */
export const servesOneRegency = (officer: Who): boolean =>
  areaLevelOf(officer) === 'regency' && officer.areaCode !== null;

/** Whether `area` is the officer's whole regency (a list or count over all its villages). */
export const isWholeRegencyOf = (officer: Who, area: string): boolean =>
  areaLevelOf(officer) === 'regency' && officer.areaCode !== null && area === officer.areaCode;

/**
 * Whether the officer acts for the whole deployment rather than one regency: the admin keeps the
 * national programs and shared templates, and reads every regency's imports.
 */
export const actsForWholeDeployment = (officer: Pick<Officer, 'role'>): boolean =>
  areaLevelOf(officer) === 'none';

/** The regency whose things the officer keeps and reads; null for the whole deployment (admin). */
export const regencyKeptBy = (officer: Who): string | null =>
  actsForWholeDeployment(officer) ? null : regencyOfArea(officer.areaCode);

// ── Cases ───────────────────────────────────────────────────────────────────────────────────────

/** The offices that work tickets; the admin manages accounts and settings only (the workflow's rule). */
export const canWorkTickets = (officer: Pick<Officer, 'role'>): boolean => areaLevelOf(officer) !== 'none';

/**
 * Whether a ticket exists for the officer (scope.ts: `inScope`, and `scopeWhere` for lists): an
 * RT/RW head sees their RT/RW, a kelurahan its village, the Dinas Sosial its regency and, at the
 * deployment's SLRT desk, the complaints that name no place (decision 0023).
 */
export function canSeeCase(
  officer: Who & Pick<Officer, 'rt' | 'rw' | 'receivesPlaceless'>,
  ticket: Placed,
): boolean {
  switch (areaLevelOf(officer)) {
    case 'rt':
      return ticket.area_code === officer.areaCode && ticket.rt === officer.rt && ticket.rw === officer.rw;
    case 'village':
      return ticket.area_code === officer.areaCode;
    case 'regency':
      return ticket.area_code === null
        ? officer.receivesPlaceless
        : ticket.area_code.startsWith(`${officer.areaCode}.`);
    default:
      return false;
  }
}

/** The case as the workflow table reads it. */
export interface CaseAt extends Placed {
  kind: TicketKind;
  status: string;
}

/**
 * Whether the officer may move the case to `to` now: a case of their area, and a move the
 * workflow table gives their role from its state (in this context: a correction's step, the
 * office below being absent). `transitionTicket` asks the same table when the move is taken.
 */
export function canMoveCase(
  officer: Parameters<typeof canSeeCase>[0],
  ticket: CaseAt,
  to: string,
  context: TransitionContext = {},
): boolean {
  return (
    canWorkTickets(officer) &&
    canSeeCase(officer, ticket) &&
    movesFor(ticket.kind, ticket.status, officer.role, context).some((r) => r.to === to)
  );
}

/**
 * Whether the officer's office is the one above the office holding a step (`STANDS_IN_FOR`: the
 * kelurahan above the RT/RW), which acts for it while that office has no account or is overdue.
 * Whether it is absent now is case-work.ts's to find out.
 */
export const canActAboveStep = (officer: Pick<Officer, 'role'>, step: Role | null): boolean =>
  step !== null && Object.hasOwn(STANDS_IN_FOR, step) && STANDS_IN_FOR[step] === officer.role;

/** Whether an office of this role may be the desk for complaints that name no place (the SLRT desk). */
export const canBeSlrtDesk = (officer: Pick<Officer, 'role'>): boolean => areaLevelOf(officer) === 'regency';

/** Whether inbox counts are the per-village counts kept by the database (they know no RT/RW). */
export const readsVillageCounts = (officer: Pick<Officer, 'role'>): boolean => areaLevelOf(officer) !== 'rt';

/** Whether the officer narrows lists by RT and RW (every case office but the RT/RW head, who has one). */
export const canFilterByRtRw = readsVillageCounts;

// ── Pages ───────────────────────────────────────────────────────────────────────────────────────

/** Every back-office page, by what it is for (its path is the page's own). */
export const BACK_OFFICE_PAGES = [
  'inbox',
  'case',
  'password',
  'accounts',
  'audit',
  'outbox',
  'holidays',
  'statistics',
  'export',
  'musyawarah',
  'rt_proposals',
  'notifications',
  'templates',
  'programs',
  'access',
  'imports',
  'quality',
] as const;
export type BackOfficePage = (typeof BACK_OFFICE_PAGES)[number];

const EVERY_OFFICE: readonly OfficeRole[] = ['rt_rw', 'kelurahan', 'dinsos', 'admin'];
const CASE_OFFICES: readonly OfficeRole[] = ['rt_rw', 'kelurahan', 'dinsos'];
const ADMIN: readonly OfficeRole[] = ['admin'];
const DINSOS: readonly OfficeRole[] = ['dinsos'];
const VILLAGE_OFFICES: readonly OfficeRole[] = ['kelurahan', 'dinsos'];
const KEEPERS: readonly OfficeRole[] = ['dinsos', 'admin'];

/** Which offices open each page; to any other the page answers 404 (`NotForRole`). */
const PAGE_OFFICES: Readonly<Record<BackOfficePage, readonly OfficeRole[]>> = {
  // The admin has no inbox: /petugas sends them to the accounts.
  inbox: CASE_OFFICES,
  // Every office opens a case's page; the admin's says it opens no ticket.
  case: EVERY_OFFICE,
  password: EVERY_OFFICE,
  accounts: ADMIN,
  audit: ADMIN,
  outbox: ADMIN,
  holidays: ADMIN,
  statistics: VILLAGE_OFFICES,
  export: VILLAGE_OFFICES,
  musyawarah: VILLAGE_OFFICES,
  rt_proposals: ['rt_rw'],
  // Each officer of a working office chooses how they hear of new work (decision 0034).
  notifications: CASE_OFFICES,
  templates: KEEPERS,
  programs: KEEPERS,
  access: DINSOS,
  imports: KEEPERS,
  quality: KEEPERS,
};

/** Whether the page is for the officer's role (the page guard and the navigation ask this). */
export const canOpenPage = (officer: Pick<Officer, 'role'>, page: BackOfficePage): boolean =>
  Object.hasOwn(PAGE_OFFICES, page) && PAGE_OFFICES[page].includes(officer.role);

// ── What each office keeps ──────────────────────────────────────────────────────────────────────

/** Accounts, roles and areas: the admin's (DESIGN §2). */
export const canManageAccounts = (officer: Pick<Officer, 'role'>): boolean =>
  canOpenPage(officer, 'accounts');

/** The audit log and the outbox of sent messages: the admin's. */
export const canReadAudit = (officer: Pick<Officer, 'role'>): boolean => canOpenPage(officer, 'audit');
export const canReadOutbox = (officer: Pick<Officer, 'role'>): boolean => canOpenPage(officer, 'outbox');

/** The holiday calendar the due dates count with: the admin's. */
export const canEditHolidays = (officer: Pick<Officer, 'role'>): boolean => canOpenPage(officer, 'holidays');

/** Whether the officer keeps response templates at all (the others only use them in a move). */
export const canKeepTemplates = (officer: Pick<Officer, 'role'>): boolean =>
  canOpenPage(officer, 'templates');

/**
 * Whether the officer edits, disables and enables this template: the admin every one; a Dinas
 * Sosial its own regency's, never a shared one.
 */
export function canEditTemplate(officer: Who, template: { areaCode: string | null }): boolean {
  if (!canKeepTemplates(officer)) return false;
  if (actsForWholeDeployment(officer)) return true;
  return template.areaCode !== null && template.areaCode === officer.areaCode;
}

/** Whether the officer keeps program profiles at all (the page; to others they do not exist). */
export const canKeepPrograms = (officer: Pick<Officer, 'role'>): boolean => canOpenPage(officer, 'programs');

/**
 * Whether the officer edits this program: the admin every one (the national ones are only
 * theirs); a Dinas Sosial the programs of its own regency.
 */
export function canEditProgram(officer: Who, program: { region_code: string | null }): boolean {
  if (!canKeepPrograms(officer)) return false;
  if (actsForWholeDeployment(officer)) return true;
  return program.region_code !== null && program.region_code === regencyOfArea(officer.areaCode);
}

/** Whether the officer uploads recipient lists and reads imports and the register's quality report. */
export const canImport = (officer: Pick<Officer, 'role'>): boolean => canOpenPage(officer, 'imports');

/** Whether the officer runs and reads the register's data-quality report (their area's findings). */
export const canReadQualityReport = (officer: Pick<Officer, 'role'>): boolean =>
  canOpenPage(officer, 'quality');

/** Whether the officer confirms or dismisses a finding of the quality report. */
export const canReviewFinding = (officer: Pick<Officer, 'role'>): boolean => canOpenPage(officer, 'quality');

/** The lists the back office exports. */
export const EXPORT_LISTS = ['ministry', 'reactivation', 'desil_dispute'] as const;
export type ExportList = (typeof EXPORT_LISTS)[number];

/**
 * Whether the officer exports this list: the ministry lists (approved proposals, proven
 * objections) the kelurahan for its village and the Dinas Sosial for its regency; the PBI-JK
 * reactivations and the desil disputes the Dinas Sosial only.
 */
export function canExport(officer: Who, list: ExportList): boolean {
  if (!officer.areaCode || !canOpenPage(officer, 'export')) return false;
  if (list === 'ministry') return true;
  return (EXPORT_LISTS as readonly string[]).includes(list) && areaLevelOf(officer) === 'regency';
}

/** Whether the officer's export of approved proposals sends them to the ministry (moves them on). */
export const canSendToMinistry = (officer: Who): boolean =>
  canExport(officer, 'ministry') && areaLevelOf(officer) === 'regency';

/** Whether the officer answers a resident's request to see what is kept about them (its regency's). */
export const canAnswerAccessRequest = (officer: Who): boolean =>
  canOpenPage(officer, 'access') && officer.areaCode !== null;

/**
 * Whether the officer changes the register for a resident's correction request (decision 0033):
 * the office that answers their other UU PDP requests, within its regency (the case is checked to
 * be in its area first).
 */
export const canCorrectRegister = (officer: Who): boolean => canAnswerAccessRequest(officer);

/** Whether the officer prepares and records the Musyawarah Kelurahan of this village. */
export const canHoldMusyawarah = (officer: Who, villageCode: string): boolean =>
  canOpenPage(officer, 'musyawarah') && coversVillage(officer, villageCode);

/** Whether the officer proposes a household as the RT/RW of their own area (usulan-rt). */
export const canProposeAsRtRw = (officer: Who): boolean =>
  canOpenPage(officer, 'rt_proposals') && officer.areaCode !== null;

/**
 * What an account of this role is placed in: the RT/RW head and the kelurahan a village (the
 * head also an RT and RW), the Dinas Sosial a regency, the admin nothing.
 */
export const accountAreaOf = (role: OfficeRole): { regionLevel: 2 | 4 | null; needsRtRw: boolean } => {
  const level = areaLevelOf({ role });
  return {
    regionLevel: level === 'regency' ? 2 : level === 'none' ? null : 4,
    needsRtRw: level === 'rt',
  };
};
