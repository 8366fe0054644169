// What a tester broke in the back office (issue 21), on both engines: a burst of sign-ins that all
// passed a limit of five, officers behind one address locking each other out, a stolen session
// guessing the password on the change form, password hashing with no bound, and a complaint that
// names no place open to every regency's Dinas Sosial.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { DEMO_ACCOUNTS } from '../../src/demo/demo-accounts.ts';
import { changeOwnPassword } from '../../src/domain/backoffice/accounts.ts';
import { openCase } from '../../src/domain/backoffice/case-work.ts';
import { loadInbox, readInboxFilter } from '../../src/domain/backoffice/inbox.ts';
import { logIn } from '../../src/domain/backoffice/login.ts';
import { PasswordWork } from '../../src/domain/backoffice/password-work.ts';
import { villagesUnder } from '../../src/domain/backoffice/scope.ts';
import { resolveSession } from '../../src/domain/backoffice/sessions.ts';
import { LOGIN_LIMITS } from '../../src/domain/cek/lookup-limits.ts';
import { submitTicket } from '../../src/domain/tickets/submit-ticket.ts';
import { errorOf, officerNamed } from '../support/domain-calls.ts';
import { openTestDatabase, type TestDatabase } from '../support/test-app.ts';

let env: TestDatabase;

beforeAll(async () => {
  env = await openTestDatabase();
}, 120_000);
afterAll(async () => {
  await env?.close();
});

const passwordOf = (username: string) => DEMO_ACCOUNTS.find((a) => a.username === username)?.password ?? '';
const attempt = (username: string, password: string, clientKey: string, deviceCookie?: string) =>
  logIn(env.deps, { username, password, clientKey, deviceCookie });

async function auditCount(action: string): Promise<number> {
  const rows = await env.db.selectFrom('audit_log').select('id').where('action', '=', action).execute();
  return rows.length;
}

describe('sign-in limits', { timeout: 120_000 }, () => {
  it('150 attempts at once on one account: five are checked, the right password at 140 does not sign in', async () => {
    const failedBefore = await auditCount('login_failed');
    const answers = await Promise.allSettled(
      Array.from({ length: 150 }, (_, i) =>
        attempt('kel.kranggan', i === 139 ? passwordOf('kel.kranggan') : `tebakan-${i}-salah`, 'burst'),
      ),
    );
    const codes = answers.map((a) =>
      a.status === 'fulfilled' ? 'signed_in' : (a.reason as { code: string }).code,
    );
    expect(codes.filter((c) => c === 'signed_in')).toHaveLength(0);
    expect(codes.filter((c) => c === 'validation_failed')).toHaveLength(LOGIN_LIMITS.perAccountAndClient);
    expect(codes.filter((c) => c === 'rate_limited')).toHaveLength(150 - LOGIN_LIMITS.perAccountAndClient);
    expect((await auditCount('login_failed')) - failedBefore).toBe(LOGIN_LIMITS.perAccountAndClient);
  });

  it('a browser that signed in before is not locked out by guesses from its office address', async () => {
    const own = await attempt('kel.wates', passwordOf('kel.wates'), 'office-nat');
    // Someone behind the same address: five wrong passwords on kel.wates, then 25 on other names.
    for (let i = 0; i < LOGIN_LIMITS.perAccountAndClient; i++) {
      await errorOf(attempt('kel.wates', `salah-${i}-sekali`, 'office-nat'));
    }
    // The other 25 are counted as their reservations count them: each failed attempt is one (a
    // real attempt costs a password hash, two thirds of a second here, and proves nothing more).
    for (let i = LOGIN_LIMITS.perAccountAndClient; i < LOGIN_LIMITS.perClient; i++) {
      await env.deps.limits.reserveLogin('office-nat', `tamu${i}`, null);
    }
    // A new browser at that address is stopped, on any account …
    expect((await errorOf(attempt('kel.kranggan', passwordOf('kel.kranggan'), 'office-nat'))).code).toBe(
      'rate_limited',
    );
    // … the owner's own browser still signs in, and keeps its cookie …
    const again = await attempt('kel.wates', passwordOf('kel.wates'), 'office-nat', own.deviceCookie);
    expect(await resolveSession(env.deps, again.token)).not.toBeNull();
    expect(again.deviceCookie).toBe(own.deviceCookie);
    // … but that cookie is worth nothing for another account, nor when altered.
    for (const cookie of [own.deviceCookie, `${own.deviceCookie}x`, 'a.b', '__proto__', '']) {
      const refused = await errorOf(
        attempt('kel.kranggan', passwordOf('kel.kranggan'), 'office-nat', cookie),
      );
      expect(refused.code).toBe('rate_limited');
    }
  });

  it('a known browser is stopped after five failures of its own, like any client', async () => {
    const own = await attempt('rt008.wates', passwordOf('rt008.wates'), 'home');
    for (let i = 0; i < LOGIN_LIMITS.perAccountAndClient; i++) {
      await errorOf(attempt('rt008.wates', `salah-${i}-sekali`, 'home', own.deviceCookie));
    }
    const stopped = await errorOf(
      attempt('rt008.wates', passwordOf('rt008.wates'), 'home', own.deviceCookie),
    );
    expect(stopped.code).toBe('rate_limited');
    expect(stopped.retryAfterSeconds).toBeGreaterThan(0);
  });
});

