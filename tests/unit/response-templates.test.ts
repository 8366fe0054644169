// Response templates on both engines: the demo has them; only the Dinas Sosial and the admin keep
// them (to the other offices they do not exist), every change is checked and audited; an officer
// gets a template's text only for a move the workflow lets them take now, in the resident's language.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { DEMO_ACCOUNTS } from '../../src/demo/demo-accounts.ts';
import { DEMO_TEMPLATES } from '../../src/demo/demo-templates.ts';
import { moveCase, openCase } from '../../src/domain/backoffice/case-work.ts';
import { logIn } from '../../src/domain/backoffice/login.ts';
import type { Officer } from '../../src/domain/backoffice/officer.ts';
import {
  createTemplate,
  listTemplates,
  setTemplateDisabled,
  templateField,
  templateForMove,
  templateStates,
  templatesFor,
  updateTemplate,
} from '../../src/domain/backoffice/response-templates.ts';
import { resolveSession } from '../../src/domain/backoffice/sessions.ts';
import type { DomainDeps } from '../../src/domain/deps.ts';
import { submitAduan } from '../../src/domain/tickets/submit-aduan.ts';
import { workflowOf } from '../../src/domain/tickets/workflow.ts';
import { errorOf } from '../support/domain-calls.ts';
import { openTestDatabase, type TestDatabase } from '../support/test-app.ts';
import { aduanBody } from '../support/ticket-fixtures.ts';

let env: TestDatabase;
let deps: DomainDeps;
const officers: Record<string, Officer> = {};

beforeAll(async () => {
  env = await openTestDatabase();
  deps = env.deps;
  for (const username of ['admin', 'dinsos.mojokerto', 'dinsos.surabaya', 'kel.wates', 'rt008.wates']) {
    const account = DEMO_ACCOUNTS.find((a) => a.username === username);
    const session = await logIn(deps, { username, password: account?.password ?? '', clientKey: 'desk' });
    const officer = await resolveSession(deps, session.token);
    if (!officer) throw new Error(username);
    officers[username] = officer;
  }
}, 120_000);
afterAll(async () => {
  await env.close();
});

const officer = (username: string) => officers[username] as Officer;
const MOJOKERTO = '35.76';
const SURABAYA = '35.78';
const good = {
  kind: 'aduan',
  status: 'selesai',
  title: 'Saldo nol',
  body_id: 'Saldo sudah masuk.',
  body_en: '',
};

