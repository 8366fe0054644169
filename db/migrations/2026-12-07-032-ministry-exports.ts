// Each list sent to the ministry, kept (issue 20, "the ministry export marks what it sent"): the
// CSV as it was downloaded, who made it, for which area, and the cases it held, so that the office
// can download the same file again when an upload to SIKS-NG failed, and knows which proposals
// went in which file. The file holds NIKs: it is an officer's document, read only by the offices
// of its area, and each download is audited like the first.
import type { Kysely } from 'kysely';
import type { Ddl } from './ddl.ts';

export async function up(db: Kysely<any>, ddl: Ddl): Promise<void> {
  await db.schema
    .createTable('ministry_exports')
    .addColumn('id', 'integer', (c) => ddl.id(c))
    .addColumn('kind', 'varchar(30)', (c) => c.notNull())
    .addColumn('area_code', 'varchar(20)', (c) => c.notNull())
    .addColumn('officer_id', 'integer', (c) => c.notNull().references('users.id'))
    .addColumn('created_at', ddl.timestamp, (c) => c.notNull())
    .addColumn('filename', 'varchar(120)', (c) => c.notNull())
    .addColumn('row_count', 'integer', (c) => c.notNull())
    /** Proposals the export moved to `diusulkan_ke_kemensos`. */
    .addColumn('moved', 'integer', (c) => c.notNull())
    .addColumn('csv', 'text', (c) => c.notNull())
    .execute();
  await db.schema
    .createIndex('ministry_exports_area_idx')
    .on('ministry_exports')
    .columns(['area_code', 'id'])
    .execute();
  await db.schema
    .createTable('ministry_export_tickets')
    .addColumn('export_id', 'integer', (c) => c.notNull().references('ministry_exports.id'))
    .addColumn('ticket_id', 'integer', (c) => c.notNull().references('tickets.id'))
    .addPrimaryKeyConstraint('ministry_export_tickets_pk', ['export_id', 'ticket_id'])
    .execute();
  await db.schema
    .createIndex('ministry_export_tickets_ticket_idx')
    .on('ministry_export_tickets')
    .column('ticket_id')
    .execute();
}
