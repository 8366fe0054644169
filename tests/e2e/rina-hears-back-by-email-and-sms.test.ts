// Rina files a complaint with her phone and e-mail; an officer forwards it; the built server's
// delivery loop e-mails her through a real SMTP server and texts her through the gateway webhook,
// both started here. A server without channel settings keeps the update queued, and
// `npm run outbox:deliver` (the bundled CLI) sends it in one pass.
import { spawn } from 'node:child_process';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { databaseFile, openSqlite } from '../../src/db/database.ts';
import {
  SIGNATURE_HEADER,
  TIMESTAMP_HEADER,
  verifyWebhookSignature,
} from '../../src/domain/notifications/webhook-signature.ts';
import { DEFAULT_TICKET_SETTINGS } from '../../src/domain/tickets/settings.ts';
import { transitionTicket } from '../../src/domain/tickets/ticket-repository.ts';
import { type BuiltServer, builtServerAvailable, startBuiltServer } from '../support/built-server.ts';
import {
  type SmtpReceiver,
  startSmtpReceiver,
  startWebhookReceiver,
  type WebhookReceiver,
} from '../support/notification-receivers.ts';
import { aduanBody } from '../support/ticket-fixtures.ts';

const available = builtServerAvailable();
const SECRET = 'rina-test-webhook-secret-0123456789abcdef';
const FROM = 'Dinas Sosial <noreply@dinsos.example.go.id>';
const NAME = 'Rina Marlina';
const PHONE = '081234567890';
const EMAIL = 'rina.marlina@example.com';

let smtp: SmtpReceiver;
let gateway: WebhookReceiver;

beforeAll(async () => {
  if (!available) return;
  [smtp, gateway] = await Promise.all([startSmtpReceiver(), startWebhookReceiver()]);
});
afterAll(async () => {
  await Promise.all([smtp?.close(), gateway?.close()]);
});

const channelSettings = () => ({
  SMTP_URL: smtp.url,
  SMTP_FROM: FROM,
  NOTIFY_WEBHOOK_URL: gateway.url,
  NOTIFY_WEBHOOK_SECRET: SECRET,
});

/** Files the complaint through the API and has the SLRT desk forward it, as the back office will. */
async function fileAndForward(server: BuiltServer): Promise<string> {
  const response = await fetch(`${server.url}/api/v1/aduan`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify(
      aduanBody({ contact: { anonymous: false, name: NAME, phone: PHONE, email: EMAIL } }),
    ),
  });
  expect(response.status).toBe(201);
  const { reference } = (await response.json()) as { reference: string };
  const opened = openSqlite(databaseFile(server.dataDir));
  try {
    const { ticket_id } = await opened.db
      .selectFrom('ticket_submissions')
      .select('ticket_id')
      .where('reference', '=', reference)
      .executeTakeFirstOrThrow();
    await transitionTicket(
      opened.db,
      { now: () => new Date(), tickets: DEFAULT_TICKET_SETTINGS },
      {
        ticketId: ticket_id,
        to: 'diteruskan',
        actor: { role: 'dinsos', id: 'slrt-1' },
        unit: 'bank_penyalur',
        note: `KKS atas nama ${NAME} diminta dibuka blokirnya.`,
        noteAudience: 'resident',
      },
    );
  } finally {
    await opened.close();
  }
  return reference;
}

function expectNoContactIn(lines: { text: string }[]) {
  const all = lines.map((l) => l.text).join('\n');
  for (const secret of [EMAIL, PHONE, PHONE.slice(1), NAME, 'Rina']) expect(all).not.toContain(secret);
}

describe.runIf(available)('Rina hears back', () => {
  it('by e-mail and SMS from the running server, signed, with only her reference and the new state', async () => {
    const server = await startBuiltServer({ ...channelSettings(), OUTBOX_INTERVAL_SECONDS: '1' });
    try {
      smtp.mails.length = 0;
      gateway.calls.length = 0;
      const reference = await fileAndForward(server);
      await vi.waitFor(
        () => {
          expect(smtp.mails).toHaveLength(1);
          expect(gateway.calls).toHaveLength(1);
        },
        { timeout: 20_000, interval: 100 },
      );
      const [mail] = smtp.mails;
      expect(mail?.to).toEqual([EMAIL]);
      expect(mail?.raw).toContain(`Subject: Pembaruan tiket ${reference}`);
      expect(mail?.raw).toContain(`Tiket ${reference}: diteruskan ke unit terkait.`);
      expect(mail?.raw).not.toContain(NAME);
      expect(mail?.raw).not.toContain('blokir');

      const [call] = gateway.calls;
      const body = JSON.parse(call?.body ?? '{}') as Record<string, unknown>;
      expect(body).toMatchObject({ channel: 'sms', reference, status: 'diteruskan', attempt: 1 });
      expect(String(body.text)).not.toContain(NAME);
      expect(
        verifyWebhookSignature({
          secret: SECRET,
          timestamp: call?.headers[TIMESTAMP_HEADER] as string,
          signature: call?.headers[SIGNATURE_HEADER] as string,
          body: call?.body ?? '',
          now: new Date(),
        }),
      ).toBe(true);
      expectNoContactIn(server.lines);
    } finally {
      await server.stop();
    }
  });

  it('queued while the server has no channel settings, then sent by npm run outbox:deliver', async () => {
    const server = await startBuiltServer({ OUTBOX_INTERVAL_SECONDS: '1' });
    try {
      smtp.mails.length = 0;
      gateway.calls.length = 0;
      const reference = await fileAndForward(server);
      expect(
        server.lines.some((l) => l.text.includes('no channel configured, updates to residents stay queued')),
      ).toBe(true);

      const cli = spawn(process.execPath, [path.resolve('dist/node/outbox-deliver.mjs')], {
        env: { PATH: process.env.PATH ?? '', DATA_DIR: server.dataDir, ...channelSettings() },
        stdio: ['ignore', 'pipe', 'pipe'],
      });
      let output = '';
      cli.stdout.on('data', (chunk: Buffer) => {
        output += chunk.toString('utf8');
      });
      cli.stderr.on('data', (chunk: Buffer) => {
        output += chunk.toString('utf8');
      });
      const code = await new Promise<number | null>((resolve) => cli.once('exit', resolve));
      expect(code, output).toBe(0);
      expect(output).toContain('"sent":2');
      expect(smtp.mails.map((m) => m.to)).toEqual([[EMAIL]]);
      expect(gateway.calls).toHaveLength(1);
      expect(smtp.mails[0]?.raw).toContain(reference);
      expectNoContactIn(output.split('\n').map((text) => ({ text })));
      expectNoContactIn(server.lines);
    } finally {
      await server.stop();
    }
  });
});
