// A resident cannot see that a file arrived unless the receipt and the tracking page name it as
// their phone did (issue 23, item 5). `original_name` is that name, cleaned (no path, no control
// or direction characters, at most 100 characters); `original_size` the bytes as sent, before an
// image is re-encoded, so the size matches what the phone shows. Both nullable: older rows and
// files sent without a name have none. Kept files of a form shown again carry both to the ticket.
import type { Kysely } from 'kysely';
import type { Ddl } from './ddl.ts';

export async function up(db: Kysely<any>, _ddl: Ddl): Promise<void> {
  for (const table of ['ticket_attachments', 'provisional_uploads']) {
    await db.schema.alterTable(table).addColumn('original_name', 'varchar(400)').execute();
    await db.schema.alterTable(table).addColumn('original_size', 'integer').execute();
  }
}
