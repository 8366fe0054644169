// The data-quality report over one import, or over the whole register (the latest completed
// import of each program and period, and the memberships themselves). Each finding names its
// rule, the source lines, NIKs and households concerned, and a key that stays the same from one
// run to the next, so an officer's "confirmed" or "not a problem" sticks to it.
import { type Expression, type SqlBool, sql } from 'kysely';
import type { DomainDeps } from '../deps.ts';
import { parseKk, parseNik } from '../nik/nik.ts';
import { loadCatalogue } from '../program-profiles/catalogue.ts';
import { FLAGGED_FOR_REMOVAL } from '../tickets/workflow.ts';
import { type ExclusiveClash, exclusiveClashes, type HeldMembership } from './exclusive-programs.ts';
import { clusterNames, nameSimilarity, SAME_HOUSEHOLD_THRESHOLD, SAME_NIK_THRESHOLD } from './names.ts';

type Deps = Pick<DomainDeps, 'db' | 'regions' | 'now'>;

export const DEFECT_RULES = [
  'nik_invalid',
  'kk_invalid',
  'nik_district_mismatch',
  'nik_birth_date_mismatch',
  'nik_sex_mismatch',
  'duplicate_nik_period',
  'nik_two_households',
  'nik_two_names',
  'exclusive_programs',
  'desil_above_ceiling',
  'desil_missing',
  'desil_jump',
  'sanggahan_still_active',
  'name_variant',
  'rejected_row',
] as const;
export const CHANGE_RULES = [
  'period_added',
  'period_dropped',
  'period_amount_changed',
  'period_channel_changed',
] as const;
export type QualityRule = (typeof DEFECT_RULES)[number] | (typeof CHANGE_RULES)[number];
export const QUALITY_RULES: readonly QualityRule[] = [...DEFECT_RULES, ...CHANGE_RULES];

export interface Finding {
  key: string;
  rule: QualityRule;
  kind: 'defect' | 'change';
  lines: number[];
  niks: string[];
  householdIds: number[];
  /** Codes and values, no names: `program=BST period=2021-01 other=PKH 2021-Q1`. */
  detail: string;
  count: number;
  review: 'confirmed' | 'dismissed' | null;
}

export type QualityScope = { importId: number } | { all: true };

export interface QualityReport {
  scope: QualityScope;
  findings: Finding[];
  /** Per rule: findings, of which dismissed; every rule is listed, with zeros. */
  counts: Record<QualityRule, { findings: number; dismissed: number }>;
}

const ROW_PAGE = 5000;

/** Which import rows a report reads, resolved once: a condition on the rows, and the imports. */
interface Scoped {
  where(alias?: string): Expression<SqlBool>;
  /** Each import with its parts in scope (all of the import: undefined). */
  imports: { importId: number; parts?: ScopePart[] }[];
}

/** The rows of one import for one program and period, of some regencies only or (undefined) all. */
interface ScopePart {
  importId: number;
  program: string;
  period: string;
  regencies?: string[];
}

/**
 * The regency a row is about: its village's when the file gave one (`35.76.02.1010` → `35.76`),
 * else the one its NIK was issued in (`3576…` → `35.76`).
 */
const rowRegency = (alias: string) =>
  sql<string>`coalesce(substr(${sql.ref(`${alias}.village_code`)}, 1, 5), substr(${sql.ref(`${alias}.nik`)}, 1, 2) || '.' || substr(${sql.ref(`${alias}.nik`)}, 3, 2))`;

function partsCondition(parts: readonly ScopePart[], alias: string): Expression<SqlBool> {
  if (parts.length === 0) return sql<SqlBool>`1 = 0`;
  const ref = (column: string) => sql.ref(`${alias}.${column}`);
  // Rows of another program that the officer left out were never written into the register.
  return sql<SqlBool>`(${ref('included')} = 1 AND (${sql.join(
    parts.map((p) =>
      p.regencies === undefined
        ? sql`(${ref('import_id')} = ${p.importId} AND ${ref('program_code')} = ${p.program} AND ${ref('period')} = ${p.period})`
        : sql`(${ref('import_id')} = ${p.importId} AND ${ref('program_code')} = ${p.program} AND ${ref('period')} = ${p.period} AND ${rowRegency(alias)} IN (${sql.join(p.regencies)}))`,
    ),
    sql` OR `,
  )}))`;
}

