// Two requests with one idempotency key, the second committing while the first is inside its
// transaction: the first must answer with the winner's receipt, not with its guard's "already
// proposed" (CI once saw [201, 422, 422, 422, 201] for five identical requests on PostgreSQL).
// SQLite has one writer, so its transactions never interleave this way; that test runs on
// PostgreSQL only. A reference drawn twice is refused by its unique index and drawn again, on
// both engines.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { AppError } from '../../src/domain/errors.ts';
import { newReference } from '../../src/domain/tickets/reference.ts';
import { type SubmitRequest, submitTicket } from '../../src/domain/tickets/submit-ticket.ts';
import { openTestDatabase } from '../support/test-app.ts';
import { TEST_ENGINE } from '../support/test-database.ts';

let env: Awaited<ReturnType<typeof openTestDatabase>>;

beforeAll(async () => {
  env = await openTestDatabase();
}, 120_000);

afterAll(async () => {
  await env?.close();
});

const request = (guard?: SubmitRequest['guard'], idempotencyKey = 'api:race-1'): SubmitRequest => ({
  kind: 'aduan',
  clientKey: 'race',
  idempotencyKey,
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

describe('a reference drawn twice', () => {
  it('is drawn again: the second submission gets a ticket of its own, the first keeps its reference', async () => {
    const first = await submitTicket(env.deps, request(undefined, 'api:draw-1'));
    const drawn: string[] = [];
    const deps = {
      ...env.deps,
      // The first draw repeats the first ticket's reference; the next ones are random.
      drawReference: (kind: SubmitRequest['kind']) => {
        const reference = drawn.length === 0 ? first.reference : newReference(kind);
        drawn.push(reference);
        return reference;
      },
    };
    const ticketsBefore = await countRows('tickets');
    const second = await submitTicket(deps, request(undefined, 'api:draw-2'));
    expect(drawn).toHaveLength(2);
    expect(second.reference).toBe(drawn[1]);
    expect(second.reference).not.toBe(first.reference);
    // The refused attempt's case was rolled back with it: one new case, not two.
    expect(await countRows('tickets')).toBe(ticketsBefore + 1);
    const owners = await env.db
      .selectFrom('ticket_submissions')
      .select(['reference', 'idempotency_key'])
      .where('reference', 'in', [first.reference, second.reference])
      .orderBy('id')
      .execute();
    expect(owners).toEqual([
      { reference: first.reference, idempotency_key: 'api:draw-1' },
      { reference: second.reference, idempotency_key: 'api:draw-2' },
    ]);
  });

  it('gives up after a few draws that are all taken, and leaves no case behind', async () => {
    const taken = await submitTicket(env.deps, request(undefined, 'api:draw-3'));
    const ticketsBefore = await countRows('tickets');
    const deps = { ...env.deps, drawReference: () => taken.reference };
    await expect(submitTicket(deps, request(undefined, 'api:draw-4'))).rejects.toThrow();
    expect(await countRows('tickets')).toBe(ticketsBefore);
    const submissions = await env.db
      .selectFrom('ticket_submissions')
      .select('id')
      .where('idempotency_key', '=', 'api:draw-4')
      .execute();
    expect(submissions).toEqual([]);
  });
});

async function countRows(table: 'tickets'): Promise<number> {
  const row = await env.db
    .selectFrom(table)
    .select((eb) => eb.fn.countAll<number | string>().as('n'))
    .executeTakeFirstOrThrow();
  return Number(row.n);
}
