// Two builds' inbox pages, byte for byte (decision 0045): each build is served over its own copy of
// one data directory (tools/inbox-two-builds.ts makes one: the demo data and 100,000 cases), and
// three officers (Dinas Sosial, kelurahan, RT) open the inbox at URLs with filters, hostile and
// empty values, pages and both languages, each twice (the second may be a kept copy). The pages
// must match but for their form tokens.
//
//   npx tsx tools/compare-inbox-pages.ts .scratch/dist-before dist <data dir>
import { cpSync, rmSync } from 'node:fs';
import { DEMO_ACCOUNTS } from '../src/demo/demo-accounts.ts';
import { startBuiltServer } from './built-server.ts';

const args = process.argv.slice(2);
if (args.length !== 3) throw new Error('usage: tools/compare-inbox-pages.ts <dist> <dist> <data dir>');
const [before, after, data] = args as [string, string, string];
const URLS = [
  '/petugas',
  '/petugas?kind=aduan&status=diterima',
  '/petugas?sla=breached&topic=lainnya&show=all',
  '/petugas?village=35.76.01.1003&program=BPNT',
  '/petugas?status=%22%3E%3Cscript%3E',
  '/petugas?rt=001&escalated=1&rw=%22x',
  '/petugas?assignee=none&escalated=0&rt=',
  '/petugas?assignee=me&show=closed',
  '/petugas?q=USL-7DEM2PRB',
  '/petugas?q=xx',
  '/petugas?page=3',
  '/petugas?lang=en',
  '/petugas?lang=en&kind=usulan',
];
const OFFICERS = ['dinsos.mojokerto', 'kel.wates', 'rt008.wates'];

async function pagesOf(dist: string): Promise<string[]> {
  const dir = `${data}-compare`;
  rmSync(dir, { recursive: true, force: true });
  cpSync(data, dir, { recursive: true });
  const server = await startBuiltServer(dist, { dataDir: dir, env: {} });
  const pages: string[] = [];
  try {
    for (const username of OFFICERS) {
      const password = DEMO_ACCOUNTS.find((a) => a.username === username)?.password ?? '';
      const login = await fetch(`${server.url}/petugas/masuk`, {
        method: 'POST',
        redirect: 'manual',
        headers: { origin: server.url, 'content-type': 'application/x-www-form-urlencoded' },
        body: new URLSearchParams({ username, password }),
      });
      const cookie = (login.headers.get('set-cookie') ?? '').split(';')[0] ?? '';
      for (const url of URLS)
        for (let i = 0; i < 2; i++) {
          const html = await (await fetch(server.url + url, { headers: { cookie } })).text();
          pages.push(html.replace(/name="csrf" value="[^"]*"/g, ''));
        }
    }
  } finally {
    await server.stop();
    rmSync(dir, { recursive: true, force: true });
  }
  return pages;
}

const a = await pagesOf(before);
const b = await pagesOf(after);
let same = 0;
a.forEach((page, i) => {
  const other = b[i] ?? '';
  if (page === other) {
    same++;
    return;
  }
  const at = [...page].findIndex((ch, x) => ch !== other[x]);
  const url = URLS[Math.floor(i / 2) % URLS.length];
  console.log(`DIFFERENT: ${OFFICERS[Math.floor(i / (2 * URLS.length))]} ${url}`);
  console.log(`  before …${page.slice(Math.max(0, at - 120), at + 120)}…`);
  console.log(`  after  …${other.slice(Math.max(0, at - 120), at + 120)}…`);
});
console.log(`${same} of ${a.length} pages the same`);
process.exitCode = same === a.length ? 0 : 1;
