// Sanggah desil (issue 19, decision 0031) below the HTTP edge, on both engines: the form's rules,
// the time limits per purpose, the words per purpose, and the Dinas Sosial's CSV of disputes for
// the next DTSEN update (who may take it, its rows, its audit with every NIK it names), which the
// ministry's list of approved proposals never mixes with.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Officer } from '../../src/domain/backoffice/officer.ts';
import { whoViewed } from '../../src/domain/backoffice/viewer-log.ts';
import type { DomainDeps } from '../../src/domain/deps.ts';
import { disputeCounts, exportDesilDisputes } from '../../src/domain/export/desil-dispute-export.ts';
import { exportForMinistry } from '../../src/domain/export/ministry-export.ts';
import { dueAtFor } from '../../src/domain/tickets/due-dates.ts';
import { fieldErrorsFrom } from '../../src/domain/tickets/forms/fields.ts';
import { desilDisputeSchema } from '../../src/domain/tickets/forms/usulan-form.ts';
import { DEFAULT_TICKET_SETTINGS, type TicketSettings } from '../../src/domain/tickets/settings.ts';
import { statusText } from '../../src/domain/tickets/status-text.ts';
import { submitDesilDispute } from '../../src/domain/tickets/submit-desil-dispute.ts';
import { transitionTicket } from '../../src/domain/tickets/ticket-repository.ts';
import { kindKey, purposeOf } from '../../src/domain/tickets/usulan-purpose.ts';
import { USULAN_STATES } from '../../src/domain/tickets/workflow.ts';
import { translateDynamic } from '../../src/i18n/messages.ts';
import { errorOf, officerNamed } from '../support/domain-calls.ts';
import { openTestDatabase, type TestDatabase } from '../support/test-app.ts';
import { LISTED_HOUSEHOLD, ticketOf } from '../support/ticket-fixtures.ts';

const ctx = { districtExists: () => true, today: new Date('2026-11-23T03:00:00Z') };
const errorsOf = (raw: unknown) => {
  const parsed = desilDisputeSchema(ctx).safeParse(raw);
  return parsed.success ? {} : fieldErrorsFrom(parsed.error);
};
const valid = (overrides: Record<string, unknown> = {}) => ({
  purpose: 'sanggah_desil',
  head_nik: LISTED_HOUSEHOLD.nik,
  kk: LISTED_HOUSEHOLD.kk,
  facts: ['anggota'],
  fact_now: { anggota: 'Tinggal bertiga, anak sulung sudah pindah KK.' },
  consent: 'ya',
  ...overrides,
});

describe('the dispute form’s rules', () => {
  it('takes a form as the page sends it: blanks left out, texts of unticked facts dropped', () => {
    const parsed = desilDisputeSchema(ctx).parse(
      valid({
        head_nik: '3576 0214 0368 0001',
        desil_seen: ' 7 ',
        fact_now: { anggota: '  Tinggal bertiga.  ', rumah: 'tidak dicentang', aset: '' },
        contact_name: '',
        phone: '',
        email: '',
      }),
    );
    expect(parsed).toEqual({
      purpose: 'sanggah_desil',
      head_nik: LISTED_HOUSEHOLD.nik,
      kk: LISTED_HOUSEHOLD.kk,
      desil_seen: 7,
      facts: ['anggota'],
      fact_now: { anggota: 'Tinggal bertiga.' },
      consent: true,
    });
  });

  it('an empty form names every field at once', () => {
    expect(
      errorsOf({ purpose: 'sanggah_desil', head_nik: '', kk: '', facts: [], fact_now: {}, consent: '' }),
    ).toEqual({
      head_nik: 'nik.required',
      kk: 'kk.required',
      facts: 'sanggah_desil.no_fact',
      consent: 'consent.required',
    });
  });

  it('every ticked fact needs what is true now, at most 500 characters', () => {
    expect(
      errorsOf(
        valid({
          facts: ['pekerjaan', 'aset', 'lainnya'],
          fact_now: { aset: 'y'.repeat(501), lainnya: '\u200b' },
        }),
      ),
    ).toEqual({
      'fact_now.aset': 'field.too_long?max=500',
      'fact_now.pekerjaan': 'field.required',
      'fact_now.lainnya': 'field.required',
    });
  });

  it('refuses what is not its shape, by field', () => {
    expect(errorsOf(valid({ facts: 'anggota' }))).toEqual({ facts: 'sanggah_desil.no_fact' });
    expect(errorsOf(valid({ fact_now: ['x'] }))).toMatchObject({ fact_now: 'field.invalid' });
    expect(errorsOf(valid({ purpose: 'usulan' }))).toEqual({ purpose: 'field.choose' });
    expect(errorsOf(valid({ contact_name: 'Budi <b>' }))).toEqual({ contact_name: 'field.name_chars' });
    expect(errorsOf(null)).toEqual({ form: 'field.invalid' });
  });

  it('has a message in both languages for each of its own rules', () => {
    for (const key of [
      'sanggah_desil.no_fact',
      'sanggah_desil.desil_seen_range',
      'sanggah_desil.not_listed',
      'sanggah_desil.duplicate_open',
    ])
      for (const locale of ['id', 'en'] as const) expect(translateDynamic(locale, key)).not.toBe(key);
  });
});

