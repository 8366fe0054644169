import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { birthDateOf, composeNik, normaliseNumber, parseKk, parseNik } from '../../src/domain/nik/nik.ts';

const districts = new Set(['35.76.01', '35.76.02', '35.78.16']);
const exists = (code: string) => districts.has(code);
const today = new Date('2026-11-23T00:00:00Z');

describe('parseNik', () => {
  it('reads district, birth date, sex and serial of a man', () => {
    const r = parseNik('3576011203850002', exists, today);
    expect(r).toEqual({
      ok: true,
      value: {
        nik: '3576011203850002',
        districtCode: '35.76.01',
        birthDate: '1985-03-12',
        sex: 'L',
        serial: '0002',
      },
    });
  });

  it('subtracts 40 from the day for a woman', () => {
    const r = parseNik('3576025207920001', exists, today);
    expect(r.ok && r.value).toMatchObject({ birthDate: '1992-07-12', sex: 'P' });
  });

  it('takes 20xx for a child born after 2000 and 19xx when 20xx would be in the future', () => {
    const child = parseNik('3576010101150003', exists, today);
    expect(child.ok && child.value.birthDate).toBe('2015-01-01');
    const elder = parseNik('3576010101450003', exists, today);
    expect(elder.ok && elder.value.birthDate).toBe('1945-01-01');
  });

  it('accepts the spaces and dots people type between groups', () => {
    expect(parseNik('3576 0112 0385 0002', exists, today).ok).toBe(true);
    expect(parseNik('35.76.01.120385.0002', exists, today).ok).toBe(true);
  });

  it.each([
    ['', 'required'],
    ['   ', 'required'],
    ['123', 'format'],
    ['35760112038500021', 'format'],
    ['357601120385000A', 'format'],
    ['３５７６０１１２０３８５０００２', 'format'],
    ['9999011203850002', 'district_unknown'],
    ['3576991203850002', 'district_unknown'],
    ['3576013203850002', 'birth_date_invalid'],
    ['3576010013850002', 'birth_date_invalid'],
    ['3576013002850002', 'birth_date_invalid'],
    ['3576017202850002', 'birth_date_invalid'],
    ['3576010000850002', 'birth_date_invalid'],
    ['3576012902230002', 'birth_date_invalid'],
  ])('refuses %j with rule %s', (input, rule) => {
    expect(parseNik(input, exists, today)).toEqual({ ok: false, rule });
  });

  it('accepts 29 February only in a leap year of either century', () => {
    expect(parseNik('3576012902000002', exists, today).ok).toBe(true);
    expect(parseNik('3576012902960002', exists, today).ok).toBe(true);
  });
});

describe('parseKk', () => {
  it('needs 16 digits and a known district', () => {
    expect(parseKk('3576021506100001', exists)).toEqual({
      ok: true,
      value: { kk: '3576021506100001', districtCode: '35.76.02' },
    });
    expect(parseKk('', exists)).toEqual({ ok: false, rule: 'required' });
    expect(parseKk('35760215061000', exists)).toEqual({ ok: false, rule: 'format' });
    expect(parseKk('1111021506100001', exists)).toEqual({ ok: false, rule: 'district_unknown' });
  });
});

describe('NIK properties', () => {
  const birth = fc
    .date({
      min: new Date('1901-01-01T00:00:00Z'),
      max: new Date('2026-11-22T00:00:00Z'),
      noInvalidDate: true,
    })
    .map((d) => d.toISOString().slice(0, 10));
  const sex = fc.constantFrom('L' as const, 'P' as const);
  const district = fc.constantFrom(...districts);
  const serial = fc.integer({ min: 1, max: 9999 });

  it('composeNik → parseNik returns the same district, sex and day/month, and a date not in the future', () => {
    fc.assert(
      fc.property(district, birth, sex, serial, (d, b, s, n) => {
        const r = parseNik(composeNik(d, b, s, n), exists, today);
        expect(r.ok).toBe(true);
        if (!r.ok) return;
        expect(r.value.districtCode).toBe(d);
        expect(r.value.sex).toBe(s);
        expect(r.value.birthDate.slice(2)).toBe(b.slice(2));
        expect(r.value.birthDate <= '2026-11-23').toBe(true);
      }),
    );
  });

  it('never throws, and accepts only 16-digit strings', () => {
    fc.assert(
      fc.property(fc.string({ maxLength: 40 }), (raw) => {
        const r = parseNik(raw, exists, today);
        if (r.ok) expect(normaliseNumber(raw)).toMatch(/^\d{16}$/);
      }),
    );
  });

  it('a day outside 1–31 and 41–71 is never a birth date', () => {
    fc.assert(
      fc.property(
        fc.integer({ min: 0, max: 99 }).filter((d) => d === 0 || (d > 31 && d < 41) || d > 71),
        fc.integer({ min: 1, max: 12 }),
        fc.integer({ min: 0, max: 99 }),
        (day, month, year) => {
          const text = [day, month, year].map((n) => String(n).padStart(2, '0')).join('');
          expect(birthDateOf(text, today)).toBeNull();
        },
      ),
    );
  });
});
