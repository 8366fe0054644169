// Retention (issue 22; UU PDP art. 43: personal data is erased once it is no longer needed). A
// ticket closed longer than the office's retention period loses what identifies a person: the
// form's contents and contact, the NIK and KK it names, the free text of its steps (notes,
// answers, corrections, referrals), the addresses and texts of its messages, and its files. What
// stays is the skeleton the statistics and SLA history count: kind, area, program, topic, every
// state with its office and time. Each pass is one audit row with the counts, never what was
// removed. A file is deleted after the rows that name it are gone: a crash in between leaves an
// orphan that the orphan sweep removes, never a row that names a missing file.
import { readJsonObject } from '../../db/engine.ts';
import { recordAudit } from '../backoffice/audit.ts';
import type { DomainDeps } from '../deps.ts';

type Deps = Pick<DomainDeps, 'db' | 'now' | 'attachments'>;

/** Two years: long enough for an audit of the office's handling, and for a resident's follow-up. */
export const DEFAULT_RETENTION_DAYS = 730;
/** Shorter than a month would empty cases the office may still be asked about. */
export const MIN_RETENTION_DAYS = 30;

const BATCH = 200;
/** The free-text keys of a step's data; the rest (states, units, references, times) is skeleton. */
const FREE_TEXT_KEYS = ['answer', 'referral', 'correction', 'reason'] as const;

export interface RetentionResult {
  /** Closed before this instant: the tickets the pass emptied. */
  cutoff: string;
  tickets: number;
  submissions: number;
  steps: number;
  messages: number;
  files: number;
  /** Ministry exports made before the cutoff whose file (NIKs, names) was removed. */
  exports: number;
}

/** The instant before which a closed ticket is emptied, `days` before now. */
export function retentionCutoff(now: Date, days: number): Date {
  return new Date(now.getTime() - days * 86_400_000);
}

/** The step's data without its free text; null when nothing else was recorded. */
function skeletonOf(data: string | null): string | null {
  const parsed = readJsonObject(data);
  if (!parsed) return null;
  const kept = Object.fromEntries(
    Object.entries(parsed).filter(([key]) => !(FREE_TEXT_KEYS as readonly string[]).includes(key)),
  );
  return Object.keys(kept).length > 0 ? JSON.stringify(kept) : null;
}

/** Tickets closed before the cutoff whose personal data is still held, oldest first. */
async function due(deps: Pick<Deps, 'db'>, cutoff: string, limit: number): Promise<number[]> {
  const rows = await deps.db
    .selectFrom('tickets')
    .select('id')
    .where('closed_at', 'is not', null)
    .where('closed_at', '<', cutoff)
    .where('personal_data_removed_at', 'is', null)
    .orderBy('closed_at')
    .limit(limit)
    .execute();
  return rows.map((r) => r.id);
}

/** How many tickets a pass with `days` would empty now, without changing anything. */
export async function countDue(deps: Pick<Deps, 'db' | 'now'>, days: number): Promise<number> {
  const cutoff = retentionCutoff(deps.now(), days).toISOString();
  const row = await deps.db
    .selectFrom('tickets')
    .select((eb) => eb.fn.countAll<number>().as('n'))
    .where('closed_at', 'is not', null)
    .where('closed_at', '<', cutoff)
    .where('personal_data_removed_at', 'is', null)
    .executeTakeFirstOrThrow();
  return Number(row.n);
}

/** Empties every ticket closed more than `days` ago, in batches; returns what it removed. */
export async function removeExpiredPersonalData(deps: Deps, days: number): Promise<RetentionResult> {
  const now = deps.now();
  const at = now.toISOString();
  const cutoff = retentionCutoff(now, days).toISOString();
  const result: RetentionResult = {
    cutoff,
    tickets: 0,
    submissions: 0,
    steps: 0,
    messages: 0,
    files: 0,
    exports: 0,
  };
  for (;;) {
    const candidates = await due(deps, cutoff, BATCH);
    if (candidates.length === 0) break;
    const files = await deps.db.transaction().execute(async (trx) => {
      // The ticket first, on the same conditions: one reopened since the select keeps its data.
      const emptied = await trx
        .updateTable('tickets')
        .set({ payload: '{}', subject_nik: null, subject_kk: null, personal_data_removed_at: at })
        .where('id', 'in', candidates)
        .where('closed_at', 'is not', null)
        .where('closed_at', '<', cutoff)
        .where('personal_data_removed_at', 'is', null)
        .returning('id')
        .execute();
      const ids = emptied.map((t) => t.id);
      if (ids.length === 0) return [];
      const attachments = await trx
        .selectFrom('ticket_attachments')
        .select('stored_name')
        .where('ticket_id', 'in', ids)
        .execute();
      await trx.deleteFrom('ticket_attachments').where('ticket_id', 'in', ids).execute();
      const submissions = await trx
        .updateTable('ticket_submissions')
        .set({ contact: null, payload: '{}' })
        .where('ticket_id', 'in', ids)
        .executeTakeFirst();
      const steps = await trx
        .selectFrom('ticket_events')
        .select(['id', 'data'])
        .where('ticket_id', 'in', ids)
        .where((eb) => eb.or([eb('note', 'is not', null), eb('data', 'is not', null)]))
        .execute();
      for (const step of steps)
        await trx
          .updateTable('ticket_events')
          .set({ note: null, data: skeletonOf(step.data) })
          .where('id', '=', step.id)
          .execute();
      const messages = await trx
        .updateTable('outbox')
        .set({ recipient: '', body: '' })
        .where('ticket_id', 'in', ids)
        .executeTakeFirst();
      result.tickets += ids.length;
      result.submissions += Number(submissions.numUpdatedRows);
      result.steps += steps.length;
      result.messages += Number(messages.numUpdatedRows);
      return attachments.map((a) => a.stored_name);
    });
    for (const name of files) await deps.attachments.remove(name);
    result.files += files.length;
  }
  // A list sent to the ministry names every household in it: kept for downloading again, and for
  // no longer than the cases themselves. Its record (who, when, which area, how many) stays.
  const exports = await deps.db
    .updateTable('ministry_exports')
    .set({ csv: '' })
    .where('created_at', '<', cutoff)
    .where('csv', '<>', '')
    .executeTakeFirst();
  result.exports = Number(exports.numUpdatedRows);
  if (result.tickets > 0 || result.exports > 0)
    await recordAudit(deps, {
      actor: null,
      action: 'retention_run',
      target: { type: 'retention', id: cutoff },
      clientAddress: null,
      detail: {
        days,
        tickets: result.tickets,
        submissions: result.submissions,
        steps: result.steps,
        messages: result.messages,
        files: result.files,
        exports: result.exports,
      },
    });
  return result;
}
