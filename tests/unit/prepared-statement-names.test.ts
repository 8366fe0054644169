// Which statements PostgreSQL prepares once per connection (decision 0040): the texts of prepared
// queries, and texts marked PREPARED_MARK wherever they were built (the inbox's statement is built
// in the pages' bundle). Marked texts are named up to a bound, so that a connection never holds
// statements without end; an unmarked text is never named.
import { describe, expect, it } from 'vitest';
import { MARKED_NAMES_KEPT, PREPARED_MARK, preparedStatementName } from '../../src/db/prepared-query.ts';

describe('prepared statement names', () => {
  it('names a marked text, the same each time, and another text otherwise; never an unmarked one', () => {
    const text = `${PREPARED_MARK}select 1 where ? = ?`;
    const name = preparedStatementName(text);
    expect(name).toMatch(/^prepared-text-\d+$/);
    expect(preparedStatementName(text)).toBe(name);
    expect(preparedStatementName(`${PREPARED_MARK}select 2`)).not.toBe(name);
    expect(preparedStatementName('select 1 where ? = ?')).toBeUndefined();
    expect(preparedStatementName(`select 1 ${PREPARED_MARK}`)).toBeUndefined();
  });

  it('names no more than MARKED_NAMES_KEPT texts, and keeps the names it gave', () => {
    const first = preparedStatementName(`${PREPARED_MARK}select 'first'`);
    const names = new Set<string>();
    for (let i = 0; i < MARKED_NAMES_KEPT * 2; i++) {
      const name = preparedStatementName(`${PREPARED_MARK}select ${i} + 1000`);
      if (name) names.add(name);
    }
    expect(names.size).toBeLessThan(MARKED_NAMES_KEPT);
    expect(preparedStatementName(`${PREPARED_MARK}select 'one more'`)).toBeUndefined();
    expect(preparedStatementName(`${PREPARED_MARK}select 'first'`)).toBe(first);
  });
});
