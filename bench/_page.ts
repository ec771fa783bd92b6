import { performance } from 'node:perf_hooks';
import { openStore, sql } from '../src/store/index.ts';
import { createApi } from '../src/api/app.ts';
const store = await openStore({ path: '/tmp/lantern-bench-10m.duckdb', readOnly: true });
await store.useReaders(4);
const api = await createApi({ store });
console.log(await store.query(sql`select id, source, release from import_runs`));
for (const u of ['/api/v1/markets?exporter=CHN&product=950510&year=2021&offset=99999999999', '/api/v1/markets?exporter=CHN&product=950510&year=2021&offset=99999999999', '/api/v1/markets?exporter=CHN&product=950510&year=2021&limit=5&offset=3', '/api/v1/diff?a=1&b=1&by=product&offset=99999999999', '/api/v1/diff?a=1&b=1&by=product&offset=99999999999']) {
  const t = performance.now(); const r = await api.app.request(u); const j = await r.json() as any;
  console.log(r.status, (performance.now() - t).toFixed(0), 'ms', u, j.rows?.length, j.total, j.next, j.error ?? '', 'computed', api.cache.computed);
}
await store.close();
