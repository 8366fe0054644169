import { createRoute, OpenAPIHono } from '@hono/zod-openapi';
import { recipientStats } from '../../domain/stats/recipient-stats.ts';
import type { AppEnv } from '../env.ts';
import { described, errorResponse } from './openapi-parts.ts';

const recipients = createRoute({
  method: 'get',
  path: '/stats/recipients',
  summary: 'Recipients of a program in a period for a region, by child region; counts below 5 are null',
  // Described, not validated by the route: the domain answers a bad value with its own 422.
  parameters: [
    { name: 'region', in: 'query', required: true, schema: { type: 'string' }, example: '35.76' },
    {
      name: 'program',
      in: 'query',
      required: true,
      // The codes are the office's programs, set into the served document per request (openapi.ts).
      schema: { type: 'string' },
      description: 'A program code; the enum lists the programs the office has defined',
    },
    {
      name: 'period',
      in: 'query',
      required: false,
      schema: { type: 'string', pattern: '^\\d{4}-(0[1-9]|1[0-2]|Q[1-4])$' },
      description: "YYYY-MM or YYYY-Qn; left out, the program's latest period",
    },
  ],
  responses: {
    200: described('Figures'),
    422: errorResponse('Unknown region, program or bad period'),
  },
});

export const statsRoutes = new OpenAPIHono<AppEnv>().openapi(recipients, async (c) => {
  const q = c.req.query();
  return c.json(
    await recipientStats(c.get('deps'), {
      region: q.region ?? '',
      program: q.program ?? '',
      period: q.period,
    }),
    200,
  );
});
