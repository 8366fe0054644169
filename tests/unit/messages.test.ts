import { describe, expect, it } from 'vitest';
import { AUDIT_ACTIONS, AUDIT_TARGETS } from '../../src/domain/backoffice/audit.ts';
import { EVENT_DATA_SHOWN } from '../../src/domain/backoffice/case-work.ts';
import { INBOX_SHOW } from '../../src/domain/backoffice/inbox.ts';
import { MUSYAWARAH_DECISIONS } from '../../src/domain/backoffice/musyawarah.ts';
import { CORRECTABLE_FIELDS } from '../../src/domain/backoffice/register-correction.ts';
import { SLA_STATES } from '../../src/domain/backoffice/sla.ts';
import { ANSWER_STATES } from '../../src/domain/cek/membership-status.ts';
import { nextStepKey } from '../../src/domain/cek/membership-view.ts';
import { ERROR_CODES } from '../../src/domain/errors.ts';
import { DISPUTE_EXPORT_SCOPES } from '../../src/domain/export/desil-dispute-export.ts';
import { EXPORT_KINDS } from '../../src/domain/export/ministry-export.ts';
import { NOTICE_KINDS } from '../../src/domain/notifications/officer-notices.ts';
import { OUTBOX_STATES } from '../../src/domain/notifications/outbox-messages.ts';
import { ERROR_CLASSES } from '../../src/domain/notifications/transport.ts';
import {
  CORRECTION_SUBJECTS,
  DATA_REQUEST_KINDS,
  DATA_REQUEST_OUTCOMES,
} from '../../src/domain/privacy/data-request.ts';
import { BENEFITS, PERIOD_KINDS } from '../../src/domain/program-profiles/profile.ts';
import { MEMBERSHIP_STATUSES, SUSPENSION_REASONS } from '../../src/domain/programs.ts';
import { ADUAN_PROBLEMS, ADUAN_PROGRAMS } from '../../src/domain/tickets/aduan-catalogue.ts';
import { CASE_PURPOSES } from '../../src/domain/tickets/case-purpose.ts';
import { SANGGAHAN_REASONS } from '../../src/domain/tickets/forms/sanggahan-form.ts';
import {
  ASSETS,
  DESIL_FACTS,
  MEMBER_RELATIONS,
  PKH_COMPONENTS,
  PROPOSER_TYPES,
  SOCIO_QUESTIONS,
} from '../../src/domain/tickets/forms/usulan-form.ts';
import { REACTIVATION_OUTCOMES } from '../../src/domain/tickets/reactivation.ts';
import { USULAN_ATTACHMENT_FIELDS } from '../../src/domain/tickets/submit-usulan.ts';
import { kindKey, USULAN_PURPOSES } from '../../src/domain/tickets/usulan-purpose.ts';
import { ADUAN_UNITS, ROLES, STEP_OFFICE_ABSENCES, TICKET_KINDS } from '../../src/domain/tickets/workflow.ts';
import { formatPeriod, isMessageKey, translate, translateDynamic } from '../../src/i18n/messages.ts';
import { STATS_GROUPS } from '../../src/i18n/stats-messages.ts';

describe('messages', () => {
  it('has both languages for every next step, suspension reason and error code', () => {
    const keys = [
      ...MEMBERSHIP_STATUSES.filter((s) => s !== 'suspended').map((s) => `next.${s}`),
      ...SUSPENSION_REASONS.map((r) => `next.suspended.${r}`),
      ...ERROR_CODES.map((c) => `api.${c}`),
    ];
    for (const key of keys) {
      expect(isMessageKey(key), key).toBe(true);
      if (!isMessageKey(key)) continue;
      expect(translate('id', key)).not.toBe(translate('en', key));
    }
  });

  it('formats months and PKH stages', () => {
    expect(formatPeriod('id', '2020-12')).toBe('Desember 2020');
    expect(formatPeriod('en', '2020-Q4')).toBe('Stage 4 2020');
  });
});

describe('every message key the domain can emit', () => {
  it('has a translation (scanned from the source)', async () => {
    const { readFileSync, readdirSync } = await import('node:fs');
    const { join } = await import('node:path');
    const files = (dir: string): string[] =>
      readdirSync(dir, { withFileTypes: true }).flatMap((d) =>
        d.isDirectory() ? files(join(dir, d.name)) : [join(dir, d.name)],
      );
    const pattern =
      /['`]((?:field|contact|consent|usulan|sanggahan|attachment|ticket|lacak|nik|kk|region|name|program|period)\.[a-z_]+)(?:\?[^'`]*)?['`]/g;
    const missing = new Set<string>();
    // settings.ts keys due-date rules by `kind.status`, not messages.
    for (const file of files('src/domain').filter((f) => !f.endsWith('settings.ts'))) {
      for (const m of readFileSync(file, 'utf8').matchAll(pattern)) {
        if (!isMessageKey(m[1] as string)) missing.add(`${m[1]} (${file})`);
      }
    }
    expect([...missing]).toEqual([]);
  });
});

