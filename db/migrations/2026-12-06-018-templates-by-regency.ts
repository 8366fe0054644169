// Response templates belong to an office, like everything else (issue 20): another regency's
// Dinas Sosial saw, edited and disabled Mojokerto's. `area_code` is the regency whose Dinas Sosial
// keeps the template; null is a template of the whole deployment, kept by the admin. Templates
// written before are their writer's regency when a Dinas Sosial officer wrote them, else shared.
import { type Kysely, sql } from 'kysely';
import type { Ddl } from './ddl.ts';

export async function up(db: Kysely<any>, _ddl: Ddl): Promise<void> {
  await db.schema.alterTable('response_templates').addColumn('area_code', 'varchar(20)').execute();
  await sql`UPDATE response_templates SET area_code = (
      SELECT u.area_code FROM users u WHERE u.id = response_templates.updated_by AND u.role = 'dinsos')`.execute(
    db,
  );
  await db.schema
    .createIndex('response_templates_area_idx')
    .on('response_templates')
    .columns(['area_code', 'kind', 'status'])
    .execute();
}
