import { performance } from 'node:perf_hooks';
import { openStore } from '../src/store/index.ts';
import { createApi } from '../src/api/app.ts';
import { monitorEventLoopDelay } from 'node:perf_hooks';
const store = await openStore({ path: '/tmp/lantern-bench-10m.duckdb', readOnly: true });
await store.useReaders(4);
const api = await createApi({ store });
for (const u of ['/api/v1/profiles/country/USA?basket=unesco-fcs-2009&top=50', '/api/v1/markets?exporter=DEU&product=950510&year=2021', '/api/v1/indicators/rca/values?from=2021&basket=unesco-fcs-2009&by=domain&country=FRA']) {
  const h = monitorEventLoopDelay({ resolution: 1 }); h.enable();
  const t = performance.now(); const r = await api.app.request(u); const b = await r.text();
  h.disable();
  const j = JSON.parse(b); const t2 = performance.now(); JSON.stringify(j); const s = performance.now() - t2;
  console.log((performance.now() - t).toFixed(0), 'ms', b.length, 'bytes; stringify', s.toFixed(1), 'ms; loop delay max', (h.max / 1e6).toFixed(1), u);
}
await store.close();
