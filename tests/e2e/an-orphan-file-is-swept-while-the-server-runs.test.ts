// A kill -9 between a resident's files and their ticket leaves files no row names. The running
// server removes them on its timer (here every second), without a restart; a file younger than the
// grace period, as of a submission still being written, stays. The log says how many, never which.
import { existsSync, mkdirSync, utimesSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { ORPHAN_MIN_AGE_MS } from '../../src/domain/tickets/attachment-sweep.ts';
import { type BuiltServer, builtServerAvailable, startBuiltServer } from '../support/built-server.ts';
import { tinyPng } from '../support/ticket-fixtures.ts';

const available = builtServerAvailable();
let server: BuiltServer | undefined;
afterAll(async () => {
  await server?.stop();
});

function leaveFile(dataDir: string, name: string, ageMs: number) {
  const full = path.join(dataDir, 'attachments', name);
  mkdirSync(path.dirname(full), { recursive: true });
  writeFileSync(full, tinyPng());
  const when = new Date(Date.now() - ageMs);
  utimesSync(full, when, when);
  return full;
}

describe.skipIf(!available)('an orphan file is swept while the server runs', () => {
  it('goes within a sweep interval, and a file still being recorded stays', {
    timeout: 120_000,
  }, async () => {
    server = await startBuiltServer({ ATTACHMENT_SWEEP_SECONDS: '1' });
    const orphan = leaveFile(
      server.dataDir,
      '2026/10/aaaaaaaa-1111-4222-8333-444444444444.png',
      ORPHAN_MIN_AGE_MS + 60_000,
    );
    const young = leaveFile(server.dataDir, '2026/10/bbbbbbbb-1111-4222-8333-444444444444.png', 60_000);
    await expect.poll(() => existsSync(orphan), { timeout: 15_000, interval: 100 }).toBe(false);
    expect(existsSync(young)).toBe(true);
    const logged = () => (server?.lines ?? []).map((l) => l.text);
    // The line is written after the file goes and reaches us through a pipe: it may come a moment later.
    const removed = () =>
      logged()
        .map((text) => JSON.parse(text) as { msg?: string; orphanAttachmentsRemoved?: number })
        .find((l) => l.msg === 'orphan attachments removed')?.orphanAttachmentsRemoved;
    await expect.poll(removed, { timeout: 5_000, interval: 50 }).toBe(1);
    expect(logged().join('\n')).not.toContain('aaaaaaaa-1111');
  });
});
