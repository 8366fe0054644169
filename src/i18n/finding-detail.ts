// A data-quality finding's detail in words for the back office. The report keeps its detail as a
// compact `key=value` line (`ditolak kolom=nik alasan=nik_format`, `ejaan=2 jw=0.933`): the CSV,
// the JSON and the CLI print that line, tests and scripts read it. On the officer's page it was
// shown as it is (issue 20 item 6); here each key becomes a label and each coded value words.
import type { QualityRule } from '../domain/quality/quality-report.ts';
import { rejectionText } from './import-messages.ts';
import type { Locale } from './locale.ts';
import { formatPeriod, isMessageKey, translate } from './messages.ts';

const LABELS: Record<Locale, Record<string, string>> = {
  id: {
    nik: 'NIK',
    alamat: 'alamat',
    baris: 'baris daftar',
    program: 'program',
    periode: 'periode',
    kali: 'jumlah baris',
    kk_terdaftar: 'KK terdaftar',
    kk_baris: 'KK di daftar',
    ejaan: 'ejaan berbeda',
    jw: 'kemiripan nama',
    nama_berbeda: 'ejaan nama berbeda',
    desil: 'desil',
    batas: 'batas desil program',
    desa: 'kelurahan/desa',
    alasan: 'alasan',
    terbukti: 'terbukti',
    masih: 'masih menerima',
    kolom: 'kolom',
  },
  en: {
    nik: 'NIK',
    alamat: 'address',
    baris: 'list row',
    program: 'program',
    periode: 'period',
    kali: 'rows',
    kk_terdaftar: 'registered KK',
    kk_baris: 'KK in the list',
    ejaan: 'different spellings',
    jw: 'name similarity',
    nama_berbeda: 'different name spellings',
    desil: 'desil',
    batas: 'program’s desil ceiling',
    desa: 'village',
    alasan: 'reason',
    terbukti: 'proven',
    masih: 'still receiving',
    kolom: 'column',
  },
};

/** Words that stand alone in a detail line. */
const MARKERS: Record<Locale, Record<string, string>> = {
  id: {
    ditolak: 'Baris ditolak',
    kk_dan_tanggal_lahir_sama: 'KK dan tanggal lahir sama',
    belum_dicatat: 'belum dicatat',
  },
  en: {
    ditolak: 'Row rejected',
    kk_dan_tanggal_lahir_sama: 'same KK and date of birth',
    belum_dicatat: 'not recorded',
  },
};

/** The column names of a recipient list, as the officer reads them in their file. */
const COLUMNS: Record<Locale, Record<string, string>> = {
  id: { tanggal_lahir: 'tanggal lahir', jenis_kelamin: 'jenis kelamin', kode_desa: 'kode desa' },
  en: { tanggal_lahir: 'date of birth', jenis_kelamin: 'sex', kode_desa: 'village code' },
};

export interface DetailContext {
  locale: Locale;
  /** A region's name for a stored region code (`35.76.01.1007` → "Kedundung"). */
  placeName: (code: string) => string | undefined;
}

const own = (table: Record<string, string>, key: string): string | undefined =>
  Object.hasOwn(table, key) ? table[key] : undefined;

/** A code written with underscores, in words when nothing names it better. */
const spaced = (code: string) => code.replace(/_/g, ' ');

function reasonText(value: string, locale: Locale): string {
  return value
    .split('/')
    .map((reason) => {
      const rejection = rejectionText(reason, locale);
      if (rejection !== reason) return rejection;
      const objection = `sanggahan.reason.${reason}`;
      if (isMessageKey(objection)) return translate(locale, objection);
      return own(MARKERS[locale], reason) ?? spaced(reason);
    })
    .join(', ');
}

function valueText(key: string, value: string, context: DetailContext): string {
  const { locale } = context;
  if (value === '-' || value === '') return '—';
  switch (key) {
    case 'alasan':
      return reasonText(value, locale);
    case 'periode':
      return formatPeriod(locale, value);
    case 'jw': {
      const similarity = Number(value);
      return Number.isFinite(similarity) ? `${Math.round(similarity * 100)}%` : value;
    }
    case 'desa':
    case 'alamat':
      return context.placeName(value) ?? value;
    case 'kolom':
      return own(COLUMNS[locale], value) ?? spaced(value);
    case 'masih':
      return value
        .split(',')
        .map((held) => held.replace(/(\d{4}-(?:\d{2}|Q[1-4]))$/, (period) => formatPeriod(locale, period)))
        .join(', ');
    default:
      return value;
  }
}

/** A NIK or KK that failed its rule: the rule's message (`nik.district_unknown`). */
function numberRuleText(prefix: 'nik' | 'kk', rule: string, locale: Locale): string {
  const key = `${prefix}.${rule}`;
  return isMessageKey(key) ? translate(locale, key) : spaced(rule);
}

export function findingDetailText(rule: QualityRule, detail: string, context: DetailContext): string {
  const { locale } = context;
  // A register run names the NIK's or KK's failed rule alone; an import's rejected row is a line.
  if (rule === 'nik_invalid' && !detail.includes('=')) return numberRuleText('nik', detail, locale);
  if (rule === 'kk_invalid' && !detail.includes('=')) return numberRuleText('kk', detail, locale);
  // `kk_dan_tanggal_lahir_sama nik=3`: the NIK count, not a NIK.
  const sameBirth = detail.startsWith('kk_dan_tanggal_lahir_sama');
  return detail
    .split(' ')
    .filter(Boolean)
    .map((token) => {
      const at = token.indexOf('=');
      if (at < 0) return own(MARKERS[locale], token) ?? token;
      const key = token.slice(0, at);
      const value = token.slice(at + 1);
      if (key === 'nik' && sameBirth)
        return locale === 'id' ? `${value} NIK berbeda` : `${value} different NIKs`;
      const label = own(LABELS[locale], key) ?? spaced(key);
      return `${label}: ${valueText(key, value, context)}`;
    })
    .join(' · ');
}
