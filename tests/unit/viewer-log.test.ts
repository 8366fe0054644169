// "Who looked at me" on both engines (issue 22): opening a case, downloading its file, the
// musyawarah agenda and the ministry export each name the people they showed, by a keyed hash of
// the NIK that the log never holds in the clear; "who viewed NIK N" answers every officer, action
// and time, and an admin's search for it is itself recorded under that person.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { recordAudit } from '../../src/domain/backoffice/audit.ts';
import { openCase } from '../../src/domain/backoffice/case-work.ts';
import { loadAgenda, WAITING_FOR_MUSYAWARAH } from '../../src/domain/backoffice/musyawarah.ts';
import { niksIn, subjectOf, subjectsOf, whoViewed } from '../../src/domain/backoffice/viewer-log.ts';
import type { DomainDeps } from '../../src/domain/deps.ts';
import { exportForMinistry } from '../../src/domain/export/ministry-export.ts';
import { officerNamed } from '../support/domain-calls.ts';
import { openTestDatabase, type TestDatabase } from '../support/test-app.ts';

let env: TestDatabase;
let deps: DomainDeps;

beforeAll(async () => {
  env = await openTestDatabase();
  deps = env.deps;
}, 120_000);
afterAll(async () => {
  await env.close();
});

describe('the viewer log', { timeout: 120_000 }, () => {
  it('keys a NIK by the server secret, and finds NIKs in a form at any depth', () => {
    const nik = '3576014403910003';
    expect(subjectOf(deps.secret, nik)).toMatch(/^[0-9a-f]{32}$/);
    expect(subjectOf(Buffer.alloc(32, 1), nik)).not.toBe(subjectOf(deps.secret, nik));
    expect(subjectsOf(deps.secret, [nik, nik, 'abc', null, '123'])).toEqual([subjectOf(deps.secret, nik)]);
    expect(
      niksIn({ head_nik: nik, members: [{ nik: '3576014403910011', name: 'x' }], phone: '3576014403910099' }),
    ).toEqual([nik, '3576014403910011']);
  });

  it('answers who opened a case, its file, the agenda and the export naming a person', async () => {
    const dinsos = await officerNamed(env.db, 'dinsos.mojokerto');
    // A proposal waiting for its village's musyawarah: the Dinas Sosial opens it and the agenda.
    const waiting = await env.db
      .selectFrom('tickets')
      .select(['id', 'subject_nik', 'area_code'])
      .where('kind', '=', 'usulan')
      .where('status', '=', WAITING_FOR_MUSYAWARAH)
      .where('area_code', 'like', '35.76.%')
      .where('subject_nik', 'is not', null)
      .orderBy('id')
      .executeTakeFirst();
    expect(waiting).toBeDefined();
    const nik = waiting?.subject_nik ?? '';
    expect(await whoViewed(deps, nik)).toEqual([]);

    await openCase(deps, dinsos, waiting?.id ?? 0, '10.0.0.7');
    await loadAgenda(deps, dinsos, waiting?.area_code ?? '', '10.0.0.7');
    const views = await whoViewed(deps, nik);
    expect(views.map((v) => [v.username, v.action, v.target_type, v.target_id, v.client_address])).toEqual([
      [dinsos.username, 'musyawarah_view', null, null, '10.0.0.7'],
      [dinsos.username, 'ticket_view', 'ticket', String(waiting?.id), '10.0.0.7'],
    ]);

    // The export names each head it lists.
    const approved = await env.db
      .selectFrom('tickets')
      .select('subject_nik')
      .where('kind', '=', 'usulan')
      .where('status', '=', 'disahkan_kepala_daerah')
      .where('area_code', 'like', '35.76.%')
      .executeTakeFirstOrThrow();
    await exportForMinistry(deps, dinsos, { kind: 'usulan_disahkan', area: '35.76' }, 'desk');
    expect(
      (await whoViewed(deps, approved.subject_nik ?? '')).map((v) => [v.username, v.action]),
    ).toContainEqual(['dinsos.mojokerto', 'export']);

    // The log holds keys, never a NIK.
    const subjects = await env.db.selectFrom('audit_subjects').select('subject').execute();
    expect(subjects.length).toBeGreaterThan(1);
    expect(subjects.every((s) => /^[0-9a-f]{32}$/.test(s.subject))).toBe(true);
    expect(subjects.map((s) => s.subject)).not.toContain(nik);
    expect(await whoViewed(deps, 'not a nik')).toEqual([]);
  });

  it('refuses UPDATE and DELETE of the subjects like the log itself', async () => {
    await recordAudit(deps, {
      actor: null,
      action: 'audit_search',
      clientAddress: null,
      subjects: subjectsOf(deps.secret, ['3576014403910003']),
    });
    await expect(env.db.updateTable('audit_subjects').set({ subject: 'x' }).execute()).rejects.toThrow(
      /append-only/,
    );
    await expect(env.db.deleteFrom('audit_subjects').execute()).rejects.toThrow(/append-only/);
  });
});
