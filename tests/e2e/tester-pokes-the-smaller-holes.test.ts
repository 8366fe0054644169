// The smaller holes a tester found, against the built server in its own process: status lines
// whose reason did not match the status ("422 OK"), pages with personal data that a browser or
// proxy could keep, 429s without Retry-After, and page errors written as multi-line text.
import http from 'node:http';
import SQLite from 'better-sqlite3';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { databaseFile } from '../../src/db/database.ts';
import { type BuiltServer, builtServerAvailable, startBuiltServer } from '../support/built-server.ts';

const available = builtServerAvailable();
let server: BuiltServer;

beforeAll(async () => {
  if (!available) return;
  server = await startBuiltServer({ LIMIT_NIK_CHECKS_PER_CLIENT: '3', LIMIT_SEARCHES_PER_CLIENT: '3' });
});
afterAll(async () => {
  await server?.stop();
});

interface Raw {
  status: number;
  reason: string;
  headers: http.IncomingHttpHeaders;
  body: string;
}

/** A request through node:http, which shows the status line's reason phrase as sent. */
function raw(method: string, path: string, body?: string | FormData, type?: string): Promise<Raw> {
  return new Promise((resolve, reject) => {
    const send = async () => {
      let payload: Buffer | undefined;
      let contentType = type;
      if (body instanceof FormData) {
        const encoded = new Response(body);
        contentType = encoded.headers.get('content-type') ?? undefined;
        payload = Buffer.from(await encoded.arrayBuffer());
      } else if (body !== undefined) {
        payload = Buffer.from(body);
        contentType ??= 'application/x-www-form-urlencoded';
      }
      const req = http.request(`${server.url}${path}`, {
        method,
        headers: {
          origin: server.url,
          ...(contentType ? { 'content-type': contentType } : {}),
          ...(payload ? { 'content-length': String(payload.length) } : {}),
        },
      });
      req.on('response', (res) => {
        let text = '';
        res.setEncoding('utf8');
        res.on('data', (d: string) => {
          text += d;
        });
        res.on('end', () =>
          resolve({
            status: res.statusCode ?? 0,
            reason: res.statusMessage ?? '',
            headers: res.headers,
            body: text,
          }),
        );
      });
      req.on('error', reject);
      // A body refused early (413) is cut off by the server while it is still being written: the
      // socket's EPIPE after the answer says nothing the answer did not.
      req.on('socket', (socket) => socket.on('error', () => {}));
      req.end(payload);
    };
    send().catch(reject);
  });
}

const REASONS: Record<number, string> = {
  200: 'OK',
  400: 'Bad Request',
  404: 'Not Found',
  413: 'Payload Too Large',
  422: 'Unprocessable Entity',
  429: 'Too Many Requests',
  500: 'Internal Server Error',
};

