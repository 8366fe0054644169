// `npm run user:create -- --role admin --username ani [--name "Ani"] [--area 35.76] [--rt 8 --rw 4]`:
// makes an officer account, the first admin included. The password is read from standard input
// (a prompt on a terminal, hidden), never from an argument that `ps` and shell history would keep.

import { createInterface } from 'node:readline';
import { parseArgs } from 'node:util';
import { openDatabase } from '../db/database.ts';
import { loadRegions } from '../db/load-regions.ts';
import { migrateToLatest } from '../db/migrate.ts';
import { withStartupLock } from '../db/startup-lock.ts';
import { createAccount } from '../domain/backoffice/accounts.ts';
import { PasswordWork } from '../domain/backoffice/password-work.ts';
import { isAppError } from '../domain/errors.ts';
import { loadRegionDirectory } from '../domain/regions/region-directory.ts';
import { readConfigOrExit } from '../server/config.ts';

const USAGE =
  'usage: npm run user:create -- --role admin|dinsos|kelurahan|rt_rw --username NAME [--name "Full name"] [--area CODE] [--rt N --rw N]\n' +
  'The password is read from standard input (at least 10 characters).';

function readPassword(): Promise<string> {
  return new Promise((resolve) => {
    const terminal = process.stdin.isTTY === true;
    const rl = createInterface({ input: process.stdin, output: process.stdout, terminal });
    if (terminal) {
      // Echo nothing of what is typed after the prompt.
      const write = (rl as unknown as { _writeToOutput?: (s: string) => void })._writeToOutput;
      (rl as unknown as { _writeToOutput: (s: string) => void })._writeToOutput = (s: string) => {
        if (s.startsWith('Password')) write?.call(rl, s);
      };
      rl.question('Password: ', (answer) => {
        rl.close();
        process.stdout.write('\n');
        resolve(answer);
      });
    } else {
      rl.once('line', (line) => {
        rl.close();
        resolve(line);
      });
      rl.once('close', () => resolve(''));
    }
  });
}

let args: ReturnType<typeof parseArgs<{ options: Record<string, { type: 'string' }> }>>['values'];
try {
  args = parseArgs({
    options: {
      role: { type: 'string' },
      username: { type: 'string' },
      name: { type: 'string' },
      area: { type: 'string' },
      rt: { type: 'string' },
      rw: { type: 'string' },
    },
    strict: true,
  }).values;
} catch (error) {
  console.error(`${(error as Error).message}\n${USAGE}`);
  process.exit(2);
}
if (!args.role || !args.username) {
  console.error(USAGE);
  process.exit(2);
}

const password = await readPassword();
const config = readConfigOrExit();
const opened = openDatabase(config.database);
try {
  await withStartupLock(opened, async (db) => {
    await migrateToLatest(db, opened.engine);
    await loadRegions(db);
  });
  const regions = await loadRegionDirectory(opened.db);
  const created = await createAccount(
    { db: opened.db, regions, now: () => new Date(), passwordWork: new PasswordWork() },
    {
      username: args.username,
      display_name: args.name ?? args.username,
      role: args.role,
      area_code: args.area,
      rt: args.rt,
      rw: args.rw,
      password,
    },
    { mustChangePassword: false },
  );
  console.log(`account ${created.username} (${args.role}) created`);
} catch (error) {
  if (!isAppError(error)) throw error;
  for (const [field, problem] of Object.entries(error.fields)) console.error(`${field}: ${problem}`);
  process.exitCode = 1;
} finally {
  await opened.close();
}
