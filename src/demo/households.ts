// Synthetic families: a head with 0–5 members of plausible ages, NIKs and a KK number that are
// structurally valid for the district, an address and a desil.
import { composeNik } from '../domain/nik/nik.ts';
import type { PkhComponent } from '../domain/programs.ts';
import { ageOn, birthDateForAge, ddmmyy, REFERENCE_DATE, randomDateBetween } from './dates.ts';
import { type NameFlavour, personName } from './names.ts';
import type { Random } from './random.ts';
import type { FixedHousehold, FixedMember, Relation } from './showcase.ts';

export type MemberDraft = FixedMember;

export interface HouseholdDraft {
  /** 1, 2, … in the order drafts are made: links members and memberships until the insert. */
  key: number;
  kk: string;
  village_code: string;
  address: string;
  rt: string;
  rw: string;
  desil: number | null;
  members: MemberDraft[];
}

interface Person {
  sex: 'L' | 'P';
  age: number;
  relation: Relation;
}

const MAX_MEMBERS = 6;

/**
 * Hands out 16-digit numbers `<12-digit prefix><4-digit serial>`, counting serials per prefix
 * and skipping any number reserved for the showcase, so every NIK and KK is unique.
 */
export class NumberAllocator {
  readonly #taken = new Set<string>();
  readonly #next = new Map<string, number>();

  reserve(number: string): void {
    if (this.#taken.has(number)) throw new Error(`number ${number} reserved twice`);
    this.#taken.add(number);
  }

  next(prefix: string): string {
    let serial = this.#next.get(prefix) ?? 1;
    let number = `${prefix}${String(serial).padStart(4, '0')}`;
    while (this.#taken.has(number)) {
      serial += 1;
      number = `${prefix}${String(serial).padStart(4, '0')}`;
    }
    if (serial > 9999) throw new Error(`serials exhausted for ${prefix}`);
    this.#next.set(prefix, serial + 1);
    this.#taken.add(number);
    return number;
  }
}

export interface VillageContext {
  village_code: string;
  /** Upper-case village name, used for street names. */
  name: string;
  flavour: NameFlavour;
}

export class HouseholdFactory {
  readonly #rng: Random;
  readonly #niks = new NumberAllocator();
  readonly #kks = new NumberAllocator();
  #lastKey = 0;

  constructor(rng: Random, reservedNiks: readonly string[], reservedKks: readonly string[]) {
    this.#rng = rng;
    for (const nik of reservedNiks) this.#niks.reserve(nik);
    for (const kk of reservedKks) this.#kks.reserve(kk);
  }

