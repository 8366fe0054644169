// The hits of requests that arrive together are written in one statement, and each request is
// answered with its own total, exactly as if each had its own statement (decision 0035).
import { describe, expect, it } from 'vitest';
import { GroupedCounters } from '../../src/db/grouped-counters.ts';
import { type CounterHit, type CounterStore, memoryCounters } from '../../src/db/rate-counters.ts';

const WINDOW = { durationMs: 600_000 };

/** A store that records each statement it is asked for (its rows and their points). */
function recording(inner: CounterStore = memoryCounters()) {
  const statements: CounterHit[][] = [];
  const store: CounterStore = {
    hit(hits) {
      statements.push(hits.map((h) => ({ ...h })));
      return inner.hit(hits);
    },
  };
  return { store, statements };
}

describe('grouped counters', () => {
  it('counts fifty requests of one client in one statement, each told its own total', async () => {
    const { store, statements } = recording();
    const grouped = new GroupedCounters(store);
    const answers = await Promise.all(
      Array.from({ length: 50 }, () => grouped.hit([{ key: 'client:203.0.113.7', ...WINDOW }])),
    );
    expect(answers.map((a) => a[0]?.points).sort((x, y) => (x ?? 0) - (y ?? 0))).toEqual(
      Array.from({ length: 50 }, (_, i) => i + 1),
    );
    expect(statements).toHaveLength(1);
    expect(statements[0]).toEqual([{ key: 'client:203.0.113.7', points: 50, ...WINDOW }]);
    // The next request after them sees them all.
    expect((await grouped.hit([{ key: 'client:203.0.113.7', ...WINDOW }]))[0]?.points).toBe(51);
  });

  it('answers each request its keys in the order it asked, whatever else was in the statement', async () => {
    const grouped = new GroupedCounters(memoryCounters());
    const [one, two, three] = await Promise.all([
      grouped.hit([
        { key: 'client:a', ...WINDOW },
        { key: 'nik:x', ...WINDOW },
        { key: 'proof:1', ...WINDOW },
      ]),
      grouped.hit([
        { key: 'nik:x', ...WINDOW },
        { key: 'client:b', ...WINDOW },
        { key: 'proof:1', ...WINDOW },
      ]),
      grouped.hit([{ key: 'client:a', ...WINDOW, points: 3 }]),
    ]);
    expect(one?.map((s) => s.points)).toEqual([1, 1, 1]);
    // The same proof in two requests together: exactly one of them spent it first.
    expect(two?.map((s) => s.points)).toEqual([2, 1, 2]);
    expect(three?.map((s) => s.points)).toEqual([4]);
    for (const s of [...(one ?? []), ...(two ?? [])]) expect(s.expire).toBeGreaterThan(Date.now());
  });

  it('writes what arrives during a slow statement in the next one, not one statement each', async () => {
    const inner = memoryCounters();
    const statements: number[] = [];
    let release: () => void = () => {};
    let gate = new Promise<void>((r) => {
      release = r;
    });
    const slow: CounterStore = {
      async hit(hits) {
        statements.push(hits.length);
        await gate;
        return inner.hit(hits);
      },
    };
    const grouped = new GroupedCounters(slow);
    const first = grouped.hit([{ key: 'k:first', ...WINDOW }]);
    await new Promise((r) => setImmediate(r));
    expect(statements).toEqual([1]);
    // Twenty requests while the first statement is on its way (a PostgreSQL round trip).
    const later = Array.from({ length: 20 }, (_, i) => grouped.hit([{ key: `k:${i % 4}`, ...WINDOW }]));
    await new Promise((r) => setImmediate(r));
    expect(statements).toEqual([1]);
    release();
    gate = Promise.resolve();
    await first;
    const answers = await Promise.all(later);
    expect(statements).toEqual([1, 4]);
    expect(answers.map((a) => a[0]?.points)).toEqual(
      Array.from({ length: 20 }, (_, i) => Math.floor(i / 4) + 1),
    );
  });

  it('splits a crowd of keys into statements of at most 64 rows', async () => {
    const { store, statements } = recording();
    const grouped = new GroupedCounters(store);
    await Promise.all(Array.from({ length: 150 }, (_, i) => grouped.hit([{ key: `nik:${i}`, ...WINDOW }])));
    expect(statements.map((s) => s.length)).toEqual([64, 64, 22]);
    expect(grouped.statements).toBe(3);
  });

  it('fails the requests of a statement that failed, and counts the next ones again', async () => {
    const inner = memoryCounters();
    let fail = true;
    const flaky: CounterStore = {
      async hit(hits) {
        if (fail) throw new Error('connection lost');
        return inner.hit(hits);
      },
    };
    const grouped = new GroupedCounters(flaky);
    const failed = await Promise.allSettled([
      grouped.hit([{ key: 'client:a', ...WINDOW }]),
      grouped.hit([{ key: 'client:b', ...WINDOW }]),
    ]);
    expect(failed.map((f) => f.status)).toEqual(['rejected', 'rejected']);
    fail = false;
    expect((await grouped.hit([{ key: 'client:a', ...WINDOW }]))[0]?.points).toBe(1);
  });

  it('starts a window that has ended again at one, for every request in the statement', async () => {
    let now = 1_000_000;
    const grouped = new GroupedCounters(memoryCounters(() => now));
    await Promise.all([1, 2, 3].map(() => grouped.hit([{ key: 'client:a', durationMs: 1000 }])));
    now += 1001;
    const again = await Promise.all([1, 2].map(() => grouped.hit([{ key: 'client:a', durationMs: 1000 }])));
    expect(again.map((a) => a[0])).toEqual([
      { points: 1, expire: now + 1000 },
      { points: 2, expire: now + 1000 },
    ]);
  });
});
