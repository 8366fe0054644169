import { randomBytes } from 'node:crypto';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { editDistance, KNOWN_SETTINGS, readConfig } from '../../src/server/config.ts';

const HEX_KEY = 'a1'.repeat(32);
const PG = 'postgres://cek:s3cret-pass@db.internal:5432/cek_bansos';

/** The message readConfig throws for `env`, or '' when it accepts it. */
function refusal(env: Record<string, string>): string {
  try {
    readConfig(env);
    return '';
  } catch (error) {
    expect((error as Error).name).toBe('ConfigError');
    return (error as Error).message;
  }
}

describe('defaults', () => {
  it('an empty environment gives the documented defaults, SQLite under ./data and no secret key', () => {
    const config = readConfig({});
    expect(config).toMatchObject({
      port: 4321,
      host: '127.0.0.1',
      dataDir: path.resolve('data'),
      demoData: true,
      trustProxy: false,
      logLevel: 'info',
      limits: {
        perClient: 30,
        perNik: 10,
        searchesPerClient: 60,
        submissionsPerClient: 30,
        windowSeconds: 600,
        proofCost: 50_000,
        hardProofCost: 200_000,
      },
      database: { engine: 'sqlite', file: path.resolve('data', 'cek-bansos.sqlite') },
      secretKey: undefined,
    });
  });

  it('the SQLite file follows DATA_DIR; an empty value counts as unset', () => {
    const config = readConfig({ DATA_DIR: '/srv/cek', DATABASE_URL: '', DATABASE_POOL_SIZE: '' });
    expect(config.database).toEqual({ engine: 'sqlite', file: '/srv/cek/cek-bansos.sqlite' });
  });

  it('the existing settings are still checked', () => {
    expect(refusal({ PORT: '70000' })).toMatch(/^Invalid environment: PORT/);
    expect(refusal({ DEMO_DATA: 'yes' })).toMatch(/DEMO_DATA/);
  });
});

describe('ATTACHMENT_SWEEP_SECONDS', () => {
  it('sweeps orphan attachments every 10 minutes unless told otherwise, in whole seconds', () => {
    expect(readConfig({}).attachmentSweepSeconds).toBe(600);
    expect(readConfig({ ATTACHMENT_SWEEP_SECONDS: '60' }).attachmentSweepSeconds).toBe(60);
    expect(refusal({ ATTACHMENT_SWEEP_SECONDS: '0' })).toMatch(
      /^Invalid environment: ATTACHMENT_SWEEP_SECONDS/,
    );
    expect(refusal({ ATTACHMENT_SWEEP_SECONDS: '1.5' })).toMatch(/ATTACHMENT_SWEEP_SECONDS/);
    expect(refusal({ ATTACHMENT_SWEEP_SECOND: '60' })).toBe(
      'Unknown setting ATTACHMENT_SWEEP_SECOND — did you mean ATTACHMENT_SWEEP_SECONDS?',
    );
  });
});

describe('OFFICE_NAME and OFFICE_PRIVACY_CONTACT', () => {
  it('name the office on the privacy notice; unset, neither is invented; too long or misspelt is refused', () => {
    expect(readConfig({}).office).toEqual({ name: undefined, privacyContact: undefined });
    expect(
      readConfig({ OFFICE_NAME: '  Dinas Sosial Kota Contoh ', OFFICE_PRIVACY_CONTACT: 'ppid@contoh.go.id' })
        .office,
    ).toEqual({ name: 'Dinas Sosial Kota Contoh', privacyContact: 'ppid@contoh.go.id' });
    expect(refusal({ OFFICE_NAME: 'x'.repeat(121) })).toMatch(/^Invalid environment: OFFICE_NAME/);
    expect(refusal({ OFFICE_PRIVACY_CONTACT: ' ' })).toMatch(/OFFICE_PRIVACY_CONTACT/);
    expect(refusal({ OFFICE_PRIVACY_CONTAC: 'x' })).toBe(
      'Unknown setting OFFICE_PRIVACY_CONTAC — did you mean OFFICE_PRIVACY_CONTACT?',
    );
  });
});

