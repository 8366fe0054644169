// Hands page requests to Astro's Node middleware handler, with the same headers and locals as
// the API, so pages and API share one front. It must not touch `c.res`: Hono would then copy
// the answer into a new Response and write it a second time.
import { type IncomingMessage, type ServerResponse, STATUS_CODES } from 'node:http';
import type { HttpBindings } from '@hono/node-server';
import { RESPONSE_ALREADY_SENT } from '@hono/node-server/utils/response';
import type { Context } from 'hono';
import type { CatalogueCopy } from '../domain/program-profiles/catalogue.ts';
import { readBodyWithin, replayableBody } from './bounded-body.ts';
import type { AppEnv } from './env.ts';
import { tooLargePage } from './http-errors.ts';
import { SECURITY_HEADERS } from './security-headers.ts';

export type AstroHandler = (
  req: IncomingMessage,
  res: ServerResponse,
  next: ((error?: unknown) => void) | undefined,
  locals: App.Locals,
) => Promise<void>;

export async function loadAstroHandler(entryFile: string): Promise<AstroHandler> {
  const entry = (await import(entryFile)) as { handler: AstroHandler };
  return entry.handler;
}

export interface AstroPagesOptions {
  /** The most bytes a page's body may have, by path (forms with files allow more). */
  bodyLimit: (path: string) => number;
  /** Whether the page's form takes files: the 413 page then speaks of the file, else of the text. */
  takesFiles?: (path: string) => boolean;
  /** The process's copy of the program catalogue (one per server, never one per bundle). */
  catalogue: CatalogueCopy;
}

/**
 * Astro writes its Response's `statusText` as the reason phrase, and a page that sets only
 * `Astro.response.status` leaves it at "OK": the status line read "422 OK". The reason phrase
 * is taken from the status instead.
 */
function reasonPhraseFromStatus(outgoing: ServerResponse) {
  const writeHead = outgoing.writeHead;
  outgoing.writeHead = function (this: ServerResponse, status: number, ...rest: unknown[]) {
    const headers = typeof rest[0] === 'string' ? rest.slice(1) : rest;
    return (writeHead as (...args: unknown[]) => ServerResponse).call(
      this,
      status,
      STATUS_CODES[status] ?? '',
      ...headers,
    );
  } as ServerResponse['writeHead'];
}

export function astroPages(handler: AstroHandler, options: AstroPagesOptions) {
  return async (c: Context<AppEnv & { Bindings: HttpBindings }>) => {
    const { incoming, outgoing } = c.env;
    if (c.req.method !== 'GET' && c.req.method !== 'HEAD') {
      // Read here, counting real bytes, and handed to Astro from memory: Hono's bodyLimit would
      // drain the stream Astro reads the form from (decision 0001), and a Content-Length check
      // alone lets a chunked body through.
      const body = await readBodyWithin(incoming, options.bodyLimit(c.req.path));
      if (body.kind === 'aborted') {
        incoming.socket?.destroy();
        return RESPONSE_ALREADY_SENT;
      }
      if (body.kind === 'too_large') {
        c.header('Cache-Control', 'no-store');
        return c.html(tooLargePage(c.get('locale'), options.takesFiles?.(c.req.path) ?? true), 413);
      }
      (incoming as IncomingMessage & { body?: unknown }).body = replayableBody(body.bytes);
    }
    for (const [name, value] of Object.entries(SECURITY_HEADERS)) outgoing.setHeader(name, value);
    outgoing.setHeader('X-Request-Id', c.get('requestId'));
    // Pages carry what residents typed and what the office knows about them (results, receipts
    // with tracking codes): no page is kept by a browser or a proxy.
    outgoing.setHeader('Cache-Control', 'no-store');
    const localeCookie = c.get('localeCookie');
    if (localeCookie) outgoing.setHeader('Set-Cookie', localeCookie);
    reasonPhraseFromStatus(outgoing);
    const locals: App.Locals = {
      deps: c.get('deps'),
      locale: c.get('locale'),
      requestId: c.get('requestId'),
      clientKey: c.get('clientKey'),
      logger: c.get('logger'),
      officer: c.get('officer') ?? null,
      catalogue: () => options.catalogue.at(c.get('catalogueVersion')),
      https: c.get('https') ?? false,
      // Only the check in front (form-origin.ts) says a post is proven; without it, none is.
      postProven: c.get('postProven') === true,
    };
    await handler(incoming, outgoing, undefined, locals);
    return RESPONSE_ALREADY_SENT;
  };
}