describe('changing the password', { timeout: 120_000 }, () => {
  it('a session gets five tries of the current password, then is signed out', async () => {
    const session = await attempt('dinsos.surabaya', passwordOf('dinsos.surabaya'), 'desk-sby');
    const officer = await resolveSession(env.deps, session.token);
    if (!officer) throw new Error('no session');
    const change = (current: string) =>
      changeOwnPassword(env.deps, officer, {
        current,
        next: 'kalimat baru yang panjang',
        confirm: 'kalimat baru yang panjang',
      });
    for (let i = 0; i < LOGIN_LIMITS.passwordChecksPerAccount; i++) {
      const wrong = await errorOf(change(`tebakan-${i}-salah`));
      expect(wrong.fields.current).toBe('account.current_wrong');
    }
    // The sixth try, even with the right password, is refused, and the session has ended.
    const stopped = await errorOf(change(passwordOf('dinsos.surabaya')));
    expect(stopped.code).toBe('rate_limited');
    expect(stopped.fields.current).toBe('account.current_wrong_too_often');
    expect(await resolveSession(env.deps, session.token)).toBeNull();
    const user = await env.db
      .selectFrom('users')
      .select('must_change_password')
      .where('username', '=', 'dinsos.surabaya')
      .executeTakeFirstOrThrow();
    expect(user.must_change_password).toBe(0);
    // The password itself is unchanged: its owner signs in with it.
    expect(
      (await attempt('dinsos.surabaya', passwordOf('dinsos.surabaya'), 'desk-sby-2')).token,
    ).toBeTruthy();
  });
});

describe('password work', () => {
  it('runs one hash at a time, queues a bounded few, and tells the rest to come back', async () => {
    const work = new PasswordWork({ concurrent: 1, waiting: 2 });
    let running = 0;
    let most = 0;
    const hash = async () => {
      running++;
      most = Math.max(most, running);
      await new Promise((resolve) => setTimeout(resolve, 20));
      running--;
      return 'done';
    };
    const answers = await Promise.allSettled(Array.from({ length: 5 }, () => work.run(hash)));
    expect(answers.map((a) => a.status)).toEqual([
      'fulfilled',
      'fulfilled',
      'fulfilled',
      'rejected',
      'rejected',
    ]);
    const refused = (answers[3] as PromiseRejectedResult).reason as {
      code: string;
      retryAfterSeconds: number;
    };
    expect(refused.code).toBe('rate_limited');
    expect(refused.retryAfterSeconds).toBeGreaterThan(0);
    expect(most).toBe(1);
    expect(work.load).toEqual({ running: 0, waiting: 0 });
  });
});

describe('a complaint that names no place', { timeout: 120_000 }, () => {
  it('belongs to the SLRT desk of the deployment (its first regency); no other regency opens it', async () => {
    expect(env.deps.area.placelessDesk).toBe('35.76');
    const receipt = await submitTicket(env.deps, {
      kind: 'aduan',
      clientKey: 'desk-test',
      idempotencyKey: 'api:placeless-1',
      locale: 'id',
      contact: null,
      payload: { description: 'Bantuan tidak sampai, alamat tidak saya sebut.' },
      areaCode: null,
      attachments: [],
    });
    const ticket = await env.db
      .selectFrom('ticket_submissions as s')
      .innerJoin('tickets as t', 't.id', 's.ticket_id')
      .select(['t.id', 't.area_code'])
      .where('s.reference', '=', receipt.reference)
      .executeTakeFirstOrThrow();
    expect(ticket.area_code).toBeNull();
    const desk = await officerNamed(env.db, 'dinsos.mojokerto');
    const other = await officerNamed(env.db, 'dinsos.surabaya');
    const filter = readInboxFilter(new URLSearchParams({ q: receipt.reference }));
    expect((await loadInbox(env.deps, desk, filter)).rows.map((r) => r.id)).toContain(ticket.id);
    expect((await loadInbox(env.deps, other, filter)).rows.map((r) => r.id)).not.toContain(ticket.id);
    expect((await openCase(env.deps, desk, ticket.id, 'desk')).ticket.id).toBe(ticket.id);
    expect((await errorOf(openCase(env.deps, other, ticket.id, 'desk'))).code).toBe('not_found');
    // A complaint placed in Surabaya is Surabaya's, as before.
    const surabayaVillage = villagesUnder(env.deps.regions)('35.78')[0] as string;
    const placed = await submitTicket(env.deps, {
      kind: 'aduan',
      clientKey: 'desk-test',
      idempotencyKey: 'api:placed-sby-1',
      locale: 'id',
      contact: null,
      payload: { description: 'Bantuan tidak sampai.' },
      areaCode: surabayaVillage,
      attachments: [],
    });
    const byReference = (reference: string) => readInboxFilter(new URLSearchParams({ q: reference }));
    expect((await loadInbox(env.deps, other, byReference(placed.reference))).total).toBe(1);
    expect((await loadInbox(env.deps, desk, byReference(placed.reference))).total).toBe(0);
  });
});
