// Recipient lists for the importer's tests and bench: clean rows, and a dirty list with every
// defect the data-quality report knows planted at known lines (the ground truth).
import { composeNik, type Sex } from '../../src/domain/nik/nik.ts';
import type { RegionDirectory } from '../../src/domain/regions/region-directory.ts';

export const HEADER =
  'nik;no_kk;nama_kepala;tanggal_lahir;jenis_kelamin;kode_desa;alamat;rt;rw;program;periode;status;nominal;penyalur;titik_salur;desil';

const FIRST = [
  'ADI',
  'BAGUS',
  'CAHYO',
  'DANANG',
  'ENDANG',
  'FAJAR',
  'GALIH',
  'HERU',
  'IWAN',
  'JUMINAH',
  'KARTINI',
  'LESTARI',
  'MARYAM',
  'NGATMI',
  'OKTA',
  'PAINEM',
  'RATMI',
  'SUKIJO',
  'TUMINAH',
  'UMI',
  'WAGIMAN',
  'YATNO',
  'ZAINAL',
];
const LAST = [
  'PRASETYO',
  'WIBOWO',
  'HANDAYANI',
  'SUSANTO',
  'RAHAYU',
  'KURNIAWAN',
  'SETIAWAN',
  'WIJAYA',
  'SAPUTRA',
  'LESMANA',
  'SURYADI',
];

export interface Place {
  district: string;
  villages: string[];
}

/** Two districts of one regency with their villages, from the official list. */
export function placesIn(regions: RegionDirectory, regency: string): [Place, Place] {
  const districts = regions
    .children(regency)
    .map((d) => ({ district: d.code, villages: regions.children(d.code).map((v) => v.code) }))
    .filter((d) => d.villages.length > 0);
  if (districts.length < 2) throw new Error(`regency ${regency} has too few districts`);
  return [districts[0] as Place, districts[1] as Place];
}

export interface Person {
  nik: string;
  kk: string;
  name: string;
  birthDate: string;
  sex: Sex;
  village: string;
}

/** The i-th clean head: a NIK that encodes their birth date and sex, in the village's district. */
export function person(place: Place, i: number): Person {
  const sex: Sex = i % 2 === 0 ? 'L' : 'P';
  const year = 1950 + (i % 50);
  const month = String(1 + (i % 12)).padStart(2, '0');
  const day = String(1 + (i % 28)).padStart(2, '0');
  const birthDate = `${year}-${month}-${day}`;
  const serial = 1000 + (Math.floor(i / 1400) % 9000);
  return {
    nik: composeNik(place.district, birthDate, sex, serial),
    kk: `${place.district.replaceAll('.', '')}${String(i).padStart(10, '0')}`,
    name: `${FIRST[i % FIRST.length]} ${LAST[Math.floor(i / FIRST.length) % LAST.length]} ${toWord(i)}`,
    birthDate,
    sex,
    village: place.villages[i % place.villages.length] as string,
  };
}

/** A distinct letters-only suffix, so no two clean names look alike. */
function toWord(i: number): string {
  let word = '';
  let n = i + 26 * 26;
  while (n > 0) {
    word = String.fromCharCode(65 + (n % 26)) + word;
    n = Math.floor(n / 26);
  }
  return word;
}

export interface RowOptions {
  program?: string;
  period?: string;
  nominal?: string;
  penyalur?: string;
  birthDate?: string;
  sex?: string;
  village?: string;
  name?: string;
  nik?: string;
  kk?: string;
  desil?: string;
}

export function rowOf(p: Person, o: RowOptions = {}): string {
  return [
    o.nik ?? p.nik,
    o.kk ?? p.kk,
    o.name ?? p.name,
    // Half the clean rows write the date day first, as Excel on Indonesian Windows does.
    o.birthDate ?? p.birthDate,
    o.sex ?? p.sex,
    (o.village ?? p.village).replaceAll('.', ''),
    'Jl. Melati No. 3',
    '1',
    '2',
    o.program ?? 'BPNT',
    o.period ?? '2021-02',
    'tersalur',
    o.nominal ?? 'Rp 200.000',
    o.penyalur ?? 'BNI',
    'e-Warong Sejahtera',
    o.desil ?? '3',
  ].join(';');
}

