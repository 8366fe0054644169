// The direction of imports ARCHITECTURE.md draws: the database layer is the ground floor, and the
// demo generator is a client of the domain that production code never reaches, except the
// first-start seeding.
import { readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';

const ROOT = path.resolve(import.meta.dirname, '../..');
const SRC = path.join(ROOT, 'src');

function sourceFiles(dir: string): string[] {
  return readdirSync(dir, { withFileTypes: true }).flatMap((entry) => {
    const full = path.join(dir, entry.name);
    if (entry.isDirectory()) return sourceFiles(full);
    return /\.(ts|astro|mjs)$/.test(entry.name) ? [full] : [];
  });
}

/** Every relative module a file imports (static, dynamic, re-export), as a path from src/. */
function importsOf(file: string): string[] {
  const text = readFileSync(file, 'utf8');
  const specifiers = [...text.matchAll(/(?:from\s+|import\s*\(\s*|import\s+)'(\.{1,2}\/[^']+)'/g)];
  return specifiers.map((m) => path.relative(SRC, path.resolve(path.dirname(file), m[1] as string)));
}

const layer = (relative: string) => relative.split(path.sep)[0] ?? '';

describe('imports', () => {
  const files = sourceFiles(SRC).map((file) => ({
    file: path.relative(SRC, file),
    imports: importsOf(file),
  }));

  it('are found (the scan sees the files it checks)', () => {
    expect(files.length).toBeGreaterThan(50);
    expect(files.find((f) => f.file === path.join('server', 'bootstrap.ts'))?.imports).toContain(
      path.join('demo', 'seed-demo.ts'),
    );
  });

  it('reach src/demo only from src/demo, src/cli and the first-start seeding', () => {
    const allowed = new Set(['demo', 'cli']);
    const offenders = files.flatMap(({ file, imports }) =>
      allowed.has(layer(file)) || file === path.join('server', 'bootstrap.ts')
        ? []
        : imports.filter((i) => layer(i) === 'demo').map((i) => `${file} → ${i}`),
    );
    expect(offenders).toEqual([]);
  });

  it('leave src/db on the ground floor: it imports no domain, demo, server or page code (db/migrations is beside it)', () => {
    const offenders = files
      .filter(({ file }) => layer(file) === 'db')
      .flatMap(({ file, imports }) =>
        imports.filter((i) => layer(i) !== 'db' && layer(i) !== '..').map((i) => `${file} → ${i}`),
      );
    expect(offenders).toEqual([]);
  });
});
