// Dewi uses the pages, not the API, as a phone without JavaScript would (a plain multipart form
// POST to the real server with the built pages): the odd files of issue 8.5 are refused beside
// their field in Bahasa Indonesia with everything she typed kept, a GPS-tagged photo is stored
// without its position; then the limits of issue 8.3 and 8.4 answer 429 on the pages too.

import { existsSync } from 'node:fs';
import path from 'node:path';
import sharp from 'sharp';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { databaseFile, openSqlite } from '../../src/db/database.ts';
import { readConfig } from '../../src/server/config.ts';
import { type RunningServer, startServer } from '../../src/server/start.ts';
import {
  fourByteJpeg,
  gpsTaggedJpeg,
  jpegWithScriptComment,
  pdfWithEscapedJavaScript,
  pdfWithJavaScript,
  pixelBombPng,
  truncatedJpeg,
} from '../support/hostile-files.ts';
import { proofHeader } from '../support/proof-of-work.ts';
import { copyTemplateDatabase, KEEP_THE_DEMO_HISTORY } from '../support/test-app.ts';
import { LISTED_HOUSEHOLD } from '../support/ticket-fixtures.ts';

const ASTRO_ENTRY = path.resolve('dist/server/entry.mjs');
const built = existsSync(ASTRO_ENTRY);
if (!built) {
  if (process.env.CI === 'true') throw new Error('no build at dist/ (npm run build)');
  console.warn('\n!!! PAGE TESTS CANNOT RUN: no build at dist/ (npm run build) — skipping them.\n');
}

let server: RunningServer;
let dataDir: string;
let cleanup: () => Promise<void>;

beforeAll(async () => {
  if (!built) return;
  ({ dataDir, cleanup } = await copyTemplateDatabase());
  // Through readConfig, so that the database file follows DATA_DIR to the copy.
  const config = readConfig({
    DATA_DIR: dataDir,
    DEMO_DATA: '0',
    LOG_LEVEL: 'silent',
    ...KEEP_THE_DEMO_HISTORY,
  });
  server = await startServer(
    { ...config, port: 0, limits: { ...config.limits, perClient: 3, trackingPerReference: 3 } },
    { astroEntry: ASTRO_ENTRY, clientDir: path.resolve('dist/client') },
  );
});
afterAll(async () => {
  if (!built) return;
  await server.close();
  await cleanup();
});

const DESCRIPTION = 'Foto kartu KKS saya yang terblokir sejak Oktober, mohon dibantu.';

function complaintForm(file?: { bytes: Uint8Array; name: string; type: string }, nik = ''): FormData {
  const form = new FormData();
  form.append('program', 'BPNT');
  form.append('problem', 'kks_terblokir');
  form.append('nik', nik);
  form.append('description', DESCRIPTION);
  form.append('contact.anonymous', 'ya');
  form.append('consent', 'ya');
  if (file)
    form.append(
      'lampiran_1',
      new Blob([file.bytes as Uint8Array<ArrayBuffer>], { type: file.type }),
      file.name,
    );
  return form;
}

async function postPage(pathname: string, form: FormData) {
  // A browser sends its Origin with a form; Astro refuses a cross-site form POST without it.
  const res = await fetch(`${server.url}${pathname}`, {
    method: 'POST',
    body: form,
    headers: { origin: server.url },
  });
  return { status: res.status, html: await res.text() };
}

