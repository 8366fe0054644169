// A person's name as lists and residents type it: the apostrophe in NUR'AINI comes straight,
// curly (what spreadsheet autocorrect and phone keyboards write), as a backtick or as the
// letter apostrophe `ʼ`; spaces come doubled. One spelling is stored, and one key is compared.

/** Every mark people type for the apostrophe in a name. */
const APOSTROPHES = /['‘’‛`´ʹʻʼʽ′＇]/gu;

/** Letters first, then letters, marks, spaces and the punctuation names carry (`MOCH.`, `AL-FATH`, `NUR'AINI`). */
const NAME_SHAPE = /^\p{L}[\p{L}\p{M}\s.',-]*$/u;

export const NAME_MAX_CHARS = 120;

export type NameReading =
  | { ok: true; name: string }
  | { ok: false; problem: 'nama_required' | 'nama_too_long' | 'nama_format' };

/** The stored spelling: NFC, one kind of apostrophe, single spaces. */
export function tidyName(text: string): string {
  return text.normalize('NFKC').replace(APOSTROPHES, "'").replace(/\s+/gu, ' ').trim();
}

/** A name from a list: digits, formulas and symbols are a mistake in the file, not a name. */
export function readPersonName(text: string): NameReading {
  const name = tidyName(text);
  if (name === '') return { ok: false, problem: 'nama_required' };
  if (name.length > NAME_MAX_CHARS) return { ok: false, problem: 'nama_too_long' };
  if (!NAME_SHAPE.test(name)) return { ok: false, problem: 'nama_format' };
  return { ok: true, name };
}

/**
 * What a name search compares: upper case, without apostrophes (NURAINI, NUR'AINI and NUR’AINI
 * are one key), control characters dropped, single spaces.
 */
export function nameSearchKey(name: string): string {
  return name
    .normalize('NFKC')
    .replace(/\p{C}/gu, '')
    .replace(APOSTROPHES, '')
    .replace(/\s+/gu, ' ')
    .trim()
    .toUpperCase();
}
