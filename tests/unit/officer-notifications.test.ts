// Officers hear of new work (issue 20, decision 0034) on both engines: their own settings judged
// whole and audited without the address; a notice queued in the transaction that opened a case,
// to the office whose step it is in whose area it lies; an escalation and a daily digest queued
// by the scheduled run once however often it runs, moved by the clock; the admin's "send again";
// and a notice that reaches a real SMTP server through the delivery loop.
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import type { Officer } from '../../src/domain/backoffice/officer.ts';
import type { DomainDeps } from '../../src/domain/deps.ts';
import {
  queueDigests,
  queueEscalationNotices,
  queueNewCaseNotices,
} from '../../src/domain/notifications/officer-notices.ts';
import {
  readPreferences,
  savePreferences,
  validatePreferences,
} from '../../src/domain/notifications/officer-preferences.ts';
import {
  listOutboxMessages,
  maskRecipient,
  sendAgain,
} from '../../src/domain/notifications/outbox-messages.ts';
import {
  SIGNATURE_HEADER,
  TIMESTAMP_HEADER,
  verifyWebhookSignature,
} from '../../src/domain/notifications/webhook-signature.ts';
import { startDeliveryLoop } from '../../src/server/notifications/delivery-loop.ts';
import { officerWebhookTransport } from '../../src/server/notifications/officer-webhook-transport.ts';
import { errorOf, officerNamed } from '../support/domain-calls.ts';
import { startSmtpReceiver, startWebhookReceiver } from '../support/notification-receivers.ts';
import {
  officerRows as officerRows_,
  proposeInWates as proposeInWates_,
} from '../support/officer-notices.ts';
import { openTestDatabase, silentLogger, type TestDatabase } from '../support/test-app.ts';

let env: TestDatabase;
let deps: DomainDeps;
let clock: Date;
let rt: Officer;
let kel: Officer;
let kranggan: Officer;
let dinsos: Officer;
let surabaya: Officer;
let admin: Officer;

beforeAll(async () => {
  env = await openTestDatabase();
  deps = { ...env.deps, now: () => clock };
  rt = await officerNamed(env.db, 'rt008.wates');
  kel = await officerNamed(env.db, 'kel.wates');
  kranggan = await officerNamed(env.db, 'kel.kranggan');
  dinsos = await officerNamed(env.db, 'dinsos.mojokerto');
  surabaya = await officerNamed(env.db, 'dinsos.surabaya');
  admin = await officerNamed(env.db, 'admin');
}, 120_000);
afterAll(async () => {
  await env?.close();
});
beforeEach(async () => {
  // Monday 7 December 2026, 09:00 in Jakarta.
  clock = new Date('2026-12-07T02:00:00Z');
  // A delivered notice stays: its delivery log is append-only and points at it.
  await env.db
    .deleteFrom('outbox')
    .where('audience', '=', 'officer')
    .where((eb) =>
      eb.not(
        eb.exists(
          eb.selectFrom('outbox_deliveries as d').select('d.id').whereRef('d.outbox_id', '=', 'outbox.id'),
        ),
      ),
    )
    .execute();
  await env.db.deleteFrom('officer_notifications').execute();
});

const everything = { new_case: '1', escalation: '1', digest: '1' };

const proposeInWates = (rtNumber?: string) => proposeInWates_(deps, rtNumber);
const officerRows = () => officerRows_(env.db);

