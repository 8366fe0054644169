// The lists an office sends to the ministry (DESIGN §2, Dinas Sosial: "export for the ministry
// upload"): proposals the regional head approved (`disahkan_kepala_daerah`), and recipients a
// proven objection says are to be removed. One CSV per village or for the whole regency, in the
// layout the README documents; each export is audited with who made it, which list, which area
// and how many rows (never a NIK).
//
// The Dinas Sosial's export of approved proposals is what sends them: in the same transaction it
// moves each to `diusulkan_ke_kemensos` (the resident reads it on /lacak), so no proposal is sent
// twice or forgotten (issue 20). Every export is kept (migration 032) and can be downloaded again.
import { parse as parseCsv } from 'csv-parse/sync';
import { type ExpressionBuilder, sql } from 'kysely';
import { insertInBatches } from '../../db/insert-in-batches.ts';
import type { Database, TicketTable } from '../../db/schema.ts';
import { recordAudit } from '../backoffice/audit.ts';
import { moveCase } from '../backoffice/case-work.ts';
import type { Officer } from '../backoffice/officer.ts';
import {
  canExport,
  canSendToMinistry,
  isWholeRegencyOf,
  villagesCovered,
} from '../backoffice/permissions.ts';
import { villagesUnder } from '../backoffice/scope.ts';
import { subjectsOf } from '../backoffice/viewer-log.ts';
import { type CsvCell, toCsv } from '../csv.ts';
import type { DomainDeps } from '../deps.ts';
import { AppError } from '../errors.ts';
import type { OfficeZone } from '../regions/office-zone.ts';
import { officeDate } from '../tickets/due-dates.ts';
import { firstReference } from '../tickets/ticket-repository.ts';
import { EXPORTABLE_TO_MINISTRY, SENT_TO_MINISTRY } from '../tickets/workflow.ts';

export const EXPORT_KINDS = ['usulan_disahkan', 'hapus_terbukti'] as const;
export type ExportKind = (typeof EXPORT_KINDS)[number];

/** The columns of each list, as documented in the README ("Ekspor ke Kemensos"). */
export const EXPORT_COLUMNS: Record<ExportKind, readonly string[]> = {
  usulan_disahkan: [
    'referensi',
    'kode_desa',
    'nama_desa',
    'nik_kepala',
    'no_kk',
    'nama_kepala',
    'tanggal_lahir',
    'jenis_kelamin',
    'alamat',
    'rt',
    'rw',
    'jumlah_anggota',
    'tanggal_disahkan',
  ],
  hapus_terbukti: [
    'referensi',
    'kode_desa',
    'nama_desa',
    'nik',
    'no_kk',
    'nama',
    'alasan',
    'tanggal_terbukti',
  ],
};

/** The cases each list carries: the workflow's stages exportable to the ministry. */
export const EXPORT_STATE: Record<ExportKind, { kind: 'usulan' | 'sanggahan'; statuses: readonly string[] }> =
  {
    usulan_disahkan: { kind: 'usulan', statuses: EXPORTABLE_TO_MINISTRY.usulan },
    hapus_terbukti: { kind: 'sanggahan', statuses: EXPORTABLE_TO_MINISTRY.sanggahan },
  };

export interface ExportRequest {
  kind: string;
  /** A village code, or the officer's regency code (dinsos) for the whole regency. */
  area: string;
}

export interface ExportResult {
  filename: string;
  csv: string;
  rows: number;
  /** The kept export (`ministry_exports.id`). */
  id: number;
  /** Proposals this export moved to `diusulkan_ke_kemensos`. */
  moved: number;
}

type Deps = Pick<DomainDeps, 'db' | 'regions' | 'now' | 'secret' | 'tickets' | 'area'>;

/** The areas an officer may export: a kelurahan operator their village; the Dinas Sosial its regency or any of its villages. */
export function exportableAreas(deps: Pick<DomainDeps, 'regions'>, officer: Officer): string[] {
  if (!officer.areaCode || !canExport(officer, 'ministry')) return [];
  const villages = villagesCovered(officer, villagesUnder(deps.regions));
  return isWholeRegencyOf(officer, officer.areaCode) ? [officer.areaCode, ...villages] : villages;
}

/** The office's calendar date of an instant (WIB, WITA or WIT: decision 0036). */
const dateOn = (iso: string | null, zone: OfficeZone | undefined) => (iso ? officeDate(iso, zone) : null);

interface Payload {
  head_nik?: unknown;
  kk?: unknown;
  head_name?: unknown;
  birth_date?: unknown;
  sex?: unknown;
  address?: unknown;
  rt?: unknown;
  rw?: unknown;
  members?: unknown;
}

const text = (v: unknown): string | null => (typeof v === 'string' ? v : null);

/**
 * A desil dispute is an usulan too (decision 0031), but it proposes no new household: it goes to
 * the DTSEN update in its own list (desil-dispute-export.ts), never in `usulan_disahkan`.
 */
