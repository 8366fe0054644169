// A desil dispute travels as an usulan and a PBI-JK reactivation as an aduan (decisions 0031,
// 0032), but neither is what its kind usually is (issue 19). The officers' statistics count each
// apart; the Musyawarah lists the disputes apart from the proposals of new households; the answer
// to a request to see one's data names a dispute a dispute; and the SLRT complaint form's programs
// come from the catalogue in the database, so a program an office adds can be complained about.
// On both engines.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { loadAgenda } from '../../src/domain/backoffice/musyawarah.ts';
import type { Officer } from '../../src/domain/backoffice/officer.ts';
import type { DomainDeps } from '../../src/domain/deps.ts';
import { accessExport } from '../../src/domain/privacy/access-export.ts';
import { createProgram } from '../../src/domain/program-profiles/keeping.ts';
import { ticketsByKindState, ticketsByPurpose } from '../../src/domain/stats/figures.ts';
import {
  ADUAN_PROGRAMS,
  aduanChoicesFrom,
  aduanProgramsToCheck,
  loadAduanPrograms,
} from '../../src/domain/tickets/aduan-catalogue.ts';
import { casePurposeOf } from '../../src/domain/tickets/case-purpose.ts';
import { submitAduan } from '../../src/domain/tickets/submit-aduan.ts';
import { submitDesilDispute } from '../../src/domain/tickets/submit-desil-dispute.ts';
import { transitionTicket } from '../../src/domain/tickets/ticket-repository.ts';
import { errorOf, officerNamed } from '../support/domain-calls.ts';
import { openTestDatabase, type TestDatabase } from '../support/test-app.ts';
import { aduanBody, ticketOf, tinyPdf } from '../support/ticket-fixtures.ts';

const WATES = '35.76.02.1010';
let env: TestDatabase;
let deps: DomainDeps;
const officers: Record<string, Officer> = {};
const officer = (username: string) => officers[username] as Officer;
/** A Wates household's member (kel.wates works that village). */
let resident: { nik: string; kk: string; name: string };
let disputeId = 0;
let keys = 0;
const meta = (attachments: Parameters<typeof submitAduan>[2]['attachments'] = []) => ({
  idempotencyKey: `apart:${++keys}:${Date.now()}`,
  locale: 'id' as const,
  attachments,
  clientKey: 'resident',
});

beforeAll(async () => {
  env = await openTestDatabase();
  deps = env.deps;
  for (const username of ['dinsos.mojokerto', 'kel.wates'])
    officers[username] = await officerNamed(env.db, username);
  resident = await env.db
    .selectFrom('household_members as m')
    .innerJoin('households as h', 'h.id', 'm.household_id')
    .select(['m.nik', 'h.kk', 'm.name'])
    .where('h.village_code', '=', WATES)
    .where('m.relation', '=', 'kepala')
    .orderBy('m.id')
    .executeTakeFirstOrThrow();
  // A dispute the RT/RW verified: it waits for the village's meeting, like a proposal.
  const dispute = await submitDesilDispute(
    deps,
    {
      purpose: 'sanggah_desil',
      head_nik: resident.nik,
      kk: resident.kk,
      desil_seen: '6',
      facts: ['pekerjaan'],
      fact_now: { pekerjaan: 'Buruh harian <b>lepas</b>, tidak tetap.' },
      consent: 'ya',
    },
    meta(),
  );
  disputeId = (await ticketOf(env.db, dispute.reference)).ticket.id;
  await transitionTicket(env.db, deps, {
    ticketId: disputeId,
    to: 'diverifikasi_rt_rw',
    actor: { role: 'dinsos', id: String(officer('dinsos.mojokerto').id) },
  });
  // And a PBI-JK reactivation for the same person, with the facility's letter.
  await submitAduan(
    deps,
    aduanBody({
      program: 'PBI-JK',
      problem: 'reaktivasi_pbi_jk',
      nik: resident.nik,
      faskes: 'RSUD dr. Wahidin Sudiro Husodo',
      description: 'Harus kontrol jantung minggu depan, kartu KIS tidak aktif.',
    }),
    meta([{ field: 'surat', bytes: tinyPdf(), name: 'surat.pdf' }]),
  );
}, 120_000);
afterAll(async () => {
  await env.close();
});