describe('a purpose’s time limits and words', () => {
  const due = (status: string, purpose: string | null, settings: TicketSettings = DEFAULT_TICKET_SETTINGS) =>
    dueAtFor('usulan', status, new Date('2026-11-23T03:00:00Z'), settings, {
      topic: purpose,
    })?.toISOString() ?? null;

  it('takes the purpose’s own rule, and the kind’s where it has none', () => {
    expect(due('validasi_dtks', 'sanggah_desil')).toBe('2026-12-07T16:59:59.999Z');
    expect(due('validasi_dtks', null)).toBe('2026-12-23T16:59:59.999Z');
    expect(due('disahkan_kepala_daerah', 'sanggah_desil')).toBe('2026-11-30T16:59:59.999Z');
    expect(due('diajukan', 'sanggah_desil')).toBe(due('diajukan', null));
    // Another kind's topic never reads the usulan's purpose rules.
    expect(
      dueAtFor('aduan', 'diterima', new Date('2026-11-23T03:00:00Z'), DEFAULT_TICKET_SETTINGS, {
        topic: 'sanggah_desil',
      }),
    ).toEqual(dueAtFor('aduan', 'diterima', new Date('2026-11-23T03:00:00Z'), DEFAULT_TICKET_SETTINGS));
    expect(due('ditetapkan', 'sanggah_desil')).toBeNull();
  });

  it('follows an office’s own rule for the purpose', () => {
    const settings: TicketSettings = {
      due: {
        ...DEFAULT_TICKET_SETTINGS.due,
        'usulan:sanggah_desil.diajukan': { days: 1, workingDays: true },
      },
      holidays: [],
    };
    // Monday 23 November + 1 working day.
    expect(due('diajukan', 'sanggah_desil', settings)).toBe('2026-11-24T16:59:59.999Z');
    expect(due('diajukan', null, settings)).toBe('2026-11-26T16:59:59.999Z');
  });

  it('says every state in its words, and the end as sent for the DTSEN update', () => {
    for (const locale of ['id', 'en'] as const)
      for (const state of USULAN_STATES)
        expect(statusText(locale, 'usulan', state, 'sanggah_desil')).not.toBe(state);
    expect(statusText('id', 'usulan', 'ditetapkan', 'sanggah_desil')).toBe(
      'dikirim untuk pemutakhiran DTSEN',
    );
    expect(statusText('id', 'usulan', 'ditetapkan')).toBe('ditetapkan masuk DTKS');
    expect(statusText('id', 'usulan', 'perlu_perbaikan', 'sanggah_desil')).toBe(
      statusText('id', 'usulan', 'perlu_perbaikan'),
    );
    expect(kindKey('usulan', 'sanggah_desil')).toBe('kind.usulan.sanggah_desil');
    expect(kindKey('usulan', null)).toBe('kind.usulan');
    expect(kindKey('aduan', 'sanggah_desil')).toBe('kind.aduan');
    expect(purposeOf('sanggahan', 'sanggah_desil')).toBeNull();
    expect(translateDynamic('id', kindKey('usulan', 'sanggah_desil'))).toBe('Sanggah desil');
    expect(translateDynamic('en', kindKey('usulan', 'sanggah_desil'))).toBe('Desil dispute');
  });
});

