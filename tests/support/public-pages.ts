/** Every page a resident reaches from the public navigation, for suites and tools that walk them all. */
export const PUBLIC_PAGES = [
  '/',
  '/cek',
  '/cek/wilayah',
  '/usulan',
  '/sanggahan',
  '/aduan',
  '/lacak',
  '/statistik',
  '/kriteria',
  '/privasi',
] as const;
