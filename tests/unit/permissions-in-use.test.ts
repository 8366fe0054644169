// The domain answers as the named checks say (permissions.ts), for every demo account: what a
// check refuses, the domain call refuses too (404 or 403 as before), and what it allows goes on.
// The area rule as a WHERE finds exactly the tickets the row rule lets the officer see.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { DEMO_ACCOUNTS } from '../../src/demo/demo-accounts.ts';
import { listHolidays } from '../../src/domain/backoffice/holidays.ts';
import { musyawarahVillage } from '../../src/domain/backoffice/musyawarah.ts';
import type { Officer } from '../../src/domain/backoffice/officer.ts';
import {
  canEditHolidays,
  canExport,
  canHoldMusyawarah,
  canImport,
  canKeepPrograms,
  canOpenPage,
  canReviewFinding,
  canSeeCase,
  coversVillage,
  servesOneRegency,
  villagesCovered,
} from '../../src/domain/backoffice/permissions.ts';
import { listTemplates } from '../../src/domain/backoffice/response-templates.ts';
import { scopeWhere, villagesUnder } from '../../src/domain/backoffice/scope.ts';
import { isAppError } from '../../src/domain/errors.ts';
import { disputeCounts } from '../../src/domain/export/desil-dispute-export.ts';
import { exportableAreas } from '../../src/domain/export/ministry-export.ts';
import { exportReactivations } from '../../src/domain/export/reactivation-export.ts';
import { findImport } from '../../src/domain/import/import-access.ts';
import { programsFor } from '../../src/domain/program-profiles/keeping.ts';
import { reviewFinding } from '../../src/domain/quality/review-finding.ts';
import { officerNamed } from '../support/domain-calls.ts';
import { openTestDatabase, type TestDatabase } from '../support/test-app.ts';

let env: TestDatabase;
let officers: Officer[];
beforeAll(async () => {
  env = await openTestDatabase();
  officers = await Promise.all(DEMO_ACCOUNTS.map((a) => officerNamed(env.db, a.username)));
}, 120_000);
afterAll(async () => {
  await env.close();
});

/** The error code a call ends with, or 'ok'. */
const outcome = async (call: () => Promise<unknown> | unknown): Promise<string> => {
  try {
    await call();
    return 'ok';
  } catch (error) {
    if (isAppError(error)) return error.code;
    throw error;
  }
};

describe('the domain asks the named checks', { timeout: 120_000 }, () => {
  it('opens the holidays, the programs and the reactivation list exactly to the offices the checks name', async () => {
    for (const officer of officers) {
      const who = officer.username;
      expect({ who, holidays: await outcome(() => listHolidays(env.deps, officer)) }).toEqual({
        who,
        holidays: canEditHolidays(officer) ? 'ok' : 'not_found',
      });
      expect({ who, programs: await outcome(() => programsFor(env.deps, officer)) }).toEqual({
        who,
        programs: canKeepPrograms(officer) ? 'ok' : 'not_found',
      });
      expect({
        who,
        reactivations: await outcome(() => exportReactivations(env.deps, officer, null)),
      }).toEqual({
        who,
        reactivations: canExport(officer, 'reactivation') ? 'ok' : 'not_found',
      });
    }
  });

  it('refuses a finding’s review to an office that may not review, before reading the finding', async () => {
    for (const officer of officers) {
      const answer = await outcome(() => reviewFinding(env.deps, officer, { key: 'x', decision: 'x' }, null));
      expect({ who: officer.username, answer }).toEqual({
        who: officer.username,
        answer: canReviewFinding(officer) ? 'validation_failed' : 'forbidden',
      });
    }
  });

  it('gives the ministry export, the disputes, the Musyawarah and the imports to the offices the checks name', async () => {
    const wates = '35.76.02.1010';
    for (const officer of officers) {
      const who = officer.username;
      expect({ who, exports: exportableAreas(env.deps, officer).length > 0 }).toEqual({
        who,
        exports: canExport(officer, 'ministry'),
      });
      const disputes = await disputeCounts(env.deps, officer);
      if (!canExport(officer, 'desil_dispute')) expect(disputes).toEqual({ selesai: 0, semua: 0 });
      // A village of their own area (the Dinas Sosial chooses one; the kelurahan's is its own).
      const own = villagesCovered(officer, villagesUnder(env.deps.regions))[0] ?? wates;
      const meeting = await outcome(() => musyawarahVillage(env.deps, officer, own));
      expect({ who, meeting: meeting === 'ok' }).toEqual({
        who,
        meeting: canOpenPage(officer, 'musyawarah'),
      });
      if (meeting === 'ok') {
        expect(canHoldMusyawarah(officer, musyawarahVillage(env.deps, officer, own) ?? '')).toBe(true);
      }
      // Another regency's village does not exist for a Dinas Sosial.
      if (!coversVillage(officer, wates) && servesOneRegency(officer)) {
        expect(await outcome(() => musyawarahVillage(env.deps, officer, wates))).toBe('not_found');
      }
      // An import of the command line belongs to the deployment: every importing office opens it.
      const imports = await env.db
        .selectFrom('imports')
        .select('id')
        .where('area_code', 'is', null)
        .execute();
      for (const { id } of imports) {
        expect({ who, id, opens: (await findImport(env.deps, officer, id)) !== undefined }).toEqual({
          who,
          id,
          opens: canImport(officer),
        });
      }
    }
  });

  it('lists for each office the templates of its regency and the shared ones; the admin every one', async () => {
    const all = await env.db.selectFrom('response_templates').select(['id', 'area_code']).execute();
    for (const officer of officers.filter((o) => canOpenPage(o, 'templates'))) {
      const listed = (await listTemplates(env.deps, officer)).map((t) => t.id).sort((a, b) => a - b);
      const expected = all
        .filter((t) => officer.areaCode === null || t.area_code === null || t.area_code === officer.areaCode)
        .map((t) => t.id)
        .sort((a, b) => a - b);
      expect({ who: officer.username, listed }).toEqual({ who: officer.username, listed: expected });
    }
  });

  it('finds with the area rule as a WHERE exactly the tickets the row rule lets each office see', async () => {
    const tickets = await env.db.selectFrom('tickets').select(['id', 'area_code', 'rt', 'rw']).execute();
    expect(tickets.length).toBeGreaterThan(0);
    for (const officer of officers) {
      const rows = await env.db
        .selectFrom('tickets as t')
        .select('t.id')
        .where(scopeWhere(officer, villagesUnder(env.deps.regions)))
        .execute();
      const bySql = rows.map((r) => r.id).sort((a, b) => a - b);
      const byRule = tickets
        .filter((t) => canSeeCase(officer, t))
        .map((t) => t.id)
        .sort((a, b) => a - b);
      expect({ who: officer.username, n: bySql.length, same: bySql.join() === byRule.join() }).toEqual({
        who: officer.username,
        n: byRule.length,
        same: true,
      });
    }
  });
});
