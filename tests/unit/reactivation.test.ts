// PBI-JK reactivation (issue 19) on both engines: a request cannot go without the facility's
// letter and is refused whole (nothing stored); it is due 3 working days after filing for the
// whole request; the kelurahan forwards it, the Dinas Sosial closes it with an outcome Lacak
// shows; the Dinas Sosial's CSV lists its regency's requests and names them in the viewer log.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { moveCase } from '../../src/domain/backoffice/case-work.ts';
import type { Officer } from '../../src/domain/backoffice/officer.ts';
import { whoViewed } from '../../src/domain/backoffice/viewer-log.ts';
import type { DomainDeps } from '../../src/domain/deps.ts';
import { exportReactivations, REACTIVATION_COLUMNS } from '../../src/domain/export/reactivation-export.ts';
import { dueAtFor } from '../../src/domain/tickets/due-dates.ts';
import { DEFAULT_TICKET_SETTINGS, reactivationDue } from '../../src/domain/tickets/settings.ts';
import { submitAduan } from '../../src/domain/tickets/submit-aduan.ts';
import type { IncomingAttachment } from '../../src/domain/tickets/submit-ticket.ts';
import { trackTicket } from '../../src/domain/tickets/track-ticket.ts';
import { readConfig } from '../../src/server/config.ts';
import { errorOf, officerNamed } from '../support/domain-calls.ts';
import { FIXED_NOW, openTestDatabase, type TestDatabase } from '../support/test-app.ts';
import { countRows, storedFiles, ticketOf, tinyPdf, tinyPng } from '../support/ticket-fixtures.ts';

let env: TestDatabase;
let deps: DomainDeps;
const officers: Record<string, Officer> = {};
/** A member of a household in Wates (35.76.02.1010), the village kel.wates works. */
let watesNik: string;

beforeAll(async () => {
  env = await openTestDatabase();
  deps = env.deps;
  for (const username of ['dinsos.mojokerto', 'dinsos.surabaya', 'kel.wates'])
    officers[username] = await officerNamed(env.db, username);
  const member = await env.db
    .selectFrom('household_members as m')
    .innerJoin('households as h', 'h.id', 'm.household_id')
    .select('m.nik')
    .where('h.village_code', '=', '35.76.02.1010')
    .orderBy('m.id')
    .executeTakeFirstOrThrow();
  watesNik = member.nik;
}, 120_000);
afterAll(async () => {
  await env.close();
});

const officer = (username: string) => officers[username] as Officer;
let keys = 0;
const letter = (): IncomingAttachment => ({ field: 'surat', bytes: tinyPdf(), name: 'surat-rujukan.pdf' });

function reactivationBody(overrides: Record<string, unknown> = {}): Record<string, unknown> {
  return {
    program: 'PBI-JK',
    problem: 'reaktivasi_pbi_jk',
    nik: watesNik,
    faskes: 'Puskesmas Kranggan',
    letter_date: '2026-11-20',
    description: 'Ibu harus cuci darah dua kali seminggu, kartu KIS nonaktif sejak Februari.',
    contact: { anonymous: false, name: 'Siti Aminah', phone: '0812 3456 7890' },
    consent: true,
    ...overrides,
  };
}

const file = (body: Record<string, unknown>, attachments: IncomingAttachment[] = [letter()]) =>
  submitAduan(deps, body, {
    idempotencyKey: `reactivation:${++keys}:${Date.now()}`,
    locale: 'id',
    attachments,
    clientKey: 'resident',
  });

