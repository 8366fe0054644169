// Every migration, in order. Listed by hand so the bundled server carries them without a file scan.
import type { Migration } from 'kysely';
import * as m001 from './2026-11-23-001-regions-households-programs.ts';
import * as m002 from './2026-11-23-002-tickets.ts';

export const migrations: Record<string, Migration> = {
  '2026-11-23-001-regions-households-programs': m001,
  '2026-11-23-002-tickets': m002,
};
