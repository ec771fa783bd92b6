import b from '@duckdb/node-bindings';
import { DuckDBInstance } from '@duckdb/node-api';
const inst = await DuckDBInstance.create('/tmp/lantern-bench-10m.duckdb', { access_mode: 'READ_ONLY' });
const c = await inst.connect();
const conn = c.connection;
const big = `with a as (select t.reporter, t.partner, sum(t.value_usd) v from trade_flows t where year = 2021 group by all), b as (select reporter, sum(v) s from a group by all) select * from a join b using (reporter) order by v desc limit 10`;
for (let i = 0; i < 4; i++) {
  let t = performance.now(); const p = b.extract_statements(conn, big); const s1 = performance.now() - t; const ex = await p; const a1 = performance.now() - t;
  t = performance.now(); const p2 = b.prepare_extracted_statement(conn, ex.extracted_statements, 0); const s2 = performance.now() - t; const prep = await p2; const a2 = performance.now() - t;
  t = performance.now(); const p3 = b.execute_prepared(prep); const s3 = performance.now() - t; const res = await p3; const a3 = performance.now() - t;
  console.log(`extract sync ${s1.toFixed(2)}/${a1.toFixed(2)} prepare sync ${s2.toFixed(2)}/${a2.toFixed(2)} execute sync ${s3.toFixed(2)}/${a3.toFixed(1)}`);
}
