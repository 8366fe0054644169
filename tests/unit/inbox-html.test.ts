// The inbox's rows, filter options and state counts are written as strings (inbox-html.ts), not by
// Astro: every value that came from a person (a colleague's name, a reference, an office's
// program) must arrive escaped, a ticked case stay ticked and a chosen filter stay chosen.
import { describe, expect, it } from 'vitest';
import {
  bulkFormHtml,
  type FilterFormState,
  type FilterLists,
  filterFormHtml,
  inboxRowsHtml,
  keptFilterFormHtml,
  optionsHtml,
  stateCountsHtml,
} from '../../src/components/back-office/inbox-html.ts';
import { escapeAttribute, escapeHtml } from '../../src/components/html-escape.ts';
import type { InboxRow } from '../../src/domain/backoffice/inbox.ts';
import { translatorFor } from '../../src/i18n/page-helpers.ts';

const t = translatorFor('id');
const HOSTILE = `<script>alert("x")</script>&'`;

const row = (over: Partial<InboxRow>): InboxRow => ({
  id: 7,
  kind: 'aduan',
  status: 'diterima',
  reference: 'ADU-2026-000007',
  area_code: '35.76.01.1003',
  rt: '002',
  rw: '001',
  program: 'BPNT',
  topic: 'kks_terblokir',
  responsible_role: 'kelurahan',
  due_at: '2026-11-27T20:00:00.000Z',
  opened_at: '2026-11-20T01:00:00.000Z',
  assignee_id: 3,
  assignee_name: 'Siti',
  sla: 'breached',
  escalated: true,
  ...over,
});

const context = {
  t,
  programName: (code: string) => `Program ${code}`,
  villageName: (code: string | null) => (code ? 'Kedundung' : t('bo.inbox.noPlace')),
  when: (iso: string | null) => (iso ? t.date(iso) : '—'),
  ticked: new Set<string>(),
};

describe('escaping', () => {
  it('escapes text as Astro does, and attributes as Astro does', () => {
    expect(escapeHtml(HOSTILE)).toBe('&lt;script&gt;alert(&quot;x&quot;)&lt;/script&gt;&amp;&#39;');
    expect(escapeAttribute('/petugas?a=1&b="2"')).toBe('/petugas?a=1&#38;b=&#34;2&#34;');
  });

  it('gives back text with nothing to escape as it is, numbers as text', () => {
    expect(escapeHtml('Kedundung · RT 008')).toBe('Kedundung · RT 008');
    expect(escapeHtml(42)).toBe('42');
    expect(escapeAttribute('/petugas?page=2')).toBe('/petugas?page=2');
    expect(escapeAttribute(7)).toBe('7');
    expect(escapeHtml("NUR’AINI & O'NEIL")).toBe('NUR’AINI &amp; O&#39;NEIL');
  });
});

