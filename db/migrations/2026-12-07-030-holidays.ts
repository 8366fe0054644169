// Issue 20: the holiday calendar the SLA clocks count working days with. One row per date that is
// no working day for the office (a national holiday or a cuti bersama), kept by the admin on
// /petugas/hari-libur. `added_by` is the admin's account; null for the rows seeded here.
//
// The seed is what is decreed, and only that:
// - 2026: the 17 national holidays and 8 days of cuti bersama of SKB Menteri Agama, Menteri
//   Ketenagakerjaan and Menteri PANRB No. 1497, 2 and 5 of 2025 (announced by the Menko PMK on
//   19 September 2025).
// - 2027: only the holidays fixed to a calendar date by law (Tahun Baru Masehi, Hari Buruh, Hari
//   Lahir Pancasila, Proklamasi, Natal). The moving religious holidays and the cuti bersama of 2027
//   come with the SKB for 2027, which the admin enters when it is published.
import type { Kysely } from 'kysely';
import type { Ddl } from './ddl.ts';

const SEED: readonly [date: string, name: string][] = [
  ['2026-01-01', 'Tahun Baru 2026 Masehi'],
  ['2026-01-16', 'Isra Mikraj Nabi Muhammad SAW'],
  ['2026-02-16', 'Cuti bersama Tahun Baru Imlek'],
  ['2026-02-17', 'Tahun Baru Imlek 2577 Kongzili'],
  ['2026-03-18', 'Cuti bersama Hari Suci Nyepi'],
  ['2026-03-19', 'Hari Suci Nyepi (Tahun Baru Saka 1948)'],
  ['2026-03-20', 'Cuti bersama Idul Fitri 1447 H'],
  ['2026-03-21', 'Idul Fitri 1447 H'],
  ['2026-03-22', 'Idul Fitri 1447 H'],
  ['2026-03-23', 'Cuti bersama Idul Fitri 1447 H'],
  ['2026-03-24', 'Cuti bersama Idul Fitri 1447 H'],
  ['2026-04-03', 'Wafat Yesus Kristus'],
  ['2026-04-05', 'Kebangkitan Yesus Kristus (Paskah)'],
  ['2026-05-01', 'Hari Buruh Internasional'],
  ['2026-05-14', 'Kenaikan Yesus Kristus'],
  ['2026-05-15', 'Cuti bersama Kenaikan Yesus Kristus'],
  ['2026-05-27', 'Idul Adha 1447 H'],
  ['2026-05-28', 'Cuti bersama Idul Adha 1447 H'],
  ['2026-05-31', 'Hari Raya Waisak 2570 BE'],
  ['2026-06-01', 'Hari Lahir Pancasila'],
  ['2026-06-16', 'Tahun Baru Islam 1448 H'],
  ['2026-08-17', 'Proklamasi Kemerdekaan Republik Indonesia'],
  ['2026-08-25', 'Maulid Nabi Muhammad SAW'],
  ['2026-12-24', 'Cuti bersama Kelahiran Yesus Kristus'],
  ['2026-12-25', 'Kelahiran Yesus Kristus'],
  ['2027-01-01', 'Tahun Baru 2027 Masehi'],
  ['2027-05-01', 'Hari Buruh Internasional'],
  ['2027-06-01', 'Hari Lahir Pancasila'],
  ['2027-08-17', 'Proklamasi Kemerdekaan Republik Indonesia'],
  ['2027-12-25', 'Kelahiran Yesus Kristus'],
];

/** When the seed was written: the rows' `added_at`. */
const SEEDED_AT = '2026-12-07T00:00:00.000Z';

export async function up(db: Kysely<any>, ddl: Ddl): Promise<void> {
  await db.schema
    .createTable('holidays')
    .addColumn('id', 'integer', (c) => ddl.id(c))
    // The office's calendar date, YYYY-MM-DD (Asia/Jakarta), as the due dates compare it.
    .addColumn('date', 'varchar(10)', (c) => c.notNull().unique())
    .addColumn('name', 'varchar(200)', (c) => c.notNull())
    .addColumn('added_by', 'integer', (c) => c.references('users.id'))
    .addColumn('added_at', ddl.timestamp, (c) => c.notNull())
    .execute();
  await db
    .insertInto('holidays')
    .values(SEED.map(([date, name]) => ({ date, name, added_by: null, added_at: SEEDED_AT })))
    .execute();
}
