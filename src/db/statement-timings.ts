// Where a bulk job's database time goes, in the manner of pg_stat_statements but on either engine:
// every statement Kysely runs, grouped by its text with the placeholders and lists of values folded
// (so a batch insert of 10,000 rows and one of 312 are one line), counted and timed. The text has
// placeholders, never values: nothing personal is kept or printed. Used by `npm run import` under
// IMPORT_TIMINGS=1 (decision 0042).
import type { LogEvent } from 'kysely';

interface Tally {
  calls: number;
  millis: number;
  max: number;
}

/** A statement's text with whitespace collapsed, placeholders as `?` and repeated tuples folded. */
export function statementShape(text: string): string {
  return text
    .replace(/\s+/g, ' ')
    .replace(/\$\d+/g, '?')
    .replace(/\((?:\?, )*\?\)(?:, \((?:\?, )*\?\))+/g, '(…), …')
    .replace(/(?:\?, )+\?/g, '?, …')
    .trim();
}

export class StatementTimings {
  private readonly tallies = new Map<string, Tally>();
  private readonly phases: { name: string; millis: number }[] = [];
  private phaseStarted = performance.now();

  /** Kysely's `log` option. */
  readonly log = (event: LogEvent): void => {
    const shape = statementShape(event.query.sql);
    const tally = this.tallies.get(shape) ?? { calls: 0, millis: 0, max: 0 };
    tally.calls++;
    tally.millis += event.queryDurationMillis;
    tally.max = Math.max(tally.max, event.queryDurationMillis);
    this.tallies.set(shape, tally);
  };

  /** Closes the phase under way (timed since the last call) and names it. */
  phase(name: string): void {
    const now = performance.now();
    this.phases.push({ name, millis: now - this.phaseStarted });
    this.phaseStarted = now;
  }

  /** The phases in order, then the `top` costliest statement shapes, each cut to `width` characters. */
  report(top = 25, width = 160): string {
    const total = [...this.tallies.values()].reduce((sum, t) => sum + t.millis, 0);
    const lines = this.phases.map((p) => `phase ${p.name}: ${(p.millis / 1000).toFixed(2)} s`);
    lines.push(`statements: ${(total / 1000).toFixed(2)} s in all`);
    const sorted = [...this.tallies.entries()].sort((a, b) => b[1].millis - a[1].millis).slice(0, top);
    for (const [shape, t] of sorted) {
      lines.push(
        `${(t.millis / 1000).toFixed(2).padStart(8)} s ${String(t.calls).padStart(6)}× max ${(t.max / 1000).toFixed(2)} s  ${shape.slice(0, width)}`,
      );
    }
    return lines.join('\n');
  }
}
