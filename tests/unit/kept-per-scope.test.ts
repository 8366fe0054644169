// keptPerScope (src/domain/kept-per-scope.ts): made once per key and scope, the least recently
// used dropped past the bound, and a new scope starts empty.
import { describe, expect, it } from 'vitest';
import { keptPerScope } from '../../src/domain/kept-per-scope.ts';

describe('keptPerScope', () => {
  it('makes a value once per key and scope', () => {
    const keep = keptPerScope<string>(10);
    const scope = {};
    let made = 0;
    const make = (v: string) => () => {
      made++;
      return v;
    };
    expect(keep(scope, 'a', make('A'))).toBe('A');
    expect(keep(scope, 'a', make('other'))).toBe('A');
    expect(keep({}, 'a', make('B'))).toBe('B');
    expect(made).toBe(2);
  });

  it('drops the least recently used past its bound: a value read again stays', () => {
    const keep = keptPerScope<number>(2);
    const scope = {};
    let made = 0;
    const make = () => ++made;
    keep(scope, 'a', make);
    keep(scope, 'b', make);
    keep(scope, 'a', make); // read again: now the most recent
    keep(scope, 'c', make); // drops b
    expect(made).toBe(3);
    keep(scope, 'a', make);
    expect(made).toBe(3);
    keep(scope, 'b', make);
    expect(made).toBe(4);
  });
});
