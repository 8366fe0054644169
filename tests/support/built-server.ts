// The built server (`node dist/node/main.mjs`, as `npm start` runs it) in its own process over a
// copy of the seeded database: for attacks that could break the process they hit, for its
// memory (/proc/<pid>/status) and for what it writes on stdout and stderr.
import { type ChildProcess, spawn } from 'node:child_process';
import { existsSync, readFileSync } from 'node:fs';
import path from 'node:path';
import type { DatabaseTarget } from '../../src/db/database.ts';
import { copyTemplateDatabase, serverEnvOf } from './test-app.ts';

const MAIN = path.resolve('dist/node/main.mjs');
const ENTRY = path.resolve('dist/server/entry.mjs');

/** Outside CI a missing build skips loudly; under CI=true it fails. */
export function builtServerAvailable(): boolean {
  if (existsSync(MAIN) && existsSync(ENTRY)) return true;
  const message = 'BUILT-SERVER TESTS CANNOT RUN: no build at dist/ (npm run build)';
  if (process.env.CI === 'true') throw new Error(message);
  console.warn(`\n!!! ${message} — skipping them.\n`);
  return false;
}

export interface BuiltServer {
  url: string;
  pid: number;
  dataDir: string;
  /** The server's copy of the database (SQLite file, or a PostgreSQL database of its own). */
  database: DatabaseTarget;
  /** Every line the process wrote, in order, with the stream it came on. */
  lines: { stream: 'stdout' | 'stderr'; text: string }[];
  /** Resident set size now, in bytes, from /proc/<pid>/status. */
  rss(): number;
  stop(): Promise<void>;
}

/** A process's resident set size now, in bytes, from /proc/<pid>/status. */
export function residentBytes(pid: number): number {
  const status = readFileSync(`/proc/${pid}/status`, 'utf8');
  return Number(/^VmRSS:\s+(\d+)\s+kB/m.exec(status)?.[1]) * 1024;
}

/** Samples a process's resident memory every `everyMs` until `stop`, which answers the highest seen. */
export function sampleMemory(pid: number, everyMs = 10): { before: number; stop(): number } {
  const before = residentBytes(pid);
  let peak = before;
  const timer = setInterval(() => {
    peak = Math.max(peak, residentBytes(pid));
  }, everyMs);
  return {
    before,
    stop() {
      clearInterval(timer);
      return Math.max(peak, residentBytes(pid));
    },
  };
}

/** `env` adds to the server's environment; LOG_LEVEL stays `info`, whose "listening" line gives the port. */
export async function startBuiltServer(env: Record<string, string> = {}): Promise<BuiltServer> {
  const copy = await copyTemplateDatabase();
  const { dataDir, cleanup } = copy;
  const child: ChildProcess = spawn(process.execPath, [MAIN], {
    env: {
      PATH: process.env.PATH ?? '',
      PORT: '0',
      HOST: '127.0.0.1',
      // In the postgres project, the copy is a PostgreSQL database of its own.
      ...serverEnvOf(copy),
      // Browser journeys click as soon as a page is there: a proof of work at the production cost
      // would race them (browser.ts says more). A test of the proof itself sets its own cost.
      POW_COST: '50',
      ...env,
      LOG_LEVEL: 'info',
    },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  const lines: BuiltServer['lines'] = [];
  const collect = (stream: 'stdout' | 'stderr') => {
    let rest = '';
    return (chunk: Buffer) => {
      const parts = (rest + chunk.toString('utf8')).split('\n');
      rest = parts.pop() ?? '';
      for (const text of parts) lines.push({ stream, text });
    };
  };
  child.stdout?.on('data', collect('stdout'));
  child.stderr?.on('data', collect('stderr'));
  const exited = new Promise<void>((resolve) => child.once('exit', () => resolve()));

  const url = await new Promise<string>((resolve, reject) => {
    const timer = setInterval(() => {
      for (const { text } of lines) {
        try {
          const line = JSON.parse(text) as { msg?: string; url?: string };
          if (line.msg === 'listening' && line.url) {
            clearInterval(timer);
            resolve(line.url);
            return;
          }
        } catch {
          // Not JSON: reported by the tests that check the output.
        }
      }
      if (child.exitCode !== null) {
        clearInterval(timer);
        reject(new Error(`the built server exited: ${lines.map((l) => l.text).join('\n')}`));
      }
    }, 50);
  });

  return {
    url,
    pid: child.pid as number,
    dataDir,
    database: copy.database,
    lines,
    rss: () => residentBytes(child.pid as number),
    async stop() {
      if (child.exitCode === null) {
        child.kill('SIGTERM');
        await Promise.race([exited, new Promise((r) => setTimeout(r, 5000))]);
        if (child.exitCode === null) child.kill('SIGKILL');
      }
      await cleanup();
    },
  };
}
