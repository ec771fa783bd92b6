/**
 * Where each number of reported data comes from: for a country, a year and a side (its exports or
 * its imports), whether the figure is the country's own report, its partners' mirror reports, or
 * there is no data at all — and why. Read models attach these labels (`sources`) to their output,
 * and say them in `notes` (CLI, API `meta`, dashboard badge).
 *
 * The label follows the view's rule (indicators/params.ts): under `trade-map` (the default) a
 * country that reported the flow in the year is `reporter`, one that did not is `mirror` when a
 * partner reported the other side, else `none`; `reporter` and `partner` views use one side only;
 * `mirror-max` mixes both (`mixed`). Reconciled data (BACI) is `reconciled`.
 *
 * "No data" is never a zero: a `none` label carries its reason, and under the reporter view the
 * mirror figure (partners' reports, as reported) where one exists.
 *
 * @example
 *   const s = await flowSources(store, params, ['DEU'], [2022]);
 *   // [{ year: 2022, country: 'DEU', side: 'export', source: 'mirror', reason: '…' }, …]
 */
import { flowCode, runFilter, type Scope, type Side, tradeWhere } from '../indicators/index.ts';
import type { FlowSourceBadge } from '../contract.ts';
import { inList, sql, type Store } from '../store/index.ts';
import { queryIndicator } from './indicator.ts';


interface Seen {
  year: number;
  country: string;
  flow: string;
  kind: 'own' | 'mirror';
}

const word = (side: Side, p?: Pick<Scope, 'flow'>) =>
  p?.flow === 'reexport' ? (side === 'export' ? 're-exports' : 're-imports') : side === 'export' ? 'exports' : 'imports';
const other = (side: Side) => (side === 'export' ? 'imports from' : 'exports to');

/** Who reported what: the country's own reports and its partners' reports naming it, per year and flow. */
async function seen(store: Store, p: Scope, countries: string[], from: number, to: number): Promise<Seen[]> {
  const where = sql`${runFilter(p)}${tradeWhere(p)} and t.year between ${from} and ${to} and t.flow in (${flowCode(p, 'X')}, ${flowCode(p, 'M')})`;
  // With partners named (a country group), only reports about those partners count: the country's
  // own reports of its trade with them, and their reports of their trade with the country.
  const own = p.partner?.length ? sql` and t.partner in ${inList(p.partner)}` : sql``;
  const mirror = p.partner?.length ? sql` and t.reporter in ${inList(p.partner)}` : sql``;
  return store.query<Seen>(
    sql`select distinct t.year as year, t.reporter as country, t.flow as flow, ${'own'} as kind from trade_flows t where ${where} and t.reporter in ${inList(countries)}${own}
        union all
        select distinct t.year as year, t.partner as country, t.flow as flow, ${'mirror'} as kind from trade_flows t where ${where} and t.partner in ${inList(countries)}${mirror}`,
  );
}

/** The label of one (country, year, side) from what was reported, under the scope's view. */
export function labelOf(
  p: Pick<Scope, 'perspective' | 'view' | 'worldRows' | 'flow'>,
  country: string,
  year: number,
  side: Side,
  own: boolean,
  mirror: boolean,
): Omit<FlowSourceBadge, 'mirror_value'> {
  const base = { year, country, side };
  if (p.perspective === 'reconciled') {
    // Data without partner detail (an Atlas country × product file: exports to the world) holds
    // one side only; the other is no data, not 0.
    if (p.worldRows && !(side === 'export' ? own : mirror))
      return { ...base, source: 'none', reason: `no data: the data holds no ${word(side)} of ${country} for ${year} (it has no partner detail)` };
    return { ...base, source: 'reconciled', reason: null };
  }
  const mirrorReason = `${country} reports no ${word(side)} for ${year}: partners' reports of their ${other(side)} ${country} (mirror data)`;
  if (p.flow === 'reexport')
    return own
      ? { ...base, source: 'reporter', reason: null }
      : { ...base, source: 'none', reason: `no data: ${country} reports no ${word(side, p)} for ${year} in the data (re-exports have no mirror)` };
  const noneReason = `no data: ${country} reports no ${word(side)} for ${year} in the data${mirror ? '' : `, and no partner reports ${other(side)} it`}`;
  const useOwn = p.view === 'trade-map' || p.view === 'reporter' || p.view === 'mirror-max';
  const useMirror = p.view === 'trade-map' || p.view === 'partner' || p.view === 'mirror-max';
  if (p.view === 'mirror-max' && own && mirror)
    return { ...base, source: 'mixed', reason: 'the larger of the reporter’s and the partners’ reports, per flow' };
  if (useOwn && own) return { ...base, source: 'reporter', reason: null };
  if (useMirror && mirror) return { ...base, source: 'mirror', reason: mirrorReason };
  if (p.view === 'partner' && !mirror)
    return { ...base, source: 'none', reason: `no data: no partner reports ${other(side)} ${country} for ${year}` };
  return {
    ...base,
    source: 'none',
    reason: mirror ? `${noneReason} (partners report it: see mirror_value, or use --view trade-map)` : noneReason,
  };
}

