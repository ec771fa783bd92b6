import b from '@duckdb/node-bindings';
import { DuckDBInstance } from '@duckdb/node-api';
const inst = await DuckDBInstance.create('/tmp/lantern-bench-10m.duckdb', { access_mode: 'READ_ONLY' });
const c1 = await inst.connect(); const c2 = await inst.connect();
const heavy = `select reporter, partner, product, sum(value_usd) from trade_flows group by all order by 4 desc limit 5`;
const cheap = `select code, description from hs_products where code in ('4901','9505')`;
async function timeCheap(label) {
  const conn = c2.connection ?? c2['connection'];
  let t = performance.now(); const p = b.extract_statements(conn, cheap); const s1 = performance.now() - t; const ex = await p; const a1 = performance.now() - t;
  t = performance.now(); const p2 = b.prepare_extracted_statement(conn, ex.extracted_statements, 0); const s2 = performance.now() - t; const prep = await p2; const a2 = performance.now() - t;
  t = performance.now(); const p3 = b.execute_prepared(prep); const s3 = performance.now() - t; const res = await p3; const a3 = performance.now() - t;
  t = performance.now(); const p4 = b.fetch_chunk(res); const s4 = performance.now() - t; await p4; const a4 = performance.now() - t;
  console.log(label, `extract sync ${s1.toFixed(2)} total ${a1.toFixed(1)} | prepare sync ${s2.toFixed(2)} total ${a2.toFixed(1)} | execute sync ${s3.toFixed(2)} total ${a3.toFixed(1)} | fetch sync ${s4.toFixed(2)} total ${a4.toFixed(1)}`);
}
await timeCheap('idle');
await timeCheap('idle');
const h = c1.run(heavy);
await new Promise((r) => setTimeout(r, 300));
await timeCheap('heavy running');
await timeCheap('heavy running');
await h;
console.log('threads', (await (await c1.runAndReadAll("select current_setting('threads') t")).getRowObjectsJS()));