  /** A showcase household, kept exactly as written; its numbers were reserved up front. */
  fixed(household: FixedHousehold): HouseholdDraft {
    const { memberships: _memberships, ...rest } = household;
    return { key: this.#nextKey(), ...rest, members: household.members.map((m) => ({ ...m })) };
  }

  drawn(village: VillageContext): HouseholdDraft {
    const rng = this.#rng;
    const district = village.village_code.slice(0, 8);
    const members = drawFamily(rng).map((person) => this.#member(person, district, village.flavour));
    return {
      key: this.#nextKey(),
      kk: this.#kks.next(`${district.replaceAll('.', '')}${ddmmyy(kkIssueDate(rng, members))}`),
      village_code: village.village_code,
      ...drawAddress(rng, village.name),
      desil: rng.pick([1, 1, 1, 2, 2, 2, 3, 3, 4]),
      members,
    };
  }

  #member(person: Person, district: string, flavour: NameFlavour): MemberDraft {
    const birthDate = birthDateForAge(this.#rng, person.age);
    const prefix = composeNik(district, birthDate, person.sex, 0).slice(0, 12);
    return {
      nik: this.#niks.next(prefix),
      name: personName(this.#rng, person.sex, Number(birthDate.slice(0, 4)), flavour),
      sex: person.sex,
      birth_date: birthDate,
      relation: person.relation,
      pkh_component: null,
    };
  }

  #nextKey(): number {
    this.#lastKey += 1;
    return this.#lastKey;
  }
}

const CHILDREN: readonly (readonly [number, number])[] = [
  [0, 0.14],
  [1, 0.26],
  [2, 0.3],
  [3, 0.2],
  [4, 0.1],
];

/** Ages are on REFERENCE_DATE (mid-2020): heads 25–80, nobody born before 1930. */
function drawFamily(rng: Random): Person[] {
  const roll = rng.float();
  const headAge = roll < 0.35 ? rng.int(25, 44) : roll < 0.8 ? rng.int(45, 64) : rng.int(65, 80);
  const headSex = rng.chance(headAge >= 60 ? 0.3 : 0.12) ? 'P' : 'L';
  const family: Person[] = [{ sex: headSex, age: headAge, relation: 'kepala' }];

  let motherAge = headSex === 'P' ? headAge : headAge - rng.int(2, 7);
  if (headSex === 'L' && rng.chance(headAge < 70 ? 0.88 : 0.6)) {
    motherAge = Math.max(19, motherAge);
    family.push({ sex: 'P', age: motherAge, relation: 'istri' });
  }

  const children = rng.weighted(CHILDREN);
  const oldestChild = motherAge - 19;
  // Grown children of old parents have mostly left home; the ones who stay are the youngest.
  const youngestChild = Math.max(0, motherAge - 42);
  const eldestAtHome = Math.min(oldestChild, Math.max(35, youngestChild));
  for (let i = 0; i < children && family.length < MAX_MEMBERS && eldestAtHome >= youngestChild; i++) {
    family.push({
      sex: rng.chance(0.5) ? 'L' : 'P',
      age: rng.int(youngestChild, eldestAtHome),
      relation: 'anak',
    });
  }

  if (family.length < MAX_MEMBERS && headAge <= 55 && rng.chance(0.12)) {
    family.push({
      sex: rng.chance(0.7) ? 'P' : 'L',
      age: Math.min(90, headAge + rng.int(20, 32)),
      relation: 'orang_tua',
    });
  }
  if (family.length < MAX_MEMBERS && rng.chance(0.07)) {
    // A grandchild in an older household, otherwise a sibling or cousin of the head.
    const age =
      headAge >= 50 ? rng.int(0, Math.min(12, headAge - 40)) : Math.max(15, headAge + rng.int(-10, 10));
    family.push({ sex: rng.chance(0.5) ? 'L' : 'P', age, relation: 'lainnya' });
  }
  return sortByRelation(family);
}

const RELATION_ORDER: Relation[] = ['kepala', 'istri', 'anak', 'orang_tua', 'lainnya'];

/** Family card order: head, wife, children eldest first, then the others. */
function sortByRelation(family: Person[]): Person[] {
  return family
    .map((person, index) => ({ person, index }))
    .sort(
      (a, b) =>
        RELATION_ORDER.indexOf(a.person.relation) - RELATION_ORDER.indexOf(b.person.relation) ||
        b.person.age - a.person.age ||
        a.index - b.index,
    )
    .map(({ person }) => person);
}

/** A KK is reissued when a child is born, so it is never older than the youngest member. */
function kkIssueDate(rng: Random, members: readonly MemberDraft[]): string {
  const youngest =
    members
      .map((m) => m.birth_date)
      .sort()
      .at(-1) ?? REFERENCE_DATE;
  if (youngest > '2019-12-31') return randomDateBetween(rng, youngest, '2020-07-31');
  return randomDateBetween(rng, youngest > '2008-01-01' ? youngest : '2008-01-01', '2019-12-31');
}

const STREET_SUFFIXES = ['', '', '', ' KIDUL', ' LOR', ' WETAN', ' KULON', ' BARU', ' TENGAH'];
// biome-ignore format: a packed word list reads better than one street per line
const STREET_NAMES = [
  'MELATI', 'MAWAR', 'KENANGA', 'CEMPAKA', 'DAHLIA', 'SEMERU', 'ARJUNO', 'WELIRANG', 'PENANGGUNGAN',
  'KH. HASYIM ASYARI', 'DIPONEGORO', 'IMAM BONJOL', 'PAHLAWAN', 'PERINTIS', 'SIDOMULYO', 'SUMBERSARI',
];
const ROMAN = ['I', 'II', 'III', 'IV', 'V', 'VI', 'VII', 'VIII', 'IX', 'X'];

function drawAddress(rng: Random, villageName: string): { address: string; rt: string; rw: string } {
  const street = rng.chance(0.6) ? `${villageName}${rng.pick(STREET_SUFFIXES)}` : rng.pick(STREET_NAMES);
  const gang = rng.chance(0.55) ? ` GG. ${rng.pick(ROMAN)}` : '';
  const address = rng.chance(0.1)
    ? `DUSUN ${villageName} NO. ${rng.int(1, 80)}`
    : `JL. ${street}${gang} NO. ${rng.int(1, 120)}`;
  return { address, rt: pad3(rng.int(1, 12)), rw: pad3(rng.int(1, 9)) };
}

function pad3(n: number): string {
  return String(n).padStart(3, '0');
}

/** Components a member could claim on REFERENCE_DATE, by age and sex (seed 002, Tabel 3). */
export function schoolOrAgeComponent(member: MemberDraft): PkhComponent | null {
  const age = ageOn(member.birth_date, REFERENCE_DATE);
  if (age < 6) return 'anak_usia_dini';
  if (age < 12) return 'sd';
  if (age < 15) return 'smp';
  if (age < 18) return 'sma';
  if (age >= 70) return 'lansia_70';
  return null;
}

/** Pregnancy is the one component that age alone does not give: an adult woman of 19–40. */
export function couldBePregnant(member: MemberDraft): boolean {
  const age = ageOn(member.birth_date, REFERENCE_DATE);
  return (
    member.sex === 'P' &&
    age >= 19 &&
    age <= 40 &&
    (member.relation === 'istri' || member.relation === 'kepala')
  );
}
