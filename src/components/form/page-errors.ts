// The one place a page turns a posted body or a thrown error into what it shows: the field →
// message map, the status (from the one HTTP_STATUS table the API uses too) and Retry-After.
import { type FieldErrors, HTTP_STATUS, isAppError } from '../../domain/errors.ts';
import { REFUSED_FORM_ERROR, type ReadForm, readForm } from './form-data.ts';

export interface PageErrors {
  errors: FieldErrors;
  status: number;
  /** With a 429: the seconds for the page's `Retry-After` header. */
  retryAfterSeconds?: number;
}

/** The message every page shows when a lookup limit is reached, with the minutes to wait. */
export function rateLimitMessage(retryAfterSeconds: number): string {
  return `limit.too_many_checks?minutes=${Math.max(1, Math.ceil(retryAfterSeconds / 60))}`;
}

/**
 * An error thrown by the domain as the page shows it. `field` is where a message without a field
 * of its own stands (the rate limit by the NIK on /cek, by the name on a region search).
 * Anything that is not an AppError, or is an internal one, is rethrown: a failure of the service
 * is never shown as the resident's mistake.
 */
export function pageErrors(error: unknown, field = 'form'): PageErrors {
  // By code, not `instanceof`: the error may come from the server bundle's copy of the domain.
  if (!isAppError(error) || error.code === 'internal') throw error;
  const status = HTTP_STATUS[error.code];
  if (error.code === 'rate_limited') {
    const seconds = error.retryAfterSeconds ?? 60;
    return { errors: { [field]: rateLimitMessage(seconds) }, status, retryAfterSeconds: seconds };
  }
  const errors = Object.keys(error.fields).length > 0 ? error.fields : { [field]: `api.${error.code}` };
  return { errors, status };
}

/** Sets what `pageErrors` decided on the page's response. */
export function applyPageErrors(response: { status?: number; headers: Headers }, result: PageErrors): void {
  response.status = result.status;
  if (result.retryAfterSeconds !== undefined)
    response.headers.set('Retry-After', String(result.retryAfterSeconds));
}

const EMPTY_FORM: ReadForm = { data: {}, values: {}, multi: {}, files: [] };

export type PostedForm =
  | { ok: true; read: ReadForm }
  /** A body that is not a form (400), or a field name that would reach a prototype (400). */
  | { ok: false; read: ReadForm; failure: PageErrors };

/**
 * Reads a page's POST body, the one way every page does. `formData()` fails (TypeError) only for
 * a body that is not a form — the client's mistake, answered 400 with the form shown again.
 */
export async function readPostedForm(
  request: Request,
  options: { listFields?: RegExp[]; field?: string } = {},
): Promise<PostedForm> {
  const field = options.field ?? 'form';
  const form = await request.formData().catch(() => null);
  if (!form)
    return { ok: false, read: EMPTY_FORM, failure: { errors: { [field]: 'body.invalid' }, status: 400 } };
  const read = await readForm(form, options.listFields);
  if (read.refused) return { ok: false, read, failure: { errors: { ...REFUSED_FORM_ERROR }, status: 400 } };
  return { ok: true, read };
}
