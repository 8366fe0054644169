// The server-drawn charts: one image with a title and a description, a bar or a point per value,
// nothing for a hidden value, and text escaped.
import { describe, expect, it } from 'vitest';
import { barChart, lineChart, niceCeiling } from '../../src/components/charts/svg-charts.ts';

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
