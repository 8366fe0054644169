// The recipe every resident form page follows on POST: read the form, submit with the form's
// token as idempotency key, and either hand back a receipt or the errors with everything typed.
import type { Receipt, SubmitMeta } from '../../domain/tickets/submit-ticket.ts';
import { REFUSED_FORM_ERROR, type ReadForm } from './form-data.ts';
import { pageErrors, readPostedForm } from './page-errors.ts';

export type Submit = (deps: App.Locals['deps'], raw: unknown, meta: SubmitMeta) => Promise<Receipt>;

export interface TicketPostResult extends ReadForm {
  token: string;
  receipt?: Receipt;
  errors: Record<string, string>;
  /** Parameters for error messages, e.g. the reference of an open duplicate. */
  params: Record<string, string>;
  status: number;
  /** With a 429: the seconds for the page's `Retry-After` header. */
  retryAfterSeconds?: number;
}

const TOKEN = /^[0-9a-f-]{36}$/;

/**
 * Cache-Control for a ticket form page that shows the form (not a receipt) and nothing from the
 * office's data, only what the resident typed. Pages are `no-store` otherwise; this one must stay
 * in the browser's history, so that Back from the receipt and a second send carry the same form
 * token and find the same receipt (one ticket). `private` keeps it out of shared caches, and
 * `no-cache` makes any ordinary load ask the server again.
 */
export const FORM_PAGE_CACHE_CONTROL = 'private, no-cache';

export function newFormToken(): string {
  return crypto.randomUUID();
}

export async function handleTicketPost(
  request: Request,
  locals: App.Locals,
  submit: Submit,
  options: { listFields?: RegExp[]; shape?: (read: ReadForm) => unknown } = {},
): Promise<TicketPostResult> {
  const posted = await readPostedForm(request, options.listFields ? { listFields: options.listFields } : {});
  if (!posted.ok) return { ...posted.read, token: tokenOf(posted.read), params: {}, ...posted.failure };
  return submitReadForm(posted.read, locals, submit, options.shape);
}

/** The form's own token when it sent a well-formed one, so a retry finds the same receipt. */
export function tokenOf(read: ReadForm): string {
  const given = read.values.form_token ?? '';
  return TOKEN.test(given) ? given : newFormToken();
}

export async function submitReadForm(
  read: ReadForm,
  locals: App.Locals,
  submit: Submit,
  shape?: (read: ReadForm) => unknown,
): Promise<TicketPostResult> {
  const token = tokenOf(read);
  if (read.refused) return { ...read, token, errors: { ...REFUSED_FORM_ERROR }, params: {}, status: 400 };
  try {
    const receipt = await submit(locals.deps, shape ? shape(read) : read.data, {
      idempotencyKey: `form:${token}`,
      locale: locals.locale,
      attachments: read.files,
      clientKey: locals.clientKey,
    });
    return { ...read, token, receipt, errors: {}, params: {}, status: 200 };
  } catch (error) {
    return { ...read, token, params: {}, ...pageErrors(error) };
  }
}

/** The public address of the tracking page for a reference (never with the code). */
export function trackingUrl(request: Request, reference: string): string {
  const host = request.headers.get('host') ?? 'localhost';
  const proto = request.headers.get('x-forwarded-proto') === 'https' ? 'https' : 'http';
  return `${proto}://${host}/lacak?ref=${encodeURIComponent(reference)}`;
}
