import { Hono } from 'hono';
import { checkHouseholdByNik } from '../../domain/cek/check-household-by-nik.ts';
import { searchByName } from '../../domain/cek/search-by-name.ts';
import type { AppEnv } from '../env.ts';
import { readJson } from '../json-body.ts';
import { CekRequest, CekWilayahRequest } from './schemas.ts';

export const cekRoutes = new Hono<AppEnv>()
  .post('/cek', async (c) => {
    const body = await readJson(c, CekRequest);
    return c.json(await checkHouseholdByNik(c.get('deps'), body, { clientKey: c.get('clientKey') }));
  })
  .post('/cek/wilayah', async (c) => {
    const body = await readJson(c, CekWilayahRequest);
    return c.json(await searchByName(c.get('deps'), body, { clientKey: c.get('clientKey') }));
  });
