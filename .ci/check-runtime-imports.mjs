// After `npm prune --omit=dev`: every package the built files in dist/ import must still be
// installed. Page chunks are imported only when a page is first asked for, so starting the
// server alone would not find a missing one.
import { readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';

const dist = path.resolve(process.argv[2] ?? 'dist');
const files = readdirSync(dist, { recursive: true, withFileTypes: true })
  .filter((f) => f.isFile() && f.name.endsWith('.mjs') && !f.parentPath.includes(`${path.sep}client`))
  .map((f) => path.join(f.parentPath, f.name));
const specifier = `['"]([^'"./][^'"]*)['"]`;
const patterns = [
  new RegExp(String.raw`^\s*(?:import|export)\b[^'"]*?\bfrom\s*${specifier}`, 'gm'),
  new RegExp(String.raw`^\s*import\s*${specifier}`, 'gm'),
  new RegExp(String.raw`\bimport\(\s*${specifier}\s*\)`, 'g'),
];
const imported = new Map();
for (const file of files) {
  const text = readFileSync(file, 'utf8');
  for (const pattern of patterns) {
    for (const match of text.matchAll(pattern)) {
      if (!imported.has(match[1])) imported.set(match[1], path.relative(dist, file));
    }
  }
}
const missing = [];
for (const [name, file] of imported) {
  try {
    import.meta.resolve(name);
  } catch {
    missing.push(`${name} (imported by dist/${file})`);
  }
}
if (files.length === 0 || imported.size === 0) {
  console.error(`no built files with imports under ${dist}`);
  process.exit(1);
}
if (missing.length > 0) {
  console.error(`not installed, but the build imports them:\n  ${missing.join('\n  ')}`);
  process.exit(1);
}
console.log(`${imported.size} imports of ${files.length} built files resolve`);
