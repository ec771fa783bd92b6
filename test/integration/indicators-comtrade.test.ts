/**
 * Every indicator on real Comtrade data, against an independent computation written here in plain
 * JavaScript over the parsed rows of the file, to 1e-9 relative.
 *
 * The EU27 wood sample (../shared/data/comtrade_samples/api_eu27_wood_imports_hs4_bilateral_2018_2022
 * .csv.gz, UN Comtrade via comtradr) holds only imports (flow M) reported by the 27 EU members, by
 * partner, at HS2/HS4/HS6. So: import-side indicators use the reporter view; export-side ones use
 * the partner view (exports of j to i = i's imports from j / 1.08) or mirror-max
 * (max(x, m/1.08) = m/1.08 here, since no exporter reports). Mirror statistics find no exporter
 * report, so every discrepancy is 1. Quantities are absent from this file, so unit values are
 * checked on the Thai shrimp sample (api_tha_shrimp_hs6_2007_2011.csv, with quantities in kg).
 *
 * Rows kept by the JavaScript side: partners that are countries or unattributed areas (the
 * reference country mapping turns Comtrade's ISO-like codes into keys), at the HS level the
 * indicator reads (`level: 4`: every row, 6-digit codes summed to their heading, the chapters the file
 * holds only at 2 digits kept as chapters; no code of the file overlaps another of its report, so
 * each row counts whole). Indicators that sum a country's trade over
 * its partners (value, balance, growth, world and product shares, RCA on the import side, export
 * potential's demand) include the areas rows (`at`); those that list or count partners, or make an
 * area a subject, read the named partners only (`named`).
 */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { gunzipSync } from 'node:zlib';
import { parse } from 'csv-parse/sync';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { insertBasket, openTestStore } from '../support/world.ts';
import { importFiles } from '../../src/ingest/index.ts';
import { runIndicator } from '../../src/queries/index.ts';
import { partnerKind, resolveCountryCode } from '../../src/reference/countries.ts';
import { ensureBundledPopulation } from '../../src/reference/population.ts';
import type { Store } from '../../src/store/db.ts';
import { hasShared, repoRoot, sharedPath } from '../shared.ts';

const WOOD = ['data', 'comtrade_samples', 'api_eu27_wood_imports_hs4_bilateral_2018_2022.csv.gz'];
const SHRIMP = ['data', 'comtrade_samples', 'api_tha_shrimp_hs6_2007_2011.csv'];
const F = 1.08;

interface Flow {
  year: number;
  rep: string;
  par: string;
  flow: string;
  code: string;
  v: number;
  q: number | null;
  unit: string | null;
  /** The partner is an unattributed area ("Areas, nes"), not a country. */
  area: boolean;
}

function readRows(parts: string[], gz: boolean): Flow[] {
  const buf = readFileSync(sharedPath(...parts));
  const text = (gz ? gunzipSync(buf) : buf).toString('utf8');
  const raw = parse(text, { columns: true, skip_empty_lines: true }) as Record<string, string>[];
  const out: Flow[] = [];
  for (const r of raw) {
    const par = resolveCountryCode('comtrade-iso', (r.partner_iso ?? '').trim());
    const kind = par ? partnerKind(par) : null;
    if (!par || (kind !== 'country' && kind !== 'area')) continue;
    const flow =
      r.flow_code ?? (r.flow_desc === 'Import' ? 'M' : r.flow_desc === 'Export' ? 'X' : (r.flow_desc ?? ''));
    const qty = r.qty === undefined || r.qty === '' ? null : Number(r.qty);
    const unit = r.qty_unit_abbr && r.qty_unit_abbr !== 'N/A' ? r.qty_unit_abbr : null;
    out.push({
      year: Number(r.ref_year),
      rep: (r.reporter_iso ?? '').trim(),
      par,
      flow,
      code: (r.cmd_code ?? '').trim(),
      v: Number(r.primary_value),
      q: unit ? qty : null,
      unit,
      area: kind === 'area',
    });
  }
  return out;
}

