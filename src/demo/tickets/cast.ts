// Who acts in the demo tickets, and the Kota Mojokerto kelurahan they happen in.
import type { Actor } from '../../domain/tickets/ticket-repository.ts';
import { E_WARONG_MOJOKERTO } from '../figures.ts';

export const DESK: Actor = { role: 'dinsos', id: 'demo-slrt' };
export const KELURAHAN: Actor = { role: 'kelurahan', id: 'demo-kelurahan' };
export const RT_RW: Actor = { role: 'rt_rw', id: 'demo-rt' };
export const RESIDENT: Actor = { role: 'warga', id: null };
export const DINSOS: Actor = { role: 'dinsos', id: 'demo-dinsos' };

export const MOJOKERTO_VILLAGES = E_WARONG_MOJOKERTO.flatMap((w) => w.kelurahan);

/** The village code of a Mojokerto kelurahan by its name. */
export const village = (name: string): string => {
  const found = MOJOKERTO_VILLAGES.find((v) => v.name === name);
  if (!found) throw new Error(`no Mojokerto village ${name}`);
  return found.village_code;
};
