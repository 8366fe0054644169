// Request examples for the OpenAPI document that the API accepts as they are on the demo data
// (the demo records they name are constants in openapi-example-fixture.ts).
// The sanggahan example names a recipient by an opaque id, which only this server can seal, so
// the examples are made per server from its own secret and database.
import { RECIPIENT_ID_PURPOSE } from '../../domain/cek/search-by-name.ts';
import type { DomainDeps } from '../../domain/deps.ts';
import { sealId } from '../../domain/privacy/opaque-id.ts';
import {
  EXAMPLE_AFFECTED_KK,
  EXAMPLE_AFFECTED_NIK,
  EXAMPLE_RECIPIENT_NIK,
  EXAMPLE_TICKETS,
} from './openapi-example-fixture.ts';

/** A household nobody in the demo data has: NIK 35.76.01, born 1979-05-20, male. */
export const USULAN_EXAMPLE = {
  proposer: 'rt_rw',
  proposer_name: 'Hartono',
  head_nik: '3576012005799001',
  kk: '3576011506109001',
  head_name: 'Slamet Riyadi',
  birth_date: '1979-05-20',
  sex: 'L',
  address: 'Jl. Mentikan Gg. 3 No. 7',
  rt: '002',
  rw: '004',
  village_code: '35.76.01.1003',
  phone: '081234567890',
  members: [
    { name: 'Sumarni', relation: 'istri_suami', birth_date: '1982-11-02', components: ['ibu_hamil'] },
    { name: 'Rizky Slamet', relation: 'anak', birth_date: '2013-07-15', components: ['sd'] },
  ],
  head_components: [],
  socio: {
    floor_area: 'kurang_8',
    floor_material: 'semen',
    wall_material: 'tembok_tanpa_plester',
    roof_material: 'seng_asbes',
    drinking_water: 'sumur_terlindung',
    lighting: 'listrik_450',
    cooking_fuel: 'gas_3kg',
    sanitation: 'bersama',
    head_occupation: 'buruh_harian',
    income_band: 'kurang_600rb',
  },
  assets: ['tidak_ada'],
  consent: true,
};

export const ADUAN_EXAMPLE = {
  program: 'BPNT',
  problem: 'kks_terblokir',
  nik: EXAMPLE_AFFECTED_NIK,
  description: 'Kartu KKS terblokir sejak Oktober, saldo tidak bisa dipakai di e-Warong.',
  contact: { anonymous: true },
  consent: true,
};

/** The same household asks to see what the office holds about its head (UU PDP, decision 0033). */
export const DATA_REQUEST_EXAMPLE = {
  request: 'akses',
  nik: EXAMPLE_AFFECTED_NIK,
  kk: EXAMPLE_AFFECTED_KK,
  email: 'sugeng@example.org',
  consent: true,
};

const ticket = (example: keyof typeof EXAMPLE_TICKETS) => {
  const { reference, tracking_code } = EXAMPLE_TICKETS[example];
  return { reference, tracking_code };
};

export async function requestExamples(deps: Pick<DomainDeps, 'db' | 'secret'>) {
  const recipient = await deps.db
    .selectFrom('household_members')
    .select('id')
    .where('nik', '=', EXAMPLE_RECIPIENT_NIK)
    .executeTakeFirst();
  return {
    usulan: USULAN_EXAMPLE,
    aduan: ADUAN_EXAMPLE,
    permintaanData: DATA_REQUEST_EXAMPLE,
    sanggahan: {
      target: recipient ? sealId(deps.secret, RECIPIENT_ID_PURPOSE, recipient.id) : '',
      reason: 'sudah_mampu',
      description: 'Keluarga ini sudah membuka toko besar dan memiliki mobil sejak 2024.',
      contact: { anonymous: false, name: 'Joko Susilo', phone: '085712345678' },
      consent: true,
    },
    lacak: ticket('lacak'),
    perbaikan: {
      ...ticket('perbaikan'),
      correction: 'Nomor KK yang benar 3576011506100001; foto KK terbaru terlampir.',
    },
    bukaKembali: {
      ...ticket('bukaKembali'),
      reason: 'Kartu sudah diganti tetapi saldo Desember belum masuk.',
    },
  };
}
