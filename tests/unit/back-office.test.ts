// The back office's domain on both engines: accounts and passwords, the login that tells nobody
// which accounts exist and slows guessing down, sessions that end when they should, the inbox by
// area with its SLA states, and the case work (moves, notes, duplicates, bulk, assignment), all
// audited. Seeded demo data and demo accounts; the clock is the test's.
import { sql } from 'kysely';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { DEMO_ACCOUNTS } from '../../src/demo/demo-accounts.ts';
import {
  changeOwnPassword,
  createAccount,
  resetPassword,
  setDisabled,
} from '../../src/domain/backoffice/accounts.ts';
import {
  addCaseNote,
  assignCase,
  bulkAct,
  moveCase,
  openCase,
} from '../../src/domain/backoffice/case-work.ts';
import { loadInbox, readInboxFilter } from '../../src/domain/backoffice/inbox.ts';
import { logIn, logOut } from '../../src/domain/backoffice/login.ts';
import type { Officer } from '../../src/domain/backoffice/officer.ts';
import { IDLE_MINUTES, resolveSession } from '../../src/domain/backoffice/sessions.ts';
import { LOGIN_LIMITS } from '../../src/domain/cek/lookup-limits.ts';
import type { DomainDeps } from '../../src/domain/deps.ts';
import { submitUsulan } from '../../src/domain/tickets/submit-usulan.ts';
import { trackTicket } from '../../src/domain/tickets/track-ticket.ts';
import { errorOf } from '../support/domain-calls.ts';
import { openTestDatabase, type TestDatabase } from '../support/test-app.ts';
import { usulanBody } from '../support/ticket-fixtures.ts';

let env: TestDatabase;
let clock: Date;
let deps: DomainDeps;

beforeAll(async () => {
  env = await openTestDatabase();
  deps = { ...env.deps, now: () => clock };
}, 120_000);
afterAll(async () => {
  await env.close();
});
beforeEach(() => {
  clock = new Date('2026-11-23T03:00:00Z');
});

const later = (minutes: number) => {
  clock = new Date(clock.getTime() + minutes * 60_000);
};

const demo = (username: string) => {
  const account = DEMO_ACCOUNTS.find((a) => a.username === username);
  if (!account) throw new Error(username);
  return account;
};

async function signIn(username: string, clientKey = 'desk-1'): Promise<Officer> {
  const session = await logIn(deps, { username, password: demo(username).password, clientKey });
  const officer = await resolveSession(deps, session.token);
  if (!officer) throw new Error('no session');
  return officer;
}

describe('login', { timeout: 120_000 }, () => {
  it('answers an unknown user, a wrong password and a disabled account alike, and audits each', async () => {
    const before = await env.db.selectFrom('audit_log').select('id').execute();
    const unknown = await errorOf(
      logIn(deps, { username: 'nobody', password: 'x'.repeat(12), clientKey: 'a' }),
    );
    const wrong = await errorOf(
      logIn(deps, { username: 'kel.wates', password: 'x'.repeat(12), clientKey: 'b' }),
    );
    expect(unknown.fields).toEqual({ username: 'login_failed' });
    expect(wrong.fields).toEqual(unknown.fields);
    const empty = await errorOf(logIn(deps, { username: '', password: { $gt: '' }, clientKey: 'c' }));
    expect(empty.fields).toEqual({ username: 'field.required', password: 'field.required' });
    const after = await env.db
      .selectFrom('audit_log')
      .select(['action', 'detail'])
      .where('id', '>', before.at(-1)?.id ?? 0)
      .execute();
    expect(after.map((a) => a.action)).toEqual(['login_failed', 'login_failed']);
    expect(JSON.stringify(after)).not.toContain('x'.repeat(12));
  });

  it('stops one client after five failures on an account, while the officer still signs in from elsewhere', async () => {
    for (let i = 0; i < LOGIN_LIMITS.perAccountAndClient; i += 1) {
      await errorOf(
        logIn(deps, { username: 'kel.kranggan', password: `salah-${i}-sekali`, clientKey: 'attacker' }),
      );
    }
    const blocked = await errorOf(
      logIn(deps, {
        username: 'kel.kranggan',
        password: demo('kel.kranggan').password,
        clientKey: 'attacker',
      }),
    );
    expect(blocked.code).toBe('rate_limited');
    expect(blocked.retryAfterSeconds).toBeGreaterThan(0);
    const officer = await signIn('kel.kranggan', 'kelurahan-office-pc');
    expect(officer.role).toBe('kelurahan');
  });
});

