/**
 * The flow relations every indicator is built on, as pure SQL fragments.
 *
 * `scan` reads `trade_flows` rows of one flow code within a scope (runs, years, HS level, products or
 * basket) and labels each row with its product group `grp`. `pairs` turns scans into one row per
 * exporter → importer → product with two valuations: `vx` (the export side, FOB) and `vm` (the import
 * side). `sideFlows` projects pairs onto a subject country: for side=export the subject is the
 * exporter and the counterpart the importer (value vx); for side=import the other way round (vm).
 *
 * Invariants:
 * - World rows ('WLD') are never added to bilateral rows: a World row counts what its report's named
 *   partners leave over (`countedRows`), so a report with no partner detail is read from its World
 *   rows and one with full detail adds nothing. Those remainders and trade with unattributed areas
 *   (Comtrade's "areas, nes") are read when the caller sums over counterparts (`areas` or `totals`):
 *   they stay in market and country totals, never as a subject or a listed partner.
 * - A product is never counted at two levels: data of one HS level reads the rows of that level
 *   (summed to `level` digits when finer: `rowLevel`); data mixing levels or holding all-products
 *   TOTAL rows (`mixedLevels`) reads every row once by the rule of `countedRows`, grouped at `level`.
 * - Reconciled data (BACI) has one row per flow: vx = vm = the reconciled value. Reported data
 *   (Comtrade/OTS) is valued per `view` (see params.ts); the reports of both sides are matched on
 *   (year, exporter, importer, product) before the view's rule is applied.
 * - Re-exports (`flow` 'reexport') read RX rows where exports read X, and RM where imports read M
 *   (`flowCode`); the query layer reads them under the reporter view (no mirror).
 * - Every value reaches SQL as a bound parameter; the only constant text is written here.
 * - Portable SQL only (DuckDB and ClickHouse, down to Debian's 18.16): CTEs, `case when`,
 *   `cast(x as double)`; one JOIN per SELECT with equalities in ON (FULL JOIN with USING), join
 *   keys of one type, aliases apart from column names, no windows (see `rankBy`); engine-specific
 *   spellings go through `dialect.fn`.
 */
import { type Dialect, inList, raw, type Sql, sql, typedNull } from '../store/index.ts';
import { CIF_FOB, type Scope, type Side } from './params.ts';
import { EBOPS2010, scopeValues } from '../reference/index.ts';

export type FlowCode = 'X' | 'M';

/**
 * The flow code stored in `trade_flows` for the export side ('X') or the import side ('M') of a
 * scope: 'RX' and 'RM' when the scope asks for re-exports (`flow` 'reexport', params.ts).
 */
export function flowCode(p: Pick<Scope, 'flow'>, flow: FlowCode): string {
  if (p.flow !== 'reexport') return flow;
  return flow === 'X' ? 'RX' : 'RM';
}

export interface ScanOptions {
  /** Restrict to the scope's products (basket, domain or HS prefix) and label groups; else all products, grp 'ALL'. */
  products: boolean;
  from: number;
  to: number;
  /**
   * The caller sums `v` per subject and never reads `cpt`, `q` or `qu` (but for the partner
   * filter): `sideFlows` may then read the per-country totals of `flow_totals` (see `totalsScan`).
   */
  totals?: boolean;
  /**
   * All products (`products` false), and the caller sums `v` per (subject, counterpart) and never
   * reads `product`, `q` or `qu`: `sideFlows` may read the per-pair totals of `flow_pair_totals`.
   */
  pairs?: boolean;
  /**
   * The caller sums over counterparts (never lists them): reported rows with an unattributed area
   * partner are read too (implied by `totals`). Areas are counterparts only, never subjects.
   */
  areas?: boolean;
}

/**
 * Whether a scan reads rows whose partner is not a named country (summed over counterparts only):
 * unattributed areas of reported data, and the remainders of World rows (`countedRows`) of any data.
 */
function withAreas(p: Scope, o: ScanOptions): boolean {
  return (p.perspective === 'reported' || !!p.worldRows) && !!(o.areas || o.totals);
}

