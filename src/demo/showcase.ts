// The demo households the README lists for trying the site. Their numbers are fixed here, not
// drawn, so they stay the same for ever; the generator places each as the first household of
// its village and pins its statuses, so they count inside the field figures, not on top.
import type { MembershipStatus, PkhComponent, ProgramCode, SuspensionReason } from '../domain/programs.ts';
import { pkhStageAmount } from '../domain/programs.ts';
import {
  BPNT_MOJOKERTO_2020,
  BPNT_MONTHLY_AMOUNT_2020,
  BST_PERIODS,
  KKS_GAYUNGAN_2017,
  PBI_JK,
  PKH_MOJOKERTO_2020,
} from './figures.ts';

export type Relation = 'kepala' | 'istri' | 'anak' | 'orang_tua' | 'lainnya';

export interface FixedMember {
  nik: string;
  name: string;
  sex: 'L' | 'P';
  birth_date: string;
  relation: Relation;
  pkh_component: PkhComponent | null;
}

export interface ExpectedMembership {
  program: ProgramCode;
  period: string;
  status: MembershipStatus;
  suspension_reason: SuspensionReason | null;
  amount: number;
}

export interface FixedHousehold {
  village_code: string;
  kk: string;
  address: string;
  rt: string;
  rw: string;
  /** DTSEN desil 1–10; null: not ranked yet. Drawn households are 1–4; the showcase shows the rest. */
  desil: number | null;
  members: FixedMember[];
  /** Every membership the household has; the generator pins these and draws no others. */
  memberships: ExpectedMembership[];
}

export interface DemoExpectation {
  found: boolean;
  /** The household's village, or null when the check finds nobody. */
  village_code: string | null;
  /** Every membership the check lists for the household. */
  memberships: ExpectedMembership[];
  /** The desil the check shows (null: "belum ada desil"); null too when the check finds nobody. */
  desil: number | null;
  /** What the check shows, in words, for the README. */
  summary: string;
}

/** Stable handle for code that needs one particular case (tests, benchmarks). */
export type DemoKey = 'bpnt' | 'bpnt_member' | 'bpnt_pkh' | 'bst' | 'suspended' | 'kks' | 'not_found';

/**
 * The five answers /cek gives a household proven by NIK + KK (issue 19): 1 not in the register
 * (DTSEN) at all, 2 in it without a desil yet, 3 a desil above a program's ceiling, 4 within the
 * ceiling but not a recipient this period, 5 a recipient with a suspended or deactivated program.
 */
export const DESIL_ANSWER_NUMBERS = [1, 2, 3, 4, 5] as const;
export type DesilAnswerNumber = (typeof DESIL_ANSWER_NUMBERS)[number];

export interface DemoHousehold {
  key: DemoKey;
  label: string;
  /** The one answer this household shows, for the README and the browser journey; most show none. */
  answer?: DesilAnswerNumber;
  nik: string;
  kk: string;
  expect: DemoExpectation;
}

function person(
  nik: string,
  name: string,
  sex: 'L' | 'P',
  birth_date: string,
  relation: Relation,
  pkh_component: PkhComponent | null = null,
): FixedMember {
  return { nik, name, sex, birth_date, relation, pkh_component };
}

const BPNT_MONTHS = BPNT_MOJOKERTO_2020.map((m) => m.period);

function bpnt(status: (period: string) => [MembershipStatus, SuspensionReason | null]): ExpectedMembership[] {
  return BPNT_MONTHS.map((period) => {
    const [s, reason] = status(period);
    return {
      program: 'BPNT',
      period,
      status: s,
      suspension_reason: reason,
      amount: BPNT_MONTHLY_AMOUNT_2020,
    };
  });
}

const collected = (): [MembershipStatus, null] => ['collected', null];

/** (a) Kedundung, e-Warong KUBE Makmur Ceria: BPNT collected every month of 2020, and PBI-JK. */
const KEDUNDUNG: FixedHousehold = {
  village_code: '35.76.02.1009',
  kk: '3576021205150001',
  address: 'JL. KEDUNDUNG GG. III NO. 12',
  rt: '003',
  rw: '005',
  desil: 2,
  members: [
    person('3576021403680001', 'SUGENG RIYADI', 'L', '1968-03-14', 'kepala'),
    person('3576026108720001', 'SITI WAHYUNINGSIH', 'P', '1972-08-21', 'istri'),
    person('3576020511980001', 'DIMAS ADITYA PRATAMA', 'L', '1998-11-05', 'anak'),
  ],
  memberships: [
    ...bpnt(collected),
    {
      program: 'PBI-JK',
      period: PBI_JK.period,
      status: 'active',
      suspension_reason: null,
      amount: PBI_JK.amount,
    },
  ],
};

