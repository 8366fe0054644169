// The SLRT complaint figures the demo tickets reproduce, copied from the seed document so a
// reviewer can hold the statistics against the published table.
import type { AduanProgram } from '../domain/tickets/aduan-catalogue.ts';

export const SLRT_YEARS = [2018, 2019, 2020] as const;
export type SlrtYear = (typeof SLRT_YEARS)[number];

export interface SlrtCategory {
  /** The row label of the seed table. */
  category: string;
  /** The aduan program the complaints are filed under (`payload.program`). */
  program: AduanProgram;
  counts: Readonly<Record<SlrtYear, number>>;
}

/**
 * Seed 002 (Nurofik et al., Kota Mojokerto), Tabel 1 "Rekapitulasi aduan masyarakat pada SLRT
 * PALAPA Kota Mojokerto tahun 2018-2020" (source: Dinas Sosial Kota Mojokerto, 2020). The
 * seed's "Program Indonesia Sehat (PIS)" is PBI-JK/KIS.
 */
export const SLRT_MOJOKERTO: readonly SlrtCategory[] = [
  {
    category: 'Bantuan Pangan Non Tunai (BPNT)',
    program: 'BPNT',
    counts: { 2018: 314, 2019: 557, 2020: 917 },
  },
  { category: 'Program Indonesia Pintar (PIP)', program: 'PIP', counts: { 2018: 78, 2019: 223, 2020: 321 } },
  { category: 'Program Indonesia Sehat (PIS)', program: 'PBI-JK', counts: { 2018: 48, 2019: 107, 2020: 39 } },
  { category: 'Bantuan Lansia', program: 'LANSIA', counts: { 2018: 58, 2019: 165, 2020: 173 } },
  { category: 'Bantuan Tukang Becak', program: 'TUKANG_BECAK', counts: { 2018: 4, 2019: 2, 2020: 14 } },
  { category: 'Bantuan Disabilitas', program: 'DISABILITAS', counts: { 2018: 7, 2019: 20, 2020: 29 } },
  {
    category: 'Bantuan Sarana dan Prasarana Usaha',
    program: 'SARANA_USAHA',
    counts: { 2018: 12, 2019: 19, 2020: 3 },
  },
  {
    category: 'Bantuan Yatim Non Panti',
    program: 'YATIM_NON_PANTI',
    counts: { 2018: 11, 2019: 30, 2020: 55 },
  },
  { category: 'Lain-lain', program: 'LAINNYA', counts: { 2018: 20, 2019: 131, 2020: 137 } },
];

/** Seed 002, Tabel 1, "Jumlah Total". */
export const SLRT_TOTALS: Readonly<Record<SlrtYear, number>> = { 2018: 552, 2019: 1254, 2020: 1688 };
