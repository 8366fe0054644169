// `npm run db:backup -- DIR`: a consistent copy of the embedded database and DATA_DIR's files into
// DIR (missing or empty), while the site serves (src/db/backup.ts). PostgreSQL: pg_dump (README).
import { BackupError, backupDataDir } from '../db/backup.ts';
import { readConfigOrExit } from '../server/config.ts';

const config = readConfigOrExit();
const target = process.argv[2];
if (!target || process.argv.length > 3) {
  console.error('Usage: npm run db:backup -- DIR   (DIR: a new or empty directory)');
  process.exit(2);
}
if (config.database.engine !== 'sqlite') {
  console.error(
    'DATABASE_URL is PostgreSQL: back it up with pg_dump (see the README, "Backup and restore"); files and the secret are in the database and SECRET_KEY.',
  );
  process.exit(2);
}
try {
  const started = Date.now();
  const copied = await backupDataDir(config.dataDir, target);
  console.log(
    `Backup written to ${target}: database ${(copied.databaseBytes / 1_048_576).toFixed(1)} MB, ${copied.files} files, ${((Date.now() - started) / 1000).toFixed(1)} s.`,
  );
} catch (error) {
  if (!(error instanceof BackupError)) throw error;
  console.error(`Backup failed: ${error.message}`);
  process.exit(1);
}
