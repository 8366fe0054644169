// A household not on any list, as a resident would type it into the usulan form.
import { composeNik } from '../../domain/nik/nik.ts';
import type { PkhComponent } from '../../domain/programs.ts';
import { ddmmyy, randomDateBetween } from '../dates.ts';
import { personName } from '../names.ts';
import type { Random } from '../random.ts';
import { phoneNumber } from './phrases.ts';

const STREETS = [
  'MERPATI',
  'KENANGA',
  'MELATI',
  'CEMPAKA',
  'PAHLAWAN',
  'KARTINI',
  'SURODINAWAN',
  'BRAWIJAYA',
];

function childComponent(age: number): PkhComponent | null {
  if (age < 6) return 'anak_usia_dini';
  if (age <= 12) return 'sd';
  if (age <= 15) return 'smp';
  if (age <= 18) return 'sma';
  return null;
}

/** A household not on any list, as a resident would type it into the usulan form. */
export function proposedHousehold(
  rng: Random,
  village: string,
  serial: number,
  proposer: 'sendiri' | 'rt_rw',
) {
  const district = village.slice(0, 8);
  const sex = rng.chance(0.25) ? 'P' : 'L';
  const birth = randomDateBetween(rng, '1958-01-01', '1992-12-31');
  const headName = personName(rng, sex, Number(birth.slice(0, 4)), 'jawa');
  const kkIssued = randomDateBetween(rng, '2012-01-01', '2025-12-31');
  const members = [];
  if (rng.chance(0.8)) {
    const spouseBirth = randomDateBetween(
      rng,
      `${Number(birth.slice(0, 4)) - 3}-01-01`,
      `${Number(birth.slice(0, 4)) + 5}-12-31`,
    );
    const spouseSex = sex === 'L' ? 'P' : 'L';
    members.push({
      name: personName(rng, spouseSex, Number(spouseBirth.slice(0, 4)), 'jawa'),
      relation: 'istri_suami',
      birth_date: spouseBirth,
      components: [] as PkhComponent[],
    });
  }
  for (let c = rng.int(0, 3); c > 0; c--) {
    const childBirth = randomDateBetween(rng, '2008-01-01', '2024-12-31');
    const age = 2026 - Number(childBirth.slice(0, 4));
    const component = childComponent(age);
    members.push({
      name: personName(rng, rng.chance(0.5) ? 'L' : 'P', Number(childBirth.slice(0, 4)), 'jawa'),
      relation: 'anak',
      birth_date: childBirth,
      components: component ? [component] : [],
    });
  }
  const phone = phoneNumber(rng);
  const payload = {
    proposer,
    proposer_name: proposer === 'rt_rw' ? personName(rng, 'L', rng.int(1960, 1985), 'jawa') : undefined,
    proposer_relation: undefined,
    head_nik: composeNik(district, birth, sex, serial),
    kk: `${district.replaceAll('.', '')}${ddmmyy(kkIssued)}${String(serial).padStart(4, '0')}`,
    head_name: headName,
    birth_date: birth,
    sex,
    address: `JL. ${rng.pick(STREETS)} NO. ${rng.int(1, 120)}`,
    rt: String(rng.int(1, 9)).padStart(3, '0'),
    rw: String(rng.int(1, 6)).padStart(3, '0'),
    village_code: village,
    phone,
    email: undefined,
    members,
    head_components: [] as PkhComponent[],
    socio: {
      floor_area: rng.pick(['kurang_8', '8_sampai_15']),
      floor_material: rng.pick(['tanah', 'semen', 'semen']),
      wall_material: rng.pick(['bambu_rumbia', 'tembok_tanpa_plester', 'tembok']),
      roof_material: rng.pick(['seng_asbes', 'genteng']),
      drinking_water: rng.pick(['sumur_terlindung', 'pdam', 'air_kemasan']),
      lighting: rng.pick(['listrik_450', 'listrik_900']),
      cooking_fuel: rng.pick(['gas_3kg', 'kayu_arang']),
      sanitation: rng.pick(['bersama', 'sendiri']),
      head_occupation: rng.pick(['buruh_harian', 'pedagang_kecil', 'tidak_bekerja']),
      income_band: rng.pick(['kurang_600rb', '600rb_1jt', '1jt_2jt']),
    },
    assets: rng.chance(0.5) ? ['tidak_ada'] : ['sepeda_motor'],
    consent: true,
  };
  const contact = { name: proposer === 'sendiri' ? headName : (payload.proposer_name ?? headName), phone };
  return { payload: JSON.parse(JSON.stringify(payload)) as Record<string, unknown>, contact };
}