describe('an officer’s own settings', () => {
  it('takes an address, an https webhook and the switches', () => {
    expect(
      validatePreferences({
        email: ' rt008@wates.example.id ',
        webhook_url: 'https://hooks.example.org/x?a=1',
        ...everything,
      }),
    ).toEqual({
      email: 'rt008@wates.example.id',
      webhookUrl: 'https://hooks.example.org/x?a=1',
      newCase: true,
      escalation: true,
      digest: true,
    });
    expect(validatePreferences({})).toEqual({
      email: null,
      webhookUrl: null,
      newCase: false,
      escalation: false,
      digest: false,
    });
  });

  it.each([
    ['no at sign', { email: 'rt008.wates.example.id' }, 'email', 'notify.email_invalid'],
    ['a second header', { email: 'a@b.example\nBcc: x@y.example' }, 'email', 'notify.email_invalid'],
    ['HTML', { email: '<script>@x.example' }, 'email', 'notify.email_invalid'],
    ['two addresses', { email: 'a@b.example, c@d.example' }, 'email', 'notify.email_invalid'],
    ['an object for text', { email: { $gt: '' } }, 'email', 'notify.email_invalid'],
    ['a huge address', { email: `${'a'.repeat(300)}@b.example` }, 'email', 'notify.email_too_long'],
    ['plain http', { webhook_url: 'http://hooks.example.org/x' }, 'webhook_url', 'notify.webhook_https'],
    ['a file', { webhook_url: 'file:///etc/passwd' }, 'webhook_url', 'notify.webhook_https'],
    [
      'a password in it',
      { webhook_url: 'https://u:p@hooks.example.org/' },
      'webhook_url',
      'notify.webhook_invalid',
    ],
    ['no URL', { webhook_url: 'not a url' }, 'webhook_url', 'notify.webhook_invalid'],
    [
      'a huge URL',
      { webhook_url: `https://h.example/${'x'.repeat(600)}` },
      'webhook_url',
      'notify.webhook_too_long',
    ],
    ['switches without a destination', { new_case: '1' }, 'email', 'notify.destination_required'],
  ])('refuses %s, by field', async (_what, raw, field, message) => {
    const error = await errorOf(Promise.resolve().then(() => validatePreferences(raw)));
    expect(error.code).toBe('validation_failed');
    expect(error.fields).toMatchObject({ [field]: message });
  });

  it('saves the officer’s own settings, keeps the webhook key while the URL stays, and audits no address', async () => {
    const first = await savePreferences(
      deps,
      rt,
      { email: 'rt008@wates.example.id', webhook_url: 'https://hooks.example.org/a', new_case: '1' },
      'test',
    );
    expect(first.webhookSecret).toMatch(/^whsec_[\w-]{32}$/);
    const again = await savePreferences(
      deps,
      rt,
      { email: 'rt008@wates.example.id', webhook_url: 'https://hooks.example.org/a', digest: '1' },
      'test',
    );
    expect(again.webhookSecret).toBe(first.webhookSecret);
    const moved = await savePreferences(
      deps,
      rt,
      { webhook_url: 'https://hooks.example.org/b', digest: '1' },
      'test',
    );
    expect(moved.webhookSecret).not.toBe(first.webhookSecret);
    expect(await readPreferences(env, rt.id)).toMatchObject({ email: null, newCase: false, digest: true });
    // Nobody else's settings changed.
    expect(await readPreferences(env, kel.id)).toMatchObject({ email: null, webhookUrl: null });
    const audits = await env.db
      .selectFrom('audit_log')
      .select(['actor_id', 'target_id', 'detail'])
      .where('action', '=', 'notification_settings')
      .orderBy('id', 'desc')
      .limit(3)
      .execute();
    expect(audits).toHaveLength(3);
    for (const a of audits) {
      expect(a).toMatchObject({ actor_id: rt.id, target_id: String(rt.id) });
      expect(a.detail).not.toMatch(/example|whsec/);
    }
  });
});

describe('a new case', () => {
  it('is told, in the transaction that opened it, to the officers of its step and area who asked', async () => {
    await savePreferences(
      deps,
      rt,
      { email: 'rt008@wates.example.id', webhook_url: 'https://hooks.example.org/rt', new_case: '1' },
      null,
    );
    // Another office's step, another village, another regency, and one who did not ask for it.
    await savePreferences(deps, kel, { email: 'kel@wates.example.id', new_case: '1' }, null);
    await savePreferences(deps, kranggan, { email: 'kel@kranggan.example.id', new_case: '1' }, null);
    await savePreferences(deps, surabaya, { email: 'slrt@surabaya.example.id', new_case: '1' }, null);
    await savePreferences(deps, dinsos, { email: 'slrt@mojokerto.example.id', digest: '1' }, null);
    const { reference, ticketId } = await proposeInWates();
    const rows = await officerRows();
    expect(
      rows.map((r) => [r.account_id, r.channel, r.recipient, r.kind, r.ticket_id, r.reference, r.status]),
    ).toEqual([
      [rt.id, 'email', 'rt008@wates.example.id', 'new_case', ticketId, reference, 'queued'],
      [rt.id, 'webhook', 'https://hooks.example.org/rt', 'new_case', ticketId, reference, 'queued'],
    ]);
    const body = rows[0]?.body ?? '';
    expect(body).toContain(reference);
    expect(body).toContain('Usulan');
    expect(body).toContain('Proposal');
    expect(body).toMatch(/RT 008\/RW 004/);
    // Nothing of the resident: no name, no NIK, no phone.
    expect(body).not.toMatch(/Slamet|Widodo|\d{16}|0812|3456-7890/);
    expect(rows[0]?.subject).toContain(reference);
    // A proposal of another RT is not the head of RT 008's.
    await proposeInWates('9');
    expect(await officerRows()).toHaveLength(2);
  });

  it('is not queued when the case’s transaction rolls back', async () => {
    await savePreferences(deps, rt, { email: 'rt008@wates.example.id', new_case: '1' }, null);
    const { ticketId, reference } = await proposeInWates();
    await env.db.deleteFrom('outbox').where('audience', '=', 'officer').execute();
    const rolledBack = env.db.transaction().execute(async (trx) => {
      expect(await queueNewCaseNotices(trx, deps, ticketId, reference)).toBe(1);
      throw new Error('the case’s write failed');
    });
    await expect(rolledBack).rejects.toThrow('the case’s write failed');
    expect(await officerRows()).toHaveLength(0);
  });

  it('skips a disabled account', async () => {
    await savePreferences(deps, rt, { email: 'rt008@wates.example.id', new_case: '1' }, null);
    await env.db
      .updateTable('users')
      .set({ disabled_at: clock.toISOString() })
      .where('id', '=', rt.id)
      .execute();
    try {
      await proposeInWates();
      expect(await officerRows()).toHaveLength(0);
    } finally {
      await env.db.updateTable('users').set({ disabled_at: null }).where('id', '=', rt.id).execute();
    }
  });
});

