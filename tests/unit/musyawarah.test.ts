// The Musyawarah Kelurahan on both engines: the village's list (proposals verified by the RT/RW,
// recipients flagged by a proven objection), the minutes that move every proposal in one action,
// each checked against the workflow and the version the list showed, and who may do it where.
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { moveCase } from '../../src/domain/backoffice/case-work.ts';
import {
  loadAgenda,
  loadMinutes,
  musyawarahVillage,
  recordMusyawarah,
} from '../../src/domain/backoffice/musyawarah.ts';
import type { Officer } from '../../src/domain/backoffice/officer.ts';
import { listRtProposals, proposeForRtRw } from '../../src/domain/backoffice/rt-proposals.ts';
import { RECIPIENT_ID_PURPOSE } from '../../src/domain/cek/search-by-name.ts';
import type { DomainDeps } from '../../src/domain/deps.ts';
import { AppError } from '../../src/domain/errors.ts';
import { sealId } from '../../src/domain/privacy/opaque-id.ts';
import { submitSanggahan } from '../../src/domain/tickets/submit-sanggahan.ts';
import { submitUsulan } from '../../src/domain/tickets/submit-usulan.ts';
import { loadTicket } from '../../src/domain/tickets/ticket-repository.ts';
import { trackTicket } from '../../src/domain/tickets/track-ticket.ts';
import { errorOf, officerNamed } from '../support/domain-calls.ts';
import { openTestDatabase, type TestDatabase } from '../support/test-app.ts';
import { sanggahanBody, usulanBody } from '../support/ticket-fixtures.ts';

const WATES = '35.76.02.1010';
const KRANGGAN = '35.76.03.1001';

let env: TestDatabase;
let deps: DomainDeps;
let clock: Date;
let officers: Record<'kel' | 'kranggan' | 'dinsos' | 'rt' | 'admin', Officer>;

let serial = 0;
const meta = () => {
  serial += 1;
  return {
    idempotencyKey: `musyawarah-test-${serial}`,
    locale: 'id' as const,
    attachments: [],
    clientKey: `client-${serial}`,
  };
};

/** A proposal of RT 008 / RW 004 Wates, verified by its RT head: on the next list. */
async function verifiedProposal(name: string) {
  const receipt = await submitUsulan(
    deps,
    usulanBody({ head_name: name, village_code: WATES, rt: '8', rw: '4' }),
    meta(),
  );
  const ticket = await env.db
    .selectFrom('ticket_submissions')
    .select('ticket_id')
    .where('reference', '=', receipt.reference)
    .executeTakeFirstOrThrow();
  await moveCase(
    deps,
    officers.rt,
    { ticketId: ticket.ticket_id, to: 'diverifikasi_rt_rw', expectedVersion: 0 },
    'rt-phone',
  );
  return { id: ticket.ticket_id, receipt };
}

/** An objection to a listed recipient of Wates, proven by the kelurahan. */
async function provenObjection() {
  const member = await env.db
    .selectFrom('household_members as m')
    .innerJoin('households as h', 'h.id', 'm.household_id')
    .select(['m.id', 'm.name'])
    .where('h.village_code', '=', WATES)
    .where('m.relation', '=', 'kepala')
    .where(({ not, exists, selectFrom }) =>
      not(exists(selectFrom('tickets as t').select('t.id').whereRef('t.target_member_id', '=', 'm.id'))),
    )
    .orderBy('m.id')
    .limit(1)
    .executeTakeFirstOrThrow();
  const receipt = await submitSanggahan(
    deps,
    sanggahanBody(sealId(deps.secret, RECIPIENT_ID_PURPOSE, member.id)),
    meta(),
  );
  const id = (
    await env.db
      .selectFrom('ticket_submissions')
      .select('ticket_id')
      .where('reference', '=', receipt.reference)
      .executeTakeFirstOrThrow()
  ).ticket_id;
  await moveCase(
    deps,
    officers.kel,
    { ticketId: id, to: 'diperiksa_kelurahan', noteAudience: 'internal', expectedVersion: 0 },
    'desk',
  );
  await moveCase(
    deps,
    officers.kel,
    { ticketId: id, to: 'terbukti', note: 'Penerima sudah pindah.', expectedVersion: 1 },
    'desk',
  );
  return { id, receipt, name: member.name };
}

