// The server's one copy of the program catalogue (decision 0040), on both engines: the session
// lookup reads the catalogue's version in its own statement, the copy is used while the version
// holds, and a program added, changed or removed through another connection (another app server,
// the CLI) raises the version in the same transaction (migration 036), so the next request reads
// the catalogue again and sees the edit.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type OpenedDatabase, openDatabase } from '../../src/db/database.ts';
import { lookUpSession, startSession } from '../../src/domain/backoffice/sessions.ts';
import type { DomainDeps } from '../../src/domain/deps.ts';
import { CatalogueCopy, loadCatalogue } from '../../src/domain/program-profiles/catalogue.ts';
import { type Prepared, prepareDatabase } from '../../src/server/bootstrap.ts';
import { officerNamed } from '../support/domain-calls.ts';
import { copyTemplateDatabase, FIXED_NOW } from '../support/test-app.ts';

let prepared: Prepared;
let deps: DomainDeps;
/** A second connection to the same database, as another process would have. */
let other: OpenedDatabase;
let cleanup: () => Promise<void>;
let token = '';

beforeAll(async () => {
  const copy = await copyTemplateDatabase();
  prepared = await prepareDatabase({
    dataDir: copy.dataDir,
    database: copy.database,
    secretKey: copy.secretKey,
    demoData: false,
    now: () => FIXED_NOW,
  });
  deps = prepared.deps;
  other = openDatabase(copy.database);
  cleanup = copy.cleanup;
  const officer = await officerNamed(deps.db, 'dinsos.mojokerto');
  token = (await startSession(deps, officer.id)).token;
}, 120_000);

afterAll(async () => {
  await other?.close();
  await prepared?.close();
  await cleanup?.();
});

const versionNow = async () => {
  const session = await lookUpSession(deps, token);
  expect(session.officer?.username).toBe('dinsos.mojokerto');
  return session.catalogueVersion;
};

const program = {
  code: 'LANSIA-MKT',
  name: 'Permakanan Lansia Kota Mojokerto',
  name_en: '',
  benefit: 'food_credit',
  period_kind: 'month',
  desil_ceiling: null,
  channel_id: '',
  channel_en: '',
  excludes: '[]',
  aliases: '[]',
  amounts: '[]',
  criteria_id: '',
  criteria_en: '',
  active_from: null,
  active_to: null,
  region_code: '35.76',
};

describe('the catalogue copy', { timeout: 60_000 }, () => {
  it('is read once while the version the session lookup reads holds', async () => {
    const copy = new CatalogueCopy(deps.db);
    const version = await versionNow();
    expect(typeof version).toBe('number');
    const first = await copy.at(version);
    expect(first.programs.map((p) => p.code)).toEqual(
      (await loadCatalogue(deps.db)).programs.map((p) => p.code),
    );
    expect(await copy.at(version)).toBe(first);
    expect(await copy.at(await versionNow())).toBe(first);
    expect(copy.reads).toBe(1);
    // Without a version (a page outside the back office) it is read anew.
    await copy.at(undefined);
    expect(copy.reads).toBe(2);
  });

  it('sees a program added, renamed and removed through another connection at the next lookup', async () => {
    const copy = new CatalogueCopy(deps.db);
    const before = await versionNow();
    expect((await copy.at(before)).get(program.code)).toBeUndefined();

    await other.db.insertInto('programs').values(program).execute();
    const added = await versionNow();
    expect(added).not.toBe(before);
    expect((await copy.at(added)).nameOf(program.code, 'id')).toBe(program.name);

    await other.db
      .updateTable('programs')
      .set({ name: 'Permakanan Lansia' })
      .where('code', '=', program.code)
      .execute();
    const renamed = await versionNow();
    expect(renamed).not.toBe(added);
    expect((await copy.at(renamed)).nameOf(program.code, 'id')).toBe('Permakanan Lansia');

    await other.db.deleteFrom('programs').where('code', '=', program.code).execute();
    const removed = await versionNow();
    expect(removed).not.toBe(renamed);
    expect((await copy.at(removed)).get(program.code)).toBeUndefined();
    expect(copy.reads).toBe(4);
  });

  it('an edit rolled back leaves the version as it was', async () => {
    const before = await versionNow();
    await other.db
      .transaction()
      .execute(async (trx) => {
        await trx.updateTable('programs').set({ name: 'Sementara' }).where('code', '=', 'PKH').execute();
        throw new Error('rolled back');
      })
      .catch(() => undefined);
    expect(await versionNow()).toBe(before);
  });
});
