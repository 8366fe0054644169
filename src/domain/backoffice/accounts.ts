// Officer accounts: an admin creates, edits (name, role, area), resets and disables them; every
// officer changes their own password. A reset, a disable or a new role or area ends the account's
// sessions at once; the last active admin can be neither disabled nor demoted.
import { z } from 'zod';
import { engineOf } from '../../db/engine.ts';
import type { DomainDeps } from '../deps.ts';
import { AppError } from '../errors.ts';
import { fieldErrorsFrom, oneOf, text } from '../tickets/forms/fields.ts';
import { recordAudit } from './audit.ts';
import { isOfficeRole, OFFICE_ROLES, type OfficeRole, type Officer } from './officer.ts';
import { hashPassword, passwordProblem, verifyPassword } from './passwords.ts';
import { accountAreaOf, areaLevelOf, canManageAccounts } from './permissions.ts';
import { endSession, endSessionsOf } from './sessions.ts';

type Deps = Pick<DomainDeps, 'db' | 'regions' | 'now' | 'passwordWork'> & Partial<Pick<DomainDeps, 'area'>>;
type AreaDeps = Pick<DomainDeps, 'regions'> & Partial<Pick<DomainDeps, 'area'>>;

const USERNAME = /^[a-z0-9][a-z0-9._-]{2,39}$/;
const RT_RW = /^\d{1,3}$/;

/** A region code as a form sends it; longer text is no code (and is not kept). */
const code = z.string({ error: 'field.invalid' }).trim().max(20, { error: 'field.invalid' }).optional();

/** An officer's name as colleagues and residents' case pages read it: no markup. */
const displayName = text({ max: 100, min: 2 }).pipe(
  z.string().regex(/^[^<>]*$/, { error: 'account.name_markup' }),
);

/**
 * Where an account works: the picker's steps (regency → district → village) or, as a fallback,
 * a typed region code (`area_code`); RT and RW for an RT/RW head.
 */
const areaFields = {
  regency: code,
  district: code,
  village: code,
  area_code: z
    .string({ error: 'field.invalid' })
    .trim()
    .max(13, { error: 'account.area_code_format' })
    .optional(),
  rt: z.string({ error: 'field.rt_rw_format' }).trim().optional(),
  rw: z.string({ error: 'field.rt_rw_format' }).trim().optional(),
};

const accountSchema = z.object({
  username: z
    .string({ error: 'field.required' })
    .transform((v) => v.trim().toLowerCase())
    .pipe(
      z.string().min(1, { error: 'field.required' }).regex(USERNAME, { error: 'account.username_format' }),
    ),
  display_name: displayName,
  role: oneOf(OFFICE_ROLES),
  ...areaFields,
  password: z.string({ error: 'field.required' }).min(1, { error: 'field.required' }),
});

const editSchema = z.object({ display_name: displayName, role: oneOf(OFFICE_ROLES), ...areaFields });

export interface AccountArea {
  areaCode: string | null;
  rt: string | null;
  rw: string | null;
}

export interface NewAccount extends AccountArea {
  username: string;
  displayName: string;
  role: OfficeRole;
  password: string;
}

/** The level of region each office works in: a village for RT/RW and kelurahan, a regency for dinsos. */
type AreaInput = Partial<Record<keyof typeof areaFields, string | undefined>>;

/**
 * The area a role needs, from the picker or the typed code, each problem at its field: a region
 * of the wrong level, one outside this office's service area, a village outside the regency or
 * district chosen above it, RT/RW numbers for an RT/RW head. An admin works nowhere in particular.
 */
