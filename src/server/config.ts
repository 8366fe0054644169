// Settings from the environment, checked once at start; the README's table lists them.
import path from 'node:path';
import { z } from 'zod';
import { type DatabaseTarget, databaseFile } from '../db/database.ts';
import { DEFAULT_LOOKUP_LIMITS, type LookupLimitSettings } from '../domain/cek/lookup-limits.ts';
import { DEFAULT_IMPORT_SETTINGS, type ImportSettings } from '../domain/import/import-decision.ts';
import type { DeliverySettings } from '../domain/notifications/deliver-outbox.ts';
import type { OfficeSettings } from '../domain/privacy/privacy-notice.ts';
import { MIN_RETENTION_DAYS } from '../domain/privacy/retention.ts';
import { OFFICE_ZONE_IDS, OFFICE_ZONES } from '../domain/regions/office-zone.ts';
import {
  DEFAULT_REACTIVATION_DUE_WORKING_DAYS,
  DEFAULT_TICKET_SETTINGS,
  reactivationDue,
  type TicketSettings,
} from '../domain/tickets/settings.ts';

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
  LIMIT_SUBMISSIONS_PER_CLIENT: z.coerce.number().int().min(1).default(30),
  // The proof of work on public lookups and submissions (src/domain/privacy/proof-of-work.ts):
  // the normal cost, and the cost asked for a NIK or reference checked past its own limit.
  POW_COST: z.coerce.number().int().min(1).max(10_000_000).default(DEFAULT_LOOKUP_LIMITS.proofCost),
  POW_HARD_COST: z.coerce.number().int().min(1).max(100_000_000).optional(),
  LOG_LEVEL: z.enum(['fatal', 'error', 'warn', 'info', 'debug', 'trace', 'silent']).default('info'),
  // Checked by hand below: the messages must never repeat the value (a URL may hold a password).
  DATABASE_URL: z.string().optional(),
  DATABASE_POOL_SIZE: z.coerce
    .number({ error: 'must be a whole number of connections, 1 or more' })
    .int({ error: 'must be a whole number of connections, 1 or more' })
    .min(1, { error: 'must be a whole number of connections, 1 or more' })
    .default(10),
  SECRET_KEY: z.string().optional(),
  // Region codes this office holds data for, e.g. `35.76` or `35.76,35.78`; checked against the
  // region list at start (src/domain/regions/service-area.ts).
  SERVICE_AREA: z
    .string()
    .transform((v) => v.split(',').map((code) => code.trim()))
    .pipe(
      z.array(
        z.string().regex(/^\d\d(\.\d\d){0,2}$/, {
          error: 'must be region codes separated by commas, e.g. 35.76 or 35.76,35.78',
        }),
      ),
    )
    .optional(),
  // Checked by hand below: an SMTP URL may hold a password, a webhook secret is one.
  SMTP_URL: z.string().optional(),
  SMTP_FROM: z.string().optional(),
  NOTIFY_WEBHOOK_URL: z.string().optional(),
  NOTIFY_WEBHOOK_SECRET: z.string().optional(),
  OUTBOX_MAX_ATTEMPTS: z.coerce.number().int().min(1).max(100).default(8),
  OUTBOX_RETRY_SECONDS: z.coerce.number().int().min(1).max(86_400).default(60),
  OUTBOX_INTERVAL_SECONDS: z.coerce.number().int().min(1).max(3600).default(15),
  // Attachment files a crash left without their row are swept at start and then this often.
  OFFICE_NAME: z.string().trim().min(1).max(120).optional(),
  OFFICE_PRIVACY_CONTACT: z.string().trim().min(1).max(200).optional(),
  ATTACHMENT_SWEEP_SECONDS: z.coerce.number().int().min(1).max(86_400).default(600),
  // Days after closing that a ticket keeps its personal data and files (src/domain/privacy/retention.ts);
  // unset: DEFAULT_RETENTION_DAYS, and with the demo data no pass at all (its history is years old).
  RETENTION_DAYS: z.coerce.number().int().min(MIN_RETENTION_DAYS).max(36_500).optional(),
  // Decision 0022: when a list is complete for a village by default, and which endings are large.
  IMPORT_COMPLETE_SHARE: z.coerce.number().min(0).max(1).default(DEFAULT_IMPORT_SETTINGS.completeShare),
  IMPORT_LARGE_ENDING_SHARE: z.coerce
    .number()
    .min(0)
    .max(1)
    .default(DEFAULT_IMPORT_SETTINGS.largeEndingShare),
  IMPORT_SUSPICIOUS_FACTOR: z.coerce
    .number()
    .min(1)
    .max(1000)
    .default(DEFAULT_IMPORT_SETTINGS.suspiciousFactor),
  // `npm run import` prints each phase's time and its costliest statements (decision 0042).
  IMPORT_TIMINGS: z.enum(['0', '1']).default('0'),
  // Issue 20: the office's clock (WIB, WITA, WIT) for every time an officer reads and every due
  // date; unset, the zone of the service area's province (src/domain/regions/office-zone.ts).
  OFFICE_TIME_ZONE: z.enum(OFFICE_ZONE_IDS, { error: 'must be WIB, WITA or WIT' }).optional(),
  // Issue 19: working days for a whole PBI-JK reactivation request, filing to answer.
  REACTIVATION_DUE_WORKING_DAYS: z.coerce
    .number()
    .int()
    .min(1)
    .max(30)
    .default(DEFAULT_REACTIVATION_DUE_WORKING_DAYS),
});

