// What the schema spells differently on SQLite and PostgreSQL. Migrations describe tables once
// and ask this for the few column types and statements that differ; it never imports src/.
import { type ColumnDataType, type ColumnDefinitionBuilder, type Kysely, sql } from 'kysely';

export type Engine = 'sqlite' | 'postgres';

export interface Ddl {
  engine: Engine;
  /** An integer key the database assigns: SQLite's rowid alias, PostgreSQL's identity column. */
  id(column: ColumnDefinitionBuilder): ColumnDefinitionBuilder;
  /**
   * A point in time. SQLite keeps ISO-8601 text (which sorts as time); PostgreSQL a real
   * `timestamptz`, read back as the same ISO text by the database layer's type parser.
   */
  timestamp: ColumnDataType;
  /** Refuses UPDATE and DELETE on `table`: an append-only log. */
  appendOnly(db: Kysely<any>, table: string): Promise<void>;
}

const sqliteDdl: Ddl = {
  engine: 'sqlite',
  id: (c) => c.primaryKey().autoIncrement(),
  timestamp: 'varchar(30)',
  async appendOnly(db, table) {
    for (const action of ['update', 'delete']) {
      await sql
        .raw(
          `CREATE TRIGGER ${table}_no_${action} BEFORE ${action.toUpperCase()} ON ${table} BEGIN SELECT RAISE(ABORT, '${table} is append-only'); END`,
        )
        .execute(db);
    }
  },
};

const postgresDdl: Ddl = {
  engine: 'postgres',
  id: (c) => c.primaryKey().generatedByDefaultAsIdentity(),
  timestamp: 'timestamptz',
  async appendOnly(db, table) {
    await sql
      .raw(
        `CREATE FUNCTION ${table}_append_only() RETURNS trigger LANGUAGE plpgsql AS $$ BEGIN RAISE EXCEPTION '${table} is append-only'; END $$`,
      )
      .execute(db);
    await sql
      .raw(
        `CREATE TRIGGER ${table}_no_change BEFORE UPDATE OR DELETE ON ${table} FOR EACH ROW EXECUTE FUNCTION ${table}_append_only()`,
      )
      .execute(db);
    await sql
      .raw(
        `CREATE TRIGGER ${table}_no_truncate BEFORE TRUNCATE ON ${table} FOR EACH STATEMENT EXECUTE FUNCTION ${table}_append_only()`,
      )
      .execute(db);
  },
};

export const DDL: Record<Engine, Ddl> = { sqlite: sqliteDdl, postgres: postgresDdl };
