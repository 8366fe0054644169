// Valid files of a form that came back with errors are kept under its token (issue 11.7): a file
// chosen again replaces the kept one, a bad file is never kept, kept files come back with the
// next send, and they go after their time, within one total size, and not before (the start-up
// sweep leaves live ones alone). On both engines: the table is new.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { sweepOrphanAttachments } from '../../src/domain/tickets/attachment-sweep.ts';
import {
  keepValidUploads,
  keptUploads,
  PROVISIONAL_TTL_MS,
  pruneExpiredUploads,
  withKeptUploads,
} from '../../src/domain/tickets/provisional-uploads.ts';
import { openTestDatabase, type TestDatabase } from '../support/test-app.ts';
import { tinyPng } from '../support/ticket-fixtures.ts';

let env: TestDatabase;
beforeAll(async () => {
  env = await openTestDatabase();
});
afterAll(() => env.close());

const NOW = new Date('2026-11-23T03:00:00Z');
const later = (ms: number) => new Date(NOW.getTime() + ms);
const token = () => crypto.randomUUID();

async function storedNames(t: string): Promise<string[]> {
  const rows = await env.db
    .selectFrom('provisional_uploads')
    .select('stored_name')
    .where('form_token', '=', t)
    .execute();
  return rows.map((r) => r.stored_name);
}

describe('provisional uploads', () => {
  it('keeps the valid files only, and gives them back for the fields not chosen again', async () => {
    const t = token();
    const kept = await keepValidUploads(
      env.deps,
      t,
      [
        { field: 'lampiran_1', bytes: tinyPng() },
        { field: 'lampiran_2', bytes: new TextEncoder().encode('%PDF-broken') },
      ],
      NOW,
    );
    expect(kept.map((k) => k.field)).toEqual(['lampiran_1']);
    expect(kept[0]?.contentType).toBe('image/png');

    const sent = await withKeptUploads(
      env.deps,
      t,
      [{ field: 'lampiran_2', bytes: tinyPng(200) }],
      later(1000),
    );
    expect(sent.map((f) => f.field)).toEqual(['lampiran_2', 'lampiran_1']);
    // Chosen again: the new file is sent, not the kept one.
    const again = await withKeptUploads(
      env.deps,
      t,
      [{ field: 'lampiran_1', bytes: tinyPng(300) }],
      later(1000),
    );
    expect(again).toHaveLength(1);
    expect(again[0]?.bytes).toEqual(tinyPng(300));
  });

  it('a kept file keeps the name the phone gave it and its size as sent, for the receipt', async () => {
    const t = token();
    const photo = tinyPng(5000);
    await keepValidUploads(
      env.deps,
      t,
      [{ field: 'foto', name: 'C:\\HP\\foto\u202eKK.png', bytes: photo }],
      NOW,
    );
    const [sent] = await withKeptUploads(env.deps, t, [], later(1000));
    expect(sent).toMatchObject({ field: 'foto', name: 'fotoKK.png', sentSize: 5000 });
    // What is kept is the re-encoded copy: smaller than what was sent, yet said as sent.
    expect(sent?.bytes.length).toBeLessThan(5000);
  });

  it('a file chosen again replaces the kept one, bytes and all; a dropped one is forgotten', async () => {
    const t = token();
    await keepValidUploads(env.deps, t, [{ field: 'foto', bytes: tinyPng() }], NOW);
    const [first] = await storedNames(t);
    await keepValidUploads(env.deps, t, [{ field: 'foto', bytes: tinyPng(400) }], NOW);
    const names = await storedNames(t);
    expect(names).toHaveLength(1);
    expect(names[0]).not.toBe(first);
    expect(await env.deps.attachments.get(first as string)).toBeNull();

    expect(await withKeptUploads(env.deps, t, [], NOW, new Set(['foto']))).toEqual([]);
    expect(await keptUploads(env.deps, t, NOW)).toEqual([]);
    expect(await env.deps.attachments.get(names[0] as string)).toBeNull();
  });

  it('expires after its time: not given back, then removed with its bytes', async () => {
    const t = token();
    await keepValidUploads(env.deps, t, [{ field: 'foto_ktp', bytes: tinyPng() }], NOW);
    const [name] = await storedNames(t);
    const past = later(PROVISIONAL_TTL_MS + 1000);
    expect(await withKeptUploads(env.deps, t, [], past)).toEqual([]);
    expect(await pruneExpiredUploads(env.deps, past)).toBeGreaterThanOrEqual(1);
    expect(await storedNames(t)).toEqual([]);
    expect(await env.deps.attachments.get(name as string)).toBeNull();
  });

  it('the start-up sweep leaves a live kept file alone', async () => {
    const t = token();
    await keepValidUploads(env.deps, t, [{ field: 'foto_kk', bytes: tinyPng() }], new Date());
    const [name] = await storedNames(t);
    // Every file older than "now + 1 day" would be an orphan if no row named it.
    await sweepOrphanAttachments(env.db, env.deps.attachments, { now: later(86_400_000 * 400), minAgeMs: 0 });
    expect(await env.deps.attachments.get(name as string)).not.toBeNull();
  });
});
