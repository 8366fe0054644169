// One build's server (`<dist>/node/main.mjs`) started for the tools that measure it
// (bench-two-builds.ts, profile-under-load.ts): on a free port, with the lookup limits out of the
// way, answering /healthz before it is handed back.
import { spawn } from 'node:child_process';
import path from 'node:path';

export interface BuiltServer {
  url: string;
  pid: number;
  stop: () => Promise<unknown>;
}

export async function startBuiltServer(
  dist: string,
  options: { dataDir: string; env: Record<string, string>; nodeArgs?: string[] },
): Promise<BuiltServer> {
  const port = 40_000 + Math.floor(Math.random() * 10_000);
  const child = spawn(process.execPath, [...(options.nodeArgs ?? []), path.resolve(dist, 'node/main.mjs')], {
    env: {
      ...process.env,
      ...options.env,
      DATA_DIR: options.dataDir,
      PORT: String(port),
      LOG_LEVEL: 'warn',
      LIMIT_NIK_CHECKS_PER_CLIENT: '1000000000',
      LIMIT_CHECKS_PER_NIK: '1000000000',
    },
    stdio: ['ignore', 'ignore', 'inherit'],
  });
  const exited = new Promise((resolve) => child.once('exit', resolve));
  const url = `http://127.0.0.1:${port}`;
  for (;;) {
    if (child.exitCode !== null) throw new Error(`${dist}: the server exited with ${child.exitCode}`);
    const up = await fetch(`${url}/healthz`).then(
      (r) => r.ok,
      () => false,
    );
    if (up) break;
    await new Promise((r) => setTimeout(r, 100));
  }
  if (child.pid === undefined) throw new Error('no pid');
  return {
    url,
    pid: child.pid,
    stop: () => {
      child.kill('SIGTERM');
      return exited;
    },
  };
}
