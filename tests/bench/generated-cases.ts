// Officers' cases for the inbox's measurements (`npm run bench -- --only=inbox` and
// tools/inbox-two-builds.ts): 100,000 of them on top of the demo data, as a city's office has;
// and the session of the officer whose inbox is measured.
import { sql } from 'kysely';
import { type DatabaseTarget, openDatabase } from '../../src/db/database.ts';
import { insertInBatches } from '../../src/db/insert-in-batches.ts';
import { DEMO_ACCOUNTS } from '../../src/demo/demo-accounts.ts';
import { MOJOKERTO_VILLAGES } from '../../src/demo/tickets/cast.ts';
import { responsibleRole, workflowOf } from '../../src/domain/tickets/workflow.ts';

/** Where the cases go: a database whose schema a server of the build measured has made. */
export interface CasesEngine {
  name: 'sqlite' | 'postgres';
  target: DatabaseTarget;
}

/** Officers' cases beyond the demo's, spread over the city's villages, states and due dates. */
export async function generateCases(engine: CasesEngine, count: number): Promise<void> {
  // Opened without migrating: the server that seeded the demo data made the schema, and an older
  // build measured against a newer one must find the schema it knows (tools/inbox-two-builds.ts).
  const prepared = openDatabase(engine.target);
  const villages = MOJOKERTO_VILLAGES.map((v) => v.village_code);
  const kinds = ['usulan', 'sanggahan', 'aduan'] as const;
  const now = Date.now();
  for (let start = 0; start < count; start += 10_000) {
    const tickets = Array.from({ length: Math.min(10_000, count - start) }, (_, i) => {
      const n = start + i;
      const kind = kinds[n % 3] as (typeof kinds)[number];
      const workflow = workflowOf(kind);
      const open = workflow.states.filter((s) => !workflow.terminal.includes(s as never));
      const status = n % 5 === 0 ? (workflow.terminal[0] as string) : (open[n % open.length] as string);
      const closed = workflow.terminal.includes(status as never);
      const opened = new Date(now - (n % 90) * 86_400_000).toISOString();
      const due = closed ? null : new Date(now + ((n % 40) - 20) * 86_400_000).toISOString();
      return {
        kind,
        status,
        return_to: null,
        responsible_role: closed ? null : responsibleRole(kind, status),
        responsible_unit: null,
        area_code: villages[n % villages.length] ?? null,
        rt: String(1 + (n % 12)).padStart(3, '0'),
        rw: String(1 + (n % 9)).padStart(3, '0'),
        due_at: due,
        at_risk_at: due ? new Date(Date.parse(due) - 3 * 86_400_000).toISOString() : null,
        opened_at: opened,
        updated_at: opened,
        closed_at: closed ? opened : null,
        payload: '{}',
      };
    });
    const ids = await insertInBatches(prepared.db, 'tickets', tickets, { returning: 'id' });
    await insertInBatches(
      prepared.db,
      'ticket_submissions',
      ids.map((id) => ({
        ticket_id: id,
        reference: `BEN-${String(id).padStart(8, '0')}`,
        tracking_code_hash: 'hmac$bench',
        submitted_at: new Date(now).toISOString(),
        locale: 'id',
        contact: null,
        payload: '{}',
        idempotency_key: `bench:${id}`,
        request_hash: 'bench',
        receipt: '{}',
      })),
    );
  }
  // A table that grew by 100,000 rows in seconds has statistics of its empty self until the
  // autovacuum daemon comes round (within a minute, on a live server); measured before that,
  // PostgreSQL plans the state counts as a full scan of the table. What an office sees is the
  // analysed table. Likewise the open-case counts (migration 031): each of the 100,000 inserts
  // left a dead version of its count's row, which autovacuum soon clears from so small a table.
  await sql
    .raw(engine.name === 'postgres' ? 'VACUUM ANALYZE tickets, open_ticket_counts' : 'ANALYZE')
    .execute(prepared.db);
  await prepared.close();
}

/** The session cookie of the demo's Dinas Sosial officer (the widest area) on the server at `baseUrl`. */
export async function dinsosCookie(baseUrl: string): Promise<string> {
  const account = DEMO_ACCOUNTS.find((a) => a.role === 'dinsos');
  const login = await fetch(`${baseUrl}/petugas/masuk`, {
    method: 'POST',
    redirect: 'manual',
    headers: { origin: baseUrl, 'content-type': 'application/x-www-form-urlencoded' },
    body: new URLSearchParams({ username: account?.username ?? '', password: account?.password ?? '' }),
  });
  return (login.headers.get('set-cookie') ?? '').split(';')[0] ?? '';
}
