// Demo tickets: a few dozen live cases in Kota Mojokerto walked through their workflows (every
// state of every workflow, some overdue on DEMO_TODAY), and the 3,494 SLRT complaints of
// 2018–2020 of seed 002 Tabel 1, closed, inserted in batches with events that replay to their
// state. Deterministic except for the tracking-code hashes (scrypt salts are random).
import { createHash, randomBytes } from 'node:crypto';
import type { Insertable } from 'kysely';
import type { DomainDeps } from '../../domain/deps.ts';
import { composeNik } from '../../domain/nik/nik.ts';
import type { PkhComponent } from '../../domain/programs.ts';
import type { AduanProblem, AduanProgram } from '../../domain/tickets/aduan-catalogue.ts';
import { dueAtIso, dueDateLabel } from '../../domain/tickets/due-dates.ts';
import { newReference } from '../../domain/tickets/reference.ts';
import { type Actor, openTicket, transitionTicket } from '../../domain/tickets/ticket-repository.ts';
import { hashTrackingCode } from '../../domain/tickets/tracking-code.ts';
import type { AduanUnit, TicketKind } from '../../domain/tickets/workflow.ts';
import type { Db } from '../database.ts';
import type { Database, TicketEventTable, TicketSubmissionTable, TicketTable } from '../schema.ts';
import { dayNumber, ddmmyy, randomDateBetween } from './dates.ts';
import { E_WARONG_MOJOKERTO } from './figures.ts';
import { personName } from './names.ts';
import { Random } from './random.ts';
import { DEMO_HOUSEHOLDS } from './showcase.ts';
import { SLRT_MOJOKERTO, SLRT_YEARS } from './slrt-figures.ts';

/** The day the live cases are placed around: "overdue" means overdue on this day. */
export const DEMO_TODAY = '2026-11-23';

export type DemoTicketKey =
  | 'usulan_perlu_perbaikan'
  | 'usulan_ditetapkan'
  | 'sanggahan_diperiksa'
  | 'aduan_selesai'
  | 'aduan_terlambat';

export interface DemoTicket {
  key: DemoTicketKey;
  label: string;
  reference: string;
  trackingCode: string;
  kind: TicketKind;
  status: string;
}

/** The cases the README lists for trying Lacak; their references and codes never change. */
export const DEMO_TICKETS: readonly DemoTicket[] = [
  {
    key: 'usulan_perlu_perbaikan',
    label: 'Usulan sent back for corrections (perlu_perbaikan): answer it from Lacak',
    reference: 'USL-7DEM2PRB',
    trackingCode: 'PRBKT-4MQ7X',
    kind: 'usulan',
    status: 'perlu_perbaikan',
  },
  {
    key: 'usulan_ditetapkan',
    label: 'Usulan that went every step to ditetapkan (accepted into DTKS)',
    reference: 'USL-5TPKW3GA',
    trackingCode: 'DTKS5-3GAWN',
    kind: 'usulan',
    status: 'ditetapkan',
  },
  {
    key: 'sanggahan_diperiksa',
    label: 'Sanggahan being checked by the kelurahan (diperiksa_kelurahan), joined by a second objection',
    reference: 'SGH-3PKR8HTV',
    trackingCode: 'KRHN3-8X3VP',
    kind: 'sanggahan',
    status: 'diperiksa_kelurahan',
  },
  {
    key: 'aduan_selesai',
    label: 'Aduan about a blocked KKS, answered (selesai): can be reopened once',
    reference: 'ADU-7KQ4M9XP',
    trackingCode: 'SRS4K-7QWXM',
    kind: 'aduan',
    status: 'selesai',
  },
  {
    key: 'aduan_terlambat',
    label: 'Aduan about PKH forwarded to the PKH facilitator and overdue (diteruskan, terlambat)',
    reference: 'ADU-TRB6HN2K',
    trackingCode: 'TRMBT-6HW2K',
    kind: 'aduan',
    status: 'diteruskan',
  },
];

/** One stream per part, so redrawing one part leaves the other unchanged. */
const SEEDS = {
  history: 2018_2020,
  live: 2026_11_23,
  historyReferences: 7_4_2018,
  liveReferences: 7_4_2026,
} as const;

/** Rows per INSERT: 400 rows of at most 18 columns stay far below SQLite's 32,766 parameters. */
const BATCH = 400;

const MOJOKERTO_VILLAGES = E_WARONG_MOJOKERTO.flatMap((w) => w.kelurahan);

const sha256 = (text: string) => createHash('sha256').update(text).digest('hex');

// ── Time: demo times are written as Jakarta wall-clock times ─────────────────────────────────────

const HOUR = 3_600_000;

/** `2026-11-09 09:15` in Jakarta (UTC+7). */
function jakarta(wallClock: string): Date {
  const [day, time = '09:00'] = wallClock.split(' ');
  const [h, m] = time.split(':').map(Number) as [number, number];
  return new Date(Date.parse(`${day}T00:00:00Z`) + (h - 7) * HOUR + m * 60_000);
}

/** A working-hours instant on day number `day` (days since 1970 in dates.ts). */
function officeHours(rng: Random, day: number): Date {
  return new Date(day * 24 * HOUR + (rng.int(8, 14) - 7) * HOUR + rng.int(0, 59) * 60_000);
}

// ── References and codes ────────────────────────────────────────────────────────────────────────

class ReferenceDrawer {
  readonly #rng: Random;
  readonly #taken = new Set<string>(DEMO_TICKETS.map((t) => t.reference));

  constructor(seed: number) {
    this.#rng = new Random(seed);
  }

  reserve(reference: string): void {
    this.#taken.add(reference);
  }

