// Issue 8.3: the ticket forms must not be a NIK oracle. Every answer that depends on whether a
// NIK is known is counted like Cek status (a client blocked there is blocked here), no answer
// names another resident's ticket, and a wrong KK is answered exactly like an unknown NIK.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { RECIPIENT_ID_PURPOSE } from '../../src/domain/cek/search-by-name.ts';
import { composeNik } from '../../src/domain/nik/nik.ts';
import { sealId } from '../../src/domain/privacy/opaque-id.ts';
import { createApp } from '../../src/server/app.ts';
import { proofHeader } from '../support/proof-of-work.ts';
import { GENEROUS_LIMITS, openTestDatabase, silentLogger, type TestDatabase } from '../support/test-app.ts';
import {
  aduanBody,
  countRows,
  DISTRICT,
  LISTED_HOUSEHOLD,
  postJson,
  sanggahanBody,
  usulanBody,
} from '../support/ticket-fixtures.ts';

let env: TestDatabase;
let app: ReturnType<typeof createApp>;

beforeAll(async () => {
  env = await openTestDatabase({ limits: { ...GENEROUS_LIMITS, perClient: 5 } });
  app = createApp({ deps: env.deps, logger: silentLogger, trustProxy: true });
});
afterAll(() => env.close());

const from = (client: string) => ({ 'x-forwarded-for': client });
/** With a solved proof of work, as a browser with JavaScript sends it: the limits below are the full ones. */
const post = async (path: string, body: unknown, client: string) =>
  postJson(app, `/api/v1/${path}`, body, { ...from(client), ...(await proofHeader(app)) });

/** The listed demo household's head, as a usulan names him (birth date and sex from his NIK). */
const LISTED_HEAD = {
  head_nik: LISTED_HOUSEHOLD.nik,
  kk: LISTED_HOUSEHOLD.kk,
  head_name: 'Sugeng Riyadi',
  birth_date: '1968-03-14',
  sex: 'L',
  village_code: '35.76.02.1009',
};

async function blockOnCek(client: string) {
  const statuses: number[] = [];
  for (let i = 0; i < 6; i++) {
    const nik = composeNik(DISTRICT, '1980-01-01', 'L', 9000 + i);
    statuses.push((await post('cek', { nik, kk: LISTED_HOUSEHOLD.kk }, client)).status);
  }
  expect(statuses).toEqual([200, 200, 200, 200, 200, 429]);
}

async function anyMemberTarget(): Promise<string> {
  const member = await env.db
    .selectFrom('household_members')
    .select('id')
    .where('nik', 'like', '3576%')
    .orderBy('id')
    .executeTakeFirstOrThrow();
  return sealId(env.deps.secret, RECIPIENT_ID_PURPOSE, member.id);
}

describe('a client blocked on /cek is blocked on every form answer that reads NIK data', () => {
  it('answers 429, records nothing, for usulan, aduan with a NIK and sanggahan', async () => {
    const client = '10.8.0.1';
    await blockOnCek(client);
    const before = await countRows(env.db, 'tickets');
    const answers = [
      await post('usulan', usulanBody(LISTED_HEAD), client), // was "sudah terdaftar"
      await post('usulan', usulanBody(), client), // was a new proposal, after reading NIK data
      await post('aduan', aduanBody({ nik: LISTED_HOUSEHOLD.nik }), client),
      await post('sanggahan', sanggahanBody(await anyMemberTarget()), client),
    ];
    for (const res of answers) {
      expect(res.status).toBe(429);
      expect(await res.json()).toEqual({
        error: { code: 'rate_limited', message: 'Terlalu banyak permintaan. Coba lagi sebentar lagi.' },
      });
    }
    expect(await countRows(env.db, 'tickets')).toBe(before);
  });

  it('still takes a complaint without a NIK, which reads nothing about anyone', async () => {
    const client = '10.8.0.2';
    await blockOnCek(client);
    expect((await post('aduan', aduanBody(), client)).status).toBe(201);
  });

  it('counts the forms too: five usulan answers use up the same budget as /cek', async () => {
    const client = '10.8.0.3';
    for (let i = 0; i < 5; i++) expect((await post('usulan', usulanBody(), client)).status).toBe(201);
    expect((await post('cek', { nik: LISTED_HOUSEHOLD.nik, kk: LISTED_HOUSEHOLD.kk }, client)).status).toBe(
      429,
    );
  });
});