describe('a reactivation request as filed', { timeout: 120_000 }, () => {
  it('without the letter is refused at the letter, with every other error, and nothing is stored', async () => {
    const before = {
      tickets: await countRows(env.db, 'tickets'),
      submissions: await countRows(env.db, 'ticket_submissions'),
      attachments: await countRows(env.db, 'ticket_attachments'),
      files: (await storedFiles(deps)).length,
    };
    const missing = await errorOf(file(reactivationBody(), []));
    expect(missing.code).toBe('validation_failed');
    expect(missing.fields).toEqual({ surat: 'reactivation.letter_required' });

    // A bad NIK, no facility and no letter: all three at once, each at its field.
    const all = await errorOf(file(reactivationBody({ nik: '3576021403680009x', faskes: '  ' }), []));
    expect(all.fields).toMatchObject({
      nik: 'nik.format',
      faskes: 'reactivation.facility_required',
      surat: 'reactivation.letter_required',
    });
    // The member's NIK is required here (it is optional on other complaints).
    expect((await errorOf(file(reactivationBody({ nik: '' })))).fields).toEqual({
      nik: 'reactivation.nik_required',
    });
    // A NIK whose date is impossible, named by its rule.
    expect((await errorOf(file(reactivationBody({ nik: '3576027213680001' })))).fields.nik).toMatch(/^nik\./);
    // Only PBI-JK is reactivated.
    expect((await errorOf(file(reactivationBody({ program: 'PKH' })))).fields).toEqual({
      program: 'reactivation.program_pbi_jk',
    });
    // Huge text, an object for a string, a letter dated tomorrow.
    const odd = await errorOf(
      file(
        reactivationBody({ faskes: 'x'.repeat(201), description: { $gt: '' }, letter_date: '2026-11-24' }),
      ),
    );
    expect(odd.fields).toMatchObject({
      faskes: 'field.too_long?max=200',
      description: 'field.required',
      letter_date: 'field.date_future',
    });
    expect((await errorOf(file(reactivationBody({ letter_date: '31-02-2026' })))).fields).toEqual({
      letter_date: 'field.date_impossible',
    });
    // A GIF is not a letter the office can read: refused by type, like any attachment.
    const gif = new Uint8Array([71, 73, 70, 56, 57, 97, 1, 0, 1, 0, 0, 0, 0, 59]);
    expect((await errorOf(file(reactivationBody(), [{ field: 'surat', bytes: gif }]))).fields.surat).toMatch(
      /^attachment\./,
    );

    expect({
      tickets: await countRows(env.db, 'tickets'),
      submissions: await countRows(env.db, 'ticket_submissions'),
      attachments: await countRows(env.db, 'ticket_attachments'),
      files: (await storedFiles(deps)).length,
    }).toEqual(before);
  });

  it('with the letter (PDF or photo) opens an SLRT request on PBI-JK in the member’s village', async () => {
    const receipt = await file(reactivationBody({ faskes: '<b>RSUD</b> "dr. Wahidin" & Co' }));
    const { ticket, submission } = await ticketOf(env.db, receipt.reference);
    expect(ticket).toMatchObject({
      kind: 'aduan',
      program: 'PBI-JK',
      topic: 'reaktivasi_pbi_jk',
      status: 'diterima',
      area_code: '35.76.02.1010',
      subject_nik: watesNik,
    });
    // Stored as typed: the pages escape it when they show it.
    expect(JSON.parse(submission.payload)).toMatchObject({
      faskes: '<b>RSUD</b> "dr. Wahidin" & Co',
      letter_date: '2026-11-20',
    });
    const files = await env.db
      .selectFrom('ticket_attachments')
      .select(['purpose', 'content_type'])
      .where('ticket_id', '=', ticket.id)
      .execute();
    expect(files).toEqual([{ purpose: 'surat', content_type: 'application/pdf' }]);

    const photo = await file(reactivationBody({ letter_date: '' }), [
      { field: 'lampiran_1', bytes: tinyPng(), name: 'surat.png' },
    ]);
    expect(JSON.parse((await ticketOf(env.db, photo.reference)).submission.payload).letter_date).toBeNull();
  });

  it('other complaints neither need a letter nor keep a facility', async () => {
    const receipt = await file(
      reactivationBody({ program: 'BPNT', problem: 'kks_terblokir', faskes: 'Puskesmas', nik: '' }),
      [],
    );
    const payload = JSON.parse((await ticketOf(env.db, receipt.reference)).submission.payload);
    expect(payload.faskes).toBeUndefined();
    expect(payload.letter_date).toBeUndefined();
  });
});