/** Whether rows are read through `countedRows` (several levels, TOTAL rows or World rows). */
function counted(p: Scope): boolean {
  return !!(p.mixedLevels || p.worldRows);
}

/**
 * The trade filter: goods rows (type_code 'C') or services rows ('S') as the scope says; nothing
 * when the query layer found no rows of the other kind in the runs read (`goodsOnly` false).
 */
export function tradeWhere(p: Pick<Scope, 'goodsOnly' | 'trade'>, alias = 't'): Sql {
  if (p.goodsOnly === false) return raw('');
  return sql` and ${raw(alias)}.type_code = ${p.trade === 'services' ? 'S' : 'C'}`;
}

/** The label of the product group when `by` is 'total'. */
export function totalLabel(p: Scope): string {
  if (p.basket) return `${p.basket}${p.domain ? `:${p.domain}` : ''}${p.scope && p.scope !== 'all' ? `@${p.scope}` : ''}`;
  if (p.product) return p.product;
  return 'ALL';
}

/**
 * The HS level of the rows a scope of one level reads: `rowLevel` when the data is finer than the
 * level asked (its codes are then summed to `level` digits), else `level`.
 */
function storedLevel(p: Pick<Scope, 'level' | 'rowLevel'>): number {
  return p.rowLevel ?? p.level;
}

/** Which import runs a scope reads: the given ids, or every run of its perspective. */
export function runFilter(p: Scope, alias = 't'): Sql {
  const col = raw(`${alias}.run_id`);
  if (p.filterRuns === false && p.runs && p.runs.length > 0) return raw('1 = 1');
  if (p.runs && p.runs.length > 0) return sql`${col} in ${inList(p.runs)}`;
  return sql`${col} in (select id from import_runs where perspective = ${p.perspective})`;
}

/** The product side of a scan: the basket join, the group label and the HS code filter. */
function productScope(p: Scope, o: ScanOptions): { join: Sql; grp: Sql; productWhere: Sql } {
  let join = raw('');
  let grp: Sql = sql`${'ALL'}`;
  let productWhere = raw('');
  if (o.products) {
    if (p.basket && basketByPrefix(p)) {
      join = sql` join (${basketAtLevels(p)}) b on b.bed = t.classification and b.bcode = t.product`;
    } else if (p.basket) {
      const byDomain = p.by === 'domain';
      const keep = scopeValues(p.scope);
      const domainWhere = sql`${p.domain ? sql` and domain = ${p.domain}` : raw('')}${keep ? sql` and core_or_related in ${inList(keep)}` : raw('')}`;
      const cols = raw(byDomain ? ', domain' : '');
      // With one known edition the join needs the code alone (cheaper); otherwise edition and code.
      join = p.edition
        ? sql` join (select distinct code${cols} from basket_resolved where basket_id = ${p.basket} and edition = ${p.edition}${domainWhere}) b on b.code = t.product`
        : sql` join (select distinct edition, code${cols} from basket_resolved where basket_id = ${p.basket}${domainWhere}) b on b.edition = t.classification and b.code = t.product`;
    } else if (p.product && p.trade === 'services') {
      // An EBOPS item and its sub-items (the tree, not a prefix: SC3A is under SC, not SC3).
      productWhere = sql` and (t.product = ${p.product} or t.product in (select code from services_ancestors where classification = ${EBOPS2010} and ancestor = ${p.product}))`;
    } else if (p.product) {
      // A code at the level read is an equality (cheaper, and prunes by min/max); a shorter one a prefix.
      productWhere =
        p.product.length === storedLevel(p) && !p.mixedLevels
          ? sql` and t.product = ${p.product}`
          : sql` and t.product like ${`${p.product}%`}`;
    }
    if (p.by === 'domain') grp = raw(basketByPrefix(p) ? 'b.bdom' : 'b.domain');
    else if (p.by === 'product') grp = productAtLevel(p);
    else grp = sql`${totalLabel(p)}`;
  }
  return { join, grp, productWhere };
}

