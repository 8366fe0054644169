// The one place a page turns a posted body or a thrown error into what it shows: the field →
// message map, the status (from the one HTTP_STATUS table the API uses too) and Retry-After.
import { type FieldErrors, HTTP_STATUS, isAppError } from '../../domain/errors.ts';
import { REFUSED_FORM_ERROR, type ReadForm, readForm } from './form-data.ts';
import { FORM_PROOF_FIELD, isFormProofValid } from './form-proof.ts';

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
    // A limit that says more than "wait" (signed out after wrong passwords) names its field.
    const errors =
      Object.keys(error.fields).length > 0 ? error.fields : { [field]: rateLimitMessage(seconds) };
    return { errors, status, retryAfterSeconds: seconds };
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
  /**
   * A body that is not a form (400), a field name that would reach a prototype (400), or a post
   * that cannot show it comes from our pages (403, `form.unproven`): each with what was typed.
   */
  | { ok: false; read: ReadForm; failure: PageErrors };

/** What a page gives `readPostedForm`: Astro's request and locals (or the page's `Astro`). */
export interface PostedPage {
  request: Request;
  locals: Pick<App.Locals, 'deps' | 'clientKey' | 'postProven'>;
}

/**
 * Reads a page's POST body, the one way every page does. `formData()` fails (TypeError) only for
 * a body that is not a form — the client's mistake, answered 400 with the form shown again.
 * A post without Origin or same-site Referer (form-origin.ts) counts only with its form's proof
 * or, for the back office, `proof` (the session's form token); otherwise the resident sees the
 * same form with a fresh proof, and sending it again works.
 */
export async function readPostedForm(
  page: PostedPage,
  options: { listFields?: RegExp[]; field?: string; proof?: (read: ReadForm) => boolean } = {},
): Promise<PostedForm> {
  const field = options.field ?? 'form';
  const form = await page.request.formData().catch(() => null);
  if (!form)
    return { ok: false, read: EMPTY_FORM, failure: { errors: { [field]: 'body.invalid' }, status: 400 } };
  const read = await readForm(form, options.listFields);
  if (read.refused) return { ok: false, read, failure: { errors: { ...REFUSED_FORM_ERROR }, status: 400 } };
  if (!page.locals.postProven && !isProven(page, read, options.proof))
    return { ok: false, read, failure: { errors: { form: 'form.unproven' }, status: 403 } };
  return { ok: true, read };
}

function isProven(page: PostedPage, read: ReadForm, proof?: (read: ReadForm) => boolean): boolean {
  const { deps, clientKey } = page.locals;
  return (
    isFormProofValid(deps.secret, clientKey, read.values[FORM_PROOF_FIELD], deps.now()) ||
    (proof?.(read) ?? false)
  );
}
