// The one way the domain fails: throw an AppError with a code from this closed list.
import type { Challenge } from './privacy/proof-of-work.ts';

export const ERROR_CODES = [
  'validation_failed',
  'malformed_json',
  'unsupported_media_type',
  'payload_too_large',
  'not_found',
  'unauthorized',
  'transition_not_allowed',
  'forbidden',
  'rate_limited',
  'proof_required',
  'service_unavailable',
  'internal',
] as const;

export type ErrorCode = (typeof ERROR_CODES)[number];

/** HTTP status for each code, used by the API and the pages alike. */
export const HTTP_STATUS: { [C in ErrorCode]: number } = {
  validation_failed: 422,
  malformed_json: 400,
  unsupported_media_type: 415,
  payload_too_large: 413,
  not_found: 404,
  unauthorized: 401,
  transition_not_allowed: 409,
  forbidden: 403,
  rate_limited: 429,
  // A lookup without a valid proof of work, or one that now needs a harder one: the body carries
  // the challenge to solve (proof-of-work.ts).
  proof_required: 428,
  service_unavailable: 503,
  internal: 500,
};

/** A field → message-key map; the edge translates keys into the user's language. */
export type FieldErrors = Record<string, string>;

export class AppError extends Error {
  readonly code: ErrorCode;
  readonly fields: FieldErrors;
  /** For `rate_limited`: seconds until the caller may try again (the `Retry-After` header). */
  readonly retryAfterSeconds?: number;
  /** For `proof_required`: the challenge to solve before sending again. */
  readonly challenge?: Challenge;

  /**
   * The pages and the server are bundled apart (decision 0001), each with its own copy of this
   * class: an AppError thrown by an object the server built (the lookup limits) reaches a page
   * as the other copy. So `instanceof AppError` recognises the shape — the name and a code from
   * the closed list — not the copy. (Inherited by subclasses: do not subclass.)
   */
  static override [Symbol.hasInstance](value: unknown): boolean {
    return (
      value instanceof Error &&
      value.name === 'AppError' &&
      (ERROR_CODES as readonly unknown[]).includes((value as { code?: unknown }).code) &&
      typeof (value as { fields?: unknown }).fields === 'object'
    );
  }

  constructor(
    code: ErrorCode,
    fields: FieldErrors = {},
    message?: string,
    details: { retryAfterSeconds?: number; challenge?: Challenge } = {},
  ) {
    super(message ?? code);
    this.name = 'AppError';
    this.code = code;
    this.fields = fields;
    if (details.retryAfterSeconds !== undefined) this.retryAfterSeconds = details.retryAfterSeconds;
    if (details.challenge !== undefined) this.challenge = details.challenge;
  }
}

/**
 * True for an AppError from any copy of this module: the pages and the server are bundled apart,
 * so an error thrown by a dependency built on the server side (the lookup limits) fails an
 * `instanceof` check in a page. Recognised by name and code instead.
 */
export function isAppError(error: unknown): error is AppError {
  if (!(error instanceof Error) || error.name !== 'AppError') return false;
  const code = (error as { code?: unknown }).code;
  return typeof code === 'string' && (ERROR_CODES as readonly string[]).includes(code);
}
