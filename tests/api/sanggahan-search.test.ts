// An objection is about a listed household: the name search of /sanggahan offers only heads of
// households that hold a program, with RT/RW so the objector can be sure who it is.
import { describe, expect, it } from 'vitest';
import { describeRecipient, searchByName } from '../../src/domain/cek/search-by-name.ts';
import { useTestApp } from '../support/test-app.ts';

const ctx = useTestApp();
const KEDUNDUNG = '35.76.02.1009';

describe('the name search for an objection', () => {
  it('offers only heads of listed households, with their RT/RW', async () => {
    const deps = ctx.env.deps;
    const everyone = await searchByName(deps, { village_code: KEDUNDUNG, name: 'SITI' }, { clientKey: 't' });
    const objectable = await searchByName(
      deps,
      { village_code: KEDUNDUNG, name: 'SITI' },
      { clientKey: 't' },
      { objectable: true },
    );
    expect(everyone.matches.length).toBeGreaterThan(objectable.matches.length);
    // Every match carries its RT/RW: a plain search tells people of one name apart by them too.
    expect(everyone.matches.every((m) => /^\d{3}$/.test(m.rt) && /^\d{3}$/.test(m.rw))).toBe(true);

    const heads = await ctx.env.db
      .selectFrom('household_members as m')
      .innerJoin('households as h', 'h.id', 'm.household_id')
      .select(['m.name_search', 'h.rt', 'h.rw'])
      .where('h.village_code', '=', KEDUNDUNG)
      .where('m.relation', '=', 'kepala')
      .where('m.name_search', 'like', '%SITI%')
      .where((eb) =>
        eb.exists(
          eb.selectFrom('program_memberships as pm').select('pm.id').whereRef('pm.household_id', '=', 'h.id'),
        ),
      )
      .execute();
    expect(objectable.matches).toHaveLength(Math.min(heads.length, 20));
    for (const m of objectable.matches) {
      expect(m.rt).toMatch(/^\d{3}$/);
      expect(m.rw).toMatch(/^\d{3}$/);
      expect(m.programs.length).toBeGreaterThan(0);
    }
    const first = objectable.matches[0];
    expect(first && (await describeRecipient(deps, first.id))).toMatchObject({
      rt: first?.rt,
      rw: first?.rw,
    });
  });

  it('never offers a wife or a child, though the plain search finds them', async () => {
    // SITI WAHYUNINGSIH is the wife in the demo household of Kedundung (README).
    const deps = ctx.env.deps;
    const input = { village_code: KEDUNDUNG, name: 'SITI WAHYUNINGSIH' };
    expect((await searchByName(deps, input, { clientKey: 't' })).matches.length).toBeGreaterThan(0);
    expect((await searchByName(deps, input, { clientKey: 't' }, { objectable: true })).matches).toEqual([]);
  });
});
