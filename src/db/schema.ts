// Table types: one interface per table, combined into the Database that Kysely is typed with.
import type { Generated, Insertable, Selectable } from 'kysely';

export interface RegionTable {
  code: string;
  parent_code: string | null;
  level: number;
  name: string;
}

export interface ProgramTable {
  code: string;
  name: string;
  period_kind: 'month' | 'quarter';
}

export interface HouseholdTable {
  id: Generated<number>;
  kk: string;
  village_code: string;
  address: string;
  rt: string;
  rw: string;
  desil: number | null;
}

export interface HouseholdMemberTable {
  id: Generated<number>;
  household_id: number;
  nik: string;
  name: string;
  name_search: string;
  sex: 'L' | 'P';
  birth_date: string;
  relation: string;
  pkh_component: string | null;
}

export interface ProgramMembershipTable {
  id: Generated<number>;
  household_id: number;
  program_code: string;
  period: string;
  status: 'active' | 'collected' | 'not_collected' | 'suspended';
  suspension_reason: string | null;
  amount: number;
  channel: string;
  collection_point: string | null;
}

export interface Database {
  regions: RegionTable;
  programs: ProgramTable;
  households: HouseholdTable;
  household_members: HouseholdMemberTable;
  program_memberships: ProgramMembershipTable;
}

export type Region = Selectable<RegionTable>;
export type NewHousehold = Insertable<HouseholdTable>;
export type NewHouseholdMember = Insertable<HouseholdMemberTable>;
export type NewProgramMembership = Insertable<ProgramMembershipTable>;
