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
  desil: ['desil', 'desil_kesejahteraan'],
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

/** The cells of a row by documented column; a Map, so a `__proto__` header is just a key. */
export type RowCells = Map<ImportColumn, string>;

export function cellsOf(header: HeaderMap, cells: readonly string[]): RowCells {
  const row: RowCells = new Map();
  for (const [index, column] of header.columns) row.set(column, String(cells[index] ?? '').trim());
  return row;
}