/**
 * One import's rows, or the register's current lists: for each program, period and regency, the
 * latest completed import that brought rows of them (decision 0021). Two regencies' lists of the
 * same program and month are both current; a regency's newer list replaces only its own older
 * one. The latest imports are found once, and the rows are then asked for by those few keys: a
 * condition that looked the latest import up again for every row made the report quadratic in
 * the rows of a program-period (1,000,000² on PostgreSQL).
 */
async function resolveScope(deps: Deps, scope: QualityScope): Promise<Scoped> {
  if ('importId' in scope) {
    return {
      where: (alias = 'r') => sql<SqlBool>`${sql.ref(`${alias}.import_id`)} = ${scope.importId}`,
      imports: [{ importId: scope.importId }],
    };
  }
  const [present, done] = await Promise.all([
    sql<{ program_code: string; period: string; import_id: number; regency: string }>`
      SELECT r.program_code, r.period, r.import_id, ${rowRegency('r')} AS regency
      FROM import_rows r
      GROUP BY r.program_code, r.period, r.import_id, ${rowRegency('r')}`.execute(deps.db),
    deps.db.selectFrom('imports').select('id').where('phase', '=', 'applied').execute(),
  ]);
  const completed = new Set(done.map((d) => d.id));
  const latest = new Map<string, number>();
  const regenciesOf = new Map<string, string[]>();
  for (const row of present.rows) {
    const importId = Number(row.import_id);
    if (!completed.has(importId)) continue;
    const list = `${importId}\t${row.program_code}\t${row.period}`;
    regenciesOf.set(list, [...(regenciesOf.get(list) ?? []), row.regency]);
    const current = `${row.program_code}\t${row.period}\t${row.regency}`;
    if ((latest.get(current) ?? 0) < importId) latest.set(current, importId);
  }
  const parts: ScopePart[] = [];
  for (const [list, regencies] of regenciesOf) {
    const [id, program, period] = list.split('\t') as [string, string, string];
    const importId = Number(id);
    const kept = regencies.filter((r) => latest.get(`${program}\t${period}\t${r}`) === importId);
    if (kept.length === 0) continue;
    parts.push({ importId, program, period, regencies: kept.length === regencies.length ? undefined : kept });
  }
  const byImport = new Map<number, ScopePart[]>();
  for (const part of parts) byImport.set(part.importId, [...(byImport.get(part.importId) ?? []), part]);
  return {
    where: (alias = 'r') => partsCondition(parts, alias),
    imports: [...byImport.entries()]
      .sort(([a], [b]) => a - b)
      .map(([importId, of]) => ({ importId, parts: of })),
  };
}

interface ScopeRow {
  import_id: number;
  line: number;
  nik: string;
  kk: string;
  kk_given: number;
  name: string;
  birth_date: string | null;
  sex: string | null;
  village_code: string | null;
  program_code: string;
  period: string;
  amount: number;
  channel: string;
}

/** The report's passes, for a progress that counts what is really done (register-run.ts). */
export const REPORT_STEPS = 8;

export async function qualityReport(
  deps: Deps,
  scope: QualityScope,
  /** Heard after each pass over the register (REPORT_STEPS in all); may stop the run by throwing. */
  onStep: (done: number) => Promise<void> | void = () => {},
): Promise<QualityReport> {
  const findings: Finding[] = [];
  const add = (f: Omit<Finding, 'kind' | 'review' | 'count'> & { count?: number }) => {
    findings.push({
      ...f,
      kind: (CHANGE_RULES as readonly string[]).includes(f.rule) ? 'change' : 'defect',
      count: f.count ?? Math.max(f.lines.length, f.niks.length, f.householdIds.length, 1),
      review: null,
    });
  };
  const scoped = await resolveScope(deps, scope);
  const passes = [
    rowRules,
    duplicateRules,
    nameRules,
    householdRules,
    desilRules,
    desilJumpRules,
    periodChanges,
  ];
  for (const [i, pass] of passes.entries()) {
    await pass(deps, scoped, add);
    await onStep(i + 1);
  }
  if ('importId' in scope) await rejectionRules(deps, scope.importId, add);
  await onStep(REPORT_STEPS);

  const reviews = new Map<string, 'confirmed' | 'dismissed'>();
  for (let i = 0; i < findings.length; i += 500) {
    const keys = findings.slice(i, i + 500).map((f) => f.key);
    const rows = await deps.db
      .selectFrom('quality_reviews')
      .select(['finding_key', 'decision'])
      .where('finding_key', 'in', keys)
      .execute();
    for (const r of rows) reviews.set(r.finding_key, r.decision);
  }
  for (const f of findings) f.review = reviews.get(f.key) ?? null;
  findings.sort(
    (a, b) =>
      QUALITY_RULES.indexOf(a.rule) - QUALITY_RULES.indexOf(b.rule) || (a.lines[0] ?? 0) - (b.lines[0] ?? 0),
  );
  return { scope, findings, counts: countFindings(findings) };
}

