// Open cases per village, kind and state, kept by the database itself (issue 20, "fast at a city's
// scale"): the inbox's counts per state and its total were two reads of every open case of the
// area, 23 ms and 12 ms of a Dinas Sosial's inbox with 100,000 cases. Triggers on `tickets` keep
// the counts in the transaction of every insert, move and delete, whatever code path writes
// (a case move, the Musyawarah, retention, an import of tickets, a test's raw insert), so they
// cannot drift from the cases; a test compares them with a recount after random moves.
//
// Per village, not per RT/RW: a regency then has a few hundred rows to add up, and an RT/RW head's
// few cases are counted from `tickets` as before. `area_code` holds '' for none: a unique key
// treats NULLs as distinct, and the office's area rule (scope.ts) already reads a placeless case
// as ''. The `id` is there for that rule too: it refuses every row of an account without an area
// by `id < 0`.
//
// The same migration adds the index the inbox of one kind walks.
//
// On PostgreSQL a move locks two count rows until it commits; the trigger touches them in key
// order, so two single moves never wait on each other in a circle.
import { type Kysely, sql } from 'kysely';
import type { Ddl } from './ddl.ts';

const KEY = ['area_code', 'kind', 'status'] as const;
const keyOf = (row: 'NEW' | 'OLD') => `coalesce(${row}.area_code, ''), ${row}.kind, ${row}.status`;
const matches = (row: 'NEW' | 'OLD') =>
  `area_code = coalesce(${row}.area_code, '') AND kind = ${row}.kind AND status = ${row}.status`;
const add = (row: 'NEW' | 'OLD', when: string) =>
  `INSERT INTO open_ticket_counts (${KEY.join(', ')}, n) SELECT ${keyOf(row)}, 1 WHERE ${when} ` +
  `ON CONFLICT (${KEY.join(', ')}) DO UPDATE SET n = open_ticket_counts.n + 1`;
const take = (row: 'NEW' | 'OLD', when: string) =>
  `UPDATE open_ticket_counts SET n = n - 1 WHERE ${when} AND ${matches(row)}`;

export async function up(db: Kysely<any>, ddl: Ddl): Promise<void> {
  await db.schema
    .createTable('open_ticket_counts')
    .addColumn('id', 'integer', (c) => ddl.id(c))
    .addColumn('area_code', 'varchar(20)', (c) => c.notNull())
    .addColumn('kind', 'varchar(10)', (c) => c.notNull())
    .addColumn('status', 'varchar(40)', (c) => c.notNull())
    .addColumn('n', 'integer', (c) => c.notNull())
    .addUniqueConstraint('open_ticket_counts_key', [...KEY])
    .execute();
  await sql
    .raw(
      `INSERT INTO open_ticket_counts (${KEY.join(', ')}, n) ` +
        `SELECT coalesce(area_code, ''), kind, status, count(*) FROM tickets ` +
        `WHERE closed_at IS NULL GROUP BY coalesce(area_code, ''), kind, status`,
    )
    .execute(db);

  // The inbox of one kind (`?kind=usulan`) walks its open cases in due order, as the whole inbox
  // walks tickets_open_due_idx, instead of sorting 40,000 of them for a page of 25.
  await db.schema
    .createIndex('tickets_open_kind_due_idx')
    .on('tickets')
    .columns(['kind', 'due_at', 'id'])
    .where(sql<boolean>`closed_at IS NULL`)
    .execute();

  const oldOpen = (o: string) => `${o}.closed_at IS NULL`;
  if (ddl.engine === 'sqlite') {
    // SQLite takes an upsert after `INSERT … SELECT` only when the SELECT has a WHERE.
    await sql
      .raw(
        `CREATE TRIGGER open_ticket_counts_insert AFTER INSERT ON tickets BEGIN ${add('NEW', oldOpen('NEW'))}; END`,
      )
      .execute(db);
    await sql
      .raw(
        'CREATE TRIGGER open_ticket_counts_update AFTER UPDATE OF kind, status, area_code, closed_at ON tickets BEGIN ' +
          `${take('OLD', oldOpen('OLD'))}; ${add('NEW', oldOpen('NEW'))}; END`,
      )
      .execute(db);
    await sql
      .raw(
        `CREATE TRIGGER open_ticket_counts_delete AFTER DELETE ON tickets BEGIN ${take('OLD', oldOpen('OLD'))}; END`,
      )
      .execute(db);
    return;
  }
  // The row of the smaller key first, whichever of the two is the decrement.
  await sql
    .raw(
      `CREATE FUNCTION open_ticket_counts_keep() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  IF TG_OP = 'UPDATE' AND ROW(${keyOf('OLD')}, OLD.closed_at IS NULL) IS NOT DISTINCT FROM ROW(${keyOf('NEW')}, NEW.closed_at IS NULL) THEN
    RETURN NULL;
  END IF;
  IF TG_OP = 'INSERT' THEN
    ${add('NEW', oldOpen('NEW'))};
  ELSIF TG_OP = 'DELETE' THEN
    ${take('OLD', oldOpen('OLD'))};
  ELSIF ROW(${keyOf('OLD')}) < ROW(${keyOf('NEW')}) THEN
    ${take('OLD', oldOpen('OLD'))};
    ${add('NEW', oldOpen('NEW'))};
  ELSE
    ${add('NEW', oldOpen('NEW'))};
    ${take('OLD', oldOpen('OLD'))};
  END IF;
  RETURN NULL;
END $$`,
    )
    .execute(db);
  await sql`CREATE TRIGGER open_ticket_counts_keep AFTER INSERT OR UPDATE OR DELETE ON tickets FOR EACH ROW EXECUTE FUNCTION open_ticket_counts_keep()`.execute(
    db,
  );
}
