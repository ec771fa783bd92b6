/**
 * Release diffs (`lantern diff A B`, GET /api/v1/diff): what changed between two releases of the
 * data — BACI V202401 and V202501, or two Comtrade downloads of the same file.
 *
 * A side is one import run (its id) or every run of a release name (`V202401`). A row's key is
 * (year, month, goods/services, reporter, partner, flow, product); values of the same key within a
 * side are summed. Each key is then
 *   added     — only in B,
 *   removed   — only in A,
 *   revised   — in both, values differ by more than one part in 10⁹ (float noise of thousands × 1000),
 *   unchanged — otherwise.
 * The classification is not part of the key: a product code is compared as written, so a release
 * that moved to a new HS edition shows its re-coded products as removed and added (`editions` says
 * when the two sides use different editions).
 *
 * Replaced runs: `import --replace` deletes the old run's rows but keeps their keys and values in
 * `replaced_flows` (migration 017), which a side reads in place of trade_flows. A run replaced
 * before that table existed cannot be diffed: that is a LanternError, never an empty side.
 *
 * Invariants: the keyed rows are computed once per diff into a scratch table (store/scratch.ts: a
 * TEMP table on DuckDB, so a 10-million-row release is scanned once; on ClickHouse the SELECT
 * itself, which the cluster scans again for each of the three reads); every figure of the answer
 * comes from those rows. Totals before and after are the plain sums of each side. The SQL runs on
 * both engines (store/clickhouse/CONTEXT.md): names are joined in JS, no correlated subquery, no
 * alias that shadows a column it aggregates.
 */
import { z } from 'zod';
import type { ApiDiffGroup, ApiDiffRevision, ApiDiffSide, ApiDiffTotals, ApiReleaseDiff } from '../contract.ts';
import { LanternError } from '../errors.ts';
import { parseParams } from '../indicators/index.ts';
import { readModel } from './read-model.ts';
import { inList, limitRows, raw, type Sql, sql, type Store, whereAll, withScratchTable } from '../store/index.ts';

export const diffDimensions = ['reporter', 'year', 'product'] as const;
export type DiffDimension = (typeof diffDimensions)[number];

export const releaseDiffParams = z.object({
  a: z
    .string()
    .trim()
    .min(1, 'name the earlier side: a run id or a release name')
    .describe('the earlier side: an import run id or a release name (e.g. V202401)'),
  b: z
    .string()
    .trim()
    .min(1, 'name the later side: a run id or a release name')
    .describe('the later side: an import run id or a release name (e.g. V202501)'),
  by: z
    .enum(diffDimensions, { error: `should be one of ${diffDimensions.join(', ')}` })
    .default('reporter')
    .describe('how the changes are grouped'),
  top: z.coerce
    .number({ error: 'should be a whole number' })
    .int('should be a whole number')
    .min(1, 'should be at least 1')
    .max(1000, 'should be at most 1000')
    .default(10)
    .describe('how many of the largest revisions to list'),
  source: z.string().trim().min(1).meta({ placeholder: 'name' }).optional().describe('with release names: only runs of this source (baci, comtrade …)'),
});
export type ReleaseDiffParams = z.input<typeof releaseDiffParams>;

interface RunRow {
  id: number;
  source: string;
  release: string | null;
  classification: string | null;
  replaced_by: number | null;
  rows_loaded: number;
  kept: number;
}

async function runsOf(store: Store, where: Sql[]): Promise<RunRow[]> {
  const runs = await store.query<Omit<RunRow, 'kept'>>(
    sql`select id, source, release, classification, replaced_by, rows_loaded
        from import_runs ${whereAll([sql`finished_at is not null`, ...where])} order by id`,
  );
  const replaced = runs.filter((r) => r.replaced_by !== null).map((r) => Number(r.id));
  const kept = new Map<number, number>();
  if (replaced.length) {
    const counts = await store.query<{ run_id: number; n: number }>(
      sql`select run_id, count(*) as n from replaced_flows where run_id in ${inList(replaced)} group by run_id`,
    );
    for (const c of counts) kept.set(Number(c.run_id), Number(c.n));
  }
  return runs.map((r) => ({
    ...r,
    id: Number(r.id),
    replaced_by: r.replaced_by === null ? null : Number(r.replaced_by),
    rows_loaded: Number(r.rows_loaded),
    kept: kept.get(Number(r.id)) ?? 0,
  }));
}

/** Distinct values of a column over the rows of some runs (in one table), for a side's editions. */
async function distinctOf(store: Store, table: 'trade_flows' | 'replaced_flows', runs: number[]): Promise<string[]> {
  if (!runs.length) return [];
  const rows = await store.query<{ c: string }>(
    sql`select distinct classification as c from ${raw(table)} where run_id in ${inList(runs)}`,
  );
  return rows.map((r) => r.c);
}

