// The programs a list may name, read from the office's program profiles once per import and
// handed to the row reader as plain data: the reader may run in a worker thread, where only what
// structured cloning carries arrives (a Map does; the catalogue's functions would not).
import type { ProgramCatalogue } from '../program-profiles/catalogue.ts';
import { type ProgramProfile, programKey } from '../program-profiles/profile.ts';

/** Each name a list may write for a program (by `programKey`, and with its spaces dropped) → its code. */
export type ProgramNames = ReadonlyMap<string, string>;

/** Lists wrote `P K H` and `PBI JK` for codes before aliases existed: the spaces never mattered. */
const squashed = (key: string) => key.replace(/ /g, '');

/**
 * The programs an import may name: every defined program from the command line or the admin;
 * for a regency's upload, the national ones and that regency's own (another regency's program is
 * not one its office defined).
 */
export function importablePrograms(catalogue: ProgramCatalogue, regency?: string | null): ProgramProfile[] {
  return catalogue.programs.filter((p) => !regency || p.region_code === null || p.region_code === regency);
}

export function programNamesOf(catalogue: ProgramCatalogue, regency?: string | null): ProgramNames {
  const programs = importablePrograms(catalogue, regency);
  const names = new Map<string, string>();
  const namesOf = (p: ProgramProfile) => [...p.aliases, p.code].map(programKey);
  // The exact names are set last, so that they win over another name with its spaces dropped,
  // and a code over another program's alias.
  for (const p of programs) for (const key of namesOf(p)) names.set(squashed(key), p.code);
  for (const p of programs) for (const alias of p.aliases) names.set(programKey(alias), p.code);
  for (const p of programs) names.set(programKey(p.code), p.code);
  return names;
}

/** A list's program cell (code or alias, any case or spacing) as a code; undefined: not defined. */
export function resolveProgram(names: ProgramNames, cell: string): string | undefined {
  const key = programKey(cell);
  if (key === '') return undefined;
  return names.get(key) ?? names.get(squashed(key));
}
