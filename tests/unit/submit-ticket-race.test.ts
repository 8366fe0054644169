// Two requests with one idempotency key, the second committing while the first is inside its
// transaction: the first must answer with the winner's receipt, not with its guard's "already
// proposed" (CI once saw [201, 422, 422, 422, 201] for five identical requests on PostgreSQL).
// SQLite has one writer, so its transactions never interleave this way; the test runs on
// PostgreSQL only.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { AppError } from '../../src/domain/errors.ts';
import { type SubmitRequest, submitTicket } from '../../src/domain/tickets/submit-ticket.ts';
import { openTestDatabase } from '../support/test-app.ts';
import { TEST_ENGINE } from '../support/test-database.ts';

let env: Awaited<ReturnType<typeof openTestDatabase>>;

beforeAll(async () => {
  if (TEST_ENGINE === 'postgres') env = await openTestDatabase();
}, 120_000);

afterAll(async () => {
  await env?.close();
});

const request = (guard?: SubmitRequest['guard']): SubmitRequest => ({
  kind: 'aduan',
  clientKey: 'race',
  idempotencyKey: 'api:race-1',
  locale: 'id',
  contact: null,
  payload: { description: 'Bantuan belum diterima.' },
  areaCode: null,
  attachments: [],
  ...(guard ? { guard } : {}),
});

describe.runIf(TEST_ENGINE === 'postgres')('one key, two requests interleaved', () => {
  it('the request whose guard sees the winner answers with the winner receipt', async () => {
    let secondDone: Promise<unknown> | undefined;
    let guardCalls = 0;
    const first = submitTicket(
      env.deps,
      request(async () => {
        guardCalls++;
        if (guardCalls > 1) return;
        // The same key commits from another connection while this transaction is open, and the
        // open case it made is what the guard refuses.
        secondDone = submitTicket(env.deps, request());
        await secondDone;
        throw new AppError('validation_failed', { head_nik: 'usulan.duplicate_open' });
      }),
    );
    const receipt = await first;
    const winner = await secondDone;
    expect(receipt).toEqual(winner);
    const rows = await env.db
      .selectFrom('ticket_submissions')
      .select('id')
      .where('idempotency_key', '=', 'api:race-1')
      .execute();
    expect(rows).toHaveLength(1);
  });
});
