// A tester posted `__proto__.polluted=1` to /lacak and every page answered 500 until restart,
// while /healthz said ok. Every form of the public side gets field names that lead into an
// object's prototype, against the built server in its own process: each post is refused with a
// 400 that keeps what was typed, and afterwards pages, a JSON post and /healthz still work.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type BuiltServer, builtServerAvailable, startBuiltServer } from '../support/built-server.ts';
import { PUBLIC_PAGES } from '../support/public-pages.ts';

const available = builtServerAvailable();
let server: BuiltServer;

beforeAll(async () => {
  if (available) server = await startBuiltServer();
});
afterAll(async () => {
  await server?.stop();
});

const HOSTILE_NAMES = [
  '__proto__.polluted',
  'constructor.prototype.polluted',
  'members.__proto__.polluted',
  'members.0.__proto__.polluted',
  'socio.__proto__.polluted',
  '__proto__[polluted]',
];

const TOKEN = '6f1c2f9e-2b7a-4c1e-9d4b-0a1b2c3d4e5f';

interface FormCase {
  name: string;
  path: string;
  multipart: boolean;
  fields: Record<string, string>;
  /** What the resident typed, which the refusal page must still show. */
  typed: string;
}

const FORMS: FormCase[] = [
  {
    name: 'cek by NIK',
    path: '/cek',
    multipart: false,
    fields: { nik: '3576021403680001', kk: '3576021205150001' },
    typed: '3576021403680001',
  },
  {
    name: 'cek by region and name',
    path: '/cek/wilayah',
    multipart: false,
    fields: {
      province: '35',
      regency: '35.76',
      district: '35.76.02',
      village: '35.76.02.1009',
      name: 'siti wahyu',
      step: 'search',
    },
    typed: 'siti wahyu',
  },
  {
    name: 'usulan',
    path: '/usulan',
    multipart: true,
    fields: {
      form_token: TOKEN,
      step: 'submit',
      head_name: 'Slamet Widodo Tester',
      'members.0.name': 'Sumarni',
    },
    typed: 'Slamet Widodo Tester',
  },
  {
    name: 'sanggahan',
    path: '/sanggahan',
    multipart: true,
    fields: { form_token: TOKEN, step: 'submit', description: 'Keluarga ini sudah membuka toko besar.' },
    typed: 'Keluarga ini sudah membuka toko besar.',
  },
  {
    name: 'aduan',
    path: '/aduan',
    multipart: true,
    fields: { form_token: TOKEN, program: 'BPNT', description: 'Kartu KKS terblokir sejak Oktober.' },
    typed: 'Kartu KKS terblokir sejak Oktober.',
  },
  {
    name: 'lacak',
    path: '/lacak',
    multipart: false,
    fields: { reference: 'ADU-TRB6HN2K', tracking_code: 'TRMBT-6HW2K', action: 'track' },
    typed: 'ADU-TRB6HN2K',
  },
  {
    name: 'lacak: answering a correction request',
    path: '/lacak',
    multipart: true,
    fields: {
      reference: 'USL-7DEM2PRB',
      tracking_code: 'PRBKT-4MQ7X',
      action: 'respond',
      correction: 'Alamat yang benar Jl. Mentikan Gg. 3 No. 7.',
    },
    typed: 'Alamat yang benar Jl. Mentikan Gg. 3 No. 7.',
  },
  {
    name: 'lacak: reopening a complaint',
    path: '/lacak',
    multipart: false,
    fields: {
      reference: 'ADU-7KQ4M9XP',
      tracking_code: 'SRS4K-7QWXM',
      action: 'reopen',
      reason: 'Kartu masih terblokir setelah dijawab.',
    },
    typed: 'Kartu masih terblokir setelah dijawab.',
  },
];

function post(form: FormCase, hostileName: string, query = '') {
  const entries: [string, string][] = [...Object.entries(form.fields), [hostileName, '1']];
  let body: FormData | URLSearchParams;
  if (form.multipart) {
    body = new FormData();
    for (const [k, v] of entries) body.append(k, v);
  } else {
    body = new URLSearchParams(entries);
  }
  return fetch(`${server.url}${form.path}${query}`, {
    method: 'POST',
    headers: { origin: server.url },
    body,
  });
}

const escaped = (text: string) => text.replaceAll('&', '&amp;').replaceAll('"', '&quot;');

describe.skipIf(!available)('form field names that lead into a prototype', () => {
  for (const form of FORMS) {
    it(`${form.name}: every such name is refused with a 400 that keeps what was typed`, async () => {
      for (const hostile of HOSTILE_NAMES) {
        const res = await post(form, hostile);
        const html = await res.text();
        expect(res.status, `${form.path} ${hostile}`).toBe(400);
        expect(html, `${form.path} ${hostile}`).toContain('kolom yang tidak kami kenal');
        expect(
          html.includes(form.typed) || html.includes(escaped(form.typed)),
          `${form.path} keeps the text`,
        ).toBe(true);
      }
      // Each attack leaves the process whole: a page and a JSON body still work.
      expect((await fetch(`${server.url}/kriteria`)).status).toBe(200);
    });
  }

  it('the refusal speaks English when English is chosen', async () => {
    const res = await post(FORMS[4] as FormCase, '__proto__.polluted', '?lang=en');
    expect(res.status).toBe(400);
    expect(await res.text()).toContain('This form carried a field we do not know');
  });

  it('after every attack, pages, a JSON post and the health check still work', async () => {
    for (const page of PUBLIC_PAGES) {
      expect((await fetch(`${server.url}${page}`)).status, page).toBe(200);
    }
    const track = await fetch(`${server.url}/lacak`, {
      method: 'POST',
      headers: { origin: server.url, 'content-type': 'application/x-www-form-urlencoded' },
      body: 'reference=ADU-TRB6HN2K&tracking_code=TRMBT-6HW2K&action=track',
    });
    expect(track.status).toBe(200);
    const api = await fetch(`${server.url}/api/v1/cek`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ nik: '3576026108720001', kk: '3576021205150001' }),
    });
    expect(api.status).toBe(200);
    expect(await api.json()).toMatchObject({ found: true });
    const health = await fetch(`${server.url}/healthz`);
    expect(health.status).toBe(200);
    expect(await health.json()).toEqual({ status: 'ok' });
  });
});
