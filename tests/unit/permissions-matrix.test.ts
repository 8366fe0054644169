// Who may do what, role × area × action, over the named checks of permissions.ts (issue 20). The
// expected answers are written out here, not read from the module: the module is what is tested.
// The second half reads the source: no page, API route or domain file outside permissions.ts (and
// the workflow table, and the role type's own file) compares a role literal, and the modules that
// ask about stages (tracking, Musyawarah, exports, import, inbox) spell no state of the workflow.
import { readdirSync, readFileSync, statSync } from 'node:fs';
import { join, relative } from 'node:path';
import { describe, expect, it } from 'vitest';
import type { Officer } from '../../src/domain/backoffice/officer.ts';
import {
  areaLevelOf,
  BACK_OFFICE_PAGES,
  type BackOfficePage,
  canActAboveStep,
  canAnswerAccessRequest,
  canBeSlrtDesk,
  canEditHolidays,
  canEditProgram,
  canEditTemplate,
  canExport,
  canFilterByRtRw,
  canHoldMusyawarah,
  canImport,
  canKeepPrograms,
  canKeepTemplates,
  canManageAccounts,
  canMoveCase,
  canOpenPage,
  canProposeAsRtRw,
  canReadAudit,
  canReadOutbox,
  canReadQualityReport,
  canReviewFinding,
  canSeeCase,
  canSendToMinistry,
  canWorkTickets,
  coversVillage,
  EXPORT_LISTS,
  isWholeRegencyOf,
  regencyKeptBy,
  villagesCovered,
} from '../../src/domain/backoffice/permissions.ts';
import {
  ADUAN_STATES,
  SANGGAHAN_STATES,
  USULAN_STATES,
  VERIFIED_BY_RT_RW,
} from '../../src/domain/tickets/workflow.ts';

// ── The officers: every role, in its own area and another, and forged ones ─────────────────────

const WATES = '35.76.02.1010'; // a village of Kota Mojokerto
const KRANGGAN = '35.76.03.1001'; // another village of Kota Mojokerto
const SURABAYA_VILLAGE = '35.78.01.1001'; // a village of Kota Surabaya
const MOJOKERTO = '35.76';
const SURABAYA = '35.78';

const officer = (role: string, areaCode: string | null, more: Partial<Officer> = {}): Officer => ({
  id: 1,
  username: 'u',
  displayName: 'U',
  role: role as Officer['role'],
  areaCode,
  rt: null,
  rw: null,
  mustChangePassword: false,
  receivesPlaceless: false,
  sessionId: 1,
  ...more,
});

const OFFICERS = {
  rt: officer('rt_rw', WATES, { rt: '008', rw: '004' }),
  kelurahan: officer('kelurahan', WATES),
  dinsos: officer('dinsos', MOJOKERTO, { receivesPlaceless: true }),
  dinsosOther: officer('dinsos', SURABAYA),
  admin: officer('admin', null),
  // Forged: a role no account has, names that reach the prototype, an office without its area.
  superuser: officer('superuser', MOJOKERTO),
  proto: officer('__proto__', MOJOKERTO),
  ctor: officer('constructor', WATES),
  dinsosNoArea: officer('dinsos', null),
} as const;
type Who = keyof typeof OFFICERS;
const FORGED: readonly Who[] = ['superuser', 'proto', 'ctor'];

// ── Pages: the matrix every guard and the navigation read ──────────────────────────────────────

/** Which officer opens which page (DESIGN §2); every other officer gets the 404 of NotForRole. */
const PAGE_MATRIX: Record<BackOfficePage, readonly Who[]> = {
  inbox: ['rt', 'kelurahan', 'dinsos', 'dinsosOther', 'dinsosNoArea'],
  case: ['rt', 'kelurahan', 'dinsos', 'dinsosOther', 'dinsosNoArea', 'admin'],
  password: ['rt', 'kelurahan', 'dinsos', 'dinsosOther', 'dinsosNoArea', 'admin'],
  accounts: ['admin'],
  audit: ['admin'],
  outbox: ['admin'],
  holidays: ['admin'],
  statistics: ['kelurahan', 'dinsos', 'dinsosOther', 'dinsosNoArea'],
  export: ['kelurahan', 'dinsos', 'dinsosOther', 'dinsosNoArea'],
  musyawarah: ['kelurahan', 'dinsos', 'dinsosOther', 'dinsosNoArea'],
  rt_proposals: ['rt'],
  notifications: ['rt', 'kelurahan', 'dinsos', 'dinsosOther', 'dinsosNoArea'],
  templates: ['dinsos', 'dinsosOther', 'dinsosNoArea', 'admin'],
  programs: ['dinsos', 'dinsosOther', 'dinsosNoArea', 'admin'],
  access: ['dinsos', 'dinsosOther', 'dinsosNoArea'],
  imports: ['dinsos', 'dinsosOther', 'dinsosNoArea', 'admin'],
  quality: ['dinsos', 'dinsosOther', 'dinsosNoArea', 'admin'],
};

