// The inbox's repeated markup (its 25 rows, its filter lists of a hundred options) written as one
// string per part, every value escaped here: rendered by Astro expression by expression, they
// were most of the CPU of an inbox page with 100,000 cases in the area (issue 20, decision 0040).
// The markup is what the page wrote before, but for the blanks between tags.
import type { Inbox, InboxRow } from '../../domain/backoffice/inbox.ts';
import { keptPerScope } from '../../domain/kept-per-scope.ts';
import type { translatorFor } from '../../i18n/page-helpers.ts';
import { escapeAttribute, escapeHtml } from '../html-escape.ts';

type Translator = ReturnType<typeof translatorFor>;

/** `<option>`s, each `[value, label]`, the chosen one marked; value and label escaped. */
export function optionsHtml(options: readonly (readonly [string, string])[], chosen: string | null): string {
  let html = '';
  for (const [value, label] of options) {
    html += `<option value="${escapeAttribute(value)}"${value === chosen ? ' selected' : ''}>${escapeHtml(label)}</option>`;
  }
  return html;
}

/** What the inbox's filter form shows: the values chosen, and who the officer is. */
export interface FilterFormState {
  locale: string;
  /** Unfolded when the URL carries any filter or page. */
  open: boolean;
  /** A ticket number searched from the URL, kept in the form. */
  q: string | null;
  kind: string | null;
  status: string | null;
  sla: string | null;
  village: string | null;
  program: string | null;
  topic: string | null;
  assignee: string | null;
  show: string;
  rt: string;
  rw: string;
  escalated: boolean;
  /** The office may filter by RT/RW and by cases escalated to it. */
  rtRw: boolean;
  /** The area whose villages are a list of their own (a regency's office); null for none. */
  villagesOf: string | null;
  /** The office's other officers, `[id, name]`. */
  colleagues: (readonly [string, string])[];
}

type Options = readonly (readonly [string, string])[];

/** The lists of the filter form, `[value, label]` each, in the officer's language. */
export interface FilterLists {
  kinds: Options;
  statuses: Options;
  sla: Options;
  villages: Options;
  programs: Options;
  topics: Options;
  shows: Options;
}

/** A `<div class="field">` with a `<select>` whose first option is "any". */
function selectField(id: string, name: string, label: string, any: string, options: string): string {
  return `<div class="field"><label for="${id}">${escapeHtml(label)}</label> <select id="${id}" name="${name}"><option value="">${escapeHtml(any)}</option>${options}</select></div>`;
}

/** Astro's rendering of `value={text}`: a bare attribute when empty. */
const valueAttribute = (text: string) => (text === '' ? ' value' : ` value="${escapeAttribute(text)}"`);