/** Per rule: findings, of which dismissed; every rule is listed, with zeros. */
export function countFindings(findings: readonly Finding[]): QualityReport['counts'] {
  const counts = Object.fromEntries(
    QUALITY_RULES.map((r) => [r, { findings: 0, dismissed: 0 }]),
  ) as QualityReport['counts'];
  for (const f of findings) {
    counts[f.rule].findings++;
    if (f.review === 'dismissed') counts[f.rule].dismissed++;
  }
  return counts;
}

type Add = (f: Omit<Finding, 'kind' | 'review' | 'count'> & { count?: number }) => void;

/** Rules that one row shows alone: the NIK and KK themselves, and the NIK against the row. */
async function rowRules(deps: Deps, scoped: Scoped, add: Add) {
  const today = deps.now();
  for (const { importId, parts } of scoped.imports) {
    // Pages by line within one import: the primary key's range, never a rescan.
    let after = 0;
    for (;;) {
      const page = await deps.db
        .selectFrom('import_rows as r')
        .select(['r.line', 'r.nik', 'r.kk', 'r.kk_given', 'r.birth_date', 'r.sex', 'r.village_code'])
        .where('r.import_id', '=', importId)
        .where('r.line', '>', after)
        .$if(parts !== undefined, (q) => q.where(partsCondition(parts ?? [], 'r')))
        .orderBy('r.line')
        .limit(ROW_PAGE)
        .execute();
      if (page.length === 0) break;
      checkRows(deps, page, today, add);
      after = (page[page.length - 1] as { line: number }).line;
    }
  }
}

function checkRows(
  deps: Deps,
  page: Pick<ScopeRow, 'line' | 'nik' | 'kk' | 'kk_given' | 'birth_date' | 'sex' | 'village_code'>[],
  today: Date,
  add: Add,
) {
  for (const row of page) {
    const where = { lines: [row.line], niks: [row.nik], householdIds: [] };
    const nik = parseNik(row.nik, deps.regions.districtExists, today);
    if (!nik.ok) add({ ...where, key: `nik_invalid:${row.nik}`, rule: 'nik_invalid', detail: nik.rule });
    if (row.kk_given) {
      const kk = parseKk(row.kk, deps.regions.districtExists);
      if (!kk.ok) add({ ...where, key: `kk_invalid:${row.kk}`, rule: 'kk_invalid', detail: kk.rule });
    }
    if (!nik.ok) continue;
    const issued = deps.regions.districtOfIssue(nik.value.districtCode)?.code;
    if (row.village_code && issued && row.village_code.slice(0, 8) !== issued) {
      add({
        ...where,
        key: `nik_district_mismatch:${row.nik}`,
        rule: 'nik_district_mismatch',
        detail: `nik=${issued} alamat=${row.village_code.slice(0, 8)}`,
      });
    }
    if (row.birth_date && row.birth_date !== nik.value.birthDate) {
      add({
        ...where,
        key: `nik_birth_date_mismatch:${row.nik}`,
        rule: 'nik_birth_date_mismatch',
        detail: `nik=${nik.value.birthDate} baris=${row.birth_date}`,
      });
    }
    if (row.sex && row.sex !== nik.value.sex) {
      add({
        ...where,
        key: `nik_sex_mismatch:${row.nik}`,
        rule: 'nik_sex_mismatch',
        detail: `nik=${nik.value.sex} baris=${row.sex}`,
      });
    }
  }
}

