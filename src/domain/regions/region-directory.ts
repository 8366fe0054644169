// The official region tree held in memory: 91,592 rows are read once at start, and every NIK
// check and region picker step is then a map lookup instead of a query.
import type { Db } from '../../db/database.ts';
import { RETIRED_DISTRICTS } from './retired-districts.ts';

export interface RegionNode {
  code: string;
  name: string;
  level: 1 | 2 | 3 | 4;
  parentCode: string | null;
}

export const REGION_LEVEL_NAMES = { 1: 'province', 2: 'regency', 3: 'district', 4: 'village' } as const;

export class RegionDirectory {
  private readonly byCode = new Map<string, RegionNode>();
  private readonly childrenOf = new Map<string | null, RegionNode[]>();

  /**
   * `retired`: district codes no longer in the list but still printed on NIKs and KKs (a region
   * split), each with the current district that took it over.
   */
  constructor(
    nodes: Iterable<RegionNode>,
    private readonly retired: Readonly<Record<string, string>> = RETIRED_DISTRICTS,
  ) {
    for (const node of nodes) {
      this.byCode.set(node.code, node);
      const siblings = this.childrenOf.get(node.parentCode);
      if (siblings) siblings.push(node);
      else this.childrenOf.set(node.parentCode, [node]);
    }
    for (const list of this.childrenOf.values()) list.sort((a, b) => a.code.localeCompare(b.code));
  }

  get size(): number {
    return this.byCode.size;
  }

  /** Every region, to build the same directory elsewhere (a worker thread). */
  nodes(): RegionNode[] {
    return [...this.byCode.values()];
  }

  get(code: string): RegionNode | undefined {
    return this.byCode.get(code);
  }

  provinces(): RegionNode[] {
    return this.childrenOf.get(null) ?? [];
  }

  children(code: string): RegionNode[] {
    return this.childrenOf.get(code) ?? [];
  }

  /** The node and its ancestors, province first. */
  lineage(code: string): RegionNode[] {
    const chain: RegionNode[] = [];
    for (
      let node = this.byCode.get(code);
      node;
      node = node.parentCode ? this.byCode.get(node.parentCode) : undefined
    ) {
      chain.unshift(node);
    }
    return chain;
  }

  /** A district of the current list, or a retired one whose successor is in it. */
  districtExists = (code: string): boolean => this.districtOfIssue(code) !== undefined;

  /**
   * The current district for the district code of a NIK or KK: the district itself, or for a
   * code retired by a split, the district that succeeded it (so a `91.01.01` NIK reads as
   * Merauke, Papua Selatan).
   */
  districtOfIssue(code: string): RegionNode | undefined {
    const node = this.byCode.get(code);
    if (node?.level === 3) return node;
    const successor = Object.hasOwn(this.retired, code) ? this.retired[code] : undefined;
    const current = successor === undefined ? undefined : this.byCode.get(successor);
    return current?.level === 3 ? current : undefined;
  }
}

export async function loadRegionDirectory(db: Db): Promise<RegionDirectory> {
  const rows = await db.selectFrom('regions').select(['code', 'name', 'level', 'parent_code']).execute();
  return new RegionDirectory(
    rows.map((r) => ({
      code: r.code,
      name: r.name,
      level: r.level as RegionNode['level'],
      parentCode: r.parent_code,
    })),
  );
}