describe.skipIf(!available)('the smaller holes', () => {
  it('the status line reads the reason of its status, on pages and on the API', async () => {
    const answers = [
      await raw('POST', '/cek', 'nik=12&kk=34'),
      await raw('GET', '/tidak-ada'),
      await raw('POST', '/lacak', 'reference=x&__proto__.a=1'),
      await raw('POST', '/aduan', `description=${'x'.repeat(17 * 1024 * 1024)}`),
      await raw('GET', '/api/v1/tidak-ada'),
      await raw('POST', '/api/v1/cek', '{"nik":"1","kk":"2"}', 'application/json'),
      await raw('GET', '/kriteria'),
    ];
    expect(answers.map((a) => a.status)).toEqual([422, 404, 400, 413, 404, 422, 200]);
    for (const a of answers) expect(`${a.status} ${a.reason}`).toBe(`${a.status} ${REASONS[a.status]}`);
  });

  it('pages with personal data are never stored: results, Lacak, receipts with their tracking code', async () => {
    const form = new FormData();
    for (const [k, v] of Object.entries({
      form_token: '0d4c8a52-5b0e-4c57-9d0a-3f1e2d3c4b5a',
      program: 'BPNT',
      problem: 'kks_terblokir',
      description: 'Kartu KKS terblokir sejak Oktober, saldo tidak bisa dipakai.',
      'contact.anonymous': 'ya',
      consent: 'ya',
    }))
      form.append(k, v);
    const pages = {
      cekResult: await raw('POST', '/cek', 'nik=3576021403680001&kk=3576021205150001'),
      wilayahResult: await raw(
        'POST',
        '/cek/wilayah',
        'province=35&regency=35.76&district=35.76.02&village=35.76.02.1009&name=siti&step=search',
      ),
      lacakForm: await raw('GET', '/lacak?ref=ADU-TRB6HN2K'),
      lacakAnswer: await raw(
        'POST',
        '/lacak',
        'reference=ADU-TRB6HN2K&tracking_code=TRMBT-6HW2K&action=track',
      ),
      aduanReceipt: await raw('POST', '/aduan', form),
      home: await raw('GET', '/'),
      notFound: await raw('GET', '/tidak-ada'),
    };
    expect(pages.cekResult.body).toContain('Keluarga terdaftar');
    expect(pages.wilayahResult.status).toBe(200);
    expect(pages.lacakAnswer.body).toContain('ADU-TRB6HN2K');
    expect(pages.aduanReceipt.status, pages.aduanReceipt.body.slice(0, 500)).toBe(200);
    expect(pages.aduanReceipt.body).toMatch(/ADU-[0-9A-Z]{8}/);
    for (const [name, page] of Object.entries(pages))
      expect(page.headers['cache-control'], name).toBe('no-store');
    // The usulan and aduan forms hold only what was typed; they stay in history so that Back
    // from a receipt and a second send keep the form token (one ticket), out of shared caches.
    for (const path of ['/aduan', '/usulan']) {
      expect((await raw('GET', path)).headers['cache-control'], path).toBe('private, no-cache');
    }
    // Static files are still cached.
    const css = await raw('GET', '/css/app.css');
    expect(css.status).toBe(200);
    expect(css.headers['cache-control']).toContain('max-age');
    // Stylesheets and scripts travel gzipped; pages do not (a form's token beside typed text).
    for (const asset of ['/css/app.css', '/js/enhance.js', '/js/send-form.js']) {
      const res = await fetch(`${server.url}${asset}`, { headers: { 'accept-encoding': 'gzip' } });
      expect(res.headers.get('content-encoding'), asset).toBe('gzip');
      expect((await res.text()).length, asset).toBeGreaterThan(1000);
    }
    const page = await fetch(`${server.url}/usulan`, { headers: { 'accept-encoding': 'gzip' } });
    expect(page.headers.get('content-encoding')).toBeNull();
  });

  it('every 429 says when to try again, on pages and on the API', async () => {
    // The limits are 3 per client: one check and one search were made above.
    const cek = [];
    for (let i = 0; i < 3; i++)
      cek.push(await raw('POST', '/cek', 'nik=3576010906810001&kk=3576011601170001'));
    const search = [];
    for (let i = 0; i < 3; i++) {
      search.push(
        await raw(
          'POST',
          '/cek/wilayah',
          'province=35&regency=35.76&district=35.76.02&village=35.76.02.1009&name=sugeng&step=search',
        ),
      );
    }
    const api = await raw(
      'POST',
      '/api/v1/cek',
      '{"nik":"3576010906810001","kk":"3576011601170001"}',
      'application/json',
    );
    const refused = [cek.at(-1), search.at(-1), api] as Raw[];
    for (const r of refused) {
      expect(r.status).toBe(429);
      expect(Number(r.headers['retry-after'])).toBeGreaterThan(0);
      expect(Number(r.headers['retry-after'])).toBeLessThanOrEqual(600);
    }
    expect(cek.at(-1)?.body).toMatch(/Terlalu banyak pemeriksaan — coba lagi dalam \d+ menit/);
    expect(search.at(-1)?.body).toMatch(/Terlalu banyak pemeriksaan — coba lagi dalam \d+ menit/);
  });

  // Last: it breaks the database under the running server.
  it('a page that fails writes only JSON lines on stdout and stderr, without the query string', async () => {
    const sqlite = new SQLite(databaseFile(server.dataDir));
    sqlite.exec('ALTER TABLE program_memberships RENAME TO gone_memberships');
    sqlite.exec('ALTER TABLE ticket_submissions RENAME TO gone_submissions');
    sqlite.close();
    const failed = [
      await raw('GET', '/statistik?region=35.76&program=BPNT&period=2020-12'),
      await raw('POST', '/lacak?ref=ADU-TRB6HN2K', 'reference=ADU-TRB6HN2K&tracking_code=TRMBT-6HW2K'),
    ];
    expect(failed.map((f) => f.status)).toEqual([500, 500]);
    await new Promise((r) => setTimeout(r, 300));
    const notJson = server.lines.filter(({ text }) => {
      try {
        JSON.parse(text);
        return false;
      } catch {
        return true;
      }
    });
    expect(notJson).toEqual([]);
    const errors = server.lines.map(({ text }) => JSON.parse(text)).filter((l) => l.level >= 50);
    expect(errors.length).toBeGreaterThanOrEqual(2);
    expect(JSON.stringify(errors)).toContain('no such table');
    const all = server.lines.map((l) => l.text).join('\n');
    expect(all).not.toContain('region=35.76');
    expect(all).not.toContain('TRMBT-6HW2K');
  });
});
