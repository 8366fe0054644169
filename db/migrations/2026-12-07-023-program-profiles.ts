// Programs are data an office edits (issue 19): what a program gives, how its periods run, its
// desil ceiling, channel, the programs it excludes, its benefit amounts, the words residents read
// on /kriteria and the aliases a list's program column may use. A regency's own program (APBD)
// carries the regency's code and is kept by that regency's Dinas Sosial; the national ones carry
// none and are kept by the admin. Lists are JSON text on both engines: they are read whole, with
// the profile, and never queried inside.
import type { Kysely } from 'kysely';
import type { Ddl } from './ddl.ts';

interface Seed {
  name: string;
  name_en: string;
  benefit: string;
  period_kind: string;
  channel_id: string;
  channel_en: string;
  excludes: string[];
  aliases: string[];
  amounts: { label_id: string; label_en: string; amount: number }[];
  criteria_id: string;
  criteria_en: string;
  desil_ceiling?: number;
}

const pkhStage = (label_id: string, label_en: string, yearly: number) => ({
  label_id,
  label_en,
  amount: yearly / 4,
});

const SEEDS: Record<string, Seed> = {
  BPNT: {
    name: 'BPNT / Sembako',
    name_en: 'BPNT / Sembako (food aid)',
    benefit: 'food_credit',
    period_kind: 'month',
    channel_id: 'Kartu Keluarga Sejahtera (KKS), dibelanjakan di e-Warong',
    channel_en: 'The KKS card, spent at an e-Warong',
    excludes: [],
    aliases: ['SEMBAKO', 'BANSOS SEMBAKO', 'BANTUAN PANGAN NON TUNAI'],
    amounts: [{ label_id: 'Per bulan (2020)', label_en: 'Per month (2020)', amount: 200_000 }],
    criteria_id: 'Bantuan pangan untuk keluarga miskin, dibelanjakan bahan pangan di e-Warong.',
    criteria_en: 'Food aid for poor households, spent on food at an e-Warong.',
  },
  PKH: {
    name: 'Program Keluarga Harapan (PKH)',
    name_en: 'Family Hope Program (PKH)',
    benefit: 'cash',
    period_kind: 'stage',
    channel_id: 'Bank penyalur (Himbara) ke rekening KKS',
    channel_en: 'The paying state bank, to the KKS account',
    excludes: [],
    aliases: ['PROGRAM KELUARGA HARAPAN'],
    amounts: [
      pkhStage('Ibu hamil', 'Pregnancy', 3_000_000),
      pkhStage('Anak usia dini (0–6 tahun)', 'Early childhood (0–6)', 3_000_000),
      pkhStage('Anak sekolah SD', 'Primary school child', 900_000),
      pkhStage('Anak sekolah SMP', 'Junior high school child', 1_500_000),
      pkhStage('Anak sekolah SMA', 'Senior high school child', 2_000_000),
      pkhStage('Lanjut usia 70 tahun ke atas', 'Elderly, 70 and over', 2_400_000),
      pkhStage('Penyandang disabilitas berat', 'Severe disability', 2_400_000),
    ],
    criteria_id:
      'Bantuan tunai bersyarat, disalurkan per tahap (Januari, April, Juli, Oktober). Besaran tergantung komponen keluarga, paling banyak 4 komponen; jumlah di bawah adalah per tahap.',
    criteria_en:
      'Conditional cash, paid in stages (January, April, July, October). The amount depends on the household’s components, at most 4; the amounts below are per stage.',
  },
  BST: {
    name: 'Bantuan Sosial Tunai (BST)',
    name_en: 'Social Cash Assistance (BST)',
    benefit: 'cash',
    period_kind: 'month',
    channel_id: 'PT Pos Indonesia',
    channel_en: 'PT Pos Indonesia (post office)',
    excludes: ['BPNT', 'PKH'],
    aliases: ['BANTUAN SOSIAL TUNAI'],
    amounts: [
      { label_id: 'April–Juni 2020, per bulan', label_en: 'April–June 2020, a month', amount: 600_000 },
      { label_id: 'Sesudahnya, per bulan', label_en: 'After that, a month', amount: 300_000 },
    ],
    criteria_id: 'Bantuan tunai masa pandemi untuk keluarga yang tidak menerima PKH atau BPNT.',
    criteria_en: 'Pandemic cash for households that receive neither PKH nor BPNT.',
  },
  'PBI-JK': {
    name: 'PBI Jaminan Kesehatan (KIS)',
    name_en: 'Health insurance premium assistance (PBI-JK / KIS)',
    benefit: 'premium',
    period_kind: 'month',
    channel_id: 'BPJS Kesehatan (kartu KIS)',
    channel_en: 'BPJS Kesehatan (the KIS card)',
    excludes: [],
    aliases: ['PBI', 'PBI JK', 'KIS', 'PBI-JKN'],
    amounts: [],
    criteria_id:
      'Iuran BPJS Kesehatan dibayar pemerintah. Kepesertaan yang dinonaktifkan dapat diaktifkan kembali lewat operator kelurahan dengan surat keterangan dari fasilitas kesehatan.',
    criteria_en:
      'The government pays the BPJS Kesehatan premium. A deactivated membership can be reactivated through the village operator with a letter from a health facility.',
  },
  PIP: {
    name: 'Program Indonesia Pintar (PIP)',
    name_en: 'Smart Indonesia Program (PIP)',
    benefit: 'cash',
    period_kind: 'year',
    channel_id: 'Rekening siswa di bank penyalur',
    channel_en: 'The pupil’s account at the paying bank',
    excludes: [],
    aliases: ['KIP', 'PROGRAM INDONESIA PINTAR'],
    amounts: [],
    criteria_id: 'Bantuan pendidikan untuk anak sekolah dari keluarga miskin.',
    criteria_en: 'School aid for children of poor households.',
  },
  KKS: {
    name: 'Kartu Keluarga Sejahtera (KKS)',
    name_en: 'Family Welfare Card (KKS)',
    benefit: 'card',
    period_kind: 'once',
    channel_id: 'Bank penyalur (Himbara)',
    channel_en: 'The paying state bank',
    excludes: [],
    aliases: ['KARTU KELUARGA SEJAHTERA'],
    amounts: [],
    criteria_id: 'Kartu untuk menerima bantuan non tunai.',
    criteria_en: 'The card through which non-cash aid is received.',
  },
  ATENSI: {
    name: 'Asistensi Rehabilitasi Sosial (ATENSI)',
    name_en: 'Social Rehabilitation Assistance (ATENSI)',
    benefit: 'service',
    period_kind: 'once',
    channel_id: 'Sentra/balai Kementerian Sosial dan pekerja sosial',
    channel_en: 'The ministry’s centres and social workers',
    excludes: [],
    aliases: ['ASISTENSI REHABILITASI SOSIAL'],
    amounts: [],
    criteria_id:
      'Layanan dan bantuan untuk anak, lansia, penyandang disabilitas dan korban bencana atau kekerasan, sesudah asesmen oleh pekerja sosial.',
    criteria_en:
      'Services and aid for children, the elderly, people with disabilities and victims of disaster or violence, after an assessment by a social worker.',
    desil_ceiling: 5,
  },
};

