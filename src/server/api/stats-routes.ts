import { Hono } from 'hono';
import { recipientStats } from '../../domain/stats/recipient-stats.ts';
import type { AppEnv } from '../env.ts';

export const statsRoutes = new Hono<AppEnv>().get('/stats/recipients', async (c) => {
  const q = c.req.query();
  return c.json(
    await recipientStats(c.get('deps'), {
      region: q.region ?? '',
      program: q.program ?? '',
      period: q.period,
    }),
  );
});