/** The same NIK twice in one program and period; a NIK listed with another KK than its household's. */
async function duplicateRules(deps: Deps, scoped: Scoped, add: Add) {
  // The lines of every repeated NIK in one statement: a query per repeated NIK, with the scope's
  // condition beside the NIK's, was planned on SQLite as a scan of the whole program-period each
  // time (36 s of CPU on 1,000,000 rows with 167 repeats).
  const repeated = deps.db
    .selectFrom('import_rows as r')
    .select(['r.nik', 'r.program_code', 'r.period'])
    .where(scoped.where())
    .groupBy(['r.nik', 'r.program_code', 'r.period'])
    .having(sql<SqlBool>`count(*) > 1`)
    .as('g');
  const lines = await deps.db
    .selectFrom('import_rows as r')
    .innerJoin(repeated, (join) =>
      join
        .onRef('g.nik', '=', 'r.nik')
        .onRef('g.program_code', '=', 'r.program_code')
        .onRef('g.period', '=', 'r.period'),
    )
    .select(['r.nik', 'r.program_code', 'r.period', 'r.line'])
    .where(scoped.where())
    .orderBy('r.nik')
    .orderBy('r.program_code')
    .orderBy('r.period')
    .orderBy('r.line')
    .execute();
  const groups = new Map<string, typeof lines>();
  for (const row of lines) {
    const key = `${row.nik}:${row.program_code}:${row.period}`;
    groups.set(key, [...(groups.get(key) ?? []), row]);
  }
  for (const [key, rows] of groups) {
    const first = rows[0] as (typeof rows)[number];
    add({
      key: `duplicate_nik_period:${key}`,
      rule: 'duplicate_nik_period',
      lines: rows.map((l) => l.line),
      niks: [first.nik],
      householdIds: [],
      detail: `program=${first.program_code} periode=${first.period} kali=${rows.length}`,
    });
  }
  const elsewhere = await deps.db
    .selectFrom('import_rows as r')
    .innerJoin('household_members as m', 'm.nik', 'r.nik')
    .innerJoin('households as h', 'h.id', 'm.household_id')
    .select(['r.line', 'r.nik', 'r.kk', 'h.kk as registered_kk', 'h.id as household_id'])
    .where(scoped.where())
    .where('r.kk_given', '=', 1)
    .whereRef('h.kk', '<>', 'r.kk')
    .orderBy('r.line')
    .execute();
  const byNik = new Map<string, typeof elsewhere>();
  for (const row of elsewhere) byNik.set(row.nik, [...(byNik.get(row.nik) ?? []), row]);
  for (const [nik, rows] of byNik) {
    add({
      key: `nik_two_households:${nik}`,
      rule: 'nik_two_households',
      lines: rows.map((r) => r.line),
      niks: [nik],
      householdIds: [...new Set(rows.map((r) => r.household_id))],
      detail: `kk_terdaftar=${rows[0]?.registered_kk} kk_baris=${[...new Set(rows.map((r) => r.kk))].join('/')}`,
    });
  }
}

/**
 * Spellings of one name: rows of the same NIK (with the register's spelling), and rows of the same
 * KK and birth date under different NIKs, clustered transitively by Jaro–Winkler.
 */
async function nameRules(deps: Deps, scoped: Scoped, add: Add) {
  const niks = await deps.db
    .selectFrom('import_rows as r')
    .leftJoin('household_members as m', 'm.nik', 'r.nik')
    .select('r.nik')
    .where(scoped.where())
    .groupBy('r.nik')
    .having(
      sql<SqlBool>`count(DISTINCT r.name) > 1 OR sum(CASE WHEN m.name IS NOT NULL AND m.name <> r.name THEN 1 ELSE 0 END) > 0`,
    )
    .execute();
  for (let i = 0; i < niks.length; i += 500) {
    const chunk = niks.slice(i, i + 500).map((n) => n.nik);
    const rows = await deps.db
      .selectFrom('import_rows as r')
      .select(['r.nik', 'r.name', 'r.line'])
      .where(scoped.where())
      .where('r.nik', 'in', chunk)
      .orderBy('r.line')
      .execute();
    const registered = await deps.db
      .selectFrom('household_members')
      .select(['nik', 'name'])
      .where('nik', 'in', chunk)
      .execute();
    for (const nik of chunk) {
      const spellings = [
        ...rows.filter((r) => r.nik === nik).map((r) => ({ name: r.name, line: r.line as number | null })),
        ...registered.filter((r) => r.nik === nik).map((r) => ({ name: r.name, line: null })),
      ];
      const clusters = clusterNames(spellings, (s) => s.name, SAME_NIK_THRESHOLD);
      const lines = [...new Set(spellings.flatMap((s) => (s.line === null ? [] : [s.line])))];
      if (clusters.length > 0) {
        add({
          key: `name_variant:${nik}`,
          rule: 'name_variant',
          lines,
          niks: [nik],
          householdIds: [],
          detail: `ejaan=${clusters.map((c) => new Set(c.map((s) => s.name)).size).join('+')} jw=${similarityOf(clusters[0] ?? [])}`,
        });
      } else if (new Set(spellings.map((s) => s.name.toUpperCase())).size > 1) {
        add({
          key: `nik_two_names:${nik}`,
          rule: 'nik_two_names',
          lines,
          niks: [nik],
          householdIds: [],
          detail: `nama_berbeda=${new Set(spellings.map((s) => s.name.toUpperCase())).size}`,
        });
      }
    }
  }

  const shared = await deps.db
    .selectFrom('import_rows as r')
    .select(['r.kk', 'r.birth_date'])
    .where(scoped.where())
    .where('r.kk_given', '=', 1)
    .where('r.birth_date', 'is not', null)
    .groupBy(['r.kk', 'r.birth_date'])
    .having(sql<SqlBool>`count(DISTINCT r.nik) > 1`)
    .execute();
  for (const group of shared) {
    const rows = await deps.db
      .selectFrom('import_rows as r')
      .select(['r.nik', 'r.name', 'r.line'])
      .where(scoped.where())
      .where('r.kk', '=', group.kk)
      .where('r.birth_date', '=', group.birth_date)
      .orderBy('r.line')
      .execute();
    for (const cluster of clusterNames(rows, (r) => r.name, SAME_HOUSEHOLD_THRESHOLD)) {
      const clusterNiks = [...new Set(cluster.map((r) => r.nik))].sort();
      if (clusterNiks.length < 2) continue;
      add({
        key: `name_variant:${group.kk}:${group.birth_date}:${clusterNiks.join('+')}`,
        rule: 'name_variant',
        lines: cluster.map((r) => r.line),
        niks: clusterNiks,
        householdIds: [],
        detail: `kk_dan_tanggal_lahir_sama nik=${clusterNiks.length} jw=${similarityOf(cluster)}`,
      });
    }
  }
}

