// The desil disputes of a regency as one CSV, for the Dinas Sosial to send with the next DTSEN
// update (issue 19, decision 0031): which household, which facts it says are wrong and what is
// true now, what the office found (the note of the move that finished the case), and when. It
// names NIKs, so only the Dinas Sosial of the regency takes it, and each export is audited with
// every NIK it names as a subject (the viewer log answers "who looked at me" from it).
import { recordAudit } from '../backoffice/audit.ts';
import type { Officer } from '../backoffice/officer.ts';
import { canExport } from '../backoffice/permissions.ts';
import { villagesUnder } from '../backoffice/scope.ts';
import { subjectsOf } from '../backoffice/viewer-log.ts';
import { type CsvCell, toCsv } from '../csv.ts';
import type { DomainDeps } from '../deps.ts';
import { AppError } from '../errors.ts';
import { officeDate } from '../tickets/due-dates.ts';
import { DESIL_FACTS } from '../tickets/forms/usulan-form.ts';
import { statusText } from '../tickets/status-text.ts';
import { firstReference } from '../tickets/ticket-repository.ts';
import { DECIDED_USULAN, isTerminal } from '../tickets/workflow.ts';

/** Finished disputes (what goes to the DTSEN update), or every dispute with its state. */
export const DISPUTE_EXPORT_SCOPES = ['selesai', 'semua'] as const;
export type DisputeExportScope = (typeof DISPUTE_EXPORT_SCOPES)[number];

/** The two ends a finished dispute has a result in; a duplicate's result is its original's. */
const FINISHED = DECIDED_USULAN;

export const DISPUTE_EXPORT_COLUMNS = [
  'referensi',
  'status',
  'keterangan_status',
  'kode_desa',
  'nama_desa',
  'rt',
  'rw',
  'nik_kepala',
  'no_kk',
  'desil_dilihat_warga',
  'desil_sekarang',
  'fakta_disanggah',
  ...DESIL_FACTS.map((f) => `${f}_sekarang`),
  'hasil',
  'tanggal_diajukan',
  'tanggal_selesai',
] as const;

export interface DisputeExport {
  filename: string;
  csv: string;
  rows: number;
}

interface DisputePayload {
  head_nik?: unknown;
  kk?: unknown;
  desil_seen?: unknown;
  facts?: unknown;
  fact_now?: unknown;
}

const text = (v: unknown): string | null => (typeof v === 'string' ? v : null);

/** A closed query list of ids per statement: PostgreSQL takes 65,535 parameters, SQLite 32,766. */
const CHUNK = 1000;

/**
 * The rows and the audit. Any officer but the Dinas Sosial with a regency gets "not found", as
 * the back office answers for what is out of reach; a scope nobody knows is a 422.
 */
