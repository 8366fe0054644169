// The floor an import is measured against (issue 18): the same rows, already in memory, inserted
// into the same tables the import fills (its staged rows, households, heads, memberships) by the
// plainest loop each engine has: one prepared INSERT per row and table in transactions of 20,000
// rows on SQLite (WAL, synchronous=FULL as the import), COPY per table on PostgreSQL. No parsing,
// no checks, no preview, no undo log: what the database alone costs.
import SQLite from 'better-sqlite3';
import pg from 'pg';
import { from as copyFrom } from 'pg-copy-streams';
import { nameSearchKey } from '../../src/domain/names/person-name.ts';
import { type Place, person } from '../support/recipient-lists.ts';

const CHUNK = 20_000;

interface FloorRow {
  line: number;
  nik: string;
  kk: string;
  name: string;
  search: string;
  birthDate: string;
  sex: string;
  village: string;
}

function* floorRows(place: Place, rows: number): Generator<FloorRow> {
  for (let i = 0; i < rows; i++) {
    const p = person(place, i);
    yield {
      line: i + 2,
      nik: p.nik,
      kk: p.kk,
      name: p.name,
      search: nameSearchKey(p.name),
      birthDate: p.birthDate,
      sex: p.sex,
      village: p.village,
    };
  }
}

/**
 * Rows per second of the plain prepared loop into a migrated, empty SQLite database `file`;
 * `walAutocheckpoint` as the import's bulk writes set it (engine.ts), or SQLite's default.
 */
export function sqliteFloor(file: string, place: Place, rows: number, walAutocheckpoint?: number): number {
  const db = new SQLite(file);
  db.pragma('journal_mode = WAL');
  db.pragma('synchronous = FULL');
  db.pragma('foreign_keys = ON');
  if (walAutocheckpoint !== undefined) db.pragma(`wal_autocheckpoint = ${walAutocheckpoint}`);
  const importId = Number(
    db
      .prepare(
        `INSERT INTO imports (file_name, format, sha256, status, source, created_at, phase)
         VALUES ('floor.csv', 'csv', 'floor', 'done', 'cli', '2026-12-06T00:00:00Z', 'applied')`,
      )
      .run().lastInsertRowid,
  );
  const staged =
    db.prepare(`INSERT INTO import_rows (import_id, line, nik, kk, kk_given, name, birth_date, sex,
      village_code, program_code, period, status, amount, channel, register_village, register_birth_date,
      register_sex, name_search, address, rt, rw, desil, collection_point)
    VALUES (?, ?, ?, ?, 1, ?, ?, ?, ?, 'BPNT', '2021-02', 'collected', 200000, 'BNI', ?, ?, ?, ?,
      'Jl. Melati No. 3', '001', '002', 3, 'e-Warong Sejahtera')`);
  const household = db.prepare(`INSERT INTO households (kk, village_code, address, rt, rw, desil, import_id)
    VALUES (?, ?, 'Jl. Melati No. 3', '001', '002', 3, ?)`);
  const member =
    db.prepare(`INSERT INTO household_members (household_id, nik, name, name_search, sex, birth_date,
      relation, import_id) VALUES (?, ?, ?, ?, ?, ?, 'kepala', ?)`);
  const membership = db.prepare(`INSERT INTO program_memberships (household_id, program_code, period, status,
      amount, channel, collection_point, import_id)
    VALUES (?, 'BPNT', '2021-02', 'collected', 200000, 'BNI', 'e-Warong Sejahtera', ?)`);
  const write = db.transaction((chunk: FloorRow[]) => {
    for (const r of chunk) {
      staged.run(
        importId,
        r.line,
        r.nik,
        r.kk,
        r.name,
        r.birthDate,
        r.sex,
        r.village,
        r.village,
        r.birthDate,
        r.sex,
        r.search,
      );
      const id = Number(household.run(r.kk, r.village, importId).lastInsertRowid);
      member.run(id, r.nik, r.name, r.search, r.sex, r.birthDate, importId);
      membership.run(id, importId);
    }
  });
  const started = performance.now();
  let chunk: FloorRow[] = [];
  for (const row of floorRows(place, rows)) {
    chunk.push(row);
    if (chunk.length === CHUNK) {
      write(chunk);
      chunk = [];
    }
  }
  write(chunk);
  const seconds = (performance.now() - started) / 1000;
  db.close();
  return rows / seconds;
}

/** Rows per second of COPY into each table of a migrated, empty PostgreSQL database at `url`. */
export async function postgresFloor(url: string, place: Place, rows: number): Promise<number> {
  const client = new pg.Client({ connectionString: url });
  await client.connect();
  try {
    const { rows: created } = await client.query<{ id: number }>(
      `INSERT INTO imports (file_name, format, sha256, status, source, created_at, phase)
       VALUES ('floor.csv', 'csv', 'floor', 'done', 'cli', now(), 'applied') RETURNING id`,
    );
    const importId = created[0]?.id;
    const { rows: next } = await client.query<{ id: string }>(
      `SELECT coalesce(max(id), 0) + 1 AS id FROM households`,
    );
    const firstId = Number(next[0]?.id ?? 1);
    const started = performance.now();
    const copy = async (statement: string, line: (r: FloorRow, i: number) => string) => {
      const stream = client.query(copyFrom(statement));
      let i = 0;
      let batch: string[] = [];
      const flush = async () => {
        if (batch.length === 0) return;
        const text = batch.join('');
        batch = [];
        if (!stream.write(text)) await new Promise<void>((resolve) => stream.once('drain', () => resolve()));
      };
      for (const r of floorRows(place, rows)) {
        batch.push(line(r, i++));
        if (batch.length === CHUNK) await flush();
      }
      await flush();
      await new Promise<void>((resolve, reject) => {
        stream.once('finish', () => resolve());
        stream.once('error', reject);
        stream.end();
      });
    };
    await client.query('BEGIN');
    await copy(
      `COPY import_rows (import_id, line, nik, kk, kk_given, name, birth_date, sex, village_code, program_code, period,
        status, amount, channel, register_village, register_birth_date, register_sex, name_search, address, rt, rw,
        desil, collection_point) FROM STDIN`,
      (r) =>
        `${importId}\t${r.line}\t${r.nik}\t${r.kk}\t1\t${r.name}\t${r.birthDate}\t${r.sex}\t${r.village}\tBPNT\t2021-02\tcollected\t200000\tBNI\t${r.village}\t${r.birthDate}\t${r.sex}\t${r.search}\tJl. Melati No. 3\t001\t002\t3\te-Warong Sejahtera\n`,
    );
    await copy(
      'COPY households (id, kk, village_code, address, rt, rw, desil, import_id) FROM STDIN',
      (r, i) => `${firstId + i}\t${r.kk}\t${r.village}\tJl. Melati No. 3\t001\t002\t3\t${importId}\n`,
    );
    await copy(
      'COPY household_members (household_id, nik, name, name_search, sex, birth_date, relation, import_id) FROM STDIN',
      (r, i) =>
        `${firstId + i}\t${r.nik}\t${r.name}\t${r.search}\t${r.sex}\t${r.birthDate}\tkepala\t${importId}\n`,
    );
    await copy(
      `COPY program_memberships (household_id, program_code, period, status, amount, channel, collection_point,
        import_id) FROM STDIN`,
      (_r, i) => `${firstId + i}\tBPNT\t2021-02\tcollected\t200000\tBNI\te-Warong Sejahtera\t${importId}\n`,
    );
    await client.query('COMMIT');
    return rows / ((performance.now() - started) / 1000);
  } finally {
    await client.end();
  }
}