export interface Planted {
  line: number;
  rule: string;
}

export interface DirtyList {
  text: string;
  planted: Planted[];
  /** Lines of rows with nothing wrong. */
  clean: number[];
  /** Heads the preceding month's list (2021-01) holds: one proven dead, one simply dropped. */
  previousMonth: string;
  sanggahanKk: string;
  deadKk: string;
  droppedKk: string;
}

/** `cleanRows` clean rows with every defect planted between them. */
export function dirtyList(a: Place, b: Place, cleanRows: number): DirtyList {
  const lines = [HEADER];
  const planted: Planted[] = [];
  const clean: number[] = [];
  const push = (row: string, rules: string[] = []) => {
    lines.push(row);
    const line = lines.length;
    if (rules.length === 0) clean.push(line);
    for (const rule of rules) planted.push({ line, rule });
  };
  let next = 10_000;
  const fresh = () => person(a, next++);
  for (let i = 0; i < cleanRows; i++) {
    const p = person(a, i);
    const [y, m, d] = p.birthDate.split('-');
    push(rowOf(p, { birthDate: i % 2 === 0 ? p.birthDate : `${d}-${m}-${y}` }));
    if (i === Math.floor(cleanRows / 2)) {
      // The defects, planted in the middle of the file.
      const unknownDistrict = fresh();
      push(rowOf(unknownDistrict, { nik: `999999${unknownDistrict.nik.slice(6)}` }), ['nik_invalid']);
      const impossibleDate = fresh();
      push(
        rowOf(impossibleDate, { nik: `${impossibleDate.nik.slice(0, 6)}32${impossibleDate.nik.slice(8)}` }),
        ['nik_invalid'],
      );
      push(rowOf(fresh(), { nik: '35781234' }), ['nik_invalid']);
      const badKk = fresh();
      push(rowOf(badKk, { kk: `999999${badKk.kk.slice(6)}` }), ['kk_invalid']);
      push(rowOf(fresh(), { village: b.villages[0] }), ['nik_district_mismatch']);
      const wrongDate = fresh();
      push(rowOf(wrongDate, { birthDate: '1999-12-31' }), ['nik_birth_date_mismatch']);
      const wrongSex = fresh();
      push(rowOf(wrongSex, { sex: wrongSex.sex === 'L' ? 'P' : 'L' }), ['nik_sex_mismatch']);
      const twice = fresh();
      push(rowOf(twice), ['duplicate_nik_period']);
      push(rowOf(twice), ['duplicate_nik_period']);
      const twoHouses = fresh();
      push(rowOf(twoHouses, { program: 'PIP' }));
      push(rowOf(twoHouses, { program: 'PKH', period: '2021-Q1', kk: fresh().kk }), ['nik_two_households']);
      const both = fresh();
      push(rowOf(both, { program: 'BST' }), ['exclusive_programs']);
      push(rowOf(both, { program: 'BPNT' }), ['exclusive_programs']);
      const misspelt = fresh();
      push(rowOf(misspelt, { name: 'SITI AMINAH', program: 'PIP' }), ['name_variant']);
      push(rowOf(misspelt, { name: 'SITI AMINA', program: 'PBI-JK' }), ['name_variant']);
      const twin = fresh();
      const twinNik = `${twin.nik.slice(0, 12)}${String(Number(twin.nik.slice(12)) + 1).padStart(4, '0')}`;
      push(rowOf(twin, { name: 'MUHAMMAD RIZKI', program: 'PIP' }), ['name_variant']);
      push(rowOf(twin, { nik: twinNik, name: 'MUHAMAD RIZKI', program: 'PBI-JK' }), ['name_variant']);
      const reused = fresh();
      push(rowOf(reused, { name: 'BAMBANG SUTRISNO', program: 'PIP' }), ['nik_two_names']);
      push(rowOf(reused, { name: 'ANI YUDHOYONO', program: 'PBI-JK' }), ['nik_two_names']);
      push(rowOf(fresh(), { program: 'BANSOSX' }), ['rejected_row']);
      push(rowOf(fresh(), { name: '=HYPERLINK("http://x","klik")' }), ['rejected_row']);
      push(rowOf(fresh(), { birthDate: '31-02-1980' }), ['rejected_row']);
    }
  }
  // The proven sanggahan's household is listed again this month.
  const inFirstVillage = (i: number) => ({ ...person(a, i), village: a.villages[0] as string });
  const flagged = inFirstVillage(50_000);
  push(rowOf(flagged), ['sanggahan_still_active']);
  const dead = inFirstVillage(50_001);
  const dropped = inFirstVillage(50_002);
  const previousMonth = [
    HEADER,
    ...[flagged, dead, dropped].map((p) => rowOf(p, { period: '2021-01' })),
  ].join('\n');
  return {
    text: `${lines.join('\n')}\n`,
    planted,
    clean,
    previousMonth: `${previousMonth}\n`,
    sanggahanKk: flagged.kk,
    deadKk: dead.kk,
    droppedKk: dropped.kk,
  };
}