export async function exportDesilDisputes(
  deps: Pick<DomainDeps, 'db' | 'regions' | 'now' | 'secret'> & Partial<Pick<DomainDeps, 'tickets'>>,
  officer: Officer,
  request: { scope: string },
  clientAddress: string | null,
): Promise<DisputeExport> {
  if (!canExport(officer, 'desil_dispute') || !officer.areaCode)
    throw new AppError('not_found', { scope: 'export.area_unknown' });
  const scope = (DISPUTE_EXPORT_SCOPES as readonly string[]).includes(request.scope)
    ? (request.scope as DisputeExportScope)
    : null;
  if (!scope) throw new AppError('validation_failed', { scope: 'export.kind_unknown' });
  const villages = villagesUnder(deps.regions)(officer.areaCode);

  let query = deps.db
    .selectFrom('tickets as t')
    .leftJoin('households as h', 'h.id', 't.household_id')
    .select((eb) => [
      't.id',
      't.status',
      't.area_code',
      't.rt',
      't.rw',
      't.payload',
      't.subject_nik',
      't.subject_kk',
      't.opened_at',
      't.closed_at',
      'h.desil',
      firstReference(eb),
    ])
    .where('t.kind', '=', 'usulan')
    .where('t.topic', '=', 'sanggah_desil')
    // Retention emptied the form of a long-finished case: nothing left to send.
    .where('t.personal_data_removed_at', 'is', null)
    .where('t.area_code', 'in', villages.length > 0 ? villages : ['']);
  if (scope === 'selesai') query = query.where('t.status', 'in', [...FINISHED]);
  const tickets = await query.orderBy('t.area_code').orderBy('t.id').execute();

  const results = await resultsOf(
    deps,
    tickets.filter((t) => (FINISHED as readonly string[]).includes(t.status)),
  );
  const villageName = (code: string | null) => (code ? (deps.regions.get(code)?.name ?? '') : '');
  const rows: CsvCell[][] = tickets.map((t) => {
    const p = JSON.parse(t.payload) as DisputePayload;
    const facts = Array.isArray(p.facts) ? p.facts.filter((f): f is string => typeof f === 'string') : [];
    const now = p.fact_now && typeof p.fact_now === 'object' ? (p.fact_now as Record<string, unknown>) : {};
    return [
      t.reference,
      t.status,
      statusText('id', 'usulan', t.status, 'sanggah_desil'),
      t.area_code,
      villageName(t.area_code),
      t.rt,
      t.rw,
      text(p.head_nik) ?? t.subject_nik,
      text(p.kk) ?? t.subject_kk,
      typeof p.desil_seen === 'number' ? p.desil_seen : null,
      t.desil,
      facts.join(';'),
      ...DESIL_FACTS.map((f) => (facts.includes(f) ? text(now[f]) : null)),
      results.get(t.id) ?? null,
      officeDate(t.opened_at, deps.tickets?.zone),
      t.closed_at && isTerminal('usulan', t.status) ? officeDate(t.closed_at, deps.tickets?.zone) : null,
    ];
  });

  await recordAudit(deps, {
    actor: officer,
    action: 'export',
    clientAddress,
    detail: { list: 'sanggah_desil', scope, area: officer.areaCode, rows: rows.length },
    subjects: subjectsOf(
      deps.secret,
      rows.map((r) => String(r[DISPUTE_EXPORT_COLUMNS.indexOf('nik_kepala')] ?? '')),
    ),
  });
  const day = officeDate(deps.now().toISOString(), deps.tickets?.zone);
  return {
    filename: `sanggah_desil_${scope}_${officer.areaCode.replaceAll('.', '')}_${day}.csv`,
    csv: toCsv(DISPUTE_EXPORT_COLUMNS, rows),
    rows: rows.length,
  };
}

/**
 * The result of each finished dispute: the notes written with and after the move that finished
 * it (for the resident or internal), oldest first.
 */
async function resultsOf(
  deps: Pick<DomainDeps, 'db'>,
  finished: readonly { id: number; status: string }[],
): Promise<Map<number, string>> {
  const results = new Map<number, string[]>();
  const statusOf = new Map(finished.map((t) => [t.id, t.status]));
  for (let i = 0; i < finished.length; i += CHUNK) {
    const ids = finished.slice(i, i + CHUNK).map((t) => t.id);
    const notes = await deps.db
      .selectFrom('ticket_events')
      .select(['ticket_id', 'to_status', 'note'])
      .where('ticket_id', 'in', ids)
      .where('to_status', 'in', [...FINISHED])
      .where('note', 'is not', null)
      .orderBy('id')
      .execute();
    for (const n of notes) {
      if (statusOf.get(n.ticket_id) !== n.to_status || !n.note?.trim()) continue;
      results.set(n.ticket_id, [...(results.get(n.ticket_id) ?? []), n.note.trim()]);
    }
  }
  return new Map([...results].map(([id, notes]) => [id, notes.join('\n')]));
}

/** How many disputes the Dinas Sosial's regency holds, finished and all (for the export page). */
export async function disputeCounts(
  deps: Pick<DomainDeps, 'db' | 'regions'>,
  officer: Officer,
): Promise<Record<DisputeExportScope, number>> {
  if (!canExport(officer, 'desil_dispute') || !officer.areaCode) return { selesai: 0, semua: 0 };
  const villages = villagesUnder(deps.regions)(officer.areaCode);
  const rows = await deps.db
    .selectFrom('tickets as t')
    .select(['t.status', (eb) => eb.fn.countAll<number>().as('n')])
    .where('t.kind', '=', 'usulan')
    .where('t.topic', '=', 'sanggah_desil')
    .where('t.personal_data_removed_at', 'is', null)
    .where('t.area_code', 'in', villages.length > 0 ? villages : [''])
    .groupBy('t.status')
    .execute();
  const sum = (keep: (status: string) => boolean) =>
    rows.filter((r) => keep(r.status)).reduce((s, r) => s + Number(r.n), 0);
  return { selesai: sum((s) => (FINISHED as readonly string[]).includes(s)), semua: sum(() => true) };
}
