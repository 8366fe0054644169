// The proof of work on public lookups (issue 22): what a solution must be, and how the lookup
// limits answer a missing, bad, spent or too easy one.
import { createHash } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import { memoryCounters } from '../../src/db/rate-counters.ts';
import {
  DEFAULT_LOOKUP_LIMITS,
  LookupLimits,
  proofKey,
  type RequestProof,
} from '../../src/domain/cek/lookup-limits.ts';
import { isAppError } from '../../src/domain/errors.ts';
import { type Challenge, ProofOfWork, solveChallenge } from '../../src/domain/privacy/proof-of-work.ts';

const secret = Buffer.alloc(32, 7);
const encode = (value: unknown) => Buffer.from(JSON.stringify(value)).toString('base64');
const decode = (payload: string) => JSON.parse(Buffer.from(payload, 'base64').toString('utf8'));

describe('a proof-of-work solution', () => {
  const pow = new ProofOfWork({ secret });

  it('is a challenge in ALTCHA v1 form whose number lies within the cost', () => {
    const c = pow.challenge(1000);
    expect(c).toMatchObject({ algorithm: 'SHA-256', maxnumber: 1000 });
    expect(c.salt).toMatch(/^[0-9a-f]{24}\?expires=\d+&cost=1000$/);
    const solved = decode(solveChallenge(c));
    expect(solved.number).toBeGreaterThanOrEqual(0);
    expect(solved.number).toBeLessThanOrEqual(1000);
    expect(
      createHash('sha256')
        .update(c.salt + solved.number)
        .digest('hex'),
    ).toBe(c.challenge);
  });

  it('checks out when solved, with its cost, expiry and signature', () => {
    const c = pow.challenge(500);
    const check = pow.check(solveChallenge(c));
    expect(check.kind).toBe('valid');
    if (check.kind === 'valid') {
      expect(check.proof.cost).toBe(500);
      expect(check.proof.signature).toBe(c.signature);
      expect(check.proof.expiresMs).toBeGreaterThan(Date.now());
    }
  });

  it('is missing when nothing was sent', () => {
    for (const nothing of [undefined, null, '']) expect(pow.check(nothing)).toEqual({ kind: 'missing' });
  });

  it('is refused with a wrong number', () => {
    const c = pow.challenge(500);
    const solved = decode(solveChallenge(c));
    expect(pow.check(encode({ ...solved, number: solved.number + 1 }))).toMatchObject({
      reason: 'wrong_number',
    });
  });

  it('is refused when signed by another server, or with a made-up challenge', () => {
    const other = new ProofOfWork({ secret: Buffer.alloc(32, 8) });
    expect(pow.check(solveChallenge(other.challenge(100)))).toMatchObject({ reason: 'forged' });
    // An easy challenge of one's own making, with a real signature of another challenge.
    const real = pow.challenge(100);
    const salt = `${'a'.repeat(24)}?expires=${Math.floor(Date.now() / 1000) + 600}&cost=1`;
    const challenge = createHash('sha256').update(`${salt}0`).digest('hex');
    const made = { algorithm: 'SHA-256', challenge, number: 0, salt, signature: real.signature };
    expect(pow.check(encode(made))).toMatchObject({ reason: 'forged' });
  });

  it('cannot have its cost lowered: the cost is in the signed salt', () => {
    const c = pow.challenge(4000);
    const solved = decode(solveChallenge(c));
    const cheaper = { ...solved, salt: solved.salt.replace('cost=4000', 'cost=10') };
    expect(pow.check(encode(cheaper)).kind).toBe('invalid');
  });

  it('is refused once expired', () => {
    let now = Date.now();
    const clocked = new ProofOfWork({ secret, validSeconds: 60, now: () => now });
    const payload = solveChallenge(clocked.challenge(100));
    expect(clocked.check(payload).kind).toBe('valid');
    now += 61_000;
    expect(clocked.check(payload)).toMatchObject({ kind: 'invalid', reason: 'expired' });
  });

  it('is refused, never thrown on, for anything else a client may send', () => {
    const c = pow.challenge(100);
    const solved = decode(solveChallenge(c));
    const garbage: unknown[] = [
      'not base64 !!',
      encode('a string'),
      encode([solved]),
      encode(null),
      encode({ ...solved, number: '7' }),
      encode({ ...solved, number: -1 }),
      encode({ ...solved, number: 1.5 }),
      encode({ ...solved, number: 1e300 }),
      encode({ ...solved, algorithm: 'SHA-1' }),
      encode({ ...solved, challenge: { toString: () => c.challenge } }),
      encode({ ...solved, signature: ['x'] }),
      encode({ ...solved, salt: 'x'.repeat(5000) }),
      encode({ ...solved, salt: `${solved.salt}<script>` }),
      encode({ __proto__: { number: 1 }, algorithm: 'SHA-256' }),
      JSON.stringify(solved),
      'A'.repeat(5000),
      { ...solved },
      42,
      ['a'],
      true,
    ];
    for (const g of garbage) expect(pow.check(g), String(g).slice(0, 40)).toMatchObject({ kind: 'invalid' });
    expect(Object.prototype).not.toHaveProperty('number');
  });
});