const notADesilDispute = (eb: ExpressionBuilder<Database & { t: TicketTable }, 't'>) =>
  eb.or([eb('t.kind', '!=', 'usulan'), eb('t.topic', 'is', null), eb('t.topic', '!=', 'sanggah_desil')]);

/**
 * Builds the list and audits it. Out of the officer's reach (another role, another area) is
 * "not found", as everywhere in the back office.
 */
export async function exportForMinistry(
  deps: Deps,
  officer: Officer,
  request: ExportRequest,
  clientAddress: string | null,
): Promise<ExportResult> {
  // The list, the moves and the record commit together: a proposal is in a kept file exactly when
  // it was moved; a conflict with another officer's move leaves all of it unwritten.
  return deps.db
    .transaction()
    .execute((trx) => writeExport({ ...deps, db: trx }, officer, request, clientAddress));
}

async function writeExport(
  deps: Deps,
  officer: Officer,
  request: ExportRequest,
  clientAddress: string | null,
): Promise<ExportResult> {
  const kind = (EXPORT_KINDS as readonly string[]).includes(request.kind)
    ? (request.kind as ExportKind)
    : null;
  if (!kind) throw new AppError('validation_failed', { kind: 'export.kind_unknown' });
  const areas = exportableAreas(deps, officer);
  if (!areas.includes(request.area)) throw new AppError('not_found', { area: 'export.area_unknown' });
  const villages = isWholeRegencyOf(officer, request.area) ? areas.slice(1) : [request.area];
  const { kind: ticketKind, statuses } = EXPORT_STATE[kind];

  const tickets = await deps.db
    .selectFrom('tickets as t')
    .leftJoin('household_members as m', 'm.id', 't.target_member_id')
    .leftJoin('households as h', 'h.id', 'm.household_id')
    .select((eb) => [
      't.id',
      't.version',
      't.area_code',
      't.payload',
      't.topic',
      't.subject_nik',
      't.subject_kk',
      'm.nik as member_nik',
      'm.name as member_name',
      'h.kk as household_kk',
      'h.village_code as household_village',
      firstReference(eb),
      eb
        .selectFrom('ticket_events as e')
        .select((e) => e.fn.max('e.at').as('at'))
        .whereRef('e.ticket_id', '=', 't.id')
        .where('e.to_status', 'in', statuses)
        .as('reached_at'),
    ])
    .where('t.kind', '=', ticketKind)
    .where('t.status', 'in', statuses)
    .where(notADesilDispute)
    // A ticket retention emptied has no form left to send (and was sent long before).
    .where('t.personal_data_removed_at', 'is', null)
    .where('t.area_code', 'in', villages.length > 0 ? villages : [''])
    .orderBy('t.area_code')
    .orderBy('t.id')
    .execute();

  const villageName = (code: string | null) => (code ? (deps.regions.get(code)?.name ?? '') : '');
  const rows: CsvCell[][] = tickets.map((t) => {
    if (kind === 'usulan_disahkan') {
      const p = JSON.parse(t.payload) as Payload;
      return [
        t.reference,
        t.area_code,
        villageName(t.area_code),
        text(p.head_nik) ?? t.subject_nik,
        text(p.kk) ?? t.subject_kk,
        text(p.head_name),
        text(p.birth_date),
        text(p.sex),
        text(p.address),
        text(p.rt),
        text(p.rw),
        1 + (Array.isArray(p.members) ? p.members.length : 0),
        dateOn(t.reached_at as string | null, deps.tickets.zone),
      ];
    }
    const village = t.household_village ?? t.area_code;
    return [
      t.reference,
      village,
      villageName(village),
      t.member_nik ?? t.subject_nik,
      t.household_kk ?? t.subject_kk,
      t.member_name,
      t.topic,
      dateOn(t.reached_at as string | null, deps.tickets.zone),
    ];
  });

  const day = dateOn(deps.now().toISOString(), deps.tickets.zone) ?? '';
  const filename = `${kind}_${request.area.replaceAll('.', '')}_${day}.csv`;
  const csv = toCsv(EXPORT_COLUMNS[kind], rows);
  const sends = kind === 'usulan_disahkan' && canSendToMinistry(officer);
  for (const t of sends ? tickets : []) {
    await moveCase(
      deps,
      officer,
      { ticketId: t.id, to: SENT_TO_MINISTRY, expectedVersion: t.version },
      clientAddress ?? '',
    );
  }
  const kept = await deps.db
    .insertInto('ministry_exports')
    .values({
      kind,
      area_code: request.area,
      officer_id: officer.id,
      created_at: deps.now().toISOString(),
      filename,
      row_count: rows.length,
      moved: sends ? tickets.length : 0,
      csv,
    })
    .returning('id')
    .executeTakeFirstOrThrow();
  if (tickets.length > 0) {
    await insertInBatches(
      deps.db,
      'ministry_export_tickets',
      tickets.map((t) => ({ export_id: kept.id, ticket_id: t.id })),
    );
  }
  await recordAudit(deps, {
    actor: officer,
    action: 'export',
    clientAddress,
    target: { type: 'export', id: kept.id },
    detail: { list: kind, area: request.area, rows: rows.length, moved: sends ? tickets.length : 0 },
    // Each person the list names: the NIK column of either layout.
    subjects: subjectsOf(deps.secret, niksOf(kind, rows)),
  });
  return { filename, csv, rows: rows.length, id: kept.id, moved: sends ? tickets.length : 0 };
}

