// The field figures the demo data must reproduce exactly, copied from the seed documents so a
// reviewer can hold the site against the published tables.

export const MOJOKERTO_REGENCY = '35.76';

/** Seed 002 (Nurofik et al., Kota Mojokerto), Tabel 2: BPNT/Sembako 2020, listed and collected KPM. */
export const BPNT_MOJOKERTO_2020: readonly { period: string; listed: number; collected: number }[] = [
  { period: '2020-01', listed: 4919, collected: 4327 },
  { period: '2020-02', listed: 4919, collected: 4327 },
  { period: '2020-03', listed: 4704, collected: 4303 },
  { period: '2020-04', listed: 4587, collected: 4286 },
  { period: '2020-05', listed: 5890, collected: 5224 },
  { period: '2020-06', listed: 6054, collected: 5536 },
  { period: '2020-07', listed: 6054, collected: 5496 },
  { period: '2020-08', listed: 6056, collected: 5529 },
  { period: '2020-09', listed: 6129, collected: 5547 },
  { period: '2020-10', listed: 6130, collected: 5569 },
  { period: '2020-11', listed: 6126, collected: 5546 },
  { period: '2020-12', listed: 6128, collected: 5540 },
];

/** Seed 002, Tabel 2 text: Rp 200.000 per KPM per month in 2020. */
export const BPNT_MONTHLY_AMOUNT_2020 = 200_000;

export interface EWarongKelurahan {
  village_code: string;
  name: string;
  /** KPM served in December 2020. */
  december: number;
}

export interface EWarong {
  /** As shown to residents in `collection_point`. */
  name: string;
  kelurahan: readonly EWarongKelurahan[];
}

/**
 * Seed 002, Tabel 5: the 10 e-Warong of Kota Mojokerto and the KPM each served per kelurahan in
 * December 2020 (6,128 in all). Village codes are those of idn-area-data.
 */
export const E_WARONG_MOJOKERTO: readonly EWarong[] = [
  {
    name: 'e-Warong KUBE Anggrek',
    kelurahan: [{ village_code: '35.76.01.1007', name: 'Surodinawan', december: 368 }],
  },
  {
    name: 'e-Warong KUBE Melati',
    kelurahan: [{ village_code: '35.76.01.1006', name: 'Prajuritkulon', december: 449 }],
  },
  {
    name: 'e-Warong KUBE Fitrah Sejahtera',
    kelurahan: [{ village_code: '35.76.01.1008', name: 'Blooto', december: 414 }],
  },
  {
    name: 'e-Warong KUBE Teratai',
    kelurahan: [
      { village_code: '35.76.01.1005', name: 'Pulorejo', december: 405 },
      { village_code: '35.76.01.1004', name: 'Kauman', december: 136 },
      { village_code: '35.76.01.1003', name: 'Mentikan', december: 450 },
    ],
  },
  {
    name: 'e-Warong KUBE Makmur Ceria',
    kelurahan: [{ village_code: '35.76.02.1009', name: 'Kedundung', december: 912 }],
  },
  {
    name: 'e-Warong KUBE Bancang Sejahtera',
    kelurahan: [
      { village_code: '35.76.02.1010', name: 'Wates', december: 428 },
      { village_code: '35.76.02.1004', name: 'Gedongan', december: 74 },
    ],
  },
  {
    name: 'e-Warong KUBE Balongcok Barokah',
    kelurahan: [
      { village_code: '35.76.02.1008', name: 'Balongsari', december: 372 },
      { village_code: '35.76.03.1004', name: 'Jagalan', december: 117 },
    ],
  },
  {
    name: 'e-Warong KUBE Sejahtera Indah',
    kelurahan: [
      { village_code: '35.76.02.1001', name: 'Gununggedangan', december: 400 },
      { village_code: '35.76.03.1003', name: 'Meri', december: 390 },
    ],
  },
  {
    name: 'e-Warong KUBE Purwotengah Jaya',
    kelurahan: [
      { village_code: '35.76.02.1003', name: 'Magersari', december: 207 },
      { village_code: '35.76.03.1006', name: 'Purwotengah', december: 57 },
      { village_code: '35.76.03.1005', name: 'Sentanan', december: 70 },
    ],
  },
  {
    name: 'e-Warong KUBE Flamboyan',
    kelurahan: [
      { village_code: '35.76.03.1001', name: 'Kranggan', december: 491 },
      { village_code: '35.76.03.1002', name: 'Miji', december: 388 },
    ],
  },
];