/**
 * One list of two regencies for BPNT 2021-02: in each, six clean rows, one NIK twice (the 100th
 * head) and one row the importer refuses (the 101st head, an unknown program).
 */
export function twoRegencyList(first: Place, second: Place): string {
  const lines = [HEADER];
  for (const place of [first, second]) {
    for (let i = 0; i < 6; i++) lines.push(rowOf(person(place, i)));
    lines.push(rowOf(person(place, 100)), rowOf(person(place, 100)));
    lines.push(rowOf(person(place, 101), { program: 'BANSOSX' }));
  }
  return `${lines.join('\n')}\n`;
}

/** A clean list of `rows` rows, written through `write` a chunk at a time (the bench's 1,000,000). */
export function* cleanListChunks(place: Place, rows: number, chunk = 10_000): Generator<string> {
  yield `${HEADER}\n`;
  for (let start = 0; start < rows; start += chunk) {
    const out: string[] = [];
    for (let i = start; i < Math.min(rows, start + chunk); i++) out.push(rowOf(person(place, i)));
    yield `${out.join('\n')}\n`;
  }
}

/**
 * A province-sized list for the scale bench: `rows` clean households, and after every 1,000th a
 * defect the report must find (a repeated row, a misspelt name under the same NIK, a sex or birth
 * date the NIK contradicts, BST beside BPNT, a NIK under a second KK), so the report's work per
 * finding is measured too, not only its scans. About 0.1 % of rows, as a register that is mostly
 * right would have.
 */
export function* scaleListChunks(place: Place, rows: number, chunk = 10_000): Generator<string> {
  yield `${HEADER}\n`;
  let fresh = rows + 1_000_000;
  for (let start = 0; start < rows; start += chunk) {
    const out: string[] = [];
    for (let i = start; i < Math.min(rows, start + chunk); i++) {
      const p = person(place, i);
      out.push(rowOf(p));
      if (i % 1000 !== 999) continue;
      switch (Math.floor(i / 1000) % 6) {
        case 0:
          out.push(rowOf(p));
          break;
        case 1:
          out.push(rowOf(p, { program: 'PIP', name: p.name.slice(0, -1) }));
          break;
        case 2: {
          const q = person(place, fresh++);
          out.push(rowOf(q, { sex: q.sex === 'L' ? 'P' : 'L' }));
          break;
        }
        case 3:
          out.push(rowOf(person(place, fresh++), { birthDate: '1999-12-31' }));
          break;
        case 4:
          out.push(rowOf(p, { program: 'BST' }));
          break;
        default:
          out.push(rowOf(p, { program: 'PKH', period: '2021-Q1', kk: person(place, fresh++).kk }));
      }
    }
    yield `${out.join('\n')}\n`;
  }
}