describe('response templates', { timeout: 120_000 }, () => {
  it('are written only for states an officer’s move leads to, never for a duplicate', () => {
    expect(templateStates('aduan')).toEqual(['diteruskan', 'ditindaklanjuti', 'selesai', 'dirujuk']);
    expect(templateStates('usulan')).toContain('perlu_perbaikan');
    expect(templateStates('usulan')).not.toContain('diajukan');
    expect(templateStates('sanggahan')).not.toContain('duplikat');
    const rule = (kind: 'aduan' | 'usulan', to: string) =>
      workflowOf(kind).rules.find((r) => r.to === to && !r.roles.includes('warga'));
    expect(templateField(rule('aduan', 'selesai') ?? { needs: [] })).toBe('answer');
    expect(templateField(rule('aduan', 'dirujuk') ?? { needs: [] })).toBe('referral');
    expect(templateField(rule('usulan', 'perlu_perbaikan') ?? { needs: [] })).toBe('note');
  });

  it('come with the demo data: KKS terblokir and the others, in both languages', async () => {
    const all = await listTemplates(deps, officer('admin'));
    expect(all.map((t) => t.title)).toEqual(expect.arrayContaining(DEMO_TEMPLATES.map((t) => t.title)));
    const kks = (await templatesFor(deps, MOJOKERTO, 'aduan', ['selesai'])).find(
      (t) => t.title === 'KKS terblokir',
    );
    expect(kks?.bodyId).toMatch(/bank penyalur dengan KTP dan KKS/);
    expect(kks?.bodyEn).toMatch(/paying bank/);
  });

  it('are kept by the Dinas Sosial and the admin only, with every bad field named, and audited', async () => {
    for (const username of ['kel.wates', 'rt008.wates']) {
      expect((await errorOf(createTemplate(deps, officer(username), good, 'desk'))).code).toBe('not_found');
    }
    const bad = await errorOf(
      createTemplate(
        deps,
        officer('dinsos.mojokerto'),
        { kind: 'aduan', status: 'diajukan', title: '', body_id: 'x'.repeat(4001), body_en: ['a'] },
        'desk',
      ),
    );
    expect(bad.code).toBe('validation_failed');
    expect(bad.fields).toMatchObject({
      status: 'template.status_invalid',
      title: 'field.required',
      body_id: 'field.too_long?max=4000',
    });
    expect(bad.fields.body_en).toBeDefined();
    // A state of another kind, an unknown kind, and prototype keys are refused alike.
    const otherKind = await errorOf(
      createTemplate(deps, officer('admin'), { ...good, kind: 'sanggahan' }, 'desk'),
    );
    expect(otherKind.fields).toEqual({ status: 'template.status_invalid' });
    const unknownKind = await errorOf(
      createTemplate(deps, officer('admin'), { ...good, kind: '__proto__' }, 'desk'),
    );
    expect(unknownKind.fields.kind).toBe('field.choose');

    const { id } = await createTemplate(deps, officer('dinsos.mojokerto'), good, 'desk');
    await updateTemplate(
      deps,
      officer('admin'),
      id,
      { ...good, title: 'Saldo sudah masuk', body_en: 'Paid.' },
      'desk',
    );
    await setTemplateDisabled(deps, officer('admin'), id, true, 'desk');
    const row = (await listTemplates(deps, officer('admin'))).find((t) => t.id === id);
    expect(row).toMatchObject({ title: 'Saldo sudah masuk', bodyEn: 'Paid.', disabled: true });
    expect((await templatesFor(deps, MOJOKERTO, 'aduan', ['selesai'])).some((t) => t.id === id)).toBe(false);
    expect((await errorOf(updateTemplate(deps, officer('admin'), 999_999, good, 'desk'))).code).toBe(
      'not_found',
    );
    expect((await errorOf(setTemplateDisabled(deps, officer('kel.wates'), id, false, 'desk'))).code).toBe(
      'not_found',
    );

    const audit = await env.db
      .selectFrom('audit_log')
      .select(['action', 'actor_role', 'detail'])
      .where('target_type', '=', 'template')
      .where('target_id', '=', String(id))
      .orderBy('id')
      .execute();
    expect(audit.map((a) => [a.action, a.actor_role])).toEqual([
      ['template_create', 'dinsos'],
      ['template_update', 'admin'],
      ['template_disable', 'admin'],
    ]);
    // Codes only in the audit: never the text a keeper typed.
    expect(audit.map((a) => a.detail ?? '').join()).not.toMatch(/Saldo/);
  });

  it('give an officer the text for a move they may take now, in the resident’s language', async () => {
    const receipt = await submitAduan(deps, aduanBody(), {
      idempotencyKey: `tpl:${Date.now()}`,
      locale: 'en',
      attachments: [],
      clientKey: 'resident',
    });
    const { ticket_id: ticketId } = await env.db
      .selectFrom('ticket_submissions')
      .select('ticket_id')
      .where('reference', '=', receipt.reference)
      .executeTakeFirstOrThrow();
    const dinsos = officer('dinsos.mojokerto');
    const kks = (await templatesFor(deps, MOJOKERTO, 'aduan', ['selesai'])).find(
      (t) => t.title === 'KKS terblokir',
    );
    const forward = (await templatesFor(deps, MOJOKERTO, 'aduan', ['diteruskan']))[0];
    if (!kks || !forward) throw new Error('demo templates missing');

    // Not a move open now: the case waits at the desk, the answer comes later.
    const early = await errorOf(
      templateForMove(deps, dinsos, { ticketId, to: 'selesai', templateId: kks.id }),
    );
    expect(early.code).toBe('transition_not_allowed');
    expect(
      await templateForMove(deps, dinsos, { ticketId, to: 'diteruskan', templateId: forward.id }),
    ).toEqual({
      field: 'note',
      text: forward.bodyEn,
    });
    // A template of another step, or none, is refused by name.
    const wrong = await errorOf(
      templateForMove(deps, dinsos, { ticketId, to: 'diteruskan', templateId: kks.id }),
    );
    expect(wrong.fields).toEqual({ template: 'template.not_for_this_move' });
    const none = await errorOf(templateForMove(deps, dinsos, { ticketId, to: 'diteruskan', templateId: -1 }));
    expect(none.fields).toEqual({ template: 'template.not_for_this_move' });
    // Outside the area (an aduan without a place is the SLRT desk's only) the case does not exist.
    const kel = await errorOf(
      templateForMove(deps, officer('kel.wates'), { ticketId, to: 'diteruskan', templateId: forward.id }),
    );
    expect(kel.code).toBe('not_found');
    expect(
      (
        await errorOf(
          templateForMove(deps, officer('admin'), { ticketId, to: 'diteruskan', templateId: forward.id }),
        )
      ).code,
    ).toBe('not_found');

    for (const [to, extra] of [
      ['diteruskan', { unit: 'bank_penyalur', noteAudience: 'internal' as const }],
      ['ditindaklanjuti', {}],
    ] as const) {
      const file = await openCase(deps, dinsos, ticketId, 'desk');
      await moveCase(deps, dinsos, { ticketId, to, expectedVersion: file.ticket.version, ...extra }, 'desk');
    }
    const answer = await templateForMove(deps, dinsos, { ticketId, to: 'selesai', templateId: kks.id });
    expect(answer).toEqual({ field: 'answer', text: kks.bodyEn });
  });

  it('belong to a regency: another regency’s office neither sees, changes nor uses them', async () => {
    const mojokerto = officer('dinsos.mojokerto');
    const surabaya = officer('dinsos.surabaya');
    const own = await createTemplate(deps, mojokerto, { ...good, title: 'Jawaban Mojokerto' }, 'desk');
    const theirs = await createTemplate(deps, surabaya, { ...good, title: 'Jawaban Surabaya' }, 'desk');
    const shared = await createTemplate(
      deps,
      officer('admin'),
      { ...good, title: 'Jawaban bersama' },
      'desk',
    );
    const titles = async (who: Officer) => (await listTemplates(deps, who)).map((t) => t.title);
    // Surabaya reads its own and the shared ones; none of Mojokerto's, demo ones included.
    expect(await titles(surabaya)).toEqual(expect.arrayContaining(['Jawaban Surabaya', 'Jawaban bersama']));
    expect(await titles(surabaya)).not.toContain('Jawaban Mojokerto');
    expect(await titles(surabaya)).not.toContain('KKS terblokir');
    expect(await titles(officer('admin'))).toEqual(
      expect.arrayContaining(['Jawaban Mojokerto', 'Jawaban Surabaya', 'Jawaban bersama', 'KKS terblokir']),
    );
    // Changing Mojokerto's, or the shared one, is "not found" for Surabaya; nothing changes.
    for (const id of [own.id, shared.id]) {
      expect(
        (await errorOf(updateTemplate(deps, surabaya, id, { ...good, title: 'Diambil' }, 'desk'))).code,
      ).toBe('not_found');
      expect((await errorOf(setTemplateDisabled(deps, surabaya, id, true, 'desk'))).code).toBe('not_found');
    }
    expect(await titles(mojokerto)).toEqual(expect.arrayContaining(['Jawaban Mojokerto', 'Jawaban bersama']));
    expect((await listTemplates(deps, mojokerto)).find((t) => t.id === own.id)?.disabled).toBe(false);
    // On a case, each regency is offered its own and the shared ones.
    const offered = async (regency: string) =>
      (await templatesFor(deps, regency, 'aduan', ['selesai'])).map((t) => t.id);
    expect(await offered(SURABAYA)).toEqual(expect.arrayContaining([theirs.id, shared.id]));
    expect(await offered(SURABAYA)).not.toContain(own.id);
    expect(await offered(MOJOKERTO)).toEqual(expect.arrayContaining([own.id, shared.id]));
    expect(await offered(MOJOKERTO)).not.toContain(theirs.id);
  });
});
