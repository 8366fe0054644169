// Response templates: a ready answer for one kind of ticket and the state a move leads to ("KKS
// terblokir: datang ke bank penyalur…"), in Bahasa Indonesia and English, kept by the Dinas
// Sosial and the admin. A template is disabled rather than deleted, so the audit log's ids keep
// pointing at something.
import type { Kysely } from 'kysely';
import type { Ddl } from './ddl.ts';

export async function up(db: Kysely<any>, ddl: Ddl): Promise<void> {
  await db.schema
    .createTable('response_templates')
    .addColumn('id', 'integer', (c) => ddl.id(c))
    .addColumn('kind', 'varchar(20)', (c) => c.notNull())
    // The state the move leads to (`selesai`, `perlu_perbaikan`, …): the template fits that move.
    .addColumn('status', 'varchar(40)', (c) => c.notNull())
    .addColumn('title', 'varchar(100)', (c) => c.notNull())
    .addColumn('body_id', 'text', (c) => c.notNull())
    // Empty when nobody wrote one: the Indonesian text is used for English-speaking residents too.
    .addColumn('body_en', 'text', (c) => c.notNull().defaultTo(''))
    .addColumn('created_at', ddl.timestamp, (c) => c.notNull())
    .addColumn('updated_at', ddl.timestamp, (c) => c.notNull())
    .addColumn('updated_by', 'integer', (c) => c.references('users.id'))
    .addColumn('disabled_at', ddl.timestamp)
    .execute();
  await db.schema
    .createIndex('response_templates_move_idx')
    .on('response_templates')
    .columns(['kind', 'status'])
    .execute();
}