export function resolveAccountArea(
  deps: AreaDeps,
  role: OfficeRole | null,
  input: AreaInput,
  errors: Record<string, string>,
): AccountArea {
  const level = role ? accountAreaOf(role).regionLevel : null;
  if (!role || level === null) return { areaCode: null, rt: null, rw: null };
  const typed = input.area_code || undefined;
  const picked = (level === 2 ? input.regency : input.village) || undefined;
  const field = picked || !typed ? (level === 2 ? 'regency' : 'village') : 'area_code';
  const chosen = picked ?? typed;
  const node = chosen ? deps.regions.get(chosen) : undefined;
  let areaCode: string | null = null;
  if (!chosen) {
    errors[field] = level === 2 ? 'account.choose_regency' : 'account.choose_village';
  } else if (node?.level !== level) {
    errors[field] = level === 2 ? 'account.area_regency' : 'account.area_village';
  } else if (deps.area && !deps.area.covers(node.code)) {
    errors[field] = 'account.area_outside';
  } else if (level === 4 && input.regency && !node.code.startsWith(`${input.regency}.`)) {
    errors[field] = 'account.village_not_in_regency';
  } else if (level === 4 && input.district && !node.code.startsWith(`${input.district}.`)) {
    errors[field] = 'account.village_not_in_district';
  } else {
    areaCode = node.code;
  }
  if (!accountAreaOf(role).needsRtRw) return { areaCode, rt: null, rw: null };
  const { rt, rw } = input;
  if (!rt || !RT_RW.test(rt)) errors.rt = 'field.rt_rw_format';
  if (!rw || !RT_RW.test(rw)) errors.rw = 'field.rt_rw_format';
  return { areaCode, rt: rt ? rt.padStart(3, '0') : null, rw: rw ? rw.padStart(3, '0') : null };
}

const roleOf = (raw: unknown): OfficeRole | null => {
  const role = (raw as { role?: unknown } | null)?.role;
  return isOfficeRole(role) ? role : null;
};

/** The area fields that arrived as text, whatever else was wrong with the form. */
function areaInputOf(raw: unknown): AreaInput {
  const input: AreaInput = {};
  for (const key of Object.keys(areaFields) as (keyof AreaInput)[]) {
    const value = (raw as Record<string, unknown> | null)?.[key];
    if (typeof value === 'string' && value.length <= 20) input[key] = value.trim();
  }
  return input;
}

/** Validates what the admin typed; throws `validation_failed` with every problem at once. */
export function validateAccount(deps: AreaDeps, raw: unknown): NewAccount {
  const parsed = accountSchema.safeParse(raw);
  const errors = parsed.success ? {} : fieldErrorsFrom(parsed.error);
  const input = parsed.success ? parsed.data : null;
  const role = roleOf(raw);
  const area = resolveAccountArea(deps, role, areaInputOf(raw), errors);
  // Every problem at once: the password is judged even when another field is wrong.
  const { password, username } = (raw ?? {}) as { password?: unknown; username?: unknown };
  if (typeof password === 'string' && password !== '') {
    const problem = passwordProblem(password, typeof username === 'string' ? username : '');
    if (problem) errors.password = problem;
  }
  if (!input || !role || Object.keys(errors).length > 0) throw new AppError('validation_failed', errors);
  return {
    username: input.username,
    displayName: input.display_name,
    role,
    ...area,
    password: input.password,
  };
}

/** Creates an account; `mustChangePassword` when someone else chose the password. */
export async function createAccount(
  deps: Deps,
  raw: unknown,
  options: { mustChangePassword: boolean },
): Promise<{ id: number; username: string }> {
  const account = validateAccount(deps, raw);
  const taken = await deps.db
    .selectFrom('users')
    .select('id')
    .where('username', '=', account.username)
    .executeTakeFirst();
  if (taken) throw new AppError('validation_failed', { username: 'account.username_taken' });
  const at = deps.now().toISOString();
  const row = await deps.db
    .insertInto('users')
    .values({
      username: account.username,
      display_name: account.displayName,
      password_hash: await deps.passwordWork.run(() => hashPassword(account.password)),
      role: account.role,
      area_code: account.areaCode,
      rt: account.rt,
      rw: account.rw,
      created_at: at,
      password_changed_at: at,
      must_change_password: options.mustChangePassword ? 1 : 0,
      disabled_at: null,
    })
    .returning('id')
    .executeTakeFirstOrThrow();
  return { id: row.id, username: account.username };
}

