// What a tester broke in the back office (issue 21), against the built server in its own process
// with real parallel requests: a burst of sign-ins that all passed the limit, uploads of 60 MB read
// before anyone looked at the session, a flood of wrong sign-ins that held the thread pool, a
// password-change form that let a stolen session guess, and downloads after a password reset.
import { randomUUID } from 'node:crypto';
import http from 'node:http';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { DEMO_ACCOUNTS } from '../../src/demo/demo-accounts.ts';
import {
  type BuiltServer,
  builtServerAvailable,
  sampleMemory,
  startBuiltServer,
} from '../support/built-server.ts';
import { signInOverHttp } from '../support/officer-session.ts';
import { TEST_ENGINE } from '../support/test-database.ts';

const available = builtServerAvailable();
/**
 * What involves no database (the hash queue, the upload door, both in the process) runs once, in
 * the sqlite project; what counts in the database (sign-in and submission limits) runs on both.
 */
const onSqliteOnly = TEST_ENGINE === 'sqlite' ? it : it.skip;
let server: BuiltServer;
const MB = 1024 * 1024;

beforeAll(async () => {
  if (!available) return;
  // Behind a proxy, so that the flood below can come from many addresses. The forms below carry
  // no proof of work (no JavaScript): a third of the submissions limit, so 2 of 6.
  server = await startBuiltServer({ TRUST_PROXY: '1', LIMIT_SUBMISSIONS_PER_CLIENT: '6' });
});
afterAll(async () => {
  await server?.stop();
});

const passwordOf = (username: string) => DEMO_ACCOUNTS.find((a) => a.username === username)?.password ?? '';

function signIn(username: string, password: string, from: string) {
  return fetch(`${server.url}/petugas/masuk`, {
    method: 'POST',
    redirect: 'manual',
    headers: {
      'content-type': 'application/x-www-form-urlencoded',
      origin: server.url,
      'x-forwarded-for': from,
    },
    body: new URLSearchParams({ username, password }),
  });
}

/** The server's resident memory before `work` and the highest reading while it ran. */
async function peakRss(work: () => Promise<unknown>): Promise<{ before: number; peak: number }> {
  const sampling = sampleMemory(server.pid, 20);
  try {
    await work();
  } finally {
    sampling.stop();
  }
  return { before: sampling.before, peak: sampling.stop() };
}

interface Upload {
  /** The answer, once the server gave one; the body may be far from all sent. */
  answer: Promise<{ status: number; location: string | undefined; sentBytes: number }>;
  abort(): void;
}

/**
 * A multipart upload that declares `declaredBytes` and sends its body slowly, as a slow line or an
 * attacker would: the headers, a pause in which a server that judges by them has answered, then a
 * megabyte at a time up to `sendBytes`. The answer says how much had been sent.
 */
function slowUpload(path: string, cookie: string | null, declaredBytes: number, sendBytes: number): Upload {
  const boundary = 'x-cek-bansos-boundary';
  const request = http.request(`${server.url}${path}`, {
    method: 'POST',
    headers: {
      'content-type': `multipart/form-data; boundary=${boundary}`,
      'content-length': String(declaredBytes),
      origin: server.url,
      ...(cookie ? { cookie } : {}),
    },
  });
  let sentBytes = 0;
  let over = false;
  const answer = new Promise<{ status: number; location: string | undefined; sentBytes: number }>(
    (resolve, reject) => {
      request.on('response', (response) => {
        over = true;
        response.resume();
        resolve({ status: response.statusCode ?? 0, location: response.headers.location, sentBytes });
      });
      request.on('error', (error) => {
        if (!over) reject(error);
      });
    },
  );
  const chunk = Buffer.alloc(MB, 0x61);
  const pump = () => {
    if (over || request.destroyed || sentBytes >= sendBytes) return;
    sentBytes += chunk.length;
    if (request.write(chunk)) setTimeout(pump, 5);
    else request.once('drain', () => setTimeout(pump, 5));
  };
  // The headers alone first: a server that judges by them answers before a byte of the body, and
  // the client is then not writing into a connection the server is closing.
  request.flushHeaders();
  setTimeout(() => {
    if (over || request.destroyed) return;
    request.write(
      `--${boundary}\r\nContent-Disposition: form-data; name="file"; filename="daftar.csv"\r\n\r\n`,
    );
    pump();
  }, 1000);
  return {
    answer,
    abort: () => {
      over = true;
      request.destroy();
    },
  };
}

