// Which imports an office may open, and what of them it reads (decision 0021). An upload by a
// Dinas Sosial carries its regency and is that office's; another regency's office never sees
// it. An import from the command line or by admin carries no regency and belongs to the
// deployment: every Dinas Sosial may open it, and reads only its own regency's part of it (the
// findings through import-report.ts, the rejected rows through `rejectedRowInRegency`). Admin
// reads everything.
import type { Officer } from '../backoffice/officer.ts';
import { actsForWholeDeployment, canImport } from '../backoffice/permissions.ts';
import type { DomainDeps } from '../deps.ts';
import { regencyCodeOf } from '../nik/nik.ts';

export type ImportReader = Pick<Officer, 'role' | 'areaCode'>;

/** Whether the officer imports at all (permissions.ts: `canImport`). */
export const mayImport = canImport;

/**
 * The regency an officer reads (`35.76`), or null for admin, who reads every regency. An officer
 * without an area reads none (an empty code matches no regency).
 */
export function regencyOf(officer: ImportReader): string | null {
  return actsForWholeDeployment(officer) ? null : (officer.areaCode ?? '').slice(0, 5);
}

/** What an upload by this officer records as its area: the Dinas Sosial's regency; admin's none. */
export const uploadAreaOf = regencyOf;

/** Whether the officer reads all of an import (its rejected rows and every finding). */
export function ownsImport(officer: ImportReader, record: { area_code: string | null }): boolean {
  const regency = regencyOf(officer);
  return regency === null || record.area_code === regency;
}

function visibleImports(deps: Pick<DomainDeps, 'db'>, officer: ImportReader) {
  const regency = regencyOf(officer);
  return deps.db
    .selectFrom('imports as i')
    .leftJoin('users as u', 'u.id', 'i.created_by')
    .$if(regency !== null, (q) =>
      q.where((eb) => eb.or([eb('i.area_code', 'is', null), eb('i.area_code', '=', regency)])),
    );
}

export async function listImports(deps: Pick<DomainDeps, 'db'>, officer: ImportReader, limit = 20) {
  if (!mayImport(officer)) return [];
  return visibleImports(deps, officer)
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
      'i.attempts',
      'i.created_at',
      'i.finished_at',
      'u.username',
    ])
    .orderBy('i.id', 'desc')
    .limit(limit)
    .execute();
}

/** An import the officer may open; undefined for one of another regency, as for one that is not there. */
export async function findImport(deps: Pick<DomainDeps, 'db'>, officer: ImportReader, id: number) {
  if (!mayImport(officer) || !Number.isSafeInteger(id) || id < 1) return undefined;
  return visibleImports(deps, officer)
    .selectAll('i')
    .select('u.username')
    .where('i.id', '=', id)
    .executeTakeFirst();
}

export type ImportRecord = NonNullable<Awaited<ReturnType<typeof findImport>>>;

/** Which rejected rows of an import the officer may have: all of its own, else its regency's. */
export function rejectedRowsReadableBy(
  officer: ImportReader,
  record: { area_code: string | null },
): (row: { cells: Record<string, string> }) => boolean {
  const regency = regencyOf(officer);
  if (regency === null || ownsImport(officer, record)) return () => true;
  return (row) => rejectedRowInRegency(row.cells, regency);
}

/**
 * Whether a rejected row of a deployment's import is about `regency`: by its village code when
 * the row gave one, else by the regency its NIK was issued in (the first four digits).
 */
export function rejectedRowInRegency(cells: Record<string, string>, regency: string): boolean {
  const village = (cells.kode_desa ?? '').replace(/\D/g, '');
  const nik = (cells.nik ?? '').replace(/\s/g, '');
  const digits = village.length >= 4 ? village : /^\d{16}$/.test(nik) ? nik : '';
  return digits.length >= 4 && regencyCodeOf(digits) === regency;
}
