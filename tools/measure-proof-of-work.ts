// How long a phone takes to solve the proof of work (issue 22): public/js/pow-worker.js in
// Debian's Chromium at 360 px with the CPU slowed down 4× (CDP Emulation.setCPUThrottlingRate,
// Lighthouse's "low-end mobile"), on fresh challenges of each cost. Prints the median and the
// slowest of the solves per cost. The solve time varies with where the number falls (uniform in
// [0, cost]): the median is about half the time of trying every number.
//
//   npx tsx tools/measure-proof-of-work.ts [--costs=25000,50000,100000] [--runs=11] [--slowdown=4]
import { readFileSync } from 'node:fs';
import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import path from 'node:path';
import { ProofOfWork } from '../src/domain/privacy/proof-of-work.ts';
import { launchChromium } from '../tests/support/browser.ts';

const arg = (name: string, fallback: string) =>
  process.argv.find((a) => a.startsWith(`--${name}=`))?.slice(name.length + 3) ?? fallback;
const costs = arg('costs', '25000,50000,100000').split(',').map(Number);
const runs = Number(arg('runs', '11'));
const slowdown = Number(arg('slowdown', '4'));

const worker = readFileSync(path.resolve('public/js/pow-worker.js'));
const server = createServer((req, res) => {
  if (req.url === '/js/pow-worker.js') {
    res.writeHead(200, { 'content-type': 'text/javascript' });
    res.end(worker);
  } else {
    res.writeHead(200, { 'content-type': 'text/html' });
    res.end('<!doctype html><title>pow</title>');
  }
});
await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
const url = `http://127.0.0.1:${(server.address() as AddressInfo).port}/`;

const browser = await launchChromium('desktop');
try {
  const context = await browser.newContext({ viewport: { width: 360, height: 800 }, isMobile: true });
  const page = await context.newPage();
  await page.goto(url);
  const cdp = await context.newCDPSession(page);
  await cdp.send('Emulation.setCPUThrottlingRate', { rate: slowdown });
  const pow = new ProofOfWork({ secret: Buffer.alloc(32, 1) });
  for (const cost of costs) {
    const times: number[] = [];
    const fractions: number[] = [];
    for (let i = 0; i < runs; i++) {
      const challenge = pow.challenge(cost);
      const { ms, number } = await page.evaluate(
        (c) =>
          new Promise<{ ms: number; number: number }>((resolve) => {
            const started = performance.now();
            const w = new Worker('/js/pow-worker.js');
            w.onmessage = (event) => {
              w.terminate();
              resolve({ ms: performance.now() - started, number: event.data });
            };
            w.postMessage(c);
          }),
        challenge,
      );
      times.push(ms);
      fractions.push(number / cost);
    }
    const sorted = [...times].sort((a, b) => a - b);
    const median = sorted[Math.floor(sorted.length / 2)] ?? 0;
    // Time per number tried, over all solves: the worst case is trying every one.
    const tried = fractions.reduce((s, f) => s + f * cost + 1, 0);
    const perNumber = times.reduce((s, t) => s + t, 0) / tried;
    console.log(
      `cost ${cost}: median ${(median / 1000).toFixed(2)} s, slowest ${((sorted.at(-1) ?? 0) / 1000).toFixed(2)} s over ${runs} solves at ${slowdown}× slowdown; ~${(perNumber * 1000).toFixed(1)} µs per number, so every number (worst case) ≈ ${((perNumber * cost) / 1000).toFixed(2)} s`,
    );
  }
} finally {
  await browser.close();
  server.close();
}
