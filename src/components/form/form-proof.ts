// Proof that a posted form came from a page this server gave to this client, for the posts that
// carry neither an Origin nor a same-site Referer (proxy browsers strip both). A form's hidden
// `form_proof` is an HMAC of the client's address and the time the page was made, under the
// server secret: another site cannot make one for a resident's address, and one copied from an
// old page stops counting after a day. Nothing is stored.
import { createHmac, timingSafeEqual } from 'node:crypto';

export const FORM_PROOF_FIELD = 'form_proof';

/** Long enough for a resident to fill a long form slowly, short enough that an old copy dies. */
const VALID_MINUTES = 24 * 60;

function mac(secret: Buffer, clientKey: string, minute: number): string {
  return createHmac('sha256', secret).update(`resident-form:${clientKey}:${minute}`).digest('base64url');
}

export function formProofOf(secret: Buffer, clientKey: string, now: Date): string {
  const minute = Math.floor(now.getTime() / 60_000);
  return `${minute.toString(36)}.${mac(secret, clientKey, minute)}`;
}

export function isFormProofValid(secret: Buffer, clientKey: string, proof: unknown, now: Date): boolean {
  if (typeof proof !== 'string' || proof.length > 80) return false;
  const [stamp, given] = proof.split('.');
  if (!stamp || !given || !/^[0-9a-z]{1,10}$/.test(stamp)) return false;
  const minute = Number.parseInt(stamp, 36);
  const age = Math.floor(now.getTime() / 60_000) - minute;
  if (age < 0 || age > VALID_MINUTES) return false;
  const expected = Buffer.from(mac(secret, clientKey, minute));
  const actual = Buffer.from(given);
  return actual.length === expected.length && timingSafeEqual(actual, expected);
}