/**
 * A side: a run id, or the runs of a release name (a run replaced by another run of the side is left
 * out). `field` is the parameter that named it (`a` or `b`), so an error says which side is wrong.
 */
export async function resolveDiffSide(store: Store, name: string, source?: string, field: 'a' | 'b' = 'a'): Promise<ApiDiffSide> {
  const bySource = source ? [sql`lower(source) = lower(${source})`] : [];
  let runs: RunRow[];
  if (/^\d+$/.test(name)) {
    runs = await runsOf(store, [sql`id = ${Number(name)}`]);
    if (!runs.length) {
      throw new LanternError('not-found', `No import run ${name}.`, [
        { field, found: name, message: 'no finished import run has this id', hint: 'list runs with `lantern datasets --all`' },
      ]);
    }
  } else {
    runs = await runsOf(store, [sql`lower(release) = lower(${name})`, ...bySource]);
    if (!runs.length) {
      const known = await store.query<{ release: string }>(
        sql`select distinct release from import_runs where release is not null and finished_at is not null order by release`,
      );
      throw new LanternError('not-found', `No import run of release "${name}"${source ? ` from ${source}` : ''}.`, [
        {
          field,
          found: name,
          message: 'no finished import run has this release',
          ...(known.length
            ? { expected: `a run id or one of ${known.map((k) => k.release).join(' | ')}`, hint: 'give a run id or a release name from `lantern datasets --all`' }
            : { expected: 'a run id (no import in this store has a release name)', hint: 'give a run id from `lantern datasets --all`' }),
        },
      ]);
    }
    const ids = new Set(runs.map((r) => r.id));
    runs = runs.filter((r) => r.replaced_by === null || !ids.has(r.replaced_by));
  }
  const lost = runs.filter((r) => r.replaced_by !== null && Number(r.kept) === 0 && Number(r.rows_loaded) > 0);
  if (lost.length) {
    throw new LanternError('not-found', `The rows of run${lost.length > 1 ? 's' : ''} ${lost.map((r) => r.id).join(', ')} are gone.`, [
      ...lost.map((r) => ({
        field,
        found: String(r.id),
        message: `replaced by run ${r.replaced_by} before Lantern kept replaced rows for diffs`,
        hint: `import the old file again (without --replace, under another file name) to compare it`,
      })),
    ]);
  }
  const uniq = <T>(xs: T[]) => [...new Set(xs)];
  const ids = runs.map((r) => r.id);
  const editions = uniq([...(await distinctOf(store, 'trade_flows', ids)), ...(await distinctOf(store, 'replaced_flows', ids))]).sort();
  return {
    name,
    runs: runs.map((r) => r.id),
    releases: uniq(runs.map((r) => r.release)),
    sources: uniq(runs.map((r) => r.source)),
    editions,
    replaced_runs: runs.filter((r) => r.replaced_by !== null).map((r) => r.id),
  };
}

const num = (v: unknown): number => (v === null || v === undefined ? 0 : Number(v));
const pct = (a: number, b: number): number | null => (a === 0 ? null : ((b - a) / a) * 100);

/** The SELECT of one side's rows: live runs from trade_flows, replaced ones from replaced_flows. */
function sideRows(side: 'a' | 'b', s: ApiDiffSide): Sql {
  const live = s.runs.filter((r) => !s.replaced_runs.includes(r));
  // `mon`, not `month`: ClickHouse reads `coalesce(month, 0) as month` as a cyclic alias.
  const cols = sql`${raw(`'${side}'`)} as side, year, coalesce(month, 0) as mon, type_code, reporter, partner, flow, product, value_usd`;
  const parts: Sql[] = [];
  if (live.length) parts.push(sql`select ${cols} from trade_flows where run_id in ${inList(live)}`);
  if (s.replaced_runs.length) parts.push(sql`select ${cols} from replaced_flows where run_id in ${inList(s.replaced_runs)}`);
  return parts.length === 2 ? sql`${parts[0]!} union all ${parts[1]!}` : parts[0]!;
}

function groupKey(by: DiffDimension): Sql {
  return by === 'year' ? sql`year` : by === 'product' ? sql`product` : sql`reporter`;
}

type Names = (key: string) => { name_en: string | null; name_zh: string | null };

/** Country names by ISO3 (a small table, read whole). */
async function countryNames(store: Store): Promise<Names> {
  const rows = await store.query<{ iso3: string; name_en: string | null; name_zh: string | null }>(
    sql`select iso3, name_en, name_zh from countries`,
  );
  const byCode = new Map(rows.map((r) => [r.iso3, { name_en: r.name_en ?? null, name_zh: r.name_zh ?? null }]));
  return (key) => byCode.get(key) ?? { name_en: null, name_zh: null };
}

