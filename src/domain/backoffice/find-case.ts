// Finding a case from what a resident at the SLRT desk can tell (issue 20): the ticket number, or a
// part of it, their NIK or KK, their phone number, or their name. What the one search box holds is
// read from its shape; the search never leaves the officer's area (scope.ts), and a search by a
// person's number or name is a view of personal data, audited as such (never with what was typed).
import { readJsonText } from '../../db/engine.ts';
import type { DomainDeps } from '../deps.ts';
import { nameSearchKey } from '../names/person-name.ts';
import { normaliseReference, REFERENCE_ALPHABET } from '../tickets/reference.ts';
import { TICKET_KINDS } from '../tickets/workflow.ts';
import { recordAudit } from './audit.ts';
import type { Officer } from './officer.ts';
import { scopeWhere, villagesUnder } from './scope.ts';
import { niksIn, subjectsOf } from './viewer-log.ts';

/** Longer than any name or number a person gives; anything beyond is not a search. */
export const CASE_QUERY_MAX = 100;
/** The least of a ticket code that narrows to a few cases out of 30⁸. */
export const REFERENCE_PART_MIN = 4;
export const NAME_MIN_LETTERS = 3;
/** At most this many cases are listed for one search: enough for a common name, a page at a time. */
export const FOUND_MAX = 200;
/**
 * A name is compared in the application, not in SQL (accents, apostrophes and case do not fold
 * alike on both engines), over this many of the area's newest submissions at most.
 */
export const NAME_SCAN_MAX = 20_000;
const NAME_SCAN_BATCH = 2_000;

export type CaseQuery =
  | { kind: 'reference'; exact: string }
  | { kind: 'reference'; prefix: string | null; part: string }
  | { kind: 'number'; digits: string }
  | { kind: 'phone'; national: string }
  | { kind: 'name'; key: string };

export type CaseQueryReading = { ok: true; query: CaseQuery } | { ok: false; problem: string };

/** What was searched, as the audit log says it: never the text itself. */
export type SearchKind = 'reference' | 'nik' | 'kk' | 'phone' | 'name';

export interface FoundCases {
  kind: SearchKind;
  ticketIds: number[];
  /** More cases matched than FOUND_MAX: the newest are listed. */
  more: boolean;
  /** The name search stopped at NAME_SCAN_MAX submissions: older ones were not read. */
  scanLimited?: boolean;
}

const CODE_CHAR = new RegExp(`^[${REFERENCE_ALPHABET}]+$`);
const PREFIXED = /^(USL|SGH|ADU)[\s-]*(.*)$/;
const PHONE = /^(?:\+62|62|0)(8\d{7,11})$/;

/** Accents and marks dropped after the shared name key: `NUR’AÏNI` and `Nur'aini` are one key. */
export function caseNameKey(text: string): string {
  return nameSearchKey(text.normalize('NFD').replace(/\p{M}/gu, '')).normalize('NFC');
}

