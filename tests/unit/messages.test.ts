import { describe, expect, it } from 'vitest';
import { ERROR_CODES } from '../../src/domain/errors.ts';
import { MEMBERSHIP_STATUSES, SUSPENSION_REASONS } from '../../src/domain/programs.ts';
import { formatPeriod, isMessageKey, translate } from '../../src/i18n/messages.ts';

describe('messages', () => {
  it('has both languages for every status, suspension reason and error code', () => {
    const keys = [
      ...MEMBERSHIP_STATUSES.map((s) => `status.${s}`),
      ...MEMBERSHIP_STATUSES.filter((s) => s !== 'suspended').map((s) => `next.${s}`),
      ...SUSPENSION_REASONS.flatMap((r) => [`reason.${r}`, `next.suspended.${r}`]),
      ...ERROR_CODES.map((c) => `api.${c}`),
    ];
    for (const key of keys) {
      expect(isMessageKey(key), key).toBe(true);
      if (!isMessageKey(key)) continue;
      expect(translate('id', key)).not.toBe(translate('en', key));
    }
  });

  it('formats months and PKH stages', () => {
    expect(formatPeriod('id', '2020-12')).toBe('Desember 2020');
    expect(formatPeriod('en', '2020-Q4')).toBe('Stage 4 2020');
  });
});

describe('every message key the domain can emit', () => {
  it('has a translation (scanned from the source)', async () => {
    const { readFileSync, readdirSync } = await import('node:fs');
    const { join } = await import('node:path');
    const files = (dir: string): string[] =>
      readdirSync(dir, { withFileTypes: true }).flatMap((d) =>
        d.isDirectory() ? files(join(dir, d.name)) : [join(dir, d.name)],
      );
    const pattern =
      /['`]((?:field|contact|consent|usulan|sanggahan|attachment|ticket|lacak|nik|kk|region|name|program|period)\.[a-z_]+)(?:\?[^'`]*)?['`]/g;
    const missing = new Set<string>();
    // settings.ts keys due-date rules by `kind.status`, not messages.
    for (const file of files('src/domain').filter((f) => !f.endsWith('settings.ts'))) {
      for (const m of readFileSync(file, 'utf8').matchAll(pattern)) {
        if (!isMessageKey(m[1] as string)) missing.add(`${m[1]} (${file})`);
      }
    }
    expect([...missing]).toEqual([]);
  });
});
