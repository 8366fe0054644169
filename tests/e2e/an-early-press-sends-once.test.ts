// A resident presses the button as soon as the page is there, before the browser has solved the
// proof of work (issue 22), at the cost residents get (POW_COST's default, not the journeys' 50):
// the page waits for the solution and sends the form once. Pressed twice (a double tap, again
// while it waits, again while a slow line carries the answer back), still once, and so on a
// browser without requestSubmit (Safari before 15.4), where the held press goes by form.submit().
// Before the fix, a press while the answer was on its way sent /cek and /lacak again (their forms
// have no send-form.js), and form.submit() sent every form again. The forms: /cek, /lacak, and
// the complaint form for the submission forms (which load the same scripts); each must send
// exactly one request and show what the server answered.
import type { Page } from 'playwright-core';
import { afterAll, beforeAll, describe, it } from 'vitest';
import { DEFAULT_PROOF_COST } from '../../src/domain/cek/lookup-limits.ts';
import { type BrowserEnv, browserTestsAvailable, startBrowserEnv } from '../support/browser.ts';
import { proofHeader } from '../support/proof-of-work.ts';
import { aduanBody } from '../support/ticket-fixtures.ts';

const available = browserTestsAvailable();
let env: BrowserEnv;
let ticket: { reference: string; tracking_code: string };
let household: { nik: string; kk: string };

beforeAll(async () => {
  if (!available) return;
  env = await startBrowserEnv({
    POW_COST: String(DEFAULT_PROOF_COST),
    // Every press of these tests comes from one address: the counts are not what is tested here.
    LIMIT_NIK_CHECKS_PER_CLIENT: '100000',
    LIMIT_CHECKS_PER_NIK: '100000',
    LIMIT_TRACKING_PER_CLIENT: '100000',
    LIMIT_TRACKING_PER_REFERENCE: '100000',
    LIMIT_SUBMISSIONS_PER_CLIENT: '100000',
  });
  const { DEMO_HOUSEHOLDS } = await import('../../src/demo/generate-demo-data.ts');
  const found = DEMO_HOUSEHOLDS.find((h) => h.key === 'bpnt');
  if (!found) throw new Error('no bpnt demo household');
  household = { nik: found.nik, kk: found.kk };
  const submitted = await fetch(new URL('/api/v1/aduan', env.server.url), {
    method: 'POST',
    headers: { 'content-type': 'application/json', ...(await proofHeader(env.server.url)) },
    body: JSON.stringify(aduanBody()),
  });
  if (submitted.status !== 201) throw new Error(`aduan answered ${submitted.status}`);
  ticket = (await submitted.json()) as typeof ticket;
}, 120_000);
afterAll(async () => {
  if (available) await env.close();
});

type Press =
  | 'once'
  | 'double tap'
  | 'again while it waits'
  | 'again while it sends'
  | 'on a browser without requestSubmit';
const PRESSES: Press[] = [
  'once',
  'double tap',
  'again while it waits',
  'again while it sends',
  // Safari before 15.4: the held press is sent with form.submit(), which no submit listener sees.
  'on a browser without requestSubmit',
];

interface Form {
  path: string;
  /**
   * The presses tried. Every press on /lacak; on /cek, the two that sent it twice before this fix.
   * The submission forms share send-form.js, which stopped a repeated press before this fix too,
   * and pow.js: what broke them was the browser without requestSubmit, tried on /aduan (/usulan
   * and /sanggahan load the same two scripts the same way). Each press costs a page and a
   * solution at the real cost.
   */
  presses: readonly Press[];
  /** Fills what the form needs (nothing: an empty form is answered with its errors, also once). */
  fill(page: Page): Promise<void>;
  button: string;
  /** What the answer page shows. */
  answer: RegExp;
}