describe('the time limit of a reactivation', { timeout: 120_000 }, () => {
  it('is 3 working days for the whole request, weekends and holidays skipped', () => {
    const settings = DEFAULT_TICKET_SETTINGS;
    const due = (at: string, status = 'diterima', openedAt?: string) =>
      dueAtFor('aduan', status, new Date(at), settings, {
        topic: 'reaktivasi_pbi_jk',
        ...(openedAt ? { openedAt: new Date(openedAt) } : {}),
      })?.toISOString();
    // Filed on a Monday afternoon in Jakarta: due at the end of Thursday.
    expect(due('2026-11-23T08:00:00Z')).toBe('2026-11-26T16:59:59.999Z');
    // Filed on a Friday: Monday, Tuesday, Wednesday.
    expect(due('2026-11-27T03:00:00Z')).toBe('2026-12-02T16:59:59.999Z');
    // Forwarded two days later: still the same limit, counted from the filing.
    expect(due('2026-11-25T03:00:00Z', 'diteruskan', '2026-11-23T08:00:00Z')).toBe(
      '2026-11-26T16:59:59.999Z',
    );
    // An ordinary complaint keeps its own rules (forwarding: 14 days from the move).
    expect(dueAtFor('aduan', 'diteruskan', new Date('2026-11-25T03:00:00Z'), settings)?.toISOString()).toBe(
      '2026-12-09T16:59:59.999Z',
    );
    const holiday = { ...settings, holidays: ['2026-11-25'] };
    expect(
      dueAtFor('aduan', 'diterima', new Date('2026-11-23T08:00:00Z'), holiday, {
        topic: 'reaktivasi_pbi_jk',
      })?.toISOString(),
    ).toBe('2026-11-27T16:59:59.999Z');
  });

  it('is set by REACTIVATION_DUE_WORKING_DAYS, and a bad value stops the start', () => {
    expect(readConfig({}).tickets.due['aduan:reaktivasi_pbi_jk.diterima']).toEqual(
      reactivationDue(3)['aduan:reaktivasi_pbi_jk.diterima'],
    );
    const five = readConfig({ REACTIVATION_DUE_WORKING_DAYS: '5' }).tickets;
    expect(five.due['aduan:reaktivasi_pbi_jk.ditindaklanjuti']).toMatchObject({ days: 5, workingDays: true });
    expect(five.due['aduan.diterima']).toEqual(DEFAULT_TICKET_SETTINGS.due['aduan.diterima']);
    for (const bad of ['0', '2.5', 'tiga', '31'])
      expect(() => readConfig({ REACTIVATION_DUE_WORKING_DAYS: bad })).toThrow(
        /REACTIVATION_DUE_WORKING_DAYS/,
      );
  });

  it('is the ticket’s due date when filed and stays it when the kelurahan forwards it', async () => {
    const receipt = await file(reactivationBody());
    expect(receipt.due_date).toBe('2026-11-26');
    const { ticket } = await ticketOf(env.db, receipt.reference);
    expect(ticket.due_at).toBe('2026-11-26T16:59:59.999Z');
    const later = deps.now;
    deps.now = () => new Date(FIXED_NOW.getTime() + 2 * 86_400_000);
    try {
      await moveCase(
        deps,
        officer('kel.wates'),
        { ticketId: ticket.id, to: 'diteruskan', unit: 'dinsos_bidang', expectedVersion: ticket.version },
        'desk',
      );
    } finally {
      deps.now = later;
    }
    expect((await ticketOf(env.db, receipt.reference)).ticket.due_at).toBe('2026-11-26T16:59:59.999Z');
  });
});

/** Files a request and takes it to the Dinas Sosial's last step, as the kelurahan and the desk would. */
async function atTheDesk() {
  const receipt = await file(reactivationBody());
  let { ticket } = await ticketOf(env.db, receipt.reference);
  await moveCase(
    deps,
    officer('kel.wates'),
    { ticketId: ticket.id, to: 'diteruskan', unit: 'dinsos_bidang', expectedVersion: ticket.version },
    'desk',
  );
  ({ ticket } = await ticketOf(env.db, receipt.reference));
  await moveCase(
    deps,
    officer('dinsos.mojokerto'),
    { ticketId: ticket.id, to: 'ditindaklanjuti', expectedVersion: ticket.version },
    'desk',
  );
  ({ ticket } = await ticketOf(env.db, receipt.reference));
  return { receipt, ticket };
}