/** Every setting the app reads; anything else that looks like one is refused at start. */
export const KNOWN_SETTINGS: readonly string[] = Object.keys(EnvSchema.shape);

/** Names that only this app would use: an unknown one is a mistake, not someone else's variable. */
const APP_PREFIXES = [
  'LIMIT_',
  'DATABASE_',
  'DEMO_',
  'TRUST_',
  'SECRET_',
  'SMTP_',
  'NOTIFY_',
  'OUTBOX_',
  'IMPORT_',
  'ATTACHMENT_',
  'OFFICE_',
  'RETENTION_',
  'REACTIVATION_',
  'CEK_BANSOS_',
];

export type DatabaseSettings = DatabaseTarget;

export interface Config {
  port: number;
  host: string;
  dataDir: string;
  demoData: boolean;
  logLevel: z.infer<typeof EnvSchema>['LOG_LEVEL'];
  trustProxy: boolean;
  /** Per 10 minutes; see src/domain/cek/lookup-limits.ts. */
  limits: LookupLimitSettings;
  /** DATABASE_URL: unset or `sqlite:<path>` is the embedded file, `postgres://…` a server. */
  database: DatabaseSettings;
  /** SECRET_KEY decoded (≥ 32 bytes); required with PostgreSQL, where processes share it. */
  secretKey: Buffer | undefined;
  /** SERVICE_AREA: region codes this office serves; unset, the regencies of its households. */
  serviceArea: string[] | undefined;
  /** Where residents' updates go; a channel without its settings keeps its messages queued. */
  notifications: NotificationSettings;
  /** When a recipient list ends memberships (decision 0022). */
  imports: ImportSettings;
  /** IMPORT_TIMINGS=1: `npm run import` prints where its time went (decision 0042). */
  importTimings: boolean;
  /** ATTACHMENT_SWEEP_SECONDS: how often a running process removes orphan attachment files. */
  attachmentSweepSeconds: number;
  /** OFFICE_NAME, OFFICE_PRIVACY_CONTACT and RETENTION_DAYS: who answers for the data, and how long tickets keep it. */
  office: OfficeSettings;
  /**
   * Due dates of tickets; REACTIVATION_DUE_WORKING_DAYS sets a PBI-JK reactivation's, and
   * OFFICE_TIME_ZONE the office's clock (`zone`; unset here, derived from the service area at start).
   */
  tickets: TicketSettings;
}

export interface NotificationSettings extends DeliverySettings {
  /** SMTP_URL and SMTP_FROM: e-mail updates. */
  email: { url: string; from: string } | undefined;
  /** NOTIFY_WEBHOOK_URL and NOTIFY_WEBHOOK_SECRET: SMS/WhatsApp updates through a gateway. */
  webhook: { url: string; secret: string } | undefined;
  /** How often the delivery loop looks for due messages. */
  intervalSeconds: number;
}

/** A setting that is missing, malformed or unknown; the message names the variable. */
export class ConfigError extends Error {
  override name = 'ConfigError';
}