const SURODINAWAN_MEMBERS = [
  person('3576010906810001', 'MOCHAMAD ARIFIN', 'L', '1981-06-09', 'kepala'),
  person('3576015702850001', 'ENDAH SUSILOWATI', 'P', '1985-02-17', 'istri'),
  person('3576016309070001', 'AULIA PUTRI RAHMADANI', 'P', '2007-09-23', 'anak', 'smp'),
  person('3576010204110001', 'MUHAMMAD RIZKI PRATAMA', 'L', '2011-04-02', 'anak', 'sd'),
  person('3576017012160001', 'NAYLA AZZAHRA', 'P', '2016-12-30', 'anak', 'anak_usia_dini'),
];
const SURODINAWAN_PKH_AMOUNT = pkhStageAmount(SURODINAWAN_MEMBERS.flatMap((m) => m.pkh_component ?? []));

/** (b) Surodinawan, e-Warong KUBE Anggrek: BPNT and PKH, three children giving three PKH components. */
const SURODINAWAN: FixedHousehold = {
  village_code: '35.76.01.1007',
  kk: '3576011601170001',
  address: 'JL. SURODINAWAN GG. I NO. 8',
  rt: '002',
  rw: '004',
  desil: 1,
  members: SURODINAWAN_MEMBERS,
  memberships: [
    ...bpnt(collected),
    ...PKH_MOJOKERTO_2020.map(
      (stage): ExpectedMembership => ({
        program: 'PKH',
        period: stage.period,
        status: 'collected',
        suspension_reason: null,
        amount: SURODINAWAN_PKH_AMOUNT,
      }),
    ),
  ],
};

/**
 * (c) Wonokusumo, Kecamatan Semampir, Surabaya: BST in all seven periods, all collected. Ranked in
 * desil 6 by DTSEN since: above the ceiling of PKH, BPNT and PBI-JK, so "why not" has its answer.
 */
const WONOKUSUMO: FixedHousehold = {
  village_code: '35.78.16.1003',
  kk: '3578160409120001',
  address: 'JL. WONOKUSUMO KIDUL GG. II NO. 27',
  rt: '004',
  rw: '002',
  desil: 6,
  members: [
    person('3578160110640001', 'MATRAWI', 'L', '1964-10-01', 'kepala'),
    person('3578165207690001', 'SITI KHOLIFAH', 'P', '1969-07-12', 'istri'),
    person('3578162803930001', 'ACHMAD FAUZI', 'L', '1993-03-28', 'anak'),
  ],
  memberships: BST_PERIODS.map(({ period, amount }) => ({
    program: 'BST',
    period,
    status: 'collected',
    suspension_reason: null,
    amount,
  })),
};

const SUSPENDED_FROM = '2020-10';

/**
 * (d) Pulorejo, e-Warong KUBE Teratai: BPNT collected until September, then suspended because the
 * NIK did not match Dukcapil; the same mismatch deactivated the household's PBI-JK in December, so
 * /cek shows both the suspension's fix and the way to ask for PBI-JK back (issue 19, answer 5).
 */
const PULOREJO: FixedHousehold = {
  village_code: '35.76.01.1005',
  kk: '3576012203110001',
  address: 'JL. PULOREJO NO. 41',
  rt: '001',
  rw: '003',
  desil: 1,
  members: [
    person('3576016001550001', 'SUPARMI', 'P', '1955-01-20', 'kepala'),
    person('3576010705790001', 'EKO PRASETYO', 'L', '1979-05-07', 'anak'),
  ],
  memberships: [
    ...bpnt((period) =>
      period < SUSPENDED_FROM ? ['collected', null] : ['suspended', 'data_tidak_padan_dukcapil'],
    ),
    {
      program: 'PBI-JK',
      period: PBI_JK.period,
      status: 'suspended',
      suspension_reason: 'data_tidak_padan_dukcapil',
      amount: PBI_JK.amount,
    },
  ],
};

