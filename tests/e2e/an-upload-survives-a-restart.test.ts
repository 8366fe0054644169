// Dewi uploads a long recipient list; the server is killed (SIGKILL, by its PID) half-way through
// the import and started again on the same DATA_DIR and database. The new process takes the job
// up from the stored file, the import page says so, and the import ends with the same rows as an
// uninterrupted import of the same file. On SQLite against the built server (the PostgreSQL take-up
// is proven by tests/unit/import-resume.test.ts on both engines).
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type OpenedDatabase, openDatabase } from '../../src/db/database.ts';
import { loadRegionDirectory } from '../../src/domain/regions/region-directory.ts';
import { builtServerAvailable } from '../support/built-server.ts';
import { signInOverHttp } from '../support/officer-session.ts';
import { cleanListChunks, placesIn } from '../support/recipient-lists.ts';
import { type ServerProcess, startServerProcess } from '../support/server-process.ts';
import { copyTemplateDatabase, serverEnvOf, type TemplateCopy } from '../support/test-app.ts';
import { TEST_ENGINE } from '../support/test-database.ts';

const available = builtServerAvailable();
/** Long enough that the first batches are committed well before the last: 12 batches of 2,000. */
const ROWS = 24_000;
let copy: TemplateCopy;
let env: Record<string, string>;
let opened: OpenedDatabase;
const servers: ServerProcess[] = [];

beforeAll(async () => {
  if (!available) return;
  copy = await copyTemplateDatabase();
  env = serverEnvOf(copy);
  opened = openDatabase(copy.database);
}, 120_000);

afterAll(async () => {
  for (const server of servers) await server.stop();
  await opened?.close();
  await copy?.cleanup();
});

async function upload(url: string, list: Buffer): Promise<number> {
  const dewi = await signInOverHttp(url, 'dinsos.mojokerto');
  const form = new FormData();
  form.set('csrf', dewi.csrf);
  form.set('berkas', new Blob([new Uint8Array(list)], { type: 'text/csv' }), 'bpnt-provinsi.csv');
  const res = await fetch(`${url}/petugas/impor`, {
    method: 'POST',
    body: form,
    redirect: 'manual',
    headers: { cookie: dewi.cookie, origin: url },
  });
  expect(res.status).toBe(303);
  return Number(/\/petugas\/impor\/(\d+)$/.exec(res.headers.get('location') ?? '')?.[1]);
}

const importOf = (id: number) =>
  opened.db
    .selectFrom('imports')
    .select(['status', 'rows_read', 'rows_accepted', 'attempts', 'stored_path'])
    .where('id', '=', id)
    .executeTakeFirstOrThrow();

const rowsOf = (id: number) =>
  opened.db
    .selectFrom('import_rows')
    .select(['line', 'nik', 'kk', 'name', 'program_code', 'period', 'amount', 'channel', 'village_code'])
    .where('import_id', '=', id)
    .orderBy('line')
    .execute();

describe.skipIf(!available)(`an upload survives a restart (${TEST_ENGINE})`, () => {
  it('is taken up by the next process and ends as an uninterrupted import does', {
    timeout: 600_000,
  }, async () => {
    const [place] = placesIn(await loadRegionDirectory(opened.db), '35.76');
    const list = Buffer.from([...cleanListChunks(place, ROWS)].join(''));

    const first = await startServerProcess(env);
    servers.push(first);
    const id = await upload(first.url, list);
    // Mid-way: some batches committed, the end not reached.
    await expect
      .poll(async () => (await importOf(id)).rows_read, { timeout: 300_000, interval: 100 })
      .toBeGreaterThanOrEqual(4000);
    first.child.kill('SIGKILL');
    await new Promise((resolve) => first.child.once('exit', resolve));
    const killed = await importOf(id);
    expect(killed.status).toBe('running');
    expect(killed.rows_read).toBeLessThan(ROWS);
    expect(killed.stored_path).not.toBeNull();

    const second = await startServerProcess(env);
    servers.push(second);
    await expect
      .poll(async () => (await importOf(id)).status, { timeout: 300_000, interval: 500 })
      .toBe('done');
    expect(await importOf(id)).toMatchObject({ rows_read: ROWS, rows_accepted: ROWS, attempts: 2 });
    const dewi = await signInOverHttp(second.url, 'dinsos.mojokerto');
    const page = await (await dewi.get(`/petugas/impor/${id}`)).text();
    expect(page).toContain('Server sempat berhenti');
    expect(page).toContain('selesai');

    // The same file, uninterrupted, on the same server.
    const again = await upload(second.url, list);
    await expect
      .poll(async () => (await importOf(again)).status, { timeout: 300_000, interval: 500 })
      .toBe('done');
    expect((await importOf(again)).attempts).toBe(1);
    expect(await rowsOf(id)).toEqual(await rowsOf(again));
  });
});
