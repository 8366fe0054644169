// Usulan: every step, two overdue, one rejected at the meeting, one after no correction.
import { DINSOS as dinsos, KELURAHAN as kel, RT_RW as rt, RESIDENT as warga } from './cast.ts';
import type { LiveCase, LiveCaseBuilder } from './live-cases.ts';

export function usulanScenarios({ usulan }: LiveCaseBuilder): LiveCase[] {
  return [
    usulan('usulan_perlu_perbaikan', 'Kedundung', '2026-11-09 09:15', [
      { at: '2026-11-10 10:00', to: 'diverifikasi_rt_rw', actor: rt, note: 'Benar warga RT 003 RW 002.' },
      {
        at: '2026-11-17 13:30',
        to: 'dibahas_musyawarah_kelurahan',
        actor: kel,
        note: 'Dibahas pada Musyawarah Kelurahan 17 November 2026.',
      },
      {
        at: '2026-11-19 09:45',
        to: 'perlu_perbaikan',
        actor: kel,
        note: 'Foto Kartu Keluarga tidak terbaca dan jumlah anggota keluarga berbeda dengan KK. Unggah foto KK yang jelas dan perbaiki daftar anggota keluarga.',
      },
    ]),
    usulan('usulan_ditetapkan', 'Prajuritkulon', '2026-02-02 08:40', [
      { at: '2026-02-04 10:00', to: 'diverifikasi_rt_rw', actor: rt },
      {
        at: '2026-02-16 13:00',
        to: 'dibahas_musyawarah_kelurahan',
        actor: kel,
        note: 'Disetujui dalam Musyawarah Kelurahan 16 Februari 2026.',
      },
      { at: '2026-02-24 10:30', to: 'verifikasi_lapangan', actor: kel, note: 'Kunjungan rumah dijadwalkan.' },
      {
        at: '2026-03-05 14:00',
        to: 'validasi_dtks',
        actor: kel,
        note: 'Hasil verifikasi lapangan: memenuhi kriteria, dikirim ke Dinas Sosial.',
      },
      {
        at: '2026-03-26 09:00',
        to: 'disahkan_kepala_daerah',
        actor: dinsos,
        note: 'NIK dan KK padan dengan Dukcapil.',
      },
      {
        at: '2026-04-20 11:00',
        to: 'diusulkan_ke_kemensos',
        actor: dinsos,
        note: 'Diunggah melalui SIKS-NG.',
      },
      {
        at: '2026-07-15 10:00',
        to: 'ditetapkan',
        actor: dinsos,
        note: 'Ditetapkan masuk DTKS pada pemutakhiran Juli 2026.',
      },
    ]),
    usulan(undefined, 'Mentikan', '2026-11-21 19:20', []),
    usulan(undefined, 'Wates', '2026-11-02 08:10', []), // overdue at the RT/RW
    usulan(
      undefined,
      'Pulorejo',
      '2026-11-12 10:05',
      [{ at: '2026-11-13 16:00', to: 'diverifikasi_rt_rw', actor: rt }],
      'rt_rw',
    ),
    usulan(undefined, 'Kranggan', '2026-10-19 09:30', [
      { at: '2026-10-21 08:30', to: 'diverifikasi_rt_rw', actor: rt },
      { at: '2026-11-16 13:00', to: 'dibahas_musyawarah_kelurahan', actor: kel },
    ]),
    usulan(undefined, 'Balongsari', '2026-10-05 11:00', [
      { at: '2026-10-07 09:00', to: 'diverifikasi_rt_rw', actor: rt },
      { at: '2026-10-20 13:00', to: 'dibahas_musyawarah_kelurahan', actor: kel },
      { at: '2026-10-28 10:00', to: 'verifikasi_lapangan', actor: kel }, // overdue in the field
    ]),
    usulan(undefined, 'Miji', '2026-09-01 10:00', [
      { at: '2026-09-03 09:00', to: 'diverifikasi_rt_rw', actor: rt },
      { at: '2026-09-15 13:00', to: 'dibahas_musyawarah_kelurahan', actor: kel },
      { at: '2026-09-28 10:00', to: 'verifikasi_lapangan', actor: kel },
      { at: '2026-11-02 14:00', to: 'validasi_dtks', actor: kel, note: 'Memenuhi kriteria.' },
    ]),
    usulan(undefined, 'Meri', '2026-06-08 09:00', [
      { at: '2026-06-10 09:00', to: 'diverifikasi_rt_rw', actor: rt },
      { at: '2026-06-22 13:00', to: 'dibahas_musyawarah_kelurahan', actor: kel },
      { at: '2026-07-06 10:00', to: 'verifikasi_lapangan', actor: kel },
      { at: '2026-07-20 14:00', to: 'validasi_dtks', actor: kel },
      { at: '2026-11-05 10:00', to: 'disahkan_kepala_daerah', actor: dinsos },
    ]),
    usulan(undefined, 'Magersari', '2026-05-04 09:00', [
      { at: '2026-05-06 09:00', to: 'diverifikasi_rt_rw', actor: rt },
      { at: '2026-05-18 13:00', to: 'dibahas_musyawarah_kelurahan', actor: kel },
      { at: '2026-06-01 10:00', to: 'verifikasi_lapangan', actor: kel },
      { at: '2026-06-12 14:00', to: 'validasi_dtks', actor: kel },
      { at: '2026-07-08 10:00', to: 'disahkan_kepala_daerah', actor: dinsos },
      {
        at: '2026-10-01 10:00',
        to: 'diusulkan_ke_kemensos',
        actor: dinsos,
        note: 'Diunggah melalui SIKS-NG.',
      },
    ]),
    usulan(undefined, 'Gedongan', '2026-08-03 08:30', [
      { at: '2026-08-05 09:00', to: 'diverifikasi_rt_rw', actor: rt },
      {
        at: '2026-08-17 13:00',
        to: 'ditolak',
        actor: kel,
        note: 'Hasil Musyawarah Kelurahan: rumah permanen berlantai keramik dan keluarga memiliki mobil; tidak memenuhi kriteria DTKS.',
      },
    ]),
    usulan(undefined, 'Jagalan', '2026-07-01 10:00', [
      {
        at: '2026-07-03 09:00',
        to: 'perlu_perbaikan',
        actor: rt,
        note: 'Nomor RT dan alamat tidak sesuai KK. Mohon diperbaiki.',
      },
      {
        at: '2026-08-05 10:00',
        to: 'ditolak',
        actor: rt,
        note: 'Tidak ada perbaikan dari pengusul selama satu bulan. Silakan mengajukan kembali dengan data yang benar.',
      },
    ]),
    usulan(undefined, 'Surodinawan', '2026-10-01 09:00', [
      { at: '2026-10-02 09:00', to: 'diverifikasi_rt_rw', actor: rt },
      {
        at: '2026-10-13 13:00',
        to: 'perlu_perbaikan',
        actor: kel,
        note: 'Lampirkan foto rumah tampak depan.',
      },
      {
        at: '2026-10-16 15:00',
        to: 'diverifikasi_rt_rw',
        actor: warga,
        note: 'Foto rumah sudah kami unggah.',
        data: { correction: 'Foto rumah sudah kami unggah.' },
      },
      { at: '2026-11-04 13:00', to: 'dibahas_musyawarah_kelurahan', actor: kel },
      { at: '2026-11-18 10:00', to: 'verifikasi_lapangan', actor: kel },
    ]),
  ];
}
