// Reads a ticket submission from JSON, or from multipart with a `data` JSON field and files.
import type { Context } from 'hono';
import { AppError } from '../../domain/errors.ts';
import type { IncomingAttachment } from '../../domain/tickets/submit-ticket.ts';
import type { AppEnv } from '../env.ts';
import { isJsonType, parseJson } from '../json-body.ts';

export interface TicketBody {
  data: unknown;
  attachments: IncomingAttachment[];
  idempotencyKey: string;
}

const KEY_PATTERN = /^[A-Za-z0-9_.:-]{8,100}$/;

export function idempotencyKeyOf(c: Context): string {
  const given = c.req.header('idempotency-key');
  if (given === undefined) return `api:${crypto.randomUUID()}`;
  if (!KEY_PATTERN.test(given))
    throw new AppError('validation_failed', { idempotency_key: 'ticket.idempotency_key_format' });
  return `api:${given}`;
}

export async function readTicketBody(c: Context<AppEnv>): Promise<TicketBody> {
  const idempotencyKey = idempotencyKeyOf(c);
  const type = c.req.header('content-type') ?? '';
  if (isJsonType(type)) return { data: await parseJson(c), attachments: [], idempotencyKey };
  if (!/^multipart\/form-data\b/i.test(type)) throw new AppError('unsupported_media_type');
  let form: Record<string, string | File | (string | File)[]>;
  try {
    form = await c.req.parseBody({ all: true });
  } catch {
    throw new AppError('validation_failed', { form: 'body.invalid' });
  }
  const attachments: IncomingAttachment[] = [];
  let data: unknown = {};
  for (const [field, value] of Object.entries(form)) {
    for (const item of Array.isArray(value) ? value : [value]) {
      if (item instanceof File) {
        if (item.size > 0)
          attachments.push({ field, name: item.name, bytes: new Uint8Array(await item.arrayBuffer()) });
      } else if (field === 'data') {
        try {
          data = JSON.parse(item);
        } catch {
          throw new AppError('malformed_json');
        }
      }
    }
  }
  return { data, attachments, idempotencyKey };
}
