/**
 * Product (or basket) profile: world trade in an HS code, heading, chapter or basket domain — world
 * totals and growth by year, top exporters and importers with shares and ranks, concentration of
 * exporters and importers, and unit values.
 *
 * @example
 *   const p = await productProfile(store, { product: '940540', years: '2021' });
 *   const b = await productProfile(store, { product: 'unesco-fcs-2009:books', years: '2019-2021' });
 */
import { z } from 'zod';
import type { ProductProfileData, ProductTrader } from '../contract.ts';
import { parseParams, type Scope, scopeSchema } from '../indicators/index.ts';
import { countryName, productNames } from '../reference/index.ts';
import type { Store } from '../store/index.ts';
import { dataShape, parseProductSelector, scopeLabel, topSchema, yearsSchema } from './common.ts';
import { emptyHints, prepareScope, queryIndicator, stripUndefined } from './indicator.ts';
import { type Provenance, worldScope } from './resolve.ts';
import { readModel } from './read-model.ts';
import { defaultSpans } from './scope.ts';

export const productProfileParams = z.object({
  product: z.string().describe('an HS code (940540, 9405, 94) or basket[:domain] (unesco-fcs-2009:books)'),
  years: yearsSchema.describe('a year or a span, e.g. 2019-2021'),
  top: topSchema,
  ...dataShape,
});
export type ProductProfileParams = z.input<typeof productProfileParams>;

type Row = Record<string, unknown>;
type Num = number | null;

const num = (v: unknown): Num => (typeof v === 'number' && Number.isFinite(v) ? v : null);

/**
 * Kept whole: a read model's steps on one resolved scope: its queries, then the wire type built
 * from their rows.
 */
export async function productProfile(store: Store, input: ProductProfileParams): Promise<ProductProfileData> {
  const q = parseParams(productProfileParams, input, 'product profile');
  const sel = parseProductSelector(q.product);
  const { from, to } = q.years;
  const rawScope = stripUndefined({
    from,
    to,
    ...sel,
    runs: q.runs,
    source: q.source,
    perspective: q.perspective,
    view: q.view,
    flow: q.flow,
    level: q.level ?? ('product' in sel ? Math.max(sel.product.length, 6) : undefined),
  });
  const parsed = parseParams(
    scopeSchema,
    Object.fromEntries(Object.entries(rawScope).filter(([k]) => k !== 'source')),
    'product profile',
  );
  // A code of 2 or 4 digits is summed over the finest level the data has (level left to the data).
  const input2 = 'product' in sel && q.level === undefined ? { ...rawScope, level: undefined } : rawScope;
  const { params, provenance, notes } = await prepareScope(
    store,
    'yoy-growth',
    input2,
    parsed,
    ['reconciled', 'reported'],
    'product profile',
  );
  const runs = provenance.runs.map((r) => r.id);
  const wx = await queryIndicator<Row>(store, 'world-share', { ...params, from: from - 1, side: 'export' });
  const wm = await queryIndicator<Row>(store, 'world-share', { ...params, side: 'import' });
  const uv = await queryIndicator<Row>(store, 'unit-value', { ...params, side: 'export' });
  const world: ProductProfileData['world'] = [];
  for (let y = from; y <= to; y++) {
    const xs = wx.filter((r) => r.year === y);
    if (xs.length === 0) continue;
    const total = xs[0]!.denominator as number;
    const prev = wx.find((r) => r.year === y - 1)?.denominator as number | undefined;
    const u = uv.filter((r) => r.year === y);
    // World unit value: Σ value with quantity / Σ quantity, only when every exporter uses one unit.
    const units = new Set(u.map((r) => r.unit).filter((x) => x !== null));
    const vq = u.reduce((s, r) => s + ((r.value_with_quantity as number) ?? 0), 0);
    const qq = u.reduce((s, r) => s + ((r.quantity as number) ?? 0), 0);
    world.push({
      year: y,
      exports: total,
      exporters: xs.length,
      importers: wm.filter((r) => r.year === y).length,
      growth: prev ? total / prev - 1 : null,
      unit_value:
        units.size === 1 && u.every((r) => r.units === 1 || r.units === 0) && qq > 0 ? vq / qq : null,
      unit: units.size === 1 ? ([...units][0] as string) : null,
    });
  }
  const label = scopeLabel(sel, provenance.trade);
  if (world.length === 0 && wm.length > 0) {
    notes.push(
      `no exporter reports ${label} under the ${provenance.view ?? 'chosen'} view; importers' reports are shown${provenance.view === 'reporter' ? ' (try --view mirror-max to count exports from importers’ reports)' : ''}`,
    );
  }
  // Reported data: "world" exports and the traders' shares are the store's reporters'; say so.
  const scope = world.length || wm.length ? await worldScope(store, provenance, runs, { from, to }) : null;
  if (scope) notes.push(scope.note);
  const first = world.find((w) => w.year === from);
  const last = world.find((w) => w.year === to);
  const span = to - from;
  const cagr =
    first && last && span > 0 && first.exports > 0 ? (last.exports / first.exports) ** (1 / span) - 1 : null;
  const trend = world.length >= 3 ? trendOf(world.map((w) => [w.year, w.exports])) : null;
  const top = (rows: Row[], withUv: boolean): ProductTrader[] =>
    rows
      .filter((r) => r.year === to)
      .sort(
        (a, b) =>
          (a.rank as number) - (b.rank as number) || String(a.country).localeCompare(String(b.country)),
      )
      .slice(0, q.top)
      .map((r) => ({
        country: r.country as string,
        name_en: countryName(r.country as string, 'en'),
        name_zh: countryName(r.country as string, 'zh'),
        value: r.numerator as number,
        share: r.value as number,
        rank: r.rank as number,
        unit_value: withUv ? num(uv.find((u) => u.year === to && u.country === r.country)?.value) : null,
      }));
  const conc = (rows: Row[]) => {
    const ys = rows.filter((r) => r.year === to && (r.value as number) > 0);
    const hhi = ys.length ? ys.reduce((s, r) => s + (r.value as number) ** 2, 0) : null;
    return { hhi, equivalent: hhi ? 1 / hhi : null, n: ys.length };
  };
  // The code's name in the data's edition (HS) or the EBOPS 2010 tree (services).
  const description =
    'product' in sel ? ((await productNames(store, [sel.product], provenance.classifications))(sel.product).en ?? null) : null;
  const exporters = top(wx, true);
  const [basket, domain] = 'product' in sel ? [null, null] : q.product.replace(/^basket:/, '').split(':');
  return {
    product: {
      selector: q.product,
      code: 'product' in sel ? sel.product : null,
      basket: basket ?? null,
      domain: domain ?? null,
      label,
      description,
    },
    year: to,
    from,
    to,
    world,
    trend: world.map((w) => ({ year: w.year, world: w.exports })),
    growth: { cagr, trend },
    exporters,
    importers: top(wm, false),
    concentration: { exporters: conc(wx), importers: conc(wm) },
    unitValues: exporters
      .filter((r) => r.unit_value !== null)
      .map((r) => ({ country: r.country, name_en: r.name_en, name_zh: r.name_zh, unit_value: r.unit_value })),
    quantityUnit: world.at(-1)?.unit ?? null,
    runs,
    provenance: scope ? { ...provenance, world: scope } : provenance,
    notes,
    empty:
      world.length || wm.length
        ? null
        : `No country trades ${label} in ${from}–${to} in the data (${provenance.runs.map((r) => `run ${r.id} ${r.source}`).join(', ')})${emptyHints(params, provenance)}.`,
  };
}