export function readConfig(env: NodeJS.ProcessEnv = process.env): Config {
  const unknown = unknownSettings(env);
  if (unknown.length > 0) throw new ConfigError(unknown.join('; '));
  const parsed = EnvSchema.safeParse(Object.fromEntries(Object.entries(env).filter(([, v]) => v !== '')));
  if (!parsed.success) {
    const problems = parsed.error.issues.map((i) => `${i.path.join('.')}: ${i.message}`).join('; ');
    throw new ConfigError(`Invalid environment: ${problems}`);
  }
  const e = parsed.data;
  const dataDir = path.resolve(e.DATA_DIR);
  const database = parseDatabaseUrl(e.DATABASE_URL, dataDir, e.DATABASE_POOL_SIZE);
  const secretKey = e.SECRET_KEY === undefined ? undefined : parseSecretKey(e.SECRET_KEY);
  if (database.engine === 'postgres' && !secretKey) {
    throw new ConfigError(
      'Invalid environment: SECRET_KEY is required when DATABASE_URL is PostgreSQL, and every app process must have the same one ' +
        `(make one with: node -e "console.log(require('crypto').randomBytes(32).toString('hex'))")`,
    );
  }
  return {
    port: e.PORT,
    host: e.HOST,
    dataDir,
    demoData: e.DEMO_DATA === '1',
    logLevel: e.LOG_LEVEL,
    trustProxy: e.TRUST_PROXY === '1',
    limits: {
      perClient: e.LIMIT_NIK_CHECKS_PER_CLIENT,
      perNik: e.LIMIT_CHECKS_PER_NIK,
      searchesPerClient: e.LIMIT_SEARCHES_PER_CLIENT,
      trackingPerClient: e.LIMIT_TRACKING_PER_CLIENT,
      trackingPerReference: e.LIMIT_TRACKING_PER_REFERENCE,
      submissionsPerClient: e.LIMIT_SUBMISSIONS_PER_CLIENT,
      windowSeconds: 600,
      proofCost: e.POW_COST,
      // Never below the normal cost; by default four times it (README, "Proof of work").
      hardProofCost: Math.max(e.POW_COST, e.POW_HARD_COST ?? e.POW_COST * 4),
    },
    database,
    secretKey,
    serviceArea: e.SERVICE_AREA,
    notifications: {
      email: parseEmailSettings(e.SMTP_URL, e.SMTP_FROM),
      webhook: parseWebhookSettings(e.NOTIFY_WEBHOOK_URL, e.NOTIFY_WEBHOOK_SECRET),
      maxAttempts: e.OUTBOX_MAX_ATTEMPTS,
      retrySeconds: e.OUTBOX_RETRY_SECONDS,
      intervalSeconds: e.OUTBOX_INTERVAL_SECONDS,
    },
    imports: {
      completeShare: e.IMPORT_COMPLETE_SHARE,
      largeEndingShare: e.IMPORT_LARGE_ENDING_SHARE,
      suspiciousFactor: e.IMPORT_SUSPICIOUS_FACTOR,
    },
    importTimings: e.IMPORT_TIMINGS === '1',
    attachmentSweepSeconds: e.ATTACHMENT_SWEEP_SECONDS,
    office: {
      name: e.OFFICE_NAME,
      privacyContact: e.OFFICE_PRIVACY_CONTACT,
      retentionDays: e.RETENTION_DAYS,
    },
    tickets: {
      ...DEFAULT_TICKET_SETTINGS,
      due: { ...DEFAULT_TICKET_SETTINGS.due, ...reactivationDue(e.REACTIVATION_DUE_WORKING_DAYS) },
      ...(e.OFFICE_TIME_ZONE ? { zone: OFFICE_ZONES[e.OFFICE_TIME_ZONE] } : {}),
    },
  };
}

/** `user@host` or `Name <user@host>`: what nodemailer takes as a From address. */
const FROM_ADDRESS = /^(?:[^<>\r\n]*<[^\s@<>]+@[^\s@<>]+\.[^\s@<>]+>|[^\s@<>]+@[^\s@<>]+\.[^\s@<>]+)$/;