/**
 * Programs that take households up to a desil (`programs.desil_ceiling`, decision 0027): a
 * recipient whose desil is above the ceiling, one by one; and recipients with no desil at all, a
 * finding per program, period and village (a list without a desil column would otherwise make
 * one per row). A row's desil is the list's when it gave one, else the register's.
 */
async function desilRules(deps: Deps, scoped: Scoped, add: Add) {
  // "Belum Ada Desil" is staged as 0 (run-import.ts): no desil, as the register will hold it.
  const desil = sql<number | null>`nullif(coalesce(r.desil, h.desil), 0)`;
  const desilBased = deps.db
    .selectFrom('import_rows as r')
    .innerJoin('programs as p', 'p.code', 'r.program_code')
    .leftJoin('households as h', 'h.kk', 'r.kk')
    .where('p.desil_ceiling', 'is not', null)
    .where(scoped.where());
  const above = await desilBased
    .select(['r.line', 'r.nik', 'r.program_code', 'r.period', 'p.desil_ceiling', 'h.id as household_id'])
    .select(desil.as('desil'))
    .where(sql<SqlBool>`${desil} > p.desil_ceiling`)
    .orderBy('r.import_id')
    .orderBy('r.line')
    .execute();
  for (const row of above) {
    add({
      key: `desil_above_ceiling:${row.program_code}:${row.period}:${row.nik}`,
      rule: 'desil_above_ceiling',
      lines: [row.line],
      niks: [row.nik],
      householdIds: row.household_id === null ? [] : [row.household_id],
      detail: `program=${row.program_code} periode=${row.period} desil=${row.desil} batas=${row.desil_ceiling}`,
    });
  }
  const village = sql<string | null>`coalesce(r.village_code, h.village_code)`;
  const missing = await desilBased
    .select(['r.program_code', 'r.period'])
    .select((eb) => [
      village.as('village'),
      eb.fn.countAll<number>().as('rows'),
      eb.fn.min('r.line').as('first_line'),
      // One NIK of the group, so the finding has a regency to belong to (finding-area.ts).
      eb.fn.min('r.nik').as('a_nik'),
    ])
    .where(sql<SqlBool>`${desil} IS NULL`)
    .groupBy(['r.program_code', 'r.period', village])
    .orderBy('first_line')
    .execute();
  for (const group of missing) {
    add({
      key: `desil_missing:${group.program_code}:${group.period}:${group.village ?? '-'}`,
      rule: 'desil_missing',
      lines: [Number(group.first_line)],
      niks: group.a_nik === null ? [] : [group.a_nik],
      householdIds: [],
      count: Number(group.rows),
      detail: `program=${group.program_code} periode=${group.period} desa=${group.village ?? '-'} baris=${group.rows}`,
    });
  }
}

