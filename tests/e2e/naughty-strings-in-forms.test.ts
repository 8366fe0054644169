// Every string of the Big List of Naughty Strings goes into the fields of every HTML form of the
// public side (with a valid form token, a fresh household for each proposal), against the
// built server in its own process: nothing answers 5xx, and no string comes back as markup.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type BuiltServer, builtServerAvailable, startBuiltServer } from '../support/built-server.ts';
import { dealNaughtyStrings, injectedMarkup, NAUGHTY_SEED } from '../support/naughty-strings.ts';
import { freshHead } from '../support/ticket-fixtures.ts';

const available = builtServerAvailable();
let server: BuiltServer;
let target = '';

beforeAll(async () => {
  if (!available) return;
  server = await startBuiltServer({
    LIMIT_NIK_CHECKS_PER_CLIENT: '100000',
    LIMIT_CHECKS_PER_NIK: '100000',
    LIMIT_SEARCHES_PER_CLIENT: '100000',
    LIMIT_SUBMISSIONS_PER_CLIENT: '100000',
  });
  const found = await fetch(`${server.url}/api/v1/cek/wilayah`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({ village_code: '35.76.02.1009', name: 'siti' }),
  });
  target = ((await found.json()) as { matches: { id: string }[] }).matches[0]?.id ?? '';
});
afterAll(async () => {
  await server?.stop();
});

interface FormCase {
  path: string;
  multipart: boolean;
  base: () => Record<string, string>;
  fields: string[];
}

const REGION = { province: '35', regency: '35.76', district: '35.76.02', village: '35.76.02.1009' };

const FORMS: FormCase[] = [
  {
    path: '/cek',
    multipart: false,
    base: () => ({ nik: '3576021403680001', kk: '3576021205150001' }),
    fields: ['nik', 'kk'],
  },
  {
    path: '/cek/wilayah',
    multipart: false,
    base: () => ({ ...REGION, name: 'siti', step: 'search' }),
    fields: ['name', 'province', 'village', 'step'],
  },
  {
    path: '/usulan',
    multipart: true,
    base: () => {
      const head = freshHead();
      return {
        form_token: crypto.randomUUID(),
        step: 'submit',
        proposer: 'rt_rw',
        proposer_name: 'Hartono',
        proposer_relation: 'Ketua RT',
        head_nik: head.nik,
        kk: head.kk,
        head_name: 'Slamet Riyadi',
        birth_date: head.birthDate,
        sex: head.sex,
        address: 'Jl. Mentikan Gg. 3 No. 7',
        rt: '002',
        rw: '004',
        province: '35',
        regency: '35.76',
        district: '35.76.01',
        village: '35.76.01.1003',
        'members.0.name': 'Sumarni',
        'members.0.relation': 'istri_suami',
        'members.0.birth_date': '1982-11-02',
        'members.0.components': 'ibu_hamil',
        'socio.floor_area': 'kurang_8',
        'socio.floor_material': 'semen',
        'socio.wall_material': 'tembok_tanpa_plester',
        'socio.roof_material': 'seng_asbes',
        'socio.drinking_water': 'sumur_terlindung',
        'socio.lighting': 'listrik_450',
        'socio.cooking_fuel': 'gas_3kg',
        'socio.sanitation': 'bersama',
        'socio.head_occupation': 'buruh_harian',
        'socio.income_band': 'kurang_600rb',
        assets: 'tidak_ada',
        phone: '081234567890',
        email: 'rt02@example.org',
        consent: 'ya',
      };
    },
    fields: [
      'proposer',
      'proposer_name',
      'proposer_relation',
      'head_nik',
      'kk',
      'head_name',
      'birth_date',
      'sex',
      'address',
      'rt',
      'rw',
      'members.0.name',
      'members.0.relation',
      'members.0.birth_date',
      'members.0.components',
      'socio.income_band',
      'assets',
      'phone',
      'email',
      'form_token',
    ],
  },
  {
    path: '/sanggahan',
    multipart: true,
    base: () => ({
      form_token: crypto.randomUUID(),
      step: 'submit',
      ...REGION,
      name: 'siti',
      target,
      reason: 'sudah_mampu',
      description: 'Keluarga ini sudah membuka toko besar dan memiliki mobil sejak 2024.',
      'contact.name': 'Joko Susilo',
      'contact.phone': '085712345678',
      consent: 'ya',
    }),
    fields: ['name', 'target', 'reason', 'description', 'contact.name', 'contact.phone', 'contact.email'],
  },
  {
    path: '/aduan',
    multipart: true,
    base: () => ({
      form_token: crypto.randomUUID(),
      program: 'BPNT',
      problem: 'kks_terblokir',
      description: 'Kartu KKS terblokir sejak Oktober, saldo tidak bisa dipakai di e-Warong.',
      'contact.name': 'Rina Wati',
      'contact.phone': '081298765432',
      consent: 'ya',
    }),
    fields: ['program', 'problem', 'nik', 'description', 'contact.name', 'contact.phone', 'contact.email'],
  },
  {
    // Without the letter each send is refused (422) after every field is judged: a 422, never a 5xx.
    path: '/aduan/reaktivasi',
    multipart: true,
    base: () => ({
      form_token: crypto.randomUUID(),
      nik: '3576021403680001',
      faskes: 'Puskesmas Kedundung',
      letter_date: '01-12-2026',
      description: 'Harus kontrol jantung minggu depan, kartu KIS tidak aktif.',
      'contact.anonymous': 'ya',
      consent: 'ya',
    }),
    fields: ['nik', 'faskes', 'letter_date', 'description', 'program', 'problem'],
  },
  {
    path: '/lacak',
    multipart: false,
    base: () => ({ reference: 'ADU-TRB6HN2K', tracking_code: 'TRMBT-6HW2K', action: 'track' }),
    fields: ['reference', 'tracking_code', 'action'],
  },
  {
    path: '/lacak',
    multipart: true,
    base: () => ({
      reference: 'USL-7DEM2PRB',
      tracking_code: 'PRBKT-4MQ7X',
      action: 'respond',
      correction: 'x',
    }),
    fields: ['correction'],
  },
  {
    path: '/lacak',
    multipart: false,
    base: () => ({ reference: 'ADU-7KQ4M9XP', tracking_code: 'SRS4K-7QWXM', action: 'reopen', reason: 'x' }),
    fields: ['reason'],
  },
];

