// The live cases: what each one is, the recipients they can name, and the builders the scenario
// lists use. Every draw comes from one stream, in the order the scenarios are listed.
import type { Db } from '../../db/database.ts';
import type { AduanProblem, AduanProgram } from '../../domain/tickets/aduan-catalogue.ts';
import type { Actor } from '../../domain/tickets/ticket-repository.ts';
import type { AduanUnit, TicketKind } from '../../domain/tickets/workflow.ts';
import type { Random } from '../random.ts';
import { DEMO_HOUSEHOLDS } from '../showcase.ts';
import { village } from './cast.ts';
import { contactOf } from './phrases.ts';
import { proposedHousehold } from './proposed-household.ts';
import { aduanScenarios } from './scenarios-aduan.ts';
import { sanggahanScenarios } from './scenarios-sanggahan.ts';
import { usulanScenarios } from './scenarios-usulan.ts';
import type { DemoTicketKey } from './showcase-tickets.ts';

export interface Step {
  at: string;
  to: string;
  actor: Actor;
  note?: string;
  answer?: string;
  unit?: AduanUnit;
  referral?: string;
  data?: Record<string, unknown>;
  visibleToResident?: boolean;
}

export interface LiveCase {
  key?: DemoTicketKey;
  kind: TicketKind;
  village: string;
  opened: string;
  payload: Record<string, unknown>;
  contact: { name: string; phone: string } | null;
  subject?: { nik: string; kk: string | null };
  target?: Recipient;
  steps: Step[];
  /** Later objections that joined a sanggahan case. */
  joined?: {
    at: string;
    payload: Record<string, unknown>;
    contact: { name: string; phone: string } | null;
  }[];
}

export interface Recipient {
  memberId: number;
  householdId: number;
  nik: string;
  village: string;
}

/** Heads of listed BPNT households per village, not the README's showcase households. */
export async function recipientsByVillage(trx: Db): Promise<Map<string, Recipient[]>> {
  const showcase = new Set(DEMO_HOUSEHOLDS.map((d) => d.kk));
  const rows = await trx
    .selectFrom('household_members as m')
    .innerJoin('households as h', 'h.id', 'm.household_id')
    .select(['m.id', 'm.household_id', 'm.nik', 'h.village_code', 'h.kk'])
    .where('m.relation', '=', 'kepala')
    .where('h.village_code', 'like', '35.76.%')
    .where((eb) =>
      eb.exists(
        eb
          .selectFrom('program_memberships as p')
          .select('p.id')
          .whereRef('p.household_id', '=', 'h.id')
          .where('p.program_code', '=', 'BPNT')
          .where('p.period', '=', '2020-12'),
      ),
    )
    .orderBy('m.id')
    .execute();
  const byVillage = new Map<string, Recipient[]>();
  for (const r of rows) {
    if (showcase.has(r.kk)) continue;
    const list = byVillage.get(r.village_code) ?? [];
    if (list.length < 20)
      list.push({ memberId: r.id, householdId: r.household_id, nik: r.nik, village: r.village_code });
    byVillage.set(r.village_code, list);
  }
  return byVillage;
}

export type LiveCaseBuilder = ReturnType<typeof liveCaseBuilder>;

function liveCaseBuilder(rng: Random, recipients: Map<string, Recipient[]>) {
  let serial = 9100;
  const usulan = (
    key: DemoTicketKey | undefined,
    where: string,
    opened: string,
    steps: Step[],
    proposer: 'sendiri' | 'rt_rw' = 'sendiri',
  ): LiveCase => {
    const code = village(where);
    const { payload, contact } = proposedHousehold(rng, code, serial++, proposer);
    return {
      key,
      kind: 'usulan',
      village: code,
      opened,
      payload,
      contact,
      subject: { nik: String(payload.head_nik), kk: String(payload.kk) },
      steps,
    };
  };
  const taken = new Set<number>();
  const recipientIn = (where: string): Recipient | undefined => {
    const list = recipients.get(village(where)) ?? [];
    const free = list.filter((r) => !taken.has(r.memberId));
    const chosen = free.length > 0 ? rng.pick(free) : undefined;
    if (chosen) taken.add(chosen.memberId);
    return chosen;
  };
  const sanggahan = (
    key: DemoTicketKey | undefined,
    where: string,
    opened: string,
    reason: string,
    description: string,
    steps: Step[],
    anonymous = false,
  ): LiveCase => ({
    key,
    kind: 'sanggahan',
    village: village(where),
    opened,
    payload: { reason, description, consent: true },
    contact: anonymous ? null : contactOf(rng),
    target: recipientIn(where),
    steps,
  });
  const aduan = (
    key: DemoTicketKey | undefined,
    where: string,
    opened: string,
    program: AduanProgram,
    problem: AduanProblem,
    description: string,
    steps: Step[],
    anonymous = false,
  ): LiveCase => {
    const affected = recipientIn(where);
    return {
      key,
      kind: 'aduan',
      village: village(where),
      opened,
      payload: { program, problem, nik: affected?.nik ?? null, description, consent: true },
      contact: anonymous ? null : contactOf(rng),
      subject: affected ? { nik: affected.nik, kk: null } : undefined,
      steps,
    };
  };

  return { usulan, sanggahan, aduan };
}

/** Usulan, then sanggahan, then aduan: the order fixes what each one draws. */
export function liveCases(rng: Random, recipients: Map<string, Recipient[]>): LiveCase[] {
  const build = liveCaseBuilder(rng, recipients);
  return [...usulanScenarios(build), ...sanggahanScenarios(build), ...aduanScenarios(build)];
}
