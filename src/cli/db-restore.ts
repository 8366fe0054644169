// `npm run db:restore -- DIR`: puts a backup made by `npm run db:backup` into DATA_DIR, which must
// be missing or empty, after checking the backup's database is sound. Start the server afterwards:
// it removes files that the backup holds without their row.
import { BackupError, restoreDataDir } from '../db/backup.ts';
import { readConfigOrExit } from '../server/config.ts';

const config = readConfigOrExit();
const backup = process.argv[2];
if (!backup || process.argv.length > 3) {
  console.error('Usage: npm run db:restore -- DIR   (DIR: a backup made by npm run db:backup)');
  process.exit(2);
}
if (config.database.engine !== 'sqlite') {
  console.error(
    'DATABASE_URL is PostgreSQL: restore with pg_restore (see the README, "Backup and restore").',
  );
  process.exit(2);
}
try {
  const restored = await restoreDataDir(backup, config.dataDir);
  console.log(
    `Restored into ${config.dataDir}: database ${(restored.databaseBytes / 1_048_576).toFixed(1)} MB, ${restored.files} files. Start the server as usual.`,
  );
} catch (error) {
  if (!(error instanceof BackupError)) throw error;
  console.error(`Restore failed: ${error.message}`);
  process.exit(1);
}