/**
 * The product code of a row at the scope's level: codes finer than `level` cut to it (a subheading
 * read at level 4 is its heading), codes at or above it (a chapter held only at 2 digits, TOTAL) as
 * they are. Every scan reports its products so, whatever the grouping: indicators over products
 * (HHI over products, Grubel–Lloyd, penetration …) see the products of the level asked.
 */
export function productAtLevel(p: Pick<Scope, 'level' | 'rowLevel' | 'mixedLevels'>): Sql {
  if (p.mixedLevels && p.level < 6)
    return raw(`case when t.product_level = 0 then t.product else substr(t.product, 1, ${p.level}) end`);
  if (storedLevel(p) > p.level) return raw(`substr(t.product, 1, ${p.level})`);
  return raw('t.product');
}

/**
 * Whether a basket is matched through its codes' headings and chapters (`basketAtLevels`): for data
 * mixing levels, and for data held only at 4 or 2 digits (an Atlas or Comtrade HS4 download), where
 * no row carries a basket's 6-digit code and an exact match would find nothing.
 */
export function basketByPrefix(p: Pick<Scope, 'mixedLevels' | 'level' | 'rowLevel'>): boolean {
  return !!p.mixedLevels || storedLevel(p) < 6;
}

/**
 * A basket's codes at every level data may hold them: each code, its heading and its chapter
 * (`bcode`), per edition (`bed`), with one domain each (`bdom`, the first by name when a heading
 * spans two, so no row is counted in two domains). A heading or chapter in the data is in the basket
 * when a basket code falls under it: approximate, since it also holds codes outside the basket
 * (`queries/levels.ts` says which rows were read so).
 */
export function basketAtLevels(p: Pick<Scope, 'basket' | 'domain' | 'scope'>): Sql {
  const keep = scopeValues(p.scope);
  const domainWhere = sql`${p.domain ? sql` and domain = ${p.domain}` : raw('')}${keep ? sql` and core_or_related in ${inList(keep)}` : raw('')}`;
  const at = (n: number) =>
    sql`select edition, substr(code, 1, ${raw(String(n))}) as bcode, domain as bdom0 from basket_resolved where basket_id = ${p.basket!}${domainWhere}`;
  return sql`select edition as bed, bcode, min(bdom0) as bdom from (${at(2)} union all ${at(4)} union all ${at(6)}) u group by edition, bcode`;
}

/**
 * The filters every read of `trade_flows` for one flow code applies (runs, goods, years, flow and,
 * unless `allPartners`, the kinds of partner the scan reads).
 */
function flowWhere(p: Scope, flow: FlowCode, o: ScanOptions, allPartners = false): Sql {
  const kinds = allPartners
    ? raw('')
    : withAreas(p, o)
      ? p.worldRows
        ? sql` and t.partner_kind in (${'country'}, ${'area'}, ${'world'})`
        : sql` and t.partner_kind in (${'country'}, ${'area'})`
      : sql` and t.partner_kind = ${'country'}`;
  return sql`${runFilter(p)}${tradeWhere(p)} and t.year between ${o.from} and ${o.to} and t.flow = ${flowCode(p, flow)}${kinds}`;
}

/**
 * A report: the run is not part of it. Two runs hold rows of one report only when one holds its codes
 * and the other its all-products TOTAL row (a basket download beside a TOTAL download, admitted by
 * queries/resolve.ts `assertNoOverlap`); read together they are one report, the TOTAL counting what
 * the codes leave over, never added to them.
 */
const KEY = ['year', 'type_code', 'reporter', 'partner', 'classification'];
const COLS = ['run_id', ...KEY, 'partner_kind', 'flow', 'product', 'product_level', 'quantity_unit'];
/** A report of World rows and of its named partners: KEY without the partner, with the product. */
const WORLD_KEY = ['year', 'type_code', 'reporter', 'classification', 'product'];