describe('what a case is for', () => {
  it('a dispute and a reactivation are their own; every other case is its kind', () => {
    expect(casePurposeOf('usulan', 'sanggah_desil')).toBe('sanggah_desil');
    expect(casePurposeOf('usulan', null)).toBe('usulan');
    expect(casePurposeOf('aduan', 'reaktivasi_pbi_jk')).toBe('reaktivasi_pbi_jk');
    expect(casePurposeOf('aduan', 'kks_terblokir')).toBe('aduan');
    // A resident's UU PDP request to see or correct their data is not a complaint (decision 0033).
    expect(casePurposeOf('aduan', 'permintaan_akses')).toBe('permintaan_data');
    expect(casePurposeOf('aduan', 'permintaan_koreksi')).toBe('permintaan_data');
    expect(casePurposeOf('usulan', 'permintaan_akses')).toBe('usulan');
    // A topic that belongs to another kind changes nothing.
    expect(casePurposeOf('sanggahan', 'sanggah_desil')).toBe('sanggahan');
    expect(casePurposeOf('usulan', 'reaktivasi_pbi_jk')).toBe('usulan');
    expect(casePurposeOf('aduan', '__proto__')).toBe('aduan');
  });
});

describe('the officers’ statistics', { timeout: 120_000 }, () => {
  it('count desil disputes apart from proposals and reactivations apart from complaints', async () => {
    for (const who of ['dinsos.mojokerto', 'kel.wates']) {
      const area = { officer: officer(who) };
      const byPurpose = await ticketsByPurpose(deps, area);
      expect(byPurpose.map((r) => r.purpose)).toEqual([
        'usulan',
        'sanggah_desil',
        'sanggahan',
        'aduan',
        'reaktivasi_pbi_jk',
        'permintaan_data',
      ]);
      // Recounted from the rows themselves.
      const rows = await env.db
        .selectFrom('tickets')
        .select(['kind', 'topic', 'closed_at'])
        .where(
          who === 'kel.wates'
            ? (eb) => eb('area_code', '=', WATES)
            : (eb) => eb.or([eb('area_code', 'is', null), eb('area_code', 'like', '35.76.%')]),
        )
        .execute();
      const count = (pick: (r: (typeof rows)[number]) => boolean) => rows.filter(pick).length;
      const of = (p: string) => byPurpose.find((r) => r.purpose === p);
      expect(of('sanggah_desil')?.total).toBe(
        count((r) => r.kind === 'usulan' && r.topic === 'sanggah_desil'),
      );
      expect(of('sanggah_desil')?.open).toBeGreaterThanOrEqual(1);
      expect(of('usulan')?.total).toBe(count((r) => r.kind === 'usulan' && r.topic !== 'sanggah_desil'));
      expect(of('reaktivasi_pbi_jk')?.total).toBe(
        count((r) => r.kind === 'aduan' && r.topic === 'reaktivasi_pbi_jk'),
      );
      expect(of('reaktivasi_pbi_jk')?.total).toBeGreaterThanOrEqual(1);
      expect(of('aduan')?.total).toBe(count((r) => r.kind === 'aduan' && r.topic !== 'reaktivasi_pbi_jk'));
      expect(byPurpose.reduce((s, r) => s + r.total, 0)).toBe(rows.length);
      for (const r of byPurpose) expect(r.open + r.closed).toBe(r.total);

      // The table by state keeps the same split: a dispute's states are not a proposal's.
      const byState = await ticketsByKindState(deps, area);
      const sum = (p: string) => byState.filter((r) => r.purpose === p).reduce((s, r) => s + r.n, 0);
      expect(sum('sanggah_desil')).toBe(of('sanggah_desil')?.total);
      expect(sum('reaktivasi_pbi_jk')).toBe(of('reaktivasi_pbi_jk')?.total);
      expect(byState.find((r) => r.purpose === 'sanggah_desil' && r.key === 'diverifikasi_rt_rw')?.n).toBe(1);
    }
  });
});

describe('the Musyawarah Kelurahan', { timeout: 120_000 }, () => {
  it('lists the verified desil dispute apart from the proposals, by the register’s name and address', async () => {
    const agenda = await loadAgenda(deps, officer('kel.wates'), WATES, 'desk');
    expect(agenda.proposals.map((p) => p.ticketId)).not.toContain(disputeId);
    expect(agenda.proposals.every((p) => p.topic !== 'sanggah_desil')).toBe(true);
    const dispute = agenda.disputes.find((d) => d.ticketId === disputeId);
    expect(dispute).toMatchObject({
      kind: 'usulan',
      topic: 'sanggah_desil',
      status: 'diverifikasi_rt_rw',
      headName: resident.name,
      nik: resident.nik,
      kk: resident.kk,
    });
    expect(dispute?.address).not.toBe('');
    expect(agenda.flagged.map((f) => f.ticketId)).not.toContain(disputeId);
  });
});

