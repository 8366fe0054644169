// The form field a page's proof of work travels in (ProofOfWork.astro, public/js/pow.js).
import type { RequestProof } from '../../domain/cek/lookup-limits.ts';
import type { AppError } from '../../domain/errors.ts';
import type { Challenge } from '../../domain/privacy/proof-of-work.ts';
import type { ReadForm } from './form-data.ts';

export const PROOF_OF_WORK_FIELD = 'pow';

const proofs = new WeakMap<ReadForm, RequestProof>();

/**
 * The request's proof, as the domain counts it: the same object for every count of one posted form
 * (a sanggahan is submitted, then its name search shown again), so it is spent once.
 */
export function formProof(read: ReadForm): RequestProof {
  let proof = proofs.get(read);
  if (!proof) {
    proof = { payload: read.values[PROOF_OF_WORK_FIELD] };
    proofs.set(read, proof);
  }
  return proof;
}

/** The challenge a 428 carries, for the form shown again (solved and sent by the page's script). */
export function challengeOf(error: unknown): Challenge | undefined {
  return (error as Partial<AppError> | null)?.challenge;
}
