// The usulan (proposal) form: who proposes, the household with its PKH components, and the
// socio-economic answers of DTKS field verification.
import { z } from 'zod';
import { parseKk, parseNik } from '../../nik/nik.ts';
import { PKH_YEARLY_INDEX, type PkhComponent } from '../../programs.ts';
import { birthDate, isCalendarDate } from './dates.ts';
import {
  blankToUndefined,
  consent,
  evenAfterFieldErrors,
  oneOf,
  optionalEmail,
  optionalPhone,
  optionalText,
  personName,
  text,
} from './fields.ts';

export const PROPOSER_TYPES = ['sendiri', 'rt_rw', 'warga_lain'] as const;
export const PKH_COMPONENTS = Object.keys(PKH_YEARLY_INDEX) as PkhComponent[];
export const MEMBER_RELATIONS = ['istri_suami', 'anak', 'orang_tua', 'menantu', 'cucu', 'lainnya'] as const;

/** The answers DTKS field verification records (Permensos 3/2021 indicators, simplified). */
export const SOCIO_QUESTIONS = {
  floor_area: ['kurang_8', '8_sampai_15', 'lebih_15'],
  floor_material: ['tanah', 'bambu', 'kayu_murah', 'semen', 'keramik'],
  wall_material: ['bambu_rumbia', 'kayu_murah', 'tembok_tanpa_plester', 'tembok'],
  roof_material: ['ijuk_rumbia', 'seng_asbes', 'genteng', 'beton'],
  drinking_water: ['sumur_tidak_terlindung', 'mata_air_sungai', 'sumur_terlindung', 'pdam', 'air_kemasan'],
  lighting: ['bukan_listrik', 'listrik_450', 'listrik_900', 'listrik_lebih_900'],
  cooking_fuel: ['kayu_arang', 'minyak_tanah', 'gas_3kg', 'gas_besar_listrik'],
  sanitation: ['tidak_ada', 'bersama', 'sendiri'],
  head_occupation: [
    'tidak_bekerja',
    'buruh_harian',
    'petani_nelayan',
    'pedagang_kecil',
    'karyawan',
    'lainnya',
  ],
  income_band: ['kurang_600rb', '600rb_1jt', '1jt_2jt', 'lebih_2jt'],
} as const;
export const ASSETS = ['sepeda_motor', 'emas_500rb', 'ternak', 'tanah_lain', 'kulkas', 'tidak_ada'] as const;
export const MAX_MEMBERS = 12;

export type SocioQuestion = keyof typeof SOCIO_QUESTIONS;

const socio = z.object(
  Object.fromEntries(
    Object.entries(SOCIO_QUESTIONS).map(([q, values]) => [
      q,
      oneOf(values as unknown as [string, ...string[]]),
    ]),
  ) as {
    [Q in SocioQuestion]: z.ZodEnum<{ [V in (typeof SOCIO_QUESTIONS)[Q][number]]: V }>;
  },
);

export interface UsulanContext {
  districtExists: (code: string) => boolean;
  today: Date;
}

export function usulanSchema(ctx: UsulanContext) {
  const member = z.object({
    name: personName,
    relation: oneOf(MEMBER_RELATIONS),
    birth_date: z.preprocess(blankToUndefined, birthDate(ctx.today).optional()),
    components: z
      .array(oneOf(PKH_COMPONENTS as [PkhComponent, ...PkhComponent[]]))
      .max(7)
      .default([]),
  });

  return (
    z
      .object({
        proposer: oneOf(PROPOSER_TYPES),
        proposer_name: z.preprocess(blankToUndefined, personName.optional()),
        proposer_relation: optionalText(60),
        head_nik: z.string({ error: 'nik.required' }).max(64, { error: 'nik.format' }),
        kk: z.string({ error: 'kk.required' }).max(64, { error: 'kk.format' }),
        head_name: personName,
        birth_date: birthDate(ctx.today),
        sex: oneOf(['L', 'P'] as const),
        address: text({ max: 200, min: 5 }),
        rt: z.string({ error: 'field.required' }).regex(/^\d{1,3}$/, { error: 'field.rt_rw_format' }),
        rw: z.string({ error: 'field.required' }).regex(/^\d{1,3}$/, { error: 'field.rt_rw_format' }),
        village_code: z.string({ error: 'region.not_village' }).max(20),
        phone: optionalPhone,
        email: optionalEmail,
        members: z
          .array(member)
          .max(MAX_MEMBERS, { error: `usulan.too_many_members?max=${MAX_MEMBERS}` })
          .default([]),
        head_components: z
          .array(oneOf(PKH_COMPONENTS as [PkhComponent, ...PkhComponent[]]))
          .max(7)
          .default([]),
        socio,
        assets: z.array(oneOf(ASSETS)).max(ASSETS.length).default([]),
        consent,
      })
      // Runs even when other fields failed (`evenAfterFieldErrors`), so one submission reports every
      // error at once instead of revealing the cross-field ones only after the rest is right. The
      // value may then be partly unparsed: every rule checks the type of what it reads.
      .superRefine(
        (u, issue) => crossFieldIssues(u as Record<string, unknown>, ctx, issue),
        evenAfterFieldErrors,
      )
      .transform((u) => ({
        ...u,
        head_nik: parseNik(u.head_nik, ctx.districtExists, ctx.today).ok
          ? u.head_nik.replace(/[\s.-]/g, '')
          : u.head_nik,
        kk: u.kk.replace(/[\s.-]/g, ''),
      }))
  );
}

type Issues = { addIssue: (issue: { code: 'custom'; path: string[]; message: string }) => void };

