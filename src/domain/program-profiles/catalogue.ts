// The programs the office has defined, read from the database whenever a part needs them (a
// handful of rows, one query): the import's program column, the quality report's exclusions,
// /kriteria, the statistics page, the OpenAPI document. Never cached in a module: pages and
// server are bundled apart, and a cache in one would not see an edit made through the other.
// The server keeps one `CatalogueCopy` per process for the back-office pages, checked against the
// catalogue's version (migration 036) that their session lookup reads with the session.
import type { Kysely } from 'kysely';
import { readJsonText } from '../../db/engine.ts';
import type { Database } from '../../db/schema.ts';
import {
  BENEFITS,
  type Benefit,
  type BenefitAmount,
  PERIOD_KINDS,
  type PeriodKind,
  type ProgramProfile,
  programKey,
} from './profile.ts';

export interface ProgramCatalogue {
  /** National programs first, then each regency's, each by code. */
  readonly programs: readonly ProgramProfile[];
  get(code: string): ProgramProfile | undefined;
  /** A list's program cell (code or alias, any case or spacing) as a code; undefined: no program has that name. */
  resolve(cell: string): string | undefined;
  /** The program's name in the reader's language (the Indonesian one when no English was written). */
  nameOf(code: string, locale: string): string;
}

const parsedList = <T>(json: string): T[] => {
  const value = readJsonText(json);
  return Array.isArray(value) ? (value as T[]) : [];
};

type Row = Database['programs'];

export function profileOf(row: { [K in keyof Row]: Row[K] }): ProgramProfile {
  return {
    code: row.code,
    name: row.name,
    name_en: row.name_en ?? '',
    benefit: (BENEFITS as readonly string[]).includes(row.benefit) ? (row.benefit as Benefit) : 'cash',
    period_kind: (PERIOD_KINDS as readonly string[]).includes(row.period_kind)
      ? (row.period_kind as PeriodKind)
      : 'month',
    desil_ceiling: row.desil_ceiling,
    channel_id: row.channel_id,
    channel_en: row.channel_en,
    excludes: parsedList<string>(row.excludes).filter((c) => typeof c === 'string'),
    aliases: parsedList<string>(row.aliases).filter((a) => typeof a === 'string'),
    amounts: parsedList<BenefitAmount>(row.amounts),
    criteria_id: row.criteria_id,
    criteria_en: row.criteria_en,
    active_from: row.active_from,
    active_to: row.active_to,
    region_code: row.region_code,
  };
}

export function catalogueOf(profiles: readonly ProgramProfile[]): ProgramCatalogue {
  const programs = [...profiles].sort(
    (a, b) =>
      Number(a.region_code !== null) - Number(b.region_code !== null) ||
      (a.region_code ?? '').localeCompare(b.region_code ?? '') ||
      (a.code < b.code ? -1 : a.code > b.code ? 1 : 0),
  );
  const byCode = new Map(programs.map((p) => [p.code, p]));
  const byName = new Map<string, string>();
  for (const p of programs) for (const alias of p.aliases) byName.set(programKey(alias), p.code);
  // A code wins over another program's alias.
  for (const p of programs) byName.set(programKey(p.code), p.code);
  return {
    programs,
    get: (code) => byCode.get(code),
    resolve: (cell) => byName.get(programKey(cell)),
    nameOf: (code, locale) => {
      const p = byCode.get(code);
      if (!p) return code;
      return locale === 'en' && p.name_en !== '' ? p.name_en : p.name;
    },
  };
}

export async function loadCatalogue(db: Kysely<Database>): Promise<ProgramCatalogue> {
  const rows = await db.selectFrom('programs').selectAll().execute();
  return catalogueOf(rows.map(profileOf));
}

/**
 * One copy of the catalogue per process, held by the server and handed to pages (decision 0040).
 * `at(version)` answers the copy when it is of that version, the number a trigger on `programs`
 * raises with every change (migration 036) and that a statement the request makes anyway read;
 * any other number, or none, reads the catalogue again with its version, in one statement so the
 * two agree. An edit in another process is seen at the next request that reads the number.
 */
export class CatalogueCopy {
  private held: { version: number; catalogue: ProgramCatalogue } | undefined;
  /** Reads of the database, for tests. */
  reads = 0;

  constructor(private readonly db: Kysely<Database>) {}

  async at(version: number | undefined): Promise<ProgramCatalogue> {
    const held = this.held;
    if (held && version !== undefined && held.version === version) return held.catalogue;
    this.reads++;
    const rows = await this.db
      .selectFrom('program_catalogue_version as v')
      .leftJoin('programs as p', (join) => join.onTrue())
      .select('v.version as catalogue_version')
      .selectAll('p')
      .execute();
    const read = rows[0]?.catalogue_version;
    const catalogue = catalogueOf(rows.filter((r) => r.code !== null).map((r) => profileOf(r as Row)));
    // Never replace a newer copy with an older one (two requests may read at once).
    if (read !== undefined && (!this.held || this.held.version < read))
      this.held = { version: read, catalogue };
    return catalogue;
  }
}

/** The names each program answers to, for the checks that keep them apart. */
export function namesInUse(catalogue: ProgramCatalogue, except?: string): Map<string, string> {
  const names = new Map<string, string>();
  for (const p of catalogue.programs) {
    if (p.code === except) continue;
    names.set(programKey(p.code), p.code);
    for (const alias of p.aliases) names.set(programKey(alias), p.code);
  }
  return names;
}
