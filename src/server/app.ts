// The Hono front: request id, language, security headers, access log and error handling for
// everything; then the JSON API, static files, and Astro's pages.
import path from 'node:path';
import type { HttpBindings } from '@hono/node-server';
import { OpenAPIHono } from '@hono/zod-openapi';
import { type Context, Hono } from 'hono';
import { compress } from 'hono/compress';
import { HTTPException } from 'hono/http-exception';
import { requestId } from 'hono/request-id';
import type { DomainDeps } from '../domain/deps.ts';
import { AppError, isAppError } from '../domain/errors.ts';
import { mayImport } from '../domain/import/import-access.ts';
import { UPLOAD_LIMIT_BYTES } from '../domain/import/upload-import.ts';
import { CatalogueCopy, loadCatalogue } from '../domain/program-profiles/catalogue.ts';
import { cekRoutes } from './api/cek-routes.ts';
import { officerRoutes } from './api/officer-routes.ts';
import { openApiDocument } from './api/openapi.ts';
import { requestExamples } from './api/openapi-examples.ts';
import { regionRoutes } from './api/region-routes.ts';
import { statsRoutes } from './api/stats-routes.ts';
import { TICKET_BODY_LIMIT, ticketRoutes } from './api/ticket-routes.ts';
import { type AstroHandler, astroPages } from './astro-pages.ts';
import {
  BACK_OFFICE_PATH,
  downloadAttachment,
  officerSession,
  passwordChangeFirst,
  uploadGate,
} from './back-office.ts';
import type { AppEnv } from './env.ts';
import { formOrigin } from './form-origin.ts';
import { respondError } from './http-errors.ts';
import { limitBody } from './json-body.ts';
import { resolveLocale } from './locale-middleware.ts';
import type { Logger } from './logger.ts';
import { watchObjectPrototype } from './prototype-check.ts';
import { SECURITY_HEADERS } from './security-headers.ts';
import { serveStaticFiles } from './static-files.ts';

export interface AppOptions {
  deps: DomainDeps;
  logger: Logger;
  /** Astro's page handler; without it only the API and static files are served (API tests). */
  astro?: AstroHandler;
  /** Built client files (dist/client). */
  clientDir?: string;
  /** Behind a reverse proxy: take the client address from X-Forwarded-For. */
  trustProxy?: boolean;
}

/** API bodies are a few fields; anything near this size is not a real request. */
const API_BODY_LIMIT = 64 * 1024;
const CARRIES_FILES = /^\/api\/v1\/(usulan|sanggahan|aduan|lacak\/perbaikan)$/;
/** Pages whose forms carry attachments; every other page form is a few fields. */
const PAGES_WITH_FILES = /^\/(usulan|sanggahan|aduan|lacak)\/?$/;
/** The recipient-list upload (upload-import.ts), with room for the form around the file. */
const IMPORT_UPLOAD_PAGE = /^\/petugas\/impor\/?$/;
/** Lists of up to 64 MB read at once by one process, and how many more wait unread (back-office.ts). */
const UPLOADS = { atOnce: 2, waiting: 8 };

function clientKeyOf(c: Context<AppEnv & { Bindings: HttpBindings }>, trustProxy: boolean): string {
  // The last entry is the one our proxy added (nginx's $proxy_add_x_forwarded_for appends the
  // address it saw); anything before it the client may have written itself.
  const forwarded = trustProxy ? c.req.header('x-forwarded-for')?.split(',').at(-1)?.trim() : undefined;
  return forwarded || c.env?.incoming?.socket?.remoteAddress || 'unknown';
}

