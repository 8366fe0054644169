// The program catalogue's version (issue 20, "fast at a city's scale"; decision 0040): one row
// whose number a trigger on `programs` raises in the transaction of every insert, update and
// delete, whatever writes it (the back office's program page, the CLI, a second app server, a
// test's own connection). An app process keeps one copy of the catalogue and reads the number
// with a statement the request makes anyway (the back office's session lookup); a different
// number means an edit somewhere, and the catalogue is read again. Decision 0028 still holds:
// no process serves a catalogue older than the last edit committed before its request began.
import { type Kysely, sql } from 'kysely';
import type { Ddl } from './ddl.ts';

export async function up(db: Kysely<any>, ddl: Ddl): Promise<void> {
  await db.schema
    .createTable('program_catalogue_version')
    .addColumn('id', 'integer', (c) => c.primaryKey())
    .addColumn('version', 'integer', (c) => c.notNull())
    .execute();
  await db.insertInto('program_catalogue_version').values({ id: 1, version: 1 }).execute();
  const bump = 'UPDATE program_catalogue_version SET version = version + 1 WHERE id = 1';
  if (ddl.engine === 'sqlite') {
    for (const action of ['INSERT', 'UPDATE', 'DELETE']) {
      await sql
        .raw(
          `CREATE TRIGGER programs_version_${action.toLowerCase()} AFTER ${action} ON programs BEGIN ${bump}; END`,
        )
        .execute(db);
    }
    return;
  }
  // Once per statement: an edit of ten programs is one new version.
  await sql
    .raw(
      `CREATE FUNCTION program_catalogue_version_bump() RETURNS trigger LANGUAGE plpgsql AS $$ BEGIN ${bump}; RETURN NULL; END $$`,
    )
    .execute(db);
  await sql
    .raw(
      'CREATE TRIGGER programs_version AFTER INSERT OR UPDATE OR DELETE OR TRUNCATE ON programs FOR EACH STATEMENT EXECUTE FUNCTION program_catalogue_version_bump()',
    )
    .execute(db);
}