const every = Object.keys(OFFICERS) as Who[];
const only = (allowed: readonly Who[]) => Object.fromEntries(every.map((w) => [w, allowed.includes(w)]));
const answers = (check: (o: Officer) => boolean) =>
  Object.fromEntries(every.map((w) => [w, check(OFFICERS[w])]));

describe('the page permissions', () => {
  it('open each page to exactly the offices of the matrix, and no page to a forged role', () => {
    expect(new Set(BACK_OFFICE_PAGES)).toEqual(new Set(Object.keys(PAGE_MATRIX)));
    for (const page of BACK_OFFICE_PAGES) {
      expect({ page, ...answers((o) => canOpenPage(o, page)) }).toEqual({ page, ...only(PAGE_MATRIX[page]) });
    }
    for (const forged of FORGED) {
      expect(BACK_OFFICE_PAGES.filter((p) => canOpenPage(OFFICERS[forged], p))).toEqual([]);
    }
  });

  it('know no page outside the list, whatever its name', () => {
    for (const page of ['__proto__', 'constructor', 'toString', 'pengguna', '']) {
      expect(canOpenPage(OFFICERS.admin, page as BackOfficePage)).toBe(false);
    }
  });

  it('name the keepers of each section by the page they open', () => {
    const checks: [string, (o: Officer) => boolean, BackOfficePage][] = [
      ['canManageAccounts', canManageAccounts, 'accounts'],
      ['canReadAudit', canReadAudit, 'audit'],
      ['canReadOutbox', canReadOutbox, 'outbox'],
      ['canEditHolidays', canEditHolidays, 'holidays'],
      ['canKeepTemplates', canKeepTemplates, 'templates'],
      ['canKeepPrograms', canKeepPrograms, 'programs'],
      ['canImport', canImport, 'imports'],
      ['canReadQualityReport', canReadQualityReport, 'quality'],
      ['canReviewFinding', canReviewFinding, 'quality'],
    ];
    for (const [name, check, page] of checks) {
      expect({ name, ...answers(check) }).toEqual({ name, ...only(PAGE_MATRIX[page]) });
    }
  });
});

// ── Cases ───────────────────────────────────────────────────────────────────────────────────────

const placed = (area_code: string | null, rt: string | null = null, rw: string | null = null) => ({
  area_code,
  rt,
  rw,
});
const PLACES = {
  ownRt: placed(WATES, '008', '004'),
  otherRt: placed(WATES, '001', '004'),
  otherVillage: placed(KRANGGAN, '008', '004'),
  otherRegency: placed(SURABAYA_VILLAGE, '008', '004'),
  noPlace: placed(null),
} as const;