  next(kind: TicketKind): string {
    for (;;) {
      const reference = newReference(kind, (size) =>
        Uint8Array.from({ length: size }, () => this.#rng.int(0, 255)),
      );
      if (!this.#taken.has(reference)) {
        this.#taken.add(reference);
        return reference;
      }
    }
  }
}

/** A tracking code drawn from the OS and forgotten at once: nobody can track those tickets. */
function unknowableCode(): string {
  const alphabet = '23456789ABCDEFGHJKMNPQRSTVWXYZ';
  const chars = [...randomBytes(10)].map((b) => alphabet[b % alphabet.length]).join('');
  return `${chars.slice(0, 5)}-${chars.slice(5)}`;
}

// ── What residents write and officers answer ────────────────────────────────────────────────────

const PROGRAM_WORDS: Record<AduanProgram, string> = {
  BPNT: 'BPNT/Sembako',
  PKH: 'PKH',
  BST: 'BST',
  'PBI-JK': 'KIS (PBI-JK)',
  PIP: 'PIP',
  LANSIA: 'bantuan lansia',
  DISABILITAS: 'bantuan disabilitas',
  YATIM_NON_PANTI: 'bantuan yatim non panti',
  TUKANG_BECAK: 'bantuan tukang becak',
  SARANA_USAHA: 'bantuan sarana usaha',
  APBD: 'bantuan daerah',
  LAINNYA: 'bantuan sosial',
};

const MONTHS = [
  'Januari',
  'Februari',
  'Maret',
  'April',
  'Mei',
  'Juni',
  'Juli',
  'Agustus',
  'September',
  'Oktober',
  'November',
  'Desember',
];

const DESCRIPTIONS: Record<AduanProblem, readonly string[]> = {
  dana_tidak_diterima: [
    'Bantuan {p} bulan {m} belum kami terima, padahal tetangga sudah menerima.',
    'Sudah dua bulan bantuan {p} tidak cair, mohon dicek.',
  ],
  kks_terblokir: [
    'KKS tidak bisa dipakai di e-Warong, kata petugas kartu terblokir.',
    'Kartu KKS ditolak mesin EDC sejak bulan {m}.',
  ],
  kks_rusak_hilang: [
    'KKS hilang waktu pindah rumah, mohon dibantu penggantian kartu.',
    'Kartu KKS patah dan tidak terbaca mesin.',
  ],
  pin_terblokir: ['PIN KKS terblokir karena salah memasukkan tiga kali.'],
  dana_belum_masuk_ewallet: ['Saldo {p} di kartu masih kosong, katanya e-wallet belum diisi.'],
  nama_salah_ketik: ['Nama di kartu berbeda dengan KTP sehingga tidak bisa mencairkan {p}.'],
  data_tidak_padan_dukcapil: [
    'Kata petugas NIK kami tidak padan dengan data Dukcapil sehingga {p} dihentikan.',
  ],
  belum_terdaftar: [
    'Keluarga kami tidak mampu tetapi belum terdaftar sebagai penerima {p}.',
    'Mohon didaftarkan sebagai penerima {p}, kepala keluarga sudah tidak bekerja.',
  ],
  penerima_meninggal_pindah: [
    'Penerima {p} atas nama orang tua kami sudah meninggal, bagaimana kelanjutannya?',
  ],
  lokasi_penyaluran_jauh: ['Tempat pengambilan {p} jauh dan ibu kami sudah sulit berjalan.'],
  kuasa_ahli_waris: [
    'Penerima sakit dan tidak bisa datang, apakah boleh diambil keluarga dengan surat kuasa?',
  ],
  barang_harga_ewarong: ['Beras dari e-Warong kualitasnya kurang baik dan harganya lebih mahal dari pasar.'],
  pungutan_liar: ['Ada yang meminta uang saat pencairan {p}.'],
  lainnya: ['Mohon informasi jadwal dan syarat {p}.', 'Kami ingin menanyakan kelanjutan pengajuan {p}.'],
};

const ANSWERS: Record<AduanProblem, string> = {
  dana_tidak_diterima: 'Dana sudah disalurkan ulang. Silakan dicek di e-Warong, ATM atau agen penyalur.',
  kks_terblokir: 'Blokir KKS sudah dibuka oleh bank penyalur. Kartu dapat digunakan kembali.',
  kks_rusak_hilang:
    'KKS pengganti sudah dicetak dan dapat diambil di kantor bank penyalur dengan membawa KTP dan KK.',
  pin_terblokir: 'PIN sudah direset di kantor bank penyalur. Gunakan PIN baru yang diberikan petugas.',
  dana_belum_masuk_ewallet: 'Saldo sudah masuk ke e-wallet KKS setelah pembaruan data oleh bank penyalur.',
  nama_salah_ketik: 'Nama sudah diperbaiki sesuai KTP; perbaikan berlaku pada penyaluran berikutnya.',
  data_tidak_padan_dukcapil: 'Data NIK sudah dipadankan dengan Dukcapil dan diperbarui di DTKS.',
  belum_terdaftar: 'Keluarga sudah didata dan diusulkan pada Musyawarah Kelurahan untuk masuk DTKS.',
  penerima_meninggal_pindah:
    'Data penerima sudah diperbarui dan keluarga sudah diberi penjelasan tentang pengalihan.',
  lokasi_penyaluran_jauh: 'Tempat pengambilan sudah dipindahkan ke titik penyaluran yang lebih dekat.',
  kuasa_ahli_waris: 'Pengambilan dengan surat kuasa diperbolehkan; format surat kuasa sudah diberikan.',
  barang_harga_ewarong: 'e-Warong sudah ditegur oleh koordinator BPNT dan kualitas barang dipantau.',
  pungutan_liar:
    'Laporan sudah ditindaklanjuti dan pihak yang meminta uang sudah diberi peringatan. Bantuan tidak dipungut biaya apa pun.',
  lainnya: 'Informasi sudah disampaikan kepada pelapor oleh petugas SLRT.',
};

const PROBLEMS: Record<AduanProgram, readonly (readonly [AduanProblem, number])[]> = {
  BPNT: [
    ['kks_terblokir', 30],
    ['dana_tidak_diterima', 25],
    ['belum_terdaftar', 20],
    ['pin_terblokir', 7],
    ['kks_rusak_hilang', 6],
    ['data_tidak_padan_dukcapil', 5],
    ['dana_belum_masuk_ewallet', 3],
    ['barang_harga_ewarong', 2],
    ['nama_salah_ketik', 2],
  ],
  PKH: [
    ['dana_tidak_diterima', 50],
    ['belum_terdaftar', 30],
    ['data_tidak_padan_dukcapil', 20],
  ],
  BST: [
    ['dana_tidak_diterima', 60],
    ['lokasi_penyaluran_jauh', 20],
    ['kuasa_ahli_waris', 20],
  ],
  'PBI-JK': [
    ['belum_terdaftar', 45],
    ['data_tidak_padan_dukcapil', 30],
    ['penerima_meninggal_pindah', 10],
    ['nama_salah_ketik', 10],
    ['lainnya', 5],
  ],
  PIP: [
    ['belum_terdaftar', 40],
    ['dana_tidak_diterima', 30],
    ['data_tidak_padan_dukcapil', 15],
    ['nama_salah_ketik', 10],
    ['lainnya', 5],
  ],
  LANSIA: [
    ['belum_terdaftar', 45],
    ['dana_tidak_diterima', 25],
    ['penerima_meninggal_pindah', 15],
    ['kuasa_ahli_waris', 10],
    ['lokasi_penyaluran_jauh', 5],
  ],
  DISABILITAS: [
    ['belum_terdaftar', 50],
    ['dana_tidak_diterima', 25],
    ['kuasa_ahli_waris', 15],
    ['lokasi_penyaluran_jauh', 10],
  ],
  YATIM_NON_PANTI: [
    ['belum_terdaftar', 55],
    ['dana_tidak_diterima', 25],
    ['kuasa_ahli_waris', 20],
  ],
  TUKANG_BECAK: [
    ['belum_terdaftar', 60],
    ['dana_tidak_diterima', 40],
  ],
  SARANA_USAHA: [
    ['belum_terdaftar', 70],
    ['lainnya', 30],
  ],
  APBD: [
    ['belum_terdaftar', 50],
    ['dana_tidak_diterima', 50],
  ],
  LAINNYA: [
    ['lainnya', 40],
    ['belum_terdaftar', 30],
    ['data_tidak_padan_dukcapil', 20],
    ['pungutan_liar', 5],
    ['nama_salah_ketik', 5],
  ],
};

function unitFor(program: AduanProgram, problem: AduanProblem): AduanUnit {
  if (problem === 'data_tidak_padan_dukcapil' || problem === 'nama_salah_ketik') return 'dukcapil';
  if (program === 'PBI-JK') return 'bpjs_kesehatan';
  switch (problem) {
    case 'kks_terblokir':
    case 'kks_rusak_hilang':
    case 'pin_terblokir':
    case 'dana_belum_masuk_ewallet':
      return 'bank_penyalur';
    case 'dana_tidak_diterima':
      if (program === 'BPNT') return 'bank_penyalur';
      if (program === 'PKH') return 'pendamping_pkh';
      if (program === 'BST') return 'pt_pos';
      return 'dinsos_bidang';
    case 'barang_harga_ewarong':
    case 'lokasi_penyaluran_jauh':
      return program === 'BPNT' ? 'koordinator_bpnt' : 'dinsos_bidang';
    case 'belum_terdaftar':
    case 'penerima_meninggal_pindah':
    case 'kuasa_ahli_waris':
      return 'kelurahan';
    default:
      return 'dinsos_bidang';
  }
}

function referralFor(program: AduanProgram, unit: AduanUnit): string {
  if (program === 'PIP') return 'Dinas Pendidikan Kota Mojokerto, layanan PIP: bawa KIP dan kartu pelajar.';
  if (unit === 'bpjs_kesehatan') return 'Kantor BPJS Kesehatan Cabang Mojokerto: bawa KTP dan KK.';
  if (unit === 'dukcapil')
    return 'Dinas Kependudukan dan Pencatatan Sipil Kota Mojokerto: bawa KTP dan KK asli.';
  if (unit === 'bank_penyalur')
    return 'Kantor Cabang Bank BNI Mojokerto, bagian layanan bansos: bawa KKS dan KTP.';
  return 'Kantor kelurahan setempat, untuk dibahas pada Musyawarah Kelurahan berikutnya.';
}

/** Share of complaints the desk referred elsewhere rather than settled. */
const REFERRED_SHARE: Partial<Record<AduanProgram, number>> = { PIP: 0.25, 'PBI-JK': 0.3 };

function describe(rng: Random, program: AduanProgram, problem: AduanProblem, month: number): string {
  const previous = MONTHS[(month + 11) % 12] ?? 'lalu';
  return rng
    .pick(DESCRIPTIONS[problem])
    .replaceAll('{p}', PROGRAM_WORDS[program])
    .replaceAll('{m}', previous);
}

function phoneNumber(rng: Random): string {
  return `08${rng.pick(['12', '13', '21', '22', '52', '53', '57', '95', '96'])}${String(rng.int(0, 99_999_999)).padStart(8, '0')}`;
}

function contactOf(rng: Random): { name: string; phone: string } {
  const sex = rng.chance(0.55) ? 'P' : 'L';
  return { name: personName(rng, sex, rng.int(1955, 1995), 'jawa'), phone: phoneNumber(rng) };
}

// ── The SLRT history of seed 002 Tabel 1 ────────────────────────────────────────────────────────

interface Draft {
  ticket: Insertable<TicketTable>;
  events: Insertable<TicketEventTable>[];
  submission: Omit<Insertable<TicketSubmissionTable>, 'ticket_id' | 'idempotency_key' | 'tracking_code_hash'>;
}

const DESK: Actor = { role: 'dinsos', id: 'demo-slrt' };
const KELURAHAN: Actor = { role: 'kelurahan', id: 'demo-kelurahan' };
const RT_RW: Actor = { role: 'rt_rw', id: 'demo-rt' };
const RESIDENT: Actor = { role: 'warga', id: null };

function historicalComplaint(
  rng: Random,
  references: ReferenceDrawer,
  year: number,
  program: AduanProgram,
): Draft {
  const village = rng.weighted(MOJOKERTO_VILLAGES.map((v) => [v.village_code, v.december] as const));
  const problem = rng.weighted(PROBLEMS[program]);
  const unit = unitFor(program, problem);
  // Opened by 1 December, closed within 30 days: every event stays inside its year.
  const openedDay = rng.int(dayNumber(`${year}-01-02`), dayNumber(`${year}-12-01`));
  const opened = officeHours(rng, openedDay);
  const forwardedDay = openedDay + rng.int(0, 3);
  const actedDay = forwardedDay + rng.int(1, 7);
  const closedDay = actedDay + rng.int(1, 20);
  const referred = rng.chance(REFERRED_SHARE[program] ?? 0.08);
  const referredEarly = referred && rng.chance(0.5);

  const event = (
    from: string | null,
    to: string,
    actor: Actor,
    at: Date,
    data: Record<string, string> | null,
  ): Insertable<TicketEventTable> => ({
    ticket_id: 0,
    from_status: from,
    to_status: to,
    actor_role: actor.role,
    actor_id: actor.id,
    at: at.toISOString(),
    note: null,
    visible_to_resident: 1,
    data: data ? JSON.stringify(data) : null,
  });
  const forwardedAt = new Date(Math.max(officeHours(rng, forwardedDay).getTime(), opened.getTime() + HOUR));
  const events = [
    event(null, 'diterima', RESIDENT, opened, null),
    event('diterima', 'diteruskan', rng.chance(0.2) ? KELURAHAN : DESK, forwardedAt, { unit }),
  ];
  let status: string;
  if (referredEarly) {
    status = 'dirujuk';
    events.push(
      event('diteruskan', 'dirujuk', DESK, officeHours(rng, closedDay), {
        referral: referralFor(program, unit),
      }),
    );
  } else {
    events.push(event('diteruskan', 'ditindaklanjuti', DESK, officeHours(rng, actedDay), null));
    status = referred ? 'dirujuk' : 'selesai';
    const closedAt = officeHours(rng, closedDay);
    events.push(
      referred
        ? event('ditindaklanjuti', 'dirujuk', DESK, closedAt, { referral: referralFor(program, unit) })
        : event('ditindaklanjuti', 'selesai', DESK, closedAt, { answer: ANSWERS[problem] }),
    );
  }
  const closedAt = events[events.length - 1]?.at ?? opened.toISOString();
  const payload = {
    program,
    problem,
    nik: null,
    description: describe(rng, program, problem, new Date(opened.getTime() + 7 * HOUR).getUTCMonth()),
    consent: true,
  };
  const payloadJson = JSON.stringify(payload);
  const contact = rng.chance(0.6) ? contactOf(rng) : null;
  const reference = references.next('aduan');
  return {
    ticket: {
      kind: 'aduan',
      status,
      return_to: null,
      responsible_role: null,
      responsible_unit: unit,
      area_code: village,
      household_id: null,
      target_member_id: null,
      due_at: null,
      opened_at: opened.toISOString(),
      updated_at: closedAt,
      closed_at: closedAt,
      reopen_count: 0,
      payload: payloadJson,
    },
    events,
    submission: {
      reference,
      submitted_at: opened.toISOString(),
      locale: 'id',
      contact: contact ? JSON.stringify(contact) : null,
      payload: payloadJson,
      request_hash: sha256(payloadJson),
      receipt: JSON.stringify({
        reference,
        kind: 'aduan',
        status: 'diterima',
        // The desk of 2018–2020 had no due dates; the receipt says so.
        due_date: null,
        submitted_at: opened.toISOString(),
      }),
    },
  };
}

function slrtHistory(): Draft[] {
  const rng = new Random(SEEDS.history);
  const references = new ReferenceDrawer(SEEDS.historyReferences);
  const drafts: Draft[] = [];
  for (const year of SLRT_YEARS) {
    for (const row of SLRT_MOJOKERTO) {
      for (let i = 0; i < row.counts[year]; i++)
        drafts.push(historicalComplaint(rng, references, year, row.program));
    }
  }
  // Ids follow time, as if the desk had filed them one by one.
  return drafts.sort((a, b) => a.ticket.opened_at.localeCompare(b.ticket.opened_at));
}

async function insertInBatches<T extends keyof Database & string>(
  trx: Db,
  table: T,
  rows: readonly Insertable<Database[T]>[],
): Promise<void> {
  for (let i = 0; i < rows.length; i += BATCH) {
    await trx
      .insertInto(table)
      .values(rows.slice(i, i + BATCH))
      .execute();
  }
}

async function nextId(trx: Db, table: 'tickets' | 'ticket_events' | 'ticket_submissions'): Promise<number> {
  const row = await trx
    .selectFrom(table)
    .select((eb) => eb.fn.max('id').as('id'))
    .executeTakeFirst();
  return Number(row?.id ?? 0) + 1;
}

async function insertHistory(trx: Db, drafts: Draft[], hiddenHash: string, firstKey: number): Promise<void> {
  let ticketId = await nextId(trx, 'tickets');
  let submissionId = await nextId(trx, 'ticket_submissions');
  const tickets: Insertable<TicketTable>[] = [];
  const submissions: Insertable<TicketSubmissionTable>[] = [];
  const events: Insertable<TicketEventTable>[] = [];
  for (const [n, draft] of drafts.entries()) {
    const id = ticketId++;
    tickets.push({ ...draft.ticket, id });
    submissions.push({
      ...draft.submission,
      id: submissionId++,
      ticket_id: id,
      tracking_code_hash: hiddenHash,
      idempotency_key: `demo:${firstKey + n}`,
    });
    for (const e of draft.events) events.push({ ...e, ticket_id: id });
  }
  // The log in the order things happened; a ticket's own events keep their order (times rise).
  events.sort((a, b) => a.at.localeCompare(b.at) || a.ticket_id - b.ticket_id);
  let eventId = await nextId(trx, 'ticket_events');
  for (const e of events) e.id = eventId++;
  await insertInBatches(trx, 'tickets', tickets);
  await insertInBatches(trx, 'ticket_submissions', submissions);
  await insertInBatches(trx, 'ticket_events', events);
}

// ── Live cases, walked through the workflow ─────────────────────────────────────────────────────

interface Step {
  at: string;
  to: string;
  actor: Actor;
  note?: string;
  answer?: string;
  unit?: AduanUnit;
  referral?: string;
  data?: Record<string, unknown>;
  visibleToResident?: boolean;
}

interface LiveCase {
  key?: DemoTicketKey;
  kind: TicketKind;
  village: string;
  opened: string;
  payload: Record<string, unknown>;
  contact: { name: string; phone: string } | null;
  subject?: { nik: string; kk: string | null };
  target?: Recipient;
  steps: Step[];
  /** Later objections that joined a sanggahan case. */
  joined?: {
    at: string;
    payload: Record<string, unknown>;
    contact: { name: string; phone: string } | null;
  }[];
}

interface Recipient {
  memberId: number;
  householdId: number;
  nik: string;
  village: string;
}

/** Heads of listed BPNT households per village, not the README's showcase households. */
async function recipientsByVillage(trx: Db): Promise<Map<string, Recipient[]>> {
  const showcase = new Set(DEMO_HOUSEHOLDS.map((d) => d.kk));
  const rows = await trx
    .selectFrom('household_members as m')
    .innerJoin('households as h', 'h.id', 'm.household_id')
    .select(['m.id', 'm.household_id', 'm.nik', 'h.village_code', 'h.kk'])
    .where('m.relation', '=', 'kepala')
    .where('h.village_code', 'like', '35.76.%')
    .where((eb) =>
      eb.exists(
        eb
          .selectFrom('program_memberships as p')
          .select('p.id')
          .whereRef('p.household_id', '=', 'h.id')
          .where('p.program_code', '=', 'BPNT')
          .where('p.period', '=', '2020-12'),
      ),
    )
    .orderBy('m.id')
    .execute();
  const byVillage = new Map<string, Recipient[]>();
  for (const r of rows) {
    if (showcase.has(r.kk)) continue;
    const list = byVillage.get(r.village_code) ?? [];
    if (list.length < 20)
      list.push({ memberId: r.id, householdId: r.household_id, nik: r.nik, village: r.village_code });
    byVillage.set(r.village_code, list);
  }
  return byVillage;
}

const STREETS = [
  'MERPATI',
  'KENANGA',
  'MELATI',
  'CEMPAKA',
  'PAHLAWAN',
  'KARTINI',
  'SURODINAWAN',
  'BRAWIJAYA',
];

function childComponent(age: number): PkhComponent | null {
  if (age < 6) return 'anak_usia_dini';
  if (age <= 12) return 'sd';
  if (age <= 15) return 'smp';
  if (age <= 18) return 'sma';
  return null;
}

/** A household not on any list, as a resident would type it into the usulan form. */
function proposedHousehold(rng: Random, village: string, serial: number, proposer: 'sendiri' | 'rt_rw') {
  const district = village.slice(0, 8);
  const sex = rng.chance(0.25) ? 'P' : 'L';
  const birth = randomDateBetween(rng, '1958-01-01', '1992-12-31');
  const headName = personName(rng, sex, Number(birth.slice(0, 4)), 'jawa');
  const kkIssued = randomDateBetween(rng, '2012-01-01', '2025-12-31');
  const members = [];
  if (rng.chance(0.8)) {
    const spouseBirth = randomDateBetween(
      rng,
      `${Number(birth.slice(0, 4)) - 3}-01-01`,
      `${Number(birth.slice(0, 4)) + 5}-12-31`,
    );
    const spouseSex = sex === 'L' ? 'P' : 'L';
    members.push({
      name: personName(rng, spouseSex, Number(spouseBirth.slice(0, 4)), 'jawa'),
      relation: 'istri_suami',
      birth_date: spouseBirth,
      components: [] as PkhComponent[],
    });
  }
  for (let c = rng.int(0, 3); c > 0; c--) {
    const childBirth = randomDateBetween(rng, '2008-01-01', '2024-12-31');
    const age = 2026 - Number(childBirth.slice(0, 4));
    const component = childComponent(age);
    members.push({
      name: personName(rng, rng.chance(0.5) ? 'L' : 'P', Number(childBirth.slice(0, 4)), 'jawa'),
      relation: 'anak',
      birth_date: childBirth,
      components: component ? [component] : [],
    });
  }
  const phone = phoneNumber(rng);
  const payload = {
    proposer,
    proposer_name: proposer === 'rt_rw' ? personName(rng, 'L', rng.int(1960, 1985), 'jawa') : undefined,
    proposer_relation: undefined,
    head_nik: composeNik(district, birth, sex, serial),
    kk: `${district.replaceAll('.', '')}${ddmmyy(kkIssued)}${String(serial).padStart(4, '0')}`,
    head_name: headName,
    birth_date: birth,
    sex,
    address: `JL. ${rng.pick(STREETS)} NO. ${rng.int(1, 120)}`,
    rt: String(rng.int(1, 9)).padStart(3, '0'),
    rw: String(rng.int(1, 6)).padStart(3, '0'),
    village_code: village,
    phone,
    email: undefined,
    members,
    head_components: [] as PkhComponent[],
    socio: {
      floor_area: rng.pick(['kurang_8', '8_sampai_15']),
      floor_material: rng.pick(['tanah', 'semen', 'semen']),
      wall_material: rng.pick(['bambu_rumbia', 'tembok_tanpa_plester', 'tembok']),
      roof_material: rng.pick(['seng_asbes', 'genteng']),
      drinking_water: rng.pick(['sumur_terlindung', 'pdam', 'air_kemasan']),
      lighting: rng.pick(['listrik_450', 'listrik_900']),
      cooking_fuel: rng.pick(['gas_3kg', 'kayu_arang']),
      sanitation: rng.pick(['bersama', 'sendiri']),
      head_occupation: rng.pick(['buruh_harian', 'pedagang_kecil', 'tidak_bekerja']),
      income_band: rng.pick(['kurang_600rb', '600rb_1jt', '1jt_2jt']),
    },
    assets: rng.chance(0.5) ? ['tidak_ada'] : ['sepeda_motor'],
    consent: true,
  };
  const contact = { name: proposer === 'sendiri' ? headName : (payload.proposer_name ?? headName), phone };
  return { payload: JSON.parse(JSON.stringify(payload)) as Record<string, unknown>, contact };
}

const village = (name: string): string => {
  const found = MOJOKERTO_VILLAGES.find((v) => v.name === name);
  if (!found) throw new Error(`no Mojokerto village ${name}`);
  return found.village_code;
};

function liveCases(rng: Random, recipients: Map<string, Recipient[]>): LiveCase[] {
  let serial = 9100;
  const usulan = (
    key: DemoTicketKey | undefined,
    where: string,
    opened: string,
    steps: Step[],
    proposer: 'sendiri' | 'rt_rw' = 'sendiri',
  ): LiveCase => {
    const code = village(where);
    const { payload, contact } = proposedHousehold(rng, code, serial++, proposer);
    return {
      key,
      kind: 'usulan',
      village: code,
      opened,
      payload,
      contact,
      subject: { nik: String(payload.head_nik), kk: String(payload.kk) },
      steps,
    };
  };
  const taken = new Set<number>();
  const recipientIn = (where: string): Recipient | undefined => {
    const list = recipients.get(village(where)) ?? [];
    const free = list.filter((r) => !taken.has(r.memberId));
    const chosen = free.length > 0 ? rng.pick(free) : undefined;
    if (chosen) taken.add(chosen.memberId);
    return chosen;
  };
  const sanggahan = (
    key: DemoTicketKey | undefined,
    where: string,
    opened: string,
    reason: string,
    description: string,
    steps: Step[],
    anonymous = false,
  ): LiveCase => ({
    key,
    kind: 'sanggahan',
    village: village(where),
    opened,
    payload: { reason, description, consent: true },
    contact: anonymous ? null : contactOf(rng),
    target: recipientIn(where),
    steps,
  });
  const aduan = (
    key: DemoTicketKey | undefined,
    where: string,
    opened: string,
    program: AduanProgram,
    problem: AduanProblem,
    description: string,
    steps: Step[],
    anonymous = false,
  ): LiveCase => {
    const affected = recipientIn(where);
    return {
      key,
      kind: 'aduan',
      village: village(where),
      opened,
      payload: { program, problem, nik: affected?.nik ?? null, description, consent: true },
      contact: anonymous ? null : contactOf(rng),
      subject: affected ? { nik: affected.nik, kk: null } : undefined,
      steps,
    };
  };

  const rt = RT_RW;
  const kel = KELURAHAN;
  const dinsos: Actor = { role: 'dinsos', id: 'demo-dinsos' };
  const desk = DESK;
  const warga = RESIDENT;

  return [
    // ── Usulan: every step, two overdue, one rejected at the meeting, one after no correction.
    usulan('usulan_perlu_perbaikan', 'Kedundung', '2026-11-09 09:15', [
      { at: '2026-11-10 10:00', to: 'diverifikasi_rt_rw', actor: rt, note: 'Benar warga RT 003 RW 002.' },
      {
        at: '2026-11-17 13:30',
        to: 'dibahas_musyawarah_kelurahan',
        actor: kel,
        note: 'Dibahas pada Musyawarah Kelurahan 17 November 2026.',
      },
      {
        at: '2026-11-19 09:45',
        to: 'perlu_perbaikan',
        actor: kel,
        note: 'Foto Kartu Keluarga tidak terbaca dan jumlah anggota keluarga berbeda dengan KK. Unggah foto KK yang jelas dan perbaiki daftar anggota keluarga.',
      },
    ]),
    usulan('usulan_ditetapkan', 'Prajuritkulon', '2026-02-02 08:40', [
      { at: '2026-02-04 10:00', to: 'diverifikasi_rt_rw', actor: rt },
      {
        at: '2026-02-16 13:00',
        to: 'dibahas_musyawarah_kelurahan',
        actor: kel,
        note: 'Disetujui dalam Musyawarah Kelurahan 16 Februari 2026.',
      },
      { at: '2026-02-24 10:30', to: 'verifikasi_lapangan', actor: kel, note: 'Kunjungan rumah dijadwalkan.' },
      {
        at: '2026-03-05 14:00',
        to: 'validasi_dtks',
        actor: kel,
        note: 'Hasil verifikasi lapangan: memenuhi kriteria, dikirim ke Dinas Sosial.',
      },
      {
        at: '2026-03-26 09:00',
        to: 'disahkan_kepala_daerah',
        actor: dinsos,
        note: 'NIK dan KK padan dengan Dukcapil.',
      },
      {
        at: '2026-04-20 11:00',
        to: 'diusulkan_ke_kemensos',
        actor: dinsos,
        note: 'Diunggah melalui SIKS-NG.',
      },
      {
        at: '2026-07-15 10:00',
        to: 'ditetapkan',
        actor: dinsos,
        note: 'Ditetapkan masuk DTKS pada pemutakhiran Juli 2026.',
      },
    ]),
    usulan(undefined, 'Mentikan', '2026-11-21 19:20', []),
    usulan(undefined, 'Wates', '2026-11-02 08:10', []), // overdue at the RT/RW
    usulan(
      undefined,
      'Pulorejo',
      '2026-11-12 10:05',
      [{ at: '2026-11-13 16:00', to: 'diverifikasi_rt_rw', actor: rt }],
      'rt_rw',
    ),
    usulan(undefined, 'Kranggan', '2026-10-19 09:30', [
      { at: '2026-10-21 08:30', to: 'diverifikasi_rt_rw', actor: rt },
      { at: '2026-11-16 13:00', to: 'dibahas_musyawarah_kelurahan', actor: kel },
    ]),
    usulan(undefined, 'Balongsari', '2026-10-05 11:00', [
      { at: '2026-10-07 09:00', to: 'diverifikasi_rt_rw', actor: rt },
      { at: '2026-10-20 13:00', to: 'dibahas_musyawarah_kelurahan', actor: kel },
      { at: '2026-10-28 10:00', to: 'verifikasi_lapangan', actor: kel }, // overdue in the field
    ]),
    usulan(undefined, 'Miji', '2026-09-01 10:00', [
      { at: '2026-09-03 09:00', to: 'diverifikasi_rt_rw', actor: rt },
      { at: '2026-09-15 13:00', to: 'dibahas_musyawarah_kelurahan', actor: kel },
      { at: '2026-09-28 10:00', to: 'verifikasi_lapangan', actor: kel },
      { at: '2026-11-02 14:00', to: 'validasi_dtks', actor: kel, note: 'Memenuhi kriteria.' },
    ]),
    usulan(undefined, 'Meri', '2026-06-08 09:00', [
      { at: '2026-06-10 09:00', to: 'diverifikasi_rt_rw', actor: rt },
      { at: '2026-06-22 13:00', to: 'dibahas_musyawarah_kelurahan', actor: kel },
      { at: '2026-07-06 10:00', to: 'verifikasi_lapangan', actor: kel },
      { at: '2026-07-20 14:00', to: 'validasi_dtks', actor: kel },
      { at: '2026-11-05 10:00', to: 'disahkan_kepala_daerah', actor: dinsos },
    ]),
    usulan(undefined, 'Magersari', '2026-05-04 09:00', [
      { at: '2026-05-06 09:00', to: 'diverifikasi_rt_rw', actor: rt },
      { at: '2026-05-18 13:00', to: 'dibahas_musyawarah_kelurahan', actor: kel },
      { at: '2026-06-01 10:00', to: 'verifikasi_lapangan', actor: kel },
      { at: '2026-06-12 14:00', to: 'validasi_dtks', actor: kel },
      { at: '2026-07-08 10:00', to: 'disahkan_kepala_daerah', actor: dinsos },
      {
        at: '2026-10-01 10:00',
        to: 'diusulkan_ke_kemensos',
        actor: dinsos,
        note: 'Diunggah melalui SIKS-NG.',
      },
    ]),
    usulan(undefined, 'Gedongan', '2026-08-03 08:30', [
      { at: '2026-08-05 09:00', to: 'diverifikasi_rt_rw', actor: rt },
      {
        at: '2026-08-17 13:00',
        to: 'ditolak',
        actor: kel,
        note: 'Hasil Musyawarah Kelurahan: rumah permanen berlantai keramik dan keluarga memiliki mobil; tidak memenuhi kriteria DTKS.',
      },
    ]),
    usulan(undefined, 'Jagalan', '2026-07-01 10:00', [
      {
        at: '2026-07-03 09:00',
        to: 'perlu_perbaikan',
        actor: rt,
        note: 'Nomor RT dan alamat tidak sesuai KK. Mohon diperbaiki.',
      },
      {
        at: '2026-08-05 10:00',
        to: 'ditolak',
        actor: rt,
        note: 'Tidak ada perbaikan dari pengusul selama satu bulan. Silakan mengajukan kembali dengan data yang benar.',
      },
    ]),
    usulan(undefined, 'Surodinawan', '2026-10-01 09:00', [
      { at: '2026-10-02 09:00', to: 'diverifikasi_rt_rw', actor: rt },
      {
        at: '2026-10-13 13:00',
        to: 'perlu_perbaikan',
        actor: kel,
        note: 'Lampirkan foto rumah tampak depan.',
      },
      {
        at: '2026-10-16 15:00',
        to: 'diverifikasi_rt_rw',
        actor: warga,
        note: 'Foto rumah sudah kami unggah.',
        data: { correction: 'Foto rumah sudah kami unggah.' },
      },
      { at: '2026-11-04 13:00', to: 'dibahas_musyawarah_kelurahan', actor: kel },
      { at: '2026-11-18 10:00', to: 'verifikasi_lapangan', actor: kel },
    ]),

    // ── Sanggahan: every state, one overdue, one case joined by a second objector.
    sanggahan(
      undefined,
      'Kauman',
      '2026-11-20 14:10',
      'sudah_mampu',
      'Keluarga ini baru membangun rumah dua lantai dan membuka toko.',
      [],
    ),
    sanggahan(
      undefined,
      'Blooto',
      '2026-10-26 10:00',
      'pindah',
      'Sudah pindah ke luar kota sejak awal tahun, rumahnya kosong.',
      [],
      true,
    ),
    {
      ...sanggahan(
        'sanggahan_diperiksa',
        'Kedundung',
        '2026-11-10 16:30',
        'tidak_ditemukan',
        'Nama penerima tidak dikenal di alamat tersebut menurut warga sekitar.',
        [
          {
            at: '2026-11-16 09:00',
            to: 'diperiksa_kelurahan',
            actor: kel,
            note: 'Petugas kelurahan dijadwalkan berkunjung.',
          },
        ],
      ),
      joined: [
        {
          at: '2026-11-14 07:50',
          payload: {
            reason: 'tidak_ditemukan',
            description: 'Tidak ada yang tinggal dengan nama itu di RT kami.',
            consent: true,
          },
          contact: null,
        },
      ],
    },
    sanggahan(undefined, 'Sentanan', '2026-09-14 10:00', 'pindah', 'Penerima sudah pindah ke Sidoarjo.', [
      { at: '2026-09-21 09:00', to: 'diperiksa_kelurahan', actor: kel },
      {
        at: '2026-10-02 11:00',
        to: 'terbukti',
        actor: kel,
        note: 'Hasil pemeriksaan: penerima telah pindah domisili ke Kabupaten Sidoarjo sejak Maret 2026. Diusulkan dihapus pada Musyawarah Kelurahan berikutnya.',
      },
    ]),
    sanggahan(
      undefined,
      'Purwotengah',
      '2026-08-10 10:00',
      'sudah_mampu',
      'Penerima punya sepeda motor baru.',
      [
        { at: '2026-08-12 09:00', to: 'diperiksa_kelurahan', actor: dinsos },
        {
          at: '2026-08-24 11:00',
          to: 'tidak_terbukti',
          actor: kel,
          note: 'Hasil kunjungan rumah: keluarga masih memenuhi kriteria; sepeda motor dibeli secara kredit untuk bekerja sebagai ojek.',
        },
      ],
    ),

    // ── Aduan: every state, two overdue, one reopened.
    aduan(
      'aduan_selesai',
      'Kedundung',
      '2026-10-26 08:20',
      'BPNT',
      'kks_terblokir',
      'KKS ditolak mesin EDC di e-Warong sejak bulan September, kata petugas kartunya terblokir.',
      [
        { at: '2026-10-27 09:00', to: 'diteruskan', actor: desk, unit: 'bank_penyalur' },
        {
          at: '2026-10-29 10:30',
          to: 'ditindaklanjuti',
          actor: desk,
          note: 'Bank BNI memproses pembukaan blokir.',
        },
        {
          at: '2026-11-04 14:00',
          to: 'selesai',
          actor: desk,
          answer:
            'Blokir KKS sudah dibuka oleh Bank BNI pada 3 November 2026. Silakan belanja di e-Warong KUBE Makmur Ceria seperti biasa; saldo bulan Oktober dan November sudah dapat digunakan.',
        },
      ],
    ),
    aduan(
      'aduan_terlambat',
      'Wates',
      '2026-11-02 09:00',
      'PKH',
      'dana_tidak_diterima',
      'Bantuan PKH tahap IV belum masuk ke rekening, padahal penerima lain di RW kami sudah.',
      [{ at: '2026-11-04 10:00', to: 'diteruskan', actor: desk, unit: 'pendamping_pkh' }],
    ),
    aduan(
      undefined,
      'Miji',
      '2026-11-22 20:15',
      'BPNT',
      'pin_terblokir',
      'PIN KKS terblokir setelah salah tiga kali.',
      [],
    ),
    aduan(
      undefined,
      'Gununggedangan',
      '2026-11-12 11:00',
      'LANSIA',
      'belum_terdaftar',
      'Ibu kami berusia 78 tahun dan tinggal sendiri, belum pernah menerima bantuan lansia.',
      [],
    ), // overdue at the desk
    aduan(
      undefined,
      'Magersari',
      '2026-11-09 10:00',
      'BPNT',
      'data_tidak_padan_dukcapil',
      'Bantuan dihentikan karena NIK tidak padan Dukcapil, padahal KTP kami benar.',
      [
        { at: '2026-11-10 09:00', to: 'diteruskan', actor: kel, unit: 'dukcapil' },
        { at: '2026-11-16 13:00', to: 'ditindaklanjuti', actor: desk },
      ],
    ),
    aduan(
      undefined,
      'Meri',
      '2026-10-12 09:30',
      'PBI-JK',
      'data_tidak_padan_dukcapil',
      'Kartu KIS tidak aktif saat berobat ke puskesmas.',
      [
        { at: '2026-10-13 10:00', to: 'diteruskan', actor: desk, unit: 'bpjs_kesehatan' },
        {
          at: '2026-10-20 11:00',
          to: 'dirujuk',
          actor: desk,
          referral:
            'Kantor BPJS Kesehatan Cabang Mojokerto, Jl. Hayam Wuruk: bawa KTP dan KK untuk aktivasi ulang kepesertaan PBI.',
        },
      ],
    ),
    aduan(
      undefined,
      'Balongsari',
      '2026-09-07 09:00',
      'BPNT',
      'dana_tidak_diterima',
      'Saldo BPNT bulan Agustus tidak masuk.',
      [
        { at: '2026-09-08 09:00', to: 'diteruskan', actor: desk, unit: 'koordinator_bpnt' },
        { at: '2026-09-10 10:00', to: 'ditindaklanjuti', actor: desk },
        {
          at: '2026-09-24 14:00',
          to: 'selesai',
          actor: desk,
          answer: 'Saldo bulan Agustus sudah disalurkan ulang pada 22 September 2026.',
        },
        {
          at: '2026-11-16 08:30',
          to: 'diterima',
          actor: warga,
          note: 'Saldo bulan Oktober tetap belum masuk.',
        },
        { at: '2026-11-18 09:00', to: 'diteruskan', actor: desk, unit: 'bank_penyalur' },
      ],
    ),
    aduan(
      undefined,
      'Kranggan',
      '2026-11-16 13:00',
      'BST',
      'pungutan_liar',
      'Ada oknum yang meminta uang Rp 20.000 saat pengambilan bantuan.',
      [{ at: '2026-11-17 09:00', to: 'diteruskan', actor: desk, unit: 'dinsos_bidang' }],
      true,
    ),
  ];
}

async function walkLiveCases(
  trx: Db,
  deps: Pick<DomainDeps, 'tickets'>,
  cases: LiveCase[],
  references: ReferenceDrawer,
  hashes: { hidden: string; showcase: Map<DemoTicketKey, string> },
  firstKey: number,
): Promise<number> {
  let clock = new Date(0);
  const walkDeps = { now: () => clock, tickets: deps.tickets };
  let key = firstKey;
  for (const live of cases) {
    clock = jakarta(live.opened);
    const opened = await openTicket(trx, walkDeps, {
      kind: live.kind,
      areaCode: live.village,
      householdId: live.target?.householdId ?? null,
      targetMemberId: live.target?.memberId ?? null,
      payload: live.payload,
      actor: RESIDENT,
    });
    if (live.subject) {
      await trx
        .updateTable('tickets')
        .set({ subject_nik: live.subject.nik, subject_kk: live.subject.kk })
        .where('id', '=', opened.ticketId)
        .execute();
    }
    for (const step of live.steps) {
      clock = jakarta(step.at);
      const { at: _at, ...request } = step;
      await transitionTicket(trx, walkDeps, { ticketId: opened.ticketId, ...request });
    }

    // Submissions go in after the walk, so the demo queues no messages to made-up numbers. Each
    // receipt shows the state and due date the case had when that objection came in.
    const events = await trx
      .selectFrom('ticket_events')
      .select(['to_status', 'at'])
      .where('ticket_id', '=', opened.ticketId)
      .orderBy('id')
      .execute();
    const submissions = [
      { at: live.opened, payload: live.payload, contact: live.contact },
      ...(live.joined ?? []),
    ];
    for (const [i, s] of submissions.entries()) {
      const submittedAt = jakarta(s.at).toISOString();
      const then = events.filter((e) => e.at <= submittedAt).at(-1) ?? events[0];
      const status = then?.to_status ?? opened.status;
      const dueAt = then ? dueAtIso(live.kind, status, new Date(then.at), deps.tickets) : opened.dueAt;
      const showcase = i === 0 && live.key ? DEMO_TICKETS.find((t) => t.key === live.key) : undefined;
      const reference = showcase?.reference ?? references.next(live.kind);
      const payloadJson = JSON.stringify(s.payload);
      await trx
        .insertInto('ticket_submissions')
        .values({
          ticket_id: opened.ticketId,
          reference,
          tracking_code_hash: (showcase && hashes.showcase.get(showcase.key)) || hashes.hidden,
          submitted_at: submittedAt,
          locale: 'id',
          contact: s.contact ? JSON.stringify(s.contact) : null,
          payload: payloadJson,
          idempotency_key: `demo:${key++}`,
          request_hash: sha256(payloadJson),
          receipt: JSON.stringify({
            reference,
            kind: live.kind,
            status,
            due_date: dueDateLabel(dueAt),
            submitted_at: submittedAt,
            ...(live.kind === 'sanggahan' ? { objection_count: i + 1 } : {}),
          }),
        })
        .execute();
    }
  }
  return cases.length;
}

/**
 * Seeds the demo tickets once (a second call finds them and does nothing). Needs the regions and,
 * for sanggahan targets and affected households, the demo households.
 */
export async function seedDemoTickets(
  db: Db,
  deps: Pick<DomainDeps, 'tickets' | 'secret'>,
): Promise<{ tickets: number; showcase: DemoTicket[] }> {
  const showcase = [...DEMO_TICKETS];
  const seeded = await db
    .selectFrom('ticket_submissions')
    .select('id')
    .where('idempotency_key', 'like', 'demo:%')
    .limit(1)
    .executeTakeFirst();
  if (seeded) return { tickets: 0, showcase };

  // One hash for all the historical tickets, one per showcase ticket.
  const [hidden, ...showcaseHashes] = [
    hashTrackingCode(deps.secret, unknowableCode()),
    ...DEMO_TICKETS.map((t) => hashTrackingCode(deps.secret, t.trackingCode)),
  ];
  const hashes = {
    hidden: hidden as string,
    showcase: new Map(DEMO_TICKETS.map((t, i) => [t.key, showcaseHashes[i] as string])),
  };
  const history = slrtHistory();
  const references = new ReferenceDrawer(SEEDS.liveReferences);
  // The history drew its references from a stream of its own; never hand those out again.
  for (const d of history) references.reserve(d.submission.reference);

  const live = await db.transaction().execute(async (trx) => {
    await insertHistory(trx, history, hashes.hidden, 1);
    const cases = liveCases(new Random(SEEDS.live), await recipientsByVillage(trx));
    return walkLiveCases(trx, deps, cases, references, hashes, history.length + 1);
  });
  return { tickets: history.length + live, showcase };
}
