// A kill -9 between a submission's files and its row leaves orphans; a running process sweeps them
// on a timer, not only at its next start. On both engines, each with its own store (a directory on
// SQLite, attachment_blobs on PostgreSQL): old orphans go, a submission still being written keeps
// its files, one sweep runs at a time, a failed sweep is reported and the next one runs.
import { utimesSync } from 'node:fs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  type AttachmentStorage,
  ORPHAN_MIN_AGE_MS,
  startOrphanSweep,
} from '../../src/domain/tickets/attachment-sweep.ts';
import { attachmentPath } from '../../src/domain/tickets/attachments.ts';
import { openTestDatabase, type TestDatabase } from '../support/test-app.ts';
import { TEST_ENGINE } from '../support/test-database.ts';
import { tinyPng } from '../support/ticket-fixtures.ts';

let env: TestDatabase;
beforeAll(async () => {
  env = await openTestDatabase();
}, 120_000);
afterAll(() => env.close());

const MINUTE = 60 * 1000;

/** A file as a submission leaves it, `ageMs` ago; no row names it. */
async function storeAged(ageMs: number) {
  const when = new Date(Date.now() - ageMs);
  const stored = await env.deps.attachments.put(tinyPng(), 'png', when);
  // A directory's file times are the disk's: set back by hand. The database keeps `when`.
  if (TEST_ENGINE === 'sqlite') utimesSync(attachmentPath(env.dataDir, stored.relativePath), when, when);
  return stored.relativePath;
}

const stored = async (name: string) => (await env.deps.attachments.get(name)) !== null;
const pause = (ms: number) => new Promise((r) => setTimeout(r, ms));

describe(`the orphan sweep on a timer (${TEST_ENGINE})`, () => {
  it('removes an old orphan without a restart and keeps the files of a submission still being written', async () => {
    const orphan = await storeAged(ORPHAN_MIN_AGE_MS + 5 * MINUTE);
    const young = await storeAged(MINUTE);
    const sweeps: number[] = [];
    const errors: unknown[] = [];
    const sweep = startOrphanSweep(env.db, env.deps.attachments, {
      intervalMs: 50,
      onSwept: (removed) => sweeps.push(removed),
      onError: (error) => errors.push(error),
    });
    try {
      await expect.poll(() => stored(orphan), { timeout: 5000, interval: 20 }).toBe(false);
      // A few more sweeps: the young file stays through all of them.
      await expect.poll(() => sweeps.length, { timeout: 5000, interval: 20 }).toBeGreaterThanOrEqual(3);
    } finally {
      await sweep.stop();
    }
    expect(await stored(young)).toBe(true);
    expect(sweeps.reduce((a, b) => a + b, 0)).toBe(1);
    expect(errors).toEqual([]);
    await env.deps.attachments.remove(young);
  });

  it('runs one sweep at a time, and none after stop', async () => {
    let running = 0;
    let most = 0;
    let started = 0;
    const slow: AttachmentStorage = {
      async *list() {
        running += 1;
        started += 1;
        most = Math.max(most, running);
        try {
          await pause(150);
          yield* env.deps.attachments.list();
        } finally {
          running -= 1;
        }
      },
      remove: (name) => env.deps.attachments.remove(name),
    };
    const sweep = startOrphanSweep(env.db, slow, { intervalMs: 5, onError: () => {} });
    await expect.poll(() => started, { timeout: 5000, interval: 20 }).toBeGreaterThanOrEqual(3);
    await sweep.stop();
    expect(running).toBe(0);
    expect(most).toBe(1);
    const after = started;
    await pause(100);
    expect(started).toBe(after);
  });

  it('reports a failed sweep and sweeps again at the next tick', async () => {
    const orphan = await storeAged(ORPHAN_MIN_AGE_MS + MINUTE);
    let calls = 0;
    const flaky: AttachmentStorage = {
      list() {
        calls += 1;
        if (calls === 1) throw Object.assign(new Error('EIO: i/o error'), { code: 'EIO' });
        return env.deps.attachments.list();
      },
      remove: (name) => env.deps.attachments.remove(name),
    };
    const errors: unknown[] = [];
    const sweep = startOrphanSweep(env.db, flaky, { intervalMs: 20, onError: (e) => errors.push(e) });
    try {
      await expect.poll(() => stored(orphan), { timeout: 5000, interval: 20 }).toBe(false);
    } finally {
      await sweep.stop();
    }
    expect(errors).toHaveLength(1);
    expect((errors[0] as { code?: string }).code).toBe('EIO');
  });
});
