// Issue 20 item 6, the pure part: a submission's fields and a data-quality finding's detail in
// words, in both languages, whatever the stored payload holds (every option of every form, HTML,
// `__proto__`, an object where a string belongs, a field nobody coded for).
import { describe, expect, it } from 'vitest';
import {
  attachmentPurpose,
  contactRows,
  submissionRows,
} from '../../src/components/back-office/submission-rows.ts';
import { ADUAN_PROBLEMS, ADUAN_PROGRAMS } from '../../src/domain/tickets/aduan-catalogue.ts';
import { SANGGAHAN_REASONS } from '../../src/domain/tickets/forms/sanggahan-form.ts';
import {
  ASSETS,
  MEMBER_RELATIONS,
  PKH_COMPONENTS,
  PROPOSER_TYPES,
  SOCIO_QUESTIONS,
} from '../../src/domain/tickets/forms/usulan-form.ts';
import { findingDetailText } from '../../src/i18n/finding-detail.ts';
import type { Locale } from '../../src/i18n/locale.ts';

const LOCALES: Locale[] = ['id', 'en'];
const CODE = /\b[a-z]+(?:_[a-z0-9]+)+\b/;
const context = (locale: Locale) => ({
  locale,
  villageName: (code: string) => (code === '35.76.02.1010' ? 'Wates' : undefined),
});

const usulan = {
  kind: 'usulan',
  proposer: 'rt_rw',
  proposer_name: 'Pak RT',
  head_nik: '3576021403680001',
  kk: '3576021205150001',
  head_name: 'SUGENG RIYADI',
  birth_date: '1968-03-14',
  sex: 'L',
  address: 'Jl. Mawar 3',
  rt: '008',
  rw: '004',
  village_code: '35.76.02.1010',
  members: [{ name: 'SITI', relation: 'istri_suami', birth_date: '1970-01-02', components: ['lansia_70'] }],
  head_components: ['disabilitas_berat'],
  socio: { floor_area: 'kurang_8', wall_material: 'bambu_rumbia', income_band: 'kurang_600rb' },
  assets: ['sepeda_motor'],
  consent: true,
};

describe('a submission in words', () => {
  it.each(LOCALES)('an usulan shows labels and options, no code, no true (%s)', (locale) => {
    const rows = submissionRows(usulan, context(locale));
    const text = rows.map((r) => `${r.label}: ${r.text}`).join('\n');
    expect(text).not.toMatch(CODE);
    expect(text).not.toMatch(/\btrue\b|\bfalse\b/);
    expect(text).toContain('Wates');
    expect(text).toContain(locale === 'id' ? 'Kurang dari 8 m²' : '8');
    expect(text).toContain(locale === 'id' ? '14 Maret 1968' : '14 March 1968');
    expect(rows.map((r) => r.label)).not.toContain('kind');
  });

  it('every option of every form has words in both languages', () => {
    const payloads: Record<string, unknown>[] = [
      ...PROPOSER_TYPES.map((proposer) => ({ proposer })),
      ...MEMBER_RELATIONS.map((relation) => ({ members: [{ name: 'A', relation }] })),
      { head_components: PKH_COMPONENTS, assets: ASSETS },
      ...Object.entries(SOCIO_QUESTIONS).flatMap(([q, values]) => values.map((v) => ({ socio: { [q]: v } }))),
      ...SANGGAHAN_REASONS.map((reason) => ({ reason })),
      ...ADUAN_PROGRAMS.map((program) => ({ program })),
      ...ADUAN_PROBLEMS.map((problem) => ({ problem })),
    ];
    for (const locale of LOCALES)
      for (const payload of payloads) {
        const text = submissionRows(payload, context(locale))
          .map((r) => `${r.label}: ${r.text}`)
          .join('\n');
        expect(text, JSON.stringify(payload)).not.toMatch(CODE);
        expect(text).not.toContain('Isian lain');
        expect(text).not.toContain('Other field');
      }
  });

  it('odd payloads: HTML stays text, __proto__ and objects give no code and no crash', () => {
    const odd = JSON.parse(
      '{"__proto__": {"polluted": 1}, "head_name": "<script>alert(1)</script>", "reason": {"a": "b"}, "sex": ["L"], "socio": "x", "members": "none", "mystery_field": {"deep": [1, null]}, "consent": "yes"}',
    ) as Record<string, unknown>;
    const rows = submissionRows(odd, context('id'));
    // Rendered by Astro as text: the script is shown, escaped, never run; here it is kept as typed.
    expect(rows.find((r) => r.label === 'Nama kepala keluarga')?.text).toBe('<script>alert(1)</script>');
    const text = rows.map((r) => `${r.label}: ${r.text}`).join('\n');
    expect(text).not.toMatch(CODE);
    expect(text).not.toContain('[object Object]');
    expect(text).toContain('Isian lain');
    expect(text).toContain('Persetujuan pemrosesan data pribadi: Tidak tercatat');
    expect(({} as Record<string, unknown>).polluted).toBeUndefined();
  });

  it('the contact as rows; an anonymous one has none', () => {
    expect(contactRows({ name: 'Rina', phone: '081234567890' }, 'id')).toEqual([
      { label: 'Nama', text: 'Rina' },
      { label: 'Nomor HP', text: '081234567890' },
    ]);
    expect(contactRows(null, 'en')).toEqual([]);
  });

  it('attachments by what they are', () => {
    expect(attachmentPurpose('foto_ktp', 'id')).toBe('Foto KTP kepala keluarga');
    expect(attachmentPurpose('lampiran_2', 'en')).toMatch(/2/);
    expect(attachmentPurpose('foto', 'id')).toBe('Foto pendukung');
    expect(attachmentPurpose('whatever_else', 'id')).toBe('Berkas');
  });
});

