// Loads every official region of idn-area-data (provinces → villages) into `regions`, once.
import { getDistricts, getProvinces, getRegencies, getVillages } from 'idn-area-data';
import type { Db } from './database.ts';
import { insertInBatches } from './insert-in-batches.ts';
import type { RegionTable } from './schema.ts';

export async function loadRegions(db: Db): Promise<number> {
  const existing = await db
    .selectFrom('regions')
    .select((eb) => eb.fn.countAll<number>().as('n'))
    .executeTakeFirst();
  if (Number(existing?.n ?? 0) > 0) return 0;

  const [provinces, regencies, districts, villages] = await Promise.all([
    getProvinces(),
    getRegencies(),
    getDistricts(),
    getVillages(),
  ]);
  const rows: RegionTable[] = [
    ...provinces.map((p) => ({ code: p.code, parent_code: null, level: 1, name: p.name })),
    ...regencies.map((r) => ({ code: r.code, parent_code: r.province_code, level: 2, name: r.name })),
    ...districts.map((d) => ({ code: d.code, parent_code: d.regency_code, level: 3, name: d.name })),
    ...villages.map((v) => ({ code: v.code, parent_code: v.district_code, level: 4, name: v.name })),
  ];
  await db.transaction().execute((trx) => insertInBatches(trx, 'regions', rows));
  return rows.length;
}
