/**
 * Concurrent reads: does a cheap request stay cheap while heavy ones run? A new `lantern serve`
 * process (built CLI, --read-only, no warm-up) on a BACI-shaped store, measured over HTTP:
 *
 * - unloaded: the cheap route one request at a time, after a hundred to warm up; its median latency. `--cheap names,datasets`
 *   (default `names`): `/hs/names` of two random headings, or `/datasets` with a varying `limit` (the
 *   issue's example; the import runs of the store); each is measured in turn on the same server;
 * - loaded: 16 clients at once for a fixed time, 8 asking the cheap route and 8 asking heavy ones
 *   (the country profile, the market finder, RCA by domain), every request with other parameters so
 *   that no answer comes from the answer cache; the cheap route's median under that load.
 *
 * Goal: the loaded median ≤ 3× the unloaded one. Run for each number of read connections given
 * (`--readers 0,4`: 0 is the server of before, every query on one connection), in the same run.
 *
 *   npm run build && npm run bench:concurrent                  # 2 million rows, readers 0 and 4
 *   npm run bench:concurrent -- --db store.duckdb --seconds 30 # an existing store
 *   npm run bench:concurrent -- --db store.duckdb --cheap names,datasets  # both cheap routes
 *   npm run bench:concurrent -- --db store.duckdb --control  # also the 8 cheap clients without heavy ones,
 *       # their requests/s and the CPU of one request (server process, and this load generator)
 *   npm run bench:concurrent -- --db store.duckdb --lone     # also one cheap client among 15 heavy ones
 *   npm run bench:concurrent -- --db store.duckdb --client http  # ask through node:http, not fetch
 *   npm run bench:concurrent -- --db store.duckdb --paced 20  # also 8 cheap clients that each ask 20
 *       # times a second at most (a person's pace, not a flood) beside the 8 heavy ones
 *   npm run bench:concurrent -- --db store.duckdb --readers 4 --rounds 2 --compare DIR
 *       # also serves with DIR/bin/lantern.mjs (another checkout, or a copy of an older bin/ and
 *       # dist/ with node_modules linked), alternating with this build in each round: on a shared
 *       # machine, before and after are compared at the same load
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { loadavg, tmpdir } from 'node:os';
import { join } from 'node:path';
import { performance } from 'node:perf_hooks';
import { setTimeout as delay } from 'node:timers/promises';
import { importFiles } from '../src/ingest/index.ts';
import { prepareStore } from '../src/setup.ts';
import { writeSyntheticBaci } from '../src/sources/synthetic.ts';
import { openStore, sql } from '../src/store/index.ts';
import { arg, bin, median, type Serving, startServe, timedGet, timedHttpGet } from './timing.ts';

const ROWS = Number(arg('rows', '2000000'));
const SECONDS = Number(arg('seconds', '20'));
const READERS = arg('readers', '0,4').split(',').map(Number);
const ROUNDS = Number(arg('rounds', '1'));
const COMPARE = arg('compare', '');
const CHEAP = arg('cheap', 'names').split(',');
/** Also measures the cheap route under its 8 clients alone (no heavy ones): what the heavy routes add. */
const CONTROL = process.argv.includes('--control');
/** Also measures one cheap client among 15 heavy ones: heavy routes alone beside a cheap request. */
const LONE = process.argv.includes('--lone');
/**
 * Also measures 8 cheap clients that each ask at most PACED times a second (after an answer a
 * client waits for its next turn, as a page or a person does) beside the 8 closed-loop heavy ones.
 * The 8 closed-loop cheap clients of the main reading ask again the moment an answer arrives, so
 * each request also waits for the other seven (the control shows it with no heavy route at all);
 * paced, the cheap requests seldom meet each other and the reading is what the heavy routes do to them.
 */
const PACED = Number(arg('paced', '0'));
/**
 * How the load generator asks: `fetch` (default, as sessions 5-10 measured) or `http` (node:http
 * with a keep-alive agent: about half the CPU per request; this process shares the cores with the
 * server, and with fetch it spends more per cheap request than the server does).
 */
const CLIENT = arg('client', 'fetch');
if (CLIENT !== 'fetch' && CLIENT !== 'http') throw new Error(`--client ${CLIENT}: expected fetch | http`);
const get = CLIENT === 'http' ? timedHttpGet : timedGet;
const CLIENTS = 16;
const YEAR = 2021;
const BASKET = 'unesco-fcs-2009';
const ms = (t: number) => `${t.toFixed(1)} ms`;
const sleep = (t: number) => (t > 0 ? delay(t) : Promise.resolve());

async function makeStore(dir: string): Promise<string> {
  const file = join(dir, `BACI_HS07_Y${YEAR}_V000000.csv`);
  await writeSyntheticBaci({ path: file, rows: ROWS, seed: 7, years: [YEAR - 1, YEAR], edition: 'HS07' });
  const db = join(dir, 'bench.duckdb');
  const store = await openStore({ path: db });
  await prepareStore(store);
  await importFiles(store, [file]);
  await store.close();
  return db;
}