function parseEmailSettings(
  url: string | undefined,
  from: string | undefined,
): NotificationSettings['email'] {
  if (url === undefined) {
    if (from !== undefined)
      throw new ConfigError('Invalid environment: SMTP_FROM is set but SMTP_URL is not');
    return undefined;
  }
  // Only the scheme is ever repeated: the rest may hold a password.
  const scheme = /^([a-z][a-z0-9+.-]*):/i.exec(url)?.[1]?.toLowerCase();
  let parsed: URL | undefined;
  try {
    parsed = new URL(url);
  } catch {
    parsed = undefined;
  }
  if ((scheme !== 'smtp' && scheme !== 'smtps') || !parsed?.hostname) {
    throw new ConfigError(
      `Invalid environment: SMTP_URL: write smtp://user:password@host:587 or smtps://user:password@host:465${scheme && scheme !== 'smtp' && scheme !== 'smtps' ? ` (got ${scheme}:)` : ''}`,
    );
  }
  if (from === undefined) {
    throw new ConfigError(
      'Invalid environment: SMTP_FROM is required with SMTP_URL, e.g. "Dinas Sosial <noreply@dinsos.example.go.id>"',
    );
  }
  if (!FROM_ADDRESS.test(from.trim())) {
    throw new ConfigError(
      'Invalid environment: SMTP_FROM: write an address, e.g. "Dinas Sosial <noreply@dinsos.example.go.id>"',
    );
  }
  return { url, from: from.trim() };
}

function parseWebhookSettings(
  url: string | undefined,
  secret: string | undefined,
): NotificationSettings['webhook'] {
  if (url === undefined) {
    if (secret !== undefined) {
      throw new ConfigError(
        'Invalid environment: NOTIFY_WEBHOOK_SECRET is set but NOTIFY_WEBHOOK_URL is not',
      );
    }
    return undefined;
  }
  let parsed: URL | undefined;
  try {
    parsed = new URL(url);
  } catch {
    parsed = undefined;
  }
  if (!parsed || (parsed.protocol !== 'https:' && parsed.protocol !== 'http:') || !parsed.hostname) {
    throw new ConfigError('Invalid environment: NOTIFY_WEBHOOK_URL: write https://gateway.example/path');
  }
  if (secret === undefined || secret.trim().length < 32) {
    throw new ConfigError(
      'Invalid environment: NOTIFY_WEBHOOK_SECRET of at least 32 characters is required with NOTIFY_WEBHOOK_URL, shared with the gateway ' +
        `(make one with: node -e "console.log(require('crypto').randomBytes(32).toString('hex'))")`,
    );
  }
  return { url, secret: secret.trim() };
}

/**
 * For entry points (`npm start`, the db CLIs): a bad setting is one line on stderr and exit
 * status 1, not a stack trace.
 */
export function readConfigOrExit(env: NodeJS.ProcessEnv = process.env): Config {
  try {
    return readConfig(env);
  } catch (error) {
    if ((error as Error | undefined)?.name !== 'ConfigError') throw error;
    console.error(`cek-bansos: ${(error as Error).message}`);
    process.exit(1);
  }
}

function parseDatabaseUrl(value: string | undefined, dataDir: string, poolSize: number): DatabaseSettings {
  if (value === undefined) return { engine: 'sqlite', file: databaseFile(dataDir) };
  const bad = (why: string) => new ConfigError(`Invalid environment: DATABASE_URL: ${why}`);
  const scheme = /^([a-z][a-z0-9+.-]*):/i.exec(value)?.[1]?.toLowerCase();
  if (scheme === 'sqlite') {
    let file = value.slice('sqlite:'.length);
    // sqlite:///var/lib/x.sqlite is the URL spelling of /var/lib/x.sqlite.
    if (file.startsWith('//')) {
      if (!file.startsWith('///')) throw bad('write sqlite:/absolute/path or sqlite:relative/path');
      file = file.slice(2);
    }
    if (file === '') throw bad('sqlite: needs a file path, e.g. sqlite:./data/cek-bansos.sqlite');
    if (file === ':memory:') throw bad('an in-memory database would lose everything on restart');
    return { engine: 'sqlite', file: path.resolve(file) };
  }
  if (scheme === 'postgres' || scheme === 'postgresql') {
    let url: URL;
    try {
      url = new URL(value);
    } catch {
      throw bad(`not a valid ${scheme}:// URL`);
    }
    if (!value.slice(scheme.length + 1).startsWith('//') || (!url.host && !url.searchParams.has('host'))) {
      throw bad(`write ${scheme}://user:password@host:5432/database`);
    }
    return { engine: 'postgres', url: value, poolSize };
  }
  // Only the scheme is repeated: the rest may be a password.
  throw bad(`must be sqlite:<path>, postgres://… or postgresql://…${scheme ? ` (got ${scheme}:)` : ''}`);
}

