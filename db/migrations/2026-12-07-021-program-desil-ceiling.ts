// Since 2025 each program takes households up to a desil of the DTSEN ranking (DESIGN.md §11):
// PKH desil 1–4, BPNT/Sembako and PBI-JK desil 1–5. Ceilings are policy and change, so they are
// data an office edits, never code. Null: the program does not take households by desil.
import type { Kysely } from 'kysely';
import type { Ddl } from './ddl.ts';

const CEILINGS: Record<string, number> = { PKH: 4, BPNT: 5, 'PBI-JK': 5 };

export async function up(db: Kysely<any>, _ddl: Ddl): Promise<void> {
  await db.schema.alterTable('programs').addColumn('desil_ceiling', 'integer').execute();
  for (const [code, ceiling] of Object.entries(CEILINGS))
    await db.updateTable('programs').set({ desil_ceiling: ceiling }).where('code', '=', code).execute();
}