/** The officer's own change: the current password proves it is them at the keyboard. */
export async function changeOwnPassword(
  deps: Deps & Pick<DomainDeps, 'limits'>,
  officer: Officer,
  input: { current: string; next: string; confirm: string },
): Promise<void> {
  const user = await deps.db
    .selectFrom('users')
    .select(['password_hash', 'username'])
    .where('id', '=', officer.id)
    .executeTakeFirstOrThrow();
  try {
    await deps.limits.reservePasswordCheck(officer.id);
  } catch (error) {
    // Too many wrong current passwords: whoever holds this session may not be its officer.
    await endSession(deps, officer.sessionId);
    throw error instanceof AppError && error.code === 'rate_limited'
      ? new AppError('rate_limited', { current: 'account.current_wrong_too_often' }, error.message, {
          ...(error.retryAfterSeconds === undefined ? {} : { retryAfterSeconds: error.retryAfterSeconds }),
        })
      : error;
  }
  const errors: Record<string, string> = {};
  const matches = await deps.passwordWork.run(() => verifyPassword(input.current, user.password_hash));
  if (!matches) errors.current = 'account.current_wrong';
  else await deps.limits.clearPasswordChecks(officer.id);
  const problem = passwordProblem(input.next, user.username);
  if (problem) errors.next = problem;
  else if (input.next === input.current) errors.next = 'account.password_unchanged';
  if (input.confirm !== input.next) errors.confirm = 'account.password_mismatch';
  if (Object.keys(errors).length > 0) throw new AppError('validation_failed', errors);
  await deps.db
    .updateTable('users')
    .set({
      password_hash: await deps.passwordWork.run(() => hashPassword(input.next)),
      password_changed_at: deps.now().toISOString(),
      must_change_password: 0,
    })
    .where('id', '=', officer.id)
    .execute();
  // Every other device signed in as this officer is signed out.
  await endSessionsOf(deps, officer.id, { except: officer.sessionId });
}

/** An admin sets a new password the officer must change at their next login. */
export async function resetPassword(deps: Deps, userId: number, password: string): Promise<void> {
  const user = await accountById(deps, userId);
  const problem = passwordProblem(password, user.username);
  if (problem) throw new AppError('validation_failed', { password: problem });
  await deps.db
    .updateTable('users')
    .set({
      password_hash: await deps.passwordWork.run(() => hashPassword(password)),
      password_changed_at: deps.now().toISOString(),
      must_change_password: 1,
    })
    .where('id', '=', userId)
    .execute();
  await endSessionsOf(deps, userId);
}

/**
 * Disabling keeps the account (its name stays on the tickets it worked) and ends its sessions.
 * The last active admin stays: without one, nobody could manage accounts again.
 */
export async function setDisabled(deps: Deps, userId: number, disabled: boolean): Promise<void> {
  await deps.db.transaction().execute(async (trx) => {
    const user = await accountById({ ...deps, db: trx }, userId);
    if (
      disabled &&
      keepsAccounts(user.role) &&
      user.disabled_at === null &&
      (await otherActiveAdmins(trx, userId)) === 0
    ) {
      throw new AppError('validation_failed', { user: 'account.last_admin' });
    }
    await trx
      .updateTable('users')
      .set({ disabled_at: disabled ? deps.now().toISOString() : null })
      .where('id', '=', userId)
      .execute();
    if (disabled) await endSessionsOf({ ...deps, db: trx }, userId);
  });
}

/** Whether an account of this role manages the accounts: the last such account stays. */
const keepsAccounts = (role: string | null): boolean => isOfficeRole(role) && canManageAccounts({ role });
const ACCOUNT_KEEPERS = OFFICE_ROLES.filter(keepsAccounts);

/**
 * Enabled admins other than `userId`. On PostgreSQL their rows are locked for the rest of the
 * transaction: two admins demoting or disabling each other at once would otherwise each count the
 * other and leave none. (SQLite writes one transaction at a time already.)
 */
async function otherActiveAdmins(db: Deps['db'], userId: number): Promise<number> {
  const others = db
    .selectFrom('users')
    .select('id')
    .where('role', 'in', ACCOUNT_KEEPERS)
    .where('disabled_at', 'is', null)
    .where('id', '!=', userId);
  const rows = await (engineOf(db) === 'postgres' ? others.forUpdate() : others).execute();
  return rows.length;
}

export interface AccountChange {
  /** Nothing differed from the stored account: nothing written, nothing audited. */
  changed: boolean;
  /** The role or area changed: the account's sessions were ended (it signs in again). */
  sessionsEnded: boolean;
}

/** `a → b` for the audit detail; codes only (an admin's area is none: `—`). */
const move = (before: string | null, after: string | null) => `${before ?? '—'} → ${after ?? '—'}`;

/**
 * The admin changes an account's name, role or area. A new role or area ends the account's
 * sessions, so no page keeps showing what the officer may no longer see (decision 0012); the last
 * active admin keeps the role. Audited with what changed, before → after (codes; a name is never
 * written into the audit log, only that it changed).
 */
