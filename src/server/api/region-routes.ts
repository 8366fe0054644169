import { createRoute, OpenAPIHono } from '@hono/zod-openapi';
import { AppError } from '../../domain/errors.ts';
import { REGION_LEVEL_NAMES, type RegionNode } from '../../domain/regions/region-directory.ts';
import type { AppEnv } from '../env.ts';
import { described, errorResponse } from './openapi-parts.ts';

const view = (n: RegionNode) => ({ code: n.code, name: n.name, level: REGION_LEVEL_NAMES[n.level] });

const provinces = createRoute({
  method: 'get',
  path: '/regions',
  summary: 'Provinces',
  responses: { 200: described('Regions') },
});

const children = createRoute({
  method: 'get',
  path: '/regions/{code}/children',
  summary: 'Child regions of a region, by its dotted Kemendagri code (e.g. 35.76)',
  // Described, not validated by the route: an unknown code is the handler's 404.
  parameters: [{ name: 'code', in: 'path', required: true, schema: { type: 'string' }, example: '35.76' }],
  responses: { 200: described('Regions'), 404: errorResponse('Unknown region') },
});

export const regionRoutes = new OpenAPIHono<AppEnv>()
  .openapi(provinces, (c) => {
    c.header('Cache-Control', 'public, max-age=86400');
    return c.json({ regions: c.get('deps').regions.provinces().map(view) }, 200);
  })
  .openapi(children, (c) => {
    const regions = c.get('deps').regions;
    const parent = regions.get(c.req.param('code'));
    if (!parent) throw new AppError('not_found', { code: 'region.unknown' });
    c.header('Cache-Control', 'public, max-age=86400');
    return c.json({ region: view(parent), regions: regions.children(parent.code).map(view) }, 200);
  });
