// Demo officers as the domain sees them (the Officer a session stands for), read from the seeded
// database, and a session for one of them, for tests that act as an officer without the pages.
import type { Db } from '../../src/db/database.ts';
import type { Officer } from '../../src/domain/backoffice/officer.ts';
import { resolveSession, startSession } from '../../src/domain/backoffice/sessions.ts';
import type { DomainDeps } from '../../src/domain/deps.ts';

export async function officerNamed(db: Db, username: string): Promise<Officer> {
  const user = await db
    .selectFrom('users')
    .select(['id', 'username', 'display_name', 'role', 'area_code', 'rt', 'rw'])
    .where('username', '=', username)
    .executeTakeFirstOrThrow();
  return {
    id: user.id,
    username: user.username,
    displayName: user.display_name,
    role: user.role as Officer['role'],
    areaCode: user.area_code,
    rt: user.rt,
    rw: user.rw,
    mustChangePassword: false,
    sessionId: 0,
  };
}

/** A fresh session of `username`: its cookie value and the officer it stands for. */
export async function sessionOf(
  deps: DomainDeps,
  username: string,
): Promise<{ token: string; officer: Officer }> {
  const { id } = await officerNamed(deps.db, username);
  const { token } = await startSession(deps, id);
  const officer = await resolveSession(deps, token);
  if (!officer) throw new Error(`no session for ${username}`);
  return { token, officer };
}
