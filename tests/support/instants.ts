// Instants as the register and the tickets hold them, for property tests of date arithmetic.
import fc from 'fast-check';

/** Any valid instant from 1970 to 2199, to the millisecond. */
export const anyInstant = () =>
  fc.date({
    min: new Date('1970-01-01T00:00:00Z'),
    max: new Date('2199-12-31T23:59:59Z'),
    noInvalidDate: true,
  });