describe('inboxRowsHtml', () => {
  it('writes one row per case with its link, words, place, due date, SLA and assignee', () => {
    const html = inboxRowsHtml([row({})], context);
    expect(html).toMatch(/^<tr class="sla-breached escalated">/);
    expect(html).toContain('<a href="/petugas/tiket/7">ADU-2026-000007</a>');
    expect(html).toContain('Program BPNT');
    expect(html).toContain('Kedundung<br><span class="nowrap">RT 002 / RW 001</span>');
    expect(html).toContain('28 November 2026');
    expect(html).toContain('<strong class="badge escalated">');
    expect(html).toContain('<td>Siti</td>');
    expect(html).not.toContain(' checked');
    expect(html.match(/<tr/g)).toHaveLength(1);
  });

  it('escapes every value a person wrote', () => {
    const html = inboxRowsHtml([row({ assignee_name: HOSTILE, reference: HOSTILE, program: 'X' })], {
      ...context,
      programName: () => HOSTILE,
      villageName: () => HOSTILE,
    });
    // Inside a quoted attribute only `&` and `"` need escaping, as Astro writes it.
    expect(html.replace(/="[^"]*"/g, '=""')).not.toContain('<script');
    expect(html).not.toMatch(/"x"/);
    expect(html).toContain('&lt;script&gt;');
  });

  it('ticks again the cases of a refused bulk form, and names a case without a reference by words', () => {
    const html = inboxRowsHtml(
      [row({ id: 9, reference: null, rt: null, escalated: false, sla: 'on_track' })],
      {
        ...context,
        ticked: new Set(['9']),
      },
    );
    expect(html).toMatch(/^<tr class="sla-on_track">/);
    expect(html).toContain('value="9" checked id="pick-9"');
    expect(html).toContain(`>${t('bo.inbox.noReference')}</a>`);
    expect(html).not.toContain('RT ');
  });
});

describe('optionsHtml and stateCountsHtml', () => {
  it('marks the chosen option only, with values and labels escaped', () => {
    const html = optionsHtml(
      [
        ['a', 'Satu'],
        ['b"', HOSTILE],
      ],
      'a',
    );
    expect(html).toBe(
      '<option value="a" selected>Satu</option><option value="b&#34;">&lt;script&gt;alert(&quot;x&quot;)&lt;/script&gt;&amp;&#39;</option>',
    );
    expect(optionsHtml([['a', 'Satu']], null)).not.toContain('selected');
  });

  it('links each state to the inbox of that state', () => {
    const html = stateCountsHtml([{ kind: 'usulan', status: 'diajukan', n: 3335 }], t);
    expect(html).toBe(
      `<li><a href="/petugas?kind=usulan&#38;status=diajukan">Usulan · ${t.status('usulan', 'diajukan')}: <strong>3335</strong></a></li>`,
    );
  });
});

describe('the filter form', () => {
  const state = (over: Partial<FilterFormState> = {}): FilterFormState => ({
    locale: 'id',
    open: false,
    q: null,
    kind: null,
    status: null,
    sla: null,
    village: null,
    program: null,
    topic: null,
    assignee: null,
    show: 'open',
    rt: '',
    rw: '',
    escalated: false,
    rtRw: true,
    villagesOf: '35.76',
    colleagues: [['4', HOSTILE]],
    ...over,
  });
  const lists: FilterLists = {
    kinds: [['aduan', 'Aduan']],
    statuses: [['diterima', 'Aduan: Diterima']],
    sla: [['breached', 'Lewat batas']],
    villages: [['35.76.01.1003', 'Mentikan']],
    programs: [['BPNT', HOSTILE]],
    topics: [['lainnya', 'Lainnya']],
    shows: [
      ['open', 'Terbuka'],
      ['all', 'Semua'],
    ],
  };

  /** The lists, counting how often the form asked for them (each time it was made). */
  const countedLists = () => {
    let count = 0;
    return {
      make: () => {
        count++;
        return lists;
      },
      made: () => count,
    };
  };

  it('escapes what a URL or a person brought, and keeps each choice chosen', () => {
    const html = filterFormHtml(
      state({
        open: true,
        q: HOSTILE,
        program: 'BPNT',
        rt: `1"><b>`,
        escalated: true,
        assignee: '4',
        show: 'all',
      }),
      lists,
      t,
    );
    // Inside a quoted attribute only `"` and `&` could break out, as Astro escapes them.
    expect(html).not.toContain('alert("x")');
    expect(html).not.toContain('"><b>');
    expect(html).not.toMatch(/>\s*<script>/);
    expect(html).toContain(`<input type="hidden" name="q" value="${escapeAttribute(HOSTILE)}">`);
    expect(html).toContain(`<option value="BPNT" selected>${escapeHtml(HOSTILE)}</option>`);
    expect(html).toContain(`<option value="4" selected>${escapeHtml(HOSTILE)}</option>`);
    expect(html).toContain('<option value="all" selected>Semua</option>');
    expect(html).toContain('name="escalated" value="1" checked>');
    expect(html).toMatch(/^<details class="filters" open> /);
    expect(html).toContain('<select id="f-village" name="village">');
  });

  it('leaves out what the office does not filter by', () => {
    const html = filterFormHtml(state({ rtRw: false, villagesOf: null }), lists, t);
    expect(html).not.toContain('f-village');
    expect(html).not.toContain('f-rt');
    expect(html).not.toContain('f-escalated');
    expect(html).toMatch(/^<details class="filters"> /);
    // An empty RT is a bare attribute, as Astro writes `value={''}`.
    expect(filterFormHtml(state(), lists, t)).toContain('<input id="f-rt" name="rt" value inputmode');
  });

  it('is made once per state and catalogue copy, and again for another of either', () => {
    const catalogue = {};
    const { make, made } = countedLists();
    const first = keptFilterFormHtml(catalogue, state(), make, t);
    expect(keptFilterFormHtml(catalogue, state(), make, t)).toBe(first);
    expect(made()).toBe(1);
    // Another choice, another officer's colleagues, another language: made anew.
    expect(keptFilterFormHtml(catalogue, state({ kind: 'aduan' }), make, t)).toContain(
      '<option value="aduan" selected>',
    );
    keptFilterFormHtml(catalogue, state({ colleagues: [] }), make, t);
    keptFilterFormHtml(catalogue, state({ locale: 'en' }), make, translatorFor('en'));
    expect(made()).toBe(4);
    // An edited catalogue is a new copy: the form is made from it.
    keptFilterFormHtml({}, state(), make, t);
    expect(made()).toBe(5);
  });

  it('keeps a bounded number, the oldest going first', () => {
    const catalogue = {};
    const { make, made } = countedLists();
    for (let i = 0; i < 600; i++) keptFilterFormHtml(catalogue, state({ status: `s${i}` }), make, t);
    expect(made()).toBe(600);
    keptFilterFormHtml(catalogue, state({ status: 's599' }), make, t);
    expect(made()).toBe(600);
    keptFilterFormHtml(catalogue, state({ status: 's0' }), make, t);
    expect(made()).toBe(601);
  });
});

describe('the bulk form', () => {
  const targets = [
    ['diteruskan', 'Aduan: Diteruskan ke unit terkait'],
    ['selesai', 'Aduan: Selesai'],
  ] as const;

  it('starts empty: no state chosen, no note, no reader chosen, the officer and nobody to assign to', () => {
    const html = bulkFormHtml(targets, [['12', 'Budi']], null, t);
    expect(html.startsWith('<fieldset class="bulk stack">')).toBe(true);
    expect(html).toContain(
      '<select id="bulk-to" name="to"><option value="diteruskan">Aduan: Diteruskan ke unit terkait</option>',
    );
    expect(html).not.toContain(' selected');
    expect(html).not.toContain(' checked');
    expect(html).toContain('<textarea id="bulk-note" name="note" rows="2"></textarea>');
    expect(html).toContain(
      `<option value="me">${t('bo.inbox.mine')}</option><option value="none">${t('bo.inbox.unassigned')}</option><option value="12">Budi</option>`,
    );
    expect(html).toContain(t('bo.case.audience.internal'));
    expect(html).toContain(t('bo.case.audience.resident'));
  });

  it('shows a refused form again as it was sent, everything a person wrote escaped', () => {
    const html = bulkFormHtml(
      targets,
      [['12', HOSTILE]],
      { to: 'selesai', note: HOSTILE, audience: 'resident' },
      t,
    );
    expect(html).toContain('<option value="selesai" selected>Aduan: Selesai</option>');
    expect(html).toContain('value="resident" checked');
    expect(html).not.toContain('value="internal" checked');
    expect(html).toContain(`rows="2">${escapeHtml(HOSTILE)}</textarea>`);
    expect(html).toContain(`<option value="12">${escapeHtml(HOSTILE)}</option>`);
    expect(html).not.toContain('<script>');
  });

  it('chooses nothing for a state or reader that is not offered', () => {
    const html = bulkFormHtml(targets, [], { to: '"><script>', note: '', audience: 'everyone' }, t);
    expect(html).not.toContain(' selected');
    expect(html).not.toContain(' checked');
    expect(html).not.toContain('<script>');
  });
});
