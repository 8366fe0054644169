// Settings from the environment, checked once at start; the README's table lists them.
import path from 'node:path';
import { z } from 'zod';
import type { LookupLimitSettings } from '../domain/cek/lookup-limits.ts';

const EnvSchema = z.object({
  PORT: z.coerce.number().int().min(0).max(65535).default(4321),
  HOST: z.string().min(1).default('127.0.0.1'),
  DATA_DIR: z.string().min(1).default('./data'),
  DEMO_DATA: z.enum(['0', '1']).default('1'),
  TRUST_PROXY: z.enum(['0', '1']).default('0'),
  LIMIT_NIK_CHECKS_PER_CLIENT: z.coerce.number().int().min(1).default(30),
  LIMIT_CHECKS_PER_NIK: z.coerce.number().int().min(1).default(10),
  LIMIT_SEARCHES_PER_CLIENT: z.coerce.number().int().min(1).default(60),
  LIMIT_TRACKING_PER_CLIENT: z.coerce.number().int().min(1).default(60),
  LIMIT_TRACKING_PER_REFERENCE: z.coerce.number().int().min(1).default(10),
  LOG_LEVEL: z.enum(['fatal', 'error', 'warn', 'info', 'debug', 'trace', 'silent']).default('info'),
});

export interface Config {
  port: number;
  host: string;
  dataDir: string;
  demoData: boolean;
  logLevel: z.infer<typeof EnvSchema>['LOG_LEVEL'];
  trustProxy: boolean;
  /** Per 10 minutes; see src/domain/cek/lookup-limits.ts. */
  limits: LookupLimitSettings;
}

export function readConfig(env: NodeJS.ProcessEnv = process.env): Config {
  const parsed = EnvSchema.safeParse(Object.fromEntries(Object.entries(env).filter(([, v]) => v !== '')));
  if (!parsed.success) {
    const problems = parsed.error.issues.map((i) => `${i.path.join('.')}: ${i.message}`).join('; ');
    throw new Error(`Invalid environment: ${problems}`);
  }
  const e = parsed.data;
  return {
    port: e.PORT,
    host: e.HOST,
    dataDir: path.resolve(e.DATA_DIR),
    demoData: e.DEMO_DATA === '1',
    logLevel: e.LOG_LEVEL,
    trustProxy: e.TRUST_PROXY === '1',
    limits: {
      perClient: e.LIMIT_NIK_CHECKS_PER_CLIENT,
      perNik: e.LIMIT_CHECKS_PER_NIK,
      searchesPerClient: e.LIMIT_SEARCHES_PER_CLIENT,
      trackingPerClient: e.LIMIT_TRACKING_PER_CLIENT,
      trackingPerReference: e.LIMIT_TRACKING_PER_REFERENCE,
      windowSeconds: 600,
    },
  };
}
