// Sanggahan: every state, one overdue, one case joined by a second objector.
import { DINSOS as dinsos, KELURAHAN as kel } from './cast.ts';
import type { LiveCase, LiveCaseBuilder } from './live-cases.ts';

export function sanggahanScenarios({ sanggahan }: LiveCaseBuilder): LiveCase[] {
  return [
    sanggahan(
      undefined,
      'Kauman',
      '2026-11-20 14:10',
      'sudah_mampu',
      'Keluarga ini baru membangun rumah dua lantai dan membuka toko.',
      [],
    ),
    sanggahan(
      undefined,
      'Blooto',
      '2026-10-26 10:00',
      'pindah',
      'Sudah pindah ke luar kota sejak awal tahun, rumahnya kosong.',
      [],
      true,
    ),
    {
      ...sanggahan(
        'sanggahan_diperiksa',
        'Kedundung',
        '2026-11-10 16:30',
        'tidak_ditemukan',
        'Nama penerima tidak dikenal di alamat tersebut menurut warga sekitar.',
        [
          {
            at: '2026-11-16 09:00',
            to: 'diperiksa_kelurahan',
            actor: kel,
            note: 'Petugas kelurahan dijadwalkan berkunjung.',
          },
        ],
      ),
      joined: [
        {
          at: '2026-11-14 07:50',
          payload: {
            reason: 'tidak_ditemukan',
            description: 'Tidak ada yang tinggal dengan nama itu di RT kami.',
            consent: true,
          },
          contact: null,
        },
      ],
    },
    sanggahan(undefined, 'Sentanan', '2026-09-14 10:00', 'pindah', 'Penerima sudah pindah ke Sidoarjo.', [
      { at: '2026-09-21 09:00', to: 'diperiksa_kelurahan', actor: kel },
      {
        at: '2026-10-02 11:00',
        to: 'terbukti',
        actor: kel,
        note: 'Hasil pemeriksaan: penerima telah pindah domisili ke Kabupaten Sidoarjo sejak Maret 2026. Diusulkan dihapus pada Musyawarah Kelurahan berikutnya.',
      },
    ]),
    sanggahan(
      undefined,
      'Purwotengah',
      '2026-08-10 10:00',
      'sudah_mampu',
      'Penerima punya sepeda motor baru.',
      [
        { at: '2026-08-12 09:00', to: 'diperiksa_kelurahan', actor: dinsos },
        {
          at: '2026-08-24 11:00',
          to: 'tidak_terbukti',
          actor: kel,
          note: 'Hasil kunjungan rumah: keluarga masih memenuhi kriteria; sepeda motor dibeli secara kredit untuk bekerja sebagai ojek.',
        },
      ],
    ),
  ];
}