/**
 * A desil moved by more than two steps from one list to the next (`household_desil_changes`): a
 * household does not usually change that much in a quarter, and such a move is what residents
 * complain about most (issue 19). Read for the lists in scope, one finding per household and list.
 */
async function desilJumpRules(deps: Deps, scoped: Scoped, add: Add) {
  const ids = scoped.imports.map((i) => i.importId);
  if (ids.length === 0) return;
  const jumps = await deps.db
    .selectFrom('household_desil_changes as c')
    .innerJoin('households as h', 'h.id', 'c.household_id')
    .select((eb) => [
      'c.household_id',
      'c.import_id',
      'c.from_desil',
      'c.to_desil',
      // The list's row of that household, for its line and NIK.
      eb
        .selectFrom('import_rows as r')
        .select((re) => re.fn.min('r.line').as('line'))
        .whereRef('r.import_id', '=', 'c.import_id')
        .whereRef('r.kk', '=', 'h.kk')
        .as('line'),
      eb
        .selectFrom('import_rows as r')
        .select((re) => re.fn.min('r.nik').as('nik'))
        .whereRef('r.import_id', '=', 'c.import_id')
        .whereRef('r.kk', '=', 'h.kk')
        .as('nik'),
    ])
    .where('c.import_id', 'in', ids)
    .where('c.from_desil', 'is not', null)
    .where('c.to_desil', 'is not', null)
    .where(sql<SqlBool>`abs(c.to_desil - c.from_desil) > 2`)
    .orderBy('c.id')
    .execute();
  for (const jump of jumps) {
    add({
      key: `desil_jump:${jump.household_id}:${jump.import_id}`,
      rule: 'desil_jump',
      lines: jump.line === null ? [] : [Number(jump.line)],
      niks: jump.nik === null ? [] : [jump.nik],
      householdIds: [jump.household_id],
      detail: `desil=${jump.from_desil}→${jump.to_desil}`,
    });
  }
}

function similarityOf(cluster: readonly { name: string }[]): string {
  let lowest = 1;
  for (let i = 0; i < cluster.length; i++) {
    for (let j = i + 1; j < cluster.length; j++) {
      lowest = Math.min(
        lowest,
        nameSimilarity((cluster[i] as { name: string }).name, (cluster[j] as { name: string }).name),
      );
    }
  }
  return lowest.toFixed(3);
}

/** Households in scope: those whose KK the scope's rows name. */
function householdsInScope(deps: Deps, scoped: Scoped) {
  return deps.db
    .selectFrom('import_rows as r')
    .innerJoin('households as h', 'h.kk', 'r.kk')
    .select('h.id')
    .where(scoped.where())
    .distinct();
}

/**
 * Programs that exclude each other (each profile's `excludes`, read once per run), and a proven
 * sanggahan whose household is still paid.
 */
