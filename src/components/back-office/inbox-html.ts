// The inbox's repeated markup (its 25 rows, its filter lists of a hundred options) written as one
// string per part, every value escaped here: rendered by Astro expression by expression, they
// were most of the CPU of an inbox page with 100,000 cases in the area (issue 20, decision 0040).
// The markup is what the page wrote before, but for the blanks between tags.
import type { Inbox, InboxRow } from '../../domain/backoffice/inbox.ts';
import type { translatorFor } from '../../i18n/page-helpers.ts';

type Translator = ReturnType<typeof translatorFor>;

// Escaped as Astro escapes what it renders, so the markup stays what it was.
const ESCAPED: Record<string, string> = {
  '&': '&amp;',
  '<': '&lt;',
  '>': '&gt;',
  "'": '&#39;',
  '"': '&quot;',
};

/** Text between tags. */
export function escapeHtml(text: string | number): string {
  return String(text).replace(/[&<>'"]/g, (c) => ESCAPED[c] as string);
}

/** An attribute's value, inside double quotes. */
export function escapeAttribute(text: string | number): string {
  return String(text).replaceAll('&', '&#38;').replaceAll('"', '&#34;');
}

/** `<option>`s, each `[value, label]`, the chosen one marked; value and label escaped. */
export function optionsHtml(options: readonly (readonly [string, string])[], chosen: string | null): string {
  let html = '';
  for (const [value, label] of options) {
    html += `<option value="${escapeAttribute(value)}"${value === chosen ? ' selected' : ''}>${escapeHtml(label)}</option>`;
  }
  return html;
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
