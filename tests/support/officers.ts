// A session of a demo officer, for tests that act as an officer without the sign-in page.
import type { Officer } from '../../src/domain/backoffice/officer.ts';
import { resolveSession, startSession } from '../../src/domain/backoffice/sessions.ts';
import type { DomainDeps } from '../../src/domain/deps.ts';
import { officerNamed } from './domain-calls.ts';

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
