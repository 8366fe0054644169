// Aduan: every state, two overdue, one reopened.
import { DESK as desk, KELURAHAN as kel, RESIDENT as warga } from './cast.ts';
import type { LiveCase, LiveCaseBuilder } from './live-cases.ts';

export function aduanScenarios({ aduan }: LiveCaseBuilder): LiveCase[] {
  return [
    aduan(
      'aduan_selesai',
      'Kedundung',
      '2026-10-26 08:20',
      'BPNT',
      'kks_terblokir',
      'KKS ditolak mesin EDC di e-Warong sejak bulan September, kata petugas kartunya terblokir.',
      [
        { at: '2026-10-27 09:00', to: 'diteruskan', actor: desk, unit: 'bank_penyalur' },
        {
          at: '2026-10-29 10:30',
          to: 'ditindaklanjuti',
          actor: desk,
          note: 'Bank BNI memproses pembukaan blokir.',
        },
        {
          at: '2026-11-04 14:00',
          to: 'selesai',
          actor: desk,
          answer:
            'Blokir KKS sudah dibuka oleh Bank BNI pada 3 November 2026. Silakan belanja di e-Warong KUBE Makmur Ceria seperti biasa; saldo bulan Oktober dan November sudah dapat digunakan.',
        },
      ],
    ),
    aduan(
      'aduan_terlambat',
      'Wates',
      '2026-11-02 09:00',
      'PKH',
      'dana_tidak_diterima',
      'Bantuan PKH tahap IV belum masuk ke rekening, padahal penerima lain di RW kami sudah.',
      [{ at: '2026-11-04 10:00', to: 'diteruskan', actor: desk, unit: 'pendamping_pkh' }],
    ),
    aduan(
      undefined,
      'Miji',
      '2026-11-22 20:15',
      'BPNT',
      'pin_terblokir',
      'PIN KKS terblokir setelah salah tiga kali.',
      [],
    ),
    aduan(
      undefined,
      'Gununggedangan',
      '2026-11-12 11:00',
      'LANSIA',
      'belum_terdaftar',
      'Ibu kami berusia 78 tahun dan tinggal sendiri, belum pernah menerima bantuan lansia.',
      [],
    ), // overdue at the desk
    aduan(
      undefined,
      'Magersari',
      '2026-11-09 10:00',
      'BPNT',
      'data_tidak_padan_dukcapil',
      'Bantuan dihentikan karena NIK tidak padan Dukcapil, padahal KTP kami benar.',
      [
        { at: '2026-11-10 09:00', to: 'diteruskan', actor: kel, unit: 'dukcapil' },
        { at: '2026-11-16 13:00', to: 'ditindaklanjuti', actor: desk },
      ],
    ),
    aduan(
      undefined,
      'Meri',
      '2026-10-12 09:30',
      'PBI-JK',
      'data_tidak_padan_dukcapil',
      'Kartu KIS tidak aktif saat berobat ke puskesmas.',
      [
        { at: '2026-10-13 10:00', to: 'diteruskan', actor: desk, unit: 'bpjs_kesehatan' },
        {
          at: '2026-10-20 11:00',
          to: 'dirujuk',
          actor: desk,
          referral:
            'Kantor BPJS Kesehatan Cabang Mojokerto, Jl. Hayam Wuruk: bawa KTP dan KK untuk aktivasi ulang kepesertaan PBI.',
        },
      ],
    ),
    aduan(
      undefined,
      'Balongsari',
      '2026-09-07 09:00',
      'BPNT',
      'dana_tidak_diterima',
      'Saldo BPNT bulan Agustus tidak masuk.',
      [
        { at: '2026-09-08 09:00', to: 'diteruskan', actor: desk, unit: 'koordinator_bpnt' },
        { at: '2026-09-10 10:00', to: 'ditindaklanjuti', actor: desk },
        {
          at: '2026-09-24 14:00',
          to: 'selesai',
          actor: desk,
          answer: 'Saldo bulan Agustus sudah disalurkan ulang pada 22 September 2026.',
        },
        // Reopened: back to the BPNT coordinator, who answered it (decision 0025).
        {
          at: '2026-11-16 08:30',
          to: 'ditindaklanjuti',
          actor: warga,
          note: 'Saldo bulan Oktober tetap belum masuk.',
        },
      ],
    ),
    aduan(
      undefined,
      'Kranggan',
      '2026-11-16 13:00',
      'BST',
      'pungutan_liar',
      'Ada oknum yang meminta uang Rp 20.000 saat pengambilan bantuan.',
      [{ at: '2026-11-17 09:00', to: 'diteruskan', actor: desk, unit: 'dinsos_bidang' }],
      true,
    ),
  ];
}
