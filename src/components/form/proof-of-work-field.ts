// The form field a page's proof of work travels in (ProofOfWork.astro, public/js/pow.js).
import type { AppError } from '../../domain/errors.ts';
import type { Challenge } from '../../domain/privacy/proof-of-work.ts';
import type { ReadForm } from './form-data.ts';

export const PROOF_OF_WORK_FIELD = 'pow';

/** The request's proof, as the domain counts it: one object for all of the request's counts. */
export function formProof(read: ReadForm): { payload: unknown } {
  return { payload: read.values[PROOF_OF_WORK_FIELD] };
}

/** The challenge a 428 carries, for the form shown again (solved and sent by the page's script). */
export function challengeOf(error: unknown): Challenge | undefined {
  return (error as Partial<AppError> | null)?.challenge;
}