async function householdRules(deps: Deps, scoped: Scoped, add: Add) {
  const catalogue = await loadCatalogue(deps.db);
  const excludes = new Map(
    catalogue.programs.filter((p) => p.excludes.length > 0).map((p) => [p.code, p.excludes]),
  );
  const involved = [...new Set([...excludes.keys(), ...[...excludes.values()].flat()])];
  const held =
    excludes.size === 0
      ? []
      : await deps.db
          .selectFrom('program_memberships as b')
          .innerJoin('households as h', 'h.id', 'b.household_id')
          .select(['b.household_id', 'h.kk'])
          .where('b.program_code', 'in', [...excludes.keys()])
          .where('b.status', '<>', 'suspended')
          .where('b.household_id', 'in', householdsInScope(deps, scoped))
          .groupBy(['b.household_id', 'h.kk'])
          .orderBy('b.household_id')
          .execute();
  for (let i = 0; i < held.length; i += 500) {
    const chunk = held.slice(i, i + 500);
    const memberships = await deps.db
      .selectFrom('program_memberships')
      .select(['household_id', 'program_code', 'period'])
      .where('program_code', 'in', involved)
      .where('status', '<>', 'suspended')
      .where(
        'household_id',
        'in',
        chunk.map((c) => c.household_id),
      )
      .execute();
    const byHousehold = new Map<number, HeldMembership[]>();
    for (const m of memberships) {
      const list = byHousehold.get(m.household_id) ?? [];
      list.push({ program: m.program_code, period: m.period });
      byHousehold.set(m.household_id, list);
    }
    for (const household of chunk) {
      // One finding per household and period of the excluding program, as an officer reviews it.
      const byKey = new Map<string, ExclusiveClash[]>();
      for (const clash of exclusiveClashes(byHousehold.get(household.household_id) ?? [], excludes)) {
        const key = `exclusive_programs:${household.household_id}:${clash.held.period}`;
        byKey.set(key, [...(byKey.get(key) ?? []), clash]);
      }
      for (const [key, clashes] of byKey) {
        const lines = await linesOf(
          deps,
          scoped,
          household.kk,
          clashes.flatMap((c) => [c.held, ...c.with].map((m) => [m.program, m.period] as [string, string])),
        );
        add({
          key,
          rule: 'exclusive_programs',
          lines: [...new Set(lines.map((l) => l.line))],
          niks: [...new Set(lines.map((l) => l.nik))],
          householdIds: [household.household_id],
          detail: clashes
            .map((c) => [c.held, ...c.with].map((m) => `${m.program} ${m.period}`).join(' + '))
            .join('; '),
        });
      }
    }
  }

  const proven = await deps.db
    .selectFrom('tickets as t')
    .innerJoin('households as h', 'h.id', 't.household_id')
    .select(['t.id', 't.household_id', 't.topic', 't.closed_at', 't.updated_at', 'h.kk'])
    .where('t.kind', '=', 'sanggahan')
    .where('t.status', 'in', FLAGGED_FOR_REMOVAL)
    .where('t.household_id', 'in', householdsInScope(deps, scoped))
    .execute();
  for (const ticket of proven) {
    const decided = String(ticket.closed_at ?? ticket.updated_at).slice(0, 7);
    const memberships = await deps.db
      .selectFrom('program_memberships')
      .select(['program_code', 'period'])
      .where('household_id', '=', ticket.household_id as number)
      .where('status', '<>', 'suspended')
      .execute();
    const after = memberships.filter((m) => monthOf(m.period) >= decided);
    if (after.length === 0) continue;
    const lines = await linesOf(
      deps,
      scoped,
      ticket.kk,
      after.map((m) => [m.program_code, m.period]),
    );
    add({
      key: `sanggahan_still_active:${ticket.id}`,
      rule: 'sanggahan_still_active',
      lines: lines.map((l) => l.line),
      niks: [...new Set(lines.map((l) => l.nik))],
      householdIds: [ticket.household_id as number],
      detail: `alasan=${ticket.topic ?? '-'} terbukti=${decided} masih=${after.map((m) => `${m.program_code} ${m.period}`).join(',')}`,
    });
  }
}

/** The last month of a period: a quarter counts from its end. */
function monthOf(period: string): string {
  const q = /^(\d{4})-Q([1-4])$/.exec(period);
  return q ? `${q[1]}-${String(Number(q[2]) * 3).padStart(2, '0')}` : period;
}

async function linesOf(deps: Deps, scoped: Scoped, kk: string, pairs: [string, string][]) {
  if (pairs.length === 0) return [];
  return deps.db
    .selectFrom('import_rows as r')
    .select(['r.line', 'r.nik'])
    .where(scoped.where())
    .where('r.kk', '=', kk)
    .where((eb) =>
      eb.or(pairs.map(([p, period]) => eb.and([eb('r.program_code', '=', p), eb('r.period', '=', period)]))),
    )
    .orderBy('r.line')
    .execute();
}

/**
 * What changed since the previous period of the same program, per village: households added,
 * dropped (with the reason recorded when their membership ended), amount or channel changed.
 * Read from the two periods' memberships (listed now, and listed then but not now), not from
 * every household: a province's register is far larger than one program's list.
 */
