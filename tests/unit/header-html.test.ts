// The back office's header is written as one string and kept per session and page
// (header-html.ts): it must list exactly the sections the role opens, mark the page open now,
// escape what a person wrote, and never hand one session's form token to another.
import { describe, expect, it } from 'vitest';
import { keptOfficerHeaderHtml, officerHeaderHtml } from '../../src/components/back-office/header-html.ts';
import { OFFICE_ROLES } from '../../src/domain/backoffice/officer.ts';
import { canOpenPage } from '../../src/domain/backoffice/permissions.ts';
import { translatorFor } from '../../src/i18n/page-helpers.ts';

const t = translatorFor('id');
const state = (over: Partial<Parameters<typeof officerHeaderHtml>[0]> = {}) => ({
  locale: 'id',
  current: '/petugas',
  officer: { displayName: 'Siti', role: 'kelurahan' as const, rt: null, rw: null },
  area: 'Wates',
  formToken: 'token-of-session-1',
  ...over,
});

describe('the officer header', () => {
  it('lists the sections the role opens, the password page always, and marks the page open now', () => {
    for (const role of OFFICE_ROLES) {
      const html = officerHeaderHtml(state({ officer: { displayName: 'X', role, rt: null, rw: null } }), t);
      expect(html.includes('href="/petugas/pengguna"')).toBe(canOpenPage({ role }, 'accounts'));
      expect(html.includes('href="/petugas/impor"')).toBe(canOpenPage({ role }, 'imports'));
      expect(html).toContain('href="/petugas/sandi"');
    }
    const html = officerHeaderHtml(state({ current: '/petugas/sandi' }), t);
    expect(html).toContain(`<a href="/petugas/sandi" aria-current="page">${t('bo.nav.password')}</a>`);
    expect(html.match(/aria-current/g)).toHaveLength(1);
  });

  it('says who is signed in, for which office, area and RT/RW, escaped', () => {
    const html = officerHeaderHtml(
      state({
        officer: { displayName: '<b>NUR’AINI</b> & co', role: 'rt_rw', rt: '008', rw: '004' },
        area: 'Wa"tes',
      }),
      t,
    );
    expect(html).toContain(
      `<p class="who"> &lt;b&gt;NUR’AINI&lt;/b&gt; &amp; co · ${t.dynamic('office.rt_rw')} · Wa&quot;tes · RT 008 RW 004 </p>`,
    );
    expect(html).not.toContain('<b>');
  });

  it('is kept per session: another token or another page is another header', () => {
    const scope = {};
    const first = keptOfficerHeaderHtml(scope, state(), t);
    expect(keptOfficerHeaderHtml(scope, state(), t)).toBe(first);
    const other = keptOfficerHeaderHtml(scope, state({ formToken: 'token-of-session-2' }), t);
    expect(other).toContain('value="token-of-session-2"');
    expect(other).not.toContain('token-of-session-1');
    expect(keptOfficerHeaderHtml(scope, state({ current: '/petugas/statistik' }), t)).not.toBe(first);
    expect(keptOfficerHeaderHtml(scope, state({ locale: 'en' }), translatorFor('en'))).toContain(
      translatorFor('en')('bo.logout'),
    );
  });
});
