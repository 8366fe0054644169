// Who calls a public API route, as the domain counts them: the address and the proof of work the
// request carries in its X-Proof-Of-Work header (lookup-limits.ts, proof-of-work.ts).
import type { Context } from 'hono';
import type { Caller } from '../../domain/cek/check-household-by-nik.ts';
import type { AppEnv } from '../env.ts';

export const PROOF_OF_WORK_HEADER = 'X-Proof-Of-Work';

export function callerOf(c: Context<AppEnv>): Caller {
  return { clientKey: c.get('clientKey'), proof: { payload: c.req.header(PROOF_OF_WORK_HEADER) } };
}