describe.runIf(available)('the back office under attack, on the built server', { timeout: 240_000 }, () => {
  it('150 sign-ins at once from one address, the right password as the 140th: none signs in', async () => {
    const { before, peak } = await peakRss(async () => {
      const answers = await Promise.all(
        Array.from({ length: 150 }, (_, i) =>
          signIn(
            'kel.kranggan',
            i === 139 ? passwordOf('kel.kranggan') : `tebakan-${i}-salah`,
            '198.51.100.7',
          ),
        ),
      );
      const statuses = answers.map((a) => a.status);
      expect(statuses.filter((s) => s === 303)).toHaveLength(0);
      expect(statuses.filter((s) => s === 422)).toHaveLength(5);
      expect(statuses.filter((s) => s === 429)).toHaveLength(145);
    });
    console.log(`150 sign-ins at once: RSS ${(before / MB).toFixed(0)} → ${(peak / MB).toFixed(0)} MB`);
    // Five checks, one at a time: the tester saw 181 → 701 MB with all 150 checked at once.
    expect(peak - before).toBeLessThan(250 * MB);
  });

  onSqliteOnly(
    'a flood of wrong sign-ins from many addresses is told to come back; Cek answers meanwhile',
    async () => {
      let cekStatus = 0;
      let cekDoneFirst = false;
      let floodDone = false;
      const flood = Promise.all(
        Array.from({ length: 100 }, (_, i) => signIn(`tamu${i}`, `tebakan-${i}-salah`, `203.0.113.${i + 1}`)),
      ).then((answers) => {
        floodDone = true;
        return answers;
      });
      const cek = fetch(`${server.url}/api/v1/cek`, {
        method: 'POST',
        headers: { 'content-type': 'application/json', 'x-forwarded-for': '192.0.2.50' },
        body: JSON.stringify({ nik: '3576021403680001', kk: '3576021205150001' }),
      }).then((r) => {
        cekStatus = r.status;
        cekDoneFirst = !floodDone;
      });
      const [answers] = await Promise.all([flood, cek]);
      const busy = answers.filter((a) => a.status === 429);
      // One hash runs and 16 wait: the rest are refused at once, with when to come back.
      expect(busy.length).toBeGreaterThanOrEqual(100 - 17);
      for (const a of busy) expect(Number(a.headers.get('retry-after'))).toBeGreaterThan(0);
      expect(answers.filter((a) => a.status === 303)).toHaveLength(0);
      expect(cekStatus).toBe(200);
      expect(cekDoneFirst).toBe(true);
    },
  );

  onSqliteOnly(
    '24 anonymous 60 MB uploads are refused from their headers: nothing read, memory flat',
    async () => {
      const { before, peak } = await peakRss(async () => {
        const uploads = Array.from({ length: 24 }, () =>
          slowUpload('/petugas/impor', null, 60 * MB, 60 * MB),
        );
        const answers = await Promise.all(uploads.map((u) => u.answer));
        for (const u of uploads) u.abort();
        for (const a of answers) {
          expect(a.status).toBe(303);
          expect(a.location).toBe('/petugas/masuk?next=%2Fpetugas%2Fimpor');
          // Answered long before the body was: the tester's server read all 60 MB first.
          expect(a.sentBytes).toBeLessThan(20 * MB);
        }
      });
      console.log(`24 anonymous uploads: RSS ${(before / MB).toFixed(0)} → ${(peak / MB).toFixed(0)} MB`);
      expect(peak - before).toBeLessThan(100 * MB);
    },
  );

  onSqliteOnly(
    'an officer who may not import is refused before the body; uploads past two wait, past ten are refused',
    async () => {
      const kelurahan = await signInOverHttp(server.url, 'kel.wates');
      const refused = slowUpload('/petugas/impor', kelurahan.cookie, 60 * MB, 60 * MB);
      const answer = await refused.answer;
      refused.abort();
      expect(answer.status).toBe(404);
      expect(answer.sentBytes).toBeLessThan(20 * MB);

      const dinsos = await signInOverHttp(server.url, 'dinsos.mojokerto');
      // Ten slow uploads (each sends 2 MB of a declared 30 MB, then waits): two are read, eight wait
      // at the door unread. The eleventh is told to come back.
      const slow = Array.from({ length: 10 }, () =>
        slowUpload('/petugas/impor', dinsos.cookie, 30 * MB, 2 * MB),
      );
      await new Promise((resolve) => setTimeout(resolve, 1500));
      const eleventh = await fetch(`${server.url}/petugas/impor`, {
        method: 'POST',
        redirect: 'manual',
        headers: {
          cookie: dinsos.cookie,
          origin: server.url,
          'content-type': 'multipart/form-data; boundary=x',
        },
        body: '--x--\r\n',
      });
      expect(eleventh.status).toBe(503);
      expect(Number(eleventh.headers.get('retry-after'))).toBeGreaterThan(0);
      expect(await eleventh.text()).toContain('Unggahan lain sedang dibaca');
      for (const upload of slow) upload.abort();
      // Once they are gone, the door is open again: the next upload is read (and its empty form refused).
      await new Promise((resolve) => setTimeout(resolve, 500));
      const after = await dinsos.post('/petugas/impor', {});
      expect(after.status).not.toBe(503);
    },
  );

  it('five wrong current passwords on the change form sign the session out', async () => {
    const officer = await signInOverHttp(server.url, 'dinsos.surabaya');
    const change = (current: string) =>
      officer.post('/petugas/sandi', {
        current,
        next: 'kalimat baru yang panjang',
        confirm: 'kalimat baru yang panjang',
      });
    for (let i = 0; i < 5; i++) expect((await change(`tebakan-${i}-salah`)).status).toBe(422);
    const stopped = await change(passwordOf('dinsos.surabaya'));
    expect(stopped.status).toBe(429);
    expect(await stopped.text()).toContain('Anda telah dikeluarkan');
    const after = await officer.get('/petugas');
    expect(after.status).toBe(303);
    expect(after.headers.get('location')).toMatch(/^\/petugas\/masuk/);
  });

  it('an officer who must change the password (new account, or after a reset) reaches no download first', async () => {
    const admin = await signInOverHttp(server.url, 'admin');
    const created = await admin.post('/petugas/pengguna', {
      action: 'create',
      username: 'dinsos.baru',
      display_name: 'Petugas Baru',
      role: 'dinsos',
      area_code: '35.76',
      rt: '',
      rw: '',
      password: 'sementara-123456',
    });
    expect(created.status).toBe(200);
    const officer = await signInOverHttp(server.url, 'dinsos.baru', 'sementara-123456');
    for (const path of [
      '/petugas/mutu.csv',
      '/petugas/impor/1/ditolak.csv',
      '/petugas/impor/1/mutu.csv',
      '/petugas/lampiran/1',
    ]) {
      const answer = await officer.get(path);
      expect(answer.status, path).toBe(303);
      expect(answer.headers.get('location'), path).toBe('/petugas/sandi');
    }
    expect((await officer.get('/petugas/sandi')).status).toBe(200);
  });

  it('a client past its submissions gets a 429 page that keeps what was typed', async () => {
    const complaint = (description: string) => {
      const form = new FormData();
      for (const [k, v] of Object.entries({
        form_token: randomUUID(),
        program: 'BPNT',
        problem: 'kks_terblokir',
        description,
        'contact.anonymous': 'ya',
        consent: 'ya',
      }))
        form.append(k, v);
      return fetch(`${server.url}/aduan`, {
        method: 'POST',
        body: form,
        headers: { origin: server.url, 'x-forwarded-for': '198.51.100.99' },
      });
    };
    for (let i = 1; i <= 2; i++)
      expect((await complaint(`Kartu KKS terblokir, aduan ke-${i}.`)).status).toBe(200);
    const refused = await complaint('Aduan ketiga: <b>saldo</b> tidak bisa dipakai sejak Oktober.');
    expect(refused.status).toBe(429);
    expect(Number(refused.headers.get('retry-after'))).toBeGreaterThan(0);
    const page = await refused.text();
    expect(page).toContain('Terlalu banyak pengajuan dari sambungan ini');
    expect(page).toContain('Aduan ketiga: &lt;b&gt;saldo&lt;/b&gt; tidak bisa dipakai sejak Oktober.');
  });
});