/** Product descriptions, each from the newest edition (by name) that has the code. */
async function productDescriptions(store: Store, codes: string[]): Promise<Names> {
  const best = new Map<string, { edition: string; description: string | null }>();
  for (let i = 0; i < codes.length; i += 1000) {
    const rows = await store.query<{ code: string; edition: string; description: string | null }>(
      sql`select code, edition, description from hs_products where code in ${inList(codes.slice(i, i + 1000))}`,
    );
    for (const r of rows) {
      const held = best.get(r.code);
      if (!held || r.edition > held.edition) best.set(r.code, { edition: r.edition, description: r.description ?? null });
    }
  }
  return (key) => ({ name_en: best.get(key)?.description ?? null, name_zh: null });
}

async function groupNames(store: Store, by: DiffDimension, keys: string[]): Promise<Names> {
  if (by === 'reporter') return countryNames(store);
  if (by === 'product') return productDescriptions(store, keys);
  return () => ({ name_en: null, name_zh: null });
}

/**
 * Compares two releases.
 *
 * @example
 *   const d = await releaseDiff(store, { a: 'V202401', b: 'V202501', by: 'reporter' });
 *   d.totals.revised.rows; d.largest_value[0];
 */
export async function releaseDiff(store: Store, input: ReleaseDiffParams): Promise<ApiReleaseDiff> {
  const p = parseParams(releaseDiffParams, input, 'release diff');
  const a = await resolveDiffSide(store, p.a, p.source, 'a');
  const b = await resolveDiffSide(store, p.b, p.source, 'b');
  return withScratchTable(store, 'release_diff', keyedRows(a, b), (one, t) => diffSides(one, p, a, b, t));
}

/** Each key of either side with its value and row count on each side, and what happened to it. */
function keyedRows(a: ApiDiffSide, b: ApiDiffSide): Sql {
  return sql`select *, case when na = 0 then 'added' when nb = 0 then 'removed'
                       when abs(vb - va) > 1e-9 * greatest(abs(va), abs(vb)) then 'revised' else 'unchanged' end as change
        from (
          select year, mon as month, type_code, reporter, partner, flow, product,
                 sum(case when side = 'a' then value_usd end) as va,
                 sum(case when side = 'b' then value_usd end) as vb,
                 count(case when side = 'a' then 1 end) as na,
                 count(case when side = 'b' then 1 end) as nb
          from (${sideRows('a', a)} union all ${sideRows('b', b)}) side_rows
          group by year, mon, type_code, reporter, partner, flow, product
        ) keyed`;
}

/** The diff of two resolved sides, from the scratch table `t` of their keyed rows. */
async function diffSides(store: Store, p: z.infer<typeof releaseDiffParams>, a: ApiDiffSide, b: ApiDiffSide, t: Sql): Promise<ApiReleaseDiff> {
  const totals = await diffTotals(store, t);
  const groups = await diffGroups(store, t, p.by, totals);
  const largest_value = await largestRevisions(store, t, p.top);
  const largest_share = [...groups]
    .filter((g) => g.share_change !== null && g.share_change !== 0)
    .sort((x, y) => Math.abs(y.share_change!) - Math.abs(x.share_change!) || (x.key < y.key ? -1 : 1))
    .slice(0, p.top);
  const notes: string[] = [];
  if (a.editions.join() !== b.editions.join()) {
    notes.push(
      `The sides use different HS editions (${a.editions.join(', ') || 'none'} → ${b.editions.join(', ') || 'none'}): products are compared by code as written, so re-coded products show as removed and added.`,
    );
  }
  if (a.replaced_runs.length || b.replaced_runs.length) {
    notes.push(`Rows of replaced run(s) ${[...a.replaced_runs, ...b.replaced_runs].join(', ')} come from replaced_flows (kept by import --replace).`);
  }
  return { a, b, by: p.by, totals, groups, largest_value, largest_share, notes };
}

async function diffTotals(store: Store, t: Sql): Promise<ApiDiffTotals> {
  const rows = await store.query<Record<string, unknown>>(
    sql`select change, count(*) as n, sum(na) as rows_a, sum(nb) as rows_b, sum(va) as value_a, sum(vb) as value_b
        from ${t} d group by change`,
  );
  const of = (c: string) => rows.find((r) => r.change === c) ?? {};
  const rows_a = rows.reduce((s, r) => s + num(r.rows_a), 0);
  const rows_b = rows.reduce((s, r) => s + num(r.rows_b), 0);
  const value_a = rows.reduce((s, r) => s + num(r.value_a), 0);
  const value_b = rows.reduce((s, r) => s + num(r.value_b), 0);
  return {
    rows_a,
    rows_b,
    value_a,
    value_b,
    change: value_b - value_a,
    change_pct: pct(value_a, value_b),
    added: { rows: num(of('added').n), value: num(of('added').value_b) },
    removed: { rows: num(of('removed').n), value: num(of('removed').value_a) },
    revised: { rows: num(of('revised').n), value_a: num(of('revised').value_a), value_b: num(of('revised').value_b) },
    unchanged: { rows: num(of('unchanged').n), value: num(of('unchanged').value_b) },
  };
}

