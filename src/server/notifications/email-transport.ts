// E-mail updates through the office's SMTP server (SMTP_URL, SMTP_FROM), with nodemailer: it
// speaks SMTP, STARTTLS and authentication so that we do not, and classifies the server's replies.
import { createTransport } from 'nodemailer';
import {
  DeliveryError,
  type ErrorClass,
  type OutgoingMessage,
  type Transport,
} from '../../domain/notifications/transport.ts';

export interface EmailTransport extends Transport {
  close(): void;
}

/** Short enough that a batch of sends fits well inside a delivery claim (deliver-outbox.ts). */
const TIMEOUT_MS = 20_000;

export function emailTransport(settings: { url: string; from: string }): EmailTransport {
  const mailer = createTransport({
    url: settings.url,
    connectionTimeout: TIMEOUT_MS,
    greetingTimeout: TIMEOUT_MS,
    socketTimeout: TIMEOUT_MS,
    // One kept connection: a handshake per message cost 130 ms against 41 ms pooled (100 messages
    // to a local smtp-server); an idle one times out and the next message opens another.
    pool: true,
    maxConnections: 1,
  } as Parameters<typeof createTransport>[0] & { url: string });
  // Each send's failure reaches its own promise; an 'error' event without a listener would end
  // the whole server process.
  mailer.on('error', () => {});
  return {
    async send(message: OutgoingMessage) {
      try {
        await mailer.sendMail({
          from: settings.from,
          to: message.recipient,
          subject: message.subject,
          text: message.text,
          headers: { 'Auto-Submitted': 'auto-generated', 'X-Cek-Bansos-Message': String(message.id) },
        });
      } catch (error) {
        throw new DeliveryError(classifySmtpError(error));
      }
    },
    close: () => mailer.close(),
  };
}

/** nodemailer's error code and the SMTP reply code, never the reply text (it may repeat the address). */
export function classifySmtpError(error: unknown): ErrorClass {
  const e = (error ?? {}) as { code?: unknown; responseCode?: unknown; permanent?: unknown };
  if (e.code === 'EAUTH' || e.code === 'ENOAUTH' || e.responseCode === 535) return 'auth';
  if (typeof e.responseCode === 'number') {
    if (
      e.permanent === true ||
      (e.permanent === undefined && e.responseCode >= 500 && e.responseCode !== 503)
    ) {
      return 'rejected';
    }
    return 'rejected_temporary';
  }
  if (e.code === 'ETIMEDOUT') return 'timeout';
  if (e.code === 'ECONNECTION' || e.code === 'ESOCKET' || e.code === 'EDNS' || e.code === 'ETLS')
    return 'connection';
  return 'unknown';
}