describe('the case permissions', () => {
  it('let each office see its own area only; the SLRT desk alone the complaints that name no place', () => {
    const seen = (w: Who) =>
      Object.entries(PLACES)
        .filter(([, p]) => canSeeCase(OFFICERS[w], p))
        .map(([name]) => name);
    expect(seen('rt')).toEqual(['ownRt']);
    expect(seen('kelurahan')).toEqual(['ownRt', 'otherRt']);
    expect(seen('dinsos')).toEqual(['ownRt', 'otherRt', 'otherVillage', 'noPlace']);
    expect(seen('dinsosOther')).toEqual(['otherRegency']);
    for (const w of ['admin', 'dinsosNoArea', ...FORGED] as Who[]) expect(seen(w)).toEqual([]);
  });

  it('let every office but the admin work tickets', () => {
    expect(answers(canWorkTickets)).toEqual(only(PAGE_MATRIX.inbox));
  });

  it('move a case only when it is of the area and the workflow gives the role that move', () => {
    const fresh = { kind: 'usulan' as const, status: 'diajukan', ...PLACES.ownRt };
    const verify = (w: Who, ticket = fresh, context = {}) =>
      canMoveCase(OFFICERS[w], ticket, VERIFIED_BY_RT_RW, context);
    expect(answers((o) => canMoveCase(o, fresh, VERIFIED_BY_RT_RW))).toEqual(only(['rt', 'dinsos']));
    // The kelurahan stands in for an RT/RW without an account, or overdue.
    expect(verify('kelurahan', fresh, { stepOfficeAbsent: 'no_account' })).toBe(true);
    expect(verify('kelurahan', fresh, { stepOfficeAbsent: 'overdue' })).toBe(true);
    // Another RT's case does not exist for the head; another regency's not for its Dinas Sosial.
    expect(verify('rt', { ...fresh, ...PLACES.otherRt })).toBe(false);
    expect(verify('dinsosOther')).toBe(false);
    // No move the workflow lacks, and none out of a closed case.
    expect(canMoveCase(OFFICERS.dinsos, fresh, 'ditetapkan')).toBe(false);
    expect(canMoveCase(OFFICERS.dinsos, { ...fresh, status: 'ditolak' }, VERIFIED_BY_RT_RW)).toBe(false);
    expect(canMoveCase(OFFICERS.dinsos, fresh, '__proto__')).toBe(false);
  });

  it('let the office above act for the step of the office below, and no one else', () => {
    const above = (step: Parameters<typeof canActAboveStep>[1]) =>
      every.filter((w) => canActAboveStep(OFFICERS[w], step));
    expect(above('rt_rw')).toEqual(['kelurahan']);
    for (const step of ['kelurahan', 'dinsos', 'admin', 'warga', null] as const)
      expect(above(step)).toEqual([]);
    expect(above('__proto__' as never)).toEqual([]);
  });

  it('make only a regency office the SLRT desk, and let the RT/RW head alone not filter by RT/RW', () => {
    expect(answers(canBeSlrtDesk)).toEqual(only(['dinsos', 'dinsosOther', 'dinsosNoArea']));
    expect(answers(canFilterByRtRw)).toEqual(
      only(['kelurahan', 'dinsos', 'dinsosOther', 'dinsosNoArea', 'admin', ...FORGED]),
    );
  });
});

// ── What each office keeps ──────────────────────────────────────────────────────────────────────

describe('the keeping permissions', () => {
  it('let the admin edit every template, a Dinas Sosial its own regency’s, nobody a shared one but the admin', () => {
    const template = (areaCode: string | null) => ({ areaCode });
    expect(answers((o) => canEditTemplate(o, template(null)))).toEqual(only(['admin']));
    expect(answers((o) => canEditTemplate(o, template(MOJOKERTO)))).toEqual(only(['dinsos', 'admin']));
    expect(answers((o) => canEditTemplate(o, template(SURABAYA)))).toEqual(only(['dinsosOther', 'admin']));
  });

  it('let the admin edit every program, a Dinas Sosial its own regency’s', () => {
    const program = (region_code: string | null) => ({ region_code });
    expect(answers((o) => canEditProgram(o, program(null)))).toEqual(only(['admin']));
    expect(answers((o) => canEditProgram(o, program(MOJOKERTO)))).toEqual(only(['dinsos', 'admin']));
    expect(answers((o) => canEditProgram(o, program(SURABAYA)))).toEqual(only(['dinsosOther', 'admin']));
  });

  it('keep things for the regency, or for the whole deployment (admin)', () => {
    expect(regencyKeptBy(OFFICERS.dinsos)).toBe(MOJOKERTO);
    expect(regencyKeptBy(OFFICERS.kelurahan)).toBe(MOJOKERTO);
    expect(regencyKeptBy(OFFICERS.admin)).toBeNull();
    expect(regencyKeptBy(OFFICERS.dinsosNoArea)).toBeNull();
  });

  it('export the ministry lists for a village or a regency; the reactivations and disputes the Dinas Sosial only', () => {
    expect(EXPORT_LISTS).toEqual(['ministry', 'reactivation', 'desil_dispute']);
    expect(answers((o) => canExport(o, 'ministry'))).toEqual(only(['kelurahan', 'dinsos', 'dinsosOther']));
    for (const list of ['reactivation', 'desil_dispute'] as const) {
      expect(answers((o) => canExport(o, list))).toEqual(only(['dinsos', 'dinsosOther']));
    }
    expect(answers((o) => canExport(o, '__proto__' as never))).toEqual(only([]));
    expect(answers(canSendToMinistry)).toEqual(only(['dinsos', 'dinsosOther']));
  });

  it('let a Dinas Sosial with its regency answer access requests, and an RT/RW head propose', () => {
    expect(answers(canAnswerAccessRequest)).toEqual(only(['dinsos', 'dinsosOther']));
    expect(answers(canProposeAsRtRw)).toEqual(only(['rt']));
  });
});

