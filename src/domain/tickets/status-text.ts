// Each state of each workflow in plain words, in both languages: read by the receipt, Lacak and
// the SMS/e-mail updates alike, so a resident meets one wording everywhere.
import type { UsulanPurpose } from './usulan-purpose.ts';
import type { StatesOf, TicketKind, UsulanState } from './workflow.ts';

export type MessageLocale = 'id' | 'en';

type StatusTexts = { [K in TicketKind]: Record<StatesOf[K], string> };

const STATUS_TEXT: Record<MessageLocale, StatusTexts> = {
  id: {
    usulan: {
      diajukan: 'diajukan, menunggu verifikasi RT/RW',
      diverifikasi_rt_rw: 'diverifikasi RT/RW, menunggu Musyawarah Kelurahan',
      dibahas_musyawarah_kelurahan: 'dibahas di Musyawarah Kelurahan, menunggu verifikasi lapangan',
      verifikasi_lapangan: 'verifikasi lapangan oleh kelurahan',
      validasi_dtks: 'validasi DTKS oleh Dinas Sosial',
      disahkan_kepala_daerah: 'disahkan kepala daerah, menunggu diusulkan ke Kemensos',
      diusulkan_ke_kemensos: 'diusulkan ke Kemensos, menunggu penetapan',
      ditetapkan: 'ditetapkan masuk DTKS',
      perlu_perbaikan: 'perlu perbaikan dari Anda',
      ditolak: 'ditolak',
      duplikat: 'ditutup karena sama dengan usulan lain',
    },
    sanggahan: {
      diterima: 'diterima, menunggu pemeriksaan kelurahan',
      diperiksa_kelurahan: 'sedang diperiksa kelurahan',
      terbukti: 'terbukti, dibahas untuk dihapus pada Musyawarah Kelurahan berikutnya',
      tidak_terbukti: 'tidak terbukti',
      duplikat: 'digabung dengan sanggahan lain atas penerima yang sama',
    },
    aduan: {
      diterima: 'diterima, menunggu diteruskan petugas SLRT',
      diteruskan: 'diteruskan ke unit terkait',
      ditindaklanjuti: 'sedang ditindaklanjuti',
      selesai: 'selesai',
      dirujuk: 'dirujuk ke instansi lain',
      duplikat: 'ditutup karena sama dengan aduan lain',
    },
  },
  en: {
    usulan: {
      diajukan: 'submitted, awaiting RT/RW verification',
      diverifikasi_rt_rw: 'verified by the RT/RW, awaiting the kelurahan meeting',
      dibahas_musyawarah_kelurahan: 'discussed at the kelurahan meeting, awaiting field verification',
      verifikasi_lapangan: 'field verification by the kelurahan',
      validasi_dtks: 'DTKS validation by the social office',
      disahkan_kepala_daerah: 'approved by the regional head, awaiting submission to the ministry',
      diusulkan_ke_kemensos: 'submitted to the Ministry of Social Affairs, awaiting its decision',
      ditetapkan: 'accepted into DTKS',
      perlu_perbaikan: 'needs corrections from you',
      ditolak: 'rejected',
      duplikat: 'closed as the same proposal as another',
    },
    sanggahan: {
      diterima: 'received, awaiting the kelurahan check',
      diperiksa_kelurahan: 'being checked by the kelurahan',
      terbukti: 'upheld, put forward for removal at the next kelurahan meeting',
      tidak_terbukti: 'not upheld',
      duplikat: 'joined with another objection about the same recipient',
    },
    aduan: {
      diterima: 'received, awaiting forwarding by the SLRT desk',
      diteruskan: 'forwarded to the unit concerned',
      ditindaklanjuti: 'being acted on',
      selesai: 'resolved',
      dirujuk: 'referred to another agency',
      duplikat: 'closed as the same complaint as another',
    },
  },
};

/**
 * The words of an usulan's states where its purpose differs (decision 0031): a desil dispute is not
 * proposed "into DTKS"; the Dinas Sosial checks the facts and sends them to the next DTSEN update,
 * and `ditetapkan` is its end with the result in the closing note. States not listed read as usulan.
 */
const PURPOSE_STATUS_TEXT: Record<
  MessageLocale,
  Record<UsulanPurpose, Partial<Record<UsulanState, string>>>
> = {
  id: {
    sanggah_desil: {
      diajukan: 'diajukan, menunggu pemeriksaan RT/RW',
      diverifikasi_rt_rw: 'diperiksa RT/RW, menunggu dibahas kelurahan',
      dibahas_musyawarah_kelurahan: 'dibahas kelurahan, menunggu verifikasi lapangan',
      validasi_dtks: 'diperiksa Dinas Sosial',
      disahkan_kepala_daerah: 'disetujui Dinas Sosial, menunggu dikirim untuk pemutakhiran DTSEN',
      diusulkan_ke_kemensos: 'disiapkan untuk pemutakhiran DTSEN berikutnya',
      ditetapkan: 'dikirim untuk pemutakhiran DTSEN',
      ditolak: 'tidak diteruskan',
      duplikat: 'ditutup karena sama dengan sanggah desil lain',
    },
  },
  en: {
    sanggah_desil: {
      diajukan: 'submitted, awaiting the RT/RW check',
      diverifikasi_rt_rw: 'checked by the RT/RW, awaiting the kelurahan',
      dibahas_musyawarah_kelurahan: 'discussed by the kelurahan, awaiting field verification',
      validasi_dtks: 'being checked by the social office',
      disahkan_kepala_daerah: 'approved by the social office, awaiting sending to the DTSEN update',
      diusulkan_ke_kemensos: 'prepared for the next DTSEN update',
      ditetapkan: 'sent for the DTSEN update',
      ditolak: 'not taken further',
      duplikat: 'closed as the same desil dispute as another',
    },
  },
};

export function statusText(
  locale: MessageLocale,
  kind: TicketKind,
  status: string,
  purpose?: UsulanPurpose | null,
): string {
  const own = purpose ? (PURPOSE_STATUS_TEXT[locale][purpose] as Record<string, string>)[status] : undefined;
  const texts = STATUS_TEXT[locale][kind] as Record<string, string>;
  return own ?? texts[status] ?? status;
}