export function createApp(options: AppOptions) {
  const { deps, logger } = options;
  const app = new Hono<AppEnv & { Bindings: HttpBindings }>();

  app.use(requestId({ headerName: '' }));
  app.use(async (c, next) => {
    const started = performance.now();
    c.set('deps', deps);
    c.set('logger', logger);
    c.set('clientKey', clientKeyOf(c, options.trustProxy ?? false));
    const { locale, setCookie } = resolveLocale(c);
    c.set('locale', locale);
    c.set('localeCookie', setCookie);
    await next();
    // Astro pages wrote their own answer (with the same headers) straight to the socket.
    const sentByAstro = c.env?.outgoing?.headersSent === true;
    if (!sentByAstro) {
      for (const [name, value] of Object.entries(SECURITY_HEADERS)) c.res.headers.set(name, value);
      c.res.headers.set('X-Request-Id', c.get('requestId'));
      if (setCookie) c.res.headers.append('Set-Cookie', setCookie);
    }
    // The path only: a query string could carry what a resident typed.
    logger.info(
      {
        id: c.get('requestId'),
        method: c.req.method,
        path: c.req.path,
        status: sentByAstro ? c.env.outgoing.statusCode : c.res.status,
        ms: Math.round(performance.now() - started),
      },
      'request',
    );
  });

  const prototypeIntact = watchObjectPrototype();
  app.get('/healthz', async (c) => {
    c.header('Cache-Control', 'no-store');
    if (!prototypeIntact()) {
      logger.error({ id: c.get('requestId') }, 'Object.prototype was modified: restart the process');
      return c.json({ status: 'failing', problem: 'object_prototype_modified' }, 503);
    }
    await deps.db.selectFrom('programs').select('code').limit(1).execute();
    return c.json({ status: 'ok' });
  });

  // Routes defined with @hono/zod-openapi: the served document is generated from them.
  const api = new OpenAPIHono<AppEnv>();
  const smallBody = limitBody(API_BODY_LIMIT);
  // Ticket submissions carry attachments and have their own, larger limit (ticket-routes.ts).
  api.use((c, next) => (CARRIES_FILES.test(c.req.path) ? next() : smallBody(c, next)));
  api.use(async (c, next) => {
    await next();
    // On the finished response's own headers: c.header() at this point would rebuild the
    // response as a web Response with a body stream, which cost a lookup a fifth of its time.
    if (!c.res.headers.has('Cache-Control')) c.res.headers.set('Cache-Control', 'no-store');
  });
  // The office's own JSON (officer-routes.ts): the officer a session cookie stands for.
  const apiSession = officerSession(options.trustProxy ?? false);
  api.use(`/v1${BACK_OFFICE_PATH}/*`, apiSession);
  api.get('/openapi.json', async (c) => {
    const catalogue = await loadCatalogue(deps.db);
    const programs = catalogue.programs.map((p) => p.code);
    return c.json(openApiDocument(api, await requestExamples(deps), programs));
  });
  api.route('/v1', cekRoutes);
  api.route('/v1', regionRoutes);
  api.route('/v1', statsRoutes);
  api.route('/v1', ticketRoutes);
  api.route('/v1', officerRoutes);
  app.route('/api', api);
  app.all('/api/*', (c) => respondError(c, new AppError('not_found'), c.get('locale')));

  if (options.clientDir) {
    const root = path.resolve(options.clientDir);
    // Stylesheets and scripts go gzipped: a third of their size, on every page of a slow line.
    // Pages do not: each carries a form's token beside what the resident typed, and compressing
    // the two together lets their size betray the token (BREACH); a proxy in front may decide.
    const compressAsset = compress();
    for (const assets of ['/css/*', '/js/*', '/_astro/*']) app.use(assets, compressAsset);
    app.use(
      '*',
      serveStaticFiles(root, (urlPath) =>
        urlPath.startsWith('/_astro/') ? 'public, max-age=31536000, immutable' : 'public, max-age=3600',
      ),
    );
  }
  // Hono's `/petugas/*` matches `/petugas` itself too: registered for both, the inbox (the most
  // opened page) read its session twice.
  app.use(`${BACK_OFFICE_PATH}/*`, officerSession(options.trustProxy ?? false));
  app.use(`${BACK_OFFICE_PATH}/*`, passwordChangeFirst);
  const uploads = uploadGate(mayImport, UPLOADS);
  app.use(`${BACK_OFFICE_PATH}/*`, (c, next) =>
    IMPORT_UPLOAD_PAGE.test(c.req.path) ? uploads(c, next) : next(),
  );
  app.get(`${BACK_OFFICE_PATH}/lampiran/:id{[0-9]{1,9}}`, downloadAttachment);

  if (options.astro) {
    // One copy of the program catalogue for the pages of this process, checked against the
    // version each back-office request's session lookup reads (decision 0040).
    const catalogue = new CatalogueCopy(deps.db);
    // A form posted from another site is refused before Astro sees it; one that cannot say where
    // it comes from must carry its form's proof (form-origin.ts).
    app.use('*', formOrigin());
    app.all(
      '*',
      astroPages(options.astro, {
        bodyLimit: (p) =>
          IMPORT_UPLOAD_PAGE.test(p)
            ? UPLOAD_LIMIT_BYTES + 64 * 1024
            : PAGES_WITH_FILES.test(p)
              ? TICKET_BODY_LIMIT
              : API_BODY_LIMIT,
        takesFiles: (p) => PAGES_WITH_FILES.test(p) || IMPORT_UPLOAD_PAGE.test(p),
        catalogue,
      }),
    );
  }

  app.notFound((c) => respondError(c, new AppError('not_found'), c.get('locale')));
  app.onError((err, c) => {
    const locale = c.get('locale') ?? 'id';
    if (isAppError(err) && err.code !== 'internal') return respondError(c, err, locale);
    if (err instanceof HTTPException && err.status < 500) return err.getResponse();
    const id = c.get('requestId');
    logger.error({ id, err }, 'unhandled error');
    return respondError(c, new AppError('internal'), locale, id);
  });
  return app;
}