describe('DATABASE_URL', () => {
  it('sqlite:<path> is a file, relative to the working directory or absolute', () => {
    expect(readConfig({ DATABASE_URL: 'sqlite:db/main.sqlite' }).database).toEqual({
      engine: 'sqlite',
      file: path.resolve('db/main.sqlite'),
    });
    expect(readConfig({ DATABASE_URL: 'sqlite:/var/lib/cek/x.sqlite' }).database).toEqual({
      engine: 'sqlite',
      file: '/var/lib/cek/x.sqlite',
    });
    expect(readConfig({ DATABASE_URL: 'sqlite:///var/lib/cek/x.sqlite' }).database).toEqual({
      engine: 'sqlite',
      file: '/var/lib/cek/x.sqlite',
    });
  });

  it('sqlite: without a usable file is refused', () => {
    expect(refusal({ DATABASE_URL: 'sqlite:' })).toMatch(/DATABASE_URL: sqlite: needs a file path/);
    expect(refusal({ DATABASE_URL: 'sqlite::memory:' })).toMatch(/DATABASE_URL: an in-memory database/);
    expect(refusal({ DATABASE_URL: 'sqlite://data/x.sqlite' })).toMatch(/DATABASE_URL: write sqlite:/);
  });

  it('postgres:// and postgresql:// with SECRET_KEY are PostgreSQL, with the pool size', () => {
    const config = readConfig({ DATABASE_URL: PG, SECRET_KEY: HEX_KEY, DATABASE_POOL_SIZE: '25' });
    expect(config.database).toEqual({ engine: 'postgres', url: PG, poolSize: 25 });
    expect(config.secretKey).toEqual(Buffer.from(HEX_KEY, 'hex'));
    const other = readConfig({ DATABASE_URL: 'postgresql://cek@localhost/cek_bansos', SECRET_KEY: HEX_KEY });
    expect(other.database).toEqual({
      engine: 'postgres',
      url: 'postgresql://cek@localhost/cek_bansos',
      poolSize: 10,
    });
  });

  it('PostgreSQL without SECRET_KEY does not start, and says which setting and how to make one', () => {
    const message = refusal({ DATABASE_URL: PG });
    expect(message).toMatch(/SECRET_KEY is required when DATABASE_URL is PostgreSQL/);
    expect(message).toContain('randomBytes(32)');
  });

  it('other schemes and malformed URLs are refused without repeating the password', () => {
    for (const url of [
      'mysql://cek:s3cret-pass@db/cek',
      'cek:s3cret-pass@db/cek',
      'postgres:s3cret-pass@db/cek',
      'postgres://',
      'http://db.internal/s3cret-pass',
    ]) {
      const message = refusal({ DATABASE_URL: url, SECRET_KEY: HEX_KEY });
      expect(message, url).toMatch(/^Invalid environment: DATABASE_URL: /);
      expect(message, url).not.toContain('s3cret-pass');
    }
    expect(refusal({ DATABASE_URL: 'mysql://x@y/z' })).toContain('(got mysql:)');
  });
});

describe('DATABASE_POOL_SIZE', () => {
  it.each(['0', '-1', '1.5', 'ten', 'Infinity'])('%s is refused by name', (size) => {
    expect(refusal({ DATABASE_URL: PG, SECRET_KEY: HEX_KEY, DATABASE_POOL_SIZE: size })).toMatch(
      /^Invalid environment: DATABASE_POOL_SIZE: must be a whole number of connections, 1 or more/,
    );
  });
});

