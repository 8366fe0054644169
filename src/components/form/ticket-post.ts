// The recipe every resident form page follows on POST: read the form, submit with the form's
// token as idempotency key, and either hand back a receipt or the errors with everything typed.

import type { Challenge } from '../../domain/privacy/proof-of-work.ts';
import {
  type KeptUpload,
  keepValidUploads,
  withKeptUploads,
} from '../../domain/tickets/provisional-uploads.ts';
import type { Receipt, SubmitMeta } from '../../domain/tickets/submit-ticket.ts';
import { REFUSED_FORM_ERROR, type ReadForm } from './form-data.ts';
import { pageErrors, readPostedForm } from './page-errors.ts';
import { challengeOf, formProof } from './proof-of-work-field.ts';

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
  /** Files kept for this form (not to be chosen again), and fields whose file was not kept. */
  uploads: FormUploads;
  /** With a 428: the proof-of-work challenge the form solves and is sent again with. */
  challenge?: Challenge;
}

export interface FormUploads {
  kept: KeptUpload[];
  /** Fields that carried a file that could not be kept: the resident must choose it again. */
  lost: string[];
}

export const NO_UPLOADS: FormUploads = { kept: [], lost: [] };

/** The checkbox by a kept file that asks to forget it. */
export const DROP_UPLOAD_FIELD = 'drop_upload';

/**
 * Keeps the valid files of a form that is shown again (errors, or a next step without JS), so
 * that they need not be chosen again; says which could not be kept.
 */
export async function keepUploads(read: ReadForm, locals: App.Locals, token: string): Promise<FormUploads> {
  const now = locals.deps.now();
  const dropped = new Set(read.multi[DROP_UPLOAD_FIELD] ?? []);
  // Forgets what was asked to be forgotten first, so a dropped file is not shown as kept.
  await withKeptUploads(locals.deps, token, [], now, dropped);
  const kept = await keepValidUploads(locals.deps, token, read.files, now);
  const lost = read.files.map((f) => f.field).filter((f) => !kept.some((k) => k.field === f));
  return { kept, lost };
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
  const posted = await readPostedForm(
    { request, locals },
    options.listFields ? { listFields: options.listFields } : {},
  );
  if (!posted.ok)
    return {
      ...posted.read,
      token: tokenOf(posted.read),
      params: {},
      uploads: NO_UPLOADS,
      ...posted.failure,
    };
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
  if (read.refused)
    return {
      ...read,
      token,
      errors: { ...REFUSED_FORM_ERROR },
      params: {},
      status: 400,
      uploads: NO_UPLOADS,
    };
  const dropped = new Set(read.multi[DROP_UPLOAD_FIELD] ?? []);
  // The files chosen now, and those kept from an earlier send of this form. Kept files stay until
  // they expire, even after the receipt: Back and send again must be the same request.
  const attachments = await withKeptUploads(locals.deps, token, read.files, locals.deps.now(), dropped);
  try {
    const receipt = await submit(locals.deps, shape ? shape(read) : read.data, {
      idempotencyKey: `form:${token}`,
      locale: locals.locale,
      attachments,
      clientKey: locals.clientKey,
      proof: formProof(read),
      // Back after a receipt and send again: a new token, the same typed values, one ticket.
      repeatsOf: locals.clientKey,
    });
    return { ...read, token, receipt, errors: {}, params: {}, status: 200, uploads: NO_UPLOADS };
  } catch (error) {
    const shown = pageErrors(error);
    const challenge = challengeOf(error);
    return {
      ...read,
      token,
      params: {},
      ...shown,
      uploads: await keepUploads(read, locals, token),
      ...(challenge ? { challenge } : {}),
    };
  }
}

/** The public address of the tracking page for a reference (never with the code). */
export function trackingUrl(request: Request, reference: string): string {
  const host = request.headers.get('host') ?? 'localhost';
  const proto = request.headers.get('x-forwarded-proto') === 'https' ? 'https' : 'http';
  return `${proto}://${host}/lacak?ref=${encodeURIComponent(reference)}`;
}