function post(path: string, multipart: boolean, fields: Record<string, string>) {
  let body: FormData | URLSearchParams;
  if (multipart) {
    body = new FormData();
    for (const [k, v] of Object.entries(fields)) body.append(k, v);
  } else {
    body = new URLSearchParams(fields);
  }
  return fetch(`${server.url}${path}`, { method: 'POST', headers: { origin: server.url }, body });
}

describe.skipIf(!available)('naughty strings in every field of every HTML form', () => {
  it('never answer 5xx and never come back as markup', async () => {
    const slots = FORMS.flatMap((form) => form.fields.map((field) => ({ form, field })));
    const deal = dealNaughtyStrings(slots.length);
    expect(deal.covered(), 'every string of the list is sent').toBe(deal.total);
    const baselines = new Map<string, string>();
    for (const form of FORMS)
      baselines.set(form.path, await (await fetch(`${server.url}${form.path}`)).text());

    const started = performance.now();
    const failures: string[] = [];
    let requests = 0;
    for (const [i, { form, field }] of slots.entries()) {
      for (const naughty of deal.forField(i)) {
        const res = await post(form.path, form.multipart, { ...form.base(), [field]: naughty });
        requests += 1;
        const html = await res.text();
        const where = `${res.status} ${form.path} ${field}=${JSON.stringify(naughty)}`;
        if (res.status >= 500) failures.push(`${where}: server error`);
        const injected = injectedMarkup(html, baselines.get(form.path) ?? '', naughty);
        if (injected) failures.push(`${where}: ${injected}`);
      }
    }
    const seconds = (performance.now() - started) / 1000;
    console.info(
      `naughty strings, HTML forms: ${requests} requests over ${slots.length} fields of ${FORMS.length} forms, ${deal.total} distinct strings, ${seconds.toFixed(1)} s (seed ${NAUGHTY_SEED})`,
    );
    expect(failures, `seed ${NAUGHTY_SEED}`).toEqual([]);
    expect((await fetch(`${server.url}/healthz`)).status).toBe(200);
  }, 240_000);
});
