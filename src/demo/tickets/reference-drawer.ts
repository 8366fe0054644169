// References drawn from a seeded stream (never one the showcase holds, never twice), and the
// tracking code nobody knows that the historical tickets share.
import { randomBytes } from 'node:crypto';
import { newReference } from '../../domain/tickets/reference.ts';
import type { TicketKind } from '../../domain/tickets/workflow.ts';
import { Random } from '../random.ts';
import { DEMO_TICKETS } from './showcase-tickets.ts';

export class ReferenceDrawer {
  readonly #rng: Random;
  readonly #taken = new Set<string>(DEMO_TICKETS.map((t) => t.reference));

  constructor(seed: number) {
    this.#rng = new Random(seed);
  }

  reserve(reference: string): void {
    this.#taken.add(reference);
  }

  next(kind: TicketKind): string {
    for (;;) {
      const reference = newReference(kind, (size) =>
        Uint8Array.from({ length: size }, () => this.#rng.int(0, 255)),
      );
      if (!this.#taken.has(reference)) {
        this.#taken.add(reference);
        return reference;
      }
    }
  }
}

/** A tracking code drawn from the OS and forgotten at once: nobody can track those tickets. */
export function unknowableCode(): string {
  const alphabet = '23456789ABCDEFGHJKMNPQRSTVWXYZ';
  const chars = [...randomBytes(10)].map((b) => alphabet[b % alphabet.length]).join('');
  return `${chars.slice(0, 5)}-${chars.slice(5)}`;
}
