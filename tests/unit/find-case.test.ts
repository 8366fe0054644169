// Finding a case at the SLRT desk (issue 20), on both engines: by a part of its ticket number, the
// resident's NIK, KK, phone number however written, or name however spelled, and never outside the
// officer's area. A search by a person's number or name is audited with its kind and count, never
// with what was typed; a NIK also names its person in the viewer log.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { findCases, readCaseQuery } from '../../src/domain/backoffice/find-case.ts';
import { loadInbox } from '../../src/domain/backoffice/inbox.ts';
import type { Officer } from '../../src/domain/backoffice/officer.ts';
import { subjectOf } from '../../src/domain/backoffice/viewer-log.ts';
import type { DomainDeps } from '../../src/domain/deps.ts';
import { officerNamed } from '../support/domain-calls.ts';
import { openTestDatabase, type TestDatabase } from '../support/test-app.ts';

let env: TestDatabase;
let deps: DomainDeps;
let wates: Officer;

const WATES = '35.76.02.1010';
const KRANGGAN = '35.76.03.1001';

/** A proposal of the village with its head's NIK and KK and the resident's contact. */
async function proposalIn(area: string) {
  return env.db
    .selectFrom('tickets as t')
    .innerJoin('ticket_submissions as s', 's.ticket_id', 't.id')
    .select(['t.id', 't.subject_nik', 't.subject_kk', 's.id as submission_id', 's.reference', 's.contact'])
    .where('t.kind', '=', 'usulan')
    .where('t.area_code', '=', area)
    .where('t.subject_nik', 'is not', null)
    .where('s.contact', 'is not', null)
    .orderBy('t.id')
    .executeTakeFirstOrThrow();
}

async function find(officer: Officer, text: string) {
  const reading = readCaseQuery(text);
  if (!reading.ok) throw new Error(`refused: ${reading.problem}`);
  return findCases(deps, officer, reading.query, '10.0.0.9');
}

async function lastSearchAudit() {
  return env.db
    .selectFrom('audit_log')
    .select(['id', 'actor_id', 'detail', 'target_type', 'target_id'])
    .where('action', '=', 'case_search')
    .orderBy('id', 'desc')
    .executeTakeFirstOrThrow();
}

beforeAll(async () => {
  env = await openTestDatabase();
  deps = env.deps;
  wates = await officerNamed(env.db, 'kel.wates');
}, 120_000);
afterAll(async () => {
  await env.close();
});

describe('reading the search box', () => {
  it('tells a NIK/KK, a phone, a ticket number and a name apart by their shape', () => {
    const kind = (text: string) => {
      const r = readCaseQuery(text);
      return r.ok ? r.query.kind : r.problem;
    };
    expect(kind('3576022901719103')).toBe('number');
    expect(kind('3576 0229 0171 9103')).toBe('number');
    expect(kind('0812-3456-789')).toBe('phone');
    expect(kind('+62 812 3456 789')).toBe('phone');
    expect(kind('ADU-7KQ4M9XP')).toBe('reference');
    expect(kind('adu 7kq4')).toBe('reference');
    expect(kind('7KQ4')).toBe('reference');
    expect(kind('ADU7KQ4')).toBe('reference');
    expect(kind("Nur'aini")).toBe('name');
    expect(kind('MAYA')).toBe('name');
    expect(kind('ADUNG')).toBe('name');
    expect(kind('ADU-7K')).toBe('bo.find.reference_short');
    expect(kind('7K3')).toBe('bo.find.reference_short');
    expect(kind('12345')).toBe('bo.find.number_shape');
    expect(kind('Al')).toBe('bo.find.name_short');
    expect(kind('   ')).toBe('bo.find.empty');
  });

  it('refuses what is no search, or finds nothing: never an error', async () => {
    const dinsos = await officerNamed(env.db, 'dinsos.mojokerto');
    const odd = [
      '%',
      '_',
      '%%%%',
      '____',
      "'; DROP TABLE tickets; --",
      'x'.repeat(10_000),
      '<script>alert(1)</script>',
      '😀😀😀',
      'Nur 😀',
      '__proto__',
      'constructor',
      '\u0000\u0000\u0000',
    ];
    for (const text of odd) {
      const reading = readCaseQuery(text);
      if (!reading.ok) {
        expect(reading.problem, text).toMatch(/^bo\.find\./);
        continue;
      }
      const found = await findCases(deps, dinsos, reading.query, null);
      expect(found.ticketIds, text).toEqual([]);
    }
    expect(readCaseQuery('x'.repeat(10_000))).toEqual({ ok: false, problem: 'bo.find.too_long' });
    expect(readCaseQuery('%')).toEqual({ ok: false, problem: 'bo.find.unrecognised' });
    expect(readCaseQuery('__proto__')).toEqual({ ok: false, problem: 'bo.find.unrecognised' });
  });
});

