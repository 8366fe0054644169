// What an usulan is for. A plain usulan proposes a household for the register; a `sanggah_desil`
// disputes the desil of a household already in it (issue 19, decision 0031). Both take the same
// road (RT/RW → kelurahan → field verification → Dinas Sosial) and the same state machine; the
// purpose is kept in the ticket's `topic` column, which usulan did not use, so inbox filters,
// statistics and the SLA can tell them apart without a new ticket kind.
import type { TicketKind } from './workflow.ts';

export const USULAN_PURPOSES = ['sanggah_desil'] as const;
export type UsulanPurpose = (typeof USULAN_PURPOSES)[number];

export const isUsulanPurpose = (value: unknown): value is UsulanPurpose =>
  typeof value === 'string' && (USULAN_PURPOSES as readonly string[]).includes(value);

/** The purpose of a case of `kind` whose `topic` is this, or null (a plain usulan, or another kind). */
export function purposeOf(kind: string, topic: string | null | undefined): UsulanPurpose | null {
  return kind === 'usulan' && isUsulanPurpose(topic) ? topic : null;
}

/** The catalogue key naming a case: `kind.usulan`, or `kind.usulan.sanggah_desil` for a dispute. */
export function kindKey(kind: TicketKind | string, topic?: string | null): string {
  const purpose = purposeOf(kind, topic);
  return purpose ? `kind.${kind}.${purpose}` : `kind.${kind}`;
}
