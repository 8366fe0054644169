// The admin edits officer accounts (issue 20) on both engines: the area a role needs, chosen with
// the region picker and judged at its field (a village outside the chosen regency, a region outside
// the service area, a level the role does not work at); a new role or area ends the account's
// sessions, a new name does not; each change is audited before → after; the last active admin
// can be neither demoted nor disabled.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { accountAreaPicker, servedRegencies } from '../../src/domain/backoffice/account-area-picker.ts';
import {
  createAccount,
  resolveAccountArea,
  setDisabled,
  updateAccount,
} from '../../src/domain/backoffice/accounts.ts';
import type { OfficeRole, Officer } from '../../src/domain/backoffice/officer.ts';
import { resolveSession, startSession } from '../../src/domain/backoffice/sessions.ts';
import type { DomainDeps } from '../../src/domain/deps.ts';
import { errorOf, officerNamed } from '../support/domain-calls.ts';
import { openTestDatabase, type TestDatabase } from '../support/test-app.ts';

let env: TestDatabase;
let deps: DomainDeps;
let admin: Officer;

beforeAll(async () => {
  env = await openTestDatabase();
  deps = { ...env.deps, now: () => new Date('2026-12-07T03:00:00Z') };
  admin = await officerNamed(deps.db, 'admin');
}, 120_000);
afterAll(async () => {
  await env.close();
});

const areaOf = (role: OfficeRole, input: Record<string, string>) => {
  const errors: Record<string, string> = {};
  const area = resolveAccountArea(deps, role, input, errors);
  return { area, errors };
};

let serial = 0;
async function newAccount(role: OfficeRole, area: Record<string, string>) {
  serial += 1;
  return createAccount(
    deps,
    {
      username: `ubah.${serial}`,
      display_name: `Petugas ${serial}`,
      role,
      password: 'cukup-panjang-1',
      ...area,
    },
    { mustChangePassword: false },
  );
}

const auditOf = (userId: number) =>
  deps.db
    .selectFrom('audit_log')
    .select(['action', 'detail', 'actor_id'])
    .where('target_type', '=', 'user')
    .where('target_id', '=', String(userId))
    .orderBy('id')
    .execute();

describe('the area a role needs', () => {
  it('is chosen from the picker: a village under its regency and district, a regency for dinsos', () => {
    expect(areaOf('kelurahan', { regency: '35.76', district: '35.76.02', village: '35.76.02.1010' })).toEqual(
      {
        area: { areaCode: '35.76.02.1010', rt: null, rw: null },
        errors: {},
      },
    );
    expect(areaOf('rt_rw', { village: '35.78.01.1002', rt: '8', rw: '12' }).area).toEqual({
      areaCode: '35.78.01.1002',
      rt: '008',
      rw: '012',
    });
    expect(areaOf('dinsos', { regency: '35.78', village: '35.76.02.1010' }).area.areaCode).toBe('35.78');
    // An admin works nowhere in particular, whatever the form says.
    expect(areaOf('admin', { regency: '35.76', village: '35.76.02.1010', rt: '1' })).toEqual({
      area: { areaCode: null, rt: null, rw: null },
      errors: {},
    });
    // The typed code is the fallback when nothing is picked.
    expect(areaOf('kelurahan', { area_code: '35.76.02.1010' }).area.areaCode).toBe('35.76.02.1010');
  });

  it('refuses mismatches at the field', () => {
    expect(areaOf('kelurahan', { regency: '35.78', village: '35.76.02.1010' }).errors).toEqual({
      village: 'account.village_not_in_regency',
    });
    expect(areaOf('kelurahan', { district: '35.76.01', village: '35.76.02.1010' }).errors).toEqual({
      village: 'account.village_not_in_district',
    });
    expect(areaOf('kelurahan', { regency: '35.76' }).errors).toEqual({ village: 'account.choose_village' });
    expect(areaOf('dinsos', {}).errors).toEqual({ regency: 'account.choose_regency' });
    expect(areaOf('dinsos', { regency: '35.76.02' }).errors).toEqual({ regency: 'account.area_regency' });
    expect(areaOf('kelurahan', { village: '35.76' }).errors).toEqual({ village: 'account.area_village' });
    expect(areaOf('kelurahan', { area_code: '<b>35</b>' }).errors).toEqual({
      area_code: 'account.area_village',
    });
    expect(areaOf('kelurahan', { village: '__proto__' }).errors).toEqual({ village: 'account.area_village' });
    // Outside this office's service area (Kota Mojokerto and Kota Surabaya in the demo).
    expect(areaOf('kelurahan', { village: '73.71.01.1001' }).errors).toEqual({
      village: 'account.area_outside',
    });
    expect(areaOf('dinsos', { regency: '35.16' }).errors).toEqual({ regency: 'account.area_outside' });
    expect(areaOf('dinsos', { area_code: '73.71' }).errors).toEqual({ area_code: 'account.area_outside' });
    expect(areaOf('rt_rw', { village: '35.76.02.1010', rt: '1234', rw: 'x' }).errors).toEqual({
      rt: 'field.rt_rw_format',
      rw: 'field.rt_rw_format',
    });
  });

  it("offers the service area's regencies, then the chosen one's districts and villages", () => {
    expect(servedRegencies(deps).map((r) => r.code)).toEqual(['35.76', '35.78']);
    const start = accountAreaPicker(deps, {});
    expect(start.districts).toEqual([]);
    expect(start.villages).toEqual([]);
    const regency = accountAreaPicker(deps, { regency: '35.76' });
    expect(regency.districts.map((d) => d.code)).toEqual(['35.76.01', '35.76.02', '35.76.03']);
    expect(regency.villages).toEqual([]);
    const district = accountAreaPicker(deps, { regency: '35.76', district: '35.76.02' });
    expect(district.villages.map((v) => v.code)).toContain('35.76.02.1010');
    // A village alone (an account being edited) chooses its district and regency.
    const edited = accountAreaPicker(deps, { village: '35.76.02.1010' });
    expect([edited.regency, edited.district, edited.village]).toEqual(['35.76', '35.76.02', '35.76.02.1010']);
    // A new regency drops the district and village of the old one; a foreign regency is no choice.
    const moved = accountAreaPicker(deps, {
      regency: '35.78',
      district: '35.76.02',
      village: '35.76.02.1010',
    });
    expect([moved.regency, moved.district, moved.village]).toEqual(['35.78', undefined, undefined]);
    expect(accountAreaPicker(deps, { regency: '73.71' }).regency).toBeUndefined();
  });
});