describe('a data-quality finding’s detail in words', () => {
  const place = (locale: Locale) => ({
    locale,
    placeName: (code: string) => ({ '35.76.01.1007': 'Kedundung', '35.76.02': 'Prajurit Kulon' })[code],
  });
  const cases: [Parameters<typeof findingDetailText>[0], string][] = [
    ['rejected_row', 'ditolak kolom=kode_desa alasan=outside_area'],
    ['nik_invalid', 'ditolak kolom=nik alasan=nik_format'],
    ['nik_invalid', 'district_unknown'],
    ['kk_invalid', 'birth_date_invalid'],
    ['name_variant', 'ejaan=2 jw=0.933'],
    ['name_variant', 'nama_berbeda=2'],
    ['same_person_two_niks', 'kk_dan_tanggal_lahir_sama nik=2 jw=0.988'],
    ['nik_district_mismatch', 'nik=35.76.01 alamat=35.76.02'],
    ['duplicate_in_list', 'program=PKH periode=2021-Q1 kali=2'],
    ['above_desil_ceiling', 'program=BPNT periode=2021-02 desil=6 batas=4'],
    ['period_dropped', 'program=PKH 2021-01→2021-02 desa=35.76.01.1007 alasan=belum_dicatat/tidak_ditemukan'],
    [
      'proven_objection_still_listed',
      'alasan=sudah_mampu terbukti=2021-02-01 masih=PKH 2021-02,BPNT 2021-Q1',
    ],
  ] as never;
  it.each(LOCALES)('no code, no key=value (%s)', (locale) => {
    for (const [rule, detail] of cases) {
      const text = findingDetailText(rule, detail, place(locale));
      expect(text, detail).not.toMatch(CODE);
      expect(text, detail).not.toMatch(/\b[a-z_]+=\S/);
    }
  });
  it('reads as the officer would say it', () => {
    expect(findingDetailText('name_variant' as never, 'ejaan=2 jw=0.933', place('id'))).toBe(
      'ejaan berbeda: 2 · kemiripan nama: 93%',
    );
    expect(
      findingDetailText('rejected_row' as never, 'ditolak kolom=kode_desa alasan=outside_area', place('id')),
    ).toMatch(/^Baris ditolak · kolom: kode desa · alasan: /);
    expect(
      findingDetailText(
        'period_dropped' as never,
        'program=PKH 2021-01→2021-02 desa=35.76.01.1007',
        place('id'),
      ),
    ).toContain('kelurahan/desa: Kedundung');
  });
});