/**
 * Labels for every country × year × side. Under the reporter view, a `none` with partner reports gets
 * the mirror figure (the value indicator under the trade-map view).
 */
export async function flowSources(
  store: Store,
  p: Scope,
  countries: string[],
  years: { from: number; to: number },
): Promise<FlowSourceBadge[]> {
  const rows = p.perspective === 'reported' || p.worldRows ? await seen(store, p, countries, years.from, years.to) : [];
  const has = (c: string, y: number, flow: string, kind: Seen['kind']) =>
    rows.some((r) => r.country === c && r.year === y && r.flow === flow && r.kind === kind);
  const out: FlowSourceBadge[] = [];
  for (const country of countries)
    for (let year = years.from; year <= years.to; year++)
      for (const side of ['export', 'import'] as const) {
        const [ownFlow, mirrorFlow] = side === 'export' ? [flowCode(p, 'X'), flowCode(p, 'M')] : [flowCode(p, 'M'), flowCode(p, 'X')];
        const l = labelOf(p, country, year, side, has(country, year, ownFlow, 'own'), has(country, year, mirrorFlow, 'mirror'));
        out.push({ ...l, mirror_value: null });
      }
  if (p.view === 'reporter' && p.flow !== 'reexport') {
    for (const l of out) {
      if (l.source !== 'none' || !has(l.country, l.year, l.side === 'export' ? 'M' : 'X', 'mirror')) continue;
      const v = await queryIndicator<Record<string, unknown>>(store, 'value', {
        ...p,
        view: 'trade-map',
        country: [l.country],
        partner: undefined,
        side: l.side,
        from: l.year,
        to: l.year,
        by: 'total',
        basket: p.basket,
        domain: p.domain,
      });
      l.mirror_value = typeof v[0]?.value === 'number' ? (v[0].value as number) : null;
    }
  }
  return out;
}

/**
 * Labels of the two directions of a bilateral flow by year: a→b is the exporter a's own report
 * where a reported exports that year, else the importer b's report of its imports (mirror), else
 * none. `country` is the exporter, `side` 'export'; the reason names both countries.
 */
export async function pairSources(
  store: Store,
  p: Scope,
  a: string,
  b: string,
  years: { from: number; to: number },
): Promise<(FlowSourceBadge & { partner: string })[]> {
  // Reports of the pair's trade with each other: b's own report of its imports names a as partner,
  // so the partners kept are both countries (the scope's partner is b alone, which would drop it).
  const rows = p.perspective === 'reported' ? await seen(store, { ...p, partner: [a, b] }, [a, b], years.from, years.to) : [];
  const reported = (c: string, y: number, flow: string) =>
    rows.some((r) => r.country === c && r.year === y && r.flow === flow && r.kind === 'own');
  const out: (FlowSourceBadge & { partner: string })[] = [];
  for (let year = years.from; year <= years.to; year++)
    for (const [x, m] of [
      [a, b],
      [b, a],
    ] as const) {
      const l = labelOf(p, x, year, 'export', reported(x, year, flowCode(p, 'X')), reported(m, year, flowCode(p, 'M')));
      const reason =
        l.source === 'mirror'
          ? `${x} reports no exports for ${year}: ${m}'s report of its imports from ${x} (mirror data)`
          : l.source === 'none' && p.flow !== 'reexport'
            ? `no data: ${x} reports no exports and ${m} no imports for ${year} in the data`
            : l.reason;
      out.push({ ...l, reason, partner: m, mirror_value: null });
    }
  return out;
}

/** One line for `notes` per label that is not the reporter's own figure. */
export function sourceNotes(labels: readonly (FlowSourceBadge & { partner?: string })[]): string[] {
  return labels
    .filter((l) => l.source === 'mirror' || l.source === 'none' || l.source === 'mixed')
    .map((l) => {
      const what = `${l.country}${l.partner ? `→${l.partner}` : ''} ${word(l.side)} ${l.year}`;
      if (l.source !== 'none') return `${what}: ${l.source} — ${l.reason}`;
      const mirror = l.mirror_value !== null ? ` (mirror figure US$${Math.round(l.mirror_value).toLocaleString('en-US')})` : '';
      return `${what}: ${l.reason}${mirror}`;
    });
}
