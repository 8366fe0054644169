// The check the naughty-string sweep relies on must tell markup a resident's text made from the
// same text safely escaped, or a passing sweep would prove nothing.
import { describe, expect, it } from 'vitest';
import { dealNaughtyStrings, injectedMarkup } from '../support/naughty-strings.ts';

const page = (inside: string) =>
  `<!doctype html><html><head><script src="/js/enhance.js" defer></script></head><body>${inside}</body></html>`;
const baseline = page('<input name="name" value="">');

describe('finding injected markup', () => {
  it('finds a script element, an event handler and a way out of an attribute', () => {
    const script = '<script>alert(123)</script>';
    expect(injectedMarkup(page(`<p>${script}</p>`), baseline, script)).toBeDefined();
    const img = '<img src=x onerror=alert(1)>';
    expect(injectedMarkup(page(`<p>${img}</p>`), baseline, img)).toBeDefined();
    const breakout = '"><b>x</b>';
    expect(injectedMarkup(page(`<input value="${breakout}">`), baseline, breakout)).toBeDefined();
  });

  it('accepts the same text escaped, and `<` inside a double-quoted attribute value', () => {
    const script = '<script>alert(123)</script>';
    expect(
      injectedMarkup(page('<p>&lt;script&gt;alert(123)&lt;/script&gt;</p>'), baseline, script),
    ).toBeUndefined();
    expect(injectedMarkup(page(`<input value="${script}">`), baseline, script)).toBeUndefined();
    const breakout = '"><img src=x onerror=alert(1)>';
    const escaped = '&#34;><img src=x onerror=alert(1)>';
    expect(injectedMarkup(page(`<input value="${escaped}">`), baseline, breakout)).toBeUndefined();
  });

  it('deals every string of the list over the fields', () => {
    for (const fields of [1, 7, 45, 52, 600]) {
      const deal = dealNaughtyStrings(fields);
      expect(deal.covered()).toBe(deal.total);
    }
  });
});