describe('the lookup limits with a proof of work', () => {
  const settings = { ...DEFAULT_LOOKUP_LIMITS, perClient: 9, perNik: 3, proofCost: 50, hardProofCost: 400 };
  const pow = new ProofOfWork({ secret });
  const limits = () => new LookupLimits(settings, undefined, memoryCounters(), pow);
  const proof = (cost = 50): RequestProof => ({ payload: solveChallenge(pow.challenge(cost)) });
  const refusal = async (p: Promise<unknown>) => {
    const error = await p.then(
      () => null,
      (e: unknown) => e,
    );
    if (!isAppError(error)) throw new Error(`expected an AppError, got ${String(error)}`);
    return error;
  };

  it('lets a solved lookup through and gives challenges of the set cost', async () => {
    const l = limits();
    await l.countNikCheck('a', '3171010101900001', proof());
    expect(l.challenge().maxnumber).toBe(50);
  });

  it('counts a solution used again (a replay, a network retry) as no proof: the stricter third', async () => {
    const l = limits();
    const payload = solveChallenge(pow.challenge(50));
    await l.countNikCheck('a', '3171010101900001', { payload });
    // perClient 9: a third (3) without a proof, and a replay is worth no more.
    for (let i = 2; i <= 4; i++) await l.countNikCheck('a', `317101010190000${i}`, { payload });
    const error = await refusal(l.countNikCheck('a', '3171010101900005', { payload }));
    expect(error.code).toBe('rate_limited');
    // Fresh solutions still have the rest of the full limit.
    await l.countNikCheck('a', '3171010101900006', proof());
  });

  it('knows a solution spent through this process without asking the store again', async () => {
    const inner = memoryCounters();
    const asked: string[][] = [];
    const l = new LookupLimits(
      settings,
      undefined,
      {
        hit(hits) {
          asked.push(hits.map((h) => h.key.split(':')[0] ?? ''));
          return inner.hit(hits);
        },
      },
      pow,
    );
    const payload = solveChallenge(pow.challenge(50));
    await l.countNikCheck('a', '3171010101900001', { payload });
    await l.countNikCheck('a', '3171010101900002', { payload });
    // The first spends it with its counters; the replay counts the stricter ones in the same
    // statement, without writing the proof again or a second statement.
    expect(asked).toEqual([
      ['client', 'nik', 'proof'],
      ['client', 'nik', 'client-noproof'],
    ]);
  });

  it('spends a solution under a key of its own that sorts by its expiry (neighbours in the index)', async () => {
    const keys: string[] = [];
    const l = new LookupLimits(
      settings,
      undefined,
      {
        hit(hits) {
          keys.push(...hits.map((h) => h.key).filter((k) => k.startsWith('proof:')));
          return memoryCounters().hit(hits);
        },
      },
      pow,
    );
    let now = Date.now();
    const clock = new ProofOfWork({ secret, now: () => now });
    const early = solveChallenge(clock.challenge(50));
    now += 61_000;
    const later = solveChallenge(clock.challenge(50));
    await l.countNikCheck('a', '3171010101900001', { payload: later });
    await l.countNikCheck('b', '3171010101900002', { payload: early });
    const [laterKey, earlyKey] = keys as [string, string];
    const checked = pow.check(later);
    if (checked.kind !== 'valid') throw new Error('the later solution should check out');
    // The same solution gives the same key in every process: the key is made of it alone.
    expect(laterKey).toBe(proofKey(checked.proof));
    expect(laterKey).toMatch(/^proof:\d{13}:[0-9a-f]{64}$/);
    // Whatever their signatures, the solution handed out first sorts first.
    expect(earlyKey < laterKey).toBe(true);
  });

  it('never lets a replayed solution pass a NIK over its limit', async () => {
    const l = limits();
    const nik = '3171010101900001';
    const hard = (
      await refusal(
        (async () => {
          for (let i = 0; i < 4; i++) await l.countNikCheck(`x-${i}`, nik, proof());
        })(),
      )
    ).challenge as Challenge;
    const payload = solveChallenge(hard);
    await l.countNikCheck('owner', nik, { payload });
    const again = await refusal(l.countNikCheck('thief', nik, { payload }));
    expect(again.code).toBe('rate_limited');
    expect(again.fields.form).toMatch(/^limit\.target_busy/);
  });

  it('refuses a forged or expired solution before counting', async () => {
    const l = limits();
    const forged = await refusal(l.countNikCheck('a', '3171010101900001', { payload: 'Zm9v' }));
    expect(forged.code).toBe('proof_required');
    expect(forged.fields).toEqual({ form: 'proof.invalid' });
    const clocked = new ProofOfWork({ secret, validSeconds: -1 });
    const expired = await refusal(
      l.countNikCheck('a', '3171010101900001', { payload: solveChallenge(clocked.challenge(50)) }),
    );
    expect(expired.fields).toEqual({ form: 'proof.expired' });
  });

  it('spends a request’s proof once however many times the request is counted', async () => {
    const l = limits();
    const one = proof();
    await l.countNikCheck('a', '3171010101900001', one);
    await l.countSubmission('a', one);
    await l.countTracking('a', 'USL-1', one);
  });

  it('gives a client without a proof a third of its limit, and says what to do', async () => {
    const l = limits();
    for (let i = 0; i < 3; i++) await l.countNikCheck('nojs', `317101010190000${i}`);
    const error = await refusal(l.countNikCheck('nojs', '3171010101900009'));
    expect(error.code).toBe('rate_limited');
    // With proofs the same client still has the rest of its limit.
    await l.countNikCheck('nojs', '3171010101900008', proof());
  });

  it('asks for a harder proof, not a refusal, once a NIK is over its limit from anyone', async () => {
    const l = limits();
    const nik = '3171010101900001';
    for (let i = 0; i < 3; i++) await l.countNikCheck(`attacker-${i}`, nik, proof());
    const error = await refusal(l.countNikCheck('owner', nik, proof()));
    expect(error.code).toBe('proof_required');
    expect(error.fields).toEqual({ form: 'proof.harder' });
    const hard = error.challenge as Challenge;
    expect(hard.maxnumber).toBe(400);
    await l.countNikCheck('owner', nik, { payload: solveChallenge(hard) });
    // Without JavaScript the owner is told why and how long, not given a dead end.
    const plain = await refusal(l.countNikCheck('owner-nojs', nik));
    expect(plain.code).toBe('rate_limited');
    expect(plain.fields.form).toMatch(/^limit\.target_busy\?minutes=\d+$/);
  });
});