describe('SECRET_KEY', () => {
  it('takes 64 hex digits, base64 and base64url of 32 bytes or more', () => {
    const bytes = randomBytes(32);
    for (const encoded of [
      bytes.toString('hex'),
      bytes.toString('hex').toUpperCase(),
      bytes.toString('base64'),
      bytes.toString('base64').replace(/=+$/, ''),
      bytes.toString('base64url'),
      `${bytes.toString('hex')}\n`,
    ]) {
      expect(readConfig({ SECRET_KEY: encoded }).secretKey, encoded).toEqual(bytes);
    }
    const long = randomBytes(48);
    expect(readConfig({ SECRET_KEY: long.toString('base64') }).secretKey).toEqual(long);
  });

  it('refuses short, malformed or mixed-alphabet keys, without repeating them', () => {
    const bytes = randomBytes(32);
    for (const key of [
      'changeme',
      'a1'.repeat(31), // 62 hex digits: 31 bytes
      'a0'.repeat(31), // would be 46 bytes read as base64
      'a1'.repeat(33), // 66 hex digits
      randomBytes(31).toString('base64'), // 44 characters, but 31 bytes
      `${bytes.toString('base64').slice(0, 20)}!${bytes.toString('base64').slice(21)}`,
      `${'Ab-_'.repeat(10)}Ab+/`, // - and _ with + and /
      `${bytes.toString('base64').replace(/=+$/, '')}==`, // padding that does not fit
      `${bytes.toString('base64').replace(/=+$/, '')}AA`, // 45 characters: 6 bits left over
      `${bytes.toString('base64').slice(0, 42)}B=`, // 43rd character with bits that padding drops
    ]) {
      const message = refusal({ SECRET_KEY: key });
      expect(message, key).toMatch(/^Invalid environment: SECRET_KEY must be 64 hex digits/);
      expect(message, key).not.toContain(key);
    }
  });
});

describe('unknown settings', () => {
  it.each([
    ['DATABSE_URL', 'DATABASE_URL'],
    ['LIMT_CHECKS_PER_NIK', 'LIMIT_CHECKS_PER_NIK'],
    ['DATA_DIRS', 'DATA_DIR'],
    ['LOGLEVEL', 'LOG_LEVEL'],
    ['TRUST_PROXIES', 'TRUST_PROXY'],
    ['SECRETKEY', 'SECRET_KEY'],
    ['database_url', 'DATABASE_URL'],
  ])('a typo, %s, is refused with the setting it is closest to', (typo, meant) => {
    expect(refusal({ [typo]: '1' })).toBe(`Unknown setting ${typo} — did you mean ${meant}?`);
  });

  it.each([
    ['DATABASE_POOL', 'DATABASE_POOL_SIZE'],
    ['DATABASE_PASSWORD', 'DATABASE_URL'],
    ['LIMIT_CHECKS', 'LIMIT_CHECKS_PER_NIK'],
    ['DEMO_HOUSEHOLDS', 'DEMO_DATA'],
    ['TRUST_PROXY_HOPS', 'TRUST_PROXY'],
    ['SECRET_KEY_FILE', 'SECRET_KEY'],
    ['CEK_BANSOS_PORT', 'PORT'],
    ['CEK_BANSOS_DATA_DIR', 'DATA_DIR'],
  ])('an unknown name under our prefixes, %s, is refused', (name, meant) => {
    expect(refusal({ [name]: '1' })).toBe(`Unknown setting ${name} — did you mean ${meant}?`);
  });

  it('names every unknown setting at once, even with an empty value, and before other problems', () => {
    expect(refusal({ DATABSE_URL: '', DEMO_MODE: '1', PORT: 'x' })).toBe(
      'Unknown setting DATABSE_URL — did you mean DATABASE_URL?; Unknown setting DEMO_MODE — did you mean DEMO_DATA?',
    );
  });

  it('a realistic environment starts: shell, npm, CI, proxies, containers and Kubernetes service links', () => {
    // The test runner's own environment, without any of our settings it may carry.
    const own = Object.fromEntries(
      Object.entries(process.env).filter(([k]) => !KNOWN_SETTINGS.includes(k)),
    ) as Record<string, string>;
    const env = {
      ...own,
      PATH: '/usr/local/bin:/usr/bin:/bin',
      HOME: '/home/cek',
      HOSTNAME: 'cek-bansos-7d9f',
      HOSTTYPE: 'x86_64',
      USER: 'cek',
      LOGNAME: 'cek',
      SHELL: '/bin/bash',
      PWD: '/srv/cek',
      OLDPWD: '/srv',
      LANG: 'C.UTF-8',
      LC_ALL: 'C.UTF-8',
      TERM: 'xterm',
      TMPDIR: '/tmp',
      TZ: 'Asia/Jakarta',
      NODE_ENV: 'production',
      NODE_OPTIONS: '--max-old-space-size=512',
      CI: 'true',
      GITHUB_ACTIONS: 'true',
      RUNNER_TEMP: '/tmp/runner',
      HTTP_PROXY: 'http://proxy:3128',
      HTTPS_PROXY: 'http://proxy:3128',
      NO_PROXY: 'localhost',
      PORTAL_X: '1',
      XDG_DATA_DIRS: '/usr/share',
      XDG_RUNTIME_DIR: '/run/user/1000',
      DEBUG: '',
      INIT_CWD: '/srv/cek',
      npm_config_loglevel: 'warn',
      npm_lifecycle_event: 'start',
      npm_package_name: 'cek-bansos',
      CEK_BANSOS_SERVICE_HOST: '10.0.0.11',
      CEK_BANSOS_SERVICE_PORT: '4321',
      CEK_BANSOS_SERVICE_PORT_HTTP: '4321',
      CEK_BANSOS_PORT: 'tcp://10.0.0.11:4321',
      CEK_BANSOS_PORT_4321_TCP: 'tcp://10.0.0.11:4321',
      CEK_BANSOS_PORT_4321_TCP_PROTO: 'tcp',
      CEK_BANSOS_PORT_4321_TCP_PORT: '4321',
      CEK_BANSOS_PORT_4321_TCP_ADDR: '10.0.0.11',
      DATABASE_SERVICE_HOST: '10.0.0.12',
      DATABASE_PORT: 'tcp://10.0.0.12:5432',
      KUBERNETES_SERVICE_HOST: '10.0.0.1',
      PORT: '8080',
      HOST: '0.0.0.0',
      DATABASE_URL: PG,
      SECRET_KEY: HEX_KEY,
    };
    const config = readConfig(env);
    expect(config.port).toBe(8080);
    expect(config.database.engine).toBe('postgres');
  });

  it('short names are not typos of PORT or HOST', () => {
    expect(refusal({ HOME: '/root', PWD: '/', POST: '1', HOSTS: 'a' })).toBe('');
  });
});

