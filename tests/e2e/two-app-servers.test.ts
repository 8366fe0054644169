// Two app servers on one PostgreSQL database, as behind a load balancer: whatever one process
// knows, the other knows too. Runs in the `postgres` project against the built server.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { proofHeader } from '../support/proof-of-work.ts';
import { type ServerProcess, startServerProcess } from '../support/server-process.ts';
import {
  createPostgresDatabase,
  dropPostgresDatabase,
  newDatabaseName,
  postgresUrl,
  TEST_SECRET_KEY,
} from '../support/test-database.ts';
import { aduanBody } from '../support/ticket-fixtures.ts';

const PER_CLIENT = 6;
const database = newDatabaseName('cekbansos_two_servers');
let env: Record<string, string>;
let a: ServerProcess;
let b: ServerProcess;

beforeAll(async () => {
  await createPostgresDatabase(database);
  env = {
    DATABASE_URL: postgresUrl(database),
    DATABASE_POOL_SIZE: '4',
    SECRET_KEY: TEST_SECRET_KEY.toString('hex'),
    DEMO_DATA: '0',
    DATA_DIR: `/tmp/${database}`,
    LIMIT_NIK_CHECKS_PER_CLIENT: String(PER_CLIENT),
    LIMIT_CHECKS_PER_NIK: '1000',
    // Solved in milliseconds by the tests; checked and spent as at any cost.
    POW_COST: '50',
  };
  // Both start at once: one migrates and loads the regions, the other waits for it (advisory lock).
  [a, b] = await Promise.all([startServerProcess(env), startServerProcess(env)]);
}, 180_000);

afterAll(async () => {
  await Promise.all([a?.stop(), b?.stop()]);
  await dropPostgresDatabase(database);
});

/** A POST with a proof of work solved from a challenge of the same server (unless `headers` has one). */
const postJson = async (
  server: ServerProcess,
  path: string,
  body: unknown,
  headers: Record<string, string> = {},
) =>
  fetch(`${server.url}${path}`, {
    method: 'POST',
    headers: { 'content-type': 'application/json', ...(await proofHeader(server.url)), ...headers },
    body: JSON.stringify(body),
  });

describe('two app servers on one PostgreSQL database', () => {
  it('tracks through one a ticket submitted through the other', async () => {
    const submitted = await postJson(a, '/api/v1/aduan', aduanBody());
    expect(submitted.status).toBe(201);
    const receipt = (await submitted.json()) as { reference: string; tracking_code: string };
    const tracked = await postJson(b, '/api/v1/lacak', {
      reference: receipt.reference,
      tracking_code: receipt.tracking_code,
    });
    expect(tracked.status).toBe(200);
    expect(await tracked.json()).toMatchObject({
      reference: receipt.reference,
      kind: 'aduan',
      status: 'diterima',
    });
  });

  it('counts one client’s lookups across both: the sum is capped, not each', async () => {
    const statuses: number[] = [];
    for (let i = 0; i < PER_CLIENT + 2; i++) {
      const server = i % 2 === 0 ? a : b;
      const res = await postJson(server, '/api/v1/cek', { nik: '3576011508860002', kk: '3576011003140005' });
      statuses.push(res.status);
      await res.arrayBuffer();
    }
    expect(statuses.slice(0, PER_CLIENT)).toEqual(Array(PER_CLIENT).fill(200));
    expect(statuses.slice(PER_CLIENT)).toEqual([429, 429]);
  });

  it('takes a proof of work made by either; one spent on the other counts there as none', async () => {
    // Tracking, whose counters the lookup-count test above leaves alone.
    const receipt = (await (await postJson(a, '/api/v1/aduan', aduanBody())).json()) as {
      reference: string;
      tracking_code: string;
    };
    const proof = await proofHeader(a.url);
    const track = { reference: receipt.reference, tracking_code: receipt.tracking_code };
    const first = await postJson(b, '/api/v1/lacak', track, proof);
    expect(first.status).toBe(200);
    await first.arrayBuffer();
    // Spent through b: through a it proves nothing, and is counted as a request without a proof.
    const again = await postJson(a, '/api/v1/lacak', track, proof);
    expect(again.status).toBe(200);
    await again.arrayBuffer();
    const forged = await postJson(a, '/api/v1/lacak', track, { 'x-proof-of-work': 'Zm9yZ2Vk' });
    expect(forged.status).toBe(428);
    expect(((await forged.json()) as { error: { code: string } }).error.code).toBe('proof_required');
  });

  it('answers the same Idempotency-Key sent to one and then the other with one ticket and one receipt', async () => {
    const body = aduanBody({ description: 'Bantuan tidak cair sejak bulan lalu, mohon dicek.' });
    const headers = { 'idempotency-key': 'two-servers-same-key-1' };
    const first = await postJson(a, '/api/v1/aduan', body, headers);
    const second = await postJson(b, '/api/v1/aduan', body, headers);
    expect([first.status, second.status]).toEqual([201, 201]);
    expect(await second.text()).toBe(await first.text());
  });

  it('loses nothing when either restarts', async () => {
    const submitted = await postJson(b, '/api/v1/aduan', aduanBody());
    const receipt = (await submitted.json()) as { reference: string; tracking_code: string };
    await b.stop();
    b = await startServerProcess(env);
    await a.stop();
    a = await startServerProcess(env);
    for (const server of [a, b]) {
      const tracked = await postJson(server, '/api/v1/lacak', {
        reference: receipt.reference,
        tracking_code: receipt.tracking_code,
      });
      expect(tracked.status).toBe(200);
      expect(await tracked.json()).toMatchObject({ reference: receipt.reference });
    }
  }, 120_000);
});