describe('closing a reactivation', { timeout: 120_000 }, () => {
  it('needs an outcome; reactivated, Lacak says so with the answer', async () => {
    const { receipt, ticket } = await atTheDesk();
    const track = { reference: receipt.reference, tracking_code: receipt.tracking_code };
    expect((await trackTicket(deps, track, { clientKey: 'resident' })).reactivation).toEqual({
      outcome: null,
      answer: null,
    });
    for (const outcome of [undefined, '', 'aktif', '__proto__']) {
      const refused = await errorOf(
        moveCase(
          deps,
          officer('dinsos.mojokerto'),
          {
            ticketId: ticket.id,
            to: 'selesai',
            answer: 'Sudah aktif.',
            ...(outcome === undefined ? {} : { reactivationOutcome: outcome }),
            expectedVersion: ticket.version,
          },
          'desk',
        ),
      );
      expect(refused.fields).toEqual({ reactivation_outcome: 'reactivation.outcome_required' });
    }
    expect((await ticketOf(env.db, receipt.reference)).ticket.status).toBe('ditindaklanjuti');
    // The kelurahan does not close it: only the Dinas Sosial answers.
    expect(
      (
        await errorOf(
          moveCase(
            deps,
            officer('kel.wates'),
            {
              ticketId: ticket.id,
              to: 'selesai',
              answer: 'Aktif.',
              reactivationOutcome: 'diaktifkan',
              expectedVersion: ticket.version,
            },
            'desk',
          ),
        )
      ).code,
    ).toBe('forbidden');

    await moveCase(
      deps,
      officer('dinsos.mojokerto'),
      {
        ticketId: ticket.id,
        to: 'selesai',
        answer: 'Kepesertaan PBI-JK aktif kembali mulai 24 November 2026.',
        reactivationOutcome: 'diaktifkan',
        expectedVersion: ticket.version,
      },
      'desk',
    );
    const answer = await trackTicket(deps, track, { clientKey: 'resident' });
    expect(answer.status).toBe('selesai');
    expect(answer.reactivation).toEqual({
      outcome: 'diaktifkan',
      answer: 'Kepesertaan PBI-JK aktif kembali mulai 24 November 2026.',
    });
    const audit = await env.db
      .selectFrom('audit_log')
      .select('detail')
      .where('action', '=', 'ticket_move')
      .where('target_id', '=', String(ticket.id))
      .orderBy('id', 'desc')
      .executeTakeFirstOrThrow();
    expect(JSON.parse(audit.detail ?? '{}')).toMatchObject({ to: 'selesai', reactivation: 'diaktifkan' });
  });

  it('refused: Lacak gives the reason; an ordinary complaint has no reactivation answer', async () => {
    const { receipt, ticket } = await atTheDesk();
    await moveCase(
      deps,
      officer('dinsos.mojokerto'),
      {
        ticketId: ticket.id,
        to: 'selesai',
        answer: 'Peserta terdaftar sebagai peserta mandiri; reaktivasi PBI-JK tidak dapat dilakukan.',
        reactivationOutcome: 'ditolak',
        expectedVersion: ticket.version,
      },
      'desk',
    );
    const answer = await trackTicket(
      deps,
      { reference: receipt.reference, tracking_code: receipt.tracking_code },
      { clientKey: 'resident' },
    );
    expect(answer.reactivation).toEqual({
      outcome: 'ditolak',
      answer: 'Peserta terdaftar sebagai peserta mandiri; reaktivasi PBI-JK tidak dapat dilakukan.',
    });
    const other = await file(reactivationBody({ program: 'BPNT', problem: 'kks_terblokir' }), []);
    const track = await trackTicket(
      deps,
      { reference: other.reference, tracking_code: other.tracking_code },
      { clientKey: 'resident' },
    );
    expect(track.reactivation).toBeUndefined();
  });
});

describe('the Dinas Sosial’s reactivation CSV', { timeout: 120_000 }, () => {
  it('lists its regency’s requests with the member’s NIK, facility, dates, state and outcome, and is audited', async () => {
    const { receipt } = await atTheDesk();
    const result = await exportReactivations(deps, officer('dinsos.mojokerto'), '10.0.0.9');
    const [header, ...lines] = result.csv.trim().split(/\r?\n/);
    expect(header?.replace(/^\uFEFF/, '')).toBe(REACTIVATION_COLUMNS.join(','));
    expect(result.rows).toBe(lines.length);
    expect(result.filename).toMatch(/^reaktivasi_pbi_jk_3576_\d{4}-\d{2}-\d{2}\.csv$/);
    const row = lines.find((l) => l.startsWith(`${receipt.reference},`));
    expect(row?.split(',')).toEqual([
      receipt.reference,
      '35.76.02.1010',
      'Wates',
      watesNik,
      'Puskesmas Kranggan',
      '2026-11-20',
      '2026-11-23',
      '2026-11-26',
      'ditindaklanjuti',
      '',
      '',
      '',
    ]);
    // Closed ones carry their outcome and day; refused and reactivated alike.
    expect(lines.some((l) => l.includes(',selesai,diaktifkan,'))).toBe(true);
    expect(lines.some((l) => l.includes(',selesai,ditolak,'))).toBe(true);
    // Only reactivation requests.
    expect(lines.every((l) => l.includes('Puskesmas Kranggan') || l.includes('RSUD'))).toBe(true);

    const audit = await env.db
      .selectFrom('audit_log')
      .select(['detail', 'client_address'])
      .where('action', '=', 'export')
      .orderBy('id', 'desc')
      .executeTakeFirstOrThrow();
    expect(JSON.parse(audit.detail ?? '{}')).toEqual({
      list: 'reaktivasi_pbi_jk',
      area: '35.76',
      rows: result.rows,
    });
    expect(audit.detail).not.toContain(watesNik);
    expect((await whoViewed(deps, watesNik)).map((v) => [v.username, v.action])).toContainEqual([
      'dinsos.mojokerto',
      'export',
    ]);
  });

  it('holds nothing of another regency, and is not there for the kelurahan', async () => {
    const surabaya = await exportReactivations(deps, officer('dinsos.surabaya'), null);
    expect(surabaya.csv).not.toContain(watesNik);
    expect((await errorOf(exportReactivations(deps, officer('kel.wates'), null))).code).toBe('not_found');
  });
});
