// Back-office sessions live in the database, so every app process knows them and a logout ends
// them everywhere. The cookie holds a random token; the table only its SHA-256. A session ends
// after 30 idle minutes or 12 hours in all, whichever comes first.
import { createHash, createHmac, randomBytes, timingSafeEqual } from 'node:crypto';
import { preparedQuery } from '../../db/prepared-query.ts';
import type { DomainDeps } from '../deps.ts';
import { keptPerScope } from '../kept-per-scope.ts';
import type { ServiceArea } from '../regions/service-area.ts';
import { isOfficeRole, type OfficeRole, type Officer } from './officer.ts';
import { canBeSlrtDesk } from './permissions.ts';

type Deps = Pick<DomainDeps, 'db' | 'now'>;
type ResolveDeps = Deps & Pick<DomainDeps, 'area'>;

export const IDLE_MINUTES = 30;
export const ABSOLUTE_HOURS = 12;
/** `last_seen_at` is written at most this often, not on every page. */
const TOUCH_EVERY_MS = 60_000;

const hashToken = (token: string) => createHash('sha256').update(token).digest('hex');
const TOKEN = /^[A-Za-z0-9_-]{43}$/;

export interface StartedSession {
  token: string;
  sessionId: number;
  expiresAt: string;
}

export async function startSession(deps: Deps, userId: number): Promise<StartedSession> {
  const token = randomBytes(32).toString('base64url');
  const now = deps.now();
  const expiresAt = new Date(now.getTime() + ABSOLUTE_HOURS * 3_600_000).toISOString();
  const row = await deps.db
    .insertInto('sessions')
    .values({
      token_hash: hashToken(token),
      user_id: userId,
      created_at: now.toISOString(),
      last_seen_at: now.toISOString(),
      expires_at: expiresAt,
      ended_at: null,
    })
    .returning('id')
    .executeTakeFirstOrThrow();
  return { token, sessionId: row.id, expiresAt };
}

/** The officer a cookie's token stands for, or null when it is unknown, ended, idle or expired. */
export async function resolveSession(deps: ResolveDeps, token: string | undefined): Promise<Officer | null> {
  return (await lookUpSession(deps, token)).officer;
}

export interface SessionLookup {
  officer: Officer | null;
  /**
   * The program catalogue's version (migration 036), read in the same statement as the session:
   * the server's copy of the catalogue is checked against it at no extra round trip. Undefined
   * when no session row answered (no token, not one of ours, or unknown).
   */
  catalogueVersion: number | undefined;
}

/**
 * The session, its officer and the catalogue's version: one statement on every back-office
 * request, built and compiled once (prepared-query.ts; a named statement on PostgreSQL).
 */
const sessionByToken = preparedQuery((db, param) =>
  db
    .selectFrom('sessions as s')
    .innerJoin('users as u', 'u.id', 's.user_id')
    .select([
      's.id as session_id',
      's.last_seen_at',
      's.expires_at',
      's.ended_at',
      'u.id',
      'u.username',
      'u.display_name',
      'u.role',
      'u.area_code',
      'u.rt',
      'u.rw',
      'u.must_change_password',
      'u.disabled_at',
      (eb) => eb.selectFrom('program_catalogue_version').select('version').as('catalogue_version'),
    ])
    .where('s.token_hash', '=', param<string>('token_hash')),
);

/** `resolveSession`, with what the server reads in the same statement. */
export async function lookUpSession(deps: ResolveDeps, token: string | undefined): Promise<SessionLookup> {
  if (!token || !TOKEN.test(token)) return { officer: null, catalogueVersion: undefined };
  const [row] = await sessionByToken(deps.db, { token_hash: hashToken(token) });
  const catalogueVersion = row?.catalogue_version ?? undefined;
  const none = { officer: null, catalogueVersion };
  if (!row || row.ended_at !== null || row.disabled_at !== null || !isOfficeRole(row.role)) return none;
  const now = deps.now().getTime();
  const idleSince = Date.parse(row.last_seen_at);
  if (now >= Date.parse(row.expires_at) || now - idleSince >= IDLE_MINUTES * 60_000) return none;
  if (now - idleSince >= TOUCH_EVERY_MS) {
    await deps.db
      .updateTable('sessions')
      .set({ last_seen_at: new Date(now).toISOString() })
      .where('id', '=', row.session_id)
      .execute();
  }
  const officer: Officer = {
    id: row.id,
    username: row.username,
    displayName: row.display_name,
    role: row.role,
    areaCode: row.area_code,
    rt: row.rt,
    rw: row.rw,
    mustChangePassword: row.must_change_password === 1,
    receivesPlaceless: receivesPlaceless(deps.area, row.role, row.area_code),
    sessionId: row.session_id,
  };
  return { officer, catalogueVersion };
}

/** Whether an officer of this role and area is the desk for complaints that name no place. */
export function receivesPlaceless(area: ServiceArea, role: OfficeRole, areaCode: string | null): boolean {
  if (!canBeSlrtDesk({ role })) return false;
  const desk = area.placelessDesk;
  return desk === null || areaCode === desk;
}

export async function endSession(deps: Deps, sessionId: number): Promise<void> {
  await deps.db
    .updateTable('sessions')
    .set({ ended_at: deps.now().toISOString() })
    .where('id', '=', sessionId)
    .where('ended_at', 'is', null)
    .execute();
}

/** Ends an officer's sessions (a reset, a disable, a password change elsewhere). */
export async function endSessionsOf(
  deps: Deps,
  userId: number,
  options: { except?: number } = {},
): Promise<void> {
  let query = deps.db
    .updateTable('sessions')
    .set({ ended_at: deps.now().toISOString() })
    .where('user_id', '=', userId)
    .where('ended_at', 'is', null);
  if (options.except !== undefined) query = query.where('id', '!=', options.except);
  await query.execute();
}

/**
 * The form token of a session: every back-office form carries it, and a post without the right
 * one is refused, on top of the Origin check in front of all forms. Derived, so nothing is stored.
 */
export function formTokenOf(secret: Buffer, sessionId: number): string {
  return keepFormToken(secret, String(sessionId), () =>
    createHmac('sha256', secret).update(`back-office-form:${sessionId}`).digest('base64url'),
  );
}

/**
 * A page and its frame each write the token, and every post checks it: one HMAC per session,
 * not several per request. Kept per secret, for as many sessions as an office has at once.
 */
const keepFormToken = keptPerScope<string>(2_000);

export function isFormTokenValid(secret: Buffer, sessionId: number, token: unknown): boolean {
  if (typeof token !== 'string' || token.length > 100) return false;
  const expected = Buffer.from(formTokenOf(secret, sessionId));
  const given = Buffer.from(token);
  return given.length === expected.length && timingSafeEqual(given, expected);
}
