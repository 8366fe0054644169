// One row of a recipient list → the values the register stores, or the reasons it cannot be
// stored (each with the column at fault). Rows that can be stored but look wrong (a NIK whose
// district does not exist, a birth date that differs from the NIK) are kept: the data-quality
// report names them, and the officer decides.
import { nameSearchKey, readPersonName } from '../names/person-name.ts';
import { birthDateOf, districtCodeOf, normaliseNumber, parseNik, type Sex } from '../nik/nik.ts';
import { PERIOD_PATTERN } from '../programs.ts';
import type { RegionDirectory } from '../regions/region-directory.ts';
import { type AmountProblem, readRupiah } from './amounts.ts';
import type { ImportColumn, RowCells } from './columns.ts';
import { type ProgramNames, resolveProgram } from './program-names.ts';

export type RejectionReason =
  | 'nik_required'
  | 'nik_format'
  | 'nik_number_cell'
  | 'nik_unreadable'
  | 'kk_format'
  | 'nama_required'
  | 'nama_too_long'
  | 'nama_format'
  | 'program_required'
  | 'program_unknown'
  | 'periode_required'
  | 'periode_format'
  | 'tanggal_lahir_format'
  | 'jenis_kelamin_format'
  | 'kode_desa_unknown'
  | 'village_unknown'
  | 'outside_area'
  | 'rt_format'
  | 'rw_format'
  | 'status_unknown'
  | AmountProblem
  | 'desil_format'
  | 'formula'
  | 'row_malformed'
  | 'row_too_long';

export interface Rejection {
  column: ImportColumn | 'baris';
  reason: RejectionReason;
}

export interface ImportRow {
  line: number;
  nik: string;
  /** The file's KK; null when it gave none. */
  kk: string | null;
  name: string;
  nameSearch: string;
  /** What the file said; null when it said nothing. */
  birthDate: string | null;
  sex: Sex | null;
  villageCode: string | null;
  /** What the register stores when the file said nothing: read from the NIK. */
  registerBirthDate: string;
  registerSex: Sex;
  /** A village when the file named one, else the NIK's district (the nearest region known). */
  registerVillage: string;
  address: string | null;
  rt: string | null;
  rw: string | null;
  /** A program the office has defined (programs.code). */
  program: string;
  period: string;
  status: 'active' | 'collected' | 'not_collected';
  amount: number;
  channel: string;
  collectionPoint: string | null;
  /**
   * 1–10; `'none'`: "Belum Ada Desil", the household is in DTSEN but not ranked yet, which takes
   * away a desil the register held; null: the cell was empty, the list says nothing about the
   * desil and the register's stays.
   */
  desil: number | 'none' | null;
}

export interface RowDefaults {
  /** A defined program's code, for rows that name none. */
  program?: string;
  period?: string;
  /**
   * The uploading office's regency (`35.76`): a row of another regency is refused, so an office
   * never writes another regency's register (import-access.ts). None from the command line.
   */
  regency?: string;
}

const STATUS: Record<string, ImportRow['status']> = {
  '': 'active',
  aktif: 'active',
  active: 'active',
  terdaftar: 'active',
  tersalur: 'collected',
  sudahsalur: 'collected',
  salur: 'collected',
  sudahdiambil: 'collected',
  collected: 'collected',
  belumsalur: 'not_collected',
  tidaksalur: 'not_collected',
  tidaktersalur: 'not_collected',
  belumdiambil: 'not_collected',
  gagalsalur: 'not_collected',
  notcollected: 'not_collected',
};

const SEX: Record<string, Sex> = {
  l: 'L',
  lk: 'L',
  lakilaki: 'L',
  pria: 'L',
  m: 'L',
  p: 'P',
  pr: 'P',
  perempuan: 'P',
  wanita: 'P',
  f: 'P',
};

/** What the name search compares (person-name.ts). */
export const nameSearchOf = nameSearchKey;

/**
 * Excel's text mark: a cell typed `'3576…` so that Excel keeps the digits as text comes out of
 * some exports with the mark still in front (straight or, after autocorrect, curly).
 */