describe('editDistance', () => {
  it('counts insertions, deletions and substitutions', () => {
    expect(editDistance('', '')).toBe(0);
    expect(editDistance('', 'abc')).toBe(3);
    expect(editDistance('kitten', 'sitting')).toBe(3);
    expect(editDistance('DATABSE_URL', 'DATABASE_URL')).toBe(1);
    expect(editDistance('HTTPS_PROXY', 'TRUST_PROXY')).toBeGreaterThan(2);
  });
});

describe('SERVICE_AREA', () => {
  it('is a list of region codes, unset by default (then derived from the households)', () => {
    expect(readConfig({}).serviceArea).toBeUndefined();
    expect(readConfig({ SERVICE_AREA: '35.76, 35.78' }).serviceArea).toEqual(['35.76', '35.78']);
    expect(readConfig({ SERVICE_AREA: '35' }).serviceArea).toEqual(['35']);
  });

  it('refuses what is not a region code, and a misspelt name', () => {
    expect(refusal({ SERVICE_AREA: 'Mojokerto' })).toMatch(/SERVICE_AREA[.0-9]*: must be region codes/);
    expect(refusal({ SERVICE_AREA: '3576' })).toMatch(/SERVICE_AREA/);
    expect(refusal({ SERVICE_AREAS: '35.76' })).toMatch(/did you mean SERVICE_AREA/);
  });
});

