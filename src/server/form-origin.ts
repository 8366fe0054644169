// Which page posts come from the site's own pages. Browsers say so with `Sec-Fetch-Site` or
// `Origin`; some proxy browsers strip both, and then a same-site `Referer` proves it. A post that
// shows a foreign origin is refused here, as Hono's csrf() did. A post that proves nothing
// reaches the page marked unproven: the page then asks for its form's proof (form-proof.ts) and,
// without it, shows the same form again with what was typed and a message, in the resident's
// language (readPostedForm), instead of a bare "Forbidden".
import type { MiddlewareHandler } from 'hono';
import { HTTPException } from 'hono/http-exception';
import type { AppEnv } from './env.ts';

const SAFE_METHOD = /^(GET|HEAD|OPTIONS)$/;
// The content types a cross-site HTML form can send (Hono's csrf() list).
const FORM_TYPE = /^\b(application\/x-www-form-urlencoded|multipart\/form-data|text\/(?:plain|ping))\b/i;

function originOf(url: string | undefined): string | undefined {
  if (!url) return undefined;
  try {
    return new URL(url).origin;
  } catch {
    return undefined;
  }
}

export function formOrigin(): MiddlewareHandler<AppEnv> {
  return async (c, next) => {
    c.set('postProven', true);
    if (SAFE_METHOD.test(c.req.method) || !FORM_TYPE.test(c.req.header('content-type') || 'text/plain'))
      return next();
    const own = new URL(c.req.url).origin;
    const site = c.req.header('sec-fetch-site');
    const origin = c.req.header('origin');
    if (site === 'same-origin' || origin === own) return next();
    // A browser that names another site is refused: that is a forged post. `Origin: null` (a
    // privacy setting, a sandboxed frame) names none and must prove itself like no Origin at all.
    const foreignOrigin = origin !== undefined && origin !== '' && origin !== 'null';
    if (foreignOrigin || site === 'cross-site' || site === 'same-site') {
      throw new HTTPException(403, { res: new Response('Forbidden', { status: 403 }) });
    }
    if (originOf(c.req.header('referer')) === own) return next();
    c.set('postProven', false);
    return next();
  };
}