/** e^b − 1 for the least-squares slope b of ln(value) on year (positive values only). */
function trendOf(points: [number, number][]): Num {
  const p = points.filter(([, v]) => v > 0).map(([t, v]) => [t, Math.log(v)] as const);
  if (p.length < 3) return null;
  const mt = p.reduce((s, [t]) => s + t, 0) / p.length;
  const my = p.reduce((s, [, y]) => s + y, 0) / p.length;
  const b = p.reduce((s, [t, y]) => s + (t - mt) * (y - my), 0) / p.reduce((s, [t]) => s + (t - mt) ** 2, 0);
  return Math.exp(b) - 1;
}

/** The profile as long rows for CSV/NDJSON/Parquet. */
export function productProfileRows(p: ProductProfileData): Record<string, unknown>[] {
  const out: Record<string, unknown>[] = [];
  const runs = p.provenance.runs.map((r) => r.id).join(' ');
  const push = (section: string, year: number | null, key: string, m: object) => {
    for (const [measure, value] of Object.entries(m)) {
      if (measure !== 'year' && (typeof value === 'number' || value === null))
        out.push({ section, year, key, measure, value, runs });
    }
  };
  for (const r of p.world) push('world', r.year, p.product.label, r);
  push('growth', p.to, p.product.label, { cagr: p.growth.cagr, trend: p.growth.trend });
  for (const r of p.exporters) push('top-exporters', p.to, r.country, r);
  for (const r of p.importers) push('top-importers', p.to, r.country, r);
  push('concentration-exporters', p.to, p.product.label, p.concentration.exporters);
  push('concentration-importers', p.to, p.product.label, p.concentration.importers);
  return out;
}

export type { Scope };

/** The product profile as the CLI (`lantern profile product`) and the API (`/profiles/product`) run it. */
export const productProfileModel = readModel({
  id: 'product-profile',
  summary: 'Product / basket profile: world trend, top exporters and importers, concentration, unit values',
  params: productProfileParams,
  years: { span: defaultSpans.productProfile, field: 'years' },
  run: productProfile,
  rows: productProfileRows,
  provenance: (p) => ({ runs: p.runs, note: [p.product.label, p.provenance.perspective, ...p.notes].join(' · '), world: p.provenance.world }),
  tables: (p) => ({ rows: productProfileRows(p), exporters: p.exporters, importers: p.importers, world: p.world }),
});
