// The demo's officers, one per role, plus a second kelurahan operator of another village, all in
// Kota Mojokerto where the demo tickets are, and the Dinas Sosial of Kota Surabaya, whose BST
// lists of Semampir the demo holds too (what one regency's office may not see of another's).
// Demo data only: a start without demo data has no account until an admin is made with
// `npm run user:create`. The README lists them.
import type { Db } from '../db/database.ts';
import { hashPassword } from '../domain/backoffice/passwords.ts';

export interface DemoAccount {
  username: string;
  password: string;
  displayName: string;
  role: 'admin' | 'dinsos' | 'kelurahan' | 'rt_rw';
  areaCode: string | null;
  rt?: string;
  rw?: string;
}

export const DEMO_ACCOUNTS: readonly DemoAccount[] = [
  {
    username: 'admin',
    password: 'admin-demo-2026',
    displayName: 'Admin Dinsos',
    role: 'admin',
    areaCode: null,
  },
  {
    username: 'dinsos.mojokerto',
    password: 'dinsos-demo-2026',
    displayName: 'Petugas SLRT Kota Mojokerto',
    role: 'dinsos',
    areaCode: '35.76',
  },
  {
    username: 'dinsos.surabaya',
    password: 'surabaya-demo-2026',
    displayName: 'Petugas SLRT Kota Surabaya',
    role: 'dinsos',
    areaCode: '35.78',
  },
  {
    username: 'kel.wates',
    password: 'wates-demo-2026',
    displayName: 'Operator Kelurahan Wates',
    role: 'kelurahan',
    areaCode: '35.76.02.1010',
  },
  {
    username: 'kel.kranggan',
    password: 'kranggan-demo-2026',
    displayName: 'Operator Kelurahan Kranggan',
    role: 'kelurahan',
    areaCode: '35.76.03.1001',
  },
  {
    username: 'rt008.wates',
    password: 'rt008-demo-2026',
    displayName: 'Ketua RT 008 RW 004 Wates',
    role: 'rt_rw',
    areaCode: '35.76.02.1010',
    rt: '008',
    rw: '004',
  },
];

/** Adds the demo accounts to a database that has no account yet; returns how many. */
export async function seedDemoAccounts(db: Db, now: Date): Promise<number> {
  const any = await db.selectFrom('users').select('id').limit(1).executeTakeFirst();
  if (any) return 0;
  const at = now.toISOString();
  const hashes = await Promise.all(DEMO_ACCOUNTS.map((a) => hashPassword(a.password)));
  await db
    .insertInto('users')
    .values(
      DEMO_ACCOUNTS.map((a, i) => ({
        username: a.username,
        display_name: a.displayName,
        password_hash: hashes[i] as string,
        role: a.role,
        area_code: a.areaCode,
        rt: a.rt ?? null,
        rw: a.rw ?? null,
        created_at: at,
        password_changed_at: at,
        must_change_password: 0,
        disabled_at: null,
      })),
    )
    .execute();
  return DEMO_ACCOUNTS.length;
}
