import { DuckDBInstance } from '@duckdb/node-api';
const inst = await DuckDBInstance.create('/tmp/lantern-bench-10m.duckdb', { access_mode: 'READ_ONLY' });
const threads = process.env.T; if (threads) { const c = await inst.connect(); await c.run(`set threads = ${threads}`); }
const cs = []; for (let i = 0; i < 5; i++) cs.push(await inst.connect());
const heavy = `select reporter, partner, product, sum(value_usd) from trade_flows group by all order by 4 desc limit 5`;
const cheap = `select code, description from hs_products where code in ('4901','9505')`;
const med = (xs) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)];
async function cheapTimes(n) { const ts = []; for (let i = 0; i < n; i++) { const t = performance.now(); await (await cs[4].runAndReadAll(cheap)).getRowObjectsJS(); ts.push(performance.now() - t); } return ts; }
for (const H of [0, 1, 3]) {
  let stop = false; const loops = [];
  for (let k = 0; k < H; k++) loops.push((async () => { while (!stop) await cs[k].run(heavy); })());
  await new Promise((r) => setTimeout(r, 200));
  const ts = await cheapTimes(30); stop = true; await Promise.all(loops);
  console.log(`threads=${threads ?? 'default'} heavy running ${H}: cheap p50 ${med(ts).toFixed(1)} ms max ${Math.max(...ts).toFixed(0)}`);
}
