// Retention on both engines (issue 22): a ticket closed longer than the retention period loses
// its form, contact, NIK and KK, the free text of its steps, its messages and its files; the
// skeleton the statistics read (kind, area, states, offices, times) stays; open and recently
// closed tickets are untouched; a second pass finds nothing; the pass is audited with counts only;
// a resident can no longer reopen an emptied complaint, and the step log stays append-only
// except for that erasure. The clock is moved, not the data.
import { sql } from 'kysely';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { moveCase, openCase } from '../../src/domain/backoffice/case-work.ts';
import type { Officer } from '../../src/domain/backoffice/officer.ts';
import type { DomainDeps } from '../../src/domain/deps.ts';
import {
  downloadKeptExport,
  exportForMinistry,
  keptExports,
} from '../../src/domain/export/ministry-export.ts';
import { countDue, removeExpiredPersonalData } from '../../src/domain/privacy/retention.ts';
import { reopenAduan } from '../../src/domain/tickets/resident-actions.ts';
import { submitAduan } from '../../src/domain/tickets/submit-aduan.ts';
import { trackTicket } from '../../src/domain/tickets/track-ticket.ts';
import { errorOf, officerNamed } from '../support/domain-calls.ts';
import { FIXED_NOW, openTestDatabase, type TestDatabase } from '../support/test-app.ts';
import { aduanBody, LISTED_HOUSEHOLD, storedFiles, ticketOf, tinyPng } from '../support/ticket-fixtures.ts';

let env: TestDatabase;
let deps: DomainDeps;
let dinsos: Officer;

beforeAll(async () => {
  env = await openTestDatabase();
  deps = env.deps;
  dinsos = await officerNamed(env.db, 'dinsos.mojokerto');
}, 120_000);
afterAll(async () => {
  await env.close();
});

const DAY = 86_400_000;
const at = (ms: number) => ({ ...deps, now: () => new Date(FIXED_NOW.getTime() + ms) });

let serial = 0;
/** A named complaint with a NIK, a photo and a phone, answered and closed (or left open). */
async function complaint(close: boolean) {
  serial += 1;
  const receipt = await submitAduan(
    deps,
    aduanBody({
      nik: LISTED_HOUSEHOLD.nik,
      contact: { anonymous: false, name: 'Siti Aminah', phone: '0857 1234 5678' },
    }),
    {
      idempotencyKey: `retention:${serial}:${Date.now()}`,
      locale: 'id',
      attachments: [{ field: 'lampiran_1', bytes: tinyPng(), name: 'kks-siti.png' }],
      clientKey: 'resident',
    },
  );
  const ticketId = (await ticketOf(env.db, receipt.reference)).ticket.id;
  if (close) {
    for (const [to, extra] of [
      [
        'diteruskan',
        { unit: 'bank_penyalur', note: 'KKS Siti diblokir bank', noteAudience: 'internal' as const },
      ],
      ['ditindaklanjuti', {}],
      ['selesai', { answer: 'Kartu Ibu Siti sudah dibuka kembali di BRI unit Kedundung.' }],
    ] as const) {
      const file = await openCase(deps, dinsos, ticketId, 'desk');
      await moveCase(deps, dinsos, { ticketId, to, expectedVersion: file.ticket.version, ...extra }, 'desk');
    }
  }
  return { ticketId, reference: receipt.reference, code: receipt.tracking_code };
}

const rowsOf = async (ticketId: number) => ({
  ticket: await env.db.selectFrom('tickets').selectAll().where('id', '=', ticketId).executeTakeFirstOrThrow(),
  submissions: await env.db
    .selectFrom('ticket_submissions')
    .selectAll()
    .where('ticket_id', '=', ticketId)
    .execute(),
  steps: await env.db
    .selectFrom('ticket_events')
    .selectAll()
    .where('ticket_id', '=', ticketId)
    .orderBy('id')
    .execute(),
  files: await env.db
    .selectFrom('ticket_attachments')
    .selectAll()
    .where('ticket_id', '=', ticketId)
    .execute(),
  messages: await env.db.selectFrom('outbox').selectAll().where('ticket_id', '=', ticketId).execute(),
});

