/**
 * `registry effect`: the exporter's exports of a basket to partners before and after dated registry
 * events (centre openings, treaty signings), against all other partners — the data side of the
 * estimator in registry/effect.ts. Descriptive, not causal.
 *
 * Trade rows: `trade_flows` with flow 'X' reported by the exporter (BACI's reconciled
 * exporter→importer rows and Comtrade/OTS reported exports look the same there), goods only,
 * partner_kind 'country', joined to `basket_resolved` on (classification = edition, product = code).
 * One source is used at a time (BACI if loaded, else the reported source with the most rows, or the
 * one asked for), and for each year only that source's latest import run, so nothing is counted twice.
 */
import { LanternError } from '../errors.ts';
import type { RegistryEffectData } from '../contract.ts';
import { checkBasketScope, getBasket, parseBasketSelector, scopeValues } from '../reference/index.ts';
import { type EffectEvent, estimateEffect, type Panel } from '../registry/index.ts';
import { inList, type Sql, sql, type Store, whereAll } from '../store/index.ts';

export const effectEventKinds = [
  'centre-opening',
  'treaty-signing',
  'agreement-signing',
  'institution-opening',
] as const;
export type EffectEventKind = (typeof effectEventKinds)[number];

/**
 * Dated events with a partner country for an exporter. Rows whose date is unknown are returned
 * with `year` null so that the caller can say how many were left out.
 */
export function effectEventsQuery(kind: EffectEventKind, exporter: string): Sql {
  switch (kind) {
    case 'centre-opening':
    case 'institution-opening':
      return sql`select id, country as partner, opened_year as year, name_en as label from registry_institutions
        where (${kind} = 'institution-opening' or kind = 'cultural-centre')
          and home_country = ${exporter} and country <> ${exporter}
        order by opened_year nulls last, id`;
    case 'treaty-signing':
    case 'agreement-signing':
      return sql`select id, partner, signed_year as year, title as label from registry_agreements
        where (${kind} = 'agreement-signing' or kind = 'co-production-treaty')
          and home_country = ${exporter} and partner is not null and partner <> ${exporter}
        order by signed_year nulls last, id`;
  }
}

/** Which sources hold exports of the exporter, with their perspective and row counts. */
export function effectSourcesQuery(exporter: string): Sql {
  return sql`select r.source, r.perspective, count(*) as n
    from trade_flows f join import_runs r on r.id = f.run_id
    where f.reporter = ${exporter} and f.flow = 'X' and f.type_code = 'C' and f.partner_kind = 'country'
    group by r.source, r.perspective
    order by case r.perspective when 'reconciled' then 0 else 1 end, n desc, r.source`;
}

export interface PanelParams {
  exporter: string;
  basketId: string;
  domain?: string;
  scope?: string;
  source: string;
  fromYear?: number;
  toYear?: number;
}

/**
 * Exports of a basket by partner and year for one exporter and source.
 *
 * @example
 *   render(effectPanelQuery({ exporter: 'CHN', basketId: 'unesco-fcs-2009', source: 'baci' }), duckdb)
 */
export function effectPanelQuery(p: PanelParams): Sql {
  // One JOIN per SELECT, no parameter casts and no alias naming its own aggregate's column:
  // what ClickHouse 18.16 runs (store/clickhouse/CONTEXT.md).
  return sql`with latest as (
      select f.year as year, max(f.run_id) as latest_run
      from trade_flows f join import_runs r on r.id = f.run_id
      where r.source = ${p.source} and f.reporter = ${p.exporter} and f.flow = 'X'
      group by f.year
    ),
    basket as (
      select distinct edition, code from basket_resolved
      ${whereAll([
        sql`basket_id = ${p.basketId}`,
        p.domain !== undefined && sql`domain = ${p.domain}`,
        Boolean(scopeValues(p.scope)) && sql`core_or_related in ${inList(scopeValues(p.scope) ?? [])}`,
      ])}
    ),
    flows as (
      select f.partner as partner, f.year as year, f.classification as classification, f.product as product, f.value_usd as value_usd
      from trade_flows f join latest l on l.year = f.year and l.latest_run = f.run_id
      ${whereAll([
        sql`f.reporter = ${p.exporter} and f.flow = 'X' and f.type_code = 'C' and f.partner_kind = 'country'`,
        sql`f.partner <> ${p.exporter}`,
        p.fromYear !== undefined && sql`f.year >= ${p.fromYear}`,
        p.toYear !== undefined && sql`f.year <= ${p.toYear}`,
      ])}
    )
    select t.partner as partner, t.year as year, sum(t.value_usd) as value
    from flows t join basket b on b.edition = t.classification and b.code = t.product
    group by t.partner, t.year
    order by partner, year`;
}