const niksOf = (kind: ExportKind, rows: readonly CsvCell[][]) => {
  const column = EXPORT_COLUMNS[kind].indexOf(kind === 'usulan_disahkan' ? 'nik_kepala' : 'nik');
  return rows.map((r) => String(r[column] ?? ''));
};

export interface KeptExport {
  id: number;
  kind: ExportKind;
  area_code: string;
  created_at: string;
  row_count: number;
  moved: number;
  officer_name: string;
  /** Its file was removed after the retention period; the record stays. */
  removed: boolean;
}

/** The exports of the areas an officer may export, newest first. */
export async function keptExports(
  deps: Pick<DomainDeps, 'db' | 'regions'>,
  officer: Officer,
  limit = 20,
): Promise<KeptExport[]> {
  const areas = exportableAreas(deps, officer);
  const rows = await deps.db
    .selectFrom('ministry_exports as x')
    .innerJoin('users as u', 'u.id', 'x.officer_id')
    .select([
      'x.id',
      'x.kind',
      'x.area_code',
      'x.created_at',
      'x.row_count',
      'x.moved',
      'u.display_name as officer_name',
    ])
    .select(sql<number>`case when x.csv = '' then 1 else 0 end`.as('removed'))
    .where('x.area_code', 'in', areas.length > 0 ? areas : [''])
    .orderBy('x.id', 'desc')
    .limit(limit)
    .execute();
  return rows.map((r) => ({ ...r, kind: r.kind as ExportKind, removed: Number(r.removed) === 1 }));
}

/**
 * A kept export, downloaded again exactly as it was made; audited as an export of the same people.
 * Another area's export, or none with that id, is "not found".
 */
export async function downloadKeptExport(
  deps: Pick<DomainDeps, 'db' | 'regions' | 'secret' | 'now'>,
  officer: Officer,
  rawId: string,
  clientAddress: string | null,
): Promise<{ filename: string; csv: string }> {
  const id = /^\d{1,9}$/.test(rawId) ? Number(rawId) : -1;
  const areas = exportableAreas(deps, officer);
  const kept = await deps.db
    .selectFrom('ministry_exports')
    .select(['id', 'kind', 'area_code', 'filename', 'row_count', 'csv'])
    .where('id', '=', id)
    .where('area_code', 'in', areas.length > 0 ? areas : [''])
    .executeTakeFirst();
  if (!kept) throw new AppError('not_found', { export: 'export.not_found' });
  if (kept.csv === '') throw new AppError('validation_failed', { export: 'export.removed' });
  const kind = kept.kind as ExportKind;
  const records = parseCsv(kept.csv, { bom: true, columns: true }) as Record<string, string>[];
  await recordAudit(deps, {
    actor: officer,
    action: 'export_again',
    clientAddress,
    target: { type: 'export', id: kept.id },
    detail: { list: kind, area: kept.area_code, rows: kept.row_count },
    subjects: subjectsOf(
      deps.secret,
      records.map((r) => r[kind === 'usulan_disahkan' ? 'nik_kepala' : 'nik'] ?? ''),
    ),
  });
  return { filename: kept.filename, csv: kept.csv };
}

/** How many cases each list would hold now, per area the officer may export (for the page). */
export async function exportCounts(deps: Pick<DomainDeps, 'db' | 'regions'>, officer: Officer) {
  const areas = exportableAreas(deps, officer);
  const villages = officer.areaCode && isWholeRegencyOf(officer, officer.areaCode) ? areas.slice(1) : areas;
  const rows = await deps.db
    .selectFrom('tickets as t')
    .select(['t.kind', 't.area_code', (eb) => eb.fn.countAll<number>().as('n')])
    .where((eb) =>
      eb.or(
        Object.values(EXPORT_STATE).map((s) =>
          eb.and([eb('t.kind', '=', s.kind), eb('t.status', 'in', s.statuses)]),
        ),
      ),
    )
    .where(notADesilDispute)
    .where('t.area_code', 'in', villages.length > 0 ? villages : [''])
    .groupBy(['t.kind', 't.area_code'])
    .execute();
  const count = (kind: ExportKind, area: string) =>
    rows
      .filter(
        (r) =>
          r.kind === EXPORT_STATE[kind].kind &&
          (isWholeRegencyOf(officer, area) ? true : r.area_code === area),
      )
      .reduce((s, r) => s + Number(r.n), 0);
  return areas.map((area) => ({
    area,
    name: deps.regions.get(area)?.name ?? area,
    usulan_disahkan: count('usulan_disahkan', area),
    hapus_terbukti: count('hapus_terbukti', area),
  }));
}
