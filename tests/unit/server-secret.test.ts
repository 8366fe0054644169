import { mkdtempSync, readdirSync, readFileSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { loadServerSecret } from '../../src/db/server-secret.ts';

const dirs: string[] = [];
const tempDir = () => {
  const dir = mkdtempSync(path.join(tmpdir(), 'cek-bansos-secret-'));
  dirs.push(dir);
  return dir;
};
afterEach(() => {
  for (const dir of dirs.splice(0)) rmSync(dir, { recursive: true, force: true });
});

describe('loadServerSecret', () => {
  it('creates the data directory and a 32-byte key only its owner can read', () => {
    const dataDir = path.join(tempDir(), 'nested', 'data');
    const secret = loadServerSecret(dataDir);
    expect(secret).toHaveLength(32);
    const file = path.join(dataDir, 'secret.key');
    expect(readFileSync(file)).toEqual(secret);
    expect(statSync(file).mode & 0o777).toBe(0o600);
    expect(readdirSync(dataDir)).toEqual(['secret.key']);
  });

  it('reads the same key on the next start', () => {
    const dataDir = tempDir();
    expect(loadServerSecret(dataDir)).toEqual(loadServerSecret(dataDir));
  });

  it('gives each new installation its own key', () => {
    expect(loadServerSecret(tempDir())).not.toEqual(loadServerSecret(tempDir()));
  });

  it('refuses a damaged key rather than replacing it', () => {
    const dataDir = tempDir();
    writeFileSync(path.join(dataDir, 'secret.key'), Buffer.alloc(31));
    expect(() => loadServerSecret(dataDir)).toThrow(/31 bytes/);
    expect(readFileSync(path.join(dataDir, 'secret.key'))).toHaveLength(31);
  });
});
