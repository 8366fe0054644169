// The demo records the OpenAPI examples name, as constants: the server carries no demo generator.
// They must exist in the demo data for the examples to work as they are there;
// tests/api/tickets-openapi.test.ts checks that they do.

/** The wife in the Kedundung demo household: listed in BPNT, a recipient one may object to. */
export const EXAMPLE_RECIPIENT_NIK = '3576026108720001';

/** The head of the same household, named as the one affected by the aduan example. */
export const EXAMPLE_AFFECTED_NIK = '3576021403680001';

/** That household's KK: the data request example proves the household with NIK + KK. */
export const EXAMPLE_AFFECTED_KK = '3576021205150001';

/** Demo tickets (their README rows), each in the state its example needs. */
export const EXAMPLE_TICKETS = {
  /** `aduan_terlambat`: forwarded and overdue. */
  lacak: { reference: 'ADU-TRB6HN2K', tracking_code: 'TRMBT-6HW2K', status: 'diteruskan' },
  /** `usulan_perlu_perbaikan`: waits for the resident's correction. */
  perbaikan: { reference: 'USL-7DEM2PRB', tracking_code: 'PRBKT-4MQ7X', status: 'perlu_perbaikan' },
  /** `aduan_selesai`: answered, may be reopened once. */
  bukaKembali: { reference: 'ADU-7KQ4M9XP', tracking_code: 'SRS4K-7QWXM', status: 'selesai' },
} as const;
