/**
 * The complaint the bench sends (`POST /api/v1/aduan`, tests/bench/run.ts) and the profiler too
 * (tools/profile-under-load.ts): anonymous, no NIK, one of the seed's programs; a new ticket per
 * request, each under its own idempotency key.
 */
export const BENCH_COMPLAINT = JSON.stringify({
  program: 'BPNT',
  problem: 'kks_terblokir',
  description: 'Kartu KKS terblokir sejak Oktober, saldo tidak bisa dipakai di e-Warong.',
  contact: { anonymous: true },
  consent: true,
});
