// Turns a submitted HTML form into the nested object the domain validates (`members.0.name` →
// `{ members: [{ name }] }`), the flat values to re-render it with, and the chosen files.
import type { IncomingAttachment } from '../../domain/tickets/submit-ticket.ts';

export interface ReadForm {
  /** Objects without a prototype: a field name can never reach `Object.prototype`. */
  data: Record<string, unknown>;
  /** Every text value by field name, for re-rendering; several values joined in `multi`. */
  values: Record<string, string>;
  multi: Record<string, string[]>;
  files: IncomingAttachment[];
  /** Some field name would have reached an object's prototype; the form is refused (400). */
  refused?: boolean;
}

/** Parts of a field name that lead into an object's prototype, never a form field of ours. */
const FORBIDDEN_PARTS = new Set(['__proto__', 'prototype', 'constructor']);

/** True for a name like `__proto__.x` or `members.0.constructor.prototype.y`. */
export function isForbiddenFieldName(name: string): boolean {
  return name.split(/[.[\]]/).some((part) => FORBIDDEN_PARTS.has(part));
}

/** True when any field of the form has a forbidden name (see `isForbiddenFieldName`). */
export function hasForbiddenFieldName(form: FormData): boolean {
  for (const name of form.keys()) if (isForbiddenFieldName(name)) return true;
  return false;
}

/** The error a page shows for a refused form, beside nothing: at the top of the form. */
export const REFUSED_FORM_ERROR = { form: 'form.field_name_refused' } as const;

const bare = <T>(): Record<string, T> => Object.create(null) as Record<string, T>;

/** Field names (with `*` for an index) that are lists even when one box is ticked. */
export async function readForm(
  form: FormData,
  listFields: RegExp[] = [],
  maxLength = 20_000,
): Promise<ReadForm> {
  const data = bare<unknown>();
  const values = bare<string>();
  const multi = bare<string[]>();
  const files: IncomingAttachment[] = [];
  let refused = false;
  for (const [name, value] of form.entries()) {
    // What the resident typed in the other fields is kept; this one is dropped.
    if (isForbiddenFieldName(name)) {
      refused = true;
      continue;
    }
    if (typeof value !== 'string') {
      if (value.size > 0)
        files.push({ field: name, name: value.name, bytes: new Uint8Array(await value.arrayBuffer()) });
      continue;
    }
    const text = value.slice(0, maxLength);
    values[name] ??= text;
    multi[name] = [...(multi[name] ?? []), text];
  }
  for (const [name, list] of Object.entries(multi)) {
    const isList = listFields.some((p) => p.test(name));
    setPath(data, name.split('.'), isList ? list : list[0]);
  }
  return refused ? { data, values, multi, files, refused } : { data, values, multi, files };
}

function setPath(target: Record<string, unknown>, path: string[], value: unknown) {
  let node: Record<string, unknown> | unknown[] = target;
  for (const [i, key] of path.entries()) {
    if (FORBIDDEN_PARTS.has(key)) return;
    const last = i === path.length - 1;
    const nextIsIndex = !last && /^\d+$/.test(path[i + 1] ?? '');
    const slot = Array.isArray(node) ? Number(key) : key;
    if (Array.isArray(node) && (!Number.isInteger(slot) || (slot as number) > 100)) return;
    const container = node as Record<string | number, unknown>;
    if (last) {
      container[slot] = value;
      return;
    }
    if (!Object.hasOwn(container, slot)) container[slot] = nextIsIndex ? [] : bare();
    const next = container[slot];
    if (typeof next !== 'object' || next === null) return;
    node = next as Record<string, unknown> | unknown[];
  }
}

/**
 * Drops the rows the resident left empty; `origin[i]` is the form row the i-th kept row came
 * from, so that an error can be shown beside the row that has it.
 */
export function keptRows(rows: unknown): { rows: Record<string, unknown>[]; origin: number[] } {
  const kept: { rows: Record<string, unknown>[]; origin: number[] } = { rows: [], origin: [] };
  if (!Array.isArray(rows)) return kept;
  rows.forEach((r, index) => {
    const filled =
      typeof r === 'object' &&
      r !== null &&
      Object.values(r).some((v) => (Array.isArray(v) ? v.length > 0 : String(v ?? '').trim() !== ''));
    if (!filled) return;
    kept.rows.push(r as Record<string, unknown>);
    kept.origin.push(index);
  });
  return kept;
}

/** `members.1.name` (the second kept row) → `members.3.name` (the form row it came from). */
export function errorsAtFormRows(
  errors: Record<string, string>,
  list: string,
  origin: number[],
): Record<string, string> {
  const pattern = new RegExp(`^${list}\\.(\\d+)(\\.|$)`);
  return Object.fromEntries(
    Object.entries(errors).map(([key, message]) => [
      key.replace(pattern, (whole, i: string, rest: string) =>
        origin[Number(i)] === undefined ? whole : `${list}.${origin[Number(i)]}${rest}`,
      ),
      message,
    ]),
  );
}
