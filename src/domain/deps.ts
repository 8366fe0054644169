// What every use case is given: the database, the region tree and a clock.
import type { Db } from '../db/database.ts';
import type { RegionDirectory } from './regions/region-directory.ts';

export interface DomainDeps {
  db: Db;
  regions: RegionDirectory;
  now: () => Date;
}
