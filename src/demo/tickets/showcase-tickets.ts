// The tickets the README lists for trying Lacak: their references and codes never change.
import type { TicketKind } from '../../domain/tickets/workflow.ts';

/** The day the live cases are placed around: "overdue" means overdue on this day. */
export const DEMO_TODAY = '2026-11-23';

export type DemoTicketKey =
  | 'usulan_perlu_perbaikan'
  | 'usulan_ditetapkan'
  | 'sanggahan_diperiksa'
  | 'aduan_selesai'
  | 'aduan_terlambat';

export interface DemoTicket {
  key: DemoTicketKey;
  label: string;
  reference: string;
  trackingCode: string;
  kind: TicketKind;
  status: string;
}

/** The cases the README lists for trying Lacak; their references and codes never change. */
export const DEMO_TICKETS: readonly DemoTicket[] = [
  {
    key: 'usulan_perlu_perbaikan',
    label: 'Usulan sent back for corrections (perlu_perbaikan): answer it from Lacak',
    reference: 'USL-7DEM2PRB',
    trackingCode: 'PRBKT-4MQ7X',
    kind: 'usulan',
    status: 'perlu_perbaikan',
  },
  {
    key: 'usulan_ditetapkan',
    label: 'Usulan that went every step to ditetapkan (accepted into DTKS)',
    reference: 'USL-5TPKW3GA',
    trackingCode: 'DTKS5-3GAWN',
    kind: 'usulan',
    status: 'ditetapkan',
  },
  {
    key: 'sanggahan_diperiksa',
    label: 'Sanggahan being checked by the kelurahan (diperiksa_kelurahan), joined by a second objection',
    reference: 'SGH-3PKR8HTV',
    trackingCode: 'KRHN3-8X3VP',
    kind: 'sanggahan',
    status: 'diperiksa_kelurahan',
  },
  {
    key: 'aduan_selesai',
    label: 'Aduan about a blocked KKS, answered (selesai): can be reopened once',
    reference: 'ADU-7KQ4M9XP',
    trackingCode: 'SRS4K-7QWXM',
    kind: 'aduan',
    status: 'selesai',
  },
  {
    key: 'aduan_terlambat',
    label: 'Aduan about PKH forwarded to the PKH facilitator and overdue (diteruskan, terlambat)',
    reference: 'ADU-TRB6HN2K',
    trackingCode: 'TRMBT-6HW2K',
    kind: 'aduan',
    status: 'diteruskan',
  },
];
