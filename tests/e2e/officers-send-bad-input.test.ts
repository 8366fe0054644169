// A tester signs in as each kind of officer and sends every back-office form what nobody should:
// empty and huge fields, HTML and script, odd Unicode, `__proto__` field names, nested names where
// a string belongs, unknown states, forged ticket ids and versions, missing or forged form tokens.
// Against the built server, over plain HTTP with real sessions: each answers 4xx (never 5xx) with
// a message in Bahasa Indonesia, and the form comes back with what was typed in it (escaped;
// passwords are never sent back). Two officers on one case: the second is told it changed.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type BuiltServer, builtServerAvailable, startBuiltServer } from '../support/built-server.ts';
import { type OfficerFields, signInOverHttp } from '../support/officer-session.ts';
import { aduanBody, usulanBody } from '../support/ticket-fixtures.ts';

const available = builtServerAvailable();
let server: BuiltServer;
let caseId = 0;

const SCRIPT = '<script>alert("petugas")</script>';
const ODD = 'Bu Sití ẞ 😀 Ｍｏｊｏｋｅｒｔｏ ‮kiri‬ ﷽';
const HUGE = 'x'.repeat(50_000);

type Fields = OfficerFields;
interface Answer {
  status: number;
  html: string;
}

/** A typed value as the page writes it back: in a textarea (escaped as text) or an input (as an attribute). */
const asText = (text: string) =>
  text.replaceAll('&', '&amp;').replaceAll('<', '&lt;').replaceAll('>', '&gt;').replaceAll('"', '&quot;');
const asAttribute = (text: string) => text.replaceAll('&', '&#38;').replaceAll('"', '&#34;');
const shows = (html: string, value: string) =>
  html.includes(asText(value)) || html.includes(asAttribute(value));

/** An officer's session whose answers are read whole, for the status and the page. */
async function signIn(username: string) {
  const session = await signInOverHttp(server.url, username);
  const read = async (res: Response): Promise<Answer> => ({ status: res.status, html: await res.text() });
  return {
    csrf: session.csrf,
    get: async (path: string) => read(await session.get(path)),
    post: async (path: string, fields: Fields, token: string | null = session.csrf) =>
      read(await session.post(path, fields, token)),
  };
}

/** Refused: a 4xx, an error summary saying why, and the typed values back in the form. */
function expectRefused(answer: Answer, status: number, kept: string[] = [], message?: string) {
  expect(answer.status).toBe(status);
  expect(answer.html).toContain('class="error-summary"');
  if (message) expect(answer.html).toContain(message);
  for (const value of kept) expect(shows(answer.html, value), `kept: ${value.slice(0, 60)}`).toBe(true);
  expect(answer.html).not.toContain(SCRIPT);
  // Each entry of the error summary takes the officer to its field.
  const summary = /<div class="error-summary"[\s\S]*?<\/div>/.exec(answer.html)?.[0] ?? '';
  for (const [, target] of summary.matchAll(/href="#([^"]+)"/g))
    expect(answer.html, `the summary links to #${target}`).toContain(`id="${target}"`);
}

beforeAll(async () => {
  if (!available) return;
  server = await startBuiltServer();
  const response = await fetch(`${server.url}/api/v1/aduan`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify(aduanBody()),
  });
  expect(response.status).toBe(201);
  const { reference } = (await response.json()) as { reference: string };
  const desk = await signIn('dinsos.mojokerto');
  const inbox = await desk.get(`/petugas?q=${reference}`);
  caseId = Number(/\/petugas\/tiket\/(\d+)/.exec(inbox.html)?.[1]);
  expect(caseId).toBeGreaterThan(0);
}, 120_000);

afterAll(async () => {
  await server?.stop();
});