/** Seed 002, Tabel 4: PKH 2020 per stage (tahap I–IV), listed and collected KPM. */
export const PKH_MOJOKERTO_2020: readonly { period: string; listed: number; collected: number }[] = [
  { period: '2020-Q1', listed: 2343, collected: 2340 },
  { period: '2020-Q2', listed: 2589, collected: 2582 },
  { period: '2020-Q3', listed: 2658, collected: 2650 },
  { period: '2020-Q4', listed: 2655, collected: 2648 },
];

/** Seed 001 (Kelurahan Wonokusumo study), Tabel 1: BST KPM per kelurahan of Kecamatan Semampir (13,130). */
export const BST_SEMAMPIR: readonly { village_code: string; name: string; households: number }[] = [
  { village_code: '35.78.16.1001', name: 'Ampel', households: 1173 },
  { village_code: '35.78.16.1002', name: 'Pegirian', households: 2658 },
  { village_code: '35.78.16.1005', name: 'Sidotopo', households: 2273 },
  { village_code: '35.78.16.1004', name: 'Ujung', households: 2177 },
  { village_code: '35.78.16.1003', name: 'Wonokusumo', households: 4849 },
];

/** BST ran Rp 600.000 a month from April to June 2020, then Rp 300.000 a month in early 2021. */
export const BST_PERIODS: readonly { period: string; amount: number }[] = [
  { period: '2020-04', amount: 600_000 },
  { period: '2020-05', amount: 600_000 },
  { period: '2020-06', amount: 600_000 },
  { period: '2021-01', amount: 300_000 },
  { period: '2021-02', amount: 300_000 },
  { period: '2021-03', amount: 300_000 },
  { period: '2021-04', amount: 300_000 },
];

/**
 * Seed 000 (KKS in Kecamatan Gayungan, Surabaya): 1,882 households held a KKS in 2017. The seed
 * gives no split by kelurahan, so the split below is the demo's own.
 */
export const KKS_GAYUNGAN_2017 = {
  period: '2017-12',
  total: 1882,
  villages: [
    { village_code: '35.78.22.1001', name: 'Gayungan', households: 512 },
    { village_code: '35.78.22.1002', name: 'Menanggal', households: 398 },
    { village_code: '35.78.22.1003', name: 'Dukuh Menanggal', households: 377 },
    { village_code: '35.78.22.1004', name: 'Ketintang', households: 595 },
  ],
} as const;

/** Seed 002 text: PKH is paid by Bank BNI and drawn at ATMs and BNI agents. */
export const PKH_CHANNEL = { channel: 'Bank BNI', collection_point: 'Agen BNI46 / ATM BNI' } as const;

/** Seed 001 text: BST in Surabaya was paid by PT Pos Indonesia, Kantor Pos Kebonrojo. */
export const BST_CHANNEL = 'PT Pos Indonesia';
export const BST_POST_OFFICE = 'Kantor Pos Kebonrojo';

/** Seed 000 names the Himbara banks that issue KKS; Gayungan's demo cards are Bank Mandiri's. */
export const KKS_CHANNEL = 'Bank Mandiri';

/** PBI-JK premium paid by the state per person per month (2020, kelas III). */
export const PBI_JK = { period: '2020-12', amount: 42_000, channel: 'BPJS Kesehatan' } as const;
