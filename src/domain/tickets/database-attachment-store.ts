// Attachments kept in the database (`attachment_blobs`), so that every app server behind a load
// balancer sees every resident's file without a shared disk. See decision 0003.
import type { Db } from '../../db/database.ts';
import { type AttachmentStore, describeNewAttachment } from './attachments.ts';

export function databaseAttachmentStore(db: Db): AttachmentStore {
  return {
    async put(bytes, extension, now) {
      const stored = describeNewAttachment(bytes, extension, now);
      // Committed on its own before the ticket's transaction, like a file fsynced to disk; a
      // crash between the two leaves a blob no ticket cites, which the start-up sweep removes.
      await db
        .insertInto('attachment_blobs')
        .values({
          stored_name: stored.relativePath,
          bytes: Buffer.from(bytes),
          created_at: now.toISOString(),
        })
        .execute();
      return stored;
    },
    async get(relativePath) {
      const row = await db
        .selectFrom('attachment_blobs')
        .select('bytes')
        .where('stored_name', '=', relativePath)
        .executeTakeFirst();
      return row ? new Uint8Array(row.bytes) : null;
    },
    async *list() {
      const rows = await db.selectFrom('attachment_blobs').select(['stored_name', 'created_at']).execute();
      for (const row of rows) yield { storedName: row.stored_name, modifiedAt: new Date(row.created_at) };
    },
    async remove(relativePath) {
      await db.deleteFrom('attachment_blobs').where('stored_name', '=', relativePath).execute();
    },
  };
}
