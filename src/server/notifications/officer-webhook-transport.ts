// An officer's own webhook (decision 0034): one JSON POST per notice to the URL the officer gave,
// signed like the residents' gateway calls (webhook-signature.ts) but with the officer's own key,
// which their settings page shows them. No settings: the URL and the key are the officer's.
import { DeliveryError, type OutgoingMessage, type Transport } from '../../domain/notifications/transport.ts';
import {
  SIGNATURE_HEADER,
  signWebhook,
  TIMESTAMP_HEADER,
} from '../../domain/notifications/webhook-signature.ts';
import { classifyHttpStatus } from './webhook-transport.ts';

const TIMEOUT_MS = 15_000;

/** What the officer's receiver gets: the notice as words, and an id to drop repeats on. */
export interface OfficerWebhookBody {
  /** Stable across retries of one notice. */
  id: string;
  /** `new_case`, `escalation` or `digest`. */
  kind: string;
  /** The case's reference; empty for a digest. */
  reference: string;
  subject: string;
  text: string;
  attempt: number;
}

export function officerWebhookTransport(now: () => Date): Transport {
  return {
    async send(message: OutgoingMessage) {
      // A webhook row without its key: the officer removed the URL after it was queued.
      if (!message.signingSecret) throw new DeliveryError('rejected');
      const payload: OfficerWebhookBody = {
        id: `cek-bansos-outbox-${message.id}`,
        kind: message.status,
        reference: message.reference,
        subject: message.subject,
        text: message.text,
        attempt: message.attempt,
      };
      const body = JSON.stringify(payload);
      const timestamp = Math.floor(now().getTime() / 1000);
      let response: Response;
      try {
        response = await fetch(message.recipient, {
          method: 'POST',
          headers: {
            'content-type': 'application/json',
            'idempotency-key': payload.id,
            [TIMESTAMP_HEADER]: String(timestamp),
            [SIGNATURE_HEADER]: signWebhook(message.signingSecret, timestamp, body),
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
    },
  };
}