export async function updateAccount(
  deps: Deps & Pick<DomainDeps, 'now'>,
  actor: Officer,
  userId: number,
  raw: unknown,
  clientAddress: string | null,
): Promise<AccountChange> {
  const parsed = editSchema.safeParse(raw);
  const errors = parsed.success ? {} : fieldErrorsFrom(parsed.error);
  const role = roleOf(raw);
  const area = resolveAccountArea(deps, role, areaInputOf(raw), errors);
  return deps.db.transaction().execute(async (trx) => {
    const user = await trx
      .selectFrom('users')
      .select(['id', 'role', 'display_name', 'area_code', 'rt', 'rw', 'disabled_at'])
      .where('id', '=', Number.isSafeInteger(userId) ? userId : -1)
      .executeTakeFirst();
    if (!user) throw new AppError('not_found', { user: 'account.not_found' });
    if (
      !keepsAccounts(role) &&
      keepsAccounts(user.role) &&
      user.disabled_at === null &&
      (await otherActiveAdmins(trx, userId)) === 0
    ) {
      errors.role = 'account.last_admin';
    }
    if (!parsed.success || !role || Object.keys(errors).length > 0) {
      throw new AppError('validation_failed', errors);
    }
    const next = {
      display_name: parsed.data.display_name,
      role,
      area_code: area.areaCode,
      rt: area.rt,
      rw: area.rw,
    };
    const detail: Record<string, string | boolean> = {};
    if (user.role !== next.role) detail.role = move(user.role, next.role);
    if (user.area_code !== next.area_code) detail.area = move(user.area_code, next.area_code);
    if (user.rt !== next.rt || user.rw !== next.rw) {
      detail.rtrw = move(user.rt && `${user.rt}/${user.rw}`, next.rt && `${next.rt}/${next.rw}`);
    }
    const scopeChanged = Object.keys(detail).length > 0;
    if (user.display_name !== next.display_name) detail.name = 'changed';
    if (Object.keys(detail).length === 0) return { changed: false, sessionsEnded: false };
    await trx.updateTable('users').set(next).where('id', '=', userId).execute();
    if (scopeChanged) {
      await endSessionsOf({ ...deps, db: trx }, userId);
      detail.sessions = 'ended';
    }
    await recordAudit(
      { ...deps, db: trx },
      { actor, action: 'user_update', target: { type: 'user', id: userId }, clientAddress, detail },
    );
    return { changed: true, sessionsEnded: scopeChanged };
  });
}

async function accountById(deps: Pick<Deps, 'db'>, userId: number) {
  const user = await deps.db
    .selectFrom('users')
    .select(['id', 'username', 'role', 'disabled_at'])
    .where('id', '=', userId)
    .executeTakeFirst();
  if (!user) throw new AppError('not_found', { user: 'account.not_found' });
  return user;
}

export interface AccountRow {
  id: number;
  username: string;
  display_name: string;
  role: string;
  area_code: string | null;
  rt: string | null;
  rw: string | null;
  disabled_at: string | null;
  must_change_password: number;
}

export async function listAccounts(deps: Pick<Deps, 'db'>): Promise<AccountRow[]> {
  return deps.db
    .selectFrom('users')
    .select([
      'id',
      'username',
      'display_name',
      'role',
      'area_code',
      'rt',
      'rw',
      'disabled_at',
      'must_change_password',
    ])
    .orderBy('role')
    .orderBy('username')
    .execute();
}

/** Colleagues a ticket may be assigned to: enabled officers of the same office and area. */
export async function colleaguesOf(deps: Pick<Deps, 'db'>, officer: Officer) {
  return colleaguesQuery(deps.db, officer).execute();
}

/** `colleaguesOf` as a query, for a page that reads them with its other reads (the inbox). */
export function colleaguesQuery(db: Deps['db'], officer: Officer) {
  let query = db
    .selectFrom('users')
    .select(['id', 'display_name', 'username'])
    .where('role', '=', officer.role)
    .where('disabled_at', 'is', null);
  query =
    officer.areaCode === null
      ? query.where('area_code', 'is', null)
      : query.where('area_code', '=', officer.areaCode);
  if (areaLevelOf(officer) === 'rt') query = query.where('rt', '=', officer.rt).where('rw', '=', officer.rw);
  return query.orderBy('display_name');
}
