import { Hono } from 'hono';
import { AppError } from '../../domain/errors.ts';
import { REGION_LEVEL_NAMES, type RegionNode } from '../../domain/regions/region-directory.ts';
import type { AppEnv } from '../env.ts';

const view = (n: RegionNode) => ({ code: n.code, name: n.name, level: REGION_LEVEL_NAMES[n.level] });

export const regionRoutes = new Hono<AppEnv>()
  .get('/regions', (c) => {
    c.header('Cache-Control', 'public, max-age=86400');
    return c.json({ regions: c.get('deps').regions.provinces().map(view) });
  })
  .get('/regions/:code/children', (c) => {
    const regions = c.get('deps').regions;
    const parent = regions.get(c.req.param('code'));
    if (!parent) throw new AppError('not_found', { code: 'region.unknown' });
    c.header('Cache-Control', 'public, max-age=86400');
    return c.json({ region: view(parent), regions: regions.children(parent.code).map(view) });
  });