/**
 * Rows of data that mixes HS levels, holds all-products TOTAL rows or World rows, each flow counted
 * once. The rules:
 *
 * - **Each flow is counted at the finest code that reports it** (with `mixedLevels`). Within one
 *   report (run, year, reporter, partner, flow, goods or services, edition), a code whose heading,
 *   chapter or TOTAL row is also present is that code's child (a subheading's parent is its
 *   heading, else its chapter, else TOTAL); a code counts its own value less its children's, so a
 *   chapter present with some of its headings counts only what those headings leave over (0 when
 *   they add up to it), TOTAL counts the products no code of the report names, and a code with no
 *   present ancestor or child counts whole. The sum over a report is its TOTAL where it has one,
 *   else the sum of its codes that no other code contains: nothing twice, nothing dropped.
 * - **A World row counts what the named partners leave over** (with `worldRows`): per reporter,
 *   flow, year, edition and product, the World figure less the counted values of the same code's
 *   rows with a country or area partner. Summed over counterparts a report is then its World figure
 *   where it has one; World never appears as a partner or a subject (see `flowWhere`, `sideFlows`).
 *
 * Quantities are kept only on rows without children (a remainder has no comparable quantity).
 * Columns as `trade_flows`, with `value_counted` and `quantity_counted` for the value and quantity.
 */
export function countedRows(p: Scope, flow: FlowCode, o: ScanOptions): Sql {
  const where = flowWhere(p, flow, o, true);
  const levels = p.mixedLevels ? raw(' and t.product_level between 0 and 6') : sql` and t.product_level = ${storedLevel(p)}`;
  const byCode = p.mixedLevels
    ? levelCounted(where)
    : sql`select ${colsOf('t')}, t.value_usd as value_counted, t.quantity as quantity_counted from trade_flows t where ${where}${levels}`;
  return p.worldRows ? worldCounted(byCode) : byCode;
}

const colsOf = (a: string) => raw(COLS.map((c) => `${a}.${c} as ${c}`).join(', '));
const keyAs = (a: string, key = KEY) => raw(key.map((k) => `${a}.${k} as k_${k}`).join(', '));
const keyOn = (a: string, b: string, key = KEY) => key.map((k) => `${a}.${k} = ${b}.k_${k}`);

/** The rule for codes of several levels and TOTAL rows (see `countedRows`). */
function levelCounted(where: Sql): Sql {
  const cols = colsOf;
  const on = (a: string, b: string, code: string, target: string) =>
    raw([...keyOn(a, b), `${a}.${code} = ${b}.${target}`].join(' and '));
  const rows = sql`select ${cols('t')}, t.value_usd as value_usd, t.quantity as quantity, substr(t.product, 1, 4) as h4, substr(t.product, 1, 2) as h2, ${'TOTAL'} as h0 from trade_flows t where ${where} and t.product_level between 0 and 6`;
  const present = sql`select ${keyAs('t')}, t.product as pcode, 1 as hit from trade_flows t where ${where} and t.product_level in (0, 2, 4)`;
  const carry = (a: string) => sql`${cols(a)}, ${raw(a)}.value_usd as value_usd, ${raw(a)}.quantity as quantity, ${raw(a)}.h4 as h4, ${raw(a)}.h2 as h2, ${raw(a)}.h0 as h0`;
  const with4 = sql`select ${carry('a')}, coalesce(p4.hit, 0) as has4 from (${rows}) a left join (${present}) p4 on ${on('a', 'p4', 'h4', 'pcode')}`;
  const with2 = sql`select ${carry('b')}, b.has4 as has4, coalesce(p2.hit, 0) as has2 from (${with4}) b left join (${present}) p2 on ${on('b', 'p2', 'h2', 'pcode')}`;
  const with0 = sql`select ${carry('e')}, case when e.product_level = 6 and e.has4 = 1 then e.h4 when e.product_level > 2 and e.has2 = 1 then e.h2 when e.product_level > 0 and coalesce(p0.hit, 0) = 1 then e.h0 else '' end as parent from (${with2}) e left join (${present}) p0 on ${on('e', 'p0', 'h0', 'pcode')}`;
  const children = sql`select ${keyAs('c')}, c.parent as ccode, sum(c.value_usd) as cv from (${with0}) c where c.parent <> '' group by ${raw(KEY.map((k) => `c.${k}`).join(', '))}, c.parent`;
  return sql`select ${cols('r')}, r.value_usd - coalesce(ch.cv, 0) as value_counted, case when ch.cv is null then r.quantity end as quantity_counted from (${with0}) r left join (${children}) ch on ${on('r', 'ch', 'product', 'ccode')}`;
}

