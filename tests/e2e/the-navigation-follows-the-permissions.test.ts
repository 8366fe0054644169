// The back office's navigation on the built server, for every demo account: it links exactly the
// pages the officer's role opens (permissions.ts `canOpenPage`), in the order it always had; every
// linked page answers 200 and every section left out answers 404 (NotForRole), so the menu never
// offers a door that is shut nor hides one that is open.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { DEMO_ACCOUNTS } from '../../src/demo/demo-accounts.ts';
import { type BuiltServer, builtServerAvailable, startBuiltServer } from '../support/built-server.ts';
import { signInOverHttp } from '../support/officer-session.ts';

const available = builtServerAvailable();
let server: BuiltServer;

beforeAll(async () => {
  if (!available) return;
  server = await startBuiltServer();
}, 120_000);

afterAll(async () => {
  if (!available) return;
  await server.stop();
});

/** Each office's menu as it was before the permissions moved into one module (the password page last). */
const MENU: Record<string, string[]> = {
  admin: [
    '/petugas/pengguna',
    '/petugas/audit',
    '/petugas/pesan',
    '/petugas/hari-libur',
    '/petugas/templat',
    '/petugas/program',
    '/petugas/impor',
    '/petugas/mutu',
    '/petugas/sandi',
  ],
  dinsos: [
    '/petugas',
    '/petugas/statistik',
    '/petugas/ekspor',
    '/petugas/musyawarah',
    '/petugas/notifikasi',
    '/petugas/templat',
    '/petugas/program',
    '/petugas/akses',
    '/petugas/impor',
    '/petugas/mutu',
    '/petugas/sandi',
  ],
  kelurahan: [
    '/petugas',
    '/petugas/statistik',
    '/petugas/ekspor',
    '/petugas/musyawarah',
    '/petugas/notifikasi',
    '/petugas/sandi',
  ],
  rt_rw: ['/petugas', '/petugas/usulan-rt', '/petugas/notifikasi', '/petugas/sandi'],
};

const SECTIONS = [...new Set(Object.values(MENU).flat())];

describe.skipIf(!available)('the navigation on the built server', () => {
  for (const account of DEMO_ACCOUNTS) {
    it(`${account.username}: links exactly the pages the role opens, each of which answers`, async () => {
      const session = await signInOverHttp(server.url, account.username);
      const page = await session.get('/petugas/sandi');
      expect(page.status).toBe(200);
      const html = await page.text();
      const nav = /<nav aria-label="[^"]*">([\s\S]*?)<\/nav>/.exec(html)?.[1] ?? '';
      const links = [...nav.matchAll(/<a href="([^"]+)"/g)].map((m) => m[1]);
      expect(links).toEqual(MENU[account.role]);
      for (const section of SECTIONS) {
        const answer = await session.get(section);
        // The admin has no inbox: /petugas sends them on to the accounts.
        const expected = links.includes(section) ? 200 : section === '/petugas' ? 303 : 404;
        expect({ section, status: answer.status }).toEqual({ section, status: expected });
        await answer.arrayBuffer();
      }
    });
  }
});