describe('residents’ updates (SMTP_*, NOTIFY_*, OUTBOX_*)', () => {
  const SMTP = 'smtp://mailer:p4ss-w0rd@mail.dinsos.example.go.id:587';
  const FROM = 'Dinas Sosial <noreply@dinsos.example.go.id>';
  const HOOK_SECRET = 'b2'.repeat(20);

  it('without settings no channel is configured, and the retry settings have defaults', () => {
    expect(readConfig({}).notifications).toEqual({
      email: undefined,
      webhook: undefined,
      maxAttempts: 8,
      retrySeconds: 60,
      intervalSeconds: 15,
    });
  });

  it('reads both channels and the retry settings', () => {
    const config = readConfig({
      SMTP_URL: SMTP,
      SMTP_FROM: FROM,
      NOTIFY_WEBHOOK_URL: 'https://gateway.example/sms',
      NOTIFY_WEBHOOK_SECRET: HOOK_SECRET,
      OUTBOX_MAX_ATTEMPTS: '5',
      OUTBOX_RETRY_SECONDS: '30',
      OUTBOX_INTERVAL_SECONDS: '5',
    });
    expect(config.notifications).toEqual({
      email: { url: SMTP, from: FROM },
      webhook: { url: 'https://gateway.example/sms', secret: HOOK_SECRET },
      maxAttempts: 5,
      retrySeconds: 30,
      intervalSeconds: 5,
    });
    expect(
      readConfig({ SMTP_URL: 'smtps://mail.example:465', SMTP_FROM: 'noreply@x.example' }).notifications
        .email,
    ).toEqual({
      url: 'smtps://mail.example:465',
      from: 'noreply@x.example',
    });
  });

  it('refuses a half-configured or malformed channel without repeating a password or secret', () => {
    const problems = [
      refusal({ SMTP_URL: SMTP }),
      refusal({ SMTP_FROM: FROM }),
      refusal({ SMTP_URL: 'http://mailer:p4ss-w0rd@mail.example', SMTP_FROM: FROM }),
      refusal({ SMTP_URL: 'smtp://', SMTP_FROM: FROM }),
      refusal({ SMTP_URL: SMTP, SMTP_FROM: 'Dinas Sosial' }),
      refusal({ NOTIFY_WEBHOOK_URL: 'https://gateway.example/sms' }),
      refusal({ NOTIFY_WEBHOOK_URL: 'https://gateway.example/sms', NOTIFY_WEBHOOK_SECRET: 'short-s3cret' }),
      refusal({ NOTIFY_WEBHOOK_SECRET: HOOK_SECRET }),
      refusal({ NOTIFY_WEBHOOK_URL: 'ftp://gateway.example', NOTIFY_WEBHOOK_SECRET: HOOK_SECRET }),
      refusal({ OUTBOX_MAX_ATTEMPTS: '0' }),
      refusal({ OUTBOX_RETRY_SECONDS: 'soon' }),
    ];
    expect(problems.map((p) => /^Invalid environment: (\w+)/.exec(p)?.[1])).toEqual([
      'SMTP_FROM',
      'SMTP_FROM',
      'SMTP_URL',
      'SMTP_URL',
      'SMTP_FROM',
      'NOTIFY_WEBHOOK_SECRET',
      'NOTIFY_WEBHOOK_SECRET',
      'NOTIFY_WEBHOOK_SECRET',
      'NOTIFY_WEBHOOK_URL',
      'OUTBOX_MAX_ATTEMPTS',
      'OUTBOX_RETRY_SECONDS',
    ]);
    for (const problem of problems) {
      expect(problem).not.toContain('p4ss-w0rd');
      expect(problem).not.toContain('short-s3cret');
      expect(problem).not.toContain(HOOK_SECRET);
    }
  });

  it.each([
    ['SMTP_HOST', 'SMTP_URL'],
    ['NOTIFY_SECRET', 'NOTIFY_WEBHOOK_SECRET'],
    ['OUTBOX_RETRIES', 'OUTBOX_RETRY_SECONDS'],
  ])('an unknown name under the new prefixes, %s, is refused', (name, meant) => {
    expect(refusal({ [name]: '1' })).toBe(`Unknown setting ${name} — did you mean ${meant}?`);
  });
});
