// A resident's request to see their data, answered by the Dinas Sosial on both engines (issue 22):
// the household their NIK is listed in, its members (the others' NIKs cut), memberships, every
// ticket naming them with its steps, files and messages, and who viewed their data; only the
// regency's own Dinas Sosial answers, for its own area; every answer is itself recorded.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { openCase } from '../../src/domain/backoffice/case-work.ts';
import type { Officer } from '../../src/domain/backoffice/officer.ts';
import { whoViewed } from '../../src/domain/backoffice/viewer-log.ts';
import type { DomainDeps } from '../../src/domain/deps.ts';
import { accessExport } from '../../src/domain/privacy/access-export.ts';
import { submitAduan } from '../../src/domain/tickets/submit-aduan.ts';
import { errorOf, officerNamed } from '../support/domain-calls.ts';
import { openTestDatabase, type TestDatabase } from '../support/test-app.ts';
import { aduanBody, LISTED_HOUSEHOLD, ticketOf, tinyPng } from '../support/ticket-fixtures.ts';

let env: TestDatabase;
let deps: DomainDeps;
const officers: Record<string, Officer> = {};

beforeAll(async () => {
  env = await openTestDatabase();
  deps = env.deps;
  for (const username of ['dinsos.mojokerto', 'dinsos.surabaya', 'kel.wates', 'admin'])
    officers[username] = await officerNamed(env.db, username);
}, 120_000);
afterAll(async () => {
  await env.close();
});

const officer = (username: string) => officers[username] as Officer;

describe('the answer to a request to see one’s data', { timeout: 120_000 }, () => {
  it('gathers the household, its tickets with their steps and files, and who looked', async () => {
    const receipt = await submitAduan(
      deps,
      aduanBody({
        nik: LISTED_HOUSEHOLD.nik,
        contact: { anonymous: false, name: 'Sugeng Riyadi', phone: '0857 1234 5678' },
      }),
      {
        idempotencyKey: `access:${Date.now()}`,
        locale: 'id',
        attachments: [{ field: 'lampiran_1', bytes: tinyPng(), name: 'kks.png' }],
        clientKey: 'resident',
      },
    );
    const ticketId = (await ticketOf(env.db, receipt.reference)).ticket.id;
    await openCase(deps, officer('dinsos.mojokerto'), ticketId, '10.1.1.1');

    const answer = await accessExport(deps, officer('dinsos.mojokerto'), ` ${LISTED_HOUSEHOLD.nik} `, 'desk');
    expect(answer.nik).toBe(LISTED_HOUSEHOLD.nik);
    expect(answer.households).toHaveLength(1);
    const [household] = answer.households;
    expect(household?.kk).toBe(LISTED_HOUSEHOLD.kk);
    const self = household?.members.filter((m) => m.is_subject) ?? [];
    expect(self.map((m) => [m.nik, m.name])).toEqual([[LISTED_HOUSEHOLD.nik, LISTED_HOUSEHOLD.name]]);
    // The family card's other members are there, their NIKs cut to the last four.
    expect(household?.members.filter((m) => !m.is_subject).every((m) => !/^\d{16}$/.test(m.nik))).toBe(true);
    expect(household?.memberships.length).toBeGreaterThan(0);

    const ticket = answer.tickets.find((t) => t.references.includes(receipt.reference));
    expect(ticket).toMatchObject({ kind: 'aduan', status: 'diterima' });
    expect(ticket?.submissions[0]?.contact).toMatchObject({ name: 'Sugeng Riyadi' });
    expect(ticket?.files.map((f) => f.name)).toEqual(['kks.png']);
    expect(ticket?.steps.map((s) => s.to)).toEqual(['diterima']);
    expect(answer.views.map((v) => [v.username, v.action, v.client_address])).toContainEqual([
      'dinsos.mojokerto',
      'ticket_view',
      '10.1.1.1',
    ]);
    // The answer is itself a view of this person's data.
    expect((await whoViewed(deps, LISTED_HOUSEHOLD.nik))[0]).toMatchObject({
      username: 'dinsos.mojokerto',
      action: 'access_export',
    });
  });

  it('holds nothing of another regency, and is not there for the other offices', async () => {
    const surabaya = await accessExport(deps, officer('dinsos.surabaya'), LISTED_HOUSEHOLD.nik, 'desk');
    expect(surabaya.households).toEqual([]);
    expect(surabaya.tickets).toEqual([]);
    for (const username of ['kel.wates', 'admin'])
      expect(
        await errorOf(accessExport(deps, officer(username), LISTED_HOUSEHOLD.nik, 'desk')),
      ).toMatchObject({
        code: 'not_found',
      });
  });

  it('refuses what is not a NIK, in words', async () => {
    for (const [raw, message] of [
      ['', 'nik.required'],
      ['3576', 'nik.format'],
      ['<script>alert(1)</script>', 'nik.format'],
      [{ nik: LISTED_HOUSEHOLD.nik }, 'nik.required'],
      ['x'.repeat(10_000), 'nik.format'],
    ] as const)
      expect(await errorOf(accessExport(deps, officer('dinsos.mojokerto'), raw, 'desk'))).toMatchObject({
        code: 'validation_failed',
        fields: { nik: message },
      });
  });
});
