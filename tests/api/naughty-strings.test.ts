// Every string of the Big List of Naughty Strings goes into the text fields of every public
// JSON body, starting from the OpenAPI examples (valid bodies): nothing answers 5xx, every
// answer is JSON. In process, over the Hono app, so the whole list costs seconds.
import { describe, expect, it } from 'vitest';
import { dealNaughtyStrings, NAUGHTY_SEED, stringPaths, withValueAt } from '../support/naughty-strings.ts';
import { useTestApp } from '../support/test-app.ts';
import { freshHead, postJson } from '../support/ticket-fixtures.ts';

const ctx = useTestApp();

const ENDPOINTS = [
  '/api/v1/cek',
  '/api/v1/cek/wilayah',
  '/api/v1/usulan',
  '/api/v1/sanggahan',
  '/api/v1/aduan',
  '/api/v1/lacak',
  '/api/v1/lacak/perbaikan',
  '/api/v1/lacak/buka-kembali',
];

interface OpenApi {
  paths: Record<string, { post?: { requestBody?: { content: Record<string, { example?: unknown }> } } }>;
}

describe('naughty strings in every text field of every JSON body', () => {
  it('never answer 5xx, and always answer JSON', async () => {
    const doc = (await (await ctx.app.request('/api/openapi.json')).json()) as OpenApi;
    const fields = ENDPOINTS.flatMap((path) => {
      const example = doc.paths[path]?.post?.requestBody?.content['application/json']?.example;
      expect(example, `example body for ${path}`).toBeDefined();
      return stringPaths(example).map((field) => ({ path, example, field }));
    });
    const deal = dealNaughtyStrings(fields.length);
    expect(deal.covered(), 'every string of the list is sent').toBe(deal.total);

    const started = performance.now();
    const failures: string[] = [];
    let requests = 0;
    for (const [i, { path, example, field }] of fields.entries()) {
      for (const naughty of deal.forField(i)) {
        let body = withValueAt(example, field, naughty);
        // A new household for each proposal, so the text reaches every rule, not the duplicate check.
        if (path === '/api/v1/usulan' && field[0] !== 'head_nik' && field[0] !== 'kk') {
          const head = freshHead();
          body = {
            ...(body as object),
            head_nik: head.nik,
            kk: head.kk,
            birth_date: head.birthDate,
            sex: head.sex,
          };
          if (field[0] === 'birth_date' || field[0] === 'sex') body = withValueAt(body, field, naughty);
        }
        const res = await postJson(ctx.app, path, body);
        requests += 1;
        const text = await res.text();
        let json = true;
        try {
          JSON.parse(text);
        } catch {
          json = false;
        }
        if (res.status >= 500 || !json) {
          failures.push(
            `${res.status} ${path} ${field.join('.')}=${JSON.stringify(naughty)}: ${text.slice(0, 200)}`,
          );
        }
      }
    }
    const seconds = (performance.now() - started) / 1000;
    console.info(
      `naughty strings, JSON API: ${requests} requests over ${fields.length} fields of ${ENDPOINTS.length} endpoints, ${deal.total} distinct strings, ${seconds.toFixed(1)} s (seed ${NAUGHTY_SEED})`,
    );
    expect(failures, `seed ${NAUGHTY_SEED}`).toEqual([]);
  }, 180_000);
});
