// Wati checks too often, on every page that counts a lookup, against the built server
// (`node dist/node/main.mjs`: the pages and the server are two bundles with two copies of the
// domain). Each limited page answers 429 with Retry-After and says, in her language, how many
// minutes to wait — never "the service is broken" (503), never 500 or 422 (issue 11.1). A body
// that is not a form is her client's mistake: 400, not 500.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type BuiltServer, builtServerAvailable, startBuiltServer } from '../support/built-server.ts';
import { LISTED_HOUSEHOLD } from '../support/ticket-fixtures.ts';

const available = builtServerAvailable();
let server: BuiltServer;

beforeAll(async () => {
  if (!available) return;
  // Behind a trusted proxy, so each test is its own client (X-Forwarded-For). Her posts carry no
  // proof of work (as from a browser without JavaScript): a third of each limit, so 2 of 6.
  server = await startBuiltServer({
    TRUST_PROXY: '1',
    LIMIT_NIK_CHECKS_PER_CLIENT: '6',
    LIMIT_SEARCHES_PER_CLIENT: '6',
  });
});
afterAll(async () => {
  if (available) await server.stop();
});

const KEDUNDUNG = { province: '35', regency: '35.76', district: '35.76.02', village: '35.76.02.1009' };

function form(fields: Record<string, string>): FormData {
  const body = new FormData();
  for (const [name, value] of Object.entries(fields)) body.append(name, value);
  return body;
}

async function post(
  pathname: string,
  body: FormData | string,
  client: string,
  headers: Record<string, string> = {},
) {
  const res = await fetch(`${server.url}${pathname}`, {
    method: 'POST',
    body,
    // A browser sends its Origin with a form post.
    headers: { origin: server.url, 'x-forwarded-for': client, ...headers },
  });
  return { status: res.status, retryAfter: res.headers.get('retry-after'), html: await res.text() };
}

/** The page's error summary as text. */
const summary = (html: string) =>
  /<div class="error-summary"[\s\S]*?<\/div>/.exec(html)?.[0].replace(/<[^>]+>/g, ' ') ?? '';

async function expectLimited(send: () => ReturnType<typeof post>, lang: 'id' | 'en' = 'id') {
  const answers = [await send(), await send(), await send()];
  expect(answers.map((a) => a.status)).toEqual([200, 200, 429]);
  const limited = answers[2] as Awaited<ReturnType<typeof post>>;
  expect(Number(limited.retryAfter)).toBeGreaterThan(0);
  const minutes = Math.ceil(Number(limited.retryAfter) / 60);
  expect(summary(limited.html)).toContain(
    lang === 'id'
      ? `Terlalu banyak pemeriksaan — coba lagi dalam ${minutes} menit`
      : `Too many checks — try again in ${minutes} min`,
  );
  expect(limited.html).not.toContain('Layanan sedang bermasalah');
  return limited;
}

describe.runIf(available)('Wati checks too often', () => {
  it('Cek status answers 429 with the minutes to wait, keeping what she typed', async () => {
    const limited = await expectLimited(() =>
      post('/cek', form({ nik: LISTED_HOUSEHOLD.nik, kk: LISTED_HOUSEHOLD.kk }), '203.0.113.1'),
    );
    expect(limited.html).toContain(`value="${LISTED_HOUSEHOLD.nik}"`);
  });

  it('and in English when she chose English', async () => {
    await expectLimited(
      () =>
        post('/cek', form({ nik: LISTED_HOUSEHOLD.nik, kk: LISTED_HOUSEHOLD.kk }), '203.0.113.2', {
          cookie: 'lang=en',
          'accept-language': 'en',
        }),
      'en',
    );
  });

  it('the search by region and name answers 429, not 500 or 422', async () => {
    const limited = await expectLimited(() =>
      post('/cek/wilayah', form({ ...KEDUNDUNG, name: 'Sugeng', step: 'search' }), '203.0.113.3'),
    );
    expect(limited.html).toContain('value="Sugeng"');
  });

  it('the recipient search of an objection answers 429, keeping her words', async () => {
    const limited = await expectLimited(() =>
      post(
        '/sanggahan',
        form({ ...KEDUNDUNG, name: 'Sugeng', step: 'search', description: 'Sudah punya mobil dan toko.' }),
        '203.0.113.4',
      ),
    );
    expect(limited.html).toContain('Sudah punya mobil dan toko.');
  });

  it.each(['/lacak', '/usulan', '/aduan', '/sanggahan', '/cek', '/cek/wilayah'])(
    '%s answers 400 to a body that is not a form, and shows the form again',
    async (pathname) => {
      const answer = await post(pathname, '{"reference":"ADU-7KQ4M9XP"}', '203.0.113.9', {
        'content-type': 'application/json',
      });
      expect(answer.status).toBe(400);
      expect(answer.html).toContain('<form');
      expect(summary(answer.html)).toContain('Isi permintaan tidak sesuai');
    },
  );
});