/** World rows less their report's named partners, code by code (see `countedRows`). */
function worldCounted(byCode: Sql): Sql {
  const named = sql`select ${keyAs('n', WORLD_KEY)}, sum(n.value_counted) as nv from (${byCode}) n where n.partner_kind <> ${'world'} group by ${raw(WORLD_KEY.map((k) => `n.${k}`).join(', '))}`;
  const isWorld = sql`w.partner_kind = ${'world'}`;
  return sql`select ${colsOf('w')}, case when ${isWorld} then w.value_counted - coalesce(nm.nv, 0) else w.value_counted end as value_counted, case when ${isWorld} and nm.nv is not null then cast(null as double) else w.quantity_counted end as quantity_counted from (${byCode}) w left join (${named}) nm on ${raw(keyOn('w', 'nm', WORLD_KEY).join(' and '))}`;
}

/**
 * Services rows (EBOPS 2010), each flow counted once: the rule of `countedRows`, on the EBOPS tree
 * instead of HS prefixes. Within one report, a code's parent is its nearest ancestor present in the
 * report (`services_ancestors`: S > SK > SK1 > SK11, and SC3A under SC, never by prefix); a code
 * counts its value less its present children's, so the sum of a report is the sum of its codes that
 * no other code contains (S alone when S is there). Memorandum items (SK11z, the C.1–C.9 items S1 …
 * S9, SDz …: `services_codes.memo`) overlap the components and are never read. Columns as
 * `countedRows`.
 */
export function servicesCountedRows(p: Scope, flow: FlowCode, o: ScanOptions): Sql {
  const where = sql`${flowWhere(p, flow, o)} and t.product not in (select code from services_codes where classification = ${EBOPS2010} and memo)`;
  const cols = colsOf;
  const keys = (a: string) => raw(KEY.map((k) => `${a}.${k}`).join(', '));
  const kcols = (a: string) => raw(KEY.map((k) => `${a}.k_${k} as k_${k}`).join(', '));
  const on = (a: string, b: string, extra: string) =>
    raw([...KEY.map((k) => `${a}.${k} = ${b}.k_${k}`), extra].join(' and '));
  const onK = (a: string, b: string, extra: string) =>
    raw([...KEY.map((k) => `${a}.k_${k} = ${b}.k_${k}`), extra].join(' and '));
  const rows = sql`select ${cols('t')}, t.value_usd as value_usd, t.quantity as quantity from trade_flows t where ${where}`;
  const present = sql`select ${keyAs('t')}, t.product as pcode from trade_flows t where ${where}`;
  // Each row's ancestors in the tree, then those present in its report: the deepest is its parent.
  const ancestors = sql`select ${keyAs('r')}, r.product as code, a.ancestor as anc, a.depth as adepth from (${rows}) r join services_ancestors a on a.classification = r.classification and a.code = r.product`;
  const presentAnc = sql`select ${kcols('x')}, x.code as code, max(x.adepth) as pdepth from (${ancestors}) x join (${present}) pr on ${onK('x', 'pr', 'x.anc = pr.pcode')} group by ${raw(KEY.map((k) => `x.k_${k}`).join(', '))}, x.code`;
  const nearest = sql`select ${kcols('n')}, n.code as code, a.ancestor as parent from (${presentAnc}) n join services_ancestors a on a.classification = n.k_classification and a.code = n.code and a.depth = n.pdepth`;
  const withParent = sql`select ${cols('r')}, r.value_usd as value_usd, r.quantity as quantity, coalesce(np.parent, '') as parent from (${rows}) r left join (${nearest}) np on ${on('r', 'np', 'r.product = np.code')}`;
  const children = sql`select ${keyAs('c')}, c.parent as ccode, sum(c.value_usd) as cv from (${withParent}) c where c.parent <> '' group by ${keys('c')}, c.parent`;
  return sql`select ${cols('w')}, w.value_usd - coalesce(ch.cv, 0) as value_counted, case when ch.cv is null then w.quantity end as quantity_counted from (${withParent}) w left join (${children}) ch on ${on('w', 'ch', 'w.product = ch.ccode')}`;
}