describe.runIf(built)('Dewi sends odd files on the complaint form', () => {
  it.each([
    ['a cut photo', truncatedJpeg, 'kartu.jpg', 'image/jpeg', 'Foto tidak dapat dibuka'],
    [
      'four bytes named .jpg',
      async () => fourByteJpeg(),
      'kartu.jpg',
      'image/jpeg',
      'Foto tidak dapat dibuka',
    ],
    ['a 400-megapixel PNG', () => pixelBombPng(), 'kartu.png', 'image/png', 'Ukuran gambar terlalu besar'],
    [
      'a PDF that runs JavaScript',
      async () => pdfWithJavaScript(),
      'surat.pdf',
      'application/pdf',
      'PDF ini berisi skrip',
    ],
    [
      'a PDF with /J#61vaScript',
      async () => pdfWithEscapedJavaScript(),
      'surat.pdf',
      'application/pdf',
      'PDF ini berisi skrip',
    ],
  ] as const)(
    '%s: 422, the reason beside the file, her words kept',
    async (_name, make, name, type, message) => {
      const { status, html } = await postPage('/aduan', complaintForm({ bytes: await make(), name, type }));
      expect(status).toBe(422);
      expect(html).toContain(message);
      expect(html).toContain(DESCRIPTION);
      expect(html).not.toContain('Nomor tiket');
    },
  );

  it('a photo with a script comment and one with GPS are taken, stored without either', async () => {
    for (const bytes of [await jpegWithScriptComment(), await gpsTaggedJpeg()]) {
      const { status, html } = await postPage(
        '/aduan',
        complaintForm({ bytes, name: 'kartu.jpg', type: 'image/jpeg' }),
      );
      expect(status).toBe(200);
      expect(html).toMatch(/ADU-[0-9A-Z]{8}/);
    }
    const { db } = openSqlite(databaseFile(dataDir));
    const rows = await db
      .selectFrom('ticket_attachments')
      .select('stored_name')
      .orderBy('id', 'desc')
      .limit(2)
      .execute();
    await db.destroy();
    for (const row of rows) {
      const stored = await sharp(path.join(dataDir, 'attachments', row.stored_name)).toBuffer({
        resolveWithObject: true,
      });
      expect((await sharp(stored.data).metadata()).exif).toBeUndefined();
      const raw = (await import('node:fs')).readFileSync(path.join(dataDir, 'attachments', row.stored_name));
      expect(raw.toString('latin1')).not.toContain('<script');
      expect((await sharp(raw).metadata()).exif).toBeUndefined();
    }
  });
});

describe.runIf(built)('Dewi guesses too much', () => {
  it('the tracking page answers 429 once one reference has had its tries', async () => {
    const statuses = [];
    for (let i = 0; i < 4; i++) {
      const form = new FormData();
      form.append('reference', 'ADU-7KQ4M9XP');
      form.append('tracking_code', `ZZZZZ-ZZZZ${i + 2}`);
      form.append('action', 'track');
      const { status, html } = await postPage('/lacak', form);
      statuses.push(status);
      // Without a proof of work (no JavaScript) a reference past its limit refuses, saying what helps.
      if (status === 429)
        expect(html).toMatch(
          /Aktifkan JavaScript di browser untuk memeriksanya sekarang, atau coba lagi dalam \d+ menit/,
        );
    }
    expect(statuses).toEqual([404, 404, 404, 429]);
  });

  it('the complaint form answers 429 for a NIK once her NIK checks are used up, keeping her words', async () => {
    for (let i = 0; i < 3; i++) {
      const res = await fetch(`${server.url}/api/v1/cek`, {
        method: 'POST',
        // With a proof of work: all three of her checks (without one, a third of them).
        headers: { 'content-type': 'application/json', ...(await proofHeader(server.url)) },
        body: JSON.stringify({ nik: LISTED_HOUSEHOLD.nik, kk: LISTED_HOUSEHOLD.kk }),
      });
      expect(res.status).toBe(200);
    }
    const { status, html } = await postPage('/aduan', complaintForm(undefined, LISTED_HOUSEHOLD.nik));
    expect(status).toBe(429);
    expect(html).toMatch(/Terlalu banyak pemeriksaan — coba lagi dalam \d+ menit/);
    expect(html).toContain(DESCRIPTION);
  });

  it('and Cek status says 429 too, not "service unavailable" (the limits live in the server bundle)', async () => {
    const form = new FormData();
    form.append('nik', LISTED_HOUSEHOLD.nik);
    form.append('kk', LISTED_HOUSEHOLD.kk);
    const { status, html } = await postPage('/cek', form);
    expect(status).toBe(429);
    expect(html).toMatch(/Terlalu banyak pemeriksaan — coba lagi dalam \d+ menit/);
  });
});
