// Astro's server runtime logs through console.error / console.info (its logger cannot be
// configured in middleware mode), which wrote page errors as multi-line text beside our JSON
// lines. In the running server every console call becomes one JSON line of the pino logger.
import { format } from 'node:util';
import type { Logger } from './logger.ts';

// biome-ignore lint/suspicious/noControlCharactersInRegex: ANSI colour codes are what is removed.
const ANSI = /\u001b\[[0-9;]*m/g;
/** Astro names the URL it failed to render; its query string could carry what a resident typed. */
const QUERY = /(\/[^\s?#]*)\?[^\s#]*/g;

export function consoleLine(args: unknown[]): string {
  return format(...args)
    .replace(ANSI, '')
    .replace(QUERY, '$1?…');
}

export function routeConsoleToLogger(logger: Logger): void {
  const to =
    (level: 'debug' | 'info' | 'warn' | 'error') =>
    (...args: unknown[]) => {
      logger[level]({ source: 'console' }, consoleLine(args));
    };
  console.debug = to('debug');
  console.log = to('info');
  console.info = to('info');
  console.warn = to('warn');
  console.error = to('error');
  console.trace = to('error');
}
