/**
 * Defaults from the data: where a command, an API call or the dashboard is given no country or
 * year, it starts from what the store holds — the largest reporter (the country with the most trade
 * value over its rows with country partners) and that reporter's last year — never from a fixed
 * country. On an empty store there is no default, and the reason says so.
 *
 * Cached per store until the import runs change; read from the run statistics the import writes
 * (`flow_reporter_stats`, store/flow-totals.ts), so a process just started does not scan the flows.
 *
 * @example
 *   const d = await dataDefaults(store);   // { country: { iso3: 'DEU', … }, year: 2022, … }
 */
import { countryName } from '../reference/index.ts';
import { reporterStatsSource, sql, type Store } from '../store/index.ts';
import { runsSignature } from './resolve.ts';

export interface DataDefaults {
  /** The largest reporter; null on a store without trade rows. */
  country: { iso3: string; name: { en: string; zh: string } } | null;
  /** Its last year in the data. */
  year: number | null;
  /** The span of years it reports. */
  years: { from: number; to: number } | null;
  /** The largest reporters, largest first (up to five), for pages that compare several. */
  countries: string[];
  /** The default country's largest partner in its last year (for a bilateral view). */
  partner: string | null;
  /** How the default was chosen, for a note beside it. */
  reason: string;
}

const cache = new WeakMap<Store, { sig: string; value: DataDefaults }>();

export async function dataDefaults(store: Store): Promise<DataDefaults> {
  const sig = await runsSignature(store);
  const hit = cache.get(store);
  if (hit && hit.sig === sig) return hit.value;
  // Reporters that are countries or territories (not World, areas or historical groupings).
  const rows = await store.query<{ reporter: string; value: number; first_year: number; last_year: number }>(
    sql`with by_reporter as (
          select reporter, sum(v) as value, min(year) as first_year, max(year) as last_year
          from (${await reporterStatsSource(store)}) s where nn > 0 group by reporter
        )
        select b.reporter, b.value, b.first_year, b.last_year
        from by_reporter b join countries c on c.iso3 = b.reporter
        where c.kind in ('country', 'territory')
        order by b.value desc, b.reporter
        limit 5`,
  );
  const top = rows[0];
  const partner = top
    ? (
        await store.query<{ partner: string }>(
          sql`select t.partner from trade_flows t join countries c on c.iso3 = t.partner
              where t.reporter = ${top.reporter} and t.year = ${top.last_year} and t.partner_kind = 'country'
                and c.kind in ('country', 'territory')
              group by t.partner order by sum(t.value_usd) desc, t.partner limit 1`,
        )
      )[0]?.partner ?? null
    : null;
  const value: DataDefaults = top
    ? {
        country: { iso3: top.reporter, name: { en: countryName(top.reporter, 'en'), zh: countryName(top.reporter, 'zh') } },
        year: Number(top.last_year),
        years: { from: Number(top.first_year), to: Number(top.last_year) },
        countries: rows.map((r) => r.reporter),
        partner,
        reason: `${top.reporter} is the reporter with the most trade in the store; ${top.last_year} is its last year`,
      }
    : { country: null, year: null, years: null, countries: [], partner: null, reason: 'the store holds no trade rows with a country partner: import data first' };
  cache.set(store, { sig, value });
  return value;
}
