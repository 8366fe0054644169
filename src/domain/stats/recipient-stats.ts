// Public figures: recipients of a program in a period for a region, split by its child regions,
// with small counts hidden so that no household can be singled out.
import { sql } from 'kysely';
import { startsWithLiteral } from '../../db/engine.ts';
import type { DomainDeps } from '../deps.ts';
import { AppError, type FieldErrors } from '../errors.ts';
import { loadCatalogue, type ProgramCatalogue } from '../program-profiles/catalogue.ts';
import { PERIOD_PATTERN } from '../programs.ts';

/** Counts below this are shown as suppressed (null), never as their value. */
export const SUPPRESS_BELOW = 5;

export interface RecipientStatsInput {
  region: string;
  program: string;
  period?: string | undefined;
}

export interface CountCell {
  code: string;
  name: string;
  count: number | null;
  collected: number | null;
}

export interface RecipientStats {
  region: { code: string; name: string };
  /** A program of the office's catalogue, by code. */
  program: string;
  period: string | null;
  total: number | null;
  collected: number | null;
  children: CountCell[];
}

export function suppress(n: number): number | null {
  return n < SUPPRESS_BELOW ? null : n;
}

/** `programs`: the office's catalogue; a program it added is counted like any other. */
export function validateRecipientStats(
  deps: Pick<DomainDeps, 'regions'>,
  input: RecipientStatsInput,
  programs: Pick<ProgramCatalogue, 'get'>,
) {
  const errors: FieldErrors = {};
  const region = deps.regions.get(input.region.trim());
  if (!region) errors.region = 'region.unknown';
  const known = programs.get(input.program) !== undefined;
  if (!known) errors.program = 'program.unknown';
  if (input.period !== undefined && input.period !== '' && !PERIOD_PATTERN.test(input.period)) {
    errors.period = 'period.format';
  }
  if (!region || !known || errors.period) throw new AppError('validation_failed', errors);
  return { region, program: input.program, period: input.period || undefined };
}

/** `programs`: the catalogue when the caller has read it already; else read here (one small query). */
export async function recipientStats(
  deps: DomainDeps,
  input: RecipientStatsInput,
  programs?: Pick<ProgramCatalogue, 'get'>,
): Promise<RecipientStats> {
  const {
    region,
    program,
    period: asked,
  } = validateRecipientStats(deps, input, programs ?? (await loadCatalogue(deps.db)));
  const prefix = `${region.code}.`;
  const inRegion = sql<boolean>`(h.village_code = ${region.code} OR ${startsWithLiteral('h.village_code', prefix)})`;

  const period =
    asked ??
    (
      await deps.db
        .selectFrom('program_memberships as pm')
        .innerJoin('households as h', 'h.id', 'pm.household_id')
        .select((eb) => eb.fn.max('pm.period').as('latest'))
        .where('pm.program_code', '=', program)
        .where(inRegion)
        .executeTakeFirst()
    )?.latest ??
    null;

  const childLength =
    region.level === 4 ? region.code.length : (deps.regions.children(region.code)[0]?.code.length ?? 0);
  const rows = period
    ? await deps.db
        .selectFrom('program_memberships as pm')
        .innerJoin('households as h', 'h.id', 'pm.household_id')
        .select([
          sql<string>`substr(h.village_code, 1, ${childLength})`.as('child'),
          (eb) => eb.fn.countAll<number>().as('count'),
          sql<number>`sum(case when pm.status = 'collected' then 1 else 0 end)`.as('collected'),
        ])
        .where('pm.program_code', '=', program)
        .where('pm.period', '=', period)
        .where(inRegion)
        .groupBy('child')
        .orderBy('child')
        .execute()
    : [];

  const total = rows.reduce((s, r) => s + Number(r.count), 0);
  const collected = rows.reduce((s, r) => s + Number(r.collected), 0);
  return {
    region: { code: region.code, name: region.name },
    program,
    period,
    total: suppress(total),
    collected: suppress(collected),
    children:
      region.level === 4
        ? []
        : rows.map((r) => ({
            code: r.child,
            name: deps.regions.get(r.child)?.name ?? r.child,
            count: suppress(Number(r.count)),
            collected: suppress(Number(r.collected)),
          })),
  };
}

/** Every period a program has data for, newest first: the choices of the figures page. */
export async function availablePeriods(deps: Pick<DomainDeps, 'db'>, program: string): Promise<string[]> {
  const rows = await deps.db
    .selectFrom('program_memberships')
    .select('period')
    .distinct()
    .where('program_code', '=', program)
    .orderBy('period', 'desc')
    .execute();
  return rows.map((r) => r.period);
}
