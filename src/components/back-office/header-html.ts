// The back office's header for a signed-in officer (who they are, the sections their role opens,
// the logout) as one string, kept per session once made: every back-office page wrote it element
// by element, with a translation and a permission check per section, for the same few inputs.

import type { Officer } from '../../domain/backoffice/officer.ts';
import { type BackOfficePage, canOpenPage } from '../../domain/backoffice/permissions.ts';
import { keptPerScope } from '../../domain/kept-per-scope.ts';
import type { translatorFor } from '../../i18n/page-helpers.ts';
import { escapeAttribute, escapeHtml } from '../html-escape.ts';

type Translator = ReturnType<typeof translatorFor>;

/** The sections in the order the header lists them: a link shows exactly when its page opens. */
const SECTIONS: readonly [BackOfficePage, string, Parameters<Translator>[0]][] = [
  ['inbox', '/petugas', 'bo.nav.inbox'],
  ['accounts', '/petugas/pengguna', 'bo.nav.users'],
  ['audit', '/petugas/audit', 'bo.nav.audit'],
  ['outbox', '/petugas/pesan', 'bo.nav.outbox'],
  ['holidays', '/petugas/hari-libur', 'bo.nav.holidays'],
  ['statistics', '/petugas/statistik', 'bo.nav.stats'],
  ['export', '/petugas/ekspor', 'bo.nav.export'],
  // The office's own working places besides the inbox (musyawarah-messages.ts).
  ['musyawarah', '/petugas/musyawarah', 'bo.nav.musyawarah'],
  ['rt_proposals', '/petugas/usulan-rt', 'bo.nav.usulanRt'],
  ['notifications', '/petugas/notifikasi', 'bo.nav.notify'],
  ['templates', '/petugas/templat', 'bo.nav.templates'],
  ['programs', '/petugas/program', 'bo.nav.programs'],
  ['access', '/petugas/akses', 'bo.nav.access'],
  ['imports', '/petugas/impor', 'bo.nav.import'],
  ['quality', '/petugas/mutu', 'bo.nav.quality'],
];

const PASSWORD_PAGE = '/petugas/sandi';

/** What the header shows of the officer; `area` is their area's name. */
export interface HeaderState {
  locale: string;
  /** The page open now, marked `aria-current` in the menu. */
  current: string | undefined;
  officer: Pick<Officer, 'displayName' | 'role' | 'rt' | 'rw'>;
  area: string | null;
  /** The session's form token, for the logout. */
  formToken: string;
}

const link = (href: string, label: string, current: string | undefined) =>
  `<li><a href="${href}"${current === href ? ' aria-current="page"' : ''}>${escapeHtml(label)}</a></li>`;

/** The officer's part of the header, as the layout wrote it (blanks between tags included). */
export function officerHeaderHtml(h: HeaderState, t: Translator): string {
  const { officer } = h;
  let who = `${escapeHtml(officer.displayName)} · ${escapeHtml(t.dynamic(`office.${officer.role}`))}`;
  if (h.area) who += escapeHtml(` · ${h.area}`);
  if (officer.rt) who += escapeHtml(` · RT ${officer.rt} RW ${officer.rw}`);
  let nav = '';
  for (const [page, href, label] of SECTIONS)
    if (canOpenPage(officer, page)) nav += link(href, t(label), h.current);
  return (
    ` <p class="who"> ${who} </p> <nav aria-label="${escapeAttribute(t('bo.nav.label'))}"> <ul> ${nav} ${link(PASSWORD_PAGE, t('bo.nav.password'), h.current)} </ul> </nav> ` +
    `<form method="post" action="/petugas/keluar" class="logout"> <input type="hidden" name="csrf" value="${escapeAttribute(h.formToken)}"> <button type="submit" class="button secondary">${escapeHtml(t('bo.logout'))}</button> </form> `
  );
}

/** A few headers per session (one per page open now), for as many sessions as an office has at once. */
const keepHeader = keptPerScope<string>(2_000);

/** `officerHeaderHtml`, kept once made: per `scope` (the server's dependencies), by all it is made from. */
export function keptOfficerHeaderHtml(scope: object, h: HeaderState, t: Translator): string {
  const { officer } = h;
  const key = JSON.stringify([
    h.locale,
    h.current,
    officer.displayName,
    officer.role,
    officer.rt,
    officer.rw,
    h.area,
    h.formToken,
  ]);
  return keepHeader(scope, key, () => officerHeaderHtml(h, t));
}
