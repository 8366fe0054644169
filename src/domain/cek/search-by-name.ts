// Cek by region + name, like the ministry's checker: a village and at least three letters of a
// name give masked people with their age and programs. The name is matched literally, so `%`
// or `_` cannot turn a search into a dump of the village.
import { containsLiteral } from '../../db/engine.ts';
import type { DomainDeps } from '../deps.ts';
import { AppError, type FieldErrors } from '../errors.ts';
import { maskName } from '../privacy/mask.ts';
import { openId, sealId } from '../privacy/opaque-id.ts';
import type { Benefit } from '../program-profiles/profile.ts';
import type { Caller } from './check-household-by-nik.ts';
import type { MessageLocale } from './membership-status.ts';
import { benefitOf } from './membership-view.ts';

/** The purpose an opaque recipient id is sealed for (sanggahan picks a recipient by it). */
export const RECIPIENT_ID_PURPOSE = 'recipient';

export const NAME_SEARCH_CAP = 20;
const NAME_MAX = 100;

export interface SearchByNameInput {
  village_code: string;
  name: string;
}

export interface NameMatch {
  /** Opaque, sealed with the server secret: names the person to a sanggahan, reveals nothing. */
  id: string;
  name: string;
  age: number | null;
  programs: NameMatchProgram[];
  /** The household's RT and RW: fifteen "S****G" of one age in a village are told apart by them. */
  rt: string;
  rw: string;
}

/** A program's latest period for a match, named and worded from the program's profile. */
export interface NameMatchProgram {
  program: string;
  /** In the reader's language; the code when the program has no profile. */
  program_name: string;
  benefit: Benefit;
  period: string;
  status: string;
}

export interface NameSearchAnswer {
  village: { code: string; name: string };
  matches: NameMatch[];
  capped: boolean;
  /** The village lies outside the office's service area: no match means "not held here". */
  outside_service_area?: true;
}

/** Upper case, one space between words, no control characters: how names are stored for search. */
export function normaliseName(name: string): string {
  return name.normalize('NFKC').replace(/\p{C}/gu, '').replace(/\s+/gu, ' ').trim().toUpperCase();
}

export function validateSearchByName(deps: Pick<DomainDeps, 'regions'>, input: SearchByNameInput) {
  const errors: FieldErrors = {};
  const village = deps.regions.get(input.village_code.trim());
  if (!village) errors.village_code = 'region.unknown';
  else if (village.level !== 4) errors.village_code = 'region.not_village';
  const name = normaliseName(input.name);
  if (name.length > NAME_MAX) errors.name = 'name.too_long';
  else if ((name.match(/\p{L}/gu) ?? []).length < 3) errors.name = 'name.too_short';
  if (village?.level !== 4 || errors.name) throw new AppError('validation_failed', errors);
  return { village, name };
}

export function ageOn(birthDate: string, today: Date): number | null {
  const [y, m, d] = birthDate.split('-').map(Number);
  if (!y || !m || !d) return null;
  let age = today.getUTCFullYear() - y;
  if (today.getUTCMonth() + 1 < m || (today.getUTCMonth() + 1 === m && today.getUTCDate() < d)) age -= 1;
  return age;
}

export async function searchByName(
  deps: DomainDeps,
  input: SearchByNameInput,
  caller: Caller,
  options: { objectable?: boolean; locale?: MessageLocale } = {},
): Promise<NameSearchAnswer> {
  const { village, name } = validateSearchByName(deps, input);
  if (deps.area.excludes(village.code)) {
    // Nothing is looked up, so nothing is counted.
    return {
      village: { code: village.code, name: village.name },
      matches: [],
      capped: false,
      outside_service_area: true,
    };
  }
  await deps.limits.countSearch(caller.clientKey, caller.proof);
  const people = await deps.db
    .selectFrom('household_members as m')
    .innerJoin('households as h', 'h.id', 'm.household_id')
    .select(['m.id', 'm.name', 'm.birth_date', 'm.household_id', 'h.rt', 'h.rw'])
    .where('h.village_code', '=', village.code)
    .where(containsLiteral('m.name_search', name))
    // An objection is about a listed household, named by its head: nobody else is offered.
    .$if(options.objectable === true, (q) =>
      q
        .where('m.relation', '=', 'kepala')
        .where((eb) =>
          eb.exists(
            eb
              .selectFrom('program_memberships as pm')
              .select('pm.household_id')
              .whereRef('pm.household_id', '=', 'h.id'),
          ),
        ),
    )
    .orderBy('m.name_search')
    .orderBy('m.id')
    .limit(NAME_SEARCH_CAP + 1)
    .execute();
  const shown = people.slice(0, NAME_SEARCH_CAP);
  const householdIds = [...new Set(shown.map((p) => p.household_id))];
  const memberships = householdIds.length
    ? await deps.db
        .selectFrom('program_memberships as pm')
        .leftJoin('programs as p', 'p.code', 'pm.program_code')
        .select([
          'pm.household_id',
          'pm.program_code',
          'pm.period',
          'pm.status',
          'p.name',
          'p.name_en',
          'p.benefit',
        ])
        .where('pm.household_id', 'in', householdIds)
        .orderBy('pm.period', 'desc')
        .execute()
    : [];
  const english = options.locale === 'en';

  const today = deps.now();
  return {
    village: { code: village.code, name: village.name },
    capped: people.length > NAME_SEARCH_CAP,
    matches: shown.map((p) => {
      const latest = new Map<string, NameMatchProgram>();
      for (const m of memberships) {
        if (m.household_id === p.household_id && !latest.has(m.program_code)) {
          latest.set(m.program_code, {
            program: m.program_code,
            program_name: (english && m.name_en ? m.name_en : m.name) ?? m.program_code,
            benefit: benefitOf(m.benefit),
            period: m.period,
            status: m.status,
          });
        }
      }
      return {
        id: sealId(deps.secret, RECIPIENT_ID_PURPOSE, p.id),
        name: maskName(p.name),
        age: ageOn(p.birth_date, today),
        programs: [...latest.values()],
        rt: p.rt,
        rw: p.rw,
      };
    }),
  };
}

/** What an objector may see of a recipient chosen by its opaque id: masked name, age, RT/RW. */
export async function describeRecipient(
  deps: DomainDeps,
  id: string,
): Promise<Omit<NameMatch, 'programs'> | null> {
  const memberId = openId(deps.secret, RECIPIENT_ID_PURPOSE, id);
  if (memberId === null) return null;
  const person = await deps.db
    .selectFrom('household_members as m')
    .innerJoin('households as h', 'h.id', 'm.household_id')
    .select(['m.name', 'm.birth_date', 'h.rt', 'h.rw'])
    .where('m.id', '=', memberId)
    .executeTakeFirst();
  return person
    ? {
        id,
        name: maskName(person.name),
        age: ageOn(person.birth_date, deps.now()),
        rt: person.rt,
        rw: person.rw,
      }
    : null;
}
