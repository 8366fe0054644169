// Ticket references (`ADU-7KQ4M9XP`): short, random, and easy to read aloud over the phone and
// type back, so the alphabet leaves out 0/O, 1/I/L and U.
import { randomBytes as cryptoRandomBytes } from 'node:crypto';
import type { TicketKind } from './workflow.ts';

export const REFERENCE_ALPHABET = '23456789ABCDEFGHJKMNPQRSTVWXYZ';
export const REFERENCE_PREFIX: { readonly [K in TicketKind]: string } = {
  usulan: 'USL',
  sanggahan: 'SGH',
  aduan: 'ADU',
};
const REFERENCE_LENGTH = 8;

// Bytes at or above this are dropped: 256 is not a multiple of 30, and keeping them would make
// the first 16 letters more likely than the rest.
const ACCEPT_BELOW = 256 - (256 % REFERENCE_ALPHABET.length);

/** `count` alphabet characters, uniform, drawn from successive byte blocks (rejection sampling). */
export function alphabetChars(nextBlock: (index: number) => Uint8Array, count: number): string {
  let out = '';
  for (let block = 0; out.length < count; block++) {
    for (const byte of nextBlock(block)) {
      if (byte >= ACCEPT_BELOW) continue;
      out += REFERENCE_ALPHABET[byte % REFERENCE_ALPHABET.length];
      if (out.length === count) break;
    }
  }
  return out;
}

export function newReference(
  kind: TicketKind,
  randomBytes: (size: number) => Uint8Array = cryptoRandomBytes,
): string {
  return `${REFERENCE_PREFIX[kind]}-${alphabetChars(() => randomBytes(16), REFERENCE_LENGTH)}`;
}

const REFERENCE_PATTERN = new RegExp(`^(USL|SGH|ADU)([${REFERENCE_ALPHABET}]{${REFERENCE_LENGTH}})$`);

/**
 * The canonical form of what a resident typed (`adu 7kq4 m9xp` → `ADU-7KQ4M9XP`), or null when it
 * cannot be a reference. Look-alikes outside the alphabet (O, 0, I, 1, L, U) are not guessed at:
 * a wrong guess would point at someone else's ticket.
 */
export function normaliseReference(raw: string): string | null {
  const compact = raw.trim().toUpperCase().replace(/[\s-]/g, '');
  const match = REFERENCE_PATTERN.exec(compact);
  return match ? `${match[1]}-${match[2]}` : null;
}

export function kindOfReference(ref: string): TicketKind | null {
  const normalised = normaliseReference(ref);
  if (!normalised) return null;
  const prefix = normalised.slice(0, 3);
  const kinds = Object.keys(REFERENCE_PREFIX) as TicketKind[];
  return kinds.find((kind) => REFERENCE_PREFIX[kind] === prefix) ?? null;
}
