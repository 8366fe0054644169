// Which tickets exist for an officer: an RT/RW head sees their RT/RW, a kelurahan operator their
// village, the Dinas Sosial their regency (and, at the deployment's SLRT desk, the complaints that
// name no place: `Officer.receivesPlaceless`, decision 0023). Outside that area a ticket is "not found", never "forbidden".
import type { ExpressionBuilder } from 'kysely';
import type { Database } from '../../db/schema.ts';
import { AppError } from '../errors.ts';
import type { RegionDirectory } from '../regions/region-directory.ts';
import type { Officer } from './officer.ts';

export interface Placed {
  area_code: string | null;
  rt: string | null;
  rw: string | null;
}

export function inScope(officer: Officer, ticket: Placed): boolean {
  switch (officer.role) {
    case 'rt_rw':
      return ticket.area_code === officer.areaCode && ticket.rt === officer.rt && ticket.rw === officer.rw;
    case 'kelurahan':
      return ticket.area_code === officer.areaCode;
    case 'dinsos':
      return ticket.area_code === null
        ? officer.receivesPlaceless
        : ticket.area_code.startsWith(`${officer.areaCode}.`);
    default:
      return false;
  }
}

/** The regency of an area code (a village's, a district's or a regency's own). */
export const regencyOfArea = (code: string | null): string | null =>
  code ? code.split('.').slice(0, 2).join('.') : null;

/** The village codes of a regency, for a WHERE … IN that both engines answer from an index. */
export type VillagesOf = (regencyCode: string) => string[];

/** The same rule as `inScope`, as a WHERE on `tickets as t`. */
export function scopeWhere(officer: Officer, villagesOf: VillagesOf) {
  // Listed rather than matched by prefix: `LIKE '35.76.%'` uses no index on SQLite, nor on
  // PostgreSQL under a non-C collation.
  const villages = officer.role === 'dinsos' && officer.areaCode ? villagesOf(officer.areaCode) : [];
  return (eb: ExpressionBuilder<Database & { t: Database['tickets'] }, 't'>) => {
    const area = officer.areaCode ?? '';
    switch (officer.role) {
      case 'rt_rw':
        return eb.and([
          eb('t.area_code', '=', area),
          eb('t.rt', '=', officer.rt ?? ''),
          eb('t.rw', '=', officer.rw ?? ''),
        ]);
      case 'kelurahan':
        return eb('t.area_code', '=', area);
      case 'dinsos':
        // One expression, not an OR: the inbox can then walk its due-date index (or the state
        // index, for the counts) and test each entry, instead of merging two index searches.
        return officer.receivesPlaceless
          ? eb(eb.fn.coalesce('t.area_code', eb.val('')), 'in', ['', ...villages])
          : eb('t.area_code', 'in', villages.length > 0 ? villages : ['']);
      default:
        // No ticket has a negative id. Not `eb.val(false)`: a bound boolean is no value SQLite takes.
        return eb('t.id', '<', 0);
    }
  };
}

/** Throws `not_found` for a ticket outside the officer's area (or missing). */
export function assertInScope<T extends Placed>(officer: Officer, ticket: T | undefined): T {
  if (!ticket || !inScope(officer, ticket)) throw new AppError('not_found', { ticket: 'ticket.not_found' });
  return ticket;
}

/** Every village under a regency, from the region tree in memory. */
export function villagesUnder(regions: RegionDirectory): VillagesOf {
  return (regencyCode) =>
    regions.children(regencyCode).flatMap((district) => regions.children(district.code).map((v) => v.code));
}
