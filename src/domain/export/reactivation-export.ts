// The Dinas Sosial's list of PBI-JK reactivation requests (issue 19), next to the ministry lists:
// every request in its area, open or finished, with the member's NIK, the facility, when it was
// filed and is due, where it stands and how it ended. The NIKs make it personal data: each
// download is audited as an export and names the people it listed (viewer log, decision 0030).
import { recordAudit } from '../backoffice/audit.ts';
import type { Officer } from '../backoffice/officer.ts';
import { canExport } from '../backoffice/permissions.ts';
import { scopeWhere, villagesUnder } from '../backoffice/scope.ts';
import { subjectsOf } from '../backoffice/viewer-log.ts';
import { type CsvCell, toCsv } from '../csv.ts';
import type { DomainDeps } from '../deps.ts';
import { AppError } from '../errors.ts';
import { dueAtIso, officeDate } from '../tickets/due-dates.ts';
import { REACTIVATION_TOPIC, reactivationAnswerOf } from '../tickets/reactivation.ts';
import { firstReference } from '../tickets/ticket-repository.ts';
import { ADUAN, ANSWERED_ADUAN } from '../tickets/workflow.ts';

/** The list's name in the audit log and on the export page. */
export const REACTIVATION_EXPORT = REACTIVATION_TOPIC;

export const REACTIVATION_COLUMNS = [
  'referensi',
  'kode_desa',
  'nama_desa',
  'nik_peserta',
  'fasilitas_kesehatan',
  'tanggal_surat',
  'diajukan',
  'tenggat',
  'status',
  'hasil',
  'jawaban',
  'selesai',
] as const;

type Deps = Pick<DomainDeps, 'db' | 'regions' | 'now' | 'secret' | 'tickets'>;

const text = (v: unknown): string | null => (typeof v === 'string' && v !== '' ? v : null);

/** The Dinas Sosial only: its regency (and the desk's placeless requests); anyone else: not found. */
export async function exportReactivations(
  deps: Deps,
  officer: Officer,
  clientAddress: string | null,
): Promise<{ filename: string; csv: string; rows: number }> {
  if (!canExport(officer, 'reactivation') || !officer.areaCode) {
    throw new AppError('not_found', { kind: 'export.kind_unknown' });
  }
  const scope = scopeWhere(officer, villagesUnder(deps.regions));
  const tickets = await deps.db
    .selectFrom('tickets as t')
    .select((eb) => [
      't.id',
      't.status',
      't.area_code',
      't.payload',
      't.subject_nik',
      't.opened_at',
      't.due_at',
      't.closed_at',
      firstReference(eb),
    ])
    .where('t.kind', '=', 'aduan')
    .where('t.topic', '=', REACTIVATION_TOPIC)
    .where(scope)
    .orderBy('t.opened_at')
    .orderBy('t.id')
    .execute();

  // The closing moves, for each request's outcome: one query for the whole list, by the same
  // filter (not an IN list of ids, which SQLite caps at 32,766 parameters).
  const closings = await deps.db
    .selectFrom('ticket_events as e')
    .innerJoin('tickets as t', 't.id', 'e.ticket_id')
    .select(['e.ticket_id', 'e.from_status', 'e.to_status', 'e.data'])
    .where('t.kind', '=', 'aduan')
    .where('t.topic', '=', REACTIVATION_TOPIC)
    .where(scope)
    .where('e.to_status', 'in', ANSWERED_ADUAN)
    .orderBy('e.id')
    .execute();
  const eventsOf = new Map<
    number,
    { from_status: string | null; to_status: string; data: Record<string, unknown> | null }[]
  >();
  for (const e of closings) {
    const list = eventsOf.get(e.ticket_id) ?? [];
    list.push({ ...e, data: e.data === null ? null : (JSON.parse(e.data) as Record<string, unknown>) });
    eventsOf.set(e.ticket_id, list);
  }

  const villageName = (code: string | null) => (code ? (deps.regions.get(code)?.name ?? '') : '');
  const rows: CsvCell[][] = tickets.map((t) => {
    const p = JSON.parse(t.payload) as Record<string, unknown>;
    const outcome = reactivationAnswerOf(t.status, eventsOf.get(t.id) ?? []);
    // A closed request has no due date left on its row: the whole request's limit, from its opening.
    const due =
      t.due_at ??
      dueAtIso('aduan', ADUAN.initial, new Date(t.opened_at), deps.tickets, { topic: REACTIVATION_TOPIC });
    return [
      t.reference,
      t.area_code,
      villageName(t.area_code),
      t.subject_nik ?? text(p.nik),
      text(p.faskes),
      text(p.letter_date),
      officeDate(t.opened_at, deps.tickets.zone),
      due ? officeDate(due, deps.tickets.zone) : null,
      t.status,
      outcome.outcome,
      outcome.answer,
      t.closed_at ? officeDate(t.closed_at, deps.tickets.zone) : null,
    ];
  });

  await recordAudit(deps, {
    actor: officer,
    action: 'export',
    clientAddress,
    detail: { list: REACTIVATION_EXPORT, area: officer.areaCode, rows: rows.length },
    subjects: subjectsOf(
      deps.secret,
      rows.map((r) => String(r[REACTIVATION_COLUMNS.indexOf('nik_peserta')] ?? '')),
    ),
  });
  const day = officeDate(deps.now().toISOString(), deps.tickets.zone);
  return {
    filename: `${REACTIVATION_EXPORT}_${officer.areaCode.replaceAll('.', '')}_${day}.csv`,
    csv: toCsv(REACTIVATION_COLUMNS, rows),
    rows: rows.length,
  };
}
