// Which tickets exist for an officer: an RT/RW head sees their RT/RW, a kelurahan operator their
// village, the Dinas Sosial their regency (and the complaints that name no place, which only the
// SLRT desk can route). Outside that area a ticket is "not found", never "forbidden".
import type { ExpressionBuilder } from 'kysely';
import { startsWithLiteral } from '../../db/engine.ts';
import type { Database } from '../../db/schema.ts';
import { AppError } from '../errors.ts';
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
      return ticket.area_code === null || ticket.area_code.startsWith(`${officer.areaCode}.`);
    default:
      return false;
  }
}

/** The same rule as `inScope`, as a WHERE on `tickets as t`. */
export function scopeWhere(officer: Officer) {
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
        return eb.or([eb('t.area_code', 'is', null), startsWithLiteral('t.area_code', `${area}.`)]);
      default:
        return eb.val(false);
    }
  };
}

/** Throws `not_found` for a ticket outside the officer's area (or missing). */
export function assertInScope<T extends Placed>(officer: Officer, ticket: T | undefined): T {
  if (!ticket || !inScope(officer, ticket)) throw new AppError('not_found', { ticket: 'ticket.not_found' });
  return ticket;
}