describe('the answer to a request to see one’s data', { timeout: 120_000 }, () => {
  it('names the dispute a dispute and the reactivation a reactivation', async () => {
    const answer = await accessExport(deps, officer('dinsos.mojokerto'), resident.nik, 'desk');
    const dispute = answer.tickets.find((t) => t.kind === 'usulan');
    expect(dispute).toMatchObject({ kind: 'usulan', purpose: 'sanggah_desil', status: 'diverifikasi_rt_rw' });
    expect(answer.tickets.find((t) => t.kind === 'aduan')).toMatchObject({ purpose: 'reaktivasi_pbi_jk' });
    // The JSON the office hands over says so too.
    expect(
      JSON.parse(JSON.stringify(answer))
        .tickets.map((t: { purpose: string }) => t.purpose)
        .sort(),
    ).toEqual(['reaktivasi_pbi_jk', 'sanggah_desil']);
  });
});

describe('the SLRT complaint form’s programs', { timeout: 120_000 }, () => {
  it('come from the catalogue: a program an office adds is on the list and can be complained about', async () => {
    const before = await loadAduanPrograms(env.db);
    // The seed's categories keep their order; the catalogue's other programs come before "Lainnya".
    expect(before.slice(0, ADUAN_PROGRAMS.length - 1)).toEqual(ADUAN_PROGRAMS.slice(0, -1));
    expect(before.at(-1)).toBe('LAINNYA');
    expect(before).toContain('KKS');
    expect(before).not.toContain('RANTANG');
    const refused = await errorOf(submitAduan(deps, aduanBody({ program: 'RANTANG' }), meta()));
    expect(refused.fields).toEqual({ program: 'field.choose' });

    await createProgram(
      { db: env.db, now: () => new Date() },
      officer('dinsos.mojokerto'),
      {
        code: 'RANTANG',
        name: 'Rantang Kasih Kota Mojokerto',
        name_en: 'Meals on wheels, Kota Mojokerto',
        benefit: 'service',
        period_kind: 'month',
        desil_ceiling: '',
        channel_id: 'Dapur umum kelurahan',
        channel_en: 'The village kitchen',
        excludes: '',
        aliases: '',
        amounts: '',
        criteria_id: 'Makanan siap saji untuk lansia yang tinggal sendiri.',
        criteria_en: 'Ready meals for elderly people who live alone.',
      },
      'test',
    );
    const after = await loadAduanPrograms(env.db);
    expect(after.indexOf('RANTANG')).toBe(after.length - 2);
    expect(aduanChoicesFrom(new URLSearchParams('program=RANTANG'), after)).toEqual({
      program: 'RANTANG',
    });
    const receipt = await submitAduan(deps, aduanBody({ program: 'RANTANG' }), meta());
    expect((await ticketOf(env.db, receipt.reference)).ticket.program).toBe('RANTANG');
  });

  it('are checked without reading the catalogue when the complaint names one of the seed’s', async () => {
    // A database that answers nothing: touching it fails the test.
    const unread = new Proxy({} as typeof env.db, {
      get() {
        throw new Error('the catalogue was read');
      },
    });
    for (const program of ADUAN_PROGRAMS)
      expect(await aduanProgramsToCheck(unread, program)).toContain(program);
    // Any other name, or none, is checked against the catalogue as it stands.
    const full = await loadAduanPrograms(env.db);
    for (const program of ['KKS', 'RANTANG', 'NOPE', '', '__proto__', 42, undefined]) {
      const checked = await aduanProgramsToCheck(env.db, program);
      expect(checked).toEqual(full);
    }
  });

  it('refuse what is no program, by field, never a server error', async () => {
    for (const program of [
      '',
      'rantang',
      '__proto__',
      'X'.repeat(21),
      '<b>PKH</b>',
      42,
      { PKH: 1 },
      ['PKH'],
    ]) {
      const error = await errorOf(submitAduan(deps, aduanBody({ program }), meta()));
      expect(error.code, String(program)).toBe('validation_failed');
      expect(Object.keys(error.fields ?? {}), String(program)).toContain('program');
    }
  });
});