const FORMS: Form[] = [
  {
    path: '/cek',
    fill: async (page) => {
      await page.getByLabel('NIK (16 angka)').fill(household.nik);
      await page.getByLabel('Nomor Kartu Keluarga (16 angka)').fill(household.kk);
    },
    presses: ['again while it sends', 'on a browser without requestSubmit'],
    button: 'Cek status',
    answer: /Keluarga terdaftar/,
  },
  {
    path: '/lacak',
    fill: async (page) => {
      await page.getByLabel('Nomor tiket').fill(ticket.reference);
      await page.getByLabel('Kode lacak').fill(ticket.tracking_code);
    },
    presses: PRESSES,
    button: 'Lacak',
    // The ticket's own page (made in beforeAll, so read when the test runs).
    get answer() {
      return new RegExp(ticket.reference);
    },
  },
  {
    path: '/aduan',
    presses: ['double tap', 'on a browser without requestSubmit'],
    fill: async () => {},
    button: 'Kirim',
    answer: /Periksa isian berikut/,
  },
];

/**
 * Loads the page, presses its button as asked before the solution is there, and answers how many
 * POSTs left the browser. The solver's script arrives late (as on a slow line), so the
 * press is early however fast this machine solves; the solving itself is at the real cost. Every
 * press is made inside the page that was loaded: a press on the answer page is a new one.
 */
async function pressEarly(form: Form, press: Press): Promise<{ posts: number; early: boolean; page: Page }> {
  const { page } = await env.phone();
  let posts = 0;
  page.on('request', (r) => {
    if (r.method() === 'POST' && new URL(r.url()).pathname === form.path) posts++;
  });
  // The solver's script is held until 400 ms after the press, whatever else this machine does.
  let pressed: () => void = () => {};
  const held = new Promise<void>((resolve) => {
    pressed = () => setTimeout(resolve, 400);
  });
  await page.route('**/js/pow-worker.js', async (route) => {
    await held;
    await route.continue();
  });
  // A slow line: the answer takes most of a second to come back, longer than a press again takes
  // to follow the first (300 ms at most below).
  await page.route(`**${form.path}`, async (route) => {
    if (route.request().method() === 'POST') await new Promise((r) => setTimeout(r, 800));
    await route.continue().catch(() => {});
  });
  if (press === 'on a browser without requestSubmit')
    await page.addInitScript(() => {
      Reflect.deleteProperty(HTMLFormElement.prototype, 'requestSubmit');
    });
  await page.goto(form.path);
  await form.fill(page);
  const answered = page.waitForResponse(
    (r) => r.request().method() === 'POST' && new URL(r.url()).pathname === form.path,
    { timeout: 60_000 },
  );
  const early = await page.evaluate(
    ({ press, name }) => {
      const button = [...document.querySelectorAll('button')].find((b) => b.textContent?.trim() === name);
      if (!button?.form) throw new Error(`no button ${name}`);
      const field = button.form.querySelector<HTMLInputElement>('input[data-pow]');
      const early = field?.value === '';
      if (press === 'double tap') {
        // Two taps in the same instant, as a nervous thumb makes them.
        button.click();
        button.click();
      } else if (press === 'again while it waits') {
        button.click();
        setTimeout(() => button.click(), 200);
      } else if (press !== 'once') {
        // Once the form has gone (a send nothing stopped, or form.submit()), pressed again while
        // the answer is on its way.
        const pressAgain = () => setTimeout(() => button.click(), 300);
        let again = true;
        button.form.addEventListener('submit', (event) => {
          if (event.defaultPrevented || !again) return;
          again = false;
          pressAgain();
        });
        const submit = HTMLFormElement.prototype.submit;
        HTMLFormElement.prototype.submit = function (this: HTMLFormElement) {
          if (again) pressAgain();
          again = false;
          submit.call(this);
        };
        button.click();
      } else button.click();
      return early;
    },
    { press, name: form.button },
  );
  pressed();
  await answered;
  await page.waitForLoadState('load');
  // A second send would leave within moments of the first: give it time to show itself.
  await page.waitForTimeout(800);
  return { posts, early, page };
}

// Side by side: each press waits on its own slow line and its own page (most of four seconds,
// nine times over), and none shares anything with another but the server.
describe.skipIf(!available).concurrent('a press before the proof of work is solved', () => {
  for (const form of FORMS) {
    for (const press of form.presses) {
      it(`${form.path}: pressed ${press}, sends once and shows the answer`, async ({ expect }) => {
        const { posts, early, page } = await pressEarly(form, press);
        expect(early).toBe(true);
        expect(posts).toBe(1);
        const main = (await page.locator('main').textContent()) ?? '';
        expect(main).toMatch(form.answer);
      }, 90_000);
    }
  }
});