// Every login hashes with scrypt at full cost: on a loaded machine a test of several takes a while.
describe('sessions', { timeout: 120_000 }, () => {
  it('end after 30 idle minutes, at logout, and on every other device when the password changes', async () => {
    const a = await logIn(deps, {
      username: 'kel.wates',
      password: demo('kel.wates').password,
      clientKey: 'phone',
    });
    const b = await logIn(deps, {
      username: 'kel.wates',
      password: demo('kel.wates').password,
      clientKey: 'desk',
    });
    later(IDLE_MINUTES - 1);
    expect(await resolveSession(deps, a.token)).not.toBeNull();
    later(IDLE_MINUTES - 1);
    // a was seen a moment ago and lives; b was idle the whole time.
    expect(await resolveSession(deps, a.token)).not.toBeNull();
    expect(await resolveSession(deps, b.token)).toBeNull();

    const c = await logIn(deps, {
      username: 'kel.wates',
      password: demo('kel.wates').password,
      clientKey: 'desk',
    });
    const officer = (await resolveSession(deps, a.token)) as Officer;
    await changeOwnPassword(deps, officer, {
      current: demo('kel.wates').password,
      next: 'kalimat panjang baru',
      confirm: 'kalimat panjang baru',
    });
    expect(await resolveSession(deps, a.token)).not.toBeNull();
    expect(await resolveSession(deps, c.token)).toBeNull();
    await logOut(deps, officer, 'phone');
    expect(await resolveSession(deps, a.token)).toBeNull();
    // Back to the demo password for the other tests.
    const again = await logIn(deps, {
      username: 'kel.wates',
      password: 'kalimat panjang baru',
      clientKey: 'desk',
    });
    const me = (await resolveSession(deps, again.token)) as Officer;
    await changeOwnPassword(deps, me, {
      current: 'kalimat panjang baru',
      next: demo('kel.wates').password,
      confirm: demo('kel.wates').password,
    });
  });

  it('rejects tokens that are not ours, however they are shaped', async () => {
    for (const token of [
      undefined,
      '',
      'a',
      'A'.repeat(43),
      `${'A'.repeat(42)}=`,
      '../../etc/passwd',
      'x'.repeat(5000),
    ]) {
      expect(await resolveSession(deps, token)).toBeNull();
    }
  });
});

describe('accounts', { timeout: 120_000 }, () => {
  it('refuses every bad field at once, and keeps areas to what the role works in', async () => {
    const bad = await errorOf(
      createAccount(
        deps,
        { username: 'A!', display_name: '', role: 'kelurahan', area_code: '35.76', password: 'pendek' },
        { mustChangePassword: true },
      ),
    );
    expect(bad.fields).toEqual({
      username: 'account.username_format',
      display_name: 'field.required',
      area_code: 'account.area_village',
      password: 'account.password_too_short',
    });
    const rt = await errorOf(
      createAccount(
        deps,
        {
          username: 'rt.x',
          display_name: 'RT X',
          role: 'rt_rw',
          area_code: '35.76.02.1010',
          rt: 'abc',
          password: 'cukup-panjang-1',
        },
        { mustChangePassword: true },
      ),
    );
    expect(rt.fields).toEqual({ rt: 'field.rt_rw_format', rw: 'field.rt_rw_format' });
    const forged = await errorOf(
      createAccount(
        deps,
        {
          username: 'root',
          display_name: 'Root',
          role: 'superuser',
          password: 'cukup-panjang-1',
          __proto__: { role: 'admin' },
        },
        { mustChangePassword: true },
      ),
    );
    expect(forged.fields.role).toBeDefined();
    const taken = await errorOf(
      createAccount(
        deps,
        { username: 'ADMIN', display_name: 'Admin Dua', role: 'admin', password: 'cukup-panjang-1' },
        { mustChangePassword: true },
      ),
    );
    expect(taken.fields).toEqual({ username: 'account.username_taken' });
  });

  it('a reset forces a new password at the next login and ends the sessions; a disabled account signs in nowhere', async () => {
    const created = await createAccount(
      deps,
      {
        username: 'kel.wates2',
        display_name: 'Operator Dua',
        role: 'kelurahan',
        area_code: '35.76.02.1010',
        password: 'pertama-kali-123',
      },
      { mustChangePassword: true },
    );
    const first = await logIn(deps, { username: 'kel.wates2', password: 'pertama-kali-123', clientKey: 'x' });
    expect(first.mustChangePassword).toBe(true);
    await resetPassword(deps, created.id, 'diatur-ulang-456');
    expect(await resolveSession(deps, first.token)).toBeNull();
    const second = await logIn(deps, {
      username: 'kel.wates2',
      password: 'diatur-ulang-456',
      clientKey: 'x',
    });
    await setDisabled(deps, created.id, true);
    expect(await resolveSession(deps, second.token)).toBeNull();
    const refused = await errorOf(
      logIn(deps, { username: 'kel.wates2', password: 'diatur-ulang-456', clientKey: 'y' }),
    );
    expect(refused.fields).toEqual({ username: 'login_failed' });
  });
});

