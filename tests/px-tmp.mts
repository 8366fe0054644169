import { openTable } from '../src/domain/import/read-table.ts';
for (const f of ['/tmp/px/plain.xlsx', '/tmp/px/prefixed.xlsx']) {
  try {
    const t = await openTable(f);
    const ev = [];
    for await (const e of t.events()) ev.push(e);
    console.log(f, t.rowsTotal, JSON.stringify(ev));
  } catch (e) { console.log(f, 'ERR', String(e)); }
}
