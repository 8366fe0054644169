// The README's demo table is a promise to whoever tries the site: every row must answer as it
// says, and list the same people as the generator's showcase.
import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { DEMO_HOUSEHOLDS, DESIL_ANSWER_NUMBERS } from '../../src/demo/generate-demo-data.ts';
import { useTestApp } from '../support/test-app.ts';

const readme = readFileSync('README.md', 'utf8');
const block = readme.slice(
  readme.indexOf('<!-- demo-households:start -->'),
  readme.indexOf('<!-- demo-households:end -->'),
);
const rows = [...block.matchAll(/^\| `(\d{16})` \| `(\d{16})` \| (.+) \|$/gm)].map((m) => ({
  nik: m[1] as string,
  kk: m[2] as string,
  says: m[3] as string,
}));

const ctx = useTestApp();

describe('README demo households', () => {
  it('lists exactly the showcase households', () => {
    expect(rows.map((r) => r.nik).sort()).toEqual(DEMO_HOUSEHOLDS.map((h) => h.nik).sort());
  });

  it('marks one row for each of the five answers, the household the showcase names for it', () => {
    for (const n of DESIL_ANSWER_NUMBERS) {
      const marked = rows.filter((r) => r.says.startsWith(`**Answer ${n},`));
      expect(
        marked.map((r) => r.nik),
        `answer ${n}`,
      ).toEqual(DEMO_HOUSEHOLDS.filter((h) => h.answer === n).map((h) => h.nik));
    }
    expect(rows.filter((r) => r.says.startsWith('**Answer')).length).toBe(DESIL_ANSWER_NUMBERS.length);
  });

  it.each(DEMO_HOUSEHOLDS.map((h) => [h.label, h] as const))(
    '%s answers as the README says',
    async (_label, h) => {
      const res = await ctx.app.request('/api/v1/cek', {
        method: 'POST',
        headers: { 'content-type': 'application/json' },
        body: JSON.stringify({ nik: h.nik, kk: h.kk }),
      });
      expect(res.status).toBe(200);
      const body = (await res.json()) as {
        found: boolean;
        memberships?: { program: string; period: string; status: string }[];
        desil?: { value: number | null };
      };
      expect(body.found).toBe(h.expect.found);
      const row = rows.find((r) => r.nik === h.nik);
      expect(row?.kk).toBe(h.kk);
      if (!h.expect.found) {
        expect(row?.says).toMatch(/^\*\*Answer 1, not in DTSEN at all\.\*\* Not found/);
        return;
      }
      // The desil the README promises, in the words it uses: "desil 6", or "no desil yet".
      expect(body.desil?.value).toBe(h.expect.desil);
      expect(row?.says).toContain(h.expect.desil === null ? 'no desil yet' : `desil ${h.expect.desil}`);
      const got = (body.memberships ?? []).map((m) => `${m.program} ${m.period} ${m.status}`).sort();
      expect(got).toEqual(h.expect.memberships.map((m) => `${m.program} ${m.period} ${m.status}`).sort());
    },
  );
});

describe('README demo tickets', () => {
  const ticketBlock = readme.slice(
    readme.indexOf('<!-- demo-tickets:start -->'),
    readme.indexOf('<!-- demo-tickets:end -->'),
  );
  const ticketRows = [
    ...ticketBlock.matchAll(/^\| `([A-Z]{3}-[0-9A-Z]{8})` \| `([0-9A-Z]{5}-[0-9A-Z]{5})` \| (.+) \|$/gm),
  ];

  it('lists exactly the showcase tickets', async () => {
    const { DEMO_TICKETS } = await import('../../src/demo/generate-demo-tickets.ts');
    expect(ticketRows.map((r) => `${r[1]} ${r[2]}`).sort()).toEqual(
      DEMO_TICKETS.map((t) => `${t.reference} ${t.trackingCode}`).sort(),
    );
  });

  it('each one opens on Lacak in the state it is said to be in', async () => {
    const { DEMO_TICKETS } = await import('../../src/demo/generate-demo-tickets.ts');
    for (const t of DEMO_TICKETS) {
      const res = await ctx.app.request('/api/v1/lacak', {
        method: 'POST',
        headers: { 'content-type': 'application/json' },
        body: JSON.stringify({ reference: t.reference, tracking_code: t.trackingCode }),
      });
      expect(res.status, t.reference).toBe(200);
      expect(((await res.json()) as { status: string }).status).toBe(t.status);
    }
  });
});