describe('the inbox and the case work', { timeout: 120_000 }, () => {
  it('shows each office only its area, most urgent first, with SLA states and escalation', async () => {
    const rt = await signIn('rt008.wates');
    const kel = await signIn('kel.wates');
    const dinsos = await signIn('dinsos.mojokerto');
    const all = new URLSearchParams('show=all');
    const mine = await loadInbox(deps, rt, readInboxFilter(all));
    expect(mine.rows.length).toBeGreaterThan(0);
    expect(mine.rows.every((r) => r.area_code === '35.76.02.1010' && r.rt === '008' && r.rw === '004')).toBe(
      true,
    );
    const village = await loadInbox(deps, kel, readInboxFilter(all));
    expect(village.rows.every((r) => r.area_code === '35.76.02.1010')).toBe(true);
    const city = await loadInbox(deps, dinsos, readInboxFilter(all));
    expect(city.total).toBeGreaterThan(village.total);
    expect(city.rows.every((r) => r.area_code === null || r.area_code.startsWith('35.76.'))).toBe(true);
    const dues = city.rows.map((r) => r.due_at).filter((d): d is string => d !== null);
    expect(dues).toEqual([...dues].sort());

    // The clock far ahead: everything open and timed is breached; RT/RW and kelurahan cases escalate to dinsos.
    clock = new Date('2027-06-01T00:00:00Z');
    const breached = await loadInbox(deps, dinsos, readInboxFilter(new URLSearchParams('sla=breached')));
    expect(breached.rows.every((r) => r.sla === 'breached')).toBe(true);
    const escalated = await loadInbox(deps, dinsos, readInboxFilter(new URLSearchParams('escalated=1')));
    expect(escalated.rows.length).toBeGreaterThan(0);
    expect(
      escalated.rows.every((r) => r.escalated && ['rt_rw', 'kelurahan'].includes(r.responsible_role ?? '')),
    ).toBe(true);
    const paused = await loadInbox(deps, dinsos, readInboxFilter(new URLSearchParams('sla=paused')));
    expect(paused.rows.every((r) => r.responsible_role === 'warga' && r.sla === 'paused')).toBe(true);
    // Unreadable filters are ignored, never an error.
    const odd = readInboxFilter(
      new URLSearchParams(`kind=__proto__&page=-1&rt=abc&sla=<script>&q=${'x'.repeat(500)}`),
    );
    expect(odd).toEqual({});
  });

  it('walks a proposal from the resident to the Dinas Sosial; the resident reads only what is meant for them', async () => {
    const receipt = await submitUsulan(
      deps,
      usulanBody({ village_code: '35.76.02.1010', rt: '8', rw: '4' }),
      {
        idempotencyKey: `bo:${Date.now()}`,
        locale: 'id',
        attachments: [],
        clientKey: 'resident',
      },
    );
    const ticket = await env.db
      .selectFrom('ticket_submissions')
      .select('ticket_id')
      .where('reference', '=', receipt.reference)
      .executeTakeFirstOrThrow();
    const id = ticket.ticket_id;
    const rt = await signIn('rt008.wates');
    const kel = await signIn('kel.wates');
    const other = await signIn('kel.kranggan');
    const dinsos = await signIn('dinsos.mojokerto');
    const step = async (officer: Officer, to: string, extra: Record<string, unknown> = {}) => {
      const file = await openCase(deps, officer, id, 'desk');
      later(60);
      return moveCase(
        deps,
        officer,
        { ticketId: id, to, expectedVersion: file.ticket.version, ...extra },
        'desk',
      );
    };
    // The kelurahan cannot skip the RT/RW, nor can another village see the case at all.
    expect((await errorOf(step(kel, 'dibahas_musyawarah_kelurahan'))).code).toBe('transition_not_allowed');
    expect((await errorOf(openCase(deps, other, id, 'desk'))).code).toBe('not_found');
    // A note for the resident on a step hidden from the resident: refused by name, nothing moves.
    const before = await openCase(deps, rt, id, 'desk');
    const hidden = await errorOf(
      step(rt, 'diverifikasi_rt_rw', {
        note: 'Sudah dicek.',
        noteAudience: 'resident',
        visibleToResident: false,
      }),
    );
    expect(hidden.fields).toEqual({ note_audience: 'ticket.note_on_hidden_step' });
    const unchanged = await openCase(deps, rt, id, 'desk');
    expect([unchanged.ticket.status, unchanged.ticket.version]).toEqual([
      before.ticket.status,
      before.ticket.version,
    ]);
    await step(rt, 'diverifikasi_rt_rw', {
      note: 'Rumah kontrakan; pemilik di Surabaya.',
      noteAudience: 'internal',
    });
    await step(kel, 'dibahas_musyawarah_kelurahan', {
      note: 'Dibahas pada Musyawarah Kelurahan 30 November.',
      noteAudience: 'resident',
    });
    await step(kel, 'verifikasi_lapangan');
    await step(kel, 'validasi_dtks', {
      note: 'Hasil kunjungan: memenuhi kriteria.',
      noteAudience: 'resident',
    });
    // Stale: the page was opened before another officer's move.
    const stale = await openCase(deps, dinsos, id, 'desk');
    await addCaseNote(
      deps,
      dinsos,
      {
        ticketId: id,
        note: 'Cek padanan Dukcapil.',
        audience: 'internal',
        expectedVersion: stale.ticket.version,
      },
      'desk',
    );
    const lost = await errorOf(
      moveCase(
        deps,
        dinsos,
        { ticketId: id, to: 'disahkan_kepala_daerah', expectedVersion: stale.ticket.version },
        'desk',
      ),
    );
    expect(lost.fields).toEqual({ to: 'ticket.changed_meanwhile' });
    await step(dinsos, 'disahkan_kepala_daerah');

    const tracked = await trackTicket(
      deps,
      { reference: receipt.reference, tracking_code: receipt.tracking_code },
      { clientKey: 'resident' },
    );
    expect(tracked.timeline.map((e) => e.status)).toEqual([
      'diajukan',
      'diverifikasi_rt_rw',
      'dibahas_musyawarah_kelurahan',
      'verifikasi_lapangan',
      'validasi_dtks',
      'disahkan_kepala_daerah',
    ]);
    const residentText = JSON.stringify(tracked);
    expect(residentText).toContain('Dibahas pada Musyawarah Kelurahan 30 November.');
    expect(residentText).not.toContain('kontrakan');
    expect(residentText).not.toContain('Dukcapil');

    const file = await openCase(deps, dinsos, id, 'desk');
    expect(file.events.filter((e) => !e.visible_to_resident).map((e) => e.note)).toEqual([
      'Rumah kontrakan; pemilik di Surabaya.',
      'Cek padanan Dukcapil.',
    ]);
    const audit = await env.db
      .selectFrom('audit_log')
      .select(['action', 'detail'])
      .where('target_id', '=', String(id))
      .execute();
    expect(audit.filter((a) => a.action === 'ticket_move')).toHaveLength(5);
    expect(JSON.stringify(audit)).not.toMatch(/kontrakan|Dukcapil|\d{16}/);
    // The log refuses to be rewritten.
    await expect(sql`DELETE FROM audit_log`.execute(env.db)).rejects.toThrow(/append-only/);
  });

  it('closes a duplicate with links both ways; bulk moves say which cases moved and why others did not', async () => {
    const dinsos = await signIn('dinsos.mojokerto');
    const open = await loadInbox(
      deps,
      dinsos,
      readInboxFilter(new URLSearchParams('kind=aduan&status=diterima')),
    );
    const [first, second] = open.rows;
    if (!first?.reference || !second) throw new Error('the demo has two new complaints');
    const file = await openCase(deps, dinsos, second.id, 'desk');
    const self = await errorOf(
      moveCase(
        deps,
        dinsos,
        {
          ticketId: second.id,
          to: 'duplikat',
          duplicate: file.submissions[0]?.reference ?? '',
          expectedVersion: file.ticket.version,
        },
        'desk',
      ),
    );
    expect(self.fields).toEqual({ duplicate: 'ticket.duplicate_self' });
    await moveCase(
      deps,
      dinsos,
      {
        ticketId: second.id,
        to: 'duplikat',
        duplicate: first.reference.toLowerCase(),
        expectedVersion: file.ticket.version,
      },
      'desk',
    );
    const original = await openCase(deps, dinsos, first.id, 'desk');
    expect(original.duplicates.map((d) => d.id)).toEqual([second.id]);
    const duplicate = await openCase(deps, dinsos, second.id, 'desk');
    expect(duplicate.duplicateOf?.reference).toBe(first.reference);
    expect(duplicate.ticket.closed_at).not.toBeNull();

    const rt = await signIn('rt008.wates');
    const outcomes = await bulkAct(
      deps,
      rt,
      [first.id, 999_999],
      { kind: 'move', to: 'diverifikasi_rt_rw' },
      'desk',
    );
    expect(outcomes).toEqual([
      { ticketId: first.id, ok: false, reason: 'ticket.not_found' },
      { ticketId: 999_999, ok: false, reason: 'ticket.not_found' },
    ]);
    const kel = await signIn('kel.wates');
    const assign = await errorOf(
      assignCase(
        deps,
        kel,
        {
          ticketId: open.rows.find((r) => r.area_code === '35.76.02.1010')?.id ?? first.id,
          assigneeId: dinsos.id,
        },
        'desk',
      ),
    );
    expect(['ticket.assignee_not_colleague', 'ticket.not_found']).toContain(Object.values(assign.fields)[0]);
  });
});