const sum = (xs: number[]) => xs.reduce((a, b) => a + b, 0);
function sumBy<T>(rows: T[], key: (r: T) => string, val: (r: T) => number): Map<string, number> {
  const m = new Map<string, number>();
  for (const r of rows) m.set(key(r), (m.get(key(r)) ?? 0) + val(r));
  return m;
}
function rel(actual: unknown, expected: number, what: string): void {
  expect(typeof actual, what).toBe('number');
  const a = actual as number;
  if (expected === 0) expect(a, what).toBe(0);
  else
    expect(Math.abs(a - expected) / Math.abs(expected), `${what}: ${a} vs ${expected}`).toBeLessThanOrEqual(
      1e-9,
    );
}
type R = Record<string, unknown>;

describe.skipIf(!hasShared(...WOOD))('indicators on the Comtrade EU27 wood sample', () => {
  let store: Store;
  let all: Flow[];
  let L4: Flow[];
  beforeAll(async () => {
    store = await openTestStore();
    await importFiles(store, [sharedPath(...WOOD)]);
    all = readRows(WOOD, true);
    L4 = all.map((r) => ({ ...r, code: r.code.slice(0, 4) }));
  });
  afterAll(async () => {
    await store?.close();
  });

  const at = (y: number) => L4.filter((r) => r.year === y);
  const named = (y: number) => at(y).filter((r) => !r.area);
  const ind = (id: string, p: R) => runIndicator(store, id, { level: 4, ...p }).then((r) => r.rows as R[]);

  it('the data is what the test expects: reported imports only', async () => {
    const r = await runIndicator(store, 'value', { from: 2021, level: 4, side: 'import' });
    expect(r.provenance).toMatchObject({ perspective: 'reported', view: 'trade-map', level: 4 });
    expect(r.provenance.levels).toEqual([2, 4, 6]);
    expect(r.notes.join(' ')).toMatch(/HS level 4: the 6-digit codes are summed to their 4-digit heading/);
    expect(new Set(all.map((x) => x.flow))).toEqual(new Set(['M']));
  });

  it('reads a heading at every level the data has it when no level is given', async () => {
    const r = await runIndicator(store, 'value', {
      from: 2021,
      side: 'import',
      product: '4420',
      country: 'FRA',
    });
    expect(r.provenance.levels).toEqual([2, 4, 6]);
    rel(
      r.rows[0]?.value,
      sum(
        at(2021)
          .filter((x) => x.rep === 'FRA' && x.code === '4420')
          .map((x) => x.v),
      ),
      'FRA 4420',
    );
  });

  it('value: imports by reporter (reporter view) and exports by partner (partner view, m/1.08)', async () => {
    const m = sumBy(
      at(2021),
      (r) => r.rep,
      (r) => r.v,
    );
    const rows = await ind('value', { from: 2021, side: 'import' });
    expect(rows.length).toBe(m.size);
    for (const r of rows) rel(r.value, m.get(r.country as string)!, `imports ${r.country}`);
    const x = sumBy(
      named(2021),
      (r) => r.par,
      (r) => r.v / F,
    );
    const xr = await ind('value', { from: 2021, view: 'partner' });
    expect(xr.length).toBe(x.size);
    for (const r of xr) rel(r.value, x.get(r.country as string)!, `exports ${r.country}`);
  });

  it('balance and relative trade balance (mirror-max)', async () => {
    const x = sumBy(
      named(2021),
      (r) => r.par,
      (r) => r.v / F,
    );
    const m = sumBy(
      at(2021),
      (r) => r.rep,
      (r) => r.v,
    );
    const rows = await ind('relative-trade-balance', { from: 2021, view: 'mirror-max' });
    const countries = new Set([...x.keys(), ...m.keys()]);
    expect(rows.length).toBe(countries.size);
    for (const r of rows) {
      const c = r.country as string;
      const [xv, mv] = [x.get(c) ?? 0, m.get(c) ?? 0];
      rel(r.exports, xv, `X ${c}`);
      rel(r.imports, mv, `M ${c}`);
      rel(r.value, (xv - mv) / (xv + mv), `RTB ${c}`);
    }
    const b = await ind('balance', { from: 2021, view: 'mirror-max', country: 'DEU,FRA' });
    for (const r of b)
      rel(r.value, (x.get(r.country as string) ?? 0) - (m.get(r.country as string) ?? 0), `TB ${r.country}`);
  });

  it('growth: YoY, CAGR 2018→2022 and log-linear trend of imports', async () => {
    const byYear = (c: string) =>
      [2018, 2019, 2020, 2021, 2022].map((y) =>
        sum(
          at(y)
            .filter((r) => r.rep === c)
            .map((r) => r.v),
        ),
      );
    const yoy = await ind('yoy-growth', { from: 2019, to: 2022, side: 'import', country: 'DEU,ITA,MLT' });
    for (const r of yoy) {
      const v = byYear(r.country as string);
      rel(
        r.value,
        v[(r.year as number) - 2018]! / v[(r.year as number) - 2019]! - 1,
        `yoy ${r.country} ${r.year}`,
      );
    }
    expect(yoy.length).toBe(12);
    const cagr = await ind('cagr', { from: 2018, to: 2022, side: 'import' });
    const trend = await ind('trend-growth', { from: 2018, to: 2022, side: 'import' });
    expect(cagr.length).toBe(27);
    for (const r of cagr) {
      const v = byYear(r.country as string);
      rel(r.value, (v[4]! / v[0]!) ** (1 / 4) - 1, `cagr ${r.country}`);
    }
    for (const r of trend) {
      const v = byYear(r.country as string);
      const pts = v.map((y, i) => [2018 + i, y] as const).filter(([, y]) => y > 0);
      const mt = sum(pts.map(([t]) => t)) / pts.length;
      const my = sum(pts.map(([, y]) => Math.log(y))) / pts.length;
      const b =
        sum(pts.map(([t, y]) => (t - mt) * (Math.log(y) - my))) / sum(pts.map(([t]) => (t - mt) ** 2));
      rel(r.value, Math.exp(b) - 1, `trend ${r.country}`);
    }
  });

  it('world share of imports with rank, and share of each supplier in each market', async () => {
    const m = sumBy(
      at(2021),
      (r) => r.rep,
      (r) => r.v,
    );
    const w = sum([...m.values()]);
    const ranked = [...m.entries()].sort((a, b) => b[1] - a[1]).map(([c]) => c);
    for (const r of await ind('world-share', { from: 2021, side: 'import' })) {
      rel(r.value, m.get(r.country as string)! / w, `share ${r.country}`);
      expect(r.rank, `${r.country}`).toBe(ranked.indexOf(r.country as string) + 1);
    }
    const ms = await ind('market-share', { from: 2021, partner: 'DEU,FRA' });
    const sup = sumBy(
      named(2021).filter((r) => r.rep === 'DEU' || r.rep === 'FRA'),
      (r) => `${r.rep}|${r.par}`,
      (r) => r.v,
    );
    expect(ms.length).toBe(sup.size);
    // Rival shares are over the named suppliers.
    const mNamed = sumBy(
      named(2021),
      (r) => r.rep,
      (r) => r.v,
    );
    for (const r of ms)
      rel(
        r.value,
        sup.get(`${r.partner}|${r.country}`)! / mNamed.get(r.partner as string)!,
        `S ${r.country} in ${r.partner}`,
      );
  });

  it('partner share and product share (import side)', async () => {
    const deu = named(2021).filter((r) => r.rep === 'DEU');
    const byPar = sumBy(
      deu,
      (r) => r.par,
      (r) => r.v,
    );
    const tot = sum(deu.map((r) => r.v));
    const ps = await ind('partner-share', { from: 2021, side: 'import', country: 'DEU' });
    expect(ps.length).toBe(byPar.size);
    for (const r of ps) rel(r.value, byPar.get(r.partner as string)! / tot, `partner ${r.partner}`);
    const byProd = sumBy(
      at(2021),
      (r) => `${r.rep}|${r.code}`,
      (r) => r.v,
    );
    const totRep = sumBy(
      at(2021),
      (r) => r.rep,
      (r) => r.v,
    );
    const pr = await ind('product-share', { from: 2021, side: 'import', by: 'product' });
    expect(pr.length).toBe(byProd.size);
    for (const r of pr)
      rel(
        r.value,
        byProd.get(`${r.country}|${r.product}`)! / totRep.get(r.country as string)!,
        `product ${r.country} ${r.product}`,
      );
  });

  it('RCA and symmetric RCA: import side (reporter view) and export side (partner view)', async () => {
    for (const [side, view, key, val] of [
      ['import', 'reporter', (r: Flow) => r.rep, (r: Flow) => r.v],
      ['export', 'partner', (r: Flow) => r.par, (r: Flow) => r.v / F],
    ] as const) {
      const rows = side === 'import' ? at(2021) : named(2021);
      const ik = sumBy(rows, (r) => `${key(r)}|${r.code}`, val);
      const i = sumBy(rows, key, val);
      const wk = sumBy(rows, (r) => r.code, val);
      const w = sum(rows.map(val));
      const rca = await ind('rca', { from: 2021, side, view, by: 'product' });
      // Complete: every country × every product of the year, RCA 0 where the country has none.
      expect(rca.length, side).toBe(i.size * wk.size);
      expect(rca.filter((r) => r.value === 0).length, side).toBe(i.size * wk.size - ik.size);
      for (const r of rca) {
        const e =
          (ik.get(`${r.country}|${r.product}`) ?? 0) /
          i.get(r.country as string)! /
          (wk.get(r.product as string)! / w);
        rel(r.value, e, `RCA ${side} ${r.country} ${r.product}`);
      }
      const rs = await ind('rsca', { from: 2021, side, view, by: 'product', country: 'CHN,DEU,POL' });
      for (const r of rs) {
        const e =
          (ik.get(`${r.country}|${r.product}`) ?? 0) /
          i.get(r.country as string)! /
          (wk.get(r.product as string)! / w);
        rel(r.value, (e - 1) / (e + 1), `RSCA ${r.country} ${r.product}`);
      }
    }
  });

  it('HHI over partners and products, and number of markets (suppliers)', async () => {
    const rows = named(2021);
    const hh = (groups: Map<string, number>) => {
      const vals = [...groups.values()].filter((v) => v > 0);
      const t = sum(vals);
      const h = sum(vals.map((v) => (v / t) ** 2));
      return {
        h,
        n: vals.length,
        norm: vals.length > 1 ? (h - 1 / vals.length) / (1 - 1 / vals.length) : null,
      };
    };
    const reps = [...new Set(rows.map((r) => r.rep))];
    const hp = await ind('hhi-partners', { from: 2021, side: 'import', measure: 'normalised' });
    const hk = await ind('hhi-products', { from: 2021, side: 'import' });
    const mk = await ind('markets', { from: 2021, side: 'import' });
    expect(hp.length).toBe(reps.length);
    for (const c of reps) {
      const mine = rows.filter((r) => r.rep === c);
      const p = hh(
        sumBy(
          mine,
          (r) => r.par,
          (r) => r.v,
        ),
      );
      const row = hp.find((r) => r.country === c)!;
      rel(row.hh, p.h, `HHI partners ${c}`);
      rel(row.value, p.norm!, `HHI* partners ${c}`);
      rel(row.equivalent, 1 / p.h, `1/HHI ${c}`);
      expect(mk.find((r) => r.country === c)?.value).toBe(
        new Set(mine.filter((r) => r.v > 0).map((r) => r.par)).size,
      );
      const k = hh(
        sumBy(
          mine,
          (r) => r.code,
          (r) => r.v,
        ),
      );
      rel(hk.find((r) => r.country === c)?.value, k.h, `HHI products ${c}`);
    }
  });

  it('complementarity and intensity (mirror-max)', async () => {
    const rows = named(2021);
    const xk = sumBy(
      rows,
      (r) => `${r.par}|${r.code}`,
      (r) => r.v / F,
    );
    const xi = sumBy(
      rows,
      (r) => r.par,
      (r) => r.v / F,
    );
    const mk = sumBy(
      rows,
      (r) => `${r.rep}|${r.code}`,
      (r) => r.v,
    );
    const mj = sumBy(
      rows,
      (r) => r.rep,
      (r) => r.v,
    );
    const codes = [...new Set(rows.map((r) => r.code))];
    const tc = await ind('complementarity', {
      from: 2021,
      view: 'mirror-max',
      country: 'CHN,DEU',
      partner: 'FRA,ITA',
    });
    expect(tc.length).toBe(4);
    for (const r of tc) {
      const [i, j] = [r.country as string, r.partner as string];
      const d = sum(
        codes.map((k) =>
          Math.abs((mk.get(`${j}|${k}`) ?? 0) / mj.get(j)! - (xk.get(`${i}|${k}`) ?? 0) / xi.get(i)!),
        ),
      );
      rel(r.value, 100 * (1 - d / 2), `TC ${i}→${j}`);
    }
    const xij = sumBy(
      rows,
      (r) => `${r.par}|${r.rep}`,
      (r) => r.v / F,
    );
    const xw = sum(rows.map((r) => r.v / F));
    const xwj = sumBy(
      rows,
      (r) => r.rep,
      (r) => r.v / F,
    );
    const ti = await ind('intensity', { from: 2021, view: 'mirror-max', country: 'CHN' });
    expect(ti.length).toBe([...xij.keys()].filter((k) => k.startsWith('CHN|')).length);
    for (const r of ti) {
      const j = r.partner as string;
      rel(r.value, xij.get(`CHN|${j}`)! / xi.get('CHN')! / (xwj.get(j)! / xw), `TI CHN→${j}`);
    }
  });

  it('mirror gap and discrepancy: no exporter reports, so the gap is the import report and D = 1', async () => {
    const m = sumBy(
      named(2021),
      (r) => `${r.par}|${r.rep}`,
      (r) => r.v,
    );
    const g = await ind('mirror-gap', { from: 2021, country: 'CHN' });
    const d = await ind('discrepancy', { from: 2021, country: 'CHN' });
    expect(g.length).toBe([...m.keys()].filter((k) => k.startsWith('CHN|')).length);
    for (const r of g) {
      rel(r.value, m.get(`CHN|${r.partner}`)!, `gap CHN→${r.partner}`);
      expect(r.exports_reported).toBeNull();
    }
    for (const r of d) expect(r.value, `D CHN→${r.partner}`).toBe(m.get(`CHN|${r.partner}`)! > 0 ? 1 : null);
  });

  it('export potential of CHN by product, 2021 (mirror-max, window 3)', async () => {
    const vx = (rows: Flow[]) =>
      sumBy(
        rows,
        (r) => `${r.par}|${r.rep}|${r.code}`,
        (r) => r.v / F,
      );
    const rows = at(2021);
    const x = vx(rows);
    const Xik = new Map<string, number>();
    const Xij = new Map<string, number>();
    for (const [k, v] of x) {
      const [e, m, c] = k.split('|') as [string, string, string];
      if (e !== 'CHN') continue;
      Xik.set(c, (Xik.get(c) ?? 0) + v);
      Xij.set(m, (Xij.get(m) ?? 0) + v);
    }
    const Xi = sum([...Xij.values()]);
    const Mjk = sumBy(
      rows,
      (r) => `${r.rep}|${r.code}`,
      (r) => r.v,
    );
    const Mj = sumBy(
      rows,
      (r) => r.rep,
      (r) => r.v,
    );
    const Mw = sum([...Mj.values()]);
    const ease = (j: string) => (Xij.has(j) ? Xij.get(j)! / Xi / (Mj.get(j)! / Mw) : 0);
    const win = L4.filter((r) => r.year >= 2019 && r.year <= 2021 && r.par === 'CHN');
    const A = sumBy(
      win,
      (r) => `${r.rep}|${r.code}`,
      (r) => r.v / F,
    );
    const ny = new Set(L4.filter((r) => r.year >= 2019 && r.year <= 2021).map((r) => r.year)).size;
    const res = await ind('export-potential', {
      from: 2021,
      view: 'mirror-max',
      country: 'CHN',
      by: 'product',
      window: 3,
    });
    let checked = 0;
    for (const [c, supply] of Xik) {
      const markets = [...Mjk.entries()]
        .filter(([k, v]) => k.endsWith(`|${c}`) && v > 0 && !k.startsWith('CHN|'))
        .map(([k, v]) => [k.split('|')[0]!, v] as const);
      const denom = sum(markets.map(([j, m]) => m * ease(j)));
      for (const [j, m] of markets) {
        const row = res.find((r) => r.partner === j && r.product === c);
        expect(row, `${j} ${c}`).toBeDefined();
        const pev = denom > 0 ? (supply * m * ease(j)) / denom : null;
        if (pev === null) {
          expect(row!.value).toBeNull();
          continue;
        }
        rel(row!.value, pev, `PEV ${j} ${c}`);
        const a = (A.get(`${j}|${c}`) ?? 0) / ny;
        rel(row!.actual, a, `A ${j} ${c}`);
        rel(row!.unrealised, Math.max(0, pev - a), `unrealised ${j} ${c}`);
        checked++;
      }
    }
    expect(checked).toBeGreaterThan(100);
    expect(res.length).toBe(res.filter((r) => Xik.has(r.product as string)).length);
  });

  it('Grubel–Lloyd (mirror-max): exports from partners’ import reports ÷ 1.08, imports as reported', async () => {
    const rows = named(2021);
    const x = sumBy(rows, (r) => `${r.par}|${r.code}`, (r) => r.v / F);
    const m = sumBy(rows, (r) => `${r.rep}|${r.code}`, (r) => r.v);
    const countries = ['DEU', 'FRA', 'POL', 'CHN'];
    const byProduct = await ind('grubel-lloyd', { from: 2021, view: 'mirror-max', by: 'product', country: countries.join(',') });
    const total = await ind('grubel-lloyd', { from: 2021, view: 'mirror-max', country: countries.join(',') });
    const codes = [...new Set(rows.map((r) => r.code))];
    let checked = 0;
    for (const c of countries) {
      let gap = 0;
      let tot = 0;
      for (const k of codes) {
        const [xv, mv] = [x.get(`${c}|${k}`) ?? 0, m.get(`${c}|${k}`) ?? 0];
        if (xv + mv === 0) continue;
        gap += Math.abs(xv - mv);
        tot += xv + mv;
        const row = byProduct.find((r) => r.country === c && r.product === k);
        rel(row?.value, 1 - Math.abs(xv - mv) / (xv + mv), `GL ${c} ${k}`);
        checked++;
      }
      rel(total.find((r) => r.country === c)?.value, 1 - gap / tot, `GL ${c} all`);
    }
    expect(checked).toBeGreaterThan(40);
    // CHN reports nothing, so its imports are empty; its GL is 0 everywhere
    expect(total.find((r) => r.country === 'CHN')?.value).toBe(0);
  });

  it('market penetration (reporter view): EU importers of k buying from i ÷ EU importers of k other than i', async () => {
    const rows = named(2021).filter((r) => r.v > 0);
    const importers = new Map<string, Set<string>>();
    const markets = new Map<string, Set<string>>();
    for (const r of rows) {
      importers.set(r.code, (importers.get(r.code) ?? new Set()).add(r.rep));
      const key = `${r.par}|${r.code}`;
      markets.set(key, (markets.get(key) ?? new Set()).add(r.rep));
    }
    const possible = (i: string, k: string) => importers.get(k)!.size - (importers.get(k)!.has(i) ? 1 : 0);
    const byProduct = await ind('market-penetration', { from: 2021, by: 'product' });
    expect(byProduct.length).toBe(markets.size);
    for (const r of byProduct) {
      const [i, k] = [r.country as string, r.product as string];
      rel(r.value, markets.get(`${i}|${k}`)!.size / possible(i, k), `EMP ${i} ${k}`);
    }
    const total = await ind('market-penetration', { from: 2021, country: 'CHN,DEU,USA,VNM' });
    for (const r of total) {
      const i = r.country as string;
      const mine = [...markets.entries()].filter(([key]) => key.startsWith(`${i}|`));
      const n = sum(mine.map(([, s]) => s.size));
      const nn = sum(mine.map(([key]) => possible(i, key.split('|')[1]!)));
      rel(r.value, n / nn, `EMP ${i}`);
      rel(r.mean_ratio, sum(mine.map(([key, s]) => s.size / possible(i, key.split('|')[1]!))) / mine.length, `mean ${i}`);
      expect(r.products).toBe(mine.length);
    }
    expect(total.length).toBe(4);
  });

  it('RPOP (partner view) with the bundled population table', async () => {
    expect(await ensureBundledPopulation(store)).toBeGreaterThan(200);
    const text = readFileSync(join(repoRoot, 'data', 'population', 'population.csv'), 'utf8');
    const pop = new Map(
      (parse(text, { columns: true }) as Record<string, string>[]).map((r) => [r.country!, Number(r.population)]),
    );
    const rows = named(2021);
    const xck = sumBy(rows, (r) => `${r.par}|${r.code}`, (r) => r.v / F);
    const exporters = [...new Set(rows.map((r) => r.par))];
    const covered = exporters.filter((c) => pop.has(c));
    expect(covered.length).toBeLessThan(exporters.length); // some partners have no figure
    const popW = sum(covered.map((c) => pop.get(c)!));
    const xwk = sumBy(rows.filter((r) => pop.has(r.par)), (r) => r.code, (r) => r.v / F);
    const res = await ind('rpop', { from: 2021, view: 'partner', by: 'product', country: 'CHN,DEU,BRA,RUS' });
    let checked = 0;
    for (const r of res) {
      const [c, k] = [r.country as string, r.product as string];
      const e = (xck.get(`${c}|${k}`) ?? 0) / xwk.get(k)! / (pop.get(c)! / popW);
      rel(r.value, e, `RPOP ${c} ${k}`);
      expect(r.pop_year).toBe(2018);
      checked++;
    }
    expect(checked).toBe(4 * xwk.size);
  });

  it('ECI and PCI (partner view, binary RCA ≥ 1): diversity, ubiquity and the eigen-equations', async () => {
    const rows = named(2021);
    const val = (r: Flow) => r.v / F;
    const ik = sumBy(rows, (r) => `${r.par}|${r.code}`, val);
    const xi = sumBy(rows, (r) => r.par, val);
    const wk = sumBy(rows, (r) => r.code, val);
    const w = sum(rows.map(val));
    const M = new Map<string, number>();
    for (const [key, x] of ik) {
      const [c, k] = key.split('|') as [string, string];
      if (x / xi.get(c)! / (wk.get(k)! / w) >= 1) M.set(key, 1);
    }
    const div = new Map<string, number>();
    const ubi = new Map<string, number>();
    for (const key of M.keys()) {
      const [c, k] = key.split('|') as [string, string];
      div.set(c, (div.get(c) ?? 0) + 1);
      ubi.set(k, (ubi.get(k) ?? 0) + 1);
    }
    const eci = await ind('eci', { from: 2021, view: 'partner' });
    const pci = await ind('pci', { from: 2021, view: 'partner' });
    const E = new Map(eci.filter((r) => r.value !== null).map((r) => [r.country as string, r.value as number]));
    const P = new Map(pci.filter((r) => r.value !== null).map((r) => [r.product as string, r.value as number]));
    expect(E.size).toBe(div.size);
    expect(P.size).toBe(ubi.size);
    for (const r of eci) expect(r.diversity, `${r.country}`).toBe(div.get(r.country as string) ?? 0);
    for (const r of pci) expect(r.ubiquity, `${r.product}`).toBe(ubi.get(r.product as string) ?? 0);
    const cs = [...div.keys()];
    const e = cs.map((c) => E.get(c)!);
    const mean = sum(e) / e.length;
    expect(Math.abs(mean)).toBeLessThan(1e-9);
    rel(sum(e.map((x) => (x - mean) ** 2)) / e.length, 1, 'ECI variance');
    // ECI_c = (1/k_c) Σ_k M_ck PCI_k
    for (const c of cs) {
      const mine = [...M.keys()].filter((key) => key.startsWith(`${c}|`)).map((key) => P.get(key.split('|')[1]!)!);
      const viaPci = sum(mine) / div.get(c)!;
      expect(Math.abs(viaPci - E.get(c)!), `ECI ${c} from PCI`).toBeLessThan(1e-9);
    }
    // M̃C e = λ e + const: (M̃C e − λ e) is the same number for every country
    const lambda = eci[0]!.eigenvalue as number;
    const prodsOf = new Map<string, string[]>();
    const ctryOf = new Map<string, string[]>();
    for (const key of M.keys()) {
      const [c, k] = key.split('|') as [string, string];
      prodsOf.set(c, [...(prodsOf.get(c) ?? []), k]);
      ctryOf.set(k, [...(ctryOf.get(k) ?? []), c]);
    }
    // (M̃C x)_c = Σ_k M_ck (Σ_c' M_c'k x_c') / (k_c k_k)
    const mcAll = (x: Map<string, number>) => {
      const byK = new Map([...ctryOf].map(([k, list]) => [k, sum(list.map((c) => x.get(c)!))]));
      return new Map(cs.map((c) => [c, sum(prodsOf.get(c)!.map((k) => byK.get(k)! / (div.get(c)! * ubi.get(k)!)))]));
    };
    const me = mcAll(E);
    const resid = cs.map((c) => me.get(c)! - lambda * E.get(c)!);
    for (const r of resid) expect(Math.abs(r - resid[0]!)).toBeLessThan(1e-9);
    // λ is the largest eigenvalue after 1: power iteration on M̃C with the constant vector
    // projected out (in the D-weighted sense) converges to it.
    let x = new Map(cs.map((c, i) => [c, Math.sin(i + 1)]));
    let est = 0;
    for (let it = 0; it < 3000; it++) {
      const dsum = sum(cs.map((c) => div.get(c)!));
      const avg = sum(cs.map((c) => div.get(c)! * x.get(c)!)) / dsum;
      x = new Map(cs.map((c) => [c, x.get(c)! - avg]));
      const y = mcAll(x);
      const norm = Math.sqrt(sum(cs.map((c) => div.get(c)! * y.get(c)! ** 2)));
      const prev = Math.sqrt(sum(cs.map((c) => div.get(c)! * x.get(c)! ** 2)));
      est = norm / prev;
      x = new Map(cs.map((c) => [c, y.get(c)! / norm]));
    }
    expect(Math.abs(est - lambda) / lambda).toBeLessThan(1e-6);
    // sign: ECI correlates positively with diversity
    const dv = cs.map((c) => div.get(c)!);
    const md = sum(dv) / dv.length;
    expect(sum(cs.map((c, i) => (E.get(c)! - mean) * (dv[i]! - md)))).toBeGreaterThan(0);
  });

  it('a basket resolved to both HS editions of the data (HS2017 to 2021, HS2022 in 2022)', async () => {
    const codes = [
      { code: '940330', domain: 'design' },
      { code: '940360', domain: 'design' },
      { code: '470610', domain: 'paper' },
    ];
    await insertBasket(store, 'wood-test', 'HS2017', codes);
    await insertBasket(store, 'wood-test', 'HS2022', codes);
    const rows = await runIndicator(store, 'value', {
      from: 2021,
      to: 2022,
      side: 'import',
      basket: 'wood-test',
      by: 'domain',
      country: 'DEU',
    });
    expect(rows.provenance.classifications).toEqual(['HS2017', 'HS2022']);
    for (const y of [2021, 2022]) {
      const e = sum(
        all
          .filter((r) => r.year === y && r.rep === 'DEU' && (r.code === '940330' || r.code === '940360'))
          .map((r) => r.v),
      );
      rel(rows.rows.find((r) => r.year === y && r.product === 'design')?.value, e, `design ${y}`);
    }
  });
});