/** 64 hex digits, or base64 / base64url (at least 43 characters, not all hex) of 32 bytes or more. */
function parseSecretKey(raw: string): Buffer {
  const value = raw.trim();
  const bad = new ConfigError(
    'Invalid environment: SECRET_KEY must be 64 hex digits, or base64 of at least 32 random bytes ' +
      `(make one with: node -e "console.log(require('crypto').randomBytes(32).toString('hex'))")`,
  );
  if (/^[0-9a-f]+$/i.test(value)) {
    // Hex of another length is a key cut short or doubled when pasted, not base64.
    if (value.length !== 64) throw bad;
    return Buffer.from(value, 'hex');
  }
  const unpadded = value.replace(/={1,2}$/, '');
  const alphabet = /^[A-Za-z0-9+/]+$/.test(unpadded)
    ? 'base64'
    : /^[A-Za-z0-9_-]+$/.test(unpadded)
      ? 'base64url'
      : undefined;
  if (!alphabet || unpadded.length < 43 || unpadded.length % 4 === 1) throw bad;
  if (value !== unpadded && value.length % 4 !== 0) throw bad;
  const key = Buffer.from(unpadded, alphabet);
  // Node skips what it cannot decode; only a value that round-trips is the key it looks like.
  if (key.toString(alphabet).replace(/=+$/, '') !== unpadded || key.length < 32) throw bad;
  return key;
}

/**
 * Variables that look like a setting of ours but are not one: a typo of a known name (edit
 * distance ≤ 2, for names long enough that this is not chance: HOME is not a typo of HOST), or
 * an unknown name under one of our prefixes. Kubernetes service links are left alone.
 */
function unknownSettings(env: NodeJS.ProcessEnv): string[] {
  const problems: string[] = [];
  for (const [name, value] of Object.entries(env)) {
    if (value === undefined || KNOWN_SETTINGS.includes(name)) continue;
    if (isServiceLink(name, value)) continue;
    const upper = name.toUpperCase();
    const nearest = nearestSetting(upper);
    if (upper.length >= 6 && nearest.distance <= 2) {
      problems.push(`Unknown setting ${name} — did you mean ${nearest.name}?`);
    } else if (APP_PREFIXES.some((p) => upper.startsWith(p))) {
      problems.push(`Unknown setting ${name} — did you mean ${likelySetting(upper)}?`);
    }
  }
  return problems;
}

/** `<SERVICE>_SERVICE_HOST`, `<SERVICE>_PORT=tcp://…` and the like, put there by Kubernetes. */
function isServiceLink(name: string, value: string): boolean {
  if (/_SERVICE_(HOST|PORT)(_[A-Z0-9_]+)?$/.test(name)) return true;
  if (/_PORT_\d+_(TCP|UDP|SCTP)(_(PROTO|PORT|ADDR))?$/.test(name)) return true;
  return /_PORT$/.test(name) && /^(tcp|udp|sctp):\/\//.test(value);
}

/** The known name fewest edits away, among names long enough for a typo to be told from chance. */
function nearestSetting(upper: string): { name: string; distance: number } {
  let best = { name: '', distance: Number.POSITIVE_INFINITY };
  for (const known of KNOWN_SETTINGS) {
    if (known.length < 6) continue;
    const distance = editDistance(upper, known);
    if (distance < best.distance) best = { name: known, distance };
  }
  return best;
}

/** What an unknown name under our prefixes most likely meant. */
function likelySetting(upper: string): string {
  const bare = upper.startsWith('CEK_BANSOS_') ? upper.slice('CEK_BANSOS_'.length) : upper;
  // DATABASE_POOL means DATABASE_POOL_SIZE more than DATABASE_URL, though URL is fewer edits away.
  const rank = (known: string) =>
    (known.startsWith(bare) || bare.startsWith(known) ? 0 : 1000) + editDistance(bare, known);
  return [...KNOWN_SETTINGS].sort((a, b) => rank(a) - rank(b))[0] as string;
}

/** Levenshtein distance: insertions, deletions and substitutions of one character. */
export function editDistance(a: string, b: string): number {
  let previous = Array.from({ length: b.length + 1 }, (_, j) => j);
  for (let i = 1; i <= a.length; i++) {
    const current = [i];
    for (let j = 1; j <= b.length; j++) {
      const substitution = (previous[j - 1] as number) + (a[i - 1] === b[j - 1] ? 0 : 1);
      current.push(Math.min((previous[j] as number) + 1, (current[j - 1] as number) + 1, substitution));
    }
    previous = current;
  }
  return previous[b.length] as number;
}