describe('retention', { timeout: 120_000 }, () => {
  it('empties a ticket closed longer than the period, keeps its skeleton, and leaves the others alone', async () => {
    const old = await complaint(true);
    const open = await complaint(false);
    const before = { old: await rowsOf(old.ticketId), open: await rowsOf(open.ticketId) };
    const storedName = before.old.files[0]?.stored_name ?? '';
    expect(await storedFiles(deps)).toContain(storedName);
    const counts = async () =>
      await env.db
        .selectFrom('tickets')
        .select(['kind', 'status', 'area_code', (eb) => eb.fn.countAll<number>().as('n')])
        .groupBy(['kind', 'status', 'area_code'])
        .orderBy('kind')
        .orderBy('status')
        .orderBy('area_code')
        .execute();
    const figuresBefore = await counts();

    // 729 days after closing: kept (the demo's cases closed years before are emptied).
    await removeExpiredPersonalData(at(729 * DAY), 730);
    expect(await rowsOf(old.ticketId)).toEqual(before.old);
    const runs = () =>
      env.db
        .selectFrom('audit_log')
        .select(['detail'])
        .where('action', '=', 'retention_run')
        .orderBy('id')
        .execute();
    const runsBefore = (await runs()).length;

    const due = await countDue(at(731 * DAY), 730);
    expect(due).toBeGreaterThanOrEqual(1);
    const result = await removeExpiredPersonalData(at(731 * DAY), 730);
    expect(result.tickets).toBe(due);
    expect(result.files).toBeGreaterThanOrEqual(1);

    const after = await rowsOf(old.ticketId);
    expect(after.ticket).toMatchObject({
      kind: 'aduan',
      status: 'selesai',
      area_code: before.old.ticket.area_code,
      closed_at: before.old.ticket.closed_at,
      opened_at: before.old.ticket.opened_at,
      payload: '{}',
      subject_nik: null,
      subject_kk: null,
    });
    expect(after.ticket.personal_data_removed_at).not.toBeNull();
    expect(after.submissions.map((s) => [s.reference, s.contact, s.payload])).toEqual([
      [old.reference, null, '{}'],
    ]);
    expect(after.files).toEqual([]);
    expect(await storedFiles(deps)).not.toContain(storedName);
    // Every step keeps who moved it where and when; the texts are gone, the unit stays.
    expect(after.steps.map((s) => [s.from_status, s.to_status, s.actor_role, s.actor_id, s.at])).toEqual(
      before.old.steps.map((s) => [s.from_status, s.to_status, s.actor_role, s.actor_id, s.at]),
    );
    expect(after.steps.every((s) => s.note === null)).toBe(true);
    // The phone is matched on its last ten digits: a random reference may well contain "857".
    const personalTexts = [
      'Siti',
      LISTED_HOUSEHOLD.nik,
      LISTED_HOUSEHOLD.kk,
      '5712345678',
      'kks-siti',
      'BRI unit',
    ];
    for (const personal of ['Siti', '5712345678']) expect(JSON.stringify(before.old)).toContain(personal);
    const text = JSON.stringify(after);
    for (const personal of personalTexts) expect(text).not.toContain(personal);
    expect(after.steps.some((s) => s.data?.includes('bank_penyalur'))).toBe(true);
    expect(after.messages.every((m) => m.recipient === '' && m.body === '')).toBe(true);

    expect(await rowsOf(open.ticketId)).toEqual(before.open);
    expect(await counts()).toEqual(figuresBefore);

    const audit = (await runs()).slice(runsBefore);
    expect(audit).toHaveLength(1);
    expect(JSON.parse(audit[0]?.detail ?? '{}')).toMatchObject({
      days: 730,
      tickets: result.tickets,
      files: result.files,
    });
    expect(audit[0]?.detail).not.toContain('Siti');

    // Nothing left to do: no change, no second audit row.
    expect(await removeExpiredPersonalData(at(731 * DAY), 730)).toMatchObject({ tickets: 0, files: 0 });
    expect(await runs()).toHaveLength(runsBefore + 1);
  });

  it('removes the file of a ministry export made before the cutoff, keeps its record, and says so', async () => {
    // A file exported now (it names the demo's approved proposals), then the clock moved past it.
    const made = await exportForMinistry(deps, dinsos, { kind: 'hapus_terbukti', area: '35.76' }, 'desk');
    expect(made.csv.length).toBeGreaterThan(0);
    expect((await removeExpiredPersonalData(at(729 * DAY), 730)).exports).toBe(0);
    expect((await downloadKeptExport(deps, dinsos, String(made.id), 'desk')).csv).toBe(made.csv);

    const removed = await removeExpiredPersonalData(at(731 * DAY), 730);
    expect(removed.exports).toBeGreaterThanOrEqual(1);
    const row = await env.db
      .selectFrom('ministry_exports')
      .select(['csv', 'row_count', 'area_code'])
      .where('id', '=', made.id)
      .executeTakeFirstOrThrow();
    expect(row).toEqual({ csv: '', row_count: made.rows, area_code: '35.76' });
    expect((await keptExports(deps, dinsos)).find((x) => x.id === made.id)).toMatchObject({ removed: true });
    expect(await errorOf(downloadKeptExport(deps, dinsos, String(made.id), 'desk'))).toMatchObject({
      code: 'validation_failed',
      fields: { export: 'export.removed' },
    });
  });

  it('tells the resident the contents were removed and does not let them reopen it', async () => {
    const old = await complaint(true);
    await removeExpiredPersonalData(at(800 * DAY), 730);
    const caller = { clientKey: 'resident' };
    const tracked = await trackTicket(
      at(800 * DAY),
      { reference: old.reference, tracking_code: old.code },
      caller,
    );
    expect(tracked).toMatchObject({ status: 'selesai', can_reopen: false });
    expect(tracked.personal_data_removed_on).toMatch(/^\d{4}-\d{2}-\d{2}$/);
    expect(tracked.timeline.every((e) => e.note === null)).toBe(true);
    const refused = await errorOf(
      reopenAduan(
        at(800 * DAY),
        { reference: old.reference, tracking_code: old.code, reason: 'Kartu masih terblokir.' },
        caller,
      ),
    );
    expect(refused).toMatchObject({
      code: 'transition_not_allowed',
      fields: { reason: 'ticket.data_removed' },
    });
  });

  it('keeps the step log append-only except for erasing its text', async () => {
    const { ticketId } = await complaint(true);
    const step = await env.db
      .selectFrom('ticket_events')
      .select(['id', 'data'])
      .where('ticket_id', '=', ticketId)
      .where('to_status', '=', 'selesai')
      .executeTakeFirstOrThrow();
    await expect(
      env.db.updateTable('ticket_events').set({ note: 'rewritten' }).where('id', '=', step.id).execute(),
    ).rejects.toThrow(/append-only/);
    await expect(
      env.db
        .updateTable('ticket_events')
        .set({ note: null, to_status: 'dirujuk' })
        .where('id', '=', step.id)
        .execute(),
    ).rejects.toThrow(/append-only/);
    await expect(
      env.db
        .updateTable('ticket_events')
        .set({ note: null, data: `${step.data ?? ''}{"padding":"longer than before"}` })
        .where('id', '=', step.id)
        .execute(),
    ).rejects.toThrow(/append-only/);
    await expect(sql`DELETE FROM ticket_events WHERE id = ${step.id}`.execute(env.db)).rejects.toThrow(
      /append-only/,
    );
    await env.db
      .updateTable('ticket_events')
      .set({ note: null, data: null })
      .where('id', '=', step.id)
      .execute();
  });
});