describe('escalations and the digest, by the clock', () => {
  it('tells the offices above of a case whose step ran late, once', async () => {
    const { ticketId, reference } = await proposeInWates();
    await savePreferences(deps, kel, { email: 'kel@wates.example.id', escalation: '1' }, null);
    await savePreferences(
      deps,
      dinsos,
      { webhook_url: 'https://hooks.example.org/slrt', escalation: '1' },
      null,
    );
    await savePreferences(deps, kranggan, { email: 'kel@kranggan.example.id', escalation: '1' }, null);
    await savePreferences(deps, rt, { email: 'rt008@wates.example.id', escalation: '1' }, null);
    // Not late yet.
    expect(await queueEscalationNotices(deps)).toBe(0);
    const { due_at } = await env.db
      .selectFrom('tickets')
      .select('due_at')
      .where('id', '=', ticketId)
      .executeTakeFirstOrThrow();
    clock = new Date(Date.parse(due_at as string) + 60_000);
    const queued = await queueEscalationNotices(deps);
    const mine = (await officerRows()).filter((r) => r.ticket_id === ticketId);
    const byAccount = (a: unknown[], b: unknown[]) => Number(a[0]) - Number(b[0]);
    expect(mine.map((r) => [r.account_id, r.kind, r.channel]).sort(byAccount)).toEqual(
      [
        [kel.id, 'escalation', 'email'],
        [dinsos.id, 'escalation', 'webhook'],
      ].sort(byAccount),
    );
    expect(queued).toBeGreaterThanOrEqual(2);
    expect(mine.every((r) => r.reference === reference)).toBe(true);
    // Again, and again an hour later: nothing new for this case.
    await queueEscalationNotices(deps);
    clock = new Date(clock.getTime() + 3600_000);
    await queueEscalationNotices(deps);
    expect((await officerRows()).filter((r) => r.ticket_id === ticketId)).toHaveLength(2);
  });

  it('sends one digest per office day from 07:00 WIB, none on a weekend or a holiday, however often it runs', async () => {
    const { ticketId, reference } = await proposeInWates();
    await savePreferences(
      deps,
      kel,
      { email: 'kel@wates.example.id', webhook_url: 'https://hooks.example.org/kel', digest: '1' },
      null,
    );
    const { at_risk_at, due_at } = await env.db
      .selectFrom('tickets')
      .select(['at_risk_at', 'due_at'])
      .where('id', '=', ticketId)
      .executeTakeFirstOrThrow();
    // The case's step is at risk from at_risk_at on: go to the first working day 08:00 WIB after it.
    let day = new Date(Date.parse(at_risk_at as string) + 24 * 3600_000);
    const workingMorning = async (from: Date, hourWib: number) => {
      let d = new Date(Date.UTC(from.getUTCFullYear(), from.getUTCMonth(), from.getUTCDate(), hourWib - 7));
      for (;;) {
        const date = d.toISOString().slice(0, 10);
        const holiday = await env.db
          .selectFrom('holidays')
          .select('date')
          .where('date', '=', date)
          .executeTakeFirst();
        if (d.getUTCDay() !== 0 && d.getUTCDay() !== 6 && !holiday) return d;
        d = new Date(d.getTime() + 24 * 3600_000);
      }
    };
    day = await workingMorning(day, 8);
    // 06:00 WIB the same day: too early.
    clock = new Date(day.getTime() - 2 * 3600_000);
    expect(await queueDigests(deps)).toBe(0);
    clock = day;
    expect(await queueDigests(deps)).toBe(2);
    clock = new Date(day.getTime() + 5 * 3600_000);
    expect(await queueDigests(deps)).toBe(0);
    expect(await queueDigests(deps)).toBe(0);
    const digests = (await officerRows()).filter((r) => r.kind === 'digest');
    expect(digests.map((r) => [r.account_id, r.channel, r.ticket_id])).toEqual([
      [kel.id, 'email', null],
      [kel.id, 'webhook', null],
    ]);
    expect(digests[0]?.body).toContain(reference);
    expect(digests[0]?.body).not.toMatch(/Slamet|Widodo|\d{16}|0812/);
    expect(digests[0]?.body).toMatch(
      clock.getTime() > Date.parse(due_at as string) ? /terlambat/ : /hampir terlambat/,
    );
    // A Saturday: none.
    let saturday = new Date(day);
    while (saturday.getUTCDay() !== 6) saturday = new Date(saturday.getTime() + 24 * 3600_000);
    clock = saturday;
    expect(await queueDigests(deps)).toBe(0);
    // The next working day: one more each way.
    clock = await workingMorning(new Date(day.getTime() + 24 * 3600_000), 9);
    expect(await queueDigests(deps)).toBe(2);
    // A holiday the admin added: none that day.
    const next = await workingMorning(new Date(clock.getTime() + 24 * 3600_000), 9);
    await env.db
      .insertInto('holidays')
      .values({
        date: next.toISOString().slice(0, 10),
        name: 'Libur uji',
        added_by: admin.id,
        added_at: clock.toISOString(),
      })
      .execute();
    clock = next;
    expect(await queueDigests(deps)).toBe(0);
  });

  it('sends no digest when nothing in the area is at risk', async () => {
    await savePreferences(deps, surabaya, { email: 'slrt@surabaya.example.id', digest: '1' }, null);
    expect(await queueDigests(deps)).toBe(0);
  });
});

