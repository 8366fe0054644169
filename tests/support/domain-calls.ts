// What the domain suites ask of a seeded database again and again: an officer as the back office
// would see them after login, and the AppError a call is expected to end with.
import type { Db } from '../../src/db/database.ts';
import type { Officer } from '../../src/domain/backoffice/officer.ts';
import { AppError } from '../../src/domain/errors.ts';

/** The demo's SLRT desk: Kota Mojokerto, the first of its regencies (ServiceArea.placelessDesk). */
const DEMO_PLACELESS_DESK = '35.76';

/** The demo account `username` as a signed-in officer (no password, no session row). */
export async function officerNamed(db: Db, username: string): Promise<Officer> {
  const u = await db
    .selectFrom('users')
    .select(['id', 'username', 'display_name', 'role', 'area_code', 'rt', 'rw'])
    .where('username', '=', username)
    .executeTakeFirstOrThrow();
  return {
    id: u.id,
    username: u.username,
    displayName: u.display_name,
    role: u.role as Officer['role'],
    areaCode: u.area_code,
    rt: u.rt,
    rw: u.rw,
    mustChangePassword: false,
    receivesPlaceless: u.role === 'dinsos' && u.area_code === DEMO_PLACELESS_DESK,
    sessionId: 0,
  };
}

/** The AppError the call fails with; anything else, or no failure, fails the test. */
export async function errorOf(promise: Promise<unknown>): Promise<AppError> {
  try {
    await promise;
  } catch (error) {
    if (error instanceof AppError) return error;
    throw error;
  }
  throw new Error('expected the call to fail with an AppError');
}
