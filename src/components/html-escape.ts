// Text and attribute values escaped as Astro escapes what it renders, for the parts of pages
// written as strings (the inbox's rows and forms, the back office's header): the markup stays
// what Astro wrote.

const ESCAPED: Record<string, string> = {
  '&': '&amp;',
  '<': '&lt;',
  '>': '&gt;',
  "'": '&#39;',
  '"': '&quot;',
};

const NEEDS_ESCAPE = /[&<>'"]/;

/** Text between tags. */
export function escapeHtml(text: string | number): string {
  const s = String(text);
  // Most text (names of states, places, dates) has nothing to escape: no new string then.
  return NEEDS_ESCAPE.test(s) ? s.replace(/[&<>'"]/g, (c) => ESCAPED[c] as string) : s;
}

/** An attribute's value, inside double quotes. */
export function escapeAttribute(text: string | number): string {
  const s = String(text);
  return s.includes('&') || s.includes('"') ? s.replaceAll('&', '&#38;').replaceAll('"', '&#34;') : s;
}