describe('editing an account', { timeout: 120_000 }, () => {
  it('renames without ending sessions; audits only that the name changed', async () => {
    const { id } = await newAccount('kelurahan', { village: '35.76.02.1010' });
    const { token } = await startSession(deps, id);
    const change = await updateAccount(
      deps,
      admin,
      id,
      { display_name: 'Nama Baru', role: 'kelurahan', village: '35.76.02.1010' },
      'desk-1',
    );
    expect(change).toEqual({ changed: true, sessionsEnded: false });
    expect((await resolveSession(deps, token))?.displayName).toBe('Nama Baru');
    const audit = await auditOf(id);
    expect(audit.map((a) => [a.action, JSON.parse(a.detail as string), a.actor_id])).toEqual([
      ['user_update', { name: 'changed' }, admin.id],
    ]);
    // The same form again changes nothing and writes nothing.
    expect(
      await updateAccount(
        deps,
        admin,
        id,
        { display_name: 'Nama Baru', role: 'kelurahan', village: '35.76.02.1010' },
        null,
      ),
    ).toEqual({ changed: false, sessionsEnded: false });
    expect(await auditOf(id)).toHaveLength(1);
  });

  it('a new role or area ends the sessions at once, and the audit row says before → after', async () => {
    const { id } = await newAccount('rt_rw', { village: '35.76.02.1010', rt: '3', rw: '4' });
    const { token } = await startSession(deps, id);
    const change = await updateAccount(
      deps,
      admin,
      id,
      { display_name: 'Petugas Pindah', role: 'dinsos', regency: '35.78' },
      'desk-1',
    );
    expect(change).toEqual({ changed: true, sessionsEnded: true });
    expect(await resolveSession(deps, token)).toBeNull();
    const row = await deps.db
      .selectFrom('users')
      .select(['role', 'area_code', 'rt', 'rw', 'display_name'])
      .where('id', '=', id)
      .executeTakeFirstOrThrow();
    expect(row).toEqual({
      role: 'dinsos',
      area_code: '35.78',
      rt: null,
      rw: null,
      display_name: 'Petugas Pindah',
    });
    const [audit] = await auditOf(id);
    expect(JSON.parse(audit?.detail as string)).toEqual({
      role: 'rt_rw → dinsos',
      area: '35.76.02.1010 → 35.78',
      rtrw: '003/004 → —',
      name: 'changed',
      sessions: 'ended',
    });
    // The officer signs in again and works in the new area.
    const again = await startSession(deps, id);
    expect((await resolveSession(deps, again.token))?.areaCode).toBe('35.78');
  });

  it('refuses bad input at its field and changes nothing', async () => {
    const { id } = await newAccount('kelurahan', { village: '35.76.02.1010' });
    const cases: [Record<string, unknown>, Record<string, string>][] = [
      [{ display_name: '', role: 'kelurahan', village: '35.76.02.1010' }, { display_name: 'field.required' }],
      [
        { display_name: 'x'.repeat(5000), role: 'kelurahan', village: '35.76.02.1010' },
        { display_name: 'field.too_long?max=100' },
      ],
      [
        { display_name: '<script>alert(1)</script>', role: 'kelurahan', village: '35.76.02.1010' },
        { display_name: 'account.name_markup' },
      ],
      [{ display_name: 'Nama', role: 'superadmin', village: '35.76.02.1010' }, { role: 'field.choose' }],
      [
        { display_name: { a: 1 }, role: ['admin'], village: { code: '35.76.02.1010' } },
        { display_name: 'field.required', role: 'field.choose', village: 'field.invalid' },
      ],
      [
        { display_name: 'Nama', role: 'kelurahan', regency: '35.78', village: '35.76.02.1010' },
        { village: 'account.village_not_in_regency' },
      ],
      [
        { display_name: 'Nama', role: 'kelurahan', village: '73.71.01.1001' },
        { village: 'account.area_outside' },
      ],
    ];
    for (const [raw, fields] of cases) {
      const error = await errorOf(updateAccount(deps, admin, id, raw, null));
      expect(error.code, JSON.stringify(raw).slice(0, 60)).toBe('validation_failed');
      expect(error.fields).toEqual(fields);
    }
    // A prototype key is data, not a way to reach the object's prototype.
    const forged = JSON.parse(
      '{"display_name":"Nama","role":"kelurahan","village":"35.76.02.1010","__proto__":{"role":"admin"}}',
    );
    await updateAccount(deps, admin, id, forged, null);
    expect(({} as { role?: string }).role).toBeUndefined();
    const row = await deps.db
      .selectFrom('users')
      .select(['role', 'area_code'])
      .where('id', '=', id)
      .executeTakeFirstOrThrow();
    expect(row).toEqual({ role: 'kelurahan', area_code: '35.76.02.1010' });
    for (const unknown of [99_999_999, -1, Number.NaN, 1.5]) {
      const missing = await errorOf(
        updateAccount(deps, admin, unknown, { display_name: 'Nama', role: 'admin' }, null),
      );
      expect(missing.code).toBe('not_found');
    }
  });

  it('keeps the last active admin: no demotion, no disabling, until another admin exists', async () => {
    const admins = await deps.db
      .selectFrom('users')
      .select('id')
      .where('role', '=', 'admin')
      .where('disabled_at', 'is', null)
      .execute();
    expect(admins.map((a) => a.id)).toEqual([admin.id]);
    const demote = await errorOf(
      updateAccount(deps, admin, admin.id, { display_name: 'Admin', role: 'dinsos', regency: '35.76' }, null),
    );
    expect(demote.fields).toEqual({ role: 'account.last_admin' });
    const disable = await errorOf(setDisabled(deps, admin.id, true));
    expect(disable.fields).toEqual({ user: 'account.last_admin' });
    // A renamed last admin is still fine.
    expect(
      (await updateAccount(deps, admin, admin.id, { display_name: 'Admin Dinas', role: 'admin' }, null))
        .changed,
    ).toBe(true);

    const second = await newAccount('admin', {});
    await updateAccount(
      deps,
      admin,
      admin.id,
      { display_name: 'Admin Dinas', role: 'dinsos', regency: '35.76' },
      null,
    );
    expect(
      (await deps.db.selectFrom('users').select('role').where('id', '=', admin.id).executeTakeFirstOrThrow())
        .role,
    ).toBe('dinsos');
    // Now the second is the last one.
    expect((await errorOf(setDisabled(deps, second.id, true))).fields).toEqual({
      user: 'account.last_admin',
    });
    await deps.db
      .updateTable('users')
      .set({ role: 'admin', area_code: null })
      .where('id', '=', admin.id)
      .execute();
    await setDisabled(deps, second.id, true);
    expect(
      (
        await deps.db
          .selectFrom('users')
          .select('disabled_at')
          .where('id', '=', second.id)
          .executeTakeFirstOrThrow()
      ).disabled_at,
    ).not.toBeNull();
  });

  it('keeps one admin when two admins demote each other at the same moment', async () => {
    // The state the test above left: one active admin. A second one, then both at once.
    const second = await newAccount('admin', {});
    await deps.db.updateTable('users').set({ disabled_at: null }).where('id', '=', second.id).execute();
    const active = async () =>
      (
        await deps.db
          .selectFrom('users')
          .select('id')
          .where('role', '=', 'admin')
          .where('disabled_at', 'is', null)
          .execute()
      ).length;
    expect(await active()).toBe(2);
    const demote = (id: number) =>
      updateAccount(
        deps,
        admin,
        id,
        { display_name: 'Bukan admin lagi', role: 'dinsos', regency: '35.76' },
        null,
      );
    const outcomes = await Promise.allSettled([demote(admin.id), demote(second.id)]);
    expect(outcomes.filter((o) => o.status === 'fulfilled')).toHaveLength(1);
    const refused = outcomes.find((o) => o.status === 'rejected') as PromiseRejectedResult;
    expect(refused.reason).toMatchObject({ fields: { role: 'account.last_admin' } });
    expect(await active()).toBe(1);
  });
});
