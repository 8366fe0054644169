// A case shows the open cases that are likely the same request (issue 20), on both engines: the
// same NIK complaining twice about the same program and problem is suggested, another problem or
// another office's area is not; linking is one move, after which neither case suggests the other.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { DEMO_HOUSEHOLDS } from '../../src/demo/generate-demo-data.ts';
import { moveCase, openCase } from '../../src/domain/backoffice/case-work.ts';
import { suggestDuplicates } from '../../src/domain/backoffice/duplicate-suggestions.ts';
import type { Officer } from '../../src/domain/backoffice/officer.ts';
import type { DomainDeps } from '../../src/domain/deps.ts';
import { submitAduan } from '../../src/domain/tickets/submit-aduan.ts';
import { officerNamed } from '../support/domain-calls.ts';
import { openTestDatabase, type TestDatabase } from '../support/test-app.ts';
import { aduanBody, ticketOf } from '../support/ticket-fixtures.ts';

let env: TestDatabase;
let deps: DomainDeps;
let desk: Officer;
let otherRegency: Officer;
let otherVillage: Officer;

const KEDUNDUNG = DEMO_HOUSEHOLDS.find((h) => h.key === 'bpnt');

beforeAll(async () => {
  env = await openTestDatabase();
  deps = env.deps;
  desk = await officerNamed(env.db, 'dinsos.mojokerto');
  otherRegency = await officerNamed(env.db, 'dinsos.surabaya');
  otherVillage = await officerNamed(env.db, 'kel.wates');
}, 120_000);
afterAll(async () => {
  await env.close();
});

let sent = 0;
async function complaint(overrides: Record<string, unknown>) {
  sent += 1;
  const receipt = await submitAduan(deps, aduanBody(overrides), {
    idempotencyKey: `similar:${sent}:${Date.now()}`,
    locale: 'id',
    attachments: [],
    clientKey: `resident-${sent}`,
  });
  const { ticket } = await ticketOf(env.db, receipt.reference);
  return { id: ticket.id, reference: receipt.reference };
}

describe('duplicate suggestions', { timeout: 120_000 }, () => {
  it('suggests the same NIK’s open complaint about the same problem, and links it with one move', async () => {
    const nik = KEDUNDUNG?.nik as string;
    const first = await complaint({ nik, program: 'BPNT', problem: 'kks_terblokir' });
    const otherProblem = await complaint({ nik, program: 'BPNT', problem: 'pin_terblokir' });
    const second = await complaint({ nik, program: 'BPNT', problem: 'kks_terblokir' });
    // Without a NIK a complaint names no household: nothing to compare.
    const anonymous = await complaint({});

    const file = await openCase(deps, desk, second.id, 'desk');
    expect(file.duplicateSuggestions.map((d) => [d.reference, d.earlier])).toEqual([[first.reference, true]]);
    const firstFile = await openCase(deps, desk, first.id, 'desk');
    expect(firstFile.duplicateSuggestions.map((d) => [d.reference, d.earlier])).toEqual([
      [second.reference, false],
    ]);
    expect((await openCase(deps, desk, otherProblem.id, 'desk')).duplicateSuggestions).toEqual([]);
    expect((await openCase(deps, desk, anonymous.id, 'desk')).duplicateSuggestions).toEqual([]);

    // Another regency's office, or another village's, is told nothing of these cases.
    const ticket = (await ticketOf(env.db, second.reference)).ticket;
    expect(await suggestDuplicates(deps, otherRegency, ticket)).toEqual([]);
    expect(await suggestDuplicates(deps, otherVillage, ticket)).toEqual([]);

    await moveCase(
      deps,
      desk,
      {
        ticketId: second.id,
        to: 'duplikat',
        duplicate: first.reference,
        expectedVersion: file.ticket.version,
      },
      'desk',
    );
    const linked = await openCase(deps, desk, second.id, 'desk');
    expect(linked.duplicateOf).toEqual({ id: first.id, reference: first.reference });
    expect(linked.duplicateSuggestions).toEqual([]);
    expect((await openCase(deps, desk, first.id, 'desk')).duplicateSuggestions).toEqual([]);
  });
});
