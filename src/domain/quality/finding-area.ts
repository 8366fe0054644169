// The regency a finding is about, so each Dinas Sosial reads only its own regency's findings: of
// the whole register (register-run.ts) and of an import (import-report.ts).
import type { DomainDeps } from '../deps.ts';
import { regencyCodeOf } from '../nik/nik.ts';
import type { Finding } from './quality-report.ts';

/**
 * The regency of each finding: its first household's village, else the household of its first
 * NIK, else the regency that NIK was issued in.
 */
export async function areasOf(deps: Pick<DomainDeps, 'db'>, findings: Finding[]): Promise<(string | null)[]> {
  const householdIds = [...new Set(findings.flatMap((f) => f.householdIds.slice(0, 1)))];
  const niks = [
    ...new Set(findings.filter((f) => f.householdIds.length === 0).flatMap((f) => f.niks.slice(0, 1))),
  ];
  const villageOfHousehold = new Map<number, string>();
  const villageOfNik = new Map<string, string>();
  if (householdIds.length > 0) {
    for (const h of await deps.db
      .selectFrom('households')
      .select(['id', 'village_code'])
      .where('id', 'in', householdIds)
      .execute())
      villageOfHousehold.set(h.id, h.village_code);
  }
  if (niks.length > 0) {
    for (const m of await deps.db
      .selectFrom('household_members as m')
      .innerJoin('households as h', 'h.id', 'm.household_id')
      .select(['m.nik', 'h.village_code'])
      .where('m.nik', 'in', niks)
      .execute())
      villageOfNik.set(m.nik, m.village_code);
  }
  return findings.map((f) => {
    const household = f.householdIds[0];
    const nik = f.niks[0];
    const village =
      (household === undefined ? undefined : villageOfHousehold.get(household)) ??
      (nik === undefined ? undefined : villageOfNik.get(nik));
    if (village) return village.slice(0, 5);
    // A NIK's first four digits are the regency that issued it (`3576…` → `35.76`).
    return nik && /^\d{4}/.test(nik) ? regencyCodeOf(nik) : null;
  });
}
