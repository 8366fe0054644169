// The inbox's one statement carries its page size and offset in its text. Bound as parameters,
// PostgreSQL could not use a plan made without their values (a sort of the area's every case,
// 18 ms at 100,000 cases) and planned the statement anew on every view: 0.3 ms of its CPU, more
// than running it. (The demo data is too small for the planner to show the difference; the
// figures are from `tools/inbox-two-builds.ts postgres`, decision 0046.) A regency's villages are
// written into the text too: bound, SQLite built them into a lookup table on every run, half of
// the statement's time (decision 0048).
import { Kysely, SqliteDialect } from 'kysely';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type OpenedDatabase, openDatabase } from '../../src/db/database.ts';
import type { Database } from '../../src/db/schema.ts';
import { loadInbox } from '../../src/domain/backoffice/inbox.ts';
import { areaCodesInText } from '../../src/domain/backoffice/scope.ts';
import { type Prepared, prepareDatabase } from '../../src/server/bootstrap.ts';
import { officerNamed } from '../support/domain-calls.ts';
import { copyTemplateDatabase, FIXED_NOW, type TemplateCopy } from '../support/test-app.ts';

let copy: TemplateCopy;
let prepared: Prepared;
let logged: OpenedDatabase;
const statements: { sql: string; parameters: readonly unknown[] }[] = [];

beforeAll(async () => {
  copy = await copyTemplateDatabase();
  prepared = await prepareDatabase({ ...copy, demoData: false, now: () => FIXED_NOW });
  logged = openDatabase(copy.database, {
    log: (event) => {
      if (event.level === 'query')
        statements.push({ sql: event.query.sql, parameters: event.query.parameters });
    },
  });
});
afterAll(async () => {
  await logged.close();
  await prepared.close();
  await copy.cleanup();
});

/** The inbox statement of `username` for `page`, as it was run. */
async function inboxStatement(username: string, page: number) {
  const officer = { ...(await officerNamed(prepared.deps.db, username)), sessionId: 1 };
  statements.length = 0;
  await loadInbox({ ...prepared.deps, db: logged.db }, officer, page > 1 ? { page } : {});
  const statement = statements.find(
    (s) => s.sql.includes('"open_ticket_counts"') || s.sql.includes('"closed_at" is null'),
  );
  if (!statement) throw new Error('no inbox statement was run');
  return statement;
}

const VILLAGE_CODE = /^\d{2}\.\d{2}\.\d{2}\.\d{4}$/;

describe('the inbox statement', () => {
  it('carries its page size and offset in the text, never as bound values', async () => {
    const first = await inboxStatement('dinsos.mojokerto', 1);
    expect(first.sql).toMatch(/limit 25 offset 0\)/i);
    const second = await inboxStatement('kel.wates', 2);
    expect(second.sql).toMatch(/limit 25 offset 25\)/i);
    expect(first.sql).not.toMatch(/limit (\?|\$\d+)/i);
  });

  it('carries the regency’s villages in the text, never as bound values', async () => {
    const { sql, parameters } = await inboxStatement('dinsos.mojokerto', 1);
    const villages = prepared.deps.regions
      .children('35.76')
      .flatMap((district) => prepared.deps.regions.children(district.code).map((v) => v.code));
    expect(villages.length).toBeGreaterThan(10);
    for (const village of villages) expect(sql).toContain(`'${village}'`);
    const boundVillages = parameters.filter((p) => typeof p === 'string' && VILLAGE_CODE.test(p));
    expect(boundVillages).toEqual([]);
  });

  it('answers the same cases with the villages written in as it did with them bound', async () => {
    const officer = { ...(await officerNamed(prepared.deps.db, 'dinsos.mojokerto')), sessionId: 1 };
    const inbox = await loadInbox(prepared.deps, officer, { show: 'all' });
    const everyCase = await prepared.deps.db
      .selectFrom('tickets')
      .select((eb) => eb.fn.countAll<number>().as('n'))
      .where('area_code', 'like', '35.76.%')
      .executeTakeFirstOrThrow();
    expect(inbox.total).toBeGreaterThanOrEqual(Number(everyCase.n));
    expect(inbox.rows.every((r) => r.area_code === null || r.area_code.startsWith('35.76.'))).toBe(true);
  });
});

describe('an area code written into a statement', () => {
  it('is quoted as a literal, whatever it holds', () => {
    const db = new Kysely<Database>({ dialect: new SqliteDialect({ database: {} as never }) });
    const query = db
      .selectFrom('tickets as t')
      .select('t.id')
      .where('t.area_code', 'in', areaCodesInText(["35.76'; drop table tickets; --", '35.76.01.1003']))
      .compile();
    expect(query.sql).toContain(`in ('35.76''; drop table tickets; --', '35.76.01.1003')`);
    expect(query.parameters).toEqual([]);
  });
});