// Pages build these keys at run time (`t.dynamic(\`socio.${q}.${v}\`)`), out of reach of the
// compile-time check: each family is enumerated here from the option list it is built from, and a
// family the scan finds in src/ but not here fails the suite until it is added.
describe('every message key a page builds at run time', () => {
  const socio = Object.entries(SOCIO_QUESTIONS).flatMap(([q, values]) => [
    `socio.${q}`,
    ...values.map((v) => `socio.${q}.${v}`),
  ]);
  const families: Record<string, string[]> = {
    'socio.': socio,
    'asset.': ASSETS.map((a) => `asset.${a}`),
    'component.': PKH_COMPONENTS.map((c) => `component.${c}`),
    'relation.': MEMBER_RELATIONS.map((r) => `relation.${r}`),
    'usulan.proposer.': PROPOSER_TYPES.map((p) => `usulan.proposer.${p}`),
    'usulan.photo.': USULAN_ATTACHMENT_FIELDS.map((f) => `usulan.photo.${f}`),
    'sanggahan.reason.': SANGGAHAN_REASONS.map((r) => `sanggahan.reason.${r}`),
    'aduan.program.': ADUAN_PROGRAMS.map((p) => `aduan.program.${p}`),
    'aduan.problem.': ADUAN_PROBLEMS.map((p) => `aduan.problem.${p}`),
    'kind.': [...TICKET_KINDS.map((k) => `kind.${k}`), ...USULAN_PURPOSES.map((p) => kindKey('usulan', p))],
    'cek.found.': ANSWER_STATES.map((s) => `cek.found.${s}`),
    'receipt.next.': [
      ...TICKET_KINDS.map((k) => `receipt.next.${k}`),
      ...USULAN_PURPOSES.map((p) => `receipt.next.usulan.${p}`),
    ],
    'form.purpose.': [
      ...TICKET_KINDS.map((k) => `form.purpose.${k}`),
      ...USULAN_PURPOSES.map((p) => `form.purpose.${p}`),
      'form.purpose.permintaan_data',
    ],
    'sanggah_desil.fact.': DESIL_FACTS.map((f) => `sanggah_desil.fact.${f}`),
    'bo.export.disputes.': DISPUTE_EXPORT_SCOPES.map((s) => `bo.export.disputes.${s}`),
    'office.': ROLES.map((r) => `office.${r}`),
    'unit.': ADUAN_UNITS.map((u) => `unit.${u}`),
    'bo.sla.': SLA_STATES.map((s) => `bo.sla.${s}`),
    'bo.inbox.show.': INBOX_SHOW.map((s) => `bo.inbox.show.${s}`),
    'bo.case.data.': EVENT_DATA_SHOWN.map((k) => `bo.case.data.${k}`),
    'bo.export.': EXPORT_KINDS.map((k) => `bo.export.${k}`),
    'mk.decision.': MUSYAWARAH_DECISIONS.map((d) => `mk.decision.${d}`),
    'next.': BENEFITS.flatMap((benefit) =>
      MEMBERSHIP_STATUSES.flatMap((status) =>
        [...SUSPENSION_REASONS, null].map((suspension_reason) =>
          nextStepKey({ benefit, status, suspension_reason }),
        ),
      ),
    ),
    'program.benefit.': BENEFITS.map((b) => `program.benefit.${b}`),
    'program.period.': PERIOD_KINDS.map((k) => `program.period.${k}`),
    'kriteria.amount.': PERIOD_KINDS.map((k) => `kriteria.amount.${k}`),
    'audit.action.': AUDIT_ACTIONS.map((a) => `audit.action.${a}`),
    'audit.target.': AUDIT_TARGETS.map((a) => `audit.target.${a}`),
    'bo.case.because.': STEP_OFFICE_ABSENCES.map((a) => `bo.case.because.${a}`),
    // From main's duplicate suggestions (the case page builds it per kind); was missing here.
    'bo.case.similar.why.': TICKET_KINDS.map((k) => `bo.case.similar.why.${k}`),
    'bo.stats.group.': STATS_GROUPS.map((g) => `bo.stats.group.${g}`),
    'case.purpose.': CASE_PURPOSES.map((p) => `case.purpose.${p}`),
    'bo.case.standsIn.': STEP_OFFICE_ABSENCES.map((a) => `bo.case.standsIn.${a}`),
    'lacak.reactivation.': [...REACTIVATION_OUTCOMES, 'dirujuk', 'open'].map(
      (o) => `lacak.reactivation.${o}`,
    ),
    'bo.case.outcome.': REACTIVATION_OUTCOMES.map((o) => `bo.case.outcome.${o}`),
    // The resident's data requests (decision 0033): the form's choices, Lacak's and the case page's words.
    'data_request.kind.': DATA_REQUEST_KINDS.map((k) => `data_request.kind.${k}`),
    'data_request.subject.': CORRECTION_SUBJECTS.map((s) => `data_request.subject.${s}`),
    'lacak.data_request.': [
      ...DATA_REQUEST_OUTCOMES.map((o) => `lacak.data_request.${o}`),
      ...DATA_REQUEST_KINDS.map((k) => `lacak.data_request.open.${k}`),
    ],
    'bo.case.dataRequest.outcome.': ['dijawab', 'ditolak'].map((o) => `bo.case.dataRequest.outcome.${o}`),
    'bo.case.dataRequest.result.': DATA_REQUEST_OUTCOMES.map((o) => `bo.case.dataRequest.result.${o}`),
    'bo.case.correct.field.': CORRECTABLE_FIELDS.map((f) => `bo.case.correct.field.${f}`),
    'outbox.error.': ERROR_CLASSES.map((e) => `outbox.error.${e}`),
    'outbox.state.': OUTBOX_STATES.map((s) => `outbox.state.${s}`),
    'outbox.audience.': ['resident', 'officer'].map((a) => `outbox.audience.${a}`),
    'outbox.kind.': ['update', ...NOTICE_KINDS].map((k) => `outbox.kind.${k}`),
    'outbox.channel.': ['sms', 'email', 'webhook', 'none'].map((c) => `outbox.channel.${c}`),
  };

  it.each(Object.entries(families))('%s… exists in both languages for every option', (_family, keys) => {
    const missing = keys.filter((k) => !isMessageKey(k));
    expect(missing).toEqual([]);
    for (const key of keys) {
      if (!isMessageKey(key)) continue;
      expect(translate('id', key), key).not.toBe('');
      expect(translate('en', key), key).not.toBe('');
    }
  });

  it('covers every family the pages and components build (scanned from the source)', async () => {
    const { readFileSync, readdirSync } = await import('node:fs');
    const { join } = await import('node:path');
    const files = (dir: string): string[] =>
      readdirSync(dir, { withFileTypes: true }).flatMap((d) =>
        d.isDirectory() ? files(join(dir, d.name)) : [join(dir, d.name)],
      );
    const built = new Set<string>();
    for (const file of [...files('src/pages'), ...files('src/components'), ...files('src/layouts')]) {
      // `t.dynamic(\`prefix.${…}\`)` and `t.dynamic('prefix.' + …)`: the literal prefix is the family.
      for (const m of readFileSync(file, 'utf8').matchAll(/\.dynamic\(\s*`([a-zA-Z_.]*?)\$\{/g)) {
        built.add(m[1] as string);
      }
    }
    expect(built.size).toBeGreaterThan(10);
    const known = Object.keys(families);
    expect([...built].filter((prefix) => !known.some((family) => prefix.startsWith(family)))).toEqual([]);
  });
});

describe('translateDynamic', () => {
  it('fills the parameters written after `?`, the caller’s winning', () => {
    expect(translateDynamic('id', 'cek.desilValue?n=3')).toBe('Desil 3 dari 10');
    expect(translateDynamic('id', 'cek.desilValue?n=3', { n: 4 })).toBe('Desil 4 dari 10');
    expect(translateDynamic('en', 'cek.desilValue', { n: 7 })).toBe(
      translate('en', 'cek.desilValue', { n: 7 }),
    );
    // Only what stands between the first and a second `?` is read.
    expect(translateDynamic('id', 'cek.desilValue?n=2?n=9')).toBe('Desil 2 dari 10');
  });

  it('leaves a placeholder it has no value for, and gives back a key it does not know', () => {
    expect(translateDynamic('id', 'cek.desilValue')).toBe('Desil {n} dari 10');
    expect(translateDynamic('id', 'no.such.key')).toBe('no.such.key');
    expect(translateDynamic('id', 'no.such.key?n=1')).toBe('no.such.key');
    expect(translateDynamic('id', '__proto__')).toBe('__proto__');
  });
});
