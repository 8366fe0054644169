// Officer accounts: an admin creates, resets and disables them; every officer changes their own
// password. A reset or a disable ends the account's sessions at once.
import { z } from 'zod';
import type { DomainDeps } from '../deps.ts';
import { AppError } from '../errors.ts';
import { fieldErrorsFrom, oneOf, text } from '../tickets/forms/fields.ts';
import { isOfficeRole, OFFICE_ROLES, type OfficeRole, type Officer } from './officer.ts';
import { hashPassword, passwordProblem, verifyPassword } from './passwords.ts';
import { accountAreaOf, areaLevelOf } from './permissions.ts';
import { endSession, endSessionsOf } from './sessions.ts';

type Deps = Pick<DomainDeps, 'db' | 'regions' | 'now' | 'passwordWork'>;

const USERNAME = /^[a-z0-9][a-z0-9._-]{2,39}$/;
const RT_RW = /^\d{1,3}$/;

const accountSchema = z.object({
  username: z
    .string({ error: 'field.required' })
    .transform((v) => v.trim().toLowerCase())
    .pipe(
      z.string().min(1, { error: 'field.required' }).regex(USERNAME, { error: 'account.username_format' }),
    ),
  display_name: text({ max: 100, min: 2 }),
  role: oneOf(OFFICE_ROLES),
  area_code: z.string().trim().max(13).optional(),
  rt: z.string().trim().optional(),
  rw: z.string().trim().optional(),
  password: z.string({ error: 'field.required' }).min(1, { error: 'field.required' }),
});

export interface NewAccount {
  username: string;
  displayName: string;
  role: OfficeRole;
  areaCode: string | null;
  rt: string | null;
  rw: string | null;
  password: string;
}

/** The level of region each office works in: a village for RT/RW and kelurahan, a regency for dinsos. */

/** Validates what the admin typed; throws `validation_failed` with every problem at once. */
export function validateAccount(deps: Pick<Deps, 'regions'>, raw: unknown): NewAccount {
  const parsed = accountSchema.safeParse(raw);
  const errors = parsed.success ? {} : fieldErrorsFrom(parsed.error);
  const input = parsed.success ? parsed.data : null;
  const role = isOfficeRole((raw as { role?: unknown })?.role) ? (raw as { role: OfficeRole }).role : null;
  const level = role ? accountAreaOf(role).regionLevel : null;
  const areaCode = input?.area_code || null;
  if (role && level !== null && deps.regions.get(areaCode ?? '')?.level !== level) {
    errors.area_code = level === 4 ? 'account.area_village' : 'account.area_regency';
  }
  const rt = input?.rt || null;
  const rw = input?.rw || null;
  const needsRtRw = role !== null && accountAreaOf(role).needsRtRw;
  if (needsRtRw) {
    if (!rt || !RT_RW.test(rt)) errors.rt = 'field.rt_rw_format';
    if (!rw || !RT_RW.test(rw)) errors.rw = 'field.rt_rw_format';
  }
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
    areaCode: level === null ? null : areaCode,
    rt: needsRtRw && rt ? rt.padStart(3, '0') : null,
    rw: needsRtRw && rw ? rw.padStart(3, '0') : null,
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

/** Disabling keeps the account (its name stays on the tickets it worked) and ends its sessions. */
export async function setDisabled(deps: Deps, userId: number, disabled: boolean): Promise<void> {
  await accountById(deps, userId);
  await deps.db
    .updateTable('users')
    .set({ disabled_at: disabled ? deps.now().toISOString() : null })
    .where('id', '=', userId)
    .execute();
  if (disabled) await endSessionsOf(deps, userId);
}

async function accountById(deps: Deps, userId: number) {
  const user = await deps.db
    .selectFrom('users')
    .select(['id', 'username'])
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
  let query = deps.db
    .selectFrom('users')
    .select(['id', 'display_name', 'username'])
    .where('role', '=', officer.role)
    .where('disabled_at', 'is', null);
  query =
    officer.areaCode === null
      ? query.where('area_code', 'is', null)
      : query.where('area_code', '=', officer.areaCode);
  if (areaLevelOf(officer) === 'rt') query = query.where('rt', '=', officer.rt).where('rw', '=', officer.rw);
  return query.orderBy('display_name').execute();
}
