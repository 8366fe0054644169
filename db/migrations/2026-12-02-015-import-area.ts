// An import belongs to the office that uploaded it: a Dinas Sosial's upload carries its regency,
// so another regency's office never opens it. Imports from the command line or by admin carry
// none and belong to the deployment; each office reads only its own regency's findings of them
// (import-access.ts). Decision 0021.
import type { Kysely } from 'kysely';
import type { Ddl } from './ddl.ts';

export async function up(db: Kysely<any>, _ddl: Ddl): Promise<void> {
  await db.schema.alterTable('imports').addColumn('area_code', 'varchar(13)').execute();
}