/**
 * Whether a scan reads `flow_basket_rows` (store/flow-totals.ts) instead of `trade_flows`: the same
 * rows for a basket's products (exports to a country of reconciled runs), about 7% of BACI's rows.
 */
function basketRows(p: Scope, o: ScanOptions): boolean {
  return !!(p.basketRows && p.basket && o.products && p.perspective === 'reconciled' && !withAreas(p, o));
}

/** Rows of `trade_flows` of one flow code within the scope, with their product group `grp`. */
export function scan(p: Scope, flow: FlowCode, o: ScanOptions): Sql {
  const { join, grp, productWhere } = productScope(p, o);
  const services = p.trade === 'services';
  const byCount = services || counted(p);
  const from = services
    ? sql`(${servicesCountedRows(p, flow, o)})`
    : counted(p)
      ? sql`(${countedRows(p, flow, o)})`
      : basketRows(p, o)
        ? raw('flow_basket_rows')
        : raw('trade_flows');
  const level = byCount ? raw('') : sql` and t.product_level = ${storedLevel(p)}`;
  const pk = withAreas(p, o) ? raw(', t.partner_kind as pk') : raw('');
  const [v, q] = byCount ? ['value_counted', 'quantity_counted'] : ['value_usd', 'quantity'];
  return sql`select t.year as year, t.reporter as reporter, t.partner as partner, ${productAtLevel(p)} as product, ${grp} as grp, t.${raw(v)} as v, t.${raw(q)} as q, t.quantity_unit as qu${pk} from ${from} t${join} where ${flowWhere(p, flow, o)}${level}${productWhere}`;
}

/**
 * The same rows as `sideFlows` for reconciled data, summed over the counterpart: one row per
 * (run, year, country, product) from `flow_totals`, a table of the same filters' sums that the
 * query layer keeps on DuckDB (`store/flow-totals.ts`). `cpt`, `q` and `qu` are NULL. A scan of
 * 10 million BACI rows becomes one of a few hundred thousand. Without products (`o.products`
 * false) it reads `flow_country_totals`, one row per (run, year, country), and `product` is NULL.
 */
export function totalsScan(p: Scope, side: Side, o: ScanOptions): Sql {
  const { join, grp, productWhere } = productScope(p, o);
  // All products: the per-country sums of `flow_country_totals` (product NULL, grp 'ALL').
  const rest = o.products
    ? sql`${productAtLevel(p)} as product, ${grp} as grp, t.v as v, ${typedNull('double')} as q, ${typedNull('varchar')} as qu from flow_totals t${join}`
    : sql`${typedNull('varchar')} as product, ${grp} as grp, t.v as v, ${typedNull('double')} as q, ${typedNull('varchar')} as qu from flow_country_totals t`;
  return sql`select t.year as year, t.country as subj, ${typedNull('varchar')} as cpt, ${rest} where ${runFilter(p)}${tradeWhere(p)} and t.side = ${side} and t.year between ${o.from} and ${o.to} and t.product_level = ${storedLevel(p)}${productWhere}`;
}

/**
 * The same rows as `sideFlows` over all products for reconciled data, summed over products: one row
 * per (run, year, exporter, importer) from `flow_pair_totals` (`store/flow-totals.ts`); `product`,
 * `q` and `qu` are NULL, `grp` is 'ALL'.
 */
function pairTotalsScan(p: Scope, side: Side, o: ScanOptions): Sql {
  const [s, c] = side === 'export' ? ['exporter', 'importer'] : ['importer', 'exporter'];
  return sql`select t.year as year, t.${raw(s)} as subj, t.${raw(c)} as cpt, ${typedNull('varchar')} as product, ${'ALL'} as grp, t.v as v, ${typedNull('double')} as q, ${typedNull('varchar')} as qu from flow_pair_totals t where ${runFilter(p)}${tradeWhere(p)} and t.year between ${o.from} and ${o.to} and t.product_level = ${storedLevel(p)}`;
}

