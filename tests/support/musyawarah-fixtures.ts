// "Proposals waiting for the Musyawarah" in one call: residents of RT 008 / RW 004 Wates propose
// their households and the RT head verifies each, so they are on the village's next list.
import { randomUUID } from 'node:crypto';
import { moveCase } from '../../src/domain/backoffice/case-work.ts';
import { WAITING_FOR_MUSYAWARAH } from '../../src/domain/backoffice/musyawarah.ts';
import type { DomainDeps } from '../../src/domain/deps.ts';
import { submitUsulan } from '../../src/domain/tickets/submit-usulan.ts';
import { officerNamed } from './domain-calls.ts';
import { usulanBody } from './ticket-fixtures.ts';

export const WATES = '35.76.02.1010';

/** Names take no digits: 0 → "A", 25 → "Z", 26 → "Ab". */
const letters = (n: number) =>
  String.fromCharCode(65 + (n % 26)) + (n >= 26 ? String.fromCharCode(97 + (Math.floor(n / 26) % 26)) : '');

export interface WaitingProposal {
  id: number;
  /** The ticket's version as the village's list shows it. */
  version: number;
  reference: string;
  trackingCode: string;
}

export async function proposalsWaitingForMusyawarah(
  deps: DomainDeps,
  count: number,
): Promise<WaitingProposal[]> {
  const rt = await officerNamed(deps.db, 'rt008.wates');
  const waiting: WaitingProposal[] = [];
  for (let i = 0; i < count; i++) {
    const receipt = await submitUsulan(
      deps,
      usulanBody({ head_name: `Warga Wates ${letters(i)}`, village_code: WATES, rt: '8', rw: '4' }),
      { idempotencyKey: `musyawarah-${randomUUID()}`, locale: 'id', attachments: [], clientKey: 'rt-phone' },
    );
    const { ticket_id: id } = await deps.db
      .selectFrom('ticket_submissions')
      .select('ticket_id')
      .where('reference', '=', receipt.reference)
      .executeTakeFirstOrThrow();
    await moveCase(deps, rt, { ticketId: id, to: WAITING_FOR_MUSYAWARAH, expectedVersion: 0 }, 'rt-phone');
    waiting.push({ id, version: 1, reference: receipt.reference, trackingCode: receipt.tracking_code });
  }
  return waiting;
}
