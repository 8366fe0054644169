// `npm run lighthouse` scores a trace whose tasks are shrunk to their CPU time: the shrinking must
// keep every nested event inside its task, leave other threads' and idle time alone, and never
// lengthen a task.
import { describe, expect, it } from 'vitest';
import { shrinkTasksToCpuTime, type TraceEvent } from '../../tools/trace-cpu-time.ts';

const event = (e: Partial<TraceEvent> & Pick<TraceEvent, 'name' | 'ts'>): TraceEvent => ({
  ph: 'X',
  pid: 1,
  tid: 1,
  ...e,
});

describe('shrinking a trace to CPU time', () => {
  it('shrinks a task waiting for a core to its CPU time, with its nested events inside it', () => {
    // 200 ms on the wall clock, 20 ms on the CPU: a layout preempted by other processes.
    const task = event({ name: 'RunTask', ts: 1_000_000, dur: 200_000, tdur: 20_000 });
    const style = event({ name: 'UpdateLayoutTree', ts: 1_000_000, dur: 50_000, tdur: 5_000 });
    const layout = event({ name: 'Layout', ts: 1_100_000, dur: 100_000, tdur: 15_000 });
    const mark = event({ name: 'firstContentfulPaint', ph: 'I', ts: 1_200_000 });
    const later = event({ name: 'RunTask', ts: 2_000_000, dur: 10_000, tdur: 10_000 });
    const removed = shrinkTasksToCpuTime([task, style, layout, mark, later]);

    expect(task.dur).toBeCloseTo(20_000);
    expect(removed).toBeCloseTo(180_000);
    expect(style).toMatchObject({ ts: 1_000_000 });
    expect(style.dur).toBeCloseTo(5_000);
    expect(layout.ts).toBeCloseTo(1_010_000);
    expect(layout.dur).toBeCloseTo(10_000);
    expect(mark.ts).toBeCloseTo(1_020_000);
    for (const nested of [style, layout]) {
      expect(nested.ts + (nested.dur ?? 0)).toBeLessThanOrEqual(task.ts + (task.dur ?? 0) + 1e-6);
    }
    // A task that ran without waiting keeps its place and length.
    expect(later).toMatchObject({ ts: 2_000_000, dur: 10_000 });
  });

  it('leaves other threads, async events and tasks without a thread time as they were', () => {
    const main = event({ name: 'RunTask', ts: 0, dur: 100, tdur: 10 });
    const otherThread = event({ name: 'Paint', tid: 2, ts: 50, dur: 40 });
    const asyncStart = event({ name: 'ResourceLoad', ph: 'b', ts: 50 });
    const noThreadTime = event({ name: 'RunTask', tid: 3, ts: 0, dur: 100 });
    shrinkTasksToCpuTime([main, otherThread, asyncStart, noThreadTime]);
    expect(otherThread).toMatchObject({ ts: 50, dur: 40 });
    expect(asyncStart).toMatchObject({ ts: 50 });
    expect(noThreadTime).toMatchObject({ ts: 0, dur: 100 });
  });

  it('never makes a task longer than its wall time', () => {
    // Thread time can exceed wall time by clock granularity.
    const task = event({ name: 'RunTask', ts: 0, dur: 100, tdur: 104 });
    shrinkTasksToCpuTime([task]);
    expect(task.dur).toBe(100);
  });
});