describe('finding a case in the officer’s area', { timeout: 120_000 }, () => {
  it('finds by the whole or a part of the ticket number, with or without its prefix, unaudited', async () => {
    const proposal = await proposalIn(WATES);
    const code = proposal.reference.slice(4);
    const before = await env.db
      .selectFrom('audit_log')
      .select((eb) => eb.fn.countAll<number>().as('n'))
      .executeTakeFirstOrThrow();
    for (const text of [
      proposal.reference,
      code.slice(1, 6),
      `usl-${code.slice(0, 4).toLowerCase()}`,
      `USL${code.slice(0, 5)}`,
    ])
      expect((await find(wates, text)).ticketIds, text).toContain(proposal.id);
    const after = await env.db
      .selectFrom('audit_log')
      .select((eb) => eb.fn.countAll<number>().as('n'))
      .executeTakeFirstOrThrow();
    expect(Number(after.n)).toBe(Number(before.n));
  });

  it('finds by NIK, audited with kind and count and the person’s key, never the number', async () => {
    const proposal = await proposalIn(WATES);
    const nik = proposal.subject_nik as string;
    const found = await find(wates, nik);
    expect(found.kind).toBe('nik');
    expect(found.ticketIds).toContain(proposal.id);
    const audit = await lastSearchAudit();
    expect(audit.actor_id).toBe(wates.id);
    expect(JSON.parse(audit.detail ?? '{}')).toEqual({ kind: 'nik', found: found.ticketIds.length });
    expect(audit.detail).not.toContain(nik);
    const subjects = await env.db
      .selectFrom('audit_subjects')
      .select('subject')
      .where('audit_id', '=', audit.id)
      .execute();
    expect(subjects.map((s) => s.subject)).toEqual([subjectOf(deps.secret, nik)]);

    // Listed in the inbox, whether open or closed.
    const inbox = await loadInbox(deps, wates, {}, found);
    expect(inbox.rows.map((r) => r.id)).toContain(proposal.id);
    expect(inbox.total).toBe(found.ticketIds.length);

    // In the URL only a ticket number is searched: a NIK there finds nothing.
    expect((await loadInbox(deps, wates, { q: nik, show: 'all' })).total).toBe(0);
    expect(
      (await loadInbox(deps, wates, { q: proposal.reference.slice(0, 8), show: 'all' })).rows.map(
        (r) => r.id,
      ),
    ).toContain(proposal.id);
  });

  it('finds by KK, audited as such without a person’s key', async () => {
    const proposal = await proposalIn(WATES);
    const found = await find(wates, proposal.subject_kk as string);
    expect(found).toMatchObject({ kind: 'kk' });
    expect(found.ticketIds).toContain(proposal.id);
    const audit = await lastSearchAudit();
    expect(JSON.parse(audit.detail ?? '{}')).toEqual({ kind: 'kk', found: found.ticketIds.length });
    expect(
      await env.db.selectFrom('audit_subjects').select('subject').where('audit_id', '=', audit.id).execute(),
    ).toEqual([]);
  });

  it('finds by a phone number in the ways people write it', async () => {
    const proposal = await proposalIn(WATES);
    const phone = (JSON.parse(proposal.contact ?? '{}') as { phone: string }).phone;
    const national = phone.replace(/^(\+62|62|0)/, '');
    const spellings = [
      `0${national.slice(0, 3)}-${national.slice(3, 7)}-${national.slice(7)}`,
      `+62 ${national.slice(0, 3)} ${national.slice(3, 7)} ${national.slice(7)}`,
      `62${national}`,
      `(0${national.slice(0, 3)}) ${national.slice(3)}`,
    ];
    for (const text of spellings) {
      const found = await find(wates, text);
      expect(found.kind, text).toBe('phone');
      expect(found.ticketIds, text).toContain(proposal.id);
      const audit = await lastSearchAudit();
      expect(JSON.parse(audit.detail ?? '{}')).toEqual({ kind: 'phone', found: found.ticketIds.length });
      expect(audit.detail).not.toContain(national);
    }
  });

  it('finds by a name whatever its case, accents and apostrophe', async () => {
    const proposal = await proposalIn(WATES);
    await env.db
      .updateTable('ticket_submissions')
      .set({ contact: JSON.stringify({ name: 'SITI NUR’AINI', phone: '+6281234567890' }) })
      .where('id', '=', proposal.submission_id)
      .execute();
    for (const text of ["Nur'aini", 'nur`aini', 'NURAINI', 'Nür’aïni', 'siti nur', 'Siti']) {
      const found = await find(wates, text);
      expect(found.kind, text).toBe('name');
      expect(found.ticketIds, text).toContain(proposal.id);
      const audit = await lastSearchAudit();
      expect(JSON.parse(audit.detail ?? '{}')).toEqual({ kind: 'name', found: found.ticketIds.length });
      expect(audit.detail?.toUpperCase()).not.toContain('AINI');
    }
    // From the start of a word only: a fragment inside a name is not that name.
    expect((await find(wates, 'aini')).ticketIds).not.toContain(proposal.id);
    // A name typed in the form: the head of household.
    const head = await env.db
      .selectFrom('ticket_submissions')
      .select('payload')
      .where('id', '=', proposal.submission_id)
      .executeTakeFirstOrThrow();
    const headName = (JSON.parse(head.payload) as { head_name: string }).head_name;
    expect((await find(wates, headName.toLowerCase())).ticketIds).toContain(proposal.id);
  });

  it('never finds a case outside the officer’s area', async () => {
    const kranggan = await proposalIn(KRANGGAN);
    const mojokerto = await proposalIn(WATES);
    expect((await find(wates, kranggan.subject_nik as string)).ticketIds).toEqual([]);
    expect(JSON.parse((await lastSearchAudit()).detail ?? '{}')).toEqual({ kind: 'nik', found: 0 });
    expect((await find(wates, kranggan.subject_kk as string)).ticketIds).toEqual([]);
    expect((await find(wates, kranggan.reference)).ticketIds).toEqual([]);
    // Kranggan's own officer finds it.
    const krangganDesk = await officerNamed(env.db, 'kel.kranggan');
    expect((await find(krangganDesk, kranggan.subject_nik as string)).ticketIds).toContain(kranggan.id);

    // The Dinas Sosial of Surabaya finds nothing of Mojokerto, by any kind of search.
    const surabaya = await officerNamed(env.db, 'dinsos.surabaya');
    const phone = (JSON.parse(mojokerto.contact ?? '{}') as { phone: string }).phone;
    for (const text of [
      mojokerto.subject_nik,
      mojokerto.subject_kk,
      mojokerto.reference,
      mojokerto.reference.slice(4, 9),
      phone,
      'Siti',
      'Nur’aini',
    ])
      expect((await find(surabaya, text as string)).ticketIds, text as string).toEqual([]);
    // Mojokerto's finds both villages.
    const dinsos = await officerNamed(env.db, 'dinsos.mojokerto');
    expect((await find(dinsos, kranggan.subject_nik as string)).ticketIds).toContain(kranggan.id);

    // An RT head only the cases of their RT.
    const rt = await officerNamed(env.db, 'rt008.wates');
    const outsideRt = await env.db
      .selectFrom('tickets as t')
      .innerJoin('ticket_submissions as s', 's.ticket_id', 't.id')
      .select(['t.id', 's.reference'])
      .where('t.area_code', '=', WATES)
      .where((eb) => eb.or([eb('t.rt', 'is', null), eb('t.rt', '!=', '008')]))
      .executeTakeFirstOrThrow();
    expect((await find(rt, outsideRt.reference)).ticketIds).toEqual([]);
  });
});
