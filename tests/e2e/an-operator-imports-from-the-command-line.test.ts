// An operator imports a list with the built command (`npm run import`): a dry run prints the
// preview and writes nothing, a plain run leaves the preview waiting, `--confirm` and `--yes` write
// it, large endings wait for their number, and `--rollback` undoes the latest list. `--snapshot`
// names the list's DTSEN snapshot; without it a list with a desil column is read with a warning.
import { spawnSync } from 'node:child_process';
import { existsSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { databaseFile, openSqlite } from '../../src/db/database.ts';
import { HEADER, type Place, person, rowOf } from '../support/recipient-lists.ts';

const CLI = path.resolve('dist/node/import.mjs');
const available = existsSync(CLI);
let dataDir: string;
// A village of Bantul (34.02.01), with no demo data around it.
const place: Place = { district: '34.02.01', villages: ['34.02.01.2001'] };

beforeAll(() => {
  dataDir = mkdtempSync(path.join(tmpdir(), 'cek-bansos-cli-'));
});
afterAll(() => {
  if (dataDir) rmSync(dataDir, { recursive: true, force: true });
});

function run(...args: string[]) {
  const result = spawnSync(process.execPath, [CLI, ...args], {
    env: { PATH: process.env.PATH ?? '', DATA_DIR: dataDir, DEMO_DATA: '0', LOG_LEVEL: 'warn' },
    encoding: 'utf8',
  });
  return { code: result.status, out: `${result.stdout}${result.stderr}` };
}

function list(name: string, period: string, count: number): string {
  const file = path.join(dataDir, name);
  const rows = Array.from({ length: count }, (_, i) => rowOf(person(place, i), { period }));
  writeFileSync(file, `DAFTAR KPM BPNT ${period}\n\n${[HEADER, ...rows].join('\n')}\n`);
  return file;
}

async function memberships(period: string): Promise<number> {
  const opened = openSqlite(databaseFile(dataDir));
  try {
    const row = await opened.db
      .selectFrom('program_memberships')
      .select((eb) => eb.fn.countAll<number>().as('n'))
      .where('period', '=', period)
      .executeTakeFirstOrThrow();
    return Number(row.n);
  } finally {
    await opened.close();
  }
}

async function snapshotOf(importId: number): Promise<string | null> {
  const opened = openSqlite(databaseFile(dataDir));
  try {
    const row = await opened.db
      .selectFrom('imports')
      .select('dtsen_snapshot')
      .where('id', '=', importId)
      .executeTakeFirstOrThrow();
    return row.dtsen_snapshot;
  } finally {
    await opened.close();
  }
}

describe.skipIf(!available)('an operator imports from the command line', () => {
  it('previews, writes, asks for the number of large endings, and rolls back', {
    timeout: 120_000,
  }, async () => {
    const january = list('januari.csv', '2021-01', 10);
    const dry = run(january, '--dry-run');
    expect(dry.code, dry.out).toBe(0);
    expect(dry.out).toContain('header on line 3');
    expect(dry.out).toContain('10 new');
    expect(dry.out).toContain('dry run');
    // Its desil column came with no snapshot: said, and read all the same.
    expect(dry.out).toContain('desil column but no --snapshot');
    expect(await memberships('2021-01')).toBe(0);

    const malformed = run(january, '--snapshot', 'April');
    expect(malformed.code).toBe(2);
    expect(malformed.out).toContain('DTSEN snapshot must be a year and quarter');

    const waiting = run(january, '--snapshot', '2026-Q1');
    expect(waiting.out).not.toContain('--snapshot;');
    expect(waiting.code, waiting.out).toBe(0);
    const id = /import #(\d+) waits in its preview/.exec(waiting.out)?.[1];
    expect(id, waiting.out).toBeDefined();
    expect(await memberships('2021-01')).toBe(0);
    const confirmed = run('--confirm', id as string);
    expect(confirmed.code, confirmed.out).toBe(0);
    expect(await memberships('2021-01')).toBe(10);
    expect(await snapshotOf(Number(id))).toBe('2026-Q1');

    // February holds six of the ten: four endings are 40 % of the village, so they wait for their number.
    const february = list('februari.csv', '2021-02', 6);
    const asked = run(february, '--yes');
    expect(asked.code).toBe(1);
    expect(asked.out).toContain('4 memberships would end');
    const february_id = /--confirm (\d+) --end 4/.exec(asked.out)?.[1];
    expect(february_id, asked.out).toBeDefined();
    expect(await memberships('2021-02')).toBe(0);
    const written = run('--confirm', february_id as string, '--end', '4');
    expect(written.code, written.out).toBe(0);
    expect(written.out).toContain('4 memberships ended');
    expect(await memberships('2021-02')).toBe(6);

    // The January list is no longer the latest of BPNT in Bantul; February is.
    expect(run('--rollback', id as string).out).toContain('no longer the latest');
    const undone = run('--rollback', february_id as string);
    expect(undone.code, undone.out).toBe(0);
    expect(undone.out).toContain('6 memberships removed');
    expect(await memberships('2021-02')).toBe(0);
    expect(await memberships('2021-01')).toBe(10);
    expect(run('--rollback', 'x').code).toBe(2);
  });
});
