// An officer's own webhook (decision 0034): one JSON POST per notice to the URL the officer gave,
// signed like the residents' gateway calls (webhook-signature.ts) but with the officer's own key,
// which their settings page shows them. No settings: the URL and the key are the officer's.
import { DeliveryError, type OutgoingMessage, type Transport } from '../../domain/notifications/transport.ts';
import { postSigned } from './webhook-transport.ts';

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
      await postSigned(message.recipient, message.signingSecret, payload.id, payload, now);
    },
  };
}
