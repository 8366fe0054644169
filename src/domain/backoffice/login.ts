// Signing in and out. An unknown username, a wrong password and a disabled account get the same
// answer after the same work, so the form tells nobody which accounts exist.
import { setTimeout as sleep } from 'node:timers/promises';
import type { DomainDeps } from '../deps.ts';
import { AppError } from '../errors.ts';
import { recordAudit } from './audit.ts';
import { deviceCookieFor, knownDevice } from './known-device.ts';
import type { Officer } from './officer.ts';
import {
  dummyPasswordHash,
  hashPassword,
  MAX_PASSWORD_LENGTH,
  needsRehash,
  verifyPassword,
} from './passwords.ts';
import { endSession, resolveSession, type StartedSession, startSession } from './sessions.ts';

type Deps = Pick<DomainDeps, 'db' | 'now' | 'limits' | 'secret' | 'passwordWork' | 'area'>;

export interface LoginRequest {
  username: unknown;
  password: unknown;
  clientKey: string;
  /** The cookie's token if the browser came with one: that session ends (rotation at login). */
  previousToken?: string | undefined;
  /** The known-device cookie the browser came with, if any (known-device.ts). */
  deviceCookie?: string | undefined;
}

export interface SignedIn extends StartedSession {
  mustChangePassword: boolean;
  /** The known-device cookie to set (renewed): this browser has now signed in to the account. */
  deviceCookie: string;
}

const asText = (value: unknown, max: number) => (typeof value === 'string' ? value.slice(0, max) : '');

export async function logIn(deps: Deps, request: LoginRequest): Promise<SignedIn> {
  const username = asText(request.username, 100).trim().toLowerCase();
  const password = asText(request.password, MAX_PASSWORD_LENGTH + 1);
  const errors: Record<string, string> = {};
  if (!username) errors.username = 'field.required';
  if (!password) errors.password = 'field.required';
  if (Object.keys(errors).length > 0) throw new AppError('validation_failed', errors);

  const deviceId = knownDevice(deps.secret, username, request.deviceCookie);
  await deps.limits.reserveLogin(request.clientKey, username, deviceId);
  const delay = await deps.limits.loginDelayMs(username);
  if (delay > 0) await sleep(delay);

  const user = await deps.db
    .selectFrom('users')
    .select(['id', 'role', 'password_hash', 'disabled_at', 'must_change_password'])
    .where('username', '=', username)
    .executeTakeFirst();
  let matches: boolean;
  try {
    const stored = user?.password_hash ?? (await dummyPasswordHash());
    matches = await deps.passwordWork.run(() => verifyPassword(password, stored));
  } catch (error) {
    await deps.limits.releaseLogin(request.clientKey, username, deviceId);
    throw error;
  }
  if (!user || !matches || user.disabled_at !== null) {
    await deps.limits.countFailedLogin(username);
    await recordAudit(deps, {
      actor: null,
      action: 'login_failed',
      ...(user ? { target: { type: 'user', id: user.id } } : {}),
      clientAddress: request.clientKey,
    });
    throw new AppError('validation_failed', { username: 'login_failed' });
  }

  await deps.limits.clearLoginFailures(request.clientKey, username, deviceId);
  if (needsRehash(user.password_hash)) {
    const rehashed = await deps.passwordWork.run(() => hashPassword(password));
    await deps.db.updateTable('users').set({ password_hash: rehashed }).where('id', '=', user.id).execute();
  }
  const previous = await resolveSession(deps, request.previousToken);
  if (previous) await endSession(deps, previous.sessionId);
  const session = await startSession(deps, user.id);
  await recordAudit(deps, {
    actor: { id: user.id, role: user.role as Officer['role'] },
    action: 'login',
    clientAddress: request.clientKey,
    detail: { session: session.sessionId },
  });
  return {
    ...session,
    mustChangePassword: user.must_change_password === 1,
    deviceCookie: deviceCookieFor(deps.secret, username, deviceId),
  };
}

export async function logOut(
  deps: Pick<Deps, 'db' | 'now'>,
  officer: Officer,
  clientKey: string,
): Promise<void> {
  await endSession(deps, officer.sessionId);
  await recordAudit(deps, {
    actor: officer,
    action: 'logout',
    clientAddress: clientKey,
    detail: { session: officer.sessionId },
  });
}