/** The inbox's filter form (`<details>`…`</details>`), as the page wrote it. */
export function filterFormHtml(f: FilterFormState, lists: FilterLists, t: Translator): string {
  const any = t('bo.inbox.any');
  const village = f.villagesOf
    ? selectField('f-village', 'village', t('bo.inbox.village'), any, optionsHtml(lists.villages, f.village))
    : '';
  const rtRw = f.rtRw
    ? ` <div class="field"><label for="f-rt">RT</label><input id="f-rt" name="rt"${valueAttribute(f.rt)} inputmode="numeric" maxlength="3"></div> <div class="field"><label for="f-rw">RW</label><input id="f-rw" name="rw"${valueAttribute(f.rw)} inputmode="numeric" maxlength="3"></div> `
    : '';
  const assignee = `<option value="me"${f.assignee === 'me' ? ' selected' : ''}>${escapeHtml(t('bo.inbox.mine'))}</option><option value="none"${f.assignee === 'none' ? ' selected' : ''}>${escapeHtml(t('bo.inbox.unassigned'))}</option>${optionsHtml(f.colleagues, f.assignee)}`;
  const escalated = f.rtRw
    ? `<div class="field choice"><input id="f-escalated" type="checkbox" name="escalated" value="1"${f.escalated ? ' checked' : ''}><label for="f-escalated">${escapeHtml(t('bo.inbox.escalatedOnly'))}</label></div>`
    : '';
  return [
    `<details class="filters"${f.open ? ' open' : ''}> <summary>${escapeHtml(t('bo.inbox.filters'))}</summary> <form method="get" action="/petugas" class="filter-grid"> `,
    f.q ? `<input type="hidden" name="q"${valueAttribute(f.q)}>` : '',
    ' ',
    selectField('f-kind', 'kind', t('bo.inbox.kind'), any, optionsHtml(lists.kinds, f.kind)),
    ' ',
    selectField('f-status', 'status', t('bo.inbox.status'), any, optionsHtml(lists.statuses, f.status)),
    ' ',
    selectField('f-sla', 'sla', t('bo.inbox.sla'), any, optionsHtml(lists.sla, f.sla)),
    ` ${village} ${rtRw} `,
    selectField('f-program', 'program', t('bo.inbox.program'), any, optionsHtml(lists.programs, f.program)),
    ' ',
    selectField('f-topic', 'topic', t('bo.inbox.topic'), any, optionsHtml(lists.topics, f.topic)),
    ' ',
    selectField('f-assignee', 'assignee', t('bo.inbox.assignee'), any, assignee),
    ` <div class="field"><label for="f-show">${escapeHtml(t('bo.inbox.show'))}</label> <select id="f-show" name="show">${optionsHtml(lists.shows, f.show)}</select></div> `,
    escalated,
    ` <button type="submit" class="button">${escapeHtml(t('bo.inbox.apply'))}</button> <a href="/petugas">${escapeHtml(t('bo.inbox.reset'))}</a> </form> </details>`,
  ].join('');
}

/** A few forms per officer and filter, per catalogue copy (at most 500 of about 7 kB). */
const keepForm = keptPerScope<string>(500);

/**
 * `filterFormHtml`, kept once made. Its hundred options, each translated and escaped, and its
 * markup were about a seventh of an inbox page's CPU, and the form changes only with what
 * `FilterFormState` holds and with the program catalogue. `scope` is the catalogue the page
 * reads: an edit of the catalogue is a new copy, and the forms made from the old one go with it.
 * The least recently used form goes first past the bound, as a URL may choose any value.
 */
export function keptFilterFormHtml(
  scope: object,
  state: FilterFormState,
  lists: () => FilterLists,
  t: Translator,
): string {
  return keepForm(scope, JSON.stringify(state), () => filterFormHtml(state, lists(), t));
}

/** What a refused bulk form sent, shown again; null when the form starts empty. */
export interface KeptBulkForm {
  to: string;
  note: string;
  audience: string;
}

/**
 * The bulk form's fields (`<fieldset class="bulk stack">`): a move to one of `targets`
 * (`[state, label]`) with a note and who reads it, or an assignment to the officer, nobody or
 * one of `colleagues`. Rendered by Astro element by element it was a thirteenth of an inbox page.
 */
export function bulkFormHtml(
  targets: Options,
  colleagues: Options,
  kept: KeptBulkForm | null,
  t: Translator,
): string {
  const audience = (value: 'internal' | 'resident', label: string) =>
    `<div class="choice"><input type="radio" id="bulk-aud-${value}" name="note_audience" value="${value}"${kept?.audience === value ? ' checked' : ''}><label for="bulk-aud-${value}">${escapeHtml(label)}</label></div>`;
  return [
    `<fieldset class="bulk stack"> <legend>${escapeHtml(t('bo.bulk.title'))}</legend> `,
    `<div class="field"><label for="bulk-to">${escapeHtml(t('bo.bulk.moveTo'))}</label> <select id="bulk-to" name="to">${optionsHtml(targets, kept?.to ?? null)}</select></div> `,
    `<div class="field"><label for="bulk-note">${escapeHtml(t('bo.case.note'))}</label><textarea id="bulk-note" name="note" rows="2">${escapeHtml(kept?.note ?? '')}</textarea></div> `,
    `<fieldset class="choices"><legend>${escapeHtml(t('bo.case.noteAudience'))}</legend> ${audience('internal', t('bo.case.audience.internal'))} ${audience('resident', t('bo.case.audience.resident'))} </fieldset> `,
    `<button type="submit" class="button" name="bulk" value="move">${escapeHtml(t('bo.bulk.move'))}</button> `,
    `<div class="field"><label for="bulk-assignee">${escapeHtml(t('bo.bulk.assignTo'))}</label> <select id="bulk-assignee" name="assignee"><option value="me">${escapeHtml(t('bo.inbox.mine'))}</option><option value="none">${escapeHtml(t('bo.inbox.unassigned'))}</option>${optionsHtml(colleagues, null)}</select></div> `,
    `<button type="submit" class="button secondary" name="bulk" value="assign">${escapeHtml(t('bo.bulk.assign'))}</button> </fieldset>`,
  ].join('');
}