async function diffGroups(store: Store, t: Sql, by: DiffDimension, totals: ApiDiffTotals): Promise<ApiDiffGroup[]> {
  const rows = (
    await store.query<Record<string, unknown>>(
      sql`select ${groupKey(by)} as g, sum(na) as rows_a, sum(nb) as rows_b,
                 count(case when change = 'added' then 1 end) as added,
                 count(case when change = 'removed' then 1 end) as removed,
                 count(case when change = 'revised' then 1 end) as revised,
                 sum(va) as value_a, sum(vb) as value_b
          from ${t} d group by ${groupKey(by)}`,
    )
  )
    .map((r): Record<string, unknown> & { key: string } => ({ ...r, key: String(r.g) }))
    .sort((x, y) => (x.key < y.key ? -1 : x.key > y.key ? 1 : 0));
  const names = await groupNames(store, by, rows.map((r) => r.key));
  const share = (v: number, total: number) => (total === 0 ? null : (v / total) * 100);
  return rows.map((r) => {
    const value_a = num(r.value_a);
    const value_b = num(r.value_b);
    const share_a = share(value_a, totals.value_a);
    const share_b = share(value_b, totals.value_b);
    return {
      key: r.key,
      ...names(r.key),
      rows_a: num(r.rows_a),
      rows_b: num(r.rows_b),
      added: num(r.added),
      removed: num(r.removed),
      revised: num(r.revised),
      value_a,
      value_b,
      change: value_b - value_a,
      change_pct: pct(value_a, value_b),
      share_a,
      share_b,
      share_change: share_a === null || share_b === null ? null : share_b - share_a,
    };
  });
}

async function largestRevisions(store: Store, t: Sql, top: number): Promise<ApiDiffRevision[]> {
  const rows = await store.query<Record<string, unknown>>(
    sql`select year, month, type_code, reporter, partner, flow, product, va as value_a, vb as value_b
        from ${t} d
        where change = 'revised'
        order by abs(vb - va) desc, year, reporter, partner, product
        ${limitRows(top)}`,
  );
  const names = rows.length ? await countryNames(store) : undefined;
  return rows.map((r) => {
    const value_a = num(r.value_a);
    const value_b = num(r.value_b);
    return {
      year: num(r.year),
      month: num(r.month) === 0 ? null : num(r.month),
      type_code: String(r.type_code),
      reporter: String(r.reporter),
      reporter_en: names?.(String(r.reporter)).name_en ?? null,
      partner: String(r.partner),
      partner_en: names?.(String(r.partner)).name_en ?? null,
      flow: String(r.flow),
      product: String(r.product),
      value_a,
      value_b,
      change: value_b - value_a,
      change_pct: pct(value_a, value_b),
    };
  });
}

/** The name columns a grouping fills: countries have both, HS products an English description, years none. */
const groupNameColumns: Record<DiffDimension, readonly ('name_en' | 'name_zh')[]> = {
  reporter: ['name_en', 'name_zh'],
  product: ['name_en'],
  year: [],
};

/** Groups as flat rows: the key under the grouping's name (`year`, …), and only the names it has. */
function flatGroups(by: DiffDimension, groups: readonly ApiDiffGroup[]): Record<string, unknown>[] {
  const keep = groupNameColumns[by];
  return groups.map(({ key, name_en, name_zh, ...rest }) => ({
    [by]: key,
    ...(keep.includes('name_en') ? { name_en } : {}),
    ...(keep.includes('name_zh') ? { name_zh } : {}),
    ...rest,
  }));
}

/** The diff's groups as flat rows (CSV, NDJSON, Parquet). */
export function releaseDiffRows(d: ApiReleaseDiff): Record<string, unknown>[] {
  return flatGroups(d.by, d.groups);
}

/** The release diff's descriptor: `lantern diff A B` and GET /diff (no years: it reads whole runs). */
export const releaseDiffModel = readModel({
  id: 'release-diff',
  summary: 'Release diff: rows added, removed and revised between two runs or releases, by reporter, year or product',
  params: releaseDiffParams,
  run: releaseDiff,
  rows: releaseDiffRows,
  list: releaseDiffRows,
  tables: (d) => ({ largest_value: d.largest_value, largest_share: flatGroups(d.by, d.largest_share) }),
  provenance: (d) => ({ runs: [...d.a.runs, ...d.b.runs], note: d.notes.join(' ') || undefined }),
});
