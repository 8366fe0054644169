// Regions (Kemendagri codes), households (KPM) with members, and program memberships per period.
import { type Kysely, sql } from 'kysely';
import type { Ddl } from './ddl.ts';

export async function up(db: Kysely<any>, ddl: Ddl): Promise<void> {
  await db.schema
    .createTable('regions')
    .addColumn('code', 'varchar(13)', (c) => c.primaryKey())
    .addColumn('parent_code', 'varchar(13)')
    .addColumn('level', 'integer', (c) => c.notNull())
    .addColumn('name', 'varchar(120)', (c) => c.notNull())
    .execute();
  await db.schema.createIndex('regions_parent_idx').on('regions').columns(['parent_code', 'name']).execute();

  await db.schema
    .createTable('programs')
    .addColumn('code', 'varchar(10)', (c) => c.primaryKey())
    .addColumn('name', 'varchar(120)', (c) => c.notNull())
    .addColumn('period_kind', 'varchar(10)', (c) => c.notNull())
    .execute();
  await db
    .insertInto('programs')
    .values([
      { code: 'BPNT', name: 'Bantuan Pangan Non Tunai / Sembako', period_kind: 'month' },
      { code: 'PKH', name: 'Program Keluarga Harapan', period_kind: 'quarter' },
      { code: 'BST', name: 'Bantuan Sosial Tunai', period_kind: 'month' },
      { code: 'PBI-JK', name: 'Penerima Bantuan Iuran Jaminan Kesehatan', period_kind: 'month' },
      { code: 'PIP', name: 'Program Indonesia Pintar', period_kind: 'month' },
      { code: 'KKS', name: 'Kartu Keluarga Sejahtera', period_kind: 'month' },
    ])
    .execute();

  await db.schema
    .createTable('households')
    .addColumn('id', 'integer', ddl.id)
    .addColumn('kk', 'varchar(16)', (c) => c.notNull().unique())
    .addColumn('village_code', 'varchar(13)', (c) => c.notNull().references('regions.code'))
    .addColumn('address', 'varchar(200)', (c) => c.notNull())
    .addColumn('rt', 'varchar(3)', (c) => c.notNull())
    .addColumn('rw', 'varchar(3)', (c) => c.notNull())
    .addColumn('desil', 'integer')
    .execute();
  await db.schema.createIndex('households_village_idx').on('households').column('village_code').execute();

  await db.schema
    .createTable('household_members')
    .addColumn('id', 'integer', ddl.id)
    .addColumn('household_id', 'integer', (c) => c.notNull().references('households.id').onDelete('cascade'))
    .addColumn('nik', 'varchar(16)', (c) => c.notNull().unique())
    .addColumn('name', 'varchar(120)', (c) => c.notNull())
    // Upper-cased, single-spaced copy of the name: what a search by name compares against.
    .addColumn('name_search', 'varchar(120)', (c) => c.notNull())
    .addColumn('sex', 'varchar(1)', (c) => c.notNull().check(sqlIn('sex', ['L', 'P'])))
    .addColumn('birth_date', 'varchar(10)', (c) => c.notNull())
    .addColumn('relation', 'varchar(20)', (c) => c.notNull())
    .addColumn('pkh_component', 'varchar(30)')
    .execute();
  await db.schema
    .createIndex('members_household_idx')
    .on('household_members')
    .column('household_id')
    .execute();

  await db.schema
    .createTable('program_memberships')
    .addColumn('id', 'integer', ddl.id)
    .addColumn('household_id', 'integer', (c) => c.notNull().references('households.id').onDelete('cascade'))
    .addColumn('program_code', 'varchar(10)', (c) => c.notNull().references('programs.code'))
    .addColumn('period', 'varchar(7)', (c) => c.notNull())
    .addColumn('status', 'varchar(20)', (c) =>
      c.notNull().check(sqlIn('status', ['active', 'collected', 'not_collected', 'suspended'])),
    )
    .addColumn('suspension_reason', 'varchar(40)')
    .addColumn('amount', 'integer', (c) => c.notNull())
    .addColumn('channel', 'varchar(60)', (c) => c.notNull())
    .addColumn('collection_point', 'varchar(120)')
    .addUniqueConstraint('memberships_household_program_period_uq', [
      'household_id',
      'program_code',
      'period',
    ])
    .addCheckConstraint(
      'memberships_suspension_has_reason',
      rawCheck("(status = 'suspended') = (suspension_reason IS NOT NULL)"),
    )
    .execute();
  await db.schema
    .createIndex('memberships_program_period_idx')
    .on('program_memberships')
    .columns(['program_code', 'period'])
    .execute();
}

function sqlIn(column: string, values: string[]) {
  return sql.raw(`${column} IN (${values.map((v) => `'${v}'`).join(', ')})`);
}

function rawCheck(expression: string) {
  return sql.raw(expression);
}
