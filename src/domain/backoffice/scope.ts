// Which tickets exist for an officer: an RT/RW head sees their RT/RW, a kelurahan operator their
// village, the Dinas Sosial their regency (and, at the deployment's SLRT desk, the complaints that
// name no place: `Officer.receivesPlaceless`, decision 0023). Outside that area a ticket is "not found", never "forbidden".
import { type ExpressionBuilder, sql } from 'kysely';
import type { Database } from '../../db/schema.ts';
import { AppError } from '../errors.ts';
import type { RegionDirectory } from '../regions/region-directory.ts';
import type { Officer } from './officer.ts';
import { areaLevelOf, canSeeCase, type Placed, type VillagesOf, villagesCovered } from './permissions.ts';

export type { Placed, VillagesOf } from './permissions.ts';
export { regencyOfArea } from './permissions.ts';

/** Whether a ticket exists for the officer: the area rule, named in permissions.ts. */
export const inScope: (officer: Officer, ticket: Placed) => boolean = canSeeCase;

/**
 * The same rule as `inScope`, as a WHERE on `tickets as t`. `inText`: a regency's villages are
 * written into the statement's text rather than bound (`areaCodesInText`), for a statement kept
 * prepared and run again and again, as the inbox's.
 */
export function scopeWhere(officer: Officer, villagesOf: VillagesOf, inText = false) {
  // Listed rather than matched by prefix: `LIKE '35.76.%'` uses no index on SQLite, nor on
  // PostgreSQL under a non-C collation.
  const level = areaLevelOf(officer);
  const villages = level === 'regency' ? villagesCovered(officer, villagesOf) : [];
  const listed = (codes: string[]) => (inText ? areaCodesInText(codes) : codes);
  return (eb: ExpressionBuilder<Database & { t: Database['tickets'] }, 't'>) => {
    const area = officer.areaCode ?? '';
    switch (level) {
      case 'rt':
        return eb.and([
          eb('t.area_code', '=', area),
          eb('t.rt', '=', officer.rt ?? ''),
          eb('t.rw', '=', officer.rw ?? ''),
        ]);
      case 'village':
        return eb('t.area_code', '=', area);
      case 'regency':
        // One expression, not an OR: the inbox can then walk its due-date index (or the state
        // index, for the counts) and test each entry, instead of merging two index searches.
        return officer.receivesPlaceless
          ? eb(eb.fn.coalesce('t.area_code', eb.val('')), 'in', listed(['', ...villages]))
          : eb('t.area_code', 'in', listed(villages.length > 0 ? villages : ['']));
      default:
        // No ticket has a negative id. Not `eb.val(false)`: a bound boolean is no value SQLite takes.
        return eb('t.id', '<', 0);
    }
  };
}

/**
 * Area codes as literals of the statement's text. SQLite builds a list of bound values into a
 * lookup table on every run of the statement, and binds each value: at a regency's 19 villages,
 * twice in the inbox's statement, that was half of the statement's time (115 → 58 µs). Written
 * in, the list is part of the prepared statement. Only codes of the region directory come here;
 * Kysely quotes a literal all the same.
 */
export function areaCodesInText(codes: readonly string[]) {
  return codes.map((code) => sql.lit(code));
}

/**
 * The same rule as `scopeWhere`, for the open-case counts kept per village (migration 031), whose
 * `area_code` is never null: '' stands for the cases that name no place. The area codes of the
 * rows to add up; none for an RT/RW head (the counts know no RT/RW) or an officer without an area.
 * A plain list, so that PostgreSQL reads the counts through their key instead of every row.
 */
export function countedAreas(officer: Officer, villagesOf: VillagesOf): string[] {
  switch (areaLevelOf(officer)) {
    case 'village':
      return officer.areaCode ? [officer.areaCode] : [];
    case 'regency': {
      const villages = villagesCovered(officer, villagesOf);
      return officer.receivesPlaceless ? ['', ...villages] : villages;
    }
    default:
      return [];
  }
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