export interface RegistryEffectParams {
  eventKind: EffectEventKind;
  exporter: string;
  /** `basket`, `basket:domain`, with `@core` or `@related` for a scope. */
  basket: string;
  source?: string;
  window?: number;
  bootstrap?: number;
  seed?: string;
}

/** The answer as sent (contract.ts `RegistryEffectData`: the summary and its events, which the route also sends as `rows`). */
export interface RegistryEffect extends RegistryEffectData {
  event_kind: EffectEventKind;
}

export const effectMethod =
  'Difference-in-differences over events: for each event, ln(mean exports to the partner over the k years after / the k years before) minus the same for the sum over all other partners (partners with their own event within k years excluded); the event year is left out. Estimate = mean over events; interval = percentile bootstrap over events (seeded). Descriptive, not causal.';

/** Loads the exports panel for an exporter, basket and source (or the best source available). */
export async function loadEffectPanel(
  store: Store,
  p: { exporter: string; basket: string; source?: string; fromYear?: number; toYear?: number },
): Promise<{ panel: Panel; source: string | null }> {
  const sel = parseBasketSelector(p.basket);
  await getBasket(store, sel.basketId); // unknown basket → clear error
  await checkBasketScope(store, sel.basketId, sel.scope);
  const sources = await store.query<{ source: string; perspective: string; n: number }>(
    effectSourcesQuery(p.exporter),
  );
  let source: string | null = null;
  if (p.source) {
    if (!sources.some((s) => s.source === p.source)) {
      const held = sources.map((s) => s.source);
      // Exports of other sources there are: the source is the mistake, not missing data.
      throw new LanternError(
        held.length ? 'invalid-argument' : 'no-data',
        `No exports of ${p.exporter} from source "${p.source}" in the store.`,
        [
          {
            field: 'source',
            message: 'source has no exports for this exporter',
            expected: held.join(' | ') || '(none loaded)',
            found: p.source,
            hint: held.length
              ? `give a source with its exports (${held.join(', ')}), or leave the source out`
              : 'import trade data first (`lantern import …`)',
          },
        ],
      );
    }
    source = p.source;
  } else {
    source = sources[0]?.source ?? null;
  }
  const panel: Panel = new Map();
  if (source === null) return { panel, source };
  const rows = await store.query<{ partner: string; year: number; value: number }>(
    effectPanelQuery({
      exporter: p.exporter,
      basketId: sel.basketId,
      domain: sel.domain,
      scope: sel.scope,
      source,
      fromYear: p.fromYear,
      toYear: p.toYear,
    }),
  );
  for (const r of rows) {
    let years = panel.get(r.partner);
    if (!years) {
      years = new Map();
      panel.set(r.partner, years);
    }
    years.set(Number(r.year), Number(r.value));
  }
  return { panel, source };
}

/**
 * Runs the event study for registry events of a kind.
 *
 * @example
 *   await registryEffect(store, { eventKind: 'centre-opening', exporter: 'CHN', basket: 'unesco-fcs-2009' })
 */
export async function registryEffect(store: Store, p: RegistryEffectParams): Promise<RegistryEffect> {
  const rows = await store.query<{ id: string; partner: string; year: number | null; label: string }>(
    effectEventsQuery(p.eventKind, p.exporter),
  );
  const events: EffectEvent[] = rows
    .filter((r) => r.year !== null)
    .map((r) => ({ id: r.id, partner: r.partner, year: Number(r.year), label: r.label }));
  const undated = rows
    .filter((r) => r.year === null)
    .map((r) => ({ id: r.id, partner: r.partner, label: r.label }));
  const { panel, source } = await loadEffectPanel(store, p);
  const est = estimateEffect(panel, events, { window: p.window, bootstrap: p.bootstrap, seed: p.seed });
  return {
    ...est,
    event_kind: p.eventKind,
    exporter: p.exporter,
    basket: p.basket,
    source,
    events_undated: undated,
    method: effectMethod,
  };
}

/**
 * Yearly exports to one partner and to all other partners, for a detail page ("before and after").
 */
export async function partnerTrade(
  store: Store,
  p: {
    exporter: string;
    partner: string;
    basket: string;
    source?: string;
    fromYear?: number;
    toYear?: number;
  },
): Promise<{ source: string | null; series: { year: number; partner: number; others: number }[] }> {
  const { panel, source } = await loadEffectPanel(store, p);
  const years = new Set<number>();
  for (const ys of panel.values()) for (const y of ys.keys()) years.add(y);
  const series = [...years]
    .sort((a, b) => a - b)
    .map((year) => {
      let others = 0;
      for (const [partner, ys] of panel) if (partner !== p.partner) others += ys.get(year) ?? 0;
      return { year, partner: panel.get(p.partner)?.get(year) ?? 0, others };
    });
  return { source, series };
}
