// What the public may see of a person: names with their inner letters hidden, numbers cut to
// their last four digits.

/**
 * Keeps the first and last letter of each word: `SITI WAHYUNINGSIH` → `S**I W**********H`.
 * Every word keeps its length (the inner letters of a 12-letter word become 10 stars). A
 * one-letter word is an initial and is shown; a two-letter word shows only its first letter.
 */
export function maskName(name: string): string {
  return name
    .trim()
    .split(/\s+/u)
    .filter((word) => word !== '')
    .map(maskWord)
    .join(' ');
}

function maskWord(word: string): string {
  const letters = Array.from(word);
  if (letters.length <= 1) return word;
  if (letters.length === 2) return `${letters[0]}*`;
  return `${letters[0]}${'*'.repeat(letters.length - 2)}${letters[letters.length - 1]}`;
}

/** `3576014101900001` → `************0001`. */
export function maskNumber(number: string): string {
  const tail = number.slice(-4);
  return `${'*'.repeat(Math.max(0, number.length - 4))}${tail}`;
}
