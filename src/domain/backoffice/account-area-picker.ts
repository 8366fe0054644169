// The region picker of the account form (issue 20): the service area's regencies, then the chosen
// regency's districts, then the chosen district's villages, each a plain <select> that a "Pilih"
// submit narrows without JavaScript. A choice that does not belong under the one above it is
// dropped here (the list narrows afresh); saving judges what was sent (accounts.ts).
import type { DomainDeps } from '../deps.ts';
import type { RegionNode } from '../regions/region-directory.ts';

type Deps = Pick<DomainDeps, 'regions'> & Partial<Pick<DomainDeps, 'area'>>;

export interface AreaPicker {
  regencies: RegionNode[];
  districts: RegionNode[];
  villages: RegionNode[];
  /** The valid choices, each under the one before. */
  regency: string | undefined;
  district: string | undefined;
  village: string | undefined;
}

/** The regencies this office serves: a served province's all, a served district's own. */
export function servedRegencies(deps: Deps): RegionNode[] {
  const { regions, area } = deps;
  if (!area?.known) return regions.provinces().flatMap((p) => regions.children(p.code));
  const seen = new Map<string, RegionNode>();
  for (const root of area.roots) {
    const regencies =
      root.level === 1
        ? regions.children(root.code)
        : [regions.get(root.code.split('.').slice(0, 2).join('.'))].filter((r) => r !== undefined);
    for (const regency of regencies) seen.set(regency.code, regency);
  }
  return [...seen.values()].sort((a, b) => a.code.localeCompare(b.code));
}

const parentOf = (code: string, level: 2 | 3) => code.split('.').slice(0, level).join('.');

/**
 * The options and valid choices for what the form holds. A village alone (an account being
 * edited, a typed code) chooses its district and regency too.
 */
export function accountAreaPicker(
  deps: Deps,
  chosen: { regency?: string; district?: string; village?: string },
): AreaPicker {
  const { regions, area } = deps;
  const inArea = (node: RegionNode) => !area || area.touches(node.code);
  const regencies = servedRegencies(deps);
  const villageNode = chosen.village ? regions.get(chosen.village) : undefined;
  const fromVillage = villageNode?.level === 4 ? villageNode.code : undefined;
  const regencyCode = chosen.regency || (fromVillage && parentOf(fromVillage, 2));
  const regency = regencies.find((r) => r.code === regencyCode)?.code;
  const districts = regency ? regions.children(regency).filter(inArea) : [];
  const districtCode =
    chosen.district ||
    (fromVillage && (!chosen.regency || fromVillage.startsWith(`${regency}.`)) && parentOf(fromVillage, 3));
  const district = districts.find((d) => d.code === districtCode)?.code;
  const villages = district ? regions.children(district).filter(inArea) : [];
  const village = villages.find((v) => v.code === chosen.village)?.code;
  return { regencies, districts, villages, regency, district, village };
}
