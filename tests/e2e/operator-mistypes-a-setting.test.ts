// An operator starts the built server (or a db CLI) with a setting spelt wrong or missing: it
// stops at once with one line naming the variable, exit status 1, and writes nothing.
import { spawnSync } from 'node:child_process';
import { existsSync, mkdtempSync, readdirSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { KNOWN_SETTINGS } from '../../src/server/config.ts';

const built = ['main', 'db-migrate', 'db-seed'].every((f) => existsSync(path.resolve(`dist/node/${f}.mjs`)));
if (!built && process.env.CI === 'true') throw new Error('no build at dist/node (npm run build)');

const dataDir = mkdtempSync(path.join(tmpdir(), 'cek-bansos-settings-'));
afterAll(() => rmSync(dataDir, { recursive: true, force: true }));

/** Runs a built entry point in the test runner's environment, minus anything of ours, plus `env`. */
function run(entry: string, env: Record<string, string>) {
  const ours = /^(LIMIT|DATABASE|DEMO|TRUST|SECRET|CEK_BANSOS)_/i;
  const own = Object.fromEntries(
    Object.entries(process.env).filter(([k]) => !KNOWN_SETTINGS.includes(k) && !ours.test(k)),
  );
  const result = spawnSync(process.execPath, [path.resolve(`dist/node/${entry}.mjs`)], {
    env: { ...own, DATA_DIR: dataDir, PORT: '0', LOG_LEVEL: 'silent', ...env },
    encoding: 'utf8',
    timeout: 20_000,
  });
  return { status: result.status, stdout: result.stdout, stderr: result.stderr };
}

describe.skipIf(!built)('an operator mistypes a setting', () => {
  it('the server refuses DATABSE_URL by name, with the setting meant, in one line and no stack', () => {
    const { status, stdout, stderr } = run('main', { DATABSE_URL: 'postgres://cek:pw@db/cek' });
    expect(status).toBe(1);
    expect(stdout).toBe('');
    expect(stderr).toBe('cek-bansos: Unknown setting DATABSE_URL — did you mean DATABASE_URL?\n');
    expect(readdirSync(dataDir)).toEqual([]);
  });

  it('the server refuses PostgreSQL without SECRET_KEY, naming it', () => {
    const { status, stderr } = run('main', { DATABASE_URL: 'postgres://cek:pw@db/cek' });
    expect(status).toBe(1);
    expect(stderr.trim().split('\n')).toHaveLength(1);
    expect(stderr).toContain('SECRET_KEY is required when DATABASE_URL is PostgreSQL');
    expect(stderr).not.toContain('pw@db');
    expect(readdirSync(dataDir)).toEqual([]);
  });

  it('the server refuses a malformed value by name', () => {
    const { status, stderr } = run('main', { DATABASE_POOL_SIZE: '0' });
    expect(status).toBe(1);
    expect(stderr).toMatch(/^cek-bansos: Invalid environment: DATABASE_POOL_SIZE: .+\n$/);
  });

  it('npm run db:migrate and db:seed refuse the same way', () => {
    for (const entry of ['db-migrate', 'db-seed']) {
      const { status, stderr } = run(entry, { LIMT_CHECKS_PER_NIK: '5' });
      expect(status, entry).toBe(1);
      expect(stderr, entry).toBe(
        'cek-bansos: Unknown setting LIMT_CHECKS_PER_NIK — did you mean LIMIT_CHECKS_PER_NIK?\n',
      );
    }
    expect(readdirSync(dataDir)).toEqual([]);
  });
});
