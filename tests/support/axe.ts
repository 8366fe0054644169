// axe-core in a test browser. The first scan of a context injects axe into the page and registers
// it as an init script, so every later page of that context already has it: Chromium then
// compiles axe's half a megabyte once per renderer instead of once per scan, which was most of
// the cost of the accessibility suites.
import { createRequire } from 'node:module';
import type { Page } from 'playwright-core';

const axePath = createRequire(import.meta.url).resolve('axe-core/axe.min.js');
const registered = new WeakSet<object>();

/** Every axe violation of the page as it is now, as `rule: target, target`; [] when clean. */
export async function axeViolations(page: Page): Promise<string[]> {
  const context = page.context();
  if (!registered.has(context)) {
    registered.add(context);
    await context.addInitScript({ path: axePath });
  }
  if (!(await page.evaluate(() => 'axe' in window))) await page.addScriptTag({ path: axePath });
  return page.evaluate(async () => {
    // @ts-expect-error axe is injected above
    const result = await window.axe.run(document, { resultTypes: ['violations'] });
    return result.violations.map(
      (v: { id: string; nodes: { target: string[] }[] }) =>
        `${v.id}: ${v.nodes.map((n) => n.target.join(' ')).join(', ')}`,
    );
  });
}
