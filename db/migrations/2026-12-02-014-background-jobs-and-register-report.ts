// Jobs that outlive a process (issue 10): an uploaded import and a whole-register data-quality run
// name the process that works them (`runner`, host/pid) and prove it alive (`heartbeat_at`), so a
// restarted server takes up what a dead one left "running". A whole-register run keeps its
// findings, so the report page pages through them instead of recomputing a province per request;
// each finding carries the regency it is about, so an office reads only its own area.
import { type Kysely, sql } from 'kysely';
import type { Ddl } from './ddl.ts';

export async function up(db: Kysely<any>, ddl: Ddl): Promise<void> {
  await db.schema.alterTable('imports').addColumn('runner', 'varchar(120)').execute();
  await db.schema.alterTable('imports').addColumn('heartbeat_at', ddl.timestamp).execute();
  // How many times a run was started: above 1, the job was taken up again after a stop.
  await db.schema
    .alterTable('imports')
    .addColumn('attempts', 'integer', (c) => c.notNull().defaultTo(0))
    .execute();

  await db.schema
    .createTable('quality_runs')
    .addColumn('id', 'integer', ddl.id)
    .addColumn('status', 'varchar(10)', (c) =>
      c.notNull().check(sql`status IN ('queued', 'running', 'done', 'failed')`),
    )
    .addColumn('steps_done', 'integer', (c) => c.notNull().defaultTo(0))
    .addColumn('steps_total', 'integer', (c) => c.notNull().defaultTo(0))
    .addColumn('findings', 'integer', (c) => c.notNull().defaultTo(0))
    .addColumn('failure', 'varchar(60)')
    .addColumn('attempts', 'integer', (c) => c.notNull().defaultTo(0))
    .addColumn('runner', 'varchar(120)')
    .addColumn('heartbeat_at', ddl.timestamp)
    .addColumn('created_by', 'integer', (c) => c.references('users.id'))
    .addColumn('created_at', ddl.timestamp, (c) => c.notNull())
    .addColumn('started_at', ddl.timestamp)
    .addColumn('finished_at', ddl.timestamp)
    .execute();
  await db.schema
    .createIndex('quality_runs_status_idx')
    .on('quality_runs')
    .columns(['status', 'id'])
    .execute();

  await db.schema
    .createTable('quality_run_findings')
    .addColumn('run_id', 'integer', (c) => c.notNull().references('quality_runs.id').onDelete('cascade'))
    .addColumn('seq', 'integer', (c) => c.notNull())
    .addColumn('finding_key', 'varchar(200)', (c) => c.notNull())
    .addColumn('rule', 'varchar(40)', (c) => c.notNull())
    .addColumn('kind', 'varchar(10)', (c) => c.notNull())
    // The regency (`35.76`) the finding is about; null when nothing places it.
    .addColumn('area_code', 'varchar(13)')
    // JSON arrays, bounded by the finding itself (lines of one NIK, households of one village).
    .addColumn('lines', 'text', (c) => c.notNull())
    .addColumn('niks', 'text', (c) => c.notNull())
    .addColumn('household_ids', 'text', (c) => c.notNull())
    .addColumn('detail', 'text', (c) => c.notNull())
    .addColumn('count', 'integer', (c) => c.notNull())
    .addPrimaryKeyConstraint('quality_run_findings_pk', ['run_id', 'seq'])
    .execute();
  await db.schema
    .createIndex('quality_run_findings_area_idx')
    .on('quality_run_findings')
    .columns(['run_id', 'area_code', 'rule', 'seq'])
    .execute();
  await db.schema
    .createIndex('quality_run_findings_rule_idx')
    .on('quality_run_findings')
    .columns(['run_id', 'rule', 'seq'])
    .execute();
}
