// How large a genuine recipient list's shared strings are, for the limits in table-file.ts: writes
// a list of ROWS rows (default 1,000,000) as Excel does, every text cell a shared string, with the
// columns of a real export and names and addresses drawn so that nearly every one is distinct (the
// worst a real list gets: in a real regency neighbours share a dusun and many heads share a name),
// then reports the size of xl/sharedStrings.xml unpacked, the number of strings and their text.
//
//   npx tsx tools/measure-shared-strings.ts [rows] [out.xlsx]
import { mkdtempSync, rmSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import ExcelJS from 'exceljs';
import { readZipParts } from '../src/domain/import/read-xlsx.ts';

const ROWS = Number(process.argv[2] ?? 1_000_000);
const dir = mkdtempSync(path.join(tmpdir(), 'shared-strings-'));
const file = process.argv[3] ?? path.join(dir, 'daftar.xlsx');

/** mulberry32: the same list on every run. */
function random(seed: number): () => number {
  let a = seed;
  return () => {
    a = (a + 0x6d2b79f5) | 0;
    let t = Math.imul(a ^ (a >>> 15), 1 | a);
    t = (t + Math.imul(t ^ (t >>> 7), 61 | t)) ^ t;
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}
const next = random(21);
const pick = <T>(list: readonly T[]): T => list[Math.floor(next() * list.length)] as T;

const GIVEN = (
  'SITI NUR MUHAMMAD AHMAD ABDUL SRI DWI TRI EKO AGUS BUDI SUGENG SLAMET SUPARMI SUMARNI PAINEM ' +
  'SUKIRAH TUMINAH NGATIJAH WAGINEM SARMI KASMIRAH MARYATUN SUPARNO SUKARDI SUTRISNO PARIYEM ' +
  "NUR'AINI ROHMAH KHOIRUL FATIMAH AMINAH MASRUROH ZAINAB SUNARTI WARSINI SUWARNI RUSMINI " +
  'YULIANI ENDANG LESTARI RATNA DEWI INDAH PUJI RINI WAHYU HERU JOKO BAMBANG HARTONO MULYADI ' +
  'SUPRIYADI SUHARTO SUYANTO KUSNADI MUJIONO SAMSUL ARIFIN ROHIM MUSLIMAH HALIMAH ROSIDAH'
).split(' ');
const FAMILY = (
  'PRASETYO WIBOWO HANDAYANI SUSANTO RAHAYU KURNIAWAN SETIAWAN WIJAYA SAPUTRA LESTARI ' +
  'HIDAYAT NURHAYATI KUSUMAWATI PURNOMO SANTOSO HARYANTO WULANDARI UTAMI HASANAH ROHMAN ' +
  'MAULANA FIRMANSYAH RAMADHAN HAKIM SYAHPUTRA HASIBUAN SIREGAR NASUTION LUBIS HARAHAP'
).split(' ');
const STREET = (
  'MELATI MAWAR KENANGA ANGGREK DAHLIA CEMPAKA FLAMBOYAN SUDIRMAN DIPONEGORO AHMAD YANI ' +
  'GAJAH MADA HAYAM WURUK PAHLAWAN MERDEKA RAYA PASAR MASJID SEKOLAH'
).split(' ');
const DUSUN = (
  'KRAJAN KRAJAN_LOR KRAJAN_KIDUL SUMBERREJO SIDOMULYO SUKOREJO TEGALSARI NGASEM PUCANG ' +
  'KEDUNGREJO WONOREJO KARANGANYAR GEMPOL BANJARSARI JATIMULYO MARGOREJO'
)
  .split(' ')
  .map((d) => d.replace('_', ' '));
const POINTS = Array.from({ length: 3000 }, (_, i) => `E-WARONG ${pick(DUSUN)} ${i + 1}`);
const BANKS = ['BNI', 'BRI', 'MANDIRI', 'BSI', 'POS INDONESIA'];

const workbook = new ExcelJS.stream.xlsx.WorkbookWriter({ filename: file, useSharedStrings: true });
const sheet = workbook.addWorksheet('Daftar');
sheet
  .addRow(
    'nik;no_kk;nama_kepala;tanggal_lahir;jenis_kelamin;kode_desa;alamat;rt;rw;program;periode;status;nominal;penyalur;titik_salur;desil'.split(
      ';',
    ),
  )
  .commit();
const digits = (n: number) => Array.from({ length: n }, () => Math.floor(next() * 10)).join('');
for (let i = 0; i < ROWS; i++) {
  // Two to four names: nine in ten distinct over a million heads.
  const length = next() < 0.1 ? 2 : next() < 0.5 ? 3 : 4;
  const parts = [pick(GIVEN), pick(GIVEN), pick(GIVEN), pick(FAMILY)].slice(4 - length);
  const born = `${1940 + Math.floor(next() * 60)}-${String(1 + Math.floor(next() * 12)).padStart(2, '0')}-${String(1 + Math.floor(next() * 28)).padStart(2, '0')}`;
  const village = `35${digits(2)}${digits(2)}${2000 + Math.floor(next() * 30)}`;
  const rt = String(1 + Math.floor(next() * 30)).padStart(3, '0');
  const rw = String(1 + Math.floor(next() * 12)).padStart(3, '0');
  sheet
    .addRow([
      `35${digits(14)}`,
      `35${digits(14)}`,
      parts.join(' '),
      born,
      next() < 0.5 ? 'L' : 'P',
      village,
      `JL. ${pick(STREET)} NO. ${1 + Math.floor(next() * 999)} RT ${rt}/RW ${rw} DSN. ${pick(DUSUN)}`,
      rt,
      rw,
      'BPNT',
      '2026-11',
      'tersalur',
      200000,
      pick(BANKS),
      pick(POINTS),
      1 + Math.floor(next() * 10),
    ])
    .commit();
}
await workbook.commit();

const { size } = statSync(file);
const parts = await readZipParts(file, size);
const strings = parts.sharedStrings;
console.log(
  JSON.stringify({
    rows: ROWS,
    fileBytes: size,
    sharedStringsUnpacked: strings?.unpacked,
    sharedStringsPacked: strings?.packed,
  }),
);
if (process.argv[3] === undefined) rmSync(dir, { recursive: true, force: true });