async function periodChanges(deps: Deps, scoped: Scoped, add: Add) {
  const listed = await deps.db
    .selectFrom('import_rows as r')
    .select(['r.program_code', 'r.period'])
    .where(scoped.where())
    .distinct()
    .execute();
  for (const { program_code: program, period } of listed) {
    const previous = await deps.db
      .selectFrom('program_memberships')
      .select((eb) => eb.fn.max('period').as('period'))
      .where('program_code', '=', program)
      .where('period', '<', period)
      .executeTakeFirst();
    const last = previous?.period;
    if (!last) continue;
    const rows = await sql<{
      household_id: number;
      village_code: string;
      now_amount: number | null;
      now_channel: string | null;
      then_amount: number | null;
      then_channel: string | null;
      reason: string | null;
    }>`
      WITH villages AS (
        SELECT DISTINCT h2.village_code FROM import_rows r JOIN households h2 ON h2.kk = r.kk
        WHERE ${scoped.where()} AND r.program_code = ${program} AND r.period = ${period})
      SELECT h.id AS household_id, h.village_code,
        n.amount AS now_amount, n.channel AS now_channel, p.amount AS then_amount, p.channel AS then_channel,
        e.reason
      FROM program_memberships n
      JOIN households h ON h.id = n.household_id
      LEFT JOIN program_memberships p ON p.household_id = n.household_id AND p.program_code = ${program} AND p.period = ${last}
      LEFT JOIN membership_endings e ON e.household_id = n.household_id AND e.program_code = ${program} AND e.period = ${period}
      WHERE n.program_code = ${program} AND n.period = ${period}
        AND (p.id IS NULL OR n.amount <> p.amount OR n.channel <> p.channel)
        AND h.village_code IN (SELECT village_code FROM villages)
      UNION ALL
      SELECT h.id AS household_id, h.village_code,
        NULL AS now_amount, NULL AS now_channel, p.amount AS then_amount, p.channel AS then_channel,
        e.reason
      FROM program_memberships p
      JOIN households h ON h.id = p.household_id
      LEFT JOIN program_memberships n ON n.household_id = p.household_id AND n.program_code = ${program} AND n.period = ${period}
      LEFT JOIN membership_endings e ON e.household_id = p.household_id AND e.program_code = ${program} AND e.period = ${period}
      WHERE p.program_code = ${program} AND p.period = ${last} AND n.id IS NULL
        AND h.village_code IN (SELECT village_code FROM villages)
      ORDER BY village_code, household_id`.execute(deps.db);
    const groups = new Map<string, { households: number[]; reasons: Set<string> }>();
    for (const row of rows.rows) {
      const kinds: QualityRule[] = [];
      if (row.then_amount === null) kinds.push('period_added');
      else if (row.now_amount === null) kinds.push('period_dropped');
      else {
        if (Number(row.now_amount) !== Number(row.then_amount)) kinds.push('period_amount_changed');
        if (row.now_channel !== row.then_channel) kinds.push('period_channel_changed');
      }
      for (const kind of kinds) {
        const key = `${kind}|${row.village_code}`;
        const group = groups.get(key) ?? { households: [], reasons: new Set<string>() };
        group.households.push(row.household_id);
        if (kind === 'period_dropped') group.reasons.add(row.reason ?? 'belum_dicatat');
        groups.set(key, group);
      }
    }
    for (const [key, group] of groups) {
      const [rule, village] = key.split('|') as [QualityRule, string];
      add({
        key: `${rule}:${program}:${period}:${village}`,
        rule,
        lines: [],
        niks: [],
        householdIds: group.households,
        count: group.households.length,
        detail: `program=${program} ${last}→${period} desa=${village}${group.reasons.size ? ` alasan=${[...group.reasons].sort().join('/')}` : ''}`,
      });
    }
  }
}

const rejectionKeyOf = (importId: number) => `import${importId}:`;

/** Whether a finding is a row of the import's file that the importer refused (its cells only). */
export const isRejectedRowFinding = (finding: Finding, importId: number) =>
  finding.key.slice(finding.key.indexOf(':') + 1).startsWith(rejectionKeyOf(importId));

/** Rows the importer could not store are findings too: the officer sees every defect in one place. */
async function rejectionRules(deps: Deps, importId: number, add: Add) {
  let after = 0;
  for (;;) {
    const page = await deps.db
      .selectFrom('import_rejections')
      .select(['id', 'line', 'column_name', 'reason', 'cells'])
      .where('import_id', '=', importId)
      .where('id', '>', after)
      .orderBy('id')
      .limit(ROW_PAGE)
      .execute();
    if (page.length === 0) return;
    for (const r of page) {
      let nik = '';
      try {
        const cells = JSON.parse(r.cells) as { nik?: unknown };
        nik = typeof cells.nik === 'string' ? cells.nik : '';
      } catch {
        nik = '';
      }
      const rule: QualityRule = r.reason.startsWith('nik_')
        ? 'nik_invalid'
        : r.reason.startsWith('kk_')
          ? 'kk_invalid'
          : 'rejected_row';
      add({
        key: `${rule}:${rejectionKeyOf(importId)}${r.line}:${r.column_name}`,
        rule,
        lines: [r.line],
        niks: nik ? [nik] : [],
        householdIds: [],
        detail: `ditolak kolom=${r.column_name} alasan=${r.reason}`,
      });
    }
    after = page[page.length - 1]?.id ?? after;
  }
}