function crossFieldIssues(u: Record<string, unknown>, ctx: UsulanContext, issue: Issues) {
  const add = (path: string, message: string) => issue.addIssue({ code: 'custom', path: [path], message });
  const blank = (v: unknown) => typeof v !== 'string' || v.trim() === '';
  const nik =
    typeof u.head_nik === 'string' ? parseNik(u.head_nik, ctx.districtExists, ctx.today) : undefined;
  if (nik && !nik.ok) add('head_nik', `nik.${nik.rule}`);
  if (typeof u.kk === 'string') {
    const kk = parseKk(u.kk, ctx.districtExists);
    if (!kk.ok) add('kk', `kk.${kk.rule}`);
  }
  if (nik?.ok) {
    // Only a real date can differ from the NIK's; a malformed one has its own message.
    if (
      typeof u.birth_date === 'string' &&
      isCalendarDate(u.birth_date.trim()) &&
      nik.value.birthDate !== u.birth_date.trim()
    )
      add('birth_date', 'usulan.birth_date_mismatch');
    if ((u.sex === 'L' || u.sex === 'P') && nik.value.sex !== u.sex) add('sex', 'usulan.sex_mismatch');
  }
  if ((u.proposer === 'rt_rw' || u.proposer === 'warga_lain') && blank(u.proposer_name))
    add('proposer_name', 'field.required');
  if (u.proposer === 'warga_lain' && blank(u.proposer_relation)) add('proposer_relation', 'field.required');
  if (Array.isArray(u.assets) && u.assets.includes('tidak_ada') && u.assets.length > 1)
    add('assets', 'usulan.assets_none_and_some');
}

export type UsulanInput = z.infer<ReturnType<typeof usulanSchema>>;

// ── Sanggah desil: an usulan whose purpose is to dispute a household's desil (decision 0031) ──

/** The facts BPS works a desil out from, which a resident may say are wrong (issue 19). */
export const DESIL_FACTS = ['pekerjaan', 'rumah', 'aset', 'anggota', 'lainnya'] as const;
export type DesilFact = (typeof DESIL_FACTS)[number];
/** Room for "what is true now" in a sentence or three; the field visit checks the rest. */
export const DESIL_FACT_TEXT_MAX = 500;

const factTexts = z
  .object(
    Object.fromEntries(DESIL_FACTS.map((f) => [f, optionalText(DESIL_FACT_TEXT_MAX)])) as {
      [F in DesilFact]: ReturnType<typeof optionalText>;
    },
    { error: 'field.invalid' },
  )
  .default({});

/** A desil as the resident read it on Cek status: 1–10, typed or sent as a number; blank is none. */
const desilSeen = z.preprocess(
  (v) =>
    v === null ? undefined : typeof v === 'string' ? (v.trim() === '' ? undefined : Number(v.trim())) : v,
  z
    .number({ error: 'sanggah_desil.desil_seen_range' })
    .int({ error: 'sanggah_desil.desil_seen_range' })
    .min(1, { error: 'sanggah_desil.desil_seen_range' })
    .max(10, { error: 'sanggah_desil.desil_seen_range' })
    .optional(),
);

export function desilDisputeSchema(ctx: UsulanContext) {
  return z
    .object({
      purpose: z.literal('sanggah_desil', { error: 'field.choose' }),
      head_nik: z.string({ error: 'nik.required' }).max(64, { error: 'nik.format' }),
      kk: z.string({ error: 'kk.required' }).max(64, { error: 'kk.format' }),
      desil_seen: desilSeen,
      facts: z
        .array(oneOf(DESIL_FACTS), { error: 'sanggah_desil.no_fact' })
        .max(DESIL_FACTS.length * 2, { error: 'field.invalid' })
        .default([]),
      fact_now: factTexts,
      contact_name: z.preprocess(blankToUndefined, personName.optional()),
      phone: optionalPhone,
      email: optionalEmail,
      consent,
    })
    .superRefine((d, issue) => disputeIssues(d as Record<string, unknown>, ctx, issue), evenAfterFieldErrors)
    .transform((d) => {
      const facts = DESIL_FACTS.filter((f) => d.facts.includes(f));
      return {
        ...d,
        head_nik: d.head_nik.replace(/[\s.-]/g, ''),
        kk: d.kk.replace(/[\s.-]/g, ''),
        facts,
        // Only what was said of a chosen fact: a text left behind an unticked box is no claim.
        fact_now: Object.fromEntries(facts.map((f) => [f, d.fact_now[f] ?? ''])) as Partial<
          Record<DesilFact, string>
        >,
      };
    });
}

function disputeIssues(d: Record<string, unknown>, ctx: UsulanContext, issue: Issues) {
  const add = (path: string[], message: string) => issue.addIssue({ code: 'custom', path, message });
  if (typeof d.head_nik === 'string') {
    const nik = parseNik(d.head_nik, ctx.districtExists, ctx.today);
    if (!nik.ok) add(['head_nik'], `nik.${nik.rule}`);
  }
  if (typeof d.kk === 'string') {
    const kk = parseKk(d.kk, ctx.districtExists);
    if (!kk.ok) add(['kk'], `kk.${kk.rule}`);
  }
  const facts = Array.isArray(d.facts)
    ? d.facts.filter((f): f is DesilFact => (DESIL_FACTS as readonly unknown[]).includes(f))
    : [];
  if (Array.isArray(d.facts) && d.facts.length === 0) add(['facts'], 'sanggah_desil.no_fact');
  const texts = d.fact_now && typeof d.fact_now === 'object' ? (d.fact_now as Record<string, unknown>) : null;
  if (!texts) return;
  for (const fact of facts) {
    const said = texts[fact];
    if (said === undefined || (typeof said === 'string' && said.trim() === ''))
      add(['fact_now', fact], 'field.required');
  }
}

export type DesilDisputeInput = z.infer<ReturnType<typeof desilDisputeSchema>>;