// Every sign-in and password check costs a deliberate scrypt (decision 0012): generous time on a busy machine.
describe.skipIf(!available)('officers send bad input to every back-office form', { timeout: 180_000 }, () => {
  it('login: empty, huge, script, prototype names and a JSON body are refused with the name kept', async () => {
    const login = (body: string, type = 'application/x-www-form-urlencoded') =>
      fetch(`${server.url}/petugas/masuk`, {
        method: 'POST',
        redirect: 'manual',
        headers: { 'content-type': type, origin: server.url },
        body,
      }).then(async (r) => ({ status: r.status, html: await r.text() }));
    const empty = await login('username=&password=');
    expect(empty.status).toBeGreaterThanOrEqual(400);
    expect(empty.status).toBeLessThan(500);
    expect(empty.html).toContain('Wajib diisi');
    const huge = await login(new URLSearchParams({ username: HUGE, password: HUGE }).toString());
    expect(huge.status).toBeLessThan(500);
    expect(huge.status).toBeGreaterThanOrEqual(400);
    // Past the page's body limit nothing was read: a short page says the text was too long.
    expect(huge.status).toBe(413);
    expect(huge.html).toContain('Isian terlalu panjang');
    const long = await login(
      new URLSearchParams({ username: HUGE.slice(0, 5000), password: 'x' }).toString(),
    );
    expectRefused(long, long.status, ['x'.repeat(100)]);
    const script = await login(
      new URLSearchParams({ username: SCRIPT, password: 'salah-sekali-1' }).toString(),
    );
    expectRefused(script, script.status, [SCRIPT.slice(0, 40)]);
    expect(script.status).toBeLessThan(500);
    const proto = await login('username=siti.coba&password=x&__proto__.admin=1');
    expectRefused(proto, 400, ['siti.coba']);
    const json = await login(JSON.stringify({ username: 'siti.coba' }), 'application/json');
    expect(json.status).toBeGreaterThanOrEqual(400);
    expect(json.status).toBeLessThan(500);
  });

  it('password change: empty, huge and tokenless changes are refused, nothing changes', async () => {
    const officer = await signIn('kel.kranggan');
    expectRefused(
      await officer.post('/petugas/sandi', { current: '', next: '', confirm: '' }),
      422,
      [],
      'Kata sandi sekarang salah',
    );
    expectRefused(
      await officer.post('/petugas/sandi', {
        current: HUGE.slice(0, 5000),
        next: HUGE.slice(0, 5000),
        confirm: ODD,
      }),
      422,
    );
    expectRefused(
      await officer.post('/petugas/sandi', [
        ['current', 'a'],
        ['__proto__[x]', '1'],
      ]),
      400,
    );
    expectRefused(
      await officer.post('/petugas/sandi', { current: 'x', next: 'y', confirm: 'y' }, null),
      403,
      [],
      'kedaluwarsa',
    );
    // The password still is the demo's: the account signs in with it.
    await signIn('kel.kranggan');
  });

  it('users: every bad field named, values kept; forged users and tokens refused', async () => {
    const admin = await signIn('admin');
    expectRefused(await admin.post('/petugas/pengguna', { action: 'create' }), 422);
    const bad = await admin.post('/petugas/pengguna', {
      action: 'create',
      username: `${SCRIPT}${HUGE}`,
      display_name: `${SCRIPT} ${ODD}`,
      role: 'superuser',
      area_code: '<b>35</b>',
      rt: '-1',
      rw: '9999',
      password: 'pendek',
    });
    expectRefused(bad, 422, [`${SCRIPT} ${ODD}`, '<b>35</b>']);
    // A nested name where a string belongs is not that string: the field is missing.
    const nested = await admin.post('/petugas/pengguna', [
      ['action', 'create'],
      ['username', 'siti.baru'],
      ['display_name.first', 'Siti'],
      ['display_name[]', 'Siti'],
    ]);
    expectRefused(nested, 422, ['siti.baru']);
    expectRefused(
      await admin.post('/petugas/pengguna', [
        ['action', 'create'],
        ['username', 'siti.proto'],
        ['__proto__.role', 'admin'],
      ]),
      400,
      ['siti.proto'],
    );
    expectRefused(
      await admin.post('/petugas/pengguna', { action: 'create', username: 'siti.tanpa.token' }, null),
      403,
      ['siti.tanpa.token'],
    );
    expectRefused(
      await admin.post('/petugas/pengguna', { action: 'create', username: 'siti.palsu' }, 'palsu'),
      403,
      ['siti.palsu'],
    );
    expectRefused(
      await admin.post('/petugas/pengguna', { action: 'reset', user: 'abc', password: 'x' }),
      422,
    );
    expectRefused(
      await admin.post('/petugas/pengguna', {
        action: 'reset',
        user: '999999',
        password: 'panjang-sekali-99',
      }),
      404,
    );
    expectRefused(
      await admin.post('/petugas/pengguna', { action: 'hapus', user: '2' }),
      422,
      [],
      'Permintaan tidak dikenal',
    );
  });

  it('inbox: odd filters are ignored, never reflected raw; a refused bulk action keeps its note', async () => {
    const desk = await signIn('dinsos.mojokerto');
    const filters = new URLSearchParams({
      kind: SCRIPT,
      status: 'terbang',
      village: '__proto__',
      page: '-5',
      q: `${SCRIPT}${'y'.repeat(5000)}`,
      assignee: 'constructor',
      sla: '{"$gt":""}',
    });
    const inbox = await desk.get(`/petugas?${filters}`);
    expect(inbox.status).toBe(200);
    expect(inbox.html).not.toContain(SCRIPT);
    const note = `Catatan massal ${ODD}`;
    expectRefused(
      await desk.post('/petugas', { bulk: 'move', to: 'diteruskan', note, note_audience: 'internal' }),
      422,
      [note],
      'Pilih paling sedikit satu tiket',
    );
    expectRefused(
      await desk.post('/petugas', [
        ['ids', 'abc'],
        ['ids', '-1'],
        ['bulk', 'move'],
        ['note', note],
      ]),
      422,
      [note],
    );
    // A move the workflow does not allow from here: nothing moves, each reason listed, note kept.
    const none = await desk.post('/petugas', [
      ['ids', String(caseId)],
      ['bulk', 'move'],
      ['to', 'ditetapkan'],
      ['note', note],
    ]);
    expect(none.status).toBe(422);
    expect(none.html).toContain('0 dari 1 tiket berhasil');
    expect(shows(none.html, note)).toBe(true);
    expectRefused(
      await desk.post(
        '/petugas',
        [
          ['ids', String(caseId)],
          ['bulk', 'assign'],
        ],
        null,
      ),
      403,
    );
  });

  it('ticket: unknown states, huge and scripted text, forged ids, versions and tokens', async () => {
    const desk = await signIn('dinsos.mojokerto');
    const page = await desk.get(`/petugas/tiket/${caseId}`);
    expect(page.status).toBe(200);
    const version = /name="expected" value="(\d+)"/.exec(page.html)?.[1] ?? '';
    const path = `/petugas/tiket/${caseId}`;
    const note = `${SCRIPT} ${ODD}`;
    expectRefused(await desk.post(path, { action: 'move', to: 'terbang', note, expected: version }), 409);
    const noUnit = await desk.post(path, {
      action: 'move',
      to: 'diteruskan',
      note: HUGE.slice(0, 4001),
      note_audience: 'internal',
      expected: version,
    });
    expectRefused(noUnit, 422, [], 'Pilih unit tujuan');
    // On a phone the page opens at the failed form: each message stands at its own field there,
    // marked for screen readers, and the summary at the top links to it.
    const unitField =
      /<p class="error" id="move-diteruskan-unit-error">([^<]*)<\/p>/.exec(noUnit.html)?.[1] ?? '';
    expect(unitField).toContain('Pilih unit tujuan');
    expect(noUnit.html).toMatch(/id="move-diteruskan-note-error">[^<]+</);
    expect(noUnit.html).toContain('aria-describedby="move-diteruskan-unit-error"');
    expect(noUnit.html).toContain('href="#move-diteruskan-unit"');
    const unit = await desk.post(path, {
      action: 'move',
      to: 'diteruskan',
      unit: SCRIPT,
      note,
      note_audience: 'resident',
      expected: version,
    });
    expectRefused(unit, 422, [note]);
    expectRefused(
      await desk.post(path, {
        action: 'move',
        to: 'diteruskan',
        unit: 'bank_penyalur',
        note,
        note_audience: 'resident',
        expected: '999',
      }),
      409,
      [note],
      'baru saja diubah petugas lain',
    );
    expectRefused(
      await desk.post(path, { action: 'note', note, expected: version }),
      422,
      [note],
      'Pilih siapa yang membaca',
    );
    expectRefused(
      await desk.post(path, { action: 'note', note: '', note_audience: 'internal', expected: version }),
      422,
    );
    expectRefused(
      await desk.post(path, [
        ['action', 'note'],
        ['note', note],
        ['__proto__.x', '1'],
      ]),
      400,
      [note],
    );
    expectRefused(
      await desk.post(path, { action: 'note', note, note_audience: 'internal', expected: version }, null),
      403,
      [note],
    );
    expectRefused(await desk.post(path, { action: 'assign', assignee: 'abc' }), 422);
    expectRefused(await desk.post(path, { action: 'assign', assignee: '999999' }), 422);
    expectRefused(await desk.post(path, { action: 'terbang' }), 422, [], 'Permintaan tidak dikenal');
    // "Pakai templat" without a template, or with one of another step.
    expectRefused(
      await desk.post(path, {
        action: 'move',
        to: 'diteruskan',
        use_template: '1',
        template: '',
        note,
        expected: version,
      }),
      422,
      [note],
      'Pilih templat dari daftar',
    );
    for (const forged of ['99999999', 'abc', '-1', '1e3', '0x10']) {
      const answer = await desk.post(`/petugas/tiket/${forged}`, {
        action: 'note',
        note: 'x',
        note_audience: 'internal',
        expected: '0',
      });
      expect(answer.status, forged).toBe(404);
    }
    // Nothing of that changed the case.
    const after = await desk.get(path);
    expect(/name="expected" value="(\d+)"/.exec(after.html)?.[1]).toBe(version);
  });

  it('two officers on one case: the second is told it changed, with what they typed kept', async () => {
    const first = await signIn('dinsos.mojokerto');
    const second = await signIn('dinsos.mojokerto');
    const path = `/petugas/tiket/${caseId}`;
    const opened = await second.get(path);
    const version = /name="expected" value="(\d+)"/.exec(opened.html)?.[1] ?? '';
    const moved = await first.post(path, {
      action: 'move',
      to: 'diteruskan',
      unit: 'bank_penyalur',
      note: 'Diteruskan ke bank.',
      note_audience: 'resident',
      expected: version,
    });
    expect(moved.status).toBe(200);
    expect(moved.html).toContain('Langkah tersimpan');
    const typed = 'Diteruskan ke pendamping PKH karena kartunya rusak.';
    const late = await second.post(path, {
      action: 'move',
      to: 'diteruskan',
      unit: 'pendamping_pkh',
      note: typed,
      note_audience: 'resident',
      expected: version,
    });
    // The move is no longer open: the text comes back in a box to copy from.
    expectRefused(late, 409, [typed], 'baru saja diubah petugas lain');
    expect(late.html).toContain('Yang Anda ketik (belum tersimpan)');
    const lateNote = await second.post(path, {
      action: 'note',
      note: typed,
      note_audience: 'internal',
      expected: version,
    });
    expectRefused(lateNote, 409, [typed], 'baru saja diubah petugas lain');
  });

  it('templates: refused for other offices; every bad field named and kept; forged ids and tokens', async () => {
    const rt = await signIn('rt008.wates');
    expect((await rt.get('/petugas/templat')).status).toBe(404);
    expect(
      (
        await rt.post('/petugas/templat', {
          action: 'create',
          move: 'aduan:selesai',
          title: 'x',
          body_id: 'y',
        })
      ).status,
    ).toBe(404);
    const desk = await signIn('dinsos.mojokerto');
    expectRefused(await desk.post('/petugas/templat', { action: 'create' }), 422, [], 'Pilih salah satu');
    const title = `${SCRIPT} ${ODD}`;
    const bad = await desk.post('/petugas/templat', {
      action: 'create',
      move: 'aduan:terbang',
      title,
      body_id: HUGE.slice(0, 4001),
      body_en: ODD,
    });
    expectRefused(bad, 422, [title, ODD]);
    expectRefused(
      await desk.post('/petugas/templat', [
        ['action', 'create'],
        ['title', title],
        ['__proto__.kind', 'aduan'],
      ]),
      400,
      [title],
    );
    expectRefused(
      await desk.post('/petugas/templat', { action: 'create', title }, null),
      403,
      [title],
      'kedaluwarsa',
    );
    expectRefused(
      await desk.post('/petugas/templat', {
        action: 'update',
        id: '999999',
        move: 'aduan:selesai',
        title: 'Judul',
        body_id: 'Teks',
      }),
      404,
    );
    expectRefused(await desk.post('/petugas/templat', { action: 'disable', id: 'abc' }), 404);
    expectRefused(
      await desk.post('/petugas/templat', { action: 'hapus' }),
      422,
      [],
      'Permintaan tidak dikenal',
    );
    expect((await desk.get('/petugas/templat?ubah=999999')).status).toBe(404);
    // An edit with a bad field comes back as that edit, with what was typed.
    const list = await desk.get('/petugas/templat');
    const id = /\/petugas\/templat\?ubah=(\d+)/.exec(list.html)?.[1] ?? '';
    const edit = await desk.post('/petugas/templat', {
      action: 'update',
      id,
      move: 'usulan:diajukan',
      title,
      body_id: '',
    });
    expectRefused(edit, 422, [title]);
    expect(edit.html).toContain(`name="id" value="${id}"`);
  });

  it('ticket page: a duplicate links both ways and its resident reads the original; a correction names what to fix', async () => {
    const file = async (body: Record<string, unknown>, kind: 'aduan' | 'usulan') => {
      const res = await fetch(`${server.url}/api/v1/${kind}`, {
        method: 'POST',
        headers: { 'content-type': 'application/json' },
        body: JSON.stringify(body),
      });
      expect(res.status).toBe(201);
      return (await res.json()) as { reference: string; tracking_code: string };
    };
    const lacak = async (r: { reference: string; tracking_code: string }) => {
      const res = await fetch(`${server.url}/lacak`, {
        method: 'POST',
        headers: { 'content-type': 'application/x-www-form-urlencoded', origin: server.url },
        body: new URLSearchParams({
          reference: r.reference,
          tracking_code: r.tracking_code,
          action: 'track',
        }),
      });
      expect(res.status).toBe(200);
      return res.text();
    };
    const desk = await signIn('dinsos.mojokerto');
    const idOf = async (reference: string) =>
      Number(/\/petugas\/tiket\/(\d+)/.exec((await desk.get(`/petugas?q=${reference}&show=all`)).html)?.[1]);
    const original = await file(aduanBody(), 'aduan');
    const again = await file(
      aduanBody({ description: 'Kartu KKS terblokir lagi, saya lapor kedua kali.' }),
      'aduan',
    );
    const [originalId, againId] = [await idOf(original.reference), await idOf(again.reference)];
    const path = `/petugas/tiket/${againId}`;
    const version = /name="expected" value="(\d+)"/.exec((await desk.get(path)).html)?.[1] ?? '';
    expectRefused(
      await desk.post(path, { action: 'move', to: 'duplikat', duplicate: 'ADU-ZZZZZZZZ', expected: version }),
      422,
      ['ADU-ZZZZZZZZ'],
    );
    const closed = await desk.post(path, {
      action: 'move',
      to: 'duplikat',
      duplicate: original.reference,
      expected: version,
    });
    expect(closed.status).toBe(200);
    expect(closed.html).toContain(`href="/petugas/tiket/${originalId}"`);
    expect((await desk.get(`/petugas/tiket/${originalId}`)).html).toContain(
      `href="/petugas/tiket/${againId}"`,
    );
    expect(await lacak(again)).toContain(original.reference);

    const proposal = await file(usulanBody({ village_code: '35.76.02.1010', rt: '8', rw: '4' }), 'usulan');
    const rt = await signIn('rt008.wates');
    const rtInbox = await rt.get(`/petugas?q=${proposal.reference}`);
    const proposalPath = `/petugas/tiket/${/\/petugas\/tiket\/(\d+)/.exec(rtInbox.html)?.[1]}`;
    const v = /name="expected" value="(\d+)"/.exec((await rt.get(proposalPath)).html)?.[1] ?? '';
    expectRefused(
      await rt.post(proposalPath, { action: 'move', to: 'perlu_perbaikan', note: '', expected: v }),
      422,
      [],
      'Tuliskan alasan',
    );
    const fix = 'Foto KK buram: unggah ulang foto KK yang terbaca jelas.';
    const asked = await rt.post(proposalPath, {
      action: 'move',
      to: 'perlu_perbaikan',
      note: fix,
      expected: v,
    });
    expect(asked.status).toBe(200);
    expect(await lacak(proposal)).toContain(fix);
  });

  it('is still up and answering after all that', async () => {
    const health = await fetch(`${server.url}/healthz`);
    expect(health.status).toBe(200);
    expect(server.lines.filter((l) => /"level":(50|60)|"level":"(error|fatal)"/.test(l.text))).toEqual([]);
  });
});