describe.skipIf(!hasShared(...SHRIMP))(
  'unit values on the Comtrade Thai shrimp sample (quantities in kg)',
  () => {
    let store: Store;
    let rows: Flow[];
    beforeAll(async () => {
      store = await openTestStore();
      await importFiles(store, [sharedPath(...SHRIMP)]);
      rows = readRows(SHRIMP, false).filter((r) => r.code.length === 6 && (r.flow === 'X' || r.flow === 'M'));
    });
    afterAll(async () => {
      await store?.close();
    });

    it('unit value and the value-vs-volume split of Thai exports by product', async () => {
      const x = rows.filter((r) => r.flow === 'X' && r.rep === 'THA');
      const key = (r: Flow) => `${r.year}|${r.code}`;
      const withQ = x.filter((r) => r.q !== null && r.q > 0);
      const vq = sumBy(withQ, key, (r) => r.v);
      const q = sumBy(withQ, key, (r) => r.q!);
      const units = new Map<string, Set<string>>();
      for (const r of withQ) units.set(key(r), (units.get(key(r)) ?? new Set()).add(r.unit!));
      const uv = await runIndicator(store, 'unit-value', {
        from: 2007,
        to: 2011,
        country: 'THA',
        by: 'product',
      });
      let checked = 0;
      for (const r of uv.rows) {
        const k = `${r.year}|${r.product}`;
        if (!vq.has(k)) {
          expect(r.value).toBeNull();
          continue;
        }
        if (units.get(k)!.size > 1) expect(r.value).toBeNull();
        else {
          rel(r.value, vq.get(k)! / q.get(k)!, `UV ${k}`);
          checked++;
        }
      }
      expect(checked).toBeGreaterThan(10);
      const vv = await runIndicator(store, 'value-volume', {
        from: 2008,
        to: 2011,
        country: 'THA',
        by: 'product',
      });
      expect(vv.rows.length).toBeGreaterThan(5);
      for (const r of vv.rows) {
        const [k1, k0] = [`${r.year}|${r.product}`, `${(r.year as number) - 1}|${r.product}`];
        rel(r.value, Math.log(vq.get(k1)! / vq.get(k0)!), `dlnV ${k1}`);
        rel(r.dln_quantity, Math.log(q.get(k1)! / q.get(k0)!), `dlnQ ${k1}`);
        rel(r.dln_unit_value, Math.log(vq.get(k1)! / q.get(k1)! / (vq.get(k0)! / q.get(k0)!)), `dlnUV ${k1}`);
      }
    });
  },
);
