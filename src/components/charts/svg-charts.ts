// Bar and line charts drawn on the server as SVG text: no script, no library in the browser, a
// few kilobytes inline. The picture is for the eye; the numbers are in the table the page puts
// beside it, so the SVG is one image with a title and a description (role="img"), and its own
// texts are not read out twice.

export interface Series {
  name: string;
  /** One value per label; null is a hidden (suppressed) or missing value: no bar, no point. */
  values: readonly (number | null)[];
}

export interface ChartInput {
  /** Unique on the page: the title and description are referenced by id. */
  id: string;
  title: string;
  description: string;
  labels: readonly string[];
  series: readonly Series[];
  /** How a value is written on the chart (axis ticks, bar ends). */
  format: (n: number) => string;
}

export interface LineChartInput extends ChartInput {
  /** The y axis range; by default from 0 to a round number above the largest value. */
  yRange?: readonly [number, number];
}

/** Colours told apart with the common colour blindnesses, each at least 3:1 against white. */
export const PALETTE = ['#1f5f99', '#b3541e', '#2f7d32', '#6a3d9a', '#8a6d00'] as const;

const WIDTH = 640;
const FONT = 'font-family="system-ui,sans-serif" font-size="12"';

export function escapeXml(text: string): string {
  return text.replace(/[<>&"']/g, (c) => `&#${c.charCodeAt(0)};`);
}

function frame(input: ChartInput, height: number, body: string): string {
  const id = escapeXml(input.id);
  return (
    `<svg xmlns="http://www.w3.org/2000/svg" class="chart" role="img" viewBox="0 0 ${WIDTH} ${height}" ` +
    `aria-labelledby="${id}-t ${id}-d" ${FONT}>` +
    `<title id="${id}-t">${escapeXml(input.title)}</title>` +
    `<desc id="${id}-d">${escapeXml(input.description)}</desc>${body}</svg>`
  );
}

/** The legend's rows: an entry that would pass the right edge starts a new row (none was cut). */
const LEGEND_ROW = 18;
function legend(series: readonly Series[]): { svg: string; height: number } {
  if (series.length < 2) return { svg: '', height: 0 };
  let x = 0;
  let y = 0;
  const svg = series
    .map((s, i) => {
      const width = 28 + s.name.length * 7;
      if (x > 0 && x + width > WIDTH) {
        x = 0;
        y += LEGEND_ROW;
      }
      const item =
        `<rect x="${x}" y="${y}" width="12" height="12" fill="${PALETTE[i % PALETTE.length]}"/>` +
        `<text x="${x + 16}" y="${y + 10}">${escapeXml(s.name)}</text>`;
      x += width;
      return item;
    })
    .join('');
  return { svg, height: y + LEGEND_ROW + 6 };
}

/** A scale top at or above `max`: 1, 2 or 5 times a power of ten. */
export function niceCeiling(max: number): number {
  if (max <= 0) return 1;
  const power = 10 ** Math.floor(Math.log10(max));
  for (const step of [1, 2, 5, 10]) if (step * power >= max) return step * power;
  return 10 * power;
}

const round = (n: number) => Math.round(n * 10) / 10;

/** How many characters of a bar's label fit on one line of its 190 px column, at 12 px. */
const LABEL_LINE_CHARS = 30;
const LABEL_LINE_HEIGHT = 14;

/**
 * A label in lines of at most `width` characters, broken between words (a word longer than a line
 * is broken inside it): the whole label is shown, never cut with "…" (issue 20 item 7).
 */
export function wrapLabel(text: string, width = LABEL_LINE_CHARS): string[] {
  const lines: string[] = [];
  let line = '';
  for (const word of text.split(/\s+/).filter(Boolean)) {
    let rest = word;
    while (rest.length > width) {
      if (line) lines.push(line);
      lines.push(rest.slice(0, width));
      rest = rest.slice(width);
      line = '';
    }
    if (!line) line = rest;
    else if (line.length + 1 + rest.length <= width) line = `${line} ${rest}`;
    else {
      lines.push(line);
      line = rest;
    }
  }
  if (line) lines.push(line);
  return lines.length > 0 ? lines : [''];
}

/**
 * Horizontal bars, one group per label and one bar per series: long category names stay readable
 * on a phone (wrapped over as many lines as they need), and the value is written at the end of
 * each bar.
 */
export function barChart(input: ChartInput): string {
  const labelWidth = 190;
  const valueWidth = 56;
  const bar = 14;
  const gap = 2;
  const groupGap = 10;
  const key = legend(input.series);
  const top = input.series.length > 1 ? key.height : 4;
  const barsHeight = input.series.length * (bar + gap) - gap;
  const plotWidth = WIDTH - labelWidth - valueWidth;
  const max = niceCeiling(Math.max(0, ...input.series.flatMap((s) => s.values.map((v) => v ?? 0))));
  const parts: string[] = [key.svg];
  let y0 = top;
  input.labels.forEach((label, row) => {
    const lines = wrapLabel(label);
    // A group is as tall as its bars or its label's lines, whichever is taller.
    const groupHeight = Math.max(barsHeight, lines.length * LABEL_LINE_HEIGHT);
    const firstBaseline = round(y0 + groupHeight / 2 - ((lines.length - 1) * LABEL_LINE_HEIGHT) / 2 + 4);
    parts.push(
      `<text x="${labelWidth - 6}" y="${firstBaseline}" text-anchor="end">${lines
        .map(
          (l, i) =>
            `<tspan x="${labelWidth - 6}" dy="${i === 0 ? 0 : LABEL_LINE_HEIGHT}">${escapeXml(l)}</tspan>`,
        )
        .join('')}</text>`,
    );
    const barsTop = y0 + (groupHeight - barsHeight) / 2;
    input.series.forEach((s, i) => {
      const value = s.values[row] ?? null;
      const y = round(barsTop + i * (bar + gap));
      const w = value === null ? 0 : round((value / max) * plotWidth);
      if (w > 0) {
        parts.push(
          `<rect x="${labelWidth}" y="${y}" width="${w}" height="${bar}" fill="${PALETTE[i % PALETTE.length]}"/>`,
        );
      }
      parts.push(
        `<text x="${round(labelWidth + w + 4)}" y="${round(y + bar - 3)}">${value === null ? '–' : escapeXml(input.format(value))}</text>`,
      );
    });
    y0 += groupHeight + groupGap;
  });
  const height = round(y0 + 4);
  parts.push(
    `<line x1="${labelWidth}" y1="${top - 2}" x2="${labelWidth}" y2="${height - 4}" stroke="#555"/>`,
  );
  return frame(input, height, parts.join(''));
}

/** Lines over labels in order (periods): one polyline and its points per series. */
export function lineChart(input: LineChartInput): string {
  const left = 48;
  const right = 12;
  const key = legend(input.series);
  const top = input.series.length > 1 ? key.height + 4 : 10;
  const plotHeight = 200;
  const bottom = 40;
  const height = top + plotHeight + bottom;
  const values = input.series.flatMap((s) => s.values.filter((v): v is number => v !== null));
  const [lo, hi] = input.yRange ?? [0, niceCeiling(Math.max(0, ...values))];
  const span = hi - lo || 1;
  const plotWidth = WIDTH - left - right;
  const step = input.labels.length > 1 ? plotWidth / (input.labels.length - 1) : 0;
  const xAt = (i: number) => round(left + (input.labels.length > 1 ? i * step : plotWidth / 2));
  const yAt = (v: number) =>
    round(top + plotHeight - ((Math.min(hi, Math.max(lo, v)) - lo) / span) * plotHeight);
  const parts: string[] = [key.svg];
  for (let k = 0; k <= 4; k++) {
    const v = lo + (span * k) / 4;
    const y = yAt(v);
    parts.push(
      `<line x1="${left}" y1="${y}" x2="${WIDTH - right}" y2="${y}" stroke="#ddd"/>` +
        `<text x="${left - 4}" y="${y + 4}" text-anchor="end">${escapeXml(input.format(v))}</text>`,
    );
  }
  // Every label when they fit, else every second or third one.
  const every = Math.max(1, Math.ceil(input.labels.length / 12));
  input.labels.forEach((label, i) => {
    if (i % every !== 0) return;
    parts.push(
      `<text x="${xAt(i)}" y="${top + plotHeight + 16}" text-anchor="middle">${escapeXml(clip(label, 9))}</text>`,
    );
  });
  input.series.forEach((s, n) => {
    const colour = PALETTE[n % PALETTE.length];
    // A hidden value breaks the line rather than joining its neighbours across it.
    const runs: string[][] = [[]];
    s.values.forEach((v, i) => {
      if (v === null) runs.push([]);
      else runs[runs.length - 1]?.push(`${xAt(i)},${yAt(v)}`);
    });
    for (const run of runs.filter((r) => r.length > 1)) {
      parts.push(`<polyline fill="none" stroke="${colour}" stroke-width="2" points="${run.join(' ')}"/>`);
    }
    s.values.forEach((v, i) => {
      if (v !== null) parts.push(`<circle cx="${xAt(i)}" cy="${yAt(v)}" r="3" fill="${colour}"/>`);
    });
  });
  return frame(input, height, parts.join(''));
}

function clip(text: string, length: number): string {
  return text.length > length ? `${text.slice(0, length - 1)}…` : text;
}
