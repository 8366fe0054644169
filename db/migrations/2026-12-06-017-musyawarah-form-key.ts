// A Musyawarah's minutes form sent twice (a double tap, or a retry after the first send's answer
// was lost) must not record a second meeting. The form carries a one-time key; the meeting that
// recorded it keeps it, and a second send with the same key is answered with that meeting.
// Unique per village, so a key copied into another village's form cannot reach this meeting.
// Nullable: meetings recorded before this migration, and a form loaded before it, have none.
import type { Kysely } from 'kysely';
import type { Ddl } from './ddl.ts';

export async function up(db: Kysely<any>, _ddl: Ddl): Promise<void> {
  await db.schema.alterTable('musyawarah').addColumn('form_key', 'varchar(64)').execute();
  await db.schema
    .createIndex('musyawarah_form_key_idx')
    .on('musyawarah')
    .columns(['village_code', 'form_key'])
    .unique()
    .execute();
}
