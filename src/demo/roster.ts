// Who is listed in each period of a program, and who collected. Lists change between periods
// as real ones do (some households leave, others join), while the number listed per group and
// the number who collected per period hit the published figures exactly.
import { SUSPENSION_REASONS, type SuspensionReason } from '../domain/programs.ts';
import type { Random } from './random.ts';

export type PastStatus = 'collected' | 'not_collected' | 'suspended';

export interface RosterRow {
  household: number;
  status: PastStatus;
  suspension_reason: SuspensionReason | null;
}

export interface Pin {
  status: PastStatus;
  suspension_reason: SuspensionReason | null;
}

export interface RosterPlan {
  periods: readonly string[];
  /** The households each group (kelurahan) can list, in a fixed order. */
  pools: readonly (readonly number[])[];
  /** listed[period][group]: how many of the group's pool are listed in that period. */
  listed: readonly (readonly number[])[];
  /** collected[period]: how many listed households collected, over all groups. */
  collected: readonly number[];
  /** Statuses fixed in advance (the showcase households): household → period → status. */
  pins: ReadonlyMap<number, ReadonlyMap<string, Pin>>;
  /** Share of a group's listed households replaced by others from one period to the next. */
  churn: number;
  /** Whether a household whose aid ended (death, moving away) leaves the list the next period. */
  dropEnded: boolean;
  /** Share of the households that did not collect who were suspended rather than simply absent. */
  suspendedShare: number;
}

/** Reasons that end the aid: the household stays suspended until it leaves the list. */
const ENDING: ReadonlySet<SuspensionReason> = new Set(['penerima_meninggal', 'pindah']);

/** Chance that a suspension still holds the next period. */
const PERSISTS: Record<SuspensionReason, number> = {
  data_tidak_padan_dukcapil: 0.6,
  masalah_rekening: 0.5,
  penerima_meninggal: 1,
  program_eksklusif: 0.9,
  pindah: 1,
};

const REASON_WEIGHTS: readonly (readonly [SuspensionReason, number])[] = [
  ['data_tidak_padan_dukcapil', 0.35],
  ['masalah_rekening', 0.33],
  ['penerima_meninggal', 0.08],
  ['program_eksklusif', 0.12],
  ['pindah', 0.12],
];

/** Rows per period, in household order. */
export function simulateRoster(rng: Random, plan: RosterPlan): RosterRow[][] {
  if (REASON_WEIGHTS.length !== SUSPENSION_REASONS.length)
    throw new Error('a suspension reason has no weight');
  const listedByGroup = plan.pools.map(() => new Set<number>());
  const ended = new Set<number>();
  let previous = new Map<number, RosterRow>();
  const result: RosterRow[][] = [];

  plan.periods.forEach((period, p) => {
    plan.pools.forEach((pool, g) => {
      const target = plan.listed[p]?.[g] ?? 0;
      listedByGroup[g] = relist(rng, plan, {
        period,
        pool,
        target,
        listed: listedByGroup[g] ?? new Set(),
        previous,
        ended,
      });
    });
    const listed = listedByGroup.flatMap((s) => [...s]).sort((a, b) => a - b);
    const rows = assignStatuses(rng, plan, { period, listed, collected: plan.collected[p] ?? 0, previous });
    result.push(rows);
    previous = new Map(rows.map((r) => [r.household, r]));
  });
  return result;
}

interface RelistInput {
  period: string;
  pool: readonly number[];
  target: number;
  listed: Set<number>;
  previous: ReadonlyMap<number, RosterRow>;
  ended: Set<number>;
}

/** The group's list for this period: last period's, less leavers, plus joiners, `target` in all. */
function relist(rng: Random, plan: RosterPlan, input: RelistInput): Set<number> {
  const { period, pool, target, previous, ended } = input;
  const pinned = (h: number) => plan.pins.get(h)?.has(period) ?? false;
  const staying = new Set(input.listed);

  if (plan.dropEnded) {
    for (const h of staying) {
      const last = previous.get(h);
      if (last?.suspension_reason && ENDING.has(last.suspension_reason) && !pinned(h)) {
        staying.delete(h);
        ended.add(h);
      }
    }
  }

  const available = pool.filter((h) => !staying.has(h) && !ended.has(h));
  const droppable = [...staying].filter((h) => !pinned(h));
  const wanted = Math.round(staying.size * plan.churn * (0.5 + rng.float()));
  const leavers = Math.min(
    Math.max(wanted, staying.size - target),
    droppable.length,
    available.length - (target - staying.size),
  );
  if (leavers < 0 || staying.size - leavers > target) {
    throw new Error(`cannot list ${target} households of a pool of ${pool.length} in ${period}`);
  }
  for (const h of rng.sample(droppable, leavers)) staying.delete(h);

  const mustJoin = available.filter(pinned);
  const mayJoin = available.filter((h) => !pinned(h));
  const joiners = [...mustJoin, ...rng.sample(mayJoin, target - staying.size - mustJoin.length)];
  for (const h of joiners) staying.add(h);
  return staying;
}

interface StatusInput {
  period: string;
  listed: readonly number[];
  collected: number;
  previous: ReadonlyMap<number, RosterRow>;
}

/**
 * Exactly `collected` of the listed collect. Suspensions carry over from the last period (aid
 * that ended stays suspended), new ones top the suspended up to its share of the rest, and the
 * remainder simply did not collect.
 */
function assignStatuses(rng: Random, plan: RosterPlan, input: StatusInput): RosterRow[] {
  const { period, listed, previous } = input;
  const rows = new Map<number, RosterRow>();
  const notCollected = listed.length - input.collected;

  for (const h of listed) {
    const pin = plan.pins.get(h)?.get(period);
    if (pin) rows.set(h, { household: h, ...pin });
  }
  const pinnedMissing = [...rows.values()].filter((r) => r.status !== 'collected').length;
  const pinnedSuspended = [...rows.values()].filter((r) => r.status === 'suspended').length;

  const carried: RosterRow[] = [];
  for (const h of listed) {
    const last = previous.get(h);
    if (rows.has(h) || last?.status !== 'suspended' || !last.suspension_reason) continue;
    if (rng.chance(PERSISTS[last.suspension_reason])) carried.push({ ...last });
  }
  const room = notCollected - pinnedMissing;
  const ending = carried.filter((r) => r.suspension_reason && ENDING.has(r.suspension_reason));
  if (ending.length > room)
    throw new Error(`${ending.length} ended households exceed ${room} not collected in ${period}`);
  const resolvable = carried.filter((r) => !ending.includes(r));
  const kept = [...ending, ...rng.sample(resolvable, Math.min(resolvable.length, room - ending.length))];
  for (const row of kept) rows.set(row.household, row);

  const free = listed.filter((h) => !rows.has(h));
  const newlyMissing = room - kept.length;
  const suspendedTarget = Math.round(notCollected * plan.suspendedShare);
  const newlySuspended = Math.min(newlyMissing, Math.max(0, suspendedTarget - pinnedSuspended - kept.length));
  rng.sample(free, newlyMissing).forEach((h, i) => {
    const suspension_reason = i < newlySuspended ? rng.weighted(REASON_WEIGHTS) : null;
    rows.set(h, {
      household: h,
      status: suspension_reason ? 'suspended' : 'not_collected',
      suspension_reason,
    });
  });

  return listed.map((h) => rows.get(h) ?? { household: h, status: 'collected', suspension_reason: null });
}