describe('the disputes’ CSV for the DTSEN update', { timeout: 120_000 }, () => {
  let env: TestDatabase;
  let deps: DomainDeps;
  const officers: Record<string, Officer> = {};
  let finished = '';
  let open = '';
  let refused = '';

  const dispute = async (
    who: { nik: string; kk: string },
    key: string,
    extra: Record<string, unknown> = {},
  ) => {
    const receipt = await submitDesilDispute(deps, valid({ head_nik: who.nik, kk: who.kk, ...extra }), {
      idempotencyKey: `dispute:${key}`,
      locale: 'id',
      attachments: [],
      clientKey: 'resident',
    });
    return receipt.reference;
  };
  const walk = async (reference: string, to: string[], last?: { note: string }) => {
    const { ticket } = await ticketOf(env.db, reference);
    for (const [i, step] of to.entries())
      await transitionTicket(env.db, deps, {
        ticketId: ticket.id,
        to: step,
        actor: { role: 'dinsos', id: String(officers['dinsos.mojokerto']?.id) },
        ...(i === to.length - 1 && last ? { note: last.note, noteAudience: 'resident' as const } : {}),
      });
  };

  beforeAll(async () => {
    env = await openTestDatabase();
    deps = env.deps;
    for (const username of ['dinsos.mojokerto', 'dinsos.surabaya', 'kel.wates', 'admin'])
      officers[username] = await officerNamed(env.db, username);
    // Three households of the Mojokerto register (35.76), each with one dispute.
    const rows = await env.db
      .selectFrom('households as h')
      .innerJoin('household_members as m', 'm.household_id', 'h.id')
      .select(['m.nik', 'h.kk', 'h.id'])
      .where('h.village_code', 'like', '35.76.%')
      .where('m.nik', 'is not', null)
      .orderBy('h.id', 'desc')
      .orderBy('m.id')
      .execute();
    const seen = new Set<number>();
    const households = rows.filter((r) => !seen.has(r.id) && seen.add(r.id)).slice(0, 3) as {
      nik: string;
      kk: string;
    }[];
    const [a, b, c] = households as [
      { nik: string; kk: string },
      { nik: string; kk: string },
      { nik: string; kk: string },
    ];
    const toTheEnd = [
      'diverifikasi_rt_rw',
      'dibahas_musyawarah_kelurahan',
      'verifikasi_lapangan',
      'validasi_dtks',
      'disahkan_kepala_daerah',
      'diusulkan_ke_kemensos',
      'ditetapkan',
    ];
    finished = await dispute(a, 'a', {
      facts: ['pekerjaan', 'rumah'],
      desil_seen: 7,
      fact_now: { pekerjaan: '=HYPERLINK("http://x")', rumah: 'Lantai tanah, atap bocor.' },
    });
    await walk(finished, toTheEnd, {
      note: 'Terverifikasi: kepala keluarga tidak bekerja; data dikirim ke DTSEN.',
    });
    refused = await dispute(b, 'b');
    await walk(refused, ['ditolak'], { note: 'Keluarga memiliki usaha toko.' });
    open = await dispute(c, 'c');
  }, 120_000);
  afterAll(async () => {
    await env.close();
  });

  const officer = (username: string) => officers[username] as Officer;

  it('finished disputes: the facts, what is true now, the result and the dates, audited with every NIK', async () => {
    const result = await exportDesilDisputes(
      deps,
      officer('dinsos.mojokerto'),
      { scope: 'selesai' },
      '10.2.2.2',
    );
    const lines = result.csv
      .replace(/^\uFEFF/, '')
      .trim()
      .split('\r\n');
    expect(lines[0]).toBe(
      'referensi,status,keterangan_status,kode_desa,nama_desa,rt,rw,nik_kepala,no_kk,desil_dilihat_warga,desil_sekarang,fakta_disanggah,pekerjaan_sekarang,rumah_sekarang,aset_sekarang,anggota_sekarang,lainnya_sekarang,hasil,tanggal_diajukan,tanggal_selesai',
    );
    expect(result.rows).toBe(2);
    const done = lines.find((l) => l.startsWith(finished)) ?? '';
    expect(done).toContain(',ditetapkan,dikirim untuk pemutakhiran DTSEN,35.76.');
    expect(done).toContain(',7,');
    expect(done).toContain(',pekerjaan;rumah,');
    // A cell a spreadsheet would run as a formula is made text.
    expect(done).toContain(`"'=HYPERLINK(""http://x"")"`);
    expect(done).toContain('Terverifikasi: kepala keluarga tidak bekerja; data dikirim ke DTSEN.');
    expect(done).toMatch(/,2026-\d\d-\d\d,2026-\d\d-\d\d$/);
    const no = lines.find((l) => l.startsWith(refused)) ?? '';
    expect(no).toContain(',ditolak,tidak diteruskan,');
    expect(no).toContain('Keluarga memiliki usaha toko.');
    expect(lines.some((l) => l.startsWith(open))).toBe(false);
    expect(result.filename).toMatch(/^sanggah_desil_selesai_3576_\d{4}-\d{2}-\d{2}\.csv$/);

    const nik = done.split(',')[7] as string;
    expect(nik).toMatch(/^\d{16}$/);
    const views = await whoViewed(deps, nik);
    expect(views.map((v) => [v.username, v.action, v.client_address])).toContainEqual([
      'dinsos.mojokerto',
      'export',
      '10.2.2.2',
    ]);
  });

  it('all disputes with their state; the counts the page shows agree', async () => {
    const all = await exportDesilDisputes(deps, officer('dinsos.mojokerto'), { scope: 'semua' }, null);
    expect(all.rows).toBe(3);
    const waiting = all.csv.split('\r\n').find((l) => l.startsWith(open)) ?? '';
    expect(waiting).toContain(',diajukan,"diajukan, menunggu pemeriksaan RT/RW",');
    // Open: no result, no end date.
    expect(waiting).toMatch(/,,2026-\d\d-\d\d,$/);
    expect(await disputeCounts(deps, officer('dinsos.mojokerto'))).toEqual({ selesai: 2, semua: 3 });
  });

  it('only the Dinas Sosial of the regency: another regency sees none, other roles nothing at all', async () => {
    const elsewhere = await exportDesilDisputes(deps, officer('dinsos.surabaya'), { scope: 'semua' }, null);
    expect(elsewhere.rows).toBe(0);
    for (const who of ['kel.wates', 'admin'])
      expect((await errorOf(exportDesilDisputes(deps, officer(who), { scope: 'semua' }, null))).code).toBe(
        'not_found',
      );
    for (const scope of ['', 'SEMUA', '__proto__', 'selesai;drop'])
      expect(
        (await errorOf(exportDesilDisputes(deps, officer('dinsos.mojokerto'), { scope }, null))).code,
      ).toBe('validation_failed');
  });

  it('the ministry’s list of approved proposals leaves disputes out', async () => {
    const ministry = await exportForMinistry(
      deps,
      officer('dinsos.mojokerto'),
      { kind: 'usulan_disahkan', area: officer('dinsos.mojokerto').areaCode ?? '' },
      null,
    );
    expect(ministry.csv).not.toContain(finished);
    // Put one at the approved step: still not in the ministry's list.
    const rows = await env.db
      .selectFrom('households as h')
      .innerJoin('household_members as m', 'm.household_id', 'h.id')
      .select(['m.nik', 'h.kk'])
      .where('h.village_code', 'like', '35.76.%')
      .where('m.nik', 'is not', null)
      .orderBy('h.id', 'desc')
      .offset(40)
      .limit(1)
      .execute();
    const approved = await dispute(rows[0] as { nik: string; kk: string }, 'approved');
    await walk(approved, [
      'diverifikasi_rt_rw',
      'dibahas_musyawarah_kelurahan',
      'verifikasi_lapangan',
      'validasi_dtks',
      'disahkan_kepala_daerah',
    ]);
    const again = await exportForMinistry(
      deps,
      officer('dinsos.mojokerto'),
      { kind: 'usulan_disahkan', area: officer('dinsos.mojokerto').areaCode ?? '' },
      null,
    );
    expect(again.csv).not.toContain(approved);
  });
});