describe('the admin sends a failed message again', () => {
  it('queues a failed message afresh, audited; refuses another role, an unknown id and a message not failed', async () => {
    await savePreferences(deps, rt, { email: 'rt008@wates.example.id', new_case: '1' }, null);
    await proposeInWates();
    const [row] = await officerRows();
    if (!row) throw new Error('no notice queued');
    expect((await errorOf(sendAgain(deps, admin, row.id, null))).fields).toEqual({
      message: 'outbox.not_failed',
    });
    await env.db
      .updateTable('outbox')
      .set({ status: 'failed', attempts: 8, last_error: 'rejected', failed_at: clock.toISOString() })
      .where('id', '=', row.id)
      .execute();
    expect((await errorOf(sendAgain(deps, kel, row.id, null))).code).toBe('forbidden');
    expect((await errorOf(sendAgain(deps, admin, 987_654_321, null))).code).toBe('not_found');
    expect((await errorOf(sendAgain(deps, admin, Number.NaN, null))).code).toBe('not_found');
    await sendAgain(deps, admin, row.id, 'admin-desk');
    const after = await env.db
      .selectFrom('outbox')
      .selectAll()
      .where('id', '=', row.id)
      .executeTakeFirstOrThrow();
    expect(after).toMatchObject({ status: 'queued', attempts: 0, last_error: null, failed_at: null });
    // The second click of a double submit.
    expect((await errorOf(sendAgain(deps, admin, row.id, null))).code).toBe('transition_not_allowed');
    const audit = await env.db
      .selectFrom('audit_log')
      .select(['actor_id', 'target_type', 'target_id', 'detail'])
      .where('action', '=', 'outbox_resend')
      .orderBy('id', 'desc')
      .executeTakeFirstOrThrow();
    expect(audit).toMatchObject({ actor_id: admin.id, target_type: 'outbox', target_id: String(row.id) });
    expect(audit.detail).not.toContain('example');
    const listed = await listOutboxMessages(env.db, { state: 'queued' });
    const shown = listed.find((m) => m.id === row.id);
    expect(shown).toMatchObject({
      audience: 'officer',
      kind: 'new_case',
      recipient: 'r****@w************.id',
      state: 'queued',
    });
    expect(JSON.stringify(listed)).not.toContain('rt008@');
  });

  it('masks every kind of recipient', () => {
    expect(maskRecipient('email', 'siti.w@example.org')).toBe('s*****@e******.org');
    expect(maskRecipient('sms', '+62 812-3456-7890')).toBe('*********7890');
    expect(maskRecipient('webhook', 'https://hooks.example.org/secret/path?token=abc')).toBe(
      'https://hooks.example.org/…',
    );
    expect(maskRecipient('none', '')).toBe('—');
    expect(maskRecipient('email', 'broken')).toBe('***');
  });
});

