// A solved proof of work for a test's request (src/domain/privacy/proof-of-work.ts): a challenge
// fetched as a client fetches it, solved as the browser's worker does. Tests run with a low
// cost (GENEROUS_LIMITS.proofCost), so solving takes a few milliseconds; the server checks it
// the same way at any cost.
import { type Challenge, solveChallenge } from '../../src/domain/privacy/proof-of-work.ts';

type Requester = { request: (path: string, init?: RequestInit) => Response | Promise<Response> };

/** The `X-Proof-Of-Work` header for one request to `app` (a Hono app), or to a server at a base URL. */
export async function proofHeader(app: Requester | string): Promise<Record<string, string>> {
  const res =
    typeof app === 'string'
      ? await fetch(new URL('/api/v1/tantangan', app))
      : await app.request('/api/v1/tantangan');
  if (res.status !== 200) throw new Error(`GET /api/v1/tantangan answered ${res.status}`);
  return { 'x-proof-of-work': solveChallenge((await res.json()) as Challenge) };
}

/** The header solving a challenge a 428 gave. */
export function solvedHeader(challenge: Challenge): Record<string, string> {
  return { 'x-proof-of-work': solveChallenge(challenge) };
}
