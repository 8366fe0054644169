// The region this office holds data for (SERVICE_AREA, or the regencies of the households it
// holds). Outside it, "no one by that name" would read as "not registered": the pages say
// instead that this office does not hold that region's data, and where to look.
import type { Db } from '../../db/database.ts';
import type { RegionDirectory, RegionNode } from './region-directory.ts';

/** Where a resident outside the area can check instead: the ministry's national checker. */
export const NATIONAL_CHECKER_URL = 'https://cekbansos.kemensos.go.id';

export class ServiceArea {
  /**
   * The regency whose Dinas Sosial receives complaints that name no place: the one the first
   * SERVICE_AREA code names (the office running the deployment lists its own regency first,
   * decision 0023). Null when the area is unknown or begins with a province: then every Dinas
   * Sosial of the deployment receives them, as no one office can be told apart. Read on every
   * back-office request, so worked out once.
   */
  readonly placelessDesk: string | null;

  /**
   * @param roots the regions wholly served (any level, e.g. `35.76` for a city); empty when
   *   nothing is known, and then no region is called outside.
   */
  constructor(readonly roots: readonly RegionNode[]) {
    const first = roots[0];
    this.placelessDesk = first && first.level >= 2 ? first.code.split('.').slice(0, 2).join('.') : null;
  }

  get known(): boolean {
    return this.roots.length > 0;
  }

  /** The region lies inside the area (or the area is unknown). */
  covers(code: string): boolean {
    return !this.known || this.roots.some((r) => code === r.code || code.startsWith(`${r.code}.`));
  }

  /** The region holds at least part of the area: a province around a served city is offered first. */
  touches(code: string): boolean {
    return this.covers(code) || this.roots.some((r) => r.code.startsWith(`${code}.`));
  }

  /** The region is known to hold none of this office's data. */
  excludes(code: string): boolean {
    return this.known && !this.touches(code);
  }
}

/** Reads `SERVICE_AREA` codes against the region tree; an unknown code is named in the error. */
export function serviceAreaFromCodes(regions: RegionDirectory, codes: readonly string[]): ServiceArea {
  const roots = codes.map((code) => {
    const node = regions.get(code);
    if (!node || node.level === 4) {
      throw new Error(`SERVICE_AREA: ${code} is not a province, regency or district code of the region list`);
    }
    return node;
  });
  // A district inside a served regency adds nothing.
  return new ServiceArea(roots.filter((r) => !roots.some((o) => o !== r && r.code.startsWith(`${o.code}.`))));
}

/**
 * Without a setting, the area is every regency (kabupaten/kota) where this office holds
 * households: the demo data's Kota Mojokerto and Kota Surabaya. An empty database serves
 * everywhere until households are imported.
 */
export async function deriveServiceArea(db: Db, regions: RegionDirectory): Promise<ServiceArea> {
  const rows = await db.selectFrom('households').select('village_code').distinct().execute();
  const regencies = new Set(rows.map((r) => r.village_code.split('.').slice(0, 2).join('.')));
  return serviceAreaFromCodes(regions, [...regencies].filter((code) => regions.get(code)).sort());
}

/** The names of a region outside the area, smallest first ("Pacitan, KABUPATEN PACITAN, JAWA TIMUR"). */
export function outsideAreaName(
  regions: RegionDirectory,
  area: ServiceArea,
  code: string | undefined,
): string | undefined {
  if (code === undefined || !area.excludes(code)) return undefined;
  return regions
    .lineage(code)
    .reverse()
    .map((n) => n.name)
    .join(', ');
}