/**
 * One row per (year, exporter, importer, product, grp) with the export-side value `vx` and the
 * import-side value `vm` (and quantities qx, qm), under the scope's perspective and view.
 */
export function pairs(p: Scope, o: ScanOptions, d: Dialect): Sql {
  if (p.perspective === 'reconciled') {
    return sql`select year, reporter as exporter, partner as importer, product, grp, v as vx, v as vm, q as qx, q as qm, qu from (${scan(p, 'X', o)}) s`;
  }
  const f = raw(String(CIF_FOB));
  // With areas, `ek`/`ik` say whether the exporter/importer is a country (areas never report).
  const areas = withAreas(p, o);
  const kx = raw(areas ? `, ${`'country'`} as ek, pk as ik` : '');
  const km = raw(areas ? `, pk as ek, ${`'country'`} as ik` : '');
  const kAgg = raw(areas ? ', max(ek) as ek, max(ik) as ik' : '');
  const kOut = raw(areas ? ', ek, ik' : '');
  let matched = sql`select year, exporter, importer, product, grp, sum(case when src = ${'X'} then v end) as x, sum(case when src = ${'M'} then v end) as m, sum(case when src = ${'X'} then q end) as xq, sum(case when src = ${'M'} then q end) as mq, max(qu) as qu${kAgg} from (select year, reporter as exporter, partner as importer, product, grp, v, q, qu, ${'X'} as src${kx} from (${scan(p, 'X', o)}) sx union all select year, partner as exporter, reporter as importer, product, grp, v, q, qu, ${'M'} as src${km} from (${scan(p, 'M', o)}) sm) u group by year, exporter, importer, product, grp`;
  let cols: Sql;
  if (p.view === 'trade-map') {
    matched = reportedBy(p, o, matched, areas);
    cols = raw(
      'case when xr = 1 then x else m end as vx, case when mr = 1 then m else x end as vm, case when xr = 1 then xq else mq end as qx, case when mr = 1 then mq else xq end as qm',
    );
  } else if (p.view === 'reporter') cols = raw('x as vx, m as vm, xq as qx, mq as qm');
  else if (p.view === 'partner') cols = sql`m / ${f} as vx, x * ${f} as vm, mq as qx, xq as qm`;
  else {
    // greatest() is spelled by the dialect around rendered text; only constants go inside.
    const useX = sql`coalesce(x, 0) >= coalesce(m, 0) / ${f}`;
    cols = sql`${raw(d.fn.greatest('coalesce(x, 0)', `coalesce(m, 0) / ${CIF_FOB}`))} as vx, ${raw(
      d.fn.greatest('coalesce(m, 0)', `coalesce(x, 0) * ${CIF_FOB}`),
    )} as vm, case when ${useX} then xq else mq end as qx, case when ${useX} then mq else xq end as qm`;
  }
  return sql`select year, exporter, importer, product, grp, ${cols}, qu${kOut} from (${matched}) mt`;
}

/**
 * Who reported, for the Trade Map view: the matched rows with `xr` = 1 when the exporter reported
 * exports in that year (any product of the runs read), `mr` = 1 when the importer reported imports.
 * A reporter that reported the flow but not this pair or product reported nothing there (no mirror).
 */
