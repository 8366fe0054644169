// A list imported the way an officer does it, in one call: read into its preview, the officer's
// choices (when given), confirmed with the preview's own figures, and written.
import { createHash } from 'node:crypto';
import { writeFileSync } from 'node:fs';
import path from 'node:path';
import { applyImport, confirmImport, decideImport } from '../../src/domain/import/apply-import.ts';
import type { ImportDecision } from '../../src/domain/import/import-decision.ts';
import type { RowDefaults } from '../../src/domain/import/normalise-row.ts';
import { previewTotals } from '../../src/domain/import/preview-read.ts';
import { createImport, type ImportDeps, runImport } from '../../src/domain/import/run-import.ts';

/** Reads `file` into a preview (nothing written); answers the reading's outcome. */
export async function previewFile(
  deps: ImportDeps,
  file: string,
  defaults: RowDefaults = {},
  createdBy: number | null = null,
) {
  const { id } = await createImport(deps, {
    fileName: path.basename(file),
    file,
    defaults,
    source: 'cli',
    createdBy,
  });
  return runImport(deps, id, file);
}

/** Confirms a previewed list with its own figures (and the number of large endings), then writes it. */
export async function confirmAndApply(deps: ImportDeps, importId: number, decision?: ImportDecision) {
  if (decision) await decideImport(deps, importId, decision);
  const record = await deps.db
    .selectFrom('imports')
    .select('preview_fingerprint')
    .where('id', '=', importId)
    .executeTakeFirstOrThrow();
  const totals = await previewTotals(deps, importId);
  await confirmImport(
    deps,
    null,
    importId,
    { fingerprint: record.preview_fingerprint ?? '', endings: totals.largeEndings || null },
    null,
  );
  return applyImport(deps, importId);
}

/** The whole way: preview, confirm, write. `decision` defaults to taking in every program of the file. */
export async function importFile(
  deps: ImportDeps,
  file: string,
  defaults: RowDefaults = {},
  decision: ImportDecision | 'all-programs' = 'all-programs',
) {
  const outcome = await previewFile(deps, file, defaults);
  if (outcome.status !== 'done') return { ...outcome, membershipsEnded: 0 };
  const chosen =
    decision === 'all-programs'
      ? { includePrograms: ['BPNT', 'PKH', 'BST', 'PBI-JK', 'PIP', 'KKS'], complete: [], partial: [] }
      : decision;
  const applied = await confirmAndApply(deps, outcome.importId, chosen);
  return { ...outcome, membershipsEnded: applied.membershipsEnded };
}

export async function importText(
  deps: ImportDeps,
  dir: string,
  name: string,
  text: string | Buffer,
  defaults: RowDefaults = {},
  decision: ImportDecision | 'all-programs' = 'all-programs',
) {
  const file = path.join(dir, name);
  writeFileSync(file, text);
  return importFile(deps, file, defaults, decision);
}

const EVERY_PROGRAM: ImportDecision = {
  includePrograms: ['BPNT', 'PKH', 'BST', 'PBI-JK', 'PIP', 'KKS'],
  complete: [],
  partial: [],
};

/**
 * `runImport`, then the list confirmed with every program taken in and written: what the suites
 * written before previews expect of an import. Answers the reading's outcome.
 */
export async function readAndApply(
  deps: ImportDeps,
  importId: number,
  file: string,
  ...rest: [onProgress?: Parameters<typeof runImport>[3], signal?: AbortSignal]
) {
  const outcome = await runImport(deps, importId, file, ...rest);
  if (outcome.status === 'done') await confirmAndApply(deps, importId, EVERY_PROGRAM);
  return outcome;
}

/** An uploaded list whose preview is ready, confirmed and written. */
export async function applyEveryProgram(deps: ImportDeps, importId: number) {
  return confirmAndApply(deps, importId, EVERY_PROGRAM);
}

/**
 * An `imports` row of a list applied at `appliedAt`, for a test that needs a household or a
 * membership written by a list (its "data per" date, its DTSEN snapshot) without reading a file.
 */
export function appliedList(fileName: string, appliedAt: string, dtsenSnapshot: string | null = null) {
  return {
    dtsen_snapshot: dtsenSnapshot,
    file_name: fileName,
    format: 'csv',
    sha256: createHash('sha256').update(fileName).digest('hex'),
    default_program: null,
    default_period: null,
    status: 'done',
    source: 'cli',
    stored_path: null,
    failure: null,
    created_by: null,
    area_code: null,
    created_at: appliedAt,
    started_at: null,
    finished_at: appliedAt,
    runner: null,
    heartbeat_at: null,
    header_line: 1,
    main_program: null,
    decision: null,
    preview_fingerprint: null,
    preview_basis: null,
    confirmed_fingerprint: null,
    confirmed_by: null,
    confirmed_at: appliedAt,
    applied_at: appliedAt,
    rolled_back_at: null,
    apply_step: null,
    apply_line: null,
    phase: 'applied',
  } as const;
}
