// Residents hear back: queued updates delivered to a real SMTP server and a local HTTP gateway
// started here, with retries, give-up, the delivery log, signatures, and nothing personal in what
// leaves the office. Runs on both engines.
import { afterAll, afterEach, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import type { Db } from '../../src/db/database.ts';
import type { EngineName } from '../../src/db/engine.ts';
import {
  type DeliverOptions,
  deliverOutbox,
  retryDelaySeconds,
} from '../../src/domain/notifications/deliver-outbox.ts';
import { outboxSummary } from '../../src/domain/notifications/outbox-summary.ts';
import type { Transport } from '../../src/domain/notifications/transport.ts';
import {
  SIGNATURE_HEADER,
  TIMESTAMP_HEADER,
  verifyWebhookSignature,
} from '../../src/domain/notifications/webhook-signature.ts';
import { DEFAULT_TICKET_SETTINGS } from '../../src/domain/tickets/settings.ts';
import { openTicket, transitionTicket } from '../../src/domain/tickets/ticket-repository.ts';
import { type EmailTransport, emailTransport } from '../../src/server/notifications/email-transport.ts';
import { webhookTransport } from '../../src/server/notifications/webhook-transport.ts';
import {
  type SmtpReceiver,
  startSmtpReceiver,
  startWebhookReceiver,
  type WebhookReceiver,
} from '../support/notification-receivers.ts';
import { openEmptyTestDatabase } from '../support/test-database.ts';

const VILLAGE = '35.76.02.1009';
const NIK = '3576014107850002';
const NAME = 'Siti Aminah';
const PHONE = '+6281234567890';
const EMAIL = 'siti.aminah@example.com';
const SECRET = 'a-test-secret-that-is-long-enough-0123456789';
const FROM = 'Dinas Sosial <noreply@dinsos.example.go.id>';

let db: Db;
let engine: EngineName;
let closeDb: () => Promise<void>;
let clock: Date;
const now = () => clock;
const later = (seconds: number) => {
  clock = new Date(clock.getTime() + seconds * 1000);
};

let smtp: SmtpReceiver;
let gateway: WebhookReceiver;

beforeAll(async () => {
  [smtp, gateway] = await Promise.all([startSmtpReceiver(), startWebhookReceiver()]);
});

afterAll(async () => {
  await Promise.all([smtp?.close(), gateway?.close()]);
});

beforeEach(async () => {
  const opened = await openEmptyTestDatabase();
  ({ db, engine } = opened);
  closeDb = opened.close;
  await db
    .insertInto('regions')
    .values({ code: VILLAGE, parent_code: null, level: 4, name: 'KEDUNDUNG' })
    .execute();
  clock = new Date('2026-12-02T01:00:00Z');
  smtp.mails.length = 0;
  smtp.refuseWith = null;
  gateway.calls.length = 0;
  gateway.answer = () => 204;
});

afterEach(async () => {
  for (const m of mailers.splice(0)) m.close();
  await closeDb();
});

let serial = 0;

/** A complaint with the resident's NIK and name in it, moved once so that an update is queued. */
async function queueUpdate(
  contact: object | string | null,
): Promise<{ ticketId: number; reference: string }> {
  serial++;
  const reference = `ADU-OUTB${String(serial).padStart(4, '0')}`;
  const deps = { now, tickets: DEFAULT_TICKET_SETTINGS };
  const { ticketId } = await openTicket(db, deps, {
    kind: 'aduan',
    areaCode: VILLAGE,
    payload: { kind: 'aduan', nik: NIK, name: NAME, text: `Dana PKH ${NAME} belum masuk` },
    actor: { role: 'warga', id: null },
  });
  await db
    .insertInto('ticket_submissions')
    .values({
      ticket_id: ticketId,
      reference,
      tracking_code_hash: 'x',
      submitted_at: clock.toISOString(),
      locale: 'id',
      contact: typeof contact === 'string' ? contact : contact ? JSON.stringify(contact) : null,
      payload: JSON.stringify({ nik: NIK, name: NAME }),
      idempotency_key: `outbox:${serial}`,
      request_hash: 'h',
      receipt: '{}',
    })
    .execute();
  await transitionTicket(db, deps, {
    ticketId,
    to: 'diteruskan',
    actor: { role: 'dinsos', id: 'dinsos-1' },
    unit: 'bank_penyalur',
    note: `Bank diminta membuka blokir KKS atas nama ${NAME}, NIK ${NIK}.`,
    // Written for the resident: the message must still carry none of it.
    noteAudience: 'resident',
  });
  return { ticketId, reference };
}

function pass(transports: Partial<Record<'sms' | 'email', Transport>>, extra: Partial<DeliverOptions> = {}) {
  return deliverOutbox({
    db,
    engine,
    now,
    transports,
    settings: { maxAttempts: 3, retrySeconds: 60 },
    ...extra,
  });
}

/** Pooled SMTP connections, closed after each test so the server can stop. */
const mailers: EmailTransport[] = [];
const mailer = (url: string) => {
  const transport = emailTransport({ url, from: FROM });
  mailers.push(transport);
  return transport;
};
const email = () => ({ email: mailer(smtp.url) });
const sms = (url = gateway.url) => ({ sms: webhookTransport({ url, secret: SECRET }, now) });

const outbox = () => db.selectFrom('outbox').selectAll().orderBy('id').execute();
const deliveries = () =>
  db
    .selectFrom('outbox_deliveries')
    .select(['outbox_id', 'attempt', 'at', 'channel', 'outcome', 'error_class'])
    .orderBy('id')
    .execute();

/** Nothing a resident typed about themselves, nor their contact, may appear in `text`. */
function expectNothingPersonal(text: string) {
  for (const secret of [NIK, NAME, NAME.toUpperCase(), 'Aminah', 'blokir', PHONE, EMAIL]) {
    expect(text, `must not contain ${secret}`).not.toContain(secret);
  }
}

describe('e-mail through SMTP', () => {
  it('delivers the reference and the new state to the address the resident left, and logs the attempt', async () => {
    const { reference } = await queueUpdate({ name: NAME, email: EMAIL });
    expect(await pass(email())).toEqual({ sent: 1, retried: 0, failed: 0 });

    expect(smtp.mails).toHaveLength(1);
    const [mail] = smtp.mails;
    expect(mail?.to).toEqual([EMAIL]);
    expect(mail?.from).toBe('noreply@dinsos.example.go.id');
    expect(mail?.raw).toContain(`Subject: Pembaruan tiket ${reference}`);
    expect(mail?.raw).toContain(`Tiket ${reference}: diteruskan ke unit terkait.`);
    const headersAndBody = (mail?.raw ?? '').replace(/^To: .*$/m, '');
    expectNothingPersonal(headersAndBody);

    const [row] = await outbox();
    expect(row).toMatchObject({
      status: 'sent',
      attempts: 1,
      sent_at: clock.toISOString(),
      claim_token: null,
    });
    expect(await deliveries()).toEqual([
      {
        outbox_id: row?.id,
        attempt: 1,
        at: clock.toISOString(),
        channel: 'email',
        outcome: 'sent',
        error_class: null,
      },
    ]);
  });

  it('retries a temporary refusal after the wait, and fails a permanent one at once', async () => {
    await queueUpdate({ email: EMAIL });
    smtp.refuseWith = 451;
    expect(await pass(email())).toEqual({ sent: 0, retried: 1, failed: 0 });
    let [row] = await outbox();
    expect(row).toMatchObject({ status: 'queued', attempts: 1, last_error: 'rejected_temporary' });
    expect(row?.next_attempt_at).toBe(new Date(clock.getTime() + 60_000).toISOString());

    smtp.refuseWith = null;
    later(59);
    expect(await pass(email())).toEqual({ sent: 0, retried: 0, failed: 0 });
    later(1);
    expect(await pass(email())).toEqual({ sent: 1, retried: 0, failed: 0 });
    [row] = await outbox();
    expect(row).toMatchObject({ status: 'sent', attempts: 2 });
    expect(smtp.mails).toHaveLength(1);

    await queueUpdate({ email: 'no-such-person@example.com' });
    smtp.refuseWith = 550;
    expect(await pass(email())).toEqual({ sent: 0, retried: 0, failed: 1 });
    const failed = (await outbox())[1];
    expect(failed).toMatchObject({
      status: 'failed',
      attempts: 1,
      last_error: 'rejected',
      failed_at: clock.toISOString(),
    });
    expect((await deliveries()).map((d) => [d.outcome, d.error_class])).toEqual([
      ['retry', 'rejected_temporary'],
      ['sent', null],
      ['failed', 'rejected'],
    ]);
  });

  it('counts an SMTP server that does not answer as a connection failure, to retry', async () => {
    await queueUpdate({ email: EMAIL });
    const closed = await startSmtpReceiver();
    await closed.close();
    const result = await pass({ email: mailer(closed.url) });
    expect(result).toEqual({ sent: 0, retried: 1, failed: 0 });
    expect((await outbox())[0]?.last_error).toBe('connection');
  });
});

describe('SMS through the gateway webhook', () => {
  it('posts signed JSON that the gateway can verify, with nothing personal beyond the number it needs', async () => {
    const { reference } = await queueUpdate({ name: NAME, phone: PHONE, email: '' });
    expect(await pass(sms())).toEqual({ sent: 1, retried: 0, failed: 0 });
    expect(gateway.calls).toHaveLength(1);
    const [call] = gateway.calls;
    if (!call) throw new Error('no call');
    const [row] = await outbox();
    expect(JSON.parse(call.body)).toEqual({
      id: `cek-bansos-outbox-${row?.id}`,
      channel: 'sms',
      to: PHONE,
      text: `Tiket ${reference}: diteruskan ke unit terkait. Baca keterangan petugas di halaman Lacak tiket.`,
      reference,
      status: 'diteruskan',
      locale: 'id',
      attempt: 1,
    });
    expect(call.headers['content-type']).toBe('application/json');
    expect(call.headers['idempotency-key']).toBe(`cek-bansos-outbox-${row?.id}`);
    expectNothingPersonal(call.body.replace(PHONE, ''));

    const timestamp = call.headers[TIMESTAMP_HEADER] as string;
    const signature = call.headers[SIGNATURE_HEADER] as string;
    expect(timestamp).toBe(String(clock.getTime() / 1000));
    expect(signature).toMatch(/^v1=[0-9a-f]{64}$/);
    const check = { secret: SECRET, timestamp, signature, body: call.body, now: clock };
    expect(verifyWebhookSignature(check)).toBe(true);
    expect(verifyWebhookSignature({ ...check, body: call.body.replace('diteruskan', 'selesai') })).toBe(
      false,
    );
    expect(verifyWebhookSignature({ ...check, secret: `${SECRET}x` })).toBe(false);
    expect(verifyWebhookSignature({ ...check, timestamp: String(Number(timestamp) + 1) })).toBe(false);
    // A call replayed ten minutes later is refused by the gateway.
    expect(verifyWebhookSignature({ ...check, now: new Date(clock.getTime() + 600_000) })).toBe(false);
  });

  it('backs off exponentially, gives up after the last attempt, and logs each try', async () => {
    await queueUpdate({ phone: PHONE });
    gateway.answer = () => 503;
    const started = clock.getTime();
    expect(await pass(sms())).toEqual({ sent: 0, retried: 1, failed: 0 });
    later(retryDelaySeconds({ maxAttempts: 3, retrySeconds: 60 }, 1) - 1);
    expect(await pass(sms())).toEqual({ sent: 0, retried: 0, failed: 0 });
    later(1);
    expect(await pass(sms())).toEqual({ sent: 0, retried: 1, failed: 0 });
    let [row] = await outbox();
    expect(row?.next_attempt_at).toBe(new Date(clock.getTime() + 120_000).toISOString());
    later(120);
    expect(await pass(sms())).toEqual({ sent: 0, retried: 0, failed: 1 });
    later(86_400);
    expect(await pass(sms())).toEqual({ sent: 0, retried: 0, failed: 0 });

    expect(gateway.calls.map((c) => (JSON.parse(c.body) as { attempt: number }).attempt)).toEqual([1, 2, 3]);
    [row] = await outbox();
    expect(row).toMatchObject({
      status: 'failed',
      attempts: 3,
      last_error: 'rejected_temporary',
      sent_at: null,
    });
    expect(await deliveries()).toEqual([
      {
        outbox_id: row?.id,
        attempt: 1,
        at: new Date(started).toISOString(),
        channel: 'sms',
        outcome: 'retry',
        error_class: 'rejected_temporary',
      },
      {
        outbox_id: row?.id,
        attempt: 2,
        at: new Date(started + 60_000).toISOString(),
        channel: 'sms',
        outcome: 'retry',
        error_class: 'rejected_temporary',
      },
      {
        outbox_id: row?.id,
        attempt: 3,
        at: new Date(started + 180_000).toISOString(),
        channel: 'sms',
        outcome: 'failed',
        error_class: 'rejected_temporary',
      },
    ]);
  });

  it('fails a refused message at once and classifies an unreachable gateway', async () => {
    await queueUpdate({ phone: PHONE });
    gateway.answer = () => 422;
    expect(await pass(sms())).toEqual({ sent: 0, retried: 0, failed: 1 });
    expect((await outbox())[0]).toMatchObject({ status: 'failed', last_error: 'rejected' });

    await queueUpdate({ phone: PHONE });
    gateway.answer = () => 401;
    expect(await pass(sms())).toEqual({ sent: 0, retried: 1, failed: 0 });
    expect((await outbox())[1]?.last_error).toBe('auth');

    later(60);
    const closed = await startWebhookReceiver();
    await closed.close();
    expect(await pass(sms(closed.url))).toEqual({ sent: 0, retried: 1, failed: 0 });
    expect((await outbox())[1]?.last_error).toBe('connection');
  });
});

describe('the delivery pass', () => {
  it('leaves messages queued while their channel has no settings', async () => {
    await queueUpdate({ phone: PHONE, email: EMAIL });
    expect(await pass({})).toEqual({ sent: 0, retried: 0, failed: 0 });
    expect(await pass(email())).toEqual({ sent: 1, retried: 0, failed: 0 });
    expect((await outbox()).map((r) => [r.channel, r.status, r.attempts])).toEqual([
      ['sms', 'queued', 0],
      ['email', 'sent', 1],
    ]);
    const summary = await outboxSummary(db);
    expect(summary).toMatchObject({ queued: 1, sent: 1, failed: 0, queuedByChannel: { sms: 1, email: 0 } });
    expect(summary.oldestQueuedAt).toBe(clock.toISOString());
  });

  it('fails and logs, without the contact, an update whose contact cannot be read', async () => {
    const { reference } = await queueUpdate('{"phone": "0812345');
    const warnings: object[] = [];
    const logger = { info: () => {}, warn: (fields: object) => warnings.push(fields) };
    // No channel configured at all: the failure shows regardless.
    expect(await pass({}, { logger })).toEqual({ sent: 0, retried: 0, failed: 1 });
    const [row] = await outbox();
    expect(row).toMatchObject({ channel: 'none', status: 'failed', last_error: 'contact_unreadable' });
    expect(warnings).toEqual([
      {
        outboxId: row?.id,
        ticketId: row?.ticket_id,
        channel: 'none',
        attempt: 1,
        errorClass: 'contact_unreadable',
      },
    ]);
    expect(JSON.stringify(warnings)).not.toContain('0812');

    const summary = await outboxSummary(db);
    expect(summary).toMatchObject({ queued: 0, failed: 1 });
    expect(summary.latestFailures).toEqual([
      {
        outboxId: row?.id,
        ticketId: row?.ticket_id,
        reference,
        channel: 'none',
        attempts: 1,
        errorClass: 'contact_unreadable',
        failedAt: clock.toISOString(),
      },
    ]);
  });

  it('sends each message once when two passes run at the same time', async () => {
    for (let i = 0; i < 12; i++) await queueUpdate({ phone: `+62812000000${String(i).padStart(2, '0')}` });
    const [a, b] = await Promise.all([pass(sms(), { batchSize: 2 }), pass(sms(), { batchSize: 2 })]);
    expect((a?.sent ?? 0) + (b?.sent ?? 0)).toBe(12);
    const ids = gateway.calls.map((c) => (JSON.parse(c.body) as { id: string }).id);
    expect(ids).toHaveLength(12);
    expect(new Set(ids).size).toBe(12);
    expect((await deliveries()).length).toBe(12);
  });

  it('takes over a message whose claim lapsed, and leaves a live claim alone', async () => {
    await queueUpdate({ phone: PHONE });
    await queueUpdate({ phone: PHONE });
    const [first, second] = await outbox();
    const lapsed = new Date(clock.getTime() - 1000).toISOString();
    const live = new Date(clock.getTime() + 60_000).toISOString();
    await db
      .updateTable('outbox')
      .set({ status: 'sending', claim_token: 'dead', claimed_until: lapsed })
      .where('id', '=', first?.id ?? 0)
      .execute();
    await db
      .updateTable('outbox')
      .set({ status: 'sending', claim_token: 'busy', claimed_until: live })
      .where('id', '=', second?.id ?? 0)
      .execute();
    expect(await pass(sms())).toEqual({ sent: 1, retried: 0, failed: 0 });
    expect((await outbox()).map((r) => r.status)).toEqual(['sent', 'sending']);
  });
});

describe('migration 005 on a database that already holds messages', () => {
  it('keeps every row and its id, marks sent ones sent and the rest queued, and numbers on after them', async () => {
    const { Migrator, sql } = await import('kysely');
    const { migrationsFor } = await import('../../db/migrations/index.ts');
    const { openSqlite, openDatabase } = await import('../../src/db/database.ts');
    const support = await import('../support/test-database.ts');
    const name = support.newDatabaseName('cekbansos_m005');
    let raw: ReturnType<typeof openSqlite>;
    if (support.TEST_ENGINE === 'postgres') {
      await support.createPostgresDatabase(name);
      raw = openDatabase(support.postgresTarget(name));
    } else {
      raw = openSqlite(':memory:');
    }
    try {
      const migrator = new Migrator({
        db: raw.db,
        provider: { getMigrations: async () => migrationsFor(support.TEST_ENGINE) },
      });
      const before = await migrator.migrateTo('2026-12-01-003-shared-state-and-open-ticket-uniqueness');
      expect(before.error).toBeUndefined();
      const at = '2026-11-30T02:00:00.000Z';
      await raw.db
        .insertInto('regions')
        .values({ code: VILLAGE, parent_code: null, level: 4, name: 'K' })
        .execute();
      const ticket = await raw.db
        .insertInto('tickets')
        .values({
          kind: 'aduan',
          status: 'diteruskan',
          area_code: VILLAGE,
          opened_at: at,
          updated_at: at,
          payload: '{}',
        })
        .returning('id')
        .executeTakeFirstOrThrow();
      const submission = await raw.db
        .insertInto('ticket_submissions')
        .values({
          ticket_id: ticket.id,
          reference: 'ADU-OLDROW01',
          tracking_code_hash: 'x',
          submitted_at: at,
          locale: 'id',
          contact: '{"phone":"0812"}',
          payload: '{}',
          idempotency_key: 'k',
          request_hash: 'h',
          receipt: '{}',
        })
        .returning('id')
        .executeTakeFirstOrThrow();
      const event = await raw.db
        .insertInto('ticket_events')
        .values({
          ticket_id: ticket.id,
          to_status: 'diteruskan',
          actor_role: 'dinsos',
          at,
          visible_to_resident: 1,
        })
        .returning('id')
        .executeTakeFirstOrThrow();
      const old = {
        ticket_id: ticket.id,
        submission_id: submission.id,
        event_id: event.id,
        recipient: '0812',
        body: 'b',
        created_at: at,
      };
      // Written as the pre-005 schema allows (no status column yet): through raw SQL.
      await sql`INSERT INTO outbox (ticket_id, submission_id, event_id, channel, recipient, body, created_at, sent_at, attempts)
        VALUES (${old.ticket_id}, ${old.submission_id}, ${old.event_id}, 'sms', ${old.recipient}, ${old.body}, ${at}, NULL, 0),
               (${old.ticket_id}, ${old.submission_id}, ${old.event_id}, 'sms', ${old.recipient}, ${old.body}, ${at}, ${at}, 1),
               (${old.ticket_id}, ${old.submission_id}, ${old.event_id}, 'email', 'a@b.example', ${old.body}, ${at}, NULL, 2)`.execute(
        raw.db,
      );

      // A gap in the ids: the rebuilt SQLite table must keep them, not renumber.
      await raw.db.deleteFrom('outbox').where('id', '=', 1).execute();
      const after = await migrator.migrateToLatest();
      expect(after.error).toBeUndefined();
      const rows = await raw.db
        .selectFrom('outbox')
        .select(['id', 'channel', 'status', 'attempts', 'next_attempt_at', 'sent_at'])
        .orderBy('id')
        .execute();
      expect(rows).toEqual([
        { id: 2, channel: 'sms', status: 'sent', attempts: 1, next_attempt_at: at, sent_at: at },
        { id: 3, channel: 'email', status: 'queued', attempts: 2, next_attempt_at: at, sent_at: null },
      ]);
      const fresh = await raw.db
        .insertInto('outbox')
        .values({ ...old, channel: 'none', recipient: '', next_attempt_at: at })
        .returning('id')
        .executeTakeFirstOrThrow();
      expect(fresh.id).toBeGreaterThan(3);
      await expect(
        raw.db
          .insertInto('outbox')
          .values({ ...old, channel: 'fax' as 'sms', next_attempt_at: at })
          .execute(),
      ).rejects.toThrow();
    } finally {
      await raw.close();
      if (support.TEST_ENGINE === 'postgres') await support.dropPostgresDatabase(name);
    }
  });
});