beforeAll(async () => {
  env = await openTestDatabase();
  clock = new Date('2026-11-23T03:00:00Z');
  deps = { ...env.deps, now: () => clock };
  officers = {
    kel: await officerNamed(env.db, 'kel.wates'),
    kranggan: await officerNamed(env.db, 'kel.kranggan'),
    dinsos: await officerNamed(env.db, 'dinsos.mojokerto'),
    rt: await officerNamed(env.db, 'rt008.wates'),
    admin: await officerNamed(env.db, 'admin'),
  };
}, 120_000);
afterAll(async () => {
  await env.close();
});
beforeEach(() => {
  clock = new Date('2026-11-23T03:00:00Z');
});

describe('the Musyawarah Kelurahan', { timeout: 120_000 }, () => {
  it("lists the village's verified proposals and proven objections, unmasked, and nothing of another village", async () => {
    const a = await verifiedProposal('Suparman Hadi');
    const flagged = await provenObjection();
    const agenda = await loadAgenda(deps, officers.kel, WATES, 'desk');
    const row = agenda.proposals.find((p) => p.ticketId === a.id);
    expect(row).toMatchObject({
      kind: 'usulan',
      headName: 'Suparman Hadi',
      rt: '008',
      rw: '004',
      reference: a.receipt.reference,
    });
    expect(row?.nik).toMatch(/^\d{16}$/);
    const objection = agenda.flagged.find((p) => p.ticketId === flagged.id);
    expect(objection).toMatchObject({ kind: 'sanggahan', headName: flagged.name, topic: 'sudah_mampu' });
    expect(agenda.proposals.every((p) => p.status === 'diverifikasi_rt_rw')).toBe(true);

    // Another village's operator does not get this list, nor any list but their own.
    const other = await loadAgenda(deps, officers.kranggan, WATES, 'desk');
    expect(other.villageCode).toBe(KRANGGAN);
    expect(other.proposals.map((p) => p.ticketId)).not.toContain(a.id);
    expect(other.flagged.map((p) => p.ticketId)).not.toContain(flagged.id);
    // The Dinas Sosial picks a village of its regency; one elsewhere is unknown, as are RT/RW and admin.
    expect(
      (await loadAgenda(deps, officers.dinsos, WATES, 'desk')).proposals.map((p) => p.ticketId),
    ).toContain(a.id);
    expect((await errorOf(loadAgenda(deps, officers.dinsos, '35.15.01.2001', 'desk'))).code).toBe(
      'not_found',
    );
    expect((await errorOf(loadAgenda(deps, officers.rt, WATES, 'desk'))).code).toBe('not_found');
    expect(() => musyawarahVillage(deps, officers.admin, WATES)).toThrow(AppError);
    const audited = await env.db
      .selectFrom('audit_log')
      .select(['action', 'detail'])
      .where('action', '=', 'musyawarah_view')
      .execute();
    expect(audited.length).toBeGreaterThan(0);
    expect(JSON.stringify(audited)).not.toContain('Suparman');
  });

  it('records the minutes and moves each proposal, refusing one that changed meanwhile and saying why', async () => {
    const agreed = await verifiedProposal('Wagiman Santoso');
    const refused = await verifiedProposal('Sutrisno Adi');
    const deferred = await verifiedProposal('Paijo Rahardjo');
    const stale = await verifiedProposal('Karto Wiyono');
    const flagged = await provenObjection();
    const listed = await loadAgenda(deps, officers.kel, WATES, 'desk');
    const version = (id: number) =>
      [...listed.proposals, ...listed.flagged].find((p) => p.ticketId === id)?.version ?? -1;
    // Someone acts on one case after the list was printed.
    await moveCase(
      deps,
      officers.dinsos,
      {
        ticketId: stale.id,
        to: 'perlu_perbaikan',
        note: 'Foto KK tidak terbaca.',
        expectedVersion: version(stale.id),
      },
      'dinsos-desk',
    );
    clock = new Date('2026-11-25T06:00:00Z');
    const result = await recordMusyawarah(
      deps,
      officers.kel,
      {
        villageCode: WATES,
        heldOn: '2026-11-25',
        place: 'Balai Kelurahan Wates',
        attendees: 'Lurah Wates\nKetua RT 008\nPendamping PKH',
        decisions: [
          {
            ticketId: agreed.id,
            decision: 'disepakati',
            note: 'Layak diverifikasi.',
            version: version(agreed.id),
          },
          {
            ticketId: refused.id,
            decision: 'tidak_disepakati',
            note: 'Sudah menerima bantuan daerah.',
            version: version(refused.id),
          },
          { ticketId: deferred.id, decision: 'ditunda', version: version(deferred.id) },
          { ticketId: stale.id, decision: 'disepakati', version: version(stale.id) },
          { ticketId: flagged.id, decision: 'disepakati', version: version(flagged.id) },
        ],
      },
      'desk',
    );
    const byId = new Map(result.outcomes.map((o) => [o.ticketId, o]));
    expect(byId.get(agreed.id)).toMatchObject({ outcome: 'moved', status: 'dibahas_musyawarah_kelurahan' });
    expect(byId.get(refused.id)).toMatchObject({ outcome: 'moved', status: 'ditolak' });
    expect(byId.get(deferred.id)).toMatchObject({ outcome: 'recorded' });
    expect(byId.get(flagged.id)).toMatchObject({ outcome: 'recorded' });
    expect(byId.get(stale.id)).toMatchObject({ outcome: 'refused', reason: 'musyawarah.no_longer_waiting' });
    expect((await loadTicket(env.db, agreed.id))?.status).toBe('dibahas_musyawarah_kelurahan');
    expect((await loadTicket(env.db, refused.id))?.status).toBe('ditolak');
    expect((await loadTicket(env.db, deferred.id))?.status).toBe('diverifikasi_rt_rw');

    // The residents read the step and the meeting's words.
    const track = await trackTicket(
      deps,
      { reference: agreed.receipt.reference, tracking_code: agreed.receipt.tracking_code },
      { clientKey: 'res' },
    );
    expect(JSON.stringify(track)).toContain('Layak diverifikasi.');
    const objector = await trackTicket(
      deps,
      { reference: flagged.receipt.reference, tracking_code: flagged.receipt.tracking_code },
      { clientKey: 'res' },
    );
    expect(JSON.stringify(objector)).toContain('penghapusan penerima dari daftar disepakati');

    // The next list: the deferred proposal is back, the decided removal and the moved ones are gone.
    const next = await loadAgenda(deps, officers.kel, WATES, 'desk');
    const ids = [...next.proposals, ...next.flagged].map((p) => p.ticketId);
    expect(ids).toContain(deferred.id);
    expect(ids).not.toContain(agreed.id);
    expect(ids).not.toContain(refused.id);
    expect(ids).not.toContain(flagged.id);

    const minutes = await loadMinutes(deps, officers.kel, result.id, 'desk');
    expect(minutes).toMatchObject({ heldOn: '2026-11-25', place: 'Balai Kelurahan Wates' });
    expect(minutes.attendees).toEqual(['Lurah Wates', 'Ketua RT 008', 'Pendamping PKH']);
    expect(minutes.rows.map((r) => [r.headName, r.decision])).toContainEqual([
      'Wagiman Santoso',
      'disepakati',
    ]);
    expect((await errorOf(loadMinutes(deps, officers.kranggan, result.id, 'desk'))).code).toBe('not_found');
    expect((await loadMinutes(deps, officers.dinsos, result.id, 'desk')).id).toBe(result.id);

    const audit = await env.db
      .selectFrom('audit_log')
      .select(['action', 'detail'])
      .where('action', '=', 'musyawarah_record')
      .where('target_id', '=', String(result.id))
      .executeTakeFirstOrThrow();
    expect(JSON.parse(audit.detail ?? '{}')).toMatchObject({ moved: 2, recorded: 2, refused: 1 });
  });

  it('reports a proposal that changed after the list was read, and moves the rest', async () => {
    const first = await verifiedProposal('Mulyono Prasetyo');
    const second = await verifiedProposal('Rukmini Lestari');
    const listed = await loadAgenda(deps, officers.kel, WATES, 'desk');
    const version = (id: number) => listed.proposals.find((p) => p.ticketId === id)?.version ?? -1;
    // A colleague writes a note on the first: the ticket is still waiting, but not as listed.
    const { addCaseNote } = await import('../../src/domain/backoffice/case-work.ts');
    await addCaseNote(
      deps,
      officers.kel,
      {
        ticketId: first.id,
        note: 'Cek ulang alamat.',
        audience: 'internal',
        expectedVersion: version(first.id),
      },
      'desk-2',
    );
    const result = await recordMusyawarah(
      deps,
      officers.dinsos,
      {
        villageCode: WATES,
        heldOn: '2026-11-23',
        place: 'Balai RW 004',
        attendees: 'Lurah Wates',
        decisions: [
          { ticketId: first.id, decision: 'disepakati', version: version(first.id) },
          { ticketId: second.id, decision: 'disepakati', version: version(second.id) },
        ],
      },
      'dinsos-desk',
    );
    expect(result.outcomes).toEqual([
      { ticketId: first.id, decision: 'disepakati', outcome: 'refused', reason: 'ticket.changed_meanwhile' },
      {
        ticketId: second.id,
        decision: 'disepakati',
        outcome: 'moved',
        status: 'dibahas_musyawarah_kelurahan',
      },
    ]);
    // The Dinas Sosial recorded it for the kelurahan: the event says so.
    const event = await env.db
      .selectFrom('ticket_events')
      .select('data')
      .where('ticket_id', '=', second.id)
      .where('to_status', '=', 'dibahas_musyawarah_kelurahan')
      .executeTakeFirstOrThrow();
    expect(JSON.parse(event.data ?? '{}')).toMatchObject({ acting_for: 'kelurahan' });
    const stored = await env.db
      .selectFrom('musyawarah_decisions')
      .select(['ticket_id', 'outcome', 'reason'])
      .where('musyawarah_id', '=', result.id)
      .orderBy('id')
      .execute();
    expect(stored).toEqual([
      { ticket_id: first.id, outcome: 'refused', reason: 'ticket.changed_meanwhile' },
      { ticket_id: second.id, outcome: 'moved', reason: null },
    ]);
  });

  it('refuses bad minutes with a message per field, before anything moves', async () => {
    const p = await verifiedProposal('Tukiran Sastro');
    const listed = await loadAgenda(deps, officers.kel, WATES, 'desk');
    const version = listed.proposals.find((r) => r.ticketId === p.id)?.version ?? -1;
    const before = await env.db.selectFrom('musyawarah').select('id').execute();
    const bad = await errorOf(
      recordMusyawarah(
        deps,
        officers.kel,
        {
          villageCode: WATES,
          heldOn: '2026-11-31',
          place: ' ',
          attendees: 'x'.repeat(2001),
          decisions: [{ ticketId: p.id, decision: 'tidak_disepakati', note: '', version }],
        },
        'desk',
      ),
    );
    expect(bad.code).toBe('validation_failed');
    expect(bad.fields).toEqual({
      held_on: 'musyawarah.date_invalid',
      place: 'musyawarah.place_required',
      attendees: 'musyawarah.attendees_too_long',
      [`note_${p.id}`]: 'musyawarah.reason_required',
    });
    const future = await errorOf(
      recordMusyawarah(
        deps,
        officers.kel,
        {
          villageCode: WATES,
          heldOn: '2026-12-01',
          place: 'Balai',
          attendees: 'Lurah',
          decisions: [{ ticketId: p.id, decision: 'menang', version }],
        },
        'desk',
      ),
    );
    expect(future.fields).toEqual({
      held_on: 'musyawarah.date_future',
      [`decision_${p.id}`]: 'musyawarah.decision_required',
    });
    // A ticket of another village is not on this list: with nothing else, nothing to decide.
    const elsewhere = await errorOf(
      recordMusyawarah(
        deps,
        officers.kranggan,
        {
          villageCode: KRANGGAN,
          heldOn: '2026-11-23',
          place: 'Balai',
          attendees: 'Lurah',
          decisions: [{ ticketId: p.id, decision: 'disepakati', version }],
        },
        'desk',
      ),
    );
    expect(elsewhere.fields).toEqual({ decisions: 'musyawarah.nothing_to_decide' });
    expect(await env.db.selectFrom('musyawarah').select('id').execute()).toEqual(before);
    expect((await loadTicket(env.db, p.id))?.status).toBe('diverifikasi_rt_rw');
  });
});

