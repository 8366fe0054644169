// Turns a submitted HTML form into the nested object the domain validates (`members.0.name` →
// `{ members: [{ name }] }`), the flat values to re-render it with, and the chosen files.
import type { IncomingAttachment } from '../../domain/tickets/submit-ticket.ts';

export interface ReadForm {
  data: Record<string, unknown>;
  /** Every text value by field name, for re-rendering; several values joined in `multi`. */
  values: Record<string, string>;
  multi: Record<string, string[]>;
  files: IncomingAttachment[];
}

/** Field names (with `*` for an index) that are lists even when one box is ticked. */
export async function readForm(
  form: FormData,
  listFields: RegExp[] = [],
  maxLength = 20_000,
): Promise<ReadForm> {
  const data: Record<string, unknown> = {};
  const values: Record<string, string> = {};
  const multi: Record<string, string[]> = {};
  const files: IncomingAttachment[] = [];
  for (const [name, value] of form.entries()) {
    if (typeof value !== 'string') {
      if (value.size > 0) files.push({ field: name, bytes: new Uint8Array(await value.arrayBuffer()) });
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
  return { data, values, multi, files };
}

function setPath(target: Record<string, unknown>, path: string[], value: unknown) {
  let node: Record<string, unknown> | unknown[] = target;
  for (const [i, key] of path.entries()) {
    const last = i === path.length - 1;
    const nextIsIndex = !last && /^\d+$/.test(path[i + 1] ?? '');
    const slot = Array.isArray(node) ? Number(key) : key;
    if (Array.isArray(node) && (!Number.isInteger(slot) || (slot as number) > 100)) return;
    const container = node as Record<string | number, unknown>;
    if (last) {
      container[slot] = value;
      return;
    }
    container[slot] ??= nextIsIndex ? [] : {};
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