function withoutTextMark(text: string): string {
  return text.replace(/^['‘’`]/u, '');
}

/** `YYYY-MM-DD`, `DD-MM-YYYY` (also with `/` or `.`) → ISO date, or null if not a real date. */
export function readDate(text: string): string | null {
  let match = /^(\d{4})[-/.](\d{1,2})[-/.](\d{1,2})$/.exec(text);
  let year: number;
  let month: number;
  let day: number;
  if (match) {
    [year, month, day] = [Number(match[1]), Number(match[2]), Number(match[3])];
  } else {
    match = /^(\d{1,2})[-/.](\d{1,2})[-/.](\d{4})$/.exec(text);
    if (!match) return null;
    [day, month, year] = [Number(match[1]), Number(match[2]), Number(match[3])];
  }
  const date = new Date(Date.UTC(year, month - 1, day));
  if (date.getUTCFullYear() !== year || date.getUTCMonth() !== month - 1 || date.getUTCDate() !== day)
    return null;
  if (year < 1900) return null;
  return date.toISOString().slice(0, 10);
}

/** A period as officers write it: `2021-01`, `2021/1`, `01-2021`, `2021-Q1`, `2021 TW1`. */
export function readPeriod(text: string): string | null {
  const t = text.trim().toUpperCase();
  if (PERIOD_PATTERN.test(t)) return t;
  let m = /^(\d{4})[-/ ](\d{1,2})$/.exec(t);
  if (m) return withMonth(m[1], m[2]);
  m = /^(\d{1,2})[-/ ](\d{4})$/.exec(t);
  if (m) return withMonth(m[2], m[1]);
  m = /^(\d{4})[-/ ]?(?:Q|TW|TAHAP ?)([1-4])$/.exec(t);
  if (m) return `${m[1]}-Q${m[2]}`;
  return null;
}

/**
 * A DTSEN snapshot: BPS ranks households every quarter, so a snapshot is a quarter, `2026-Q1`
 * (also written `2026 Q1`, `2026q1`, `2026-TW1`). DTSEN began in 2025. Null when malformed.
 */
export function readDtsenSnapshot(text: string): string | null {
  const m = /^(20\d\d)[-/ ]?(?:Q|TW)([1-4])$/.exec(text.trim().toUpperCase());
  return m && Number(m[1]) >= 2025 ? `${m[1]}-Q${m[2]}` : null;
}

function withMonth(year: string | undefined, month: string | undefined): string | null {
  const candidate = `${year}-${String(month).padStart(2, '0')}`;
  return PERIOD_PATTERN.test(candidate) ? candidate : null;
}

function squash(text: string): string {
  return text.toLowerCase().replace(/[\s_\-.]/g, '');
}

export type RowResult = { ok: true; row: ImportRow } | { ok: false; rejections: Rejection[] };

export function normaliseRow(
  line: number,
  cells: RowCells,
  defaults: RowDefaults,
  /** The programs the office has defined (program-names.ts): a row naming another is refused. */
  programs: ProgramNames,
  regions: RegionDirectory,
  today: Date,
): RowResult {
  const rejections: Rejection[] = [];
  const reject = (column: Rejection['column'], reason: RejectionReason) => {
    rejections.push({ column, reason });
  };
  const get = (column: ImportColumn) => cells.get(column) ?? '';

  const nik = normaliseNumber(withoutTextMark(get('nik')));
  if (nik === '') reject('nik', 'nik_required');
  else if (!/^\d{16}$/.test(nik)) reject('nik', 'nik_format');

  const kkText = normaliseNumber(withoutTextMark(get('kk')));
  if (kkText !== '' && !/^\d{16}$/.test(kkText)) reject('kk', 'kk_format');

  const readName = readPersonName(get('nama'));
  const name = readName.ok ? readName.name : '';
  if (!readName.ok) reject('nama', readName.problem);

  const programText = get('program').trim();
  const program = programText === '' ? defaults.program : resolveProgram(programs, programText);
  if (programText === '' && program === undefined) reject('program', 'program_required');
  else if (program === undefined) reject('program', 'program_unknown');

  const periodText = get('periode');
  const period = periodText === '' ? defaults.period : readPeriod(periodText);
  if (periodText === '' && period === undefined) reject('periode', 'periode_required');
  else if (period === null || period === undefined) reject('periode', 'periode_format');

  let birthDate: string | null = null;
  if (get('tanggal_lahir') !== '') {
    birthDate = readDate(withoutTextMark(get('tanggal_lahir')));
    if (birthDate === null || birthDate > today.toISOString().slice(0, 10)) {
      reject('tanggal_lahir', 'tanggal_lahir_format');
    }
  }
  let sex: Sex | null = null;
  if (get('jenis_kelamin') !== '') {
    sex = SEX[squash(get('jenis_kelamin'))] ?? null;
    if (sex === null) reject('jenis_kelamin', 'jenis_kelamin_format');
  }
  let villageCode: string | null = null;
  if (get('kode_desa') !== '') {
    const digits = withoutTextMark(get('kode_desa')).replace(/\D/g, '');
    const code =
      digits.length === 10
        ? `${digits.slice(0, 2)}.${digits.slice(2, 4)}.${digits.slice(4, 6)}.${digits.slice(6)}`
        : '';
    if (regions.get(code)?.level !== 4) reject('kode_desa', 'kode_desa_unknown');
    else villageCode = code;
  }
  const rt = readRtRw(get('rt'));
  if (rt === undefined) reject('rt', 'rt_format');
  const rw = readRtRw(get('rw'));
  if (rw === undefined) reject('rw', 'rw_format');
  const status = STATUS[squash(get('status'))];
  if (status === undefined) reject('status', 'status_unknown');
  let amount = 0;
  if (get('nominal') !== '') {
    const read = readRupiah(get('nominal'));
    if (read.ok) amount = read.rupiah;
    else reject('nominal', read.problem);
  }
  const desil = readDesil(get('desil'));
  if (desil === undefined) reject('desil', 'desil_format');

  // What the register needs that only the NIK can supply when the file is silent.
  let registerBirthDate = birthDate;
  let registerSex = sex;
  let registerVillage = villageCode;
  if (/^\d{16}$/.test(nik) && (birthDate === null || sex === null || villageCode === null)) {
    const parsed = parseNik(nik, regions.districtExists, today);
    if (parsed.ok) {
      registerBirthDate ??= parsed.value.birthDate;
      registerSex ??= parsed.value.sex;
      registerVillage ??= regions.districtOfIssue(parsed.value.districtCode)?.code ?? null;
    } else {
      if (registerVillage === null) {
        registerVillage = regions.districtOfIssue(districtCodeOf(nik))?.code ?? null;
        if (registerVillage === null) reject('kode_desa', 'village_unknown');
      }
      if (registerBirthDate === null || registerSex === null) {
        const birth = birthDateOf(nik.slice(6, 12), today);
        if (birth === null) reject('nik', 'nik_unreadable');
        registerBirthDate ??= birth?.date ?? null;
        registerSex ??= birth?.sex ?? null;
      }
    }
  }
  if (defaults.regency && registerVillage && !registerVillage.startsWith(`${defaults.regency}.`))
    reject(villageCode === null ? 'nik' : 'kode_desa', 'outside_area');
  if (rejections.length > 0) return { ok: false, rejections };
  return {
    ok: true,
    row: {
      line,
      nik,
      kk: kkText === '' ? null : kkText,
      name,
      nameSearch: nameSearchOf(name),
      birthDate,
      sex,
      villageCode,
      registerBirthDate: registerBirthDate as string,
      registerSex: registerSex as Sex,
      registerVillage: registerVillage as string,
      address: get('alamat') === '' ? null : get('alamat').slice(0, 200),
      rt: rt ?? null,
      rw: rw ?? null,
      program: program as string,
      period: period as string,
      status: status as ImportRow['status'],
      amount,
      channel: get('penyalur').slice(0, 60),
      collectionPoint: get('titik_salur') === '' ? null : get('titik_salur').slice(0, 120),
      desil: desil ?? null,
    },
  };
}

/**
 * A desil as DTSEN lists write it: `4`, `04`, `Desil 4`, `D4` → 4; `Belum Ada Desil` or `-` →
 * `'none'` (in DTSEN, not ranked yet); empty → null (the list says nothing); anything else
 * (`0`, `11`, `4.5`, `lima`) → undefined, rejected.
 */
export function readDesil(text: string): number | 'none' | null | undefined {
  const t = text.normalize('NFKC').toLowerCase().replace(/\s+/g, '');
  if (t === '') return null;
  if (t === 'belumadadesil' || t === '-') return 'none';
  const m = /^(?:desil|d)?0*(\d{1,2})$/.exec(t);
  const n = m ? Number(m[1]) : Number.NaN;
  return n >= 1 && n <= 10 ? n : undefined;
}

/** `5`, `05`, `005`, `RT 05`, `RW.005` → `005`; empty → null; anything else → undefined (rejected). */
export function readRtRw(text: string): string | null | undefined {
  const digits = withoutTextMark(text)
    .replace(/^r[tw]\s*[.:]?\s*/i, '')
    .trim();
  if (digits === '') return text.trim() === '' ? null : undefined;
  if (!/^\d{1,3}$/.test(digits)) return undefined;
  return digits.padStart(3, '0');
}
