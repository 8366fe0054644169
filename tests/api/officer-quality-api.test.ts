// The data-quality report as JSON under /api/v1/petugas: the officer's session cookie, the
// import roles, the Dinas Sosial's area on the whole register, and bad queries answered 4xx with
// a message in the caller's language.
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createImport } from '../../src/domain/import/run-import.ts';
import { runRegisterReport } from '../../src/domain/quality/register-run.ts';
import { readAndApply } from '../support/imports.ts';
import { sessionOf } from '../support/officers.ts';
import { dirtyList, placesIn } from '../support/recipient-lists.ts';
import { useTestApp } from '../support/test-app.ts';

const ctx = useTestApp();
let dir: string;
let importId: number;
let cookies: Record<'admin' | 'dinsos' | 'kelurahan', string>;

interface ReportBody {
  report: {
    scope: Record<string, unknown>;
    counts: Record<string, { findings: number; dismissed: number }>;
    rule: string | null;
    page: number;
    pages: number;
    pageSize: number;
    total: number;
    findings: { key: string; rule: string; niks: string[]; lines: number[] }[];
  };
}
interface ErrorBody {
  error: { code: string; message: string; field?: string };
}

const get = (url: string, cookie?: string, headers: Record<string, string> = {}) =>
  ctx.app.request(url, { headers: { ...(cookie ? { cookie: `cb_petugas=${cookie}` } : {}), ...headers } });

beforeAll(async () => {
  const deps = ctx.env.deps;
  dir = mkdtempSync(path.join(tmpdir(), 'cek-bansos-api-quality-'));
  const [a, b] = placesIn(deps.regions, '35.76');
  const [c, d] = placesIn(deps.regions, '34.02');
  for (const [name, text] of [
    ['bantul.csv', dirtyList(c, d, 10).text.replaceAll(';2021-02;', ';2021-03;')],
    ['mojokerto.csv', dirtyList(a, b, 10).text],
  ] as const) {
    const file = path.join(dir, name);
    writeFileSync(file, text);
    const created = await createImport(deps, {
      fileName: name,
      file,
      defaults: {},
      source: 'cli',
      createdBy: null,
    });
    await readAndApply(deps, created.id, file);
    importId = created.id;
  }
  cookies = {
    admin: (await sessionOf(deps, 'admin')).token,
    dinsos: (await sessionOf(deps, 'dinsos.mojokerto')).token,
    kelurahan: (await sessionOf(deps, 'kel.wates')).token,
  };
}, 180_000);

afterAll(() => {
  if (dir) rmSync(dir, { recursive: true, force: true });
});

describe('GET /api/v1/petugas/mutu', () => {
  it('answers 401 without a session and 404 for a role that reads no reports', async () => {
    const none = await get('/api/v1/petugas/mutu');
    expect(none.status).toBe(401);
    expect(((await none.json()) as ErrorBody).error.code).toBe('unauthorized');
    const forged = await get('/api/v1/petugas/mutu', 'not-a-session');
    expect(forged.status).toBe(401);
    expect((await get('/api/v1/petugas/mutu', cookies.kelurahan)).status).toBe(404);
  });

  it('answers 404 with a message until a run has finished, then the report of the officer’s area', async () => {
    const early = await get('/api/v1/petugas/mutu', cookies.dinsos, { 'accept-language': 'en' });
    expect(early.status).toBe(404);
    expect(((await early.json()) as ErrorBody).error.message).toContain('/petugas/mutu');

    const { id } = await ctx.env.deps.db
      .insertInto('quality_runs')
      .values({ status: 'queued', created_by: null, created_at: new Date().toISOString() })
      .returning('id')
      .executeTakeFirstOrThrow();
    await runRegisterReport(ctx.env.deps, id);

    const all = (await (await get('/api/v1/petugas/mutu', cookies.admin)).json()) as ReportBody;
    const own = await get('/api/v1/petugas/mutu', cookies.dinsos);
    expect(own.status).toBe(200);
    expect(own.headers.get('cache-control')).toBe('no-store');
    const body = (await own.json()) as ReportBody;
    expect(body.report.scope).toMatchObject({ register: true, runId: id });
    expect(body.report.total).toBeGreaterThan(0);
    expect(body.report.total).toBeLessThan(all.report.total);
    expect(body.report.pageSize).toBe(500);
    const keys = new Set(body.report.findings.map((f) => f.key));
    expect(all.report.findings.some((f) => !keys.has(f.key) && f.niks[0]?.startsWith('3402'))).toBe(true);

    const one = (await (
      await get('/api/v1/petugas/mutu?aturan=duplicate_nik_period', cookies.dinsos)
    ).json()) as ReportBody;
    expect(one.report.findings.length).toBeGreaterThan(0);
    expect(one.report.findings.every((f) => f.rule === 'duplicate_nik_period')).toBe(true);
  });

  it('refuses an unknown rule or a page outside 1 … pages with 422 and the field', async () => {
    for (const [query, field] of [
      ['aturan=__proto__', 'aturan'],
      ['aturan=constructor', 'aturan'],
      ['halaman=0', 'halaman'],
      ['halaman=-1', 'halaman'],
      ['halaman=abc', 'halaman'],
      ['halaman=1e9', 'halaman'],
      ['halaman=99999999', 'halaman'],
      ['halaman=999999999999999999999', 'halaman'],
    ]) {
      const res = await get(`/api/v1/petugas/mutu?${query}`, cookies.dinsos);
      expect(res.status, query).toBe(422);
      const error = ((await res.json()) as ErrorBody).error;
      expect(error.field, query).toBe(field);
      expect(error.message.length, query).toBeGreaterThan(10);
    }
  });
});

describe('GET /api/v1/petugas/impor/{id}/mutu', () => {
  it('gives a finished import’s report to the Dinas Sosial and admin, paged', async () => {
    const res = await get(`/api/v1/petugas/impor/${importId}/mutu`, cookies.dinsos);
    expect(res.status).toBe(200);
    const body = (await res.json()) as ReportBody;
    expect(body.report.scope).toEqual({ importId });
    expect(body.report.counts.rejected_row?.findings).toBe(3);
    expect(body.report.findings.some((f) => f.rule === 'nik_invalid' && f.lines.length > 0)).toBe(true);
  });

  it('answers 404 for forged, unknown or huge ids and for other roles; 401 without a session', async () => {
    for (const id of ['abc', '0', '-1', '99999', '1e3', '__proto__', '9'.repeat(30)]) {
      const res = await get(`/api/v1/petugas/impor/${id}/mutu`, cookies.admin);
      expect(res.status, id).toBe(404);
    }
    expect((await get(`/api/v1/petugas/impor/${importId}/mutu`, cookies.kelurahan)).status).toBe(404);
    expect((await get(`/api/v1/petugas/impor/${importId}/mutu`)).status).toBe(401);
  });

  it('takes no writes: POST is not a route here', async () => {
    const res = await ctx.app.request(`/api/v1/petugas/impor/${importId}/mutu`, {
      method: 'POST',
      headers: { cookie: `cb_petugas=${cookies.admin}`, 'content-type': 'application/json' },
      body: '{}',
    });
    expect(res.status).toBe(404);
  });
});
