// What the delivery loop hands a channel, and how a channel says that it failed. The senders
// themselves (SMTP, the gateway webhook) live in src/server/notifications: this side knows no
// network.
import type { MessageLocale } from '../tickets/status-text.ts';

/** `webhook`: an officer's own URL (decision 0034); residents' SMS go through the office's gateway. */
export type DeliveryChannel = 'sms' | 'email' | 'webhook';

/**
 * One update to one resident (the reference and the new state, nothing else about them), or one
 * notice to an officer (a case's reference, kind, village and due date: what their inbox shows).
 */
export interface OutgoingMessage {
  /** The outbox row: the gateway's idempotency key, the same on every retry. */
  id: number;
  channel: DeliveryChannel;
  recipient: string;
  reference: string;
  /** The ticket's state the message announces (a workflow state name). */
  status: string;
  locale: MessageLocale;
  subject: string;
  text: string;
  /** 1 on the first try. */
  attempt: number;
  /** A resident's update, or an officer's notice (decision 0034). */
  audience: 'resident' | 'officer';
  /** `webhook` only: the officer's own key the call is signed with. */
  signingSecret?: string;
}

export interface Transport {
  /** Resolves once the server accepted the message; throws a DeliveryError otherwise. */
  send(message: OutgoingMessage): Promise<void>;
}

/**
 * Why a delivery failed, in words that carry nothing of the server's reply (which may repeat the
 * recipient's address) into the log.
 */
export const ERROR_CLASSES = [
  /** No answer in time. */
  'timeout',
  /** No connection: refused, reset, DNS. */
  'connection',
  /** The server refused our credentials or signature: a setting to fix; retried meanwhile. */
  'auth',
  /** The server refused this message for now (SMTP 4xx, HTTP 429 or 5xx). */
  'rejected_temporary',
  /** The server refused this message for good (SMTP 5xx, HTTP 4xx): not retried. */
  'rejected',
  /** The submission's contact could not be read: nobody to send to. */
  'contact_unreadable',
  /** Anything else: a bug or a reply we do not understand. */
  'unknown',
] as const;

export type ErrorClass = (typeof ERROR_CLASSES)[number];

const PERMANENT: ReadonlySet<ErrorClass> = new Set(['rejected', 'contact_unreadable']);

export const isPermanent = (errorClass: ErrorClass): boolean => PERMANENT.has(errorClass);

export class DeliveryError extends Error {
  override name = 'DeliveryError';
  constructor(readonly errorClass: ErrorClass) {
    super(`delivery failed: ${errorClass}`);
  }
}

/** The class of any thrown value, recognised by its field rather than `instanceof`. */
export function errorClassOf(error: unknown): ErrorClass {
  const value = (error as { errorClass?: unknown } | null)?.errorClass;
  return typeof value === 'string' && (ERROR_CLASSES as readonly string[]).includes(value)
    ? (value as ErrorClass)
    : 'unknown';
}
