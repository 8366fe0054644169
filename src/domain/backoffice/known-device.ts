// A browser that has signed in to an account before carries a signed cookie naming it (OWASP's
// "device cookie", decision 0023). Its failed sign-ins to that account are counted per device,
// not per address, so the staff of an office behind one NAT address cannot lock each other out,
// and a guesser at the same address does not lock out the owner's own browser. The cookie holds
// a random id and a MAC over it and the account; no name, nothing a guesser can forge.
import { createHash, createHmac, randomBytes, timingSafeEqual } from 'node:crypto';

export const DEVICE_COOKIE = 'cb_perangkat';
/** A year: an office's computer is the same computer next month. */
export const DEVICE_COOKIE_MAX_AGE_SECONDS = 365 * 24 * 3600;

const ID = /^[A-Za-z0-9_-]{22}$/;

export function accountKey(username: string): string {
  return createHash('sha256').update(username.trim().toLowerCase()).digest('base64url');
}

const macOf = (secret: Buffer, username: string, id: string) =>
  createHmac('sha256', secret)
    .update(`known-device:${accountKey(username)}:${id}`)
    .digest()
    .subarray(0, 16);

/** The device id the cookie proves for this account, or null (absent, forged, another account). */
export function knownDevice(secret: Buffer, username: string, cookie: string | undefined): string | null {
  if (typeof cookie !== 'string' || cookie.length > 64) return null;
  const [id, mac, ...rest] = cookie.split('.');
  if (rest.length > 0 || !id || !mac || !ID.test(id)) return null;
  const given = Buffer.from(mac, 'base64url');
  const expected = macOf(secret, username, id);
  return given.length === expected.length && timingSafeEqual(given, expected) ? id : null;
}

/** The cookie's value after a successful sign-in: the same device id, or a new one. */
export function deviceCookieFor(secret: Buffer, username: string, id: string | null): string {
  const deviceId = id ?? randomBytes(16).toString('base64url');
  return `${deviceId}.${macOf(secret, username, deviceId).toString('base64url')}`;
}