describe("an RT/RW head's proposals", { timeout: 120_000 }, () => {
  it("go through the residents' usulan rules, each its own ticket in the head's RT/RW, listed with their states", async () => {
    const first = await proposeForRtRw(
      deps,
      officers.rt,
      usulanBody({ head_name: 'Sainem', rt: '8', rw: '004', village_code: KRANGGAN }),
      meta(),
    );
    const second = await proposeForRtRw(
      deps,
      officers.rt,
      usulanBody({ head_name: 'Ngatiyem', rt: '008', rw: '4' }),
      meta(),
    );
    expect(first.reference).not.toBe(second.reference);
    const tickets = await env.db
      .selectFrom('tickets as t')
      .innerJoin('ticket_submissions as s', 's.ticket_id', 't.id')
      .select(['t.area_code', 't.rt', 't.rw', 't.payload', 't.status'])
      .where('s.reference', 'in', [first.reference, second.reference])
      .execute();
    // The village comes from the head's account, whatever the form said.
    // The head's own proposal counts as verified by the head.
    expect(tickets.map((t) => [t.area_code, t.rt, t.rw, t.status])).toEqual([
      [WATES, '008', '004', 'diverifikasi_rt_rw'],
      [WATES, '008', '004', 'diverifikasi_rt_rw'],
    ]);
    expect(JSON.parse(tickets[0]?.payload ?? '{}')).toMatchObject({
      proposer: 'rt_rw',
      proposer_name: 'Ketua RT RW Wates',
    });
    const listed = await listRtProposals(deps, officers.rt);
    expect(listed.slice(0, 2).map((p) => [p.reference, p.headName, p.status])).toEqual([
      [second.reference, 'Ngatiyem', 'diverifikasi_rt_rw'],
      [first.reference, 'Sainem', 'diverifikasi_rt_rw'],
    ]);
    expect(await listRtProposals(deps, officers.kel)).toEqual([]);
  });

  it('refuse a household of another RT/RW, naming every other mistake at once, and the same rules as a resident', async () => {
    const outside = await errorOf(
      proposeForRtRw(deps, officers.rt, usulanBody({ rt: '009', rw: '004', head_name: '' }), meta()),
    );
    expect(outside.code).toBe('validation_failed');
    expect(outside.fields).toMatchObject({ rt: 'usulan_rt.outside_area', head_name: 'field.required' });
    const twice = usulanBody({ rt: '008', rw: '004' });
    await proposeForRtRw(deps, officers.rt, twice, meta());
    const again = await errorOf(proposeForRtRw(deps, officers.rt, twice, meta()));
    expect(again.fields).toEqual({ head_nik: 'usulan.duplicate_open' });
    expect((await errorOf(proposeForRtRw(deps, officers.kel, twice, meta()))).code).toBe('not_found');
  });
});
