// Real-browser tests: Debian's Chromium driven by playwright-core, against the real server
// (Hono + the built Astro pages) over a copy of the seeded database.
import { existsSync } from 'node:fs';
import path from 'node:path';
import { type Browser, type BrowserContext, chromium, type Page } from 'playwright-core';
import { readConfig } from '../../src/server/config.ts';
import { type RunningServer, startServer } from '../../src/server/start.ts';
import { copyTemplateDatabase, KEEP_THE_DEMO_HISTORY } from './test-app.ts';

/** Debian's Chromium, the desktop browser (`apt-get install chromium`). */
export const CHROMIUM_PATH = process.env.CHROMIUM_PATH ?? '/usr/bin/chromium';
/**
 * Debian's `chromium-headless-shell`, built from the same Chromium release: the same Blink and
 * V8 without the desktop browser around them. The journeys open a fresh context for every phone,
 * and there the desktop browser's own process pays for each new profile and renderer: a context
 * with three page loads costs about five times the CPU (15 rounds: 17.2 s against 3.5 s,
 * decision 0044), which was most of the browser suite's time on CI's two cores.
 */
export const HEADLESS_SHELL_PATH =
  process.env.CHROMIUM_HEADLESS_SHELL_PATH ?? '/usr/bin/chromium-headless-shell';
const ASTRO_ENTRY = path.resolve('dist/server/entry.mjs');

/**
 * Which build a test drives. `shell` for the journeys; `desktop` where the browser itself is
 * what is measured or shown (the proof of work's solve time, the page budget).
 */
export type ChromiumBuild = 'shell' | 'desktop';

/** Outside CI a missing Chromium or build skips loudly; under CI=true it fails. */
export function browserTestsAvailable(): boolean {
  const missing = [
    existsSync(CHROMIUM_PATH) ? '' : `Chromium not found at ${CHROMIUM_PATH} (apt-get install chromium)`,
    existsSync(HEADLESS_SHELL_PATH) || process.env.CI !== 'true'
      ? ''
      : `Chromium's headless shell not found at ${HEADLESS_SHELL_PATH} (apt-get install chromium-headless-shell)`,
    existsSync(ASTRO_ENTRY) ? '' : 'no build at dist/ (npm run build)',
  ].filter(Boolean);
  if (missing.length === 0) return true;
  const message = `BROWSER TESTS CANNOT RUN: ${missing.join('; ')}`;
  if (process.env.CI === 'true') throw new Error(message);
  console.warn(`\n!!! ${message} — skipping them.\n`);
  return false;
}

let warnedNoShell = false;

/** The executable of a build; outside CI, the desktop browser stands in for a missing shell. */
function executableOf(build: ChromiumBuild): string {
  if (build === 'desktop') return CHROMIUM_PATH;
  if (existsSync(HEADLESS_SHELL_PATH)) return HEADLESS_SHELL_PATH;
  if (!warnedNoShell) {
    warnedNoShell = true;
    console.warn(
      `\n!!! No ${HEADLESS_SHELL_PATH} (apt-get install chromium-headless-shell): the journeys run in ${CHROMIUM_PATH}, slower.\n`,
    );
  }
  return CHROMIUM_PATH;
}

/** Debian's Chromium, headless, with nothing reaching out to the network on its own. */
function launchOwnChromium(build: ChromiumBuild): Promise<Browser> {
  return chromium.launch({
    executablePath: executableOf(build),
    args: [
      '--headless',
      '--no-sandbox',
      '--disable-gpu',
      '--disable-background-networking',
      '--disable-component-update',
      '--disable-sync',
      '--no-first-run',
    ],
  });
}

const shared = new Map<ChromiumBuild, Promise<Browser>>();

/**
 * One Chromium of each build per test worker, lent to each file: a launch, its first page and its
 * close cost about 2 s, paid by some sixty files of a CI run. The worker keeps its modules from
 * file to file (`isolate: false`), so the browser stays; a file gets fresh contexts, and its
 * `close()` closes only the contexts it opened. A browser that died is launched again for the
 * next file.
 */
export async function launchChromium(build: ChromiumBuild = 'shell'): Promise<Browser> {
  const running = shared.get(build);
  let browser = running ? await running.catch(() => undefined) : undefined;
  if (!browser?.isConnected()) {
    const launching = launchOwnChromium(build);
    shared.set(build, launching);
    browser = await launching;
  }
  return lent(browser);
}

function lent(browser: Browser): Browser {
  const opened = new Set<BrowserContext>();
  const own = (context: BrowserContext) => {
    opened.add(context);
    context.once('close', () => opened.delete(context));
    return context;
  };
  const overrides: Partial<Browser> = {
    newContext: async (options) => own(await browser.newContext(options)),
    newPage: async (options) => (await own(await browser.newContext(options))).newPage(),
    contexts: () => [...opened],
    close: async () => {
      await Promise.all([...opened].map((context) => context.close().catch(() => {})));
    },
  };
  return new Proxy(browser, {
    get(target, property) {
      if (Object.hasOwn(overrides, property)) return overrides[property as keyof Browser];
      const value = Reflect.get(target, property, target);
      return typeof value === 'function' ? value.bind(target) : value;
    },
  });
}

export interface BrowserEnv {
  server: RunningServer;
  /** The server's DATA_DIR: tests may open the same database to act as an officer. */
  dataDir: string;
  browser: Browser;
  /** A fresh 360×800 phone-sized context; `javaScript: false` turns scripts off. */
  phone(options?: {
    javaScript?: boolean;
    locale?: string;
    bypassCSP?: boolean;
  }): Promise<{ context: BrowserContext; page: Page }>;
  close(): Promise<void>;
}

/** `settings`: more environment settings for the server (e.g. limits), as an operator would set them. */
export async function startBrowserEnv(
  settings: Record<string, string> = {},
  build: ChromiumBuild = 'shell',
): Promise<BrowserEnv> {
  const { dataDir, cleanup } = await copyTemplateDatabase();
  const server = await startServer(
    // POW_COST=50: the journeys click as soon as a page is there, and a proof of work at the
    // production cost (50,000, ~0.5 s on a slow phone) would race their clicks. The proof at its
    // real cost is tested in siti-checks-with-a-proof-of-work.test.ts, which sets its own.
    // Through readConfig, so that every setting derived from DATA_DIR (the database file) follows it.
    {
      ...readConfig({
        POW_COST: '50',
        ...KEEP_THE_DEMO_HISTORY,
        ...settings,
        DATA_DIR: dataDir,
        DEMO_DATA: '0',
        LOG_LEVEL: 'silent',
      }),
      port: 0,
    },
    { astroEntry: ASTRO_ENTRY, clientDir: path.resolve('dist/client') },
  );
  const browser = await launchChromium(build);
  const contexts: BrowserContext[] = [];
  return {
    server,
    dataDir,
    browser,
    async phone({ javaScript = true, locale = 'id-ID', bypassCSP = false } = {}) {
      const context = await browser.newContext({
        viewport: { width: 360, height: 800 },
        javaScriptEnabled: javaScript,
        baseURL: server.url,
        locale,
        // Only the axe scan needs it, to inject its script past our Content-Security-Policy.
        bypassCSP,
      });
      contexts.push(context);
      return { context, page: await context.newPage() };
    },
    async close() {
      for (const c of contexts) await c.close().catch(() => {});
      await browser.close();
      await server.close();
      await cleanup();
    },
  };
}