/**
 * The open cases per state, each a link to the inbox of that state. Its addresses carry an `&`,
 * and Astro tries to parse such an attribute as an absolute URL, throwing for every relative one:
 * a tenth of the page's own time.
 */
export function stateCountsHtml(counts: Inbox['counts'], t: Translator): string {
  let html = '';
  for (const c of counts) {
    const href = `/petugas?kind=${encodeURIComponent(c.kind)}&status=${encodeURIComponent(c.status)}`;
    html += `<li><a href="${escapeAttribute(href)}">${escapeHtml(t.dynamic(`kind.${c.kind}`))} · ${escapeHtml(t.status(c.kind, c.status))}: <strong>${c.n}</strong></a></li>`;
  }
  return html;
}

export interface InboxRowsContext {
  t: Translator;
  /** A complaint's program in words (the catalogue's name for one the office added). */
  programName: (code: string) => string;
  villageName: (code: string | null) => string;
  /** A due date as the office reads it. */
  when: (iso: string | null) => string;
  /** Ticked again: the cases of a bulk form that was refused. */
  ticked: ReadonlySet<string>;
}

/** The inbox table's rows (`<tr>`…`</tr>` each). */
export function inboxRowsHtml(rows: readonly InboxRow[], c: InboxRowsContext): string {
  const { t } = c;
  const select = escapeAttribute(t('bo.inbox.select'));
  const noReference = escapeHtml(t('bo.inbox.noReference'));
  const escalated = escapeHtml(t('bo.sla.escalated'));
  let html = '';
  for (const r of rows) {
    const id = String(r.id);
    let about = t.kind(r.kind, r.topic);
    if (r.program) about += ` · ${c.programName(r.program)}`;
    if (r.topic && r.kind !== 'usulan') {
      about += ` · ${t.dynamic(r.kind === 'aduan' ? `aduan.problem.${r.topic}` : `sanggahan.reason.${r.topic}`)}`;
    }
    const place = r.rt
      ? `${escapeHtml(c.villageName(r.area_code))}<br><span class="nowrap">RT ${escapeHtml(r.rt)} / RW ${escapeHtml(r.rw ?? '')}</span>`
      : escapeHtml(c.villageName(r.area_code));
    html +=
      `<tr class="sla-${r.sla}${r.escalated ? ' escalated' : ''}">` +
      `<td><input type="checkbox" name="ids" value="${id}"${c.ticked.has(id) ? ' checked' : ''} id="pick-${id}" aria-label="${select} ${escapeAttribute(r.reference ?? id)}"></td>` +
      `<td><a href="/petugas/tiket/${id}">${r.reference === null ? noReference : escapeHtml(r.reference)}</a><br><span class="muted">${escapeHtml(about)}</span></td>` +
      `<td>${escapeHtml(t.status(r.kind, r.status, r.topic))}</td>` +
      `<td>${place}</td>` +
      `<td><span class="nowrap">${escapeHtml(c.when(r.due_at))}</span><br><span class="sla sla-${r.sla}">${escapeHtml(t.dynamic(`bo.sla.${r.sla}`))}</span>${r.escalated ? `<strong class="badge escalated"> ${escalated}</strong>` : ''}</td>` +
      `<td>${escapeHtml(r.assignee_name ?? '—')}</td>` +
      '</tr>';
  }
  return html;
}
