// A kill -9 between writing a submission's files and recording them leaves files no ticket
// names. The start-up sweep removes those (and only those) once they are older than any
// transaction, and logs how many without a name.
import { existsSync, mkdirSync, utimesSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { Writable } from 'node:stream';
import pino from 'pino';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  type AttachmentStorage,
  localAttachmentStorage,
  sweepOrphanAttachments,
} from '../../src/domain/tickets/attachment-sweep.ts';
import { attachmentPath, storeAttachment } from '../../src/domain/tickets/attachments.ts';
import { prepareDatabase } from '../../src/server/bootstrap.ts';
import { openTestDatabase, type TestDatabase } from '../support/test-app.ts';
import { tinyPng } from '../support/ticket-fixtures.ts';

let env: TestDatabase;
beforeAll(async () => {
  env = await openTestDatabase();
});
afterAll(() => env.close());

const MINUTE = 60 * 1000;

function age(file: string, ms: number) {
  const when = new Date(Date.now() - ms);
  utimesSync(file, when, when);
}

async function store(ageMs: number) {
  const stored = await storeAttachment(env.dataDir, tinyPng(), 'png', new Date());
  age(attachmentPath(env.dataDir, stored.relativePath), ageMs);
  return stored.relativePath;
}

async function record(storedName: string) {
  const ticket = await env.db.selectFrom('tickets').select('id').limit(1).executeTakeFirstOrThrow();
  await env.db
    .insertInto('ticket_attachments')
    .values({
      ticket_id: ticket.id,
      submission_id: null,
      event_id: null,
      purpose: 'lampiran_1',
      stored_name: storedName,
      content_type: 'image/png',
      size: 10,
      sha256: 'x'.repeat(64),
      created_at: new Date().toISOString(),
    })
    .execute();
}

const exists = (storedName: string) => existsSync(attachmentPath(env.dataDir, storedName));

describe('sweeping orphan attachments', () => {
  it('removes old files no row names, and keeps recorded, young and foreign ones', async () => {
    const orphan = await store(20 * MINUTE);
    const recorded = await store(20 * MINUTE);
    await record(recorded);
    const young = await store(1 * MINUTE);
    const foreign = path.join(env.dataDir, 'attachments', 'README.txt');
    writeFileSync(foreign, 'put here by the operator');
    age(foreign, 60 * MINUTE);

    const removed = await sweepOrphanAttachments(env.db, localAttachmentStorage(env.dataDir), {
      now: new Date(),
    });

    expect(removed).toBe(1);
    expect(exists(orphan)).toBe(false);
    expect(exists(recorded)).toBe(true);
    expect(exists(young)).toBe(true);
    expect(existsSync(foreign)).toBe(true);
  });

  it('works on any storage that can list and remove (a second backend)', async () => {
    const files = new Map([
      ['2026/11/00000000-0000-4000-8000-000000000001.jpg', new Date('2026-11-01T00:00:00Z')],
      ['2026/11/00000000-0000-4000-8000-000000000002.pdf', new Date('2026-11-30T23:55:00Z')],
    ]);
    const storage: AttachmentStorage = {
      async *list() {
        for (const [storedName, modifiedAt] of files) yield { storedName, modifiedAt };
      },
      async remove(storedName) {
        files.delete(storedName);
      },
    };
    const removed = await sweepOrphanAttachments(env.db, storage, { now: new Date('2026-12-01T00:00:00Z') });
    expect(removed).toBe(1);
    expect([...files.keys()]).toEqual(['2026/11/00000000-0000-4000-8000-000000000002.pdf']);
  });

  it('a directory without attachments is nothing to sweep', async () => {
    const storage = localAttachmentStorage(path.join(env.dataDir, 'nowhere'));
    expect(await sweepOrphanAttachments(env.db, storage, { now: new Date() })).toBe(0);
  });

  it('runs at start and logs a count, never a file name', async () => {
    await env.db.destroy();
    const orphan = await (async () => {
      const dir = path.join(env.dataDir, 'attachments', '2026', '10');
      mkdirSync(dir, { recursive: true });
      const name = '2026/10/11111111-2222-4333-8444-555555555555.png';
      writeFileSync(attachmentPath(env.dataDir, name), tinyPng());
      age(attachmentPath(env.dataDir, name), 30 * MINUTE);
      return name;
    })();
    const lines: string[] = [];
    const sink = new Writable({
      write(chunk, _encoding, done) {
        lines.push(String(chunk));
        done();
      },
    });
    const prepared = await prepareDatabase({
      dataDir: env.dataDir,
      demoData: false,
      logger: pino({ level: 'info' }, sink),
    });
    await prepared.db.destroy();
    expect(exists(orphan)).toBe(false);
    const ready = lines.map((l) => JSON.parse(l)).find((l) => l.msg === 'database ready');
    expect(ready.orphanAttachmentsRemoved).toBe(1);
    expect(lines.join('')).not.toContain('11111111-2222');
  });
});