/** Countries and products with trade, for heavy requests that each ask something new. */
async function subjects(db: string): Promise<{ countries: string[]; products: string[]; headings: string[] }> {
  const store = await openStore({ path: db, readOnly: true });
  try {
    const countries = await store.query<{ c: string }>(
      sql`select reporter as c from trade_flows where year = ${YEAR} group by all order by sum(value_usd) desc limit 60`,
    );
    const products = await store.query<{ p: string }>(
      sql`select t.product as p from trade_flows t join basket_resolved b on b.code = t.product and b.edition = t.classification and b.basket_id = ${BASKET}
          where t.year = ${YEAR} group by all order by sum(t.value_usd) desc limit 60`,
    );
    const headings = await store.query<{ h: string }>(sql`select distinct code as h from hs_products where length(code) = 4 order by h`);
    return { countries: countries.map((r) => r.c), products: products.map((r) => r.p), headings: headings.map((r) => r.h) };
  } finally {
    await store.close();
  }
}

async function main(): Promise<void> {
  const dir = mkdtempSync(join(tmpdir(), 'lantern-bench-concurrent-'));
  try {
    const given = process.argv.includes('--db');
    const db = given ? arg('db', '') : await makeStore(dir);
    const { countries, products, headings } = await subjects(db);
    console.log(
      `Lantern concurrent reads — ${given ? db : `${ROWS.toLocaleString('en-US')} rows`}, ${CLIENTS} clients (${CLIENT === 'http' ? 'node:http' : 'fetch'}) for ${SECONDS} s, read connections ${READERS.join(' and ')}`,
    );
    let c = 0;
    const cheapRoutes: Record<string, (base: string) => string> = {
      // Each cheap request asks something not asked before, so none is answered from the answer
      // cache (until session 9 the pair of headings followed from one counter: after ~1,300
      // requests every one was a cache hit).
      names: (base) => `${base}api/v1/hs/names?codes=${headings[c % headings.length]},${headings[Math.floor(c++ / headings.length) % headings.length]}`,
      // The first page (rows to read), of another size, with replaced runs or not, of every source or baci's.
      datasets: (base) => `${base}api/v1/datasets?limit=${1 + (c % 5000)}&all=${Math.floor(c / 5000) % 2 === 0}${Math.floor(c++ / 10000) % 2 ? '&source=baci' : ''}`,
    };
    for (const c of CHEAP) if (!cheapRoutes[c]) throw new Error(`--cheap ${c}: expected ${Object.keys(cheapRoutes).join(' | ')}`);
    // Heavy requests too ask something new each time (until session 9 each took one of 60 countries,
    // so later runs on the same server were partly answered from the cache).
    let h = 0;
    const next = () => [countries[h % countries.length], Math.floor(h++ / countries.length)] as const;
    const heavy = [
      (base: string) => {
        const [country, k] = next();
        return `${base}api/v1/profiles/country/${country}?basket=${BASKET}&top=${50 + (k % 900)}`;
      },
      (base: string) => {
        const [country, k] = next();
        return `${base}api/v1/markets?exporter=${country}&product=${products[k % products.length]}&year=${YEAR}`;
      },
      (base: string) => {
        const [country, k] = next();
        return `${base}api/v1/indicators/rca/values?from=${YEAR}&basket=${BASKET}&by=domain&country=${country}&limit=${100 + k}`;
      },
    ];
    const builds = [{ name: 'this build', bin }, ...(COMPARE ? [{ name: `--compare ${COMPARE}`, bin: join(COMPARE, 'bin', 'lantern.mjs') }] : [])];
    const runs = Array.from({ length: ROUNDS }, () => READERS.flatMap((readers) => builds.map((build) => ({ readers, build })))).flat();
    for (const { readers, build } of runs) {
      const server = await startServe(db, { LANTERN_READ_CONNECTIONS: String(readers) }, build.bin);
      try {
        for (const cheapName of CHEAP) await measure(server, cheapName, cheapRoutes[cheapName]!, `${builds.length > 1 ? `${build.name}, ` : ''}read connections ${readers}`);
      } finally {
        await server.stop();
      }
    }
    console.log(`machine: load ${loadavg().map((x) => x.toFixed(1)).join(' ')}`);

    /**
     * Clients asking `cheap` (and as many asking heavy routes) for SECONDS: the cheap and heavy
     * latencies, and the cheap requests done in all (the first two seconds too).
     */
    async function underLoad(
      base: string,
      cheap: (base: string) => string,
      cheapClients: number,
      heavyClients: number,
      pace = 0,
    ): Promise<{ loaded: number[]; heavyTimes: number[]; cheapDone: number }> {
      const loaded: number[] = [];
      const heavyTimes: number[] = [];
      let cheapDone = 0;
      const end = performance.now() + SECONDS * 1000;
      const measureFrom = performance.now() + 2000; // the heavy clients have started
      const turn = pace > 0 ? 1000 / pace : 0;
      const client = async (kind: 'cheap' | 'heavy', k: number) => {
        const paced = kind === 'cheap' && turn > 0;
        // Paced clients start spread over one turn, so that they do not ask in step.
        if (paced) await sleep((turn * k) / cheapClients);
        for (let i = 0; performance.now() < end; i++) {
          const url = kind === 'cheap' ? cheap(base) : (heavy[(k + i) % heavy.length] as (b: string) => string)(base);
          const started = performance.now();
          const t = await get(url);
          if (kind === 'cheap') cheapDone++;
          if (started >= measureFrom) (kind === 'cheap' ? loaded : heavyTimes).push(t);
          if (paced) await sleep(started + turn - performance.now());
        }
      };
      await Promise.all([...Array.from({ length: cheapClients }, (_, k) => client('cheap', k)), ...Array.from({ length: heavyClients }, (_, k) => client('heavy', k))]);
      return { loaded, heavyTimes, cheapDone };
    }

    /** The cheap route alone, then under 16 clients (half of them asking heavy routes); with --control, under its 8 clients only. */
    async function measure(server: Serving, cheapName: string, cheap: (base: string) => string, label: string): Promise<void> {
      const base = server.url;
      c = 0; // each server, and each cheap route, from the same first requests
      // A warm server: the first hundred answers of a new process are several times slower (its code
      // not yet compiled), which would flatter the ratio (session 9: 4.1 ms against 1.1 ms warm).
      // Answers 6-45 are what sessions 5-8 measured as "alone"; printed too, for comparison.
      const first: number[] = [];
      for (let i = 0; i < 100; i++) first.push(await get(cheap(base)));
      const early = median(first.slice(5, 45));
      const alone: number[] = [];
      for (let i = 0; i < 100; i++) alone.push(await get(cheap(base)));
      const a = median(alone);
      const { loaded, heavyTimes } = await underLoad(base, cheap, CLIENTS / 2, CLIENTS / 2);
      const l = median(loaded);
      console.log(
        `${label} (load ${loadavg()[0]!.toFixed(1)}, ${new Date().toISOString().slice(11, 19)} UTC): cheap route ${cheapName} alone ${ms(a)}, under load ${ms(l)} (${(l / a).toFixed(2)}×, ${loaded.length} requests); heavy requests ${ms(median(heavyTimes))} median (${heavyTimes.length} done)`,
      );
      console.log(`  alone as sessions 5-8 measured it (answers 6-45 of the process): ${ms(early)} (${(l / early).toFixed(2)}×)`);
      if (CONTROL) {
        // With no heavy client, the server's CPU is the cheap requests': what one costs on its main
        // thread, beside what it costs this process (the load generator) to ask it.
        const [server0, client0, t0] = [server.cpuMs(), process.cpuUsage(), performance.now()];
        const run = await underLoad(base, cheap, CLIENTS / 2, 0);
        const [serverMs, client, wall] = [server.cpuMs() - server0, process.cpuUsage(client0), performance.now() - t0];
        const control = median(run.loaded);
        const perRequest = (cpuMs: number) => `${((cpuMs * 1000) / run.cheapDone).toFixed(0)} µs`;
        console.log(
          `  control, ${CLIENTS / 2} cheap clients and no heavy ones (load ${loadavg()[0]!.toFixed(1)}): ${ms(control)} (${(control / a).toFixed(2)}×); ${((run.cheapDone * 1000) / wall).toFixed(0)} requests/s, CPU per request: server ${perRequest(serverMs)}, this load generator ${perRequest((client.user + client.system) / 1000)}`,
        );
      }
      if (PACED > 0) {
        const paced = await underLoad(base, cheap, CLIENTS / 2, CLIENTS / 2, PACED);
        const m = median(paced.loaded);
        const p90 = [...paced.loaded].sort((x, y) => x - y)[Math.floor(paced.loaded.length * 0.9)]!;
        console.log(
          `  ${CLIENTS / 2} cheap clients at ${PACED} requests/s each beside ${CLIENTS / 2} heavy ones (load ${loadavg()[0]!.toFixed(1)}): ${ms(m)} (${(m / a).toFixed(2)}×, p90 ${ms(p90)}, ${paced.loaded.length} requests; ${paced.heavyTimes.length} heavy done)`,
        );
      }
      if (LONE) {
        const lone = await underLoad(base, cheap, 1, CLIENTS - 1);
        const m = median(lone.loaded);
        console.log(
          `  one cheap client among ${CLIENTS - 1} heavy ones (load ${loadavg()[0]!.toFixed(1)}): ${ms(m)} (${(m / a).toFixed(2)}×, ${lone.loaded.length} requests; ${lone.heavyTimes.length} heavy done)`,
        );
      }
    }
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

await main();
