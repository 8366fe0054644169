// Reads a JSON request body and checks its shape; every way a body can be wrong becomes a 4xx.
import type { Context } from 'hono';
import type { z } from 'zod';
import { AppError } from '../domain/errors.ts';
import { isMessageKey } from '../i18n/messages.ts';

export async function readJson<S extends z.ZodType>(c: Context, schema: S): Promise<z.infer<S>> {
  const type = c.req.header('content-type') ?? '';
  if (!/^application\/(?:[\w.+-]+\+)?json\b/i.test(type)) throw new AppError('unsupported_media_type');
  let raw: unknown;
  try {
    raw = JSON.parse(await c.req.text());
  } catch {
    throw new AppError('malformed_json');
  }
  return checkShape(schema, raw);
}

/** Checks an already parsed body (JSON, or the `data` field of a multipart) against its schema. */
export function checkShape<S extends z.ZodType>(schema: S, raw: unknown): z.infer<S> {
  const parsed = schema.safeParse(raw);
  if (!parsed.success) {
    const fields: Record<string, string> = {};
    for (const issue of parsed.error.issues) {
      const field = issue.path.length > 0 ? String(issue.path[0]) : 'body';
      fields[field] ??= isMessageKey(issue.message) ? issue.message : 'body.invalid';
    }
    throw new AppError('validation_failed', fields);
  }
  return parsed.data;
}