export async function up(db: Kysely<any>, ddl: Ddl): Promise<void> {
  await db.schema.alterTable('programs').addColumn('name_en', 'varchar(120)').execute();
  // Defaults only so that the existing rows take the column; every row is written just below.
  const required: [string, 'varchar(12)' | 'varchar(200)' | 'text', string][] = [
    ['benefit', 'varchar(12)', 'cash'],
    ['channel_id', 'varchar(200)', ''],
    ['channel_en', 'varchar(200)', ''],
    ['excludes', 'text', '[]'],
    ['aliases', 'text', '[]'],
    ['amounts', 'text', '[]'],
    ['criteria_id', 'text', ''],
    ['criteria_en', 'text', ''],
  ];
  for (const [name, type, fallback] of required)
    await db.schema
      .alterTable('programs')
      .addColumn(name, type, (c) => c.notNull().defaultTo(fallback))
      .execute();
  await db.schema.alterTable('programs').addColumn('active_from', 'varchar(10)').execute();
  await db.schema.alterTable('programs').addColumn('active_to', 'varchar(10)').execute();
  // Null: a national program, kept by the admin; else the regency whose Dinas Sosial keeps it.
  await db.schema.alterTable('programs').addColumn('region_code', 'varchar(13)').execute();
  await db.schema.alterTable('programs').addColumn('updated_at', ddl.timestamp).execute();

  for (const [code, seed] of Object.entries(SEEDS)) {
    const values = {
      name: seed.name,
      name_en: seed.name_en,
      benefit: seed.benefit,
      period_kind: seed.period_kind,
      channel_id: seed.channel_id,
      channel_en: seed.channel_en,
      excludes: JSON.stringify(seed.excludes),
      aliases: JSON.stringify(seed.aliases),
      amounts: JSON.stringify(seed.amounts),
      criteria_id: seed.criteria_id,
      criteria_en: seed.criteria_en,
    };
    const updated = await db.updateTable('programs').set(values).where('code', '=', code).executeTakeFirst();
    if (Number(updated.numUpdatedRows) === 0)
      await db
        .insertInto('programs')
        .values({ code, ...values, desil_ceiling: seed.desil_ceiling ?? null })
        .execute();
  }
}
