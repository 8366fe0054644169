// Several rate-limit counters counted in one statement: a NIK check counts its client and its
// NIK, a tracking attempt its client and its reference. rate-limiter-flexible counts one key per
// statement, and on the lookup path those two upserts were the largest cost left (issue 7). The
// rows are the library's own (`rate_limits`: key, points, expire in epoch ms; keys
// `<prefix>:<key>`), counted with its rule: a window that has ended starts again at 1. One
// statement is atomic on both engines, so processes sharing the database count together.

/** One counter to add points to: the full key (`client:203.0.113.7`), its window, how many (1). */
export interface CounterHit {
  key: string;
  durationMs: number;
  /** Points to add; 1 when absent. A grouped write adds the hits of many requests at once. */
  points?: number;
}

/** A counter after the hit: its points in the current window and when that window ends. */
export interface CounterState {
  points: number;
  /** Epoch ms; null for a counter without a window. */
  expire: number | null;
}

export interface CounterStore {
  /** Adds its points (1) to each counter (distinct keys), in one statement; answers in `hits` order. */
  hit(hits: readonly CounterHit[]): Promise<CounterState[]>;
}

const TABLE = 'rate_limits';

/**
 * The upsert for `n` counters, with `?` or `$n` placeholders: (key, points, expire) per row, then
 * `now` twice. Rows are locked in key order (the caller sorts), so two statements cannot deadlock.
 */
export function counterUpsertSql(n: number, placeholder: (i: number) => string): string {
  const rows = Array.from(
    { length: n },
    (_, i) => `(${placeholder(3 * i + 1)}, ${placeholder(3 * i + 2)}, ${placeholder(3 * i + 3)})`,
  );
  const now = placeholder(3 * n + 1);
  const now2 = placeholder(3 * n + 2);
  return `INSERT INTO ${TABLE} (key, points, expire) VALUES ${rows.join(', ')}
 ON CONFLICT (key) DO UPDATE SET
   points = CASE WHEN ${TABLE}.expire <= ${now} THEN excluded.points ELSE ${TABLE}.points + excluded.points END,
   expire = CASE WHEN ${TABLE}.expire <= ${now2} THEN excluded.expire ELSE ${TABLE}.expire END
 RETURNING key, points, expire`;
}

/** The statement's parameters, and the hits in the (sorted, distinct) order they are sent. */
export function counterUpsertParams(hits: readonly CounterHit[], now: number) {
  const sorted = [...new Map(hits.map((h) => [h.key, h])).values()].sort((a, b) =>
    a.key < b.key ? -1 : a.key > b.key ? 1 : 0,
  );
  const params: (string | number)[] = [];
  for (const h of sorted) params.push(h.key, h.points ?? 1, now + h.durationMs);
  params.push(now, now);
  return { sorted, params };
}

/** The returned rows in the order of `hits`. */
export function statesInOrder(
  hits: readonly CounterHit[],
  rows: readonly { key: string; points: number | string; expire: number | string | null }[],
): CounterState[] {
  const byKey = new Map(rows.map((r) => [r.key, r]));
  return hits.map((h) => {
    const row = byKey.get(h.key);
    if (!row) throw new Error(`counter ${h.key} was not returned`);
    return { points: Number(row.points), expire: row.expire === null ? null : Number(row.expire) };
  });
}

/** Counters in memory, for unit tests without a database (one process only). */
export function memoryCounters(now: () => number = Date.now): CounterStore {
  const counters = new Map<string, CounterState>();
  return {
    async hit(hits) {
      const at = now();
      return hits.map((h) => {
        const current = counters.get(h.key);
        const points = h.points ?? 1;
        const next =
          current && (current.expire === null || current.expire > at)
            ? { points: current.points + points, expire: current.expire }
            : { points, expire: at + h.durationMs };
        counters.set(h.key, next);
        return { ...next };
      });
    },
  };
}
