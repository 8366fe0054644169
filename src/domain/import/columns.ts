// The documented columns of a recipient list and the other names officers' files use for them.
// Headers are matched case-insensitively, ignoring spaces, dots, dashes and underscores.

export const IMPORT_COLUMNS = [
  'nik',
  'kk',
  'nama',
  'tanggal_lahir',
  'jenis_kelamin',
  'kode_desa',
  'alamat',
  'rt',
  'rw',
  'program',
  'periode',
  'status',
  'nominal',
  'penyalur',
  'titik_salur',
  'desil',
] as const;
export type ImportColumn = (typeof IMPORT_COLUMNS)[number];

/** Only these must be in every row; `program` and `periode` may come from the command instead. */
export const REQUIRED_COLUMNS: readonly ImportColumn[] = ['nik', 'nama', 'program', 'periode'];

const ALIASES: Record<ImportColumn, readonly string[]> = {
  nik: ['nik', 'nik_kepala', 'nik_kk', 'nik_penerima', 'nik_kpm', 'no_nik', 'nomor_nik'],
  kk: ['kk', 'no_kk', 'nomor_kk', 'nokk', 'kartu_keluarga', 'no_kartu_keluarga'],
  nama: ['nama', 'nama_kepala', 'nama_kepala_keluarga', 'nama_penerima', 'nama_kpm', 'nama_lengkap'],
  tanggal_lahir: ['tanggal_lahir', 'tgl_lahir', 'tgllahir', 'lahir'],
  jenis_kelamin: ['jenis_kelamin', 'jk', 'kelamin', 'sex', 'l_p'],
  kode_desa: ['kode_desa', 'kode_kelurahan', 'kode_desa_kelurahan', 'kode_wilayah', 'desa_kode'],
  alamat: ['alamat', 'alamat_lengkap', 'jalan'],
  rt: ['rt', 'no_rt'],
  rw: ['rw', 'no_rw'],
  program: ['program', 'kode_program', 'jenis_bansos', 'bansos'],
  periode: ['periode', 'period', 'bulan', 'tahap'],
  status: ['status', 'status_salur', 'status_penyaluran'],
  nominal: ['nominal', 'jumlah', 'nilai', 'nilai_bantuan', 'besaran'],
  penyalur: ['penyalur', 'bank', 'bank_penyalur', 'kanal', 'saluran'],
  titik_salur: ['titik_salur', 'lokasi_salur', 'e_warong', 'ewarong', 'agen'],
  // DTSEN's own lists name it `peringkat_kesejahteraan` ("Peringkat Kesejahteraan") or `desil_dtsen`.
  desil: ['desil', 'desil_kesejahteraan', 'peringkat_kesejahteraan', 'desil_dtsen'],
};

const BY_ALIAS = new Map<string, ImportColumn>(
  IMPORT_COLUMNS.flatMap((column) => ALIASES[column].map((alias) => [squash(alias), column] as const)),
);

function squash(header: string): string {
  return header
    .normalize('NFKC')
    .toLowerCase()
    .replace(/[\s._\-/]+/g, '');
}

export interface HeaderMap {
  /** Cell index → documented column; headers not recognised are left out (and listed). */
  columns: Map<number, ImportColumn>;
  ignored: string[];
  duplicated: ImportColumn[];
}

/** Reads a header row. A header seen twice keeps its first cell and is reported. */
export function mapHeader(cells: readonly string[]): HeaderMap {
  const columns = new Map<number, ImportColumn>();
  const seen = new Set<ImportColumn>();
  const ignored: string[] = [];
  const duplicated: ImportColumn[] = [];
  cells.forEach((cell, index) => {
    const column = BY_ALIAS.get(squash(String(cell ?? '')));
    if (column === undefined) {
      if (String(cell ?? '').trim() !== '') ignored.push(String(cell).slice(0, 40));
    } else if (seen.has(column)) {
      duplicated.push(column);
    } else {
      seen.add(column);
      columns.set(index, column);
    }
  });
  return { columns, ignored, duplicated };
}

/** A row may be the header when it names these, or the command or upload form fills them. */
function missingFrom(map: HeaderMap, defaults: { program?: string; period?: string }): ImportColumn[] {
  const present = new Set(map.columns.values());
  return REQUIRED_COLUMNS.filter(
    (c) => !present.has(c) && !(c === 'program' && defaults.program) && !(c === 'periode' && defaults.period),
  );
}

export type FoundHeader =
  | { header: HeaderMap; line: number; lastLine: number }
  | { header: undefined; missing: ImportColumn[] };

/**
 * The header among the rows read so far (titles such as "DAFTAR KPM BPNT …" and blank or merged
 * cells above it are skipped): the first row that names the required columns. A row right under
 * it that names further columns where the header is blank or unknown (a two-row header: "ALAMAT"
 * over "RT" and "RW") and holds no NIK is read as part of the header. When none qualifies, the
 * columns still missing from the row that came closest.
 */
export function findHeader(
  rows: readonly { kind: string; line: number; cells?: readonly string[] }[],
  defaults: { program?: string; period?: string },
  /** No more rows will come (the file ended, or the search did): a header on the last row stands. */
  last = false,
): FoundHeader {
  let closest: ImportColumn[] | undefined;
  for (let i = 0; i < rows.length; i++) {
    const row = rows[i];
    if (row?.kind !== 'row' || !row.cells) continue;
    const map = mapHeader(row.cells);
    const missing = missingFrom(map, defaults);
    if (missing.length > 0) {
      if (closest === undefined || missing.length < closest.length) closest = missing;
      continue;
    }
    const next = rows[i + 1];
    if (next?.kind !== 'row' || !next.cells) {
      // The row under the header may still be a sub-header: wait for it unless no more come.
      if (i === rows.length - 1 && !last) return { header: undefined, missing: [] };
      return { header: map, line: row.line, lastLine: row.line };
    }
    const under = subHeader(map, next.cells);
    return under
      ? { header: under, line: row.line, lastLine: next.line }
      : { header: map, line: row.line, lastLine: row.line };
  }
  return { header: undefined, missing: closest ?? [...REQUIRED_COLUMNS] };
}

/** `map` with the columns a sub-header row adds in its blank or unknown cells, or undefined. */
function subHeader(map: HeaderMap, cells: readonly string[]): HeaderMap | undefined {
  if (cells.some((c) => /\d{16}/.test(c.replace(/[\s.'-]/g, '')))) return undefined;
  const seen = new Set(map.columns.values());
  const columns = new Map(map.columns);
  cells.forEach((cell, index) => {
    const column = BY_ALIAS.get(squash(String(cell ?? '')));
    if (column === undefined || columns.has(index) || seen.has(column)) return;
    seen.add(column);
    columns.set(index, column);
  });
  return columns.size > map.columns.size ? { ...map, columns } : undefined;
}

/** The cells of a row by documented column; a Map, so a `__proto__` header is just a key. */
export type RowCells = Map<ImportColumn, string>;

export function cellsOf(header: HeaderMap, cells: readonly string[]): RowCells {
  const row: RowCells = new Map();
  for (const [index, column] of header.columns) row.set(column, String(cells[index] ?? '').trim());
  return row;
}
