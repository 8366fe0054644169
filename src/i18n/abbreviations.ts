// The abbreviations residents meet on an answer, spelled out the first time each appears: as an
// <abbr> for screen readers and, beside it, in words anyone reads without hovering (a phone has
// no hover).
import type { Locale } from './locale.ts';

export type Segment = string | { abbr: string; expansion: string; spelledOut: boolean };

const EXPANSIONS: Record<Locale, Record<string, string>> = {
  id: {
    BPNT: 'Bantuan Pangan Non Tunai',
    'PBI-JK': 'Penerima Bantuan Iuran Jaminan Kesehatan',
    SLRT: 'Sistem Layanan dan Rujukan Terpadu',
    DTKS: 'Data Terpadu Kesejahteraan Sosial',
    DTSEN: 'Data Tunggal Sosial Ekonomi Nasional',
    Dukcapil: 'Dinas Kependudukan dan Pencatatan Sipil',
    KKS: 'Kartu Keluarga Sejahtera',
    KIS: 'Kartu Indonesia Sehat',
    PKH: 'Program Keluarga Harapan',
    BST: 'Bantuan Sosial Tunai',
    PIP: 'Program Indonesia Pintar',
  },
  en: {
    BPNT: 'non-cash food assistance',
    'PBI-JK': 'health insurance premium assistance',
    SLRT: 'Integrated Service and Referral System',
    DTKS: 'Integrated Social Welfare Data',
    DTSEN: 'Single Socio-Economic National Data',
    Dukcapil: 'civil registry office',
    KKS: 'Prosperous Family Card',
    KIS: 'Healthy Indonesia Card',
    PKH: 'Family Hope Programme',
    BST: 'cash social assistance',
    PIP: 'Smart Indonesia Programme',
  },
};

// Longest first, so PBI-JK is one abbreviation and not PBI then -JK; whole words only, so KKS in
// "KKSxyz" or a name is left alone.
const PATTERN = new RegExp(
  `(?<![\\p{L}\\p{N}-])(${Object.keys(EXPANSIONS.id)
    .sort((a, b) => b.length - a.length)
    .join('|')})(?![\\p{L}\\p{N}-])`,
  'gu',
);

/**
 * Splits one page's texts, in the order the page shows them, into words and abbreviations. An
 * abbreviation is spelled out the first time only; a text that already says it in full
 * ("Program Keluarga Harapan (PKH)") counts as its first time.
 */
/**
 * How a program is named in a sentence: by its code when the code is one residents know and the
 * page spells out (PKH, BPNT), else by the name the office gave it (a regency's own program).
 */
export function programInSentence(code: string, name: string): string {
  return Object.hasOwn(EXPANSIONS.id, code) ? code : name;
}

export function abbreviationExplainer(locale: Locale): (text: string) => Segment[] {
  const expansions = EXPANSIONS[locale];
  const explained = new Set<string>();
  return (text: string) => {
    const segments: Segment[] = [];
    let last = 0;
    for (const match of text.matchAll(PATTERN)) {
      const abbr = match[1] as string;
      const expansion = expansions[abbr] as string;
      const index = match.index ?? 0;
      if (index > last) segments.push(text.slice(last, index));
      const saidInFull = text.toLowerCase().includes(expansion.toLowerCase());
      segments.push({ abbr, expansion, spelledOut: !explained.has(abbr) && !saidInFull });
      explained.add(abbr);
      last = index + abbr.length;
    }
    if (last < text.length) segments.push(text.slice(last));
    return segments;
  };
}
