// The built client files (stylesheets, scripts, the icon), served from disk. They are listed once
// when the server starts: a build does not change while its server runs. A request for any
// other path goes on to the pages without asking the disk; asking it for every page cost each
// one one or two failed `stat` calls, about a twentieth of the server's CPU per page.
import { readdirSync, statSync } from 'node:fs';
import path from 'node:path';
import { serveStatic } from '@hono/node-server/serve-static';
import type { Context, MiddlewareHandler } from 'hono';

/** Every file under `root`, as the URL path that names it (`/css/app.css`). */
export function listStaticFiles(root: string): Set<string> {
  const files = new Set<string>();
  for (const entry of readdirSync(root, { recursive: true, encoding: 'utf8' })) {
    if (statSync(path.join(root, entry)).isFile()) files.add(`/${entry.split(path.sep).join('/')}`);
  }
  return files;
}

/**
 * serveStatic for the files of `root` as listed at start, each answered with the Cache-Control
 * `cacheControl` gives its path; every other path goes on at once.
 */
export function serveStaticFiles(root: string, cacheControl: (urlPath: string) => string): MiddlewareHandler {
  const files = listStaticFiles(root);
  const found = new WeakSet<Context>();
  const serve = serveStatic({ root, onFound: (_path, c) => void found.add(c) });
  return async (c, next) => {
    if (!files.has(c.req.path)) return next();
    const response = await serve(c, next);
    // On the file's own response: serveStatic calls onFound after making it.
    if (response && found.has(c)) response.headers.set('Cache-Control', cacheControl(c.req.path));
    return response;
  };
}