/** (e) Ketintang, Kecamatan Gayungan, Surabaya: a KKS card from 2017, and no desil yet in DTSEN. */
const KETINTANG: FixedHousehold = {
  village_code: '35.78.22.1004',
  kk: '3578223006090001',
  address: 'JL. KETINTANG BARU GG. V NO. 3',
  rt: '006',
  rw: '001',
  desil: null,
  members: [
    person('3578221512620001', 'BAMBANG HARIYANTO', 'L', '1962-12-15', 'kepala'),
    person('3578224804660001', 'SRI RAHAYU', 'P', '1966-04-08', 'istri'),
  ],
  memberships: [
    {
      program: 'KKS',
      period: KKS_GAYUNGAN_2017.period,
      status: 'active',
      suspension_reason: null,
      amount: 0,
    },
  ],
};

export const FIXED_HOUSEHOLDS: readonly FixedHousehold[] = [
  KEDUNDUNG,
  SURODINAWAN,
  WONOKUSUMO,
  PULOREJO,
  KETINTANG,
];

/** (f) Structurally valid for Kecamatan Prajuritkulon (35.76.01), yet held by nobody. */
export const UNKNOWN_NIK = '3576011508860002';
export const UNKNOWN_KK = '3576011003140005';

function found(
  key: DemoKey,
  label: string,
  household: FixedHousehold,
  member: FixedMember,
  summary: string,
  answer?: DesilAnswerNumber,
): DemoHousehold {
  return {
    key,
    label,
    ...(answer && { answer }),
    nik: member.nik,
    kk: household.kk,
    expect: {
      found: true,
      village_code: household.village_code,
      memberships: household.memberships,
      desil: household.desil,
      summary,
    },
  };
}

function member(household: FixedHousehold, relation: Relation): FixedMember {
  const person = household.members.find((m) => m.relation === relation);
  if (!person) throw new Error(`showcase household ${household.kk} has no ${relation}`);
  return person;
}

export const DEMO_HOUSEHOLDS: readonly DemoHousehold[] = [
  found(
    'bpnt',
    'BPNT collected (Kedundung, Kota Mojokerto)',
    KEDUNDUNG,
    member(KEDUNDUNG, 'kepala'),
    'BPNT 2020-01…2020-12 collected at e-Warong KUBE Makmur Ceria, Rp 200.000 a month; PBI-JK 2020-12 active; desil 2, within the PKH ceiling but not listed',
    4,
  ),
  found(
    'bpnt_member',
    'Same household, checked with the wife’s NIK',
    KEDUNDUNG,
    member(KEDUNDUNG, 'istri'),
    'The same household and programs as above: any member’s NIK with the KK finds it',
  ),
  found(
    'bpnt_pkh',
    'BPNT and PKH (Surodinawan, Kota Mojokerto)',
    SURODINAWAN,
    member(SURODINAWAN, 'kepala'),
    'BPNT 2020 collected at e-Warong KUBE Anggrek; PKH 2020-Q1…Q4 collected, Rp 1.350.000 a stage (SMP 375.000 + SD 225.000 + anak usia dini 750.000)',
  ),
  found(
    'bst',
    'BST (Wonokusumo, Semampir, Kota Surabaya)',
    WONOKUSUMO,
    member(WONOKUSUMO, 'kepala'),
    'BST 2020-04…06 Rp 600.000 and 2021-01…04 Rp 300.000, all collected through PT Pos Indonesia; now desil 6, above the ceilings of PKH, BPNT and PBI-JK',
    3,
  ),
  found(
    'suspended',
    'BPNT suspended and PBI-JK deactivated (Pulorejo, Kota Mojokerto)',
    PULOREJO,
    member(PULOREJO, 'kepala'),
    'BPNT collected 2020-01…09, suspended 2020-10…12: data tidak padan Dukcapil; PBI-JK 2020-12 deactivated, with the way to ask for it back',
    5,
  ),
  found(
    'kks',
    'KKS (Ketintang, Gayungan, Kota Surabaya)',
    KETINTANG,
    member(KETINTANG, 'kepala'),
    'KKS 2017-12 active, Bank Mandiri; no desil yet in DTSEN',
    2,
  ),
  {
    key: 'not_found',
    label: 'Valid numbers, not registered',
    answer: 1,
    nik: UNKNOWN_NIK,
    kk: UNKNOWN_KK,
    expect: {
      found: false,
      village_code: null,
      memberships: [],
      desil: null,
      summary: 'Both numbers pass validation for Kota Mojokerto, but no household has them: "not found"',
    },
  },
];
