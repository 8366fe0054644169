// The server-drawn charts: one image with a title and a description, a bar or a point per value,
// nothing for a hidden value, and text escaped.
import { describe, expect, it } from 'vitest';
import { barChart, lineChart, niceCeiling, wrapLabel } from '../../src/components/charts/svg-charts.ts';

const format = (n: number) => String(n);

describe('barChart', () => {
  const svg = barChart({
    id: 'c1',
    title: 'Aduan <per> program',
    description: 'Angka & tabel',
    labels: ['BPNT', 'Tukang Becak'],
    series: [
      { name: '2018', values: [314, null] },
      { name: '2020', values: [917, 14] },
    ],
    format,
  });

  it('is one labelled image', () => {
    expect(svg).toMatch(/^<svg [^>]*role="img"[^>]*aria-labelledby="c1-t c1-d"/);
    expect(svg).toContain('<title id="c1-t">Aduan &#60;per&#62; program</title>');
    expect(svg).toContain('<desc id="c1-d">Angka &#38; tabel</desc>');
    expect(svg).not.toMatch(/<script|on\w+=/i);
  });

  it('draws a bar per value and none for a hidden one, the longest to scale', () => {
    expect(svg.match(/<rect [^>]*height="14"/g)).toHaveLength(3);
    expect(svg).toContain('>917<');
    expect(svg).toContain('>–<');
    // 917 on a scale to 1,000 over 394 units of width.
    expect(svg).toContain('width="361.3"');
  });
});

describe('lineChart', () => {
  it('joins the points of a series, broken where a value is hidden', () => {
    const svg = lineChart({
      id: 'l1',
      title: 't',
      description: 'd',
      labels: ['Jan', 'Feb', 'Mar', 'Apr'],
      series: [{ name: 'rate', values: [88, 90, null, 93] }],
      yRange: [80, 100],
      format,
    });
    expect(svg.match(/<circle /g)).toHaveLength(3);
    expect(svg.match(/<polyline /g)).toHaveLength(1);
    expect(svg).toContain('>Apr<');
    expect(svg).toContain('>100<');
  });
});

describe('niceCeiling', () => {
  it('rounds up to 1, 2 or 5 times a power of ten', () => {
    expect([0, 7, 14, 917, 1688, 4849].map(niceCeiling)).toEqual([1, 10, 20, 1000, 2000, 5000]);
  });
});

describe('labels are never cut (issue 20 item 7)', () => {
  const long = 'Aduan · Bantuan Sosial Tunai · Dana belum masuk / e-wallet belum disetel';
  it('a long bar label is wrapped over lines of at most 30 characters, every word kept', () => {
    const lines = wrapLabel(long);
    expect(lines.length).toBeGreaterThan(1);
    for (const line of lines) expect(line.length).toBeLessThanOrEqual(30);
    expect(lines.join(' ')).toBe(long);
    expect(wrapLabel('')).toEqual(['']);
    // A word longer than a line is broken inside it, nothing dropped.
    expect(wrapLabel('x'.repeat(65)).join('')).toBe('x'.repeat(65));
  });

  it('the chart shows the whole label, one tspan per line, and grows to hold it', () => {
    const short = barChart({
      id: 'c3',
      title: 't',
      description: 'd',
      labels: ['A'],
      series: [{ name: 'n', values: [1] }],
      format,
    });
    const svg = barChart({
      id: 'c4',
      title: 't',
      description: 'd',
      labels: [long],
      series: [{ name: 'n', values: [1] }],
      format,
    });
    expect(svg).not.toContain('…');
    const shown = [...svg.matchAll(/<tspan[^>]*>([^<]*)<\/tspan>/g)].map((m) => m[1]);
    expect(shown.join(' ')).toBe(long);
    const heightOf = (s: string) => Number(/viewBox="0 0 640 ([\d.]+)"/.exec(s)?.[1]);
    expect(heightOf(svg)).toBeGreaterThan(heightOf(short));
  });

  it('a legend too wide for one row continues on the next, every name whole', () => {
    const names = [
      'PKH (Tahap 4 2020)',
      'BPNT (Desember 2020)',
      'BST (April 2020)',
      'PBI-JK (Desember 2020)',
      'PIP (Tahap 2 2020)',
    ];
    const svg = barChart({
      id: 'c5',
      title: 't',
      description: 'd',
      labels: ['Wates'],
      series: names.map((name) => ({ name, values: [1] })),
      format,
    });
    for (const name of names) expect(svg).toContain(`>${name}<`);
    const xs = [...svg.matchAll(/<rect x="([\d.]+)" y="([\d.]+)" width="12"/g)].map((m) => Number(m[1]));
    // No legend entry starts past the picture's right edge.
    for (const x of xs) expect(x).toBeLessThan(640 - 28);
    expect(
      new Set([...svg.matchAll(/<rect x="[\d.]+" y="([\d.]+)" width="12"/g)].map((m) => m[1])).size,
    ).toBeGreaterThan(1);
  });
});