function reportedBy(p: Scope, o: ScanOptions, matched: Sql, areas: boolean): Sql {
  const rep = (flow: FlowCode) =>
    sql`select distinct t.year as ry, t.reporter as rc, 1 as rhit from trade_flows t where ${runFilter(p)}${tradeWhere(p)} and t.year between ${o.from} and ${o.to} and t.flow = ${flowCode(p, flow)}`;
  const base = 'year, exporter, importer, product, grp, x, m, xq, mq, qu';
  const withX = sql`select ${raw(base.split(', ').map((c) => `a.${c} as ${c}`).join(', '))}${raw(areas ? ', a.ek as ek, a.ik as ik' : '')}, coalesce(rx.rhit, 0) as xr from (${matched}) a left join (${rep('X')}) rx on a.year = rx.ry and a.exporter = rx.rc`;
  return sql`select ${raw(base.split(', ').map((c) => `b.${c} as ${c}`).join(', '))}${raw(areas ? ', b.ek as ek, b.ik as ik' : '')}, b.xr as xr, coalesce(rm.rhit, 0) as mr from (${withX}) b left join (${rep('M')}) rm on b.year = rm.ry and b.importer = rm.rc`;
}

/**
 * Flows seen from a subject country: (year, subj, cpt, product, grp, v, q, qu). For side=export the
 * subject exports to the counterpart; for side=import the subject imports from it.
 */
export function sideFlows(p: Scope, side: Side, o: ScanOptions, d: Dialect): Sql {
  const summed = p.perspective === 'reconciled' && p.totals && !counted(p) && p.trade !== 'services';
  if (summed && o.totals && !(p.partner && p.partner.length > 0)) return totalsScan(p, side, o);
  if (summed && o.pairs && !o.products) return pairTotalsScan(p, side, o);
  if (p.perspective === 'reconciled') {
    const [s, c] = side === 'export' ? ['reporter', 'partner'] : ['partner', 'reporter'];
    // World rows are counterparts, never subjects (an importer 'WLD').
    const subjKind = side === 'import' && withAreas(p, o) ? raw(` where pk = 'country'`) : raw('');
    return sql`select year, ${raw(s)} as subj, ${raw(c)} as cpt, product, grp, v, q, qu from (${scan(p, 'X', o)}) s${subjKind}`;
  }
  const [s, c, v, q] =
    side === 'export' ? ['exporter', 'importer', 'vx', 'qx'] : ['importer', 'exporter', 'vm', 'qm'];
  // Areas are counterparts, never subjects.
  const subjKind = withAreas(p, o) ? raw(` and ${side === 'export' ? 'ek' : 'ik'} = 'country'`) : raw('');
  return sql`select year, ${raw(s)} as subj, ${raw(c)} as cpt, product, grp, ${raw(v)} as v, ${raw(q)} as q, qu from (${pairs(p, o, d)}) pr where ${raw(v)} is not null${subjKind}`;
}

/** `col in (…)` when a list is given, else nothing (all). */
export function inFilter(col: string, values: readonly string[] | undefined): Sql {
  if (!values || values.length === 0) return raw('1 = 1');
  return sql`${raw(col)} in ${inList(values)}`;
}

/**
 * Partition totals and descending rank without a window function (ClickHouse 18.16 has no OVER):
 * `totals` are extra aggregate columns for a subquery grouped by the partition keys, `rank` the
 * rank of `row.v` among the rows of its partition once that subquery (alias `tot`) is joined on
 * the keys. DuckDB keeps `rank() over (…)`; ClickHouse counts the partition's values above the
 * row's, plus one: ties share a rank and the next rank skips, as rank() does. (Counting, not
 * looking the value up: an old server inlines the CTE twice, so the two sums are separate
 * evaluations and a lookup by equality would be brittle.)
 */
export function rankBy(d: Dialect, keys: string[], row: string): { totals: string; rank: string } {
  if (d.name === 'clickhouse')
    // groupArray leaves NULLs out; a NULL row ranks after every value (DuckDB sorts NULLs last).
    return {
      totals: ', groupArray(v) as vs',
      rank: `arrayCount(x -> ifNull(x > ${row}.v, isNotNull(x)), tot.vs) + 1`,
    };
  const partition = keys.map((k) => `${row}.${k}`).join(', ');
  return { totals: '', rank: `rank() over (partition by ${partition} order by ${row}.v desc)` };
}

/** Rendered division that yields NULL when the divisor is 0 (engine spelling from the dialect). */
export function div(d: Dialect, a: string, b: string): Sql {
  return raw(d.fn.safeDiv(a, b));
}
