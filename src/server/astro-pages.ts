// Hands page requests to Astro's Node middleware handler, with the same headers and locals as
// the API, so pages and API share one front. It must not touch `c.res`: Hono would then copy
// the answer into a new Response and write it a second time.
import type { IncomingMessage, ServerResponse } from 'node:http';
import type { HttpBindings } from '@hono/node-server';
import { RESPONSE_ALREADY_SENT } from '@hono/node-server/utils/response';
import type { Context } from 'hono';
import type { AppEnv } from './env.ts';
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

export function astroPages(handler: AstroHandler) {
  return async (c: Context<AppEnv & { Bindings: HttpBindings }>) => {
    const { incoming, outgoing } = c.env;
    for (const [name, value] of Object.entries(SECURITY_HEADERS)) outgoing.setHeader(name, value);
    outgoing.setHeader('X-Request-Id', c.get('requestId'));
    const localeCookie = c.get('localeCookie');
    if (localeCookie) outgoing.setHeader('Set-Cookie', localeCookie);
    const locals: App.Locals = {
      deps: c.get('deps'),
      locale: c.get('locale'),
      requestId: c.get('requestId'),
      clientKey: c.get('clientKey'),
      logger: c.get('logger'),
    };
    await handler(incoming, outgoing, undefined, locals);
    return RESPONSE_ALREADY_SENT;
  };
}
