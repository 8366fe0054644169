// A page is rendered whole before it is sent (astro.config.mjs: `experimentalDisableStreaming`,
// decision 0048): it goes out with its length, in one piece. Streaming cost every page a second
// copy of its bytes and a stream per request (the home page 8–10 % of its CPU, the Dinas Sosial's
// inbox 8 %), and our pages render in about a millisecond, so nothing arrived sooner for it.
// Against the built server.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type BuiltServer, builtServerAvailable, startBuiltServer } from '../support/built-server.ts';
import { signInOverHttp } from '../support/officer-session.ts';

const available = builtServerAvailable();
let server: BuiltServer;

beforeAll(async () => {
  if (available) server = await startBuiltServer();
}, 120_000);
afterAll(async () => {
  if (available) await server.stop();
});

async function fetched(path: string, cookie?: string) {
  const res = await fetch(new URL(path, server.url), { headers: cookie ? { cookie } : {} });
  const body = Buffer.from(await res.arrayBuffer());
  return { res, body };
}

describe.skipIf(!available)('a page', () => {
  it.each(['/', '/cek', '/aduan', '/lacak', '/statistik'])(
    '%s is sent whole, with its length',
    async (path) => {
      const { res, body } = await fetched(path);
      expect(res.status).toBe(200);
      expect(res.headers.get('content-type')).toMatch(/^text\/html/);
      expect(res.headers.get('transfer-encoding')).toBeNull();
      expect(Number(res.headers.get('content-length'))).toBe(body.length);
      expect(body.toString('utf8')).toMatch(/<\/html>\s*$/);
    },
  );

  it('is sent whole in the back office too, the inbox included', async () => {
    const officer = await signInOverHttp(server.url, 'dinsos.mojokerto');
    const { res, body } = await fetched('/petugas', officer.cookie);
    expect(res.status).toBe(200);
    expect(res.headers.get('transfer-encoding')).toBeNull();
    expect(Number(res.headers.get('content-length'))).toBe(body.length);
    expect(body.toString('utf8')).toContain('</table>');
  });
});