describe('through the delivery loop', () => {
  it('delivers an officer’s new-case e-mail to a real SMTP server', async () => {
    const smtp = await startSmtpReceiver();
    try {
      await savePreferences(deps, rt, { email: 'rt008@wates.example.id', new_case: '1' }, null);
      const { reference } = await proposeInWates();
      clock = new Date();
      const loop = startDeliveryLoop({
        db: env.db,
        engine: env.engine,
        settings: {
          email: { url: smtp.url, from: 'Cek Bansos <noreply@dinsos.example.go.id>' },
          webhook: undefined,
          intervalSeconds: 0.05,
          maxAttempts: 3,
          retrySeconds: 1,
        },
        logger: silentLogger,
        now: () => clock,
        schedule: () => queueDigests(deps),
      });
      try {
        for (let i = 0; i < 200 && smtp.mails.length === 0; i++) await new Promise((r) => setTimeout(r, 50));
      } finally {
        await loop.stop();
      }
      const mail = smtp.mails.find((m) => m.to.includes('rt008@wates.example.id'));
      expect(mail?.raw).toContain(reference);
      expect(mail?.raw).not.toMatch(/Slamet|Widodo|0812/);
      const [row] = await officerRows();
      expect(row).toMatchObject({ status: 'sent', attempts: 1 });
      const log = await env.db
        .selectFrom('outbox_deliveries')
        .selectAll()
        .where('outbox_id', '=', row?.id ?? -1)
        .execute();
      expect(log).toMatchObject([{ attempt: 1, outcome: 'sent', channel: 'email' }]);
    } finally {
      await smtp.close();
    }
  });
});

describe('an officer’s webhook', () => {
  it('is signed with the officer’s own key, which the receiver checks, and carries no resident', async () => {
    const receiver = await startWebhookReceiver();
    try {
      await savePreferences(deps, kel, { webhook_url: 'https://hooks.example.org/kel', new_case: '1' }, null);
      const { webhookSecret } = await readPreferences(env, kel.id);
      if (!webhookSecret) throw new Error('no key');
      const sentAt = new Date();
      await officerWebhookTransport(() => sentAt).send({
        id: 57,
        channel: 'webhook',
        // The receiver listens on plain http on 127.0.0.1; the settings page takes only https.
        recipient: receiver.url,
        reference: 'SGH-TESTTEST',
        status: 'new_case',
        locale: 'id',
        subject: 'Cek Bansos: Kasus baru untuk Anda',
        text: 'Kasus baru untuk Anda: SGH-TESTTEST',
        attempt: 1,
        audience: 'officer',
        signingSecret: webhookSecret,
      });
      const [call] = receiver.calls;
      if (!call) throw new Error('no call arrived');
      const check = (secret: string) =>
        verifyWebhookSignature({
          secret,
          timestamp: call.headers[TIMESTAMP_HEADER] as string,
          signature: call.headers[SIGNATURE_HEADER] as string,
          body: call.body,
          now: sentAt,
        });
      expect(check(webhookSecret)).toBe(true);
      // Not the office's gateway secret, nor another officer's key.
      expect(check('a-test-secret-that-is-long-enough-0123456789')).toBe(false);
      expect(JSON.parse(call.body)).toEqual({
        id: 'cek-bansos-outbox-57',
        kind: 'new_case',
        reference: 'SGH-TESTTEST',
        subject: 'Cek Bansos: Kasus baru untuk Anda',
        text: 'Kasus baru untuk Anda: SGH-TESTTEST',
        attempt: 1,
      });
      expect(call.headers['idempotency-key']).toBe('cek-bansos-outbox-57');
    } finally {
      await receiver.close();
    }
  });
});
