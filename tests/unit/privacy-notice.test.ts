// Who the privacy notice names as answering for the data: the office's own setting, else the
// Dinas Sosial of the regency it serves first, never a made-up contact.
import { describe, expect, it } from 'vitest';
import { dataController } from '../../src/domain/privacy/privacy-notice.ts';

const regions = {
  get: (code: string) =>
    code === '35.76' ? { code, name: 'KOTA MOJOKERTO', level: 2 as const, parentCode: '35' } : undefined,
};

describe('the data controller', () => {
  it('is the office as set, with its contact', () => {
    expect(
      dataController(
        { name: 'Dinas Sosial Kota Contoh', privacyContact: 'ppid@contoh.go.id' },
        { placelessDesk: '35.76' },
        regions,
      ),
    ).toEqual({ name: 'Dinas Sosial Kota Contoh', contact: 'ppid@contoh.go.id' });
  });

  it('unset, is the Dinas Sosial of the first regency served, in the words people write, with no contact', () => {
    expect(dataController({}, { placelessDesk: '35.76' }, regions)).toEqual({
      name: 'Dinas Sosial Kota Mojokerto',
      contact: null,
    });
    expect(dataController(undefined, { placelessDesk: null }, regions)).toEqual({
      name: 'Dinas Sosial',
      contact: null,
    });
    expect(dataController(undefined, { placelessDesk: '99.99' }, regions).name).toBe('Dinas Sosial');
  });
});
