// SMS/WhatsApp updates through the gateway the office contracts: one signed JSON POST per message
// to NOTIFY_WEBHOOK_URL. The README describes the body and how the gateway checks the signature.
import {
  DeliveryError,
  type ErrorClass,
  type OutgoingMessage,
  type Transport,
} from '../../domain/notifications/transport.ts';
import {
  SIGNATURE_HEADER,
  signWebhook,
  TIMESTAMP_HEADER,
} from '../../domain/notifications/webhook-signature.ts';

const TIMEOUT_MS = 15_000;

/** What the gateway receives: the message as sent to the resident, and ids to deduplicate on. */
export interface WebhookBody {
  /** Stable across retries of one message. */
  id: string;
  channel: 'sms';
  to: string;
  text: string;
  reference: string;
  status: string;
  locale: 'id' | 'en';
  attempt: number;
}

export function webhookTransport(settings: { url: string; secret: string }, now: () => Date): Transport {
  return {
    async send(message: OutgoingMessage) {
      const payload: WebhookBody = {
        id: `cek-bansos-outbox-${message.id}`,
        channel: 'sms',
        to: message.recipient,
        text: message.text,
        reference: message.reference,
        status: message.status,
        locale: message.locale,
        attempt: message.attempt,
      };
      await postSigned(settings.url, settings.secret, payload.id, payload, now);
    },
  };
}

/**
 * One signed JSON POST (webhook-signature.ts), its outcome as a delivery error: the residents'
 * gateway and an officer's own webhook are called the same way, each with its key. The reply is
 * not read: it is the receiver's, and may repeat what was sent.
 */
export async function postSigned(
  url: string,
  secret: string,
  idempotencyKey: string,
  payload: unknown,
  now: () => Date,
): Promise<void> {
  const body = JSON.stringify(payload);
  const timestamp = Math.floor(now().getTime() / 1000);
  let response: Response;
  try {
    response = await fetch(url, {
      method: 'POST',
      headers: {
        'content-type': 'application/json',
        'idempotency-key': idempotencyKey,
        [TIMESTAMP_HEADER]: String(timestamp),
        [SIGNATURE_HEADER]: signWebhook(secret, timestamp, body),
      },
      body,
      redirect: 'error',
      signal: AbortSignal.timeout(TIMEOUT_MS),
    });
  } catch (error) {
    const name = (error as { name?: string } | null)?.name;
    throw new DeliveryError(name === 'TimeoutError' || name === 'AbortError' ? 'timeout' : 'connection');
  }
  await response.body?.cancel().catch(() => {});
  if (!response.ok) throw new DeliveryError(classifyHttpStatus(response.status));
}

export function classifyHttpStatus(status: number): ErrorClass {
  if (status === 401 || status === 403) return 'auth';
  if (status === 408 || status === 425 || status === 429 || status >= 500) return 'rejected_temporary';
  if (status >= 400) return 'rejected';
  // A redirect or an informational answer: not accepted, and nothing we understand.
  return 'unknown';
}
