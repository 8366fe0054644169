// `npm run lighthouse`: Lighthouse (mobile, simulated throttling) on every public page of the
// built server, N runs each, median score and Total Blocking Time per page. Builds nothing: run
// `npm run build` first. Not part of `npm test`: one run of all pages takes minutes and the
// figures move with the machine's load, which is why a plain static page is measured in the
// same batch as a control (it scores 1.0 on an idle machine; if it does not, neither will ours).
//
//   npm run lighthouse                         3 runs, every public page, Debian's chromium
//   npm run lighthouse -- --runs=5 --pages=/,/statistik
//   npm run lighthouse -- --url=http://127.0.0.1:4321   a server already running (not started)
//   npm run lighthouse -- --min-score=0.95     exit 1 when a page's CPU-time median is below
//
// The browser is CHROME_PATH, else /usr/bin/chromium; nothing downloads one (the `lighthouse`
// devDependency brings chrome-launcher and puppeteer-core, which never fetch a browser).
import { type ChildProcess, spawn } from 'node:child_process';
import { existsSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { createServer, type Server } from 'node:http';
import { createRequire } from 'node:module';
import { loadavg, tmpdir } from 'node:os';
import path from 'node:path';
import { PUBLIC_PAGES } from '../tests/support/public-pages.ts';
import { shrinkTasksToCpuTime, type TraceEvent } from './trace-cpu-time.ts';

const CONTROL = 'control';
// The audit of saved artifacts (-A) must ask for what the gathering (-G) was asked for.
const CATEGORIES = '--only-categories=performance,accessibility';
const CONTROL_HTML = `<!doctype html>
<html lang="en"><head><meta charset="utf-8"><meta name="viewport" content="width=device-width, initial-scale=1">
<title>Control page</title><meta name="description" content="A plain static page, the floor for the figures."></head>
<body><main><h1>Control page</h1><p>A plain static HTML page: no stylesheet, no script.</p></main></body></html>`;

interface Options {
  runs: number;
  pages: string[];
  url?: string;
  minScore?: number;
  chrome: string;
}

function parseOptions(argv: string[]): Options {
  const options: Options = {
    runs: 3,
    pages: [...PUBLIC_PAGES],
    chrome: process.env.CHROME_PATH ?? '/usr/bin/chromium',
  };
  for (const arg of argv) {
    const [key, value = ''] = arg.replace(/^--/, '').split('=', 2);
    if (key === 'runs') options.runs = Number(value);
    else if (key === 'pages') options.pages = value.split(',').filter(Boolean);
    else if (key === 'url') options.url = value.replace(/\/$/, '');
    else if (key === 'min-score') options.minScore = Number(value);
    else {
      console.error(`Unknown option ${arg}; see the top of tools/lighthouse.ts.`);
      process.exit(2);
    }
  }
  if (!Number.isInteger(options.runs) || options.runs < 1) {
    console.error('--runs must be a whole number, 1 or more.');
    process.exit(2);
  }
  if (!existsSync(options.chrome)) {
    console.error(`No browser at ${options.chrome}: install chromium or set CHROME_PATH.`);
    process.exit(2);
  }
  return options;
}

/** The built server on a free port over a fresh data directory with the demo data. */
async function startBuiltServer(): Promise<{ url: string; stop(): Promise<void> }> {
  const main = path.resolve('dist/node/main.mjs');
  if (!existsSync(main) || !existsSync(path.resolve('dist/server/entry.mjs'))) {
    console.error('No build at dist/: run `npm run build` first (this script builds nothing).');
    process.exit(2);
  }
  const dataDir = mkdtempSync(path.join(tmpdir(), 'cek-bansos-lighthouse-'));
  const child: ChildProcess = spawn(process.execPath, [main], {
    env: { PATH: process.env.PATH ?? '', PORT: '0', HOST: '127.0.0.1', DATA_DIR: dataDir, LOG_LEVEL: 'info' },
    stdio: ['ignore', 'pipe', 'inherit'],
  });
  const exited = new Promise<void>((resolve) => child.once('exit', () => resolve()));
  const url = await new Promise<string>((resolve, reject) => {
    let rest = '';
    child.stdout?.on('data', (chunk: Buffer) => {
      const lines = (rest + chunk.toString('utf8')).split('\n');
      rest = lines.pop() ?? '';
      for (const text of lines) {
        try {
          const line = JSON.parse(text) as { msg?: string; url?: string };
          if (line.msg === 'listening' && line.url) resolve(line.url);
        } catch {
          // Not a log line: ignored, the server's errors go to stderr.
        }
      }
    });
    void exited.then(() => reject(new Error('the built server exited before listening')));
  });
  return {
    url,
    async stop() {
      if (child.exitCode === null) {
        child.kill('SIGTERM');
        await Promise.race([exited, new Promise((r) => setTimeout(r, 5000))]);
        if (child.exitCode === null) child.kill('SIGKILL');
      }
      rmSync(dataDir, { recursive: true, force: true });
    },
  };
}

async function startControlServer(): Promise<{ url: string; server: Server }> {
  const server = createServer((_req, res) => {
    res.writeHead(200, { 'Content-Type': 'text/html; charset=utf-8' });
    res.end(CONTROL_HTML);
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const address = server.address();
  if (address === null || typeof address === 'string') throw new Error('no port for the control page');
  return { url: `http://127.0.0.1:${address.port}/`, server };
}

interface Metrics {
  score: number;
  tbt: number;
  fcp: number;
  lcp: number;
  si: number;
}

interface Sample {
  /** As Lighthouse reports it. */
  wall: Metrics;
  /** The same trace with each task at its CPU time (tools/trace-cpu-time.ts). */
  cpu: Metrics;
  bytes: number;
  a11y: number;
  benchmarkIndex: number;
}

function metrics(report: Report): Metrics {
  const audit = (id: string) => Number(report.audits[id]?.numericValue);
  return {
    score: report.categories.performance?.score ?? 0,
    tbt: audit('total-blocking-time'),
    fcp: audit('first-contentful-paint'),
    lcp: audit('largest-contentful-paint'),
    si: audit('speed-index'),
  };
}

/** Lighthouse processes under way, ended (by their own PID) when this script is interrupted. */
const running = new Set<ChildProcess>();

function lighthouseCli(): string {
  try {
    return createRequire(import.meta.url).resolve('lighthouse/cli/index.js');
  } catch {
    console.error('Lighthouse is not installed: `npm install` (it is a devDependency).');
    process.exit(2);
  }
}

async function lighthouse(cli: string, chrome: string, args: string[], output: string): Promise<Report> {
  const child = spawn(
    process.execPath,
    [cli, ...args, '--form-factor=mobile', '--output=json', `--output-path=${output}`, '--quiet'],
    { env: { ...process.env, CHROME_PATH: chrome }, stdio: ['ignore', 'ignore', 'inherit'] },
  );
  running.add(child);
  const code = await new Promise<number | null>((resolve) => child.once('exit', resolve));
  running.delete(child);
  if (code !== 0) throw new Error(`lighthouse exited ${code}: ${args.join(' ')}`);
  const report = JSON.parse(readFileSync(output, 'utf8')) as Report;
  if (report.runtimeError) throw new Error(`lighthouse on ${args[0]}: ${report.runtimeError.message}`);
  return report;
}

interface Report {
  runtimeError?: { message: string };
  categories: Record<string, { score: number }>;
  audits: Record<string, { numericValue: number }>;
  environment: { benchmarkIndex: number };
}

/** Gathers the page with Debian's chromium and scores it as Lighthouse reports it (`-GA`). */
async function gather(cli: string, chrome: string, url: string, outDir: string) {
  const dir = mkdtempSync(path.join(outDir, 'run-'));
  const report = await lighthouse(
    cli,
    chrome,
    [url, `-GA=${dir}`, CATEGORIES, '--chrome-flags=--headless --no-sandbox --disable-gpu'],
    `${dir}.json`,
  );
  return { dir, report };
}

/** A busy machine sometimes makes Lighthouse give up on the browser (a protocol timeout). */
async function gatherWithRetries(cli: string, chrome: string, url: string, outDir: string) {
  for (let attempt = 1; ; attempt++) {
    try {
      return await gather(cli, chrome, url, outDir);
    } catch (error) {
      if (attempt === 3) throw error;
      console.log(`  (${url}: ${(error as Error).message.split('\n')[0]}; trying again)`);
    }
  }
}

/** Scores the gathered artifacts again with the trace at CPU time (`-A`: no browser). */
async function scoreAtCpuTime(cli: string, chrome: string, url: string, dir: string): Promise<Report> {
  try {
    const tracePath = path.join(dir, 'defaultPass.trace.json');
    const trace = JSON.parse(readFileSync(tracePath, 'utf8')) as { traceEvents: TraceEvent[] };
    shrinkTasksToCpuTime(trace.traceEvents);
    writeFileSync(tracePath, JSON.stringify(trace));
    rmSync(path.join(dir, 'lhr.report.json'), { force: true });
    return await lighthouse(cli, chrome, [url, `-A=${dir}`, CATEGORIES], `${dir}-cpu.json`);
  } finally {
    for (const leftover of [dir, `${dir}.json`, `${dir}-cpu.json`]) {
      rmSync(leftover, { recursive: true, force: true });
    }
  }
}

function median(values: number[]): number {
  const sorted = [...values].sort((a, b) => a - b);
  const middle = Math.floor(sorted.length / 2);
  const at = (i: number) => sorted[i] ?? Number.NaN;
  return sorted.length % 2 ? at(middle) : (at(middle - 1) + at(middle)) / 2;
}

const load = () =>
  loadavg()
    .map((n) => n.toFixed(2))
    .join(', ');

async function main() {
  const options = parseOptions(process.argv.slice(2));
  const cli = lighthouseCli();
  const outDir = mkdtempSync(path.join(tmpdir(), 'cek-bansos-lighthouse-out-'));
  const app = options.url ? { url: options.url, stop: async () => {} } : await startBuiltServer();
  const control = await startControlServer();
  const targets = [CONTROL, ...options.pages];
  const samples = new Map<string, Sample[]>(targets.map((t) => [t, []]));
  console.log(
    `Lighthouse mobile, ${options.runs} run(s) per page on ${app.url}; load average before: ${load()}`,
  );
  const stop = async () => {
    for (const child of running) child.kill('SIGTERM');
    await app.stop();
    control.server.close();
    rmSync(outDir, { recursive: true, force: true });
  };
  for (const signal of ['SIGINT', 'SIGTERM'] as const) {
    process.once(signal, () => {
      summarise(samples, options.minScore);
      void stop().then(() => process.exit(130));
    });
  }
  try {
    // Round by round, so that a busy moment on the machine spreads over every page. The second
    // scoring needs no browser and is not disturbed by the load: it runs while the next page is
    // gathered, one at a time.
    let scoring: Promise<void> = Promise.resolve();
    for (let run = 1; run <= options.runs; run++) {
      for (const target of targets) {
        const url = target === CONTROL ? control.url : `${app.url}${target}`;
        const { dir, report } = await gatherWithRetries(cli, options.chrome, url, outDir);
        scoring = scoring.then(async () => {
          const cpu = await scoreAtCpuTime(cli, options.chrome, url, dir);
          const sample: Sample = {
            wall: metrics(report),
            cpu: metrics(cpu),
            bytes: Number(report.audits['total-byte-weight']?.numericValue),
            a11y: report.categories.accessibility?.score ?? 0,
            benchmarkIndex: report.environment.benchmarkIndex,
          };
          samples.get(target)?.push(sample);
          console.log(
            `  run ${run} ${target.padEnd(14)} score ${sample.wall.score.toFixed(2)} TBT ${Math.round(sample.wall.tbt)} ms; ` +
              `at CPU time ${sample.cpu.score.toFixed(2)} TBT ${Math.round(sample.cpu.tbt)} ms`,
          );
        });
      }
    }
    await scoring;
  } finally {
    await stop();
  }

  summarise(samples, options.minScore);
}

/** The table of medians, from whatever runs are complete. */
function summarise(samples: Map<string, Sample[]>, minScore: number | undefined) {
  const runs = Math.min(...[...samples.values()].map((list) => list.length));
  console.log(`\nMedians of ${runs} or more run(s) per page; load average after: ${load()}`);
  console.log('                as measured   | each task at its CPU time');
  console.log(
    'page            perf  TBT ms | perf  TBT ms  FCP ms  LCP ms   SI ms | KB transferred  a11y  benchmarkIndex',
  );
  const failing: string[] = [];
  for (const [target, list] of samples) {
    const m = (pick: (s: Sample) => number) => median(list.map(pick));
    const ms = (pick: (s: Sample) => number, width: number) => String(Math.round(m(pick))).padStart(width);
    const cpuScore = m((s) => s.cpu.score);
    if (target !== CONTROL && minScore !== undefined && cpuScore < minScore) {
      failing.push(target);
    }
    console.log(
      [
        target.padEnd(14),
        m((s) => s.wall.score)
          .toFixed(2)
          .padStart(5),
        ms((s) => s.wall.tbt, 7),
        '|',
        cpuScore.toFixed(2).padStart(4),
        ms((s) => s.cpu.tbt, 7),
        ms((s) => s.cpu.fcp, 7),
        ms((s) => s.cpu.lcp, 7),
        ms((s) => s.cpu.si, 7),
        '|',
        (m((s) => s.bytes) / 1024).toFixed(1).padStart(14),
        m((s) => s.a11y)
          .toFixed(2)
          .padStart(5),
        ms((s) => s.benchmarkIndex, 15),
      ].join(' '),
    );
  }
  const controlScore = median((samples.get(CONTROL) ?? []).map((s) => s.wall.score));
  if (controlScore < 1) {
    console.log(
      `\nThe control page scored ${controlScore.toFixed(2)}, not 1.00: the machine is busy, and the "perf" column ` +
        'says more about the load than about the pages. The CPU-time column counts each task at the CPU time ' +
        'it used (tools/trace-cpu-time.ts), as on an idle machine.',
    );
  }
  if (failing.length > 0) {
    console.log(`\nCPU-time median below ${minScore}: ${failing.join(', ')}`);
    process.exitCode = 1;
  }
}

await main();
