// What a case is for, beyond its kind (issue 19): a desil dispute travels as an usulan (decision
// 0031) and a PBI-JK reactivation as an aduan (decision 0032), but neither proposes a household nor
// complains about a payment; nor does a resident's UU PDP request to see or correct their data
// (decision 0033). The statistics count them apart and the access export names them so.
import { DATA_REQUEST_TOPICS } from '../privacy/data-request.ts';
import { isReactivation } from './reactivation.ts';
import { purposeOf } from './usulan-purpose.ts';
import type { TicketKind } from './workflow.ts';

export const CASE_PURPOSES = [
  'usulan',
  'sanggah_desil',
  'sanggahan',
  'aduan',
  'reaktivasi_pbi_jk',
  'permintaan_data',
] as const;
export type CasePurpose = (typeof CASE_PURPOSES)[number];

/** The kind each purpose travels as. */
export const KIND_OF_PURPOSE: Record<CasePurpose, TicketKind> = {
  usulan: 'usulan',
  sanggah_desil: 'usulan',
  sanggahan: 'sanggahan',
  aduan: 'aduan',
  reaktivasi_pbi_jk: 'aduan',
  permintaan_data: 'aduan',
};

export function casePurposeOf(kind: TicketKind, topic: string | null): CasePurpose {
  if (purposeOf(kind, topic) === 'sanggah_desil') return 'sanggah_desil';
  if (isReactivation({ kind, topic })) return 'reaktivasi_pbi_jk';
  if (kind === 'aduan' && (DATA_REQUEST_TOPICS as readonly (string | null)[]).includes(topic))
    return 'permintaan_data';
  return kind;
}