/** Reads the search box: which kind of search, or the message for the field. */
export function readCaseQuery(raw: string): CaseQueryReading {
  const text = raw.normalize('NFKC').trim();
  if (text === '') return { ok: false, problem: 'bo.find.empty' };
  if (text.length > CASE_QUERY_MAX) return { ok: false, problem: 'bo.find.too_long' };

  const compact = text.replace(/[\s().-]/g, '');
  if (/^\d{16}$/.test(compact)) return { ok: true, query: { kind: 'number', digits: compact } };
  const phone = PHONE.exec(compact);
  if (phone?.[1]) return { ok: true, query: { kind: 'phone', national: phone[1] } };

  const exact = normaliseReference(text);
  if (exact) return { ok: true, query: { kind: 'reference', exact } };
  const upper = compact.toUpperCase();
  const prefixed = PREFIXED.exec(text.toUpperCase());
  // A prefix counts when a dash or space follows it, or the rest is code-like with a digit:
  // `ADUNG` is a name, `ADU-7K3M` and `ADU7K3M` are tickets.
  if (prefixed) {
    const part = (prefixed[2] ?? '').replace(/[\s-]/g, '');
    const separated = text.length > 3 && /[\s-]/.test(text[3] ?? '');
    if (separated || (CODE_CHAR.test(part) && /\d/.test(part))) {
      if (part === '' || !CODE_CHAR.test(part)) return { ok: false, problem: 'bo.find.reference_shape' };
      if (part.length < REFERENCE_PART_MIN) return { ok: false, problem: 'bo.find.reference_short' };
      return { ok: true, query: { kind: 'reference', prefix: prefixed[1] ?? null, part } };
    }
  }
  // A code without its prefix: letters of the alphabet with a digit among them (`7K3M`);
  // letters alone are more likely a name (`MAYA`).
  if (CODE_CHAR.test(upper) && /\d/.test(upper) && upper.length <= 8) {
    if (upper.length < REFERENCE_PART_MIN) return { ok: false, problem: 'bo.find.reference_short' };
    return { ok: true, query: { kind: 'reference', prefix: null, part: upper } };
  }
  if (/^[\d+]+$/.test(compact)) return { ok: false, problem: 'bo.find.number_shape' };

  // A name: letters first, then letters, marks, spaces and what names carry.
  if (/^\p{L}[\p{L}\p{M}\s.'‘’‛`´ʹʻʼʽ′＇-]*$/u.test(text)) {
    const key = caseNameKey(text);
    if ((key.match(/\p{L}/gu) ?? []).length < NAME_MIN_LETTERS)
      return { ok: false, problem: 'bo.find.name_short' };
    return { ok: true, query: { kind: 'name', key } };
  }
  return { ok: false, problem: 'bo.find.unrecognised' };
}

/**
 * How `ticket_submissions.reference` is compared for a reference query: a whole one by the unique
 * index, a part by LIKE (its characters are the code alphabet's: none is a LIKE wildcard).
 */
export function referenceMatch(query: Extract<CaseQuery, { kind: 'reference' }>): {
  op: '=' | 'like';
  value: string;
} {
  return 'exact' in query
    ? { op: '=', value: query.exact }
    : { op: 'like', value: `${query.prefix ? `${query.prefix}-` : ''}%${query.part}%` };
}

type Deps = Pick<DomainDeps, 'db' | 'regions' | 'secret' | 'now'>;

/**
 * The cases of the officer's area the query finds, most recent first, at most FOUND_MAX; a search
 * by NIK, KK, phone or name is recorded in the audit log with its kind and count.
 */
export async function findCases(
  deps: Deps,
  officer: Officer,
  query: CaseQuery,
  clientAddress: string | null,
): Promise<FoundCases> {
  const found = await search(deps, officer, query);
  if (found.kind !== 'reference')
    await recordAudit(deps, {
      actor: officer,
      action: 'case_search',
      clientAddress,
      detail: { kind: found.kind, found: found.ticketIds.length },
      ...(found.kind === 'nik' && query.kind === 'number'
        ? { subjects: subjectsOf(deps.secret, [query.digits]) }
        : {}),
    });
  return found;
}

function inArea(deps: Deps, officer: Officer) {
  const scope = scopeWhere(officer, villagesUnder(deps.regions));
  return deps.db.selectFrom('tickets as t').where(scope);
}

/**
 * Of these tickets, those in the officer's area. The text searches first find the few submissions
 * that hold the number or code in the whole table (one sequential pass, or the reference index),
 * then keep those in the area: driven from the area, a Dinas Sosial's 100,000 cases cost one index
 * lookup each (a NIK: 1.1 s against 0.2 s on SQLite, tests/bench/find-case.ts). Nothing outside the area
 * is returned either way.
 */
async function keepInArea(deps: Deps, officer: Officer, ticketIds: readonly number[]): Promise<Set<number>> {
  const kept = new Set<number>();
  const ids = [...new Set(ticketIds)];
  for (let i = 0; i < ids.length; i += 500) {
    const rows = await inArea(deps, officer)
      .select('t.id')
      .where('t.id', 'in', ids.slice(i, i + 500))
      .execute();
    for (const row of rows) kept.add(row.id);
  }
  return kept;
}

/** The submissions a text search reads at most before the area is checked: a bound, not a limit met in use. */
const TEXT_MATCH_MAX = 10_000;

function newestFirst(ids: Iterable<number>): { ticketIds: number[]; more: boolean } {
  const sorted = [...new Set(ids)].sort((a, b) => b - a);
  return { ticketIds: sorted.slice(0, FOUND_MAX), more: sorted.length > FOUND_MAX };
}

async function search(deps: Deps, officer: Officer, query: CaseQuery): Promise<FoundCases> {
  switch (query.kind) {
    case 'reference': {
      // A part is a LIKE over the reference index (twelve characters an entry).
      const { op, value } = referenceMatch(query);
      const rows = await deps.db
        .selectFrom('ticket_submissions as s')
        .select('s.ticket_id')
        .where('s.reference', op, value)
        .limit(TEXT_MATCH_MAX)
        .execute();
      return {
        kind: 'reference',
        ...newestFirst(
          await keepInArea(
            deps,
            officer,
            rows.map((r) => r.ticket_id),
          ),
        ),
      };
    }
    case 'number':
      return searchNumber(deps, officer, query.digits);
    case 'phone':
      return searchPhone(deps, officer, query.national);
    case 'name':
      return searchName(deps, officer, query.key);
  }
}

/**
 * A 16-digit number is a NIK or a KK: the tickets' own columns (indexed behind `kind`, hence the
 * IN over the three kinds), the recipient a sanggahan objects to (by the register's unique NIK),
 * and the NIKs and KK typed in the forms: a LIKE over the area's submissions, checked field by field.
 */
async function searchNumber(deps: Deps, officer: Officer, digits: string): Promise<FoundCases> {
  const kinds = [...TICKET_KINDS];
  const [byNik, byKk, byTarget, typed] = await Promise.all([
    inArea(deps, officer)
      .select('t.id')
      .where('t.kind', 'in', kinds)
      .where('t.subject_nik', '=', digits)
      .execute(),
    inArea(deps, officer)
      .select('t.id')
      .where('t.kind', 'in', kinds)
      .where('t.subject_kk', '=', digits)
      .execute(),
    inArea(deps, officer)
      .select('t.id')
      .where('t.kind', 'in', kinds)
      .where('t.target_member_id', 'in', (eb) =>
        eb.selectFrom('household_members').select('id').where('nik', '=', digits),
      )
      .execute(),
    deps.db
      .selectFrom('ticket_submissions as s')
      .select(['s.ticket_id', 's.payload'])
      .where('s.payload', 'like', `%"${digits}"%`)
      .limit(TEXT_MATCH_MAX)
      .execute(),
  ]);
  const nikIds = new Set([...byNik, ...byTarget].map((r) => r.id));
  const kkIds = new Set(byKk.map((r) => r.id));
  const areaIds = await keepInArea(
    deps,
    officer,
    typed.map((r) => r.ticket_id),
  );
  for (const row of typed) {
    if (!areaIds.has(row.ticket_id)) continue;
    const payload = readJsonText(row.payload);
    if (niksIn(payload).includes(digits)) nikIds.add(row.ticket_id);
    else if (kksIn(payload).includes(digits)) kkIds.add(row.ticket_id);
  }
  // Found only as a KK, it was a KK; otherwise it is taken for a NIK, the person's own number.
  const kind = nikIds.size === 0 && kkIds.size > 0 ? 'kk' : 'nik';
  return { kind, ...newestFirst([...nikIds, ...kkIds]) };
}

/** The contact and the forms' phone fields, compared by the number after +62/62/0. */
async function searchPhone(deps: Deps, officer: Officer, national: string): Promise<FoundCases> {
  const pattern = `%${national}"%`;
  const rows = await deps.db
    .selectFrom('ticket_submissions as s')
    .select(['s.ticket_id', 's.contact', 's.payload'])
    .where((eb) => eb.or([eb('s.contact', 'like', pattern), eb('s.payload', 'like', pattern)]))
    .limit(TEXT_MATCH_MAX)
    .execute();
  const matching = rows
    .filter((r) =>
      [...phonesIn(readJsonText(r.contact)), ...phonesIn(readJsonText(r.payload))].includes(national),
    )
    .map((r) => r.ticket_id);
  return { kind: 'phone', ...newestFirst(await keepInArea(deps, officer, matching)) };
}

/**
 * The contact's name and every name typed in the forms (head of household, members), compared by
 * `caseNameKey` from the start of a word. Read newest first, in batches, NAME_SCAN_MAX at most.
 */
async function searchName(deps: Deps, officer: Officer, key: string): Promise<FoundCases> {
  const ids = new Set<number>();
  let before: number | null = null;
  let scanned = 0;
  while (scanned < NAME_SCAN_MAX) {
    // From the newest submission back, each checked against the area: driven from the area's
    // tickets instead, every batch sorted all of a Dinas Sosial's submissions first.
    let batch = deps.db
      .selectFrom('ticket_submissions as s')
      .crossJoin('tickets as t')
      .whereRef('t.id', '=', 's.ticket_id')
      .where(scopeWhere(officer, villagesUnder(deps.regions)))
      .select(['t.id', 's.id as submission_id', 's.contact', 's.payload'])
      .where((eb) => eb.or([eb('s.contact', 'is not', null), eb('s.payload', '!=', '{}')]));
    if (before !== null) batch = batch.where('s.id', '<', before);
    const rows = await batch
      .orderBy('s.id', 'desc')
      .limit(Math.min(NAME_SCAN_BATCH, NAME_SCAN_MAX - scanned))
      .execute();
    for (const row of rows) {
      // The whole text first, keyed once: a name found in it is then looked for field by field.
      if (!caseNameKey(`${row.contact ?? ''} ${row.payload}`).includes(key)) continue;
      const names = [...namesIn(readJsonText(row.contact)), ...namesIn(readJsonText(row.payload))];
      if (names.some((name) => ` ${caseNameKey(name)}`.includes(` ${key}`))) ids.add(row.id);
    }
    scanned += rows.length;
    const last = rows.at(-1);
    if (!last || rows.length < NAME_SCAN_BATCH) return { kind: 'name', ...newestFirst(ids) };
    before = last.submission_id;
  }
  return { kind: 'name', ...newestFirst(ids), scanLimited: true };
}

/** The string values of the fields whose name matches `field`, at any depth. */
function fieldsNamed(value: unknown, field: RegExp, key = ''): string[] {
  if (typeof value === 'string') return field.test(key) ? [value] : [];
  if (Array.isArray(value)) return value.flatMap((v) => fieldsNamed(v, field, key));
  if (value && typeof value === 'object')
    return Object.entries(value as Record<string, unknown>).flatMap(([k, v]) => fieldsNamed(v, field, k));
  return [];
}

function kksIn(value: unknown): string[] {
  return fieldsNamed(value, /^(kk|.*_kk|no_kk)$/i).filter((v) => /^\d{16}$/.test(v));
}

function phonesIn(value: unknown): string[] {
  return fieldsNamed(value, /phone|telepon|^hp$/i).flatMap((v) => {
    const m = PHONE.exec(v.replace(/[\s().-]/g, ''));
    return m?.[1] ? [m[1]] : [];
  });
}

function namesIn(value: unknown): string[] {
  return fieldsNamed(value, /^(name|nama)$|_name$|_nama$/i);
}
