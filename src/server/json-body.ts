// Reads a JSON request body and checks its shape; every way a body can be wrong becomes a 4xx.
import type { HttpBindings } from '@hono/node-server';
import type { Context, MiddlewareHandler } from 'hono';
import { bodyLimit } from 'hono/body-limit';
import type { z } from 'zod';
import { AppError } from '../domain/errors.ts';
import { isMessageKey } from '../i18n/messages.ts';
import { readBodyWithin } from './bounded-body.ts';
import type { AppEnv } from './env.ts';

const JSON_TYPE = /^application\/(?:[\w.+-]+\+)?json\b/i;

/**
 * Refuses bodies over `maxSize` bytes with 413, counting the bytes that arrive (a chunked body
 * declares no length). Under Node a non-multipart body is left for `requestText` to read and
 * count straight from the socket's stream: Hono's bodyLimit builds the web `Request` and its
 * stream, which cost a lookup more than its two queries. Multipart forms, and requests made
 * without Node (`app.request` in tests), go through Hono's bodyLimit.
 */
export function limitBody(maxSize: number): MiddlewareHandler<AppEnv> {
  const throughRequest = bodyLimit({
    maxSize,
    onError: () => {
      throw new AppError('payload_too_large');
    },
  });
  return async (c, next) => {
    const incoming = (c.env as HttpBindings | undefined)?.incoming;
    if (!incoming || /^multipart\//i.test(c.req.header('content-type') ?? '')) return throughRequest(c, next);
    const declared = Number(c.req.header('content-length'));
    if (Number.isFinite(declared) && declared > maxSize) throw new AppError('payload_too_large');
    c.set('bodyLimit', maxSize);
    await next();
  };
}

/** The body as text, within the limit `limitBody` set. */
export async function requestText(c: Context<AppEnv>): Promise<string> {
  const incoming = (c.env as HttpBindings | undefined)?.incoming;
  const limit: number | undefined = c.get('bodyLimit');
  if (!incoming || limit === undefined) return c.req.text();
  const body = await readBodyWithin(incoming, limit);
  if (body.kind === 'too_large') throw new AppError('payload_too_large');
  // The client went away mid-body: no one reads the answer.
  if (body.kind === 'aborted') throw new AppError('malformed_json');
  return body.bytes.toString('utf8');
}

export async function readJson<S extends z.ZodType>(c: Context<AppEnv>, schema: S): Promise<z.infer<S>> {
  const type = c.req.header('content-type') ?? '';
  if (!JSON_TYPE.test(type)) throw new AppError('unsupported_media_type');
  return checkShape(schema, await parseJson(c));
}

/** The body parsed as JSON; `malformed_json` when it is not. */
export async function parseJson(c: Context<AppEnv>): Promise<unknown> {
  const text = await requestText(c);
  try {
    return JSON.parse(text);
  } catch {
    throw new AppError('malformed_json');
  }
}

export const isJsonType = (type: string) => JSON_TYPE.test(type);

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