// ── The area rule the Musyawarah and the exports share ──────────────────────────────────────────

describe('the area rule for whole villages', () => {
  it('gives the kelurahan its village and the Dinas Sosial every village of its regency, never by a prefix alone', () => {
    const villagesOf = (regency: string) =>
      regency === MOJOKERTO ? [WATES, KRANGGAN] : regency === SURABAYA ? [SURABAYA_VILLAGE] : [];
    const covers = (w: Who) =>
      [WATES, KRANGGAN, SURABAYA_VILLAGE, MOJOKERTO, '35.761.01.1001', ''].filter((v) =>
        coversVillage(OFFICERS[w], v),
      );
    expect(covers('kelurahan')).toEqual([WATES]);
    expect(covers('dinsos')).toEqual([WATES, KRANGGAN]);
    expect(covers('dinsosOther')).toEqual([SURABAYA_VILLAGE]);
    for (const w of ['rt', 'admin', 'dinsosNoArea', ...FORGED] as Who[]) expect(covers(w)).toEqual([]);
    expect(villagesCovered(OFFICERS.kelurahan, villagesOf)).toEqual([WATES]);
    expect(villagesCovered(OFFICERS.dinsos, villagesOf)).toEqual([WATES, KRANGGAN]);
    expect(villagesCovered(OFFICERS.rt, villagesOf)).toEqual([]);
    expect(isWholeRegencyOf(OFFICERS.dinsos, MOJOKERTO)).toBe(true);
    expect(isWholeRegencyOf(OFFICERS.dinsos, WATES)).toBe(false);
    expect(isWholeRegencyOf(OFFICERS.kelurahan, WATES)).toBe(false);
  });

  it('lets an office hold the Musyawarah of exactly the villages it covers', () => {
    expect(answers((o) => canHoldMusyawarah(o, WATES))).toEqual(only(['kelurahan', 'dinsos']));
    expect(answers((o) => canHoldMusyawarah(o, KRANGGAN))).toEqual(only(['dinsos']));
    expect(answers((o) => canHoldMusyawarah(o, SURABAYA_VILLAGE))).toEqual(only(['dinsosOther']));
  });

  it('reads an unknown role as an office of no area', () => {
    for (const w of FORGED) expect(areaLevelOf(OFFICERS[w])).toBe('none');
  });
});

// ── The rule stays true: the source names roles and states in one place each ───────────────────

const ROOT = join(import.meta.dirname, '../..');
const filesUnder = (dir: string): string[] =>
  readdirSync(join(ROOT, dir)).flatMap((name) => {
    const path = join(dir, name);
    return statSync(join(ROOT, path)).isDirectory()
      ? filesUnder(path)
      : /\.(ts|astro)$/.test(name)
        ? [path]
        : [];
  });

