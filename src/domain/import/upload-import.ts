// An import started from the upload page: the file is kept under DATA_DIR/imports, the import is
// recorded (audited), and it runs in this process off the request path; the page reads its
// progress from the imports table, so the officer can leave and come back.
import { randomBytes } from 'node:crypto';
import { mkdirSync, rmSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { recordAudit } from '../backoffice/audit.ts';
import type { Officer } from '../backoffice/officer.ts';
import type { DomainDeps } from '../deps.ts';
import { AppError } from '../errors.ts';
import { isProgramCode } from '../programs.ts';
import { readPeriod } from './normalise-row.ts';
import { createImport, runImport } from './run-import.ts';

type Deps = Pick<DomainDeps, 'db' | 'regions' | 'now' | 'dataDir'>;

export const IMPORT_ROLES = ['dinsos', 'admin'] as const;

/** What the upload page accepts; a province's list goes through `npm run import`. */
export const UPLOAD_LIMIT_BYTES = 64 * 1024 * 1024;

export interface Upload {
  fileName: string;
  bytes: Uint8Array;
  program: string;
  period: string;
}

export async function startUploadedImport(
  deps: Deps,
  officer: Pick<Officer, 'id' | 'role'>,
  upload: Upload,
  clientAddress: string | null,
  onError: (error: unknown) => void,
): Promise<number> {
  if (!(IMPORT_ROLES as readonly string[]).includes(officer.role)) throw new AppError('forbidden');
  const errors: Record<string, string> = {};
  if (upload.bytes.length === 0) errors.berkas = 'import.file_required';
  else if (!/\.(csv|xlsx)$/i.test(upload.fileName)) errors.berkas = 'import.file_type';
  const program = upload.program.trim().toUpperCase();
  if (program !== '' && !isProgramCode(program)) errors.program = 'import.program_unknown';
  const period = upload.period.trim() === '' ? undefined : readPeriod(upload.period);
  if (period === null) errors.periode = 'import.period_format';
  if (Object.keys(errors).length > 0) throw new AppError('validation_failed', errors);

  const directory = path.join(deps.dataDir, 'imports');
  mkdirSync(directory, { recursive: true });
  const extension = /\.xlsx$/i.test(upload.fileName) ? 'xlsx' : 'csv';
  const stored = path.join(directory, `${randomBytes(12).toString('hex')}.${extension}`);
  writeFileSync(stored, upload.bytes);
  const { id } = await createImport(deps, {
    fileName: path.basename(upload.fileName).replace(/[^\w .()-]/g, '_'),
    file: stored,
    defaults: { program: isProgramCode(program) ? program : undefined, period: period ?? undefined },
    source: 'upload',
    createdBy: officer.id,
    storedPath: stored,
  });
  await recordAudit(deps, {
    actor: officer,
    action: 'import',
    target: { type: 'import', id },
    clientAddress,
    detail: {
      bytes: upload.bytes.length,
      format: extension,
      program: program || null,
      period: period ?? null,
    },
  });
  // Off the request path: the answer goes out now; the page polls the imports table.
  setImmediate(() => {
    runImport(deps, id, stored)
      .catch(onError)
      .finally(async () => {
        rmSync(stored, { force: true });
        await deps.db
          .updateTable('imports')
          .set({ stored_path: null })
          .where('id', '=', id)
          .execute()
          .catch(onError);
      });
  });
  return id;
}

export async function listImports(deps: Pick<DomainDeps, 'db'>, limit = 20) {
  return deps.db
    .selectFrom('imports as i')
    .leftJoin('users as u', 'u.id', 'i.created_by')
    .select([
      'i.id',
      'i.file_name',
      'i.format',
      'i.status',
      'i.source',
      'i.bytes_total',
      'i.bytes_read',
      'i.rows_read',
      'i.rows_accepted',
      'i.rows_rejected',
      'i.memberships_ended',
      'i.failure',
      'i.created_at',
      'i.finished_at',
      'u.username',
    ])
    .orderBy('i.id', 'desc')
    .limit(limit)
    .execute();
}

export async function findImport(deps: Pick<DomainDeps, 'db'>, id: number) {
  if (!Number.isSafeInteger(id) || id < 1) return undefined;
  return (await listImportsWhere(deps, id))[0];
}

async function listImportsWhere(deps: Pick<DomainDeps, 'db'>, id: number) {
  return deps.db
    .selectFrom('imports as i')
    .leftJoin('users as u', 'u.id', 'i.created_by')
    .selectAll('i')
    .select('u.username')
    .where('i.id', '=', id)
    .execute();
}