describe('no answer names another resident’s ticket', () => {
  it('an open proposal is reported without its reference, to its NIK and KK', async () => {
    const first = usulanBody();
    const owner = await post('usulan', first, '10.8.1.1');
    expect(owner.status).toBe(201);
    const { reference } = (await owner.json()) as { reference: string };

    const again = await post('usulan', { ...first, address: 'Jl. Lain No. 9' }, '10.8.1.2');
    const text = await again.text();
    expect(again.status).toBe(422);
    expect(text).not.toContain(reference);
    expect(text).not.toMatch(/USL-/);
    expect(JSON.parse(text).error.message).toBe(
      'Sudah ada usulan yang masih diproses untuk keluarga ini. Bila Anda yang mengirimnya, lacak dengan nomor tiket dan kode lacak pada tanda terima Anda.',
    );
  });

  it('the same NIK with any other KK learns nothing of it: a new proposal with its own reference', async () => {
    const first = usulanBody();
    const owner = await post('usulan', first, '10.8.1.3');
    const { reference } = (await owner.json()) as { reference: string };
    const guess = await post('usulan', { ...first, kk: '3576013112009999' }, '10.8.1.4');
    const text = await guess.text();
    expect(guess.status).toBe(201);
    expect(text).not.toContain(reference);
  });
});

/** The answer with the receipt's own fresh reference and code blanked: all else must be equal. */
async function shape(res: Response): Promise<string> {
  const text = await res.text();
  return `${res.status} ${text
    .replace(/"reference":"(USL|ADU|SGH)-[0-9A-Z]{8}"/, '"reference":"<own>"')
    .replace(/"tracking_code":"[0-9A-Z]{5}-[0-9A-Z]{5}"/, '"tracking_code":"<own>"')}`;
}

describe('a wrong KK is answered exactly like an unknown NIK', () => {
  const WRONG_KK = '3576013112000042';

  it('usulan: a NIK with an open proposal, or a listed NIK, with a wrong KK', async () => {
    const open = usulanBody();
    expect((await post('usulan', open, '10.8.2.1')).status).toBe(201);
    const unknownLikeOpen = composeNik(DISTRICT, open.birth_date, open.sex, 7001);
    const a = await shape(await post('usulan', { ...open, kk: WRONG_KK }, '10.8.2.2'));
    const b = await shape(
      await post('usulan', { ...open, head_nik: unknownLikeOpen, kk: WRONG_KK }, '10.8.2.3'),
    );
    expect(a).toBe(b);
    expect(a.startsWith('201 ')).toBe(true);

    const unknownLikeListed = composeNik('35.76.02', LISTED_HEAD.birth_date, 'L', 7002);
    const c = await shape(await post('usulan', { ...usulanBody(LISTED_HEAD), kk: WRONG_KK }, '10.8.2.4'));
    const d = await shape(
      await post(
        'usulan',
        { ...usulanBody(LISTED_HEAD), head_nik: unknownLikeListed, kk: WRONG_KK },
        '10.8.2.5',
      ),
    );
    expect(c).toBe(d);
  });

  it('aduan: the receipt and the tracking page are the same for a listed NIK and an unknown one', async () => {
    const unknown = composeNik('35.76.02', '1968-03-14', 'L', 7003);
    const listedRes = await post('aduan', aduanBody({ nik: LISTED_HOUSEHOLD.nik }), '10.8.2.6');
    const unknownRes = await post('aduan', aduanBody({ nik: unknown }), '10.8.2.7');
    const [listed, other] = [await listedRes.clone().json(), await unknownRes.clone().json()] as {
      reference: string;
      tracking_code: string;
    }[];
    expect(await shape(listedRes)).toBe(await shape(unknownRes));
    const track = async (r: { reference: string; tracking_code: string } | undefined, client: string) =>
      (await shape(await post('lacak', r, client))).replaceAll(r?.reference ?? '?', '<own>');
    expect(await track(listed, '10.8.2.8')).toBe(await track(other, '10.8.2.9'));
  });
});
