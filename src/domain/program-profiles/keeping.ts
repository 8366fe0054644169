// Who keeps which program profile: the admin keeps every program (the national ones are only
// theirs); a regency's Dinas Sosial keeps the programs of its own regency and adds new ones for
// it. Every change is audited with the code, never the text. To other offices, and for a
// program of another regency, the profile does not exist to edit (404, decision 0012).

import { recordAudit } from '../backoffice/audit.ts';
import type { Officer } from '../backoffice/officer.ts';
import {
  actsForWholeDeployment,
  canEditProgram,
  canKeepPrograms,
  regencyKeptBy,
} from '../backoffice/permissions.ts';
import type { DomainDeps } from '../deps.ts';
import { AppError } from '../errors.ts';
import { loadCatalogue, namesInUse } from './catalogue.ts';
import { type ProfileInput, type ProgramProfile, validateProfile } from './profile.ts';

type Deps = Pick<DomainDeps, 'db' | 'now'>;

/** Whether this officer edits the program (permissions.ts: `canEditProgram`). */
export const keepsProgram = (
  officer: Pick<Officer, 'role' | 'areaCode'>,
  program: Pick<ProgramProfile, 'region_code'>,
): boolean => canEditProgram(officer, program);

const notFound = () => new AppError('not_found', { program: 'program.not_found' });

function assertKeeper(officer: Officer): void {
  if (!canKeepPrograms(officer)) throw notFound();
}

const columnsOf = (input: ProfileInput) => ({
  name: input.name,
  name_en: input.name_en,
  benefit: input.benefit,
  period_kind: input.period_kind,
  desil_ceiling: input.desil_ceiling,
  channel_id: input.channel_id,
  channel_en: input.channel_en,
  excludes: JSON.stringify(input.excludes),
  aliases: JSON.stringify(input.aliases),
  amounts: JSON.stringify(input.amounts),
  criteria_id: input.criteria_id,
  criteria_en: input.criteria_en,
  active_from: input.active_from,
  active_to: input.active_to,
});

/** A new program: national when the admin adds it, of the officer's regency when a Dinas Sosial does. */
export async function createProgram(
  deps: Deps,
  officer: Officer,
  raw: unknown,
  clientKey: string,
): Promise<{ code: string }> {
  assertKeeper(officer);
  const catalogue = await loadCatalogue(deps.db);
  const input = validateProfile(
    raw,
    { codes: new Set(catalogue.programs.map((p) => p.code)), namesInUse: namesInUse(catalogue) },
    'create',
  );
  const region_code = regencyKeptBy(officer);
  // Only the admin adds a national program: a Dinas Sosial without a regency adds none.
  if (!actsForWholeDeployment(officer) && region_code === null) throw notFound();
  try {
    await deps.db
      .insertInto('programs')
      .values({ code: input.code, ...columnsOf(input), region_code, updated_at: deps.now().toISOString() })
      .execute();
  } catch (error) {
    // Two offices adding one code at once: the primary key decides, the second is told plainly.
    if (
      (await deps.db
        .selectFrom('programs')
        .select('code')
        .where('code', '=', input.code)
        .executeTakeFirst()) !== undefined
    )
      throw new AppError('validation_failed', { code: 'program.code_taken' });
    throw error;
  }
  await recordAudit(deps, {
    actor: officer,
    action: 'program_create',
    target: { type: 'program', id: input.code },
    clientAddress: clientKey,
    detail: { region: region_code },
  });
  return { code: input.code };
}

/** Saves the profile of `code`; the code itself never changes (memberships and lists refer to it). */
export async function updateProgram(
  deps: Deps,
  officer: Officer,
  code: string,
  raw: unknown,
  clientKey: string,
): Promise<void> {
  assertKeeper(officer);
  const catalogue = await loadCatalogue(deps.db);
  const current = catalogue.get(code);
  if (!current || !keepsProgram(officer, current)) throw notFound();
  const input = validateProfile(
    { ...(raw && typeof raw === 'object' ? raw : {}), code },
    { codes: new Set(catalogue.programs.map((p) => p.code)), namesInUse: namesInUse(catalogue, code) },
    'update',
  );
  await deps.db
    .updateTable('programs')
    .set({ ...columnsOf(input), updated_at: deps.now().toISOString() })
    .where('code', '=', code)
    .execute();
  await recordAudit(deps, {
    actor: officer,
    action: 'program_update',
    target: { type: 'program', id: code },
    clientAddress: clientKey,
    detail: { ceiling: input.desil_ceiling },
  });
}

/** The profiles this officer reads on the page: every one; `keeps` says which they may edit. */
export async function programsFor(
  deps: Pick<Deps, 'db'>,
  officer: Officer,
): Promise<{ profile: ProgramProfile; keeps: boolean }[]> {
  assertKeeper(officer);
  const catalogue = await loadCatalogue(deps.db);
  return catalogue.programs
    .filter((p) => actsForWholeDeployment(officer) || p.region_code === null || keepsProgram(officer, p))
    .map((profile) => ({ profile, keeps: keepsProgram(officer, profile) }));
}
