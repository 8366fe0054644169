// A Chrome trace with every task counted at its CPU time instead of its wall time, for
// `npm run lighthouse`. On a machine whose cores are shared (a load average of 10 on 2 cores), a
// 10 ms style recalculation shows as a 200 ms task because the renderer waited for a core; with
// Lighthouse's 4× CPU throttling that alone costs the page its score, and the same page measured
// twice scores 0.45 and 0.98. Each event records its thread time (`tdur`) beside its wall time
// (`dur`): shrinking each top-level task, and everything nested in it, by tdur/dur gives the
// trace an idle machine would have recorded, and Lighthouse's own audit (`-A`) scores that.

export interface TraceEvent {
  ph: string;
  name: string;
  pid: number;
  tid: number;
  ts: number;
  dur?: number;
  tdur?: number;
  [key: string]: unknown;
}

/** Phases that sit on one thread's timeline; async and flow events are left where they are. */
const ON_THREAD = new Set(['X', 'B', 'E', 'I', 'i', 'R']);

/** Rewrites `events` in place; returns the wall time removed, in microseconds. */
export function shrinkTasksToCpuTime(events: TraceEvent[]): number {
  const threads = new Map<string, TraceEvent[]>();
  for (const event of events) {
    if (!ON_THREAD.has(event.ph)) continue;
    const key = `${event.pid}:${event.tid}`;
    const list = threads.get(key) ?? [];
    list.push(event);
    threads.set(key, list);
  }
  let removed = 0;
  for (const list of threads.values()) {
    const isTask = (e: TraceEvent) => e.ph === 'X' && e.name === 'RunTask';
    const tasks = list
      .filter((e) => isTask(e) && typeof e.tdur === 'number' && (e.dur ?? 0) > 0)
      .sort((a, b) => a.ts - b.ts);
    const nested = list.filter((e) => !isTask(e)).sort((a, b) => a.ts - b.ts);
    let next = 0;
    for (const task of tasks) {
      const start = task.ts;
      const wall = task.dur as number;
      const end = start + wall;
      const ratio = Math.min(1, (task.tdur as number) / wall);
      while (next < nested.length && (nested[next] as TraceEvent).ts < start) next++;
      for (; next < nested.length && (nested[next] as TraceEvent).ts <= end; next++) {
        const event = nested[next] as TraceEvent;
        const at = event.ts;
        event.ts = start + (at - start) * ratio;
        if (event.ph === 'X') event.dur = Math.max(0, (Math.min(end, at + (event.dur ?? 0)) - at) * ratio);
      }
      task.dur = wall * ratio;
      removed += wall - task.dur;
    }
  }
  return removed;
}
