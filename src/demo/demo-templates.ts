// The demo's response templates: the answers a Kota Mojokerto SLRT desk and kelurahan give most
// often (DESIGN §1: blocked KKS and PIN, funds not credited, data that does not match Dukcapil,
// duplicates), a few per kind. Demo data only, like the demo accounts; a keeper edits or
// disables them on /petugas/templat.
import type { Db } from '../db/database.ts';
import type { TemplateInput } from '../domain/backoffice/response-templates.ts';
import { validateTemplate } from '../domain/backoffice/response-templates.ts';

type DemoTemplate = {
  kind: TemplateInput['kind'];
  status: string;
  title: string;
  body_id: string;
  body_en: string;
};

export const DEMO_TEMPLATES: readonly DemoTemplate[] = [
  {
    kind: 'aduan',
    status: 'selesai',
    title: 'KKS terblokir',
    body_id:
      'KKS Anda terblokir. Datang ke bank penyalur dengan KTP dan KKS untuk membuka blokir atau mengganti kartu; tidak dipungut biaya.',
    body_en:
      'Your KKS card is blocked. Go to the paying bank with your KTP and KKS to unblock or replace the card; there is no fee.',
  },
  {
    kind: 'aduan',
    status: 'selesai',
    title: 'PIN KKS terblokir',
    body_id:
      'PIN KKS Anda terblokir karena salah dimasukkan beberapa kali. Datang ke kantor cabang bank penyalur dengan KTP dan KKS untuk mengatur PIN baru.',
    body_en:
      'Your KKS PIN is blocked after several wrong attempts. Go to a branch of the paying bank with your KTP and KKS to set a new PIN.',
  },
  {
    kind: 'aduan',
    status: 'selesai',
    title: 'Dana belum masuk',
    body_id:
      'Dana bantuan periode ini sudah disalurkan ke rekening KKS Anda. Periksa saldo di ATM atau agen bank penyalur; bila belum masuk dalam 7 hari kerja, datang ke meja SLRT Dinas Sosial dengan KTP dan KKS.',
    body_en:
      'This period’s aid has been paid into your KKS account. Check the balance at an ATM or a bank agent; if it has not arrived within 7 working days, come to the Dinas Sosial SLRT desk with your KTP and KKS.',
  },
  {
    kind: 'aduan',
    status: 'selesai',
    title: 'Data tidak padan Dukcapil',
    body_id:
      'NIK atau nama Anda tidak sama dengan data Dukcapil, sehingga bantuan tertahan. Perbaiki data di Dinas Kependudukan dan Pencatatan Sipil dengan KTP dan KK asli, lalu laporkan ke kelurahan agar data bansos diperbarui.',
    body_en:
      'Your NIK or name differs from the Dukcapil record, so the aid is held back. Have the record corrected at the civil registry (Dukcapil) with your original KTP and KK, then tell your kelurahan so the aid data is updated.',
  },
  {
    kind: 'aduan',
    status: 'diteruskan',
    title: 'Diteruskan ke bank penyalur',
    body_id:
      'Aduan Anda sudah kami teruskan ke bank penyalur. Bank akan memeriksa rekening KKS Anda; kami kabari lagi bila ada jawaban.',
    body_en:
      'We have forwarded your complaint to the paying bank. The bank will check your KKS account; we will let you know when it answers.',
  },
  {
    kind: 'aduan',
    status: 'dirujuk',
    title: 'Dirujuk ke Dukcapil',
    body_id:
      'Masalah ini ditangani Dinas Kependudukan dan Pencatatan Sipil Kota Mojokerto. Bawa KTP dan KK asli ke loket pelayanan Dukcapil.',
    body_en:
      'This is handled by the Kota Mojokerto civil registry (Dukcapil). Bring your original KTP and KK to the Dukcapil service desk.',
  },
  {
    kind: 'usulan',
    status: 'perlu_perbaikan',
    title: 'Nomor KK tidak terbaca',
    body_id:
      'Nomor KK yang Anda isi tidak sama dengan foto KK. Perbaiki nomor KK (16 angka) dan unggah ulang foto KK yang jelas.',
    body_en:
      'The KK number you entered differs from the KK photo. Correct the KK number (16 digits) and upload a clear photo of the KK again.',
  },
  {
    kind: 'usulan',
    status: 'ditolak',
    title: 'Sudah terdaftar (data ganda)',
    body_id:
      'Keluarga ini sudah terdaftar sebagai penerima bantuan, sehingga usulan baru tidak diperlukan. Cek status di halaman Cek Bansos dengan NIK dan nomor KK.',
    body_en:
      'This household is already listed as a recipient, so a new proposal is not needed. Check its status on the Cek Bansos page with the NIK and KK number.',
  },
  {
    kind: 'sanggahan',
    status: 'tidak_terbukti',
    title: 'Hasil verifikasi lapangan: layak',
    body_id:
      'Petugas kelurahan sudah memeriksa keluarga ini di lapangan. Keadaannya sesuai kriteria penerima, sehingga keluarga tersebut tetap terdaftar.',
    body_en:
      'Kelurahan staff checked this household on site. Its situation meets the recipient criteria, so the household stays listed.',
  },
  {
    kind: 'sanggahan',
    status: 'terbukti',
    title: 'Terbukti: diusulkan keluar',
    body_id:
      'Sanggahan Anda terbukti. Keluarga tersebut akan diusulkan keluar dari daftar penerima pada Musyawarah Kelurahan berikutnya.',
    body_en:
      'Your objection was upheld. The household will be proposed for removal from the list at the next Musyawarah Kelurahan.',
  },
];

/** The demo's templates were written by the Dinas Sosial of Kota Mojokerto. */
const DEMO_TEMPLATE_REGENCY = '35.76';

/** Adds the demo templates to a database that has none yet; returns how many. */
export async function seedDemoTemplates(db: Db, now: Date): Promise<number> {
  const any = await db.selectFrom('response_templates').select('id').limit(1).executeTakeFirst();
  if (any) return 0;
  const at = now.toISOString();
  // Through the same rules as a keeper's form: a demo template for a step that does not exist fails here.
  const rows = DEMO_TEMPLATES.map((raw) => validateTemplate(raw));
  await db
    .insertInto('response_templates')
    .values(
      rows.map((r) => ({
        kind: r.kind,
        status: r.status,
        title: r.title,
        body_id: r.bodyId,
        body_en: r.bodyEn,
        created_at: at,
        updated_at: at,
        updated_by: null,
        disabled_at: null,
        area_code: DEMO_TEMPLATE_REGENCY,
      })),
    )
    .execute();
  return rows.length;
}
