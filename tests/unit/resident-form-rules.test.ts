// The resident forms' rules as a resident meets them: every error of a submission at once (issue
// 11.5), dates as printed on the KTP and only real, past dates (11.6), and messages that name
// their field (11.4).
import { describe, expect, it } from 'vitest';
import { composeNik } from '../../src/domain/nik/nik.ts';
import { aduanSchema } from '../../src/domain/tickets/forms/aduan-form.ts';
import { isCalendarDate, residentDateToIso } from '../../src/domain/tickets/forms/dates.ts';
import { fieldErrorsFrom } from '../../src/domain/tickets/forms/fields.ts';
import { usulanSchema } from '../../src/domain/tickets/forms/usulan-form.ts';
import { translatorFor } from '../../src/i18n/page-helpers.ts';
import { usulanBody } from '../support/ticket-fixtures.ts';

const ctx = { districtExists: () => true, today: new Date('2026-11-23T03:00:00Z') };
const errorsOf = (raw: unknown) => {
  const parsed = usulanSchema(ctx).safeParse(raw);
  return parsed.success ? {} : fieldErrorsFrom(parsed.error);
};

describe('usulan reports every error of a submission at once', () => {
  it('an empty submission names the NIK and the KK with everything else', () => {
    // As the page sends it: every field present and empty.
    const errors = errorsOf({
      proposer: '',
      proposer_name: '',
      head_nik: '',
      kk: '',
      head_name: '',
      birth_date: '',
      rt: '',
      socio: { floor_material: '' },
      assets: [],
      consent: '',
    });
    expect(errors).toMatchObject({
      proposer: 'field.choose',
      head_nik: 'nik.required',
      kk: 'kk.required',
      head_name: 'field.required',
      birth_date: 'field.required',
      'socio.floor_material': 'field.choose',
      consent: 'consent.required',
    });
  });

  it('a bad NIK is named in the same round as the other mistakes', () => {
    const errors = errorsOf({ ...usulanBody(), head_nik: '12345', head_name: '' });
    expect(errors).toEqual({ head_nik: 'nik.format', head_name: 'field.required' });
  });

  it('an RT/RW proposer hears of the missing name, the sex, the birth date and "Tidak ada" with the rest', () => {
    const nik = composeNik('35.76.01', '1985-07-21', 'P', 4242);
    const errors = errorsOf({
      ...usulanBody(),
      proposer: 'rt_rw',
      proposer_name: '',
      head_nik: nik,
      birth_date: '1985-07-22',
      sex: 'L',
      assets: ['tidak_ada', 'kulkas'],
      address: 'x',
    });
    expect(errors).toEqual({
      address: 'field.too_short?min=5',
      proposer_name: 'field.required',
      birth_date: 'usulan.birth_date_mismatch',
      sex: 'usulan.sex_mismatch',
      assets: 'usulan.assets_none_and_some',
    });
  });

  it('a body that is not an object is refused without a crash', () => {
    for (const raw of [null, 'x', [1, 2], 42]) expect(Object.keys(errorsOf(raw))).not.toHaveLength(0);
  });

  it('aduan names a bad NIK together with a missing story and a bad phone', () => {
    const parsed = aduanSchema(ctx).safeParse({
      program: 'BPNT',
      problem: 'kks_terblokir',
      nik: '123',
      description: '',
      contact: { name: '', phone: 'abc' },
      consent: true,
    });
    expect(parsed.success).toBe(false);
    if (parsed.success) return;
    expect(fieldErrorsFrom(parsed.error)).toEqual({
      nik: 'nik.format',
      description: 'field.required',
      'contact.phone': 'contact.phone_format',
      'contact.name': 'field.required',
    });
  });
});

describe('dates as residents write them', () => {
  it.each([
    ['21-07-1985', '1985-07-21'],
    ['21/07/1985', '1985-07-21'],
    ['1-7-1985', '1985-07-01'],
    [' 1985-07-21 ', '1985-07-21'],
    ['21 Juli 1985', '21 Juli 1985'],
  ])('%s on a page is read as %s', (typed, iso) => {
    expect(residentDateToIso(typed)).toBe(iso);
  });

  it.each([
    ['1948-02-30', 'field.date_impossible'],
    ['2023-02-29', 'field.date_impossible'],
    ['1985-13-01', 'field.date_impossible'],
    ['2031-01-01', 'field.date_future'],
    ['2026-11-24', 'field.date_future'],
    ['1850-01-01', 'field.date_too_early'],
    ['21-07-1985', 'field.date_format'],
  ])('%s is refused with %s, for the head and for every member', (date, rule) => {
    const body = usulanBody();
    const errors = errorsOf({
      ...body,
      birth_date: date,
      members: [{ name: 'Sumarni', relation: 'istri_suami', birth_date: date, components: [] }],
    });
    expect(errors.birth_date).toBe(rule);
    expect(errors['members.0.birth_date']).toBe(rule);
  });

  it('a leap day that exists and today in Jakarta are taken', () => {
    expect(isCalendarDate('2024-02-29')).toBe(true);
    // 03:00 UTC on the 23rd is 10:00 in Jakarta: the 23rd is today, not the future.
    const errors = errorsOf({
      ...usulanBody(),
      members: [{ name: 'Bayi', relation: 'anak', birth_date: '2026-11-23', components: [] }],
    });
    expect(errors).toEqual({});
  });
});

describe('every message names its field', () => {
  const id = translatorFor('id');
  const en = translatorFor('en');
  it.each([
    [
      'usulan',
      'socio.floor_material',
      'field.choose',
      'Pilih bahan lantai terluas.',
      'Choose the main floor material.',
    ],
    [
      'usulan',
      'head_name',
      'field.required',
      'Isi nama kepala keluarga.',
      'Enter the name of the head of household.',
    ],
    [
      'usulan',
      'head_nik',
      'nik.required',
      'Isi NIK kepala keluarga.',
      'Enter the NIK of the head of household.',
    ],
    [
      'usulan',
      'members.1.birth_date',
      'field.date_impossible',
      'Tanggal lahir anggota 3 tidak ada di kalender. Periksa hari dan bulannya.',
      'The birth date of member 3 is not a real date. Check the day and the month.',
    ],
    [
      'usulan',
      'address',
      'field.too_short?min=5',
      'Alamat terlalu pendek: minimal 5 karakter.',
      'The address is too short: at least 5 characters.',
    ],
    [
      'aduan',
      'lampiran_2',
      'attachment.too_large',
      'Lampiran 2: Berkas lebih dari 5 MB. Perkecil foto lalu pilih lagi.',
      'Attachment 2: The file is over 5 MB. Make the photo smaller and choose it again.',
    ],
    [
      'sanggahan',
      'reason',
      'field.choose',
      'Pilih alasan sanggahan.',
      'Choose the reason for the objection.',
    ],
    [
      'lacak',
      'reason',
      'field.required',
      'Isi alasan masalah belum selesai.',
      'Enter why the problem is not solved.',
    ],
    ['aduan', 'contact.name', 'field.required', 'Isi nama Anda.', 'Enter your name.'],
  ])('%s %s %s', (form, field, key, inId, inEn) => {
    expect(id.field(form, field, key)).toBe(inId);
    expect(en.field(form, field, key)).toBe(inEn);
  });

  it('a message that already names its field stands as it is', () => {
    expect(id.field('usulan', 'sex', 'usulan.sex_mismatch')).toBe(id('usulan.sex_mismatch'));
    expect(id.field('usulan', 'consent', 'consent.required')).toBe(id('consent.required'));
  });
});
