// The OpenAPI 3 description of the JSON API, generated from the route definitions
// (@hono/zod-openapi's registry, filled by each `app.openapi(route, handler)`), so a route cannot
// be served undocumented or documented differently from how it is served. Request bodies come
// from the same zod schemas the handlers validate with (openapi-parts.ts). The examples are made
// per server (openapi-examples.ts) and set into the generated document, and so are the program
// codes a `program` parameter takes: the office's catalogue at the time of the request, so a
// program added in the back office is documented without a rebuild.
import type { OpenAPIHono } from '@hono/zod-openapi';
import type { AppEnv } from '../env.ts';
import type { requestExamples } from './openapi-examples.ts';

type Examples = Awaited<ReturnType<typeof requestExamples>>;

/** Where the API's router is mounted in the app (app.ts). */
const API_PREFIX = '/api';

/** Each POST's request example, by the path it is sent to. */
function examplesByPath(examples: Examples): Record<string, unknown> {
  return {
    '/api/v1/usulan': examples.usulan,
    '/api/v1/sanggahan': examples.sanggahan,
    '/api/v1/aduan': examples.aduan,
    '/api/v1/permintaan-data': examples.permintaanData,
    '/api/v1/lacak': examples.lacak,
    '/api/v1/lacak/perbaikan': examples.perbaikan,
    '/api/v1/lacak/buka-kembali': examples.bukaKembali,
  };
}

const INFO = {
  title: 'Cek Bansos API',
  version: '1',
  description:
    'Public API of Cek Bansos. Names are masked and numbers cut to their last four digits. Errors are `{"error":{"code","message","field"}}`; messages follow Accept-Language (id, en).',
};

/** Served beside the API by the app itself (app.ts), not by the API's router. */
const HEALTHZ = {
  get: {
    summary: 'Liveness and database readiness',
    responses: {
      '200': { description: 'Ready', content: { 'application/json': { example: { status: 'ok' } } } },
    },
  },
};

type Parameter = { name?: string; in?: string; schema?: { enum?: string[] } };
type Operation = {
  requestBody?: { content?: Record<string, { example?: unknown }> };
  parameters?: Parameter[];
};

/** `programs`: the codes of every program the office has defined, in the catalogue's order. */
export function openApiDocument(api: OpenAPIHono<AppEnv>, examples: Examples, programs: readonly string[]) {
  const generated = api.getOpenAPIDocument({ openapi: '3.0.3', info: INFO, servers: [{ url: '/' }] });
  const paths: Record<string, Record<string, Operation>> = {
    '/healthz': HEALTHZ as Record<string, Operation>,
  };
  for (const [path, item] of Object.entries(generated.paths ?? {}))
    paths[`${API_PREFIX}${path}`] = structuredClone(item) as Record<string, Operation>;
  for (const [path, example] of Object.entries(examplesByPath(examples))) {
    const json = paths[path]?.post?.requestBody?.content?.['application/json'];
    if (!json) throw new Error(`no JSON request body documented for ${path}`);
    json.example = example;
  }
  for (const item of Object.values(paths))
    for (const operation of Object.values(item))
      for (const parameter of operation.parameters ?? [])
        if (parameter.name === 'program' && parameter.in === 'query' && parameter.schema)
          parameter.schema.enum = [...programs];
  return {
    ...generated,
    paths,
    components: {
      ...generated.components,
      schemas: {
        ...generated.components?.schemas,
        Error: {
          type: 'object',
          required: ['error'],
          properties: {
            error: {
              type: 'object',
              required: ['code', 'message'],
              properties: {
                code: { type: 'string' },
                message: { type: 'string' },
                field: { type: 'string' },
                fields: { type: 'object', additionalProperties: { type: 'string' } },
                id: { type: 'string', description: 'Error id for 5xx, also in the server log' },
                challenge: {
                  $ref: '#/components/schemas/Challenge',
                  description: 'With a 428: the proof-of-work challenge to solve before sending again',
                },
              },
            },
          },
        },
      },
    },
  };
}