const ROLE = `(?:rt_rw|kelurahan|dinsos|admin|warga)`;
/** A role literal compared: `=== 'dinsos'`, `'admin' !==`, `case 'rt_rw':`, a WHERE `'=', 'warga'`, a role list in a guard. */
const ROLE_COMPARISONS = [
  new RegExp(`[!=]==\\s*['"\`]${ROLE}['"\`]`),
  new RegExp(`['"\`]${ROLE}['"\`]\\s*[!=]==`),
  new RegExp(`case\\s+['"\`]${ROLE}['"\`]\\s*:`),
  new RegExp(`['"](?:=|!=|<>|in|not in)['"],\\s*\\[?\\s*['"]${ROLE}['"]`),
  /gate\(\s*Astro\s*,\s*\[/,
  new RegExp(
    `\\[\\s*['"]${ROLE}['"](?:\\s*,\\s*['"]${ROLE}['"])*\\s*\\]\\s*(?:as const\\s*)?\\)?\\.includes\\(`,
  ),
];
/** The files that may name roles: the permissions, the workflow table, the role type's own file. */
const ROLE_HOMES = new Set([
  'src/domain/backoffice/permissions.ts',
  'src/domain/tickets/workflow.ts',
  'src/domain/backoffice/officer.ts',
]);
/** Lines that compare the same word in another sense. */
const NOT_A_ROLE = [
  // The proposer type `rt_rw` (an RT/RW head proposing for a neighbour), not the office.
  /u\.proposer === 'rt_rw'/,
];

describe('where roles are named', () => {
  it('no page, API route or domain file compares a role literal outside permissions.ts', () => {
    const found: string[] = [];
    for (const file of ['src/pages', 'src/server', 'src/domain', 'src/layouts', 'src/components'].flatMap(
      filesUnder,
    )) {
      const path = relative(ROOT, join(ROOT, file));
      if (ROLE_HOMES.has(path)) continue;
      readFileSync(join(ROOT, file), 'utf8')
        .split('\n')
        .forEach((line, i) => {
          if (ROLE_COMPARISONS.some((re) => re.test(line)) && !NOT_A_ROLE.some((re) => re.test(line)))
            found.push(`${path}:${i + 1}: ${line.trim()}`);
        });
    }
    expect(found).toEqual([]);
  });

  it('the scan finds what it looks for', () => {
    const caught = (line: string) => ROLE_COMPARISONS.some((re) => re.test(line));
    for (const line of [
      "if (officer.role === 'dinsos') return;",
      "officer?.role !== 'rt_rw'",
      "case 'kelurahan':",
      ".where('t.responsible_role', '!=', 'warga')",
      "const checked = gate(Astro, ['admin']);",
      "['dinsos', 'admin'].includes(officer.role)",
      "'admin' === officer.role",
    ])
      expect({ line, caught: caught(line) }).toEqual({ line, caught: true });
    expect(caught("const checked = gate(Astro, 'accounts');")).toBe(false);
  });
});

const STATES = [...new Set<string>([...USULAN_STATES, ...SANGGAHAN_STATES, ...ADUAN_STATES])];
const STATE_LITERAL = new RegExp(`['"\`](${STATES.join('|')})['"\`]`, 'g');
/** The modules that ask about a case's stage: they ask the workflow table's named sets. */
const STAGE_READERS = [
  'src/domain/tickets/track-ticket.ts',
  'src/domain/tickets/resident-actions.ts',
  'src/pages/lacak.astro',
  'src/domain/backoffice/musyawarah.ts',
  'src/pages/petugas/musyawarah/index.astro',
  'src/pages/petugas/musyawarah/[id].astro',
  'src/domain/backoffice/inbox.ts',
  'src/pages/petugas/index.astro',
  'src/domain/backoffice/rt-proposals.ts',
  'src/domain/quality/quality-report.ts',
  'src/pages/petugas/ekspor.astro',
  ...filesUnder('src/domain/export'),
  ...filesUnder('src/domain/import'),
];
/** The same words in another sense, each counted: a new state literal beside them still fails. */
const NOT_A_STATE: Record<string, Record<string, number>> = {
  // CSV column names of the reactivation list ("filed", "finished").
  'src/domain/export/reactivation-export.ts': { diajukan: 1, selesai: 1 },
  // The export's scope `selesai` (finished disputes) in the form and the list of scopes.
  'src/domain/export/desil-dispute-export.ts': { selesai: 2 },
  // A reactivation's and a data request's outcome `ditolak` (refused), the words of reactivation.ts
  // and data-request.ts, not the usulan state.
  'src/pages/lacak.astro': { ditolak: 2 },
};

describe('where states are named', () => {
  it('the tracking page, the Musyawarah, the exports, the import and the inbox spell no workflow state', () => {
    const found: Record<string, Record<string, number>> = {};
    for (const file of STAGE_READERS) {
      // Comments may name a state to explain; the code may not.
      const text = readFileSync(join(ROOT, file), 'utf8')
        .split('\n')
        .filter((line) => !/^\s*(\/\/|\/\*|\*)/.test(line))
        .join('\n');
      for (const [, state] of text.matchAll(STATE_LITERAL)) {
        found[file] ??= {};
        found[file][state as string] = (found[file][state as string] ?? 0) + 1;
      }
    }
    expect(found).toEqual(NOT_A_STATE);
  });
});
