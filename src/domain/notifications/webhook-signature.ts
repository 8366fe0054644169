// The signature on each webhook call, so the gateway knows the call came from this office and is
// not a replay: HMAC-SHA256 over "<timestamp>.<body>" with the shared NOTIFY_WEBHOOK_SECRET.
// The README shows the gateway's side; `verifyWebhookSignature` is that side, in code.
import { createHmac, timingSafeEqual } from 'node:crypto';

export const SIGNATURE_HEADER = 'x-cek-bansos-signature';
export const TIMESTAMP_HEADER = 'x-cek-bansos-timestamp';

/** `v1=<64 hex digits>` for the body as sent, byte for byte, at `timestamp` (Unix seconds). */
export function signWebhook(secret: string, timestamp: number, body: string): string {
  const mac = createHmac('sha256', secret).update(`${timestamp}.${body}`).digest('hex');
  return `v1=${mac}`;
}

/** A gateway should refuse calls older than this: a captured call cannot be replayed later. */
export const DEFAULT_TOLERANCE_SECONDS = 300;

export function verifyWebhookSignature(input: {
  secret: string;
  timestamp: string | null | undefined;
  signature: string | null | undefined;
  body: string;
  now: Date;
  toleranceSeconds?: number;
}): boolean {
  const { timestamp, signature } = input;
  if (!timestamp || !signature || !/^\d{1,12}$/.test(timestamp)) return false;
  const age = Math.abs(input.now.getTime() / 1000 - Number(timestamp));
  if (age > (input.toleranceSeconds ?? DEFAULT_TOLERANCE_SECONDS)) return false;
  const expected = Buffer.from(signWebhook(input.secret, Number(timestamp), input.body));
  const given = Buffer.from(signature);
  return given.length === expected.length && timingSafeEqual(given, expected);
}
