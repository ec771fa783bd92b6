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
 * Invariants: the keyed rows are computed once per diff into a TEMP table of this connection (a
 * name of its own, dropped afterwards), so a 10-million-row release is scanned once; every figure
 * of the answer comes from that table. Totals before and after are the plain sums of each side.
 */
import { z } from 'zod';
import type { ApiDiffGroup, ApiDiffRevision, ApiDiffSide, ApiDiffTotals, ApiReleaseDiff } from '../contract.ts';
import { LanternError } from '../errors.ts';
import { parseParams } from '../indicators/index.ts';
import { ident, inList, isDuckDBStore, type Sql, sql, type Store } from '../store/index.ts';

export const diffDimensions = ['reporter', 'year', 'product'] as const;
export type DiffDimension = (typeof diffDimensions)[number];

export const releaseDiffParams = z.object({
  a: z.string().trim().min(1, 'name the earlier side: a run id or a release name'),
  b: z.string().trim().min(1, 'name the later side: a run id or a release name'),
  by: z
    .enum(diffDimensions, { error: `should be one of ${diffDimensions.join(', ')}` })
    .default('reporter'),
  top: z.coerce
    .number({ error: 'should be a whole number' })
    .int('should be a whole number')
    .min(1, 'should be at least 1')
    .max(1000, 'should be at most 1000')
    .default(10),
  source: z.string().trim().min(1).optional(),
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

async function runsOf(store: Store, where: Sql): Promise<RunRow[]> {
  return store.query<RunRow>(
    sql`select r.id, r.source, r.release, r.classification, r.replaced_by, r.rows_loaded::bigint as rows_loaded,
          (select count(*) from replaced_flows k where k.run_id = r.id)::bigint as kept
        from import_runs r where r.finished_at is not null and ${where} order by r.id`,
  );
}

/**
 * A side: a run id, or the runs of a release name (a run replaced by another run of the side is left
 * out). `field` is the parameter that named it (`a` or `b`), so an error says which side is wrong.
 */
export async function resolveDiffSide(store: Store, name: string, source?: string, field: 'a' | 'b' = 'a'): Promise<ApiDiffSide> {
  const bySource = source ? sql`lower(r.source) = lower(${source})` : sql`true`;
  let runs: RunRow[];
  if (/^\d+$/.test(name)) {
    runs = await runsOf(store, sql`r.id = ${Number(name)}`);
    if (!runs.length) {
      throw new LanternError('not-found', `No import run ${name}.`, [
        { field, found: name, message: 'no finished import run has this id', hint: 'list runs with `lantern datasets --all`' },
      ]);
    }
  } else {
    runs = await runsOf(store, sql`lower(r.release) = lower(${name}) and ${bySource}`);
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
  const editions = await store.query<{ classification: string }>(
    sql`select distinct classification from trade_flows where run_id in ${inList(runs.map((r) => r.id))}
        union select distinct classification from replaced_flows where run_id in ${inList(runs.map((r) => r.id))}
        order by 1`,
  );
  return {
    name,
    runs: runs.map((r) => r.id),
    releases: uniq(runs.map((r) => r.release)),
    sources: uniq(runs.map((r) => r.source)),
    editions: editions.map((e) => e.classification),
    replaced_runs: runs.filter((r) => r.replaced_by !== null).map((r) => r.id),
  };
}

let tableCount = 0;

const num = (v: unknown): number => (v === null || v === undefined ? 0 : Number(v));
const pct = (a: number, b: number): number | null => (a === 0 ? null : ((b - a) / a) * 100);

/** The SELECT of one side's rows: live runs from trade_flows, replaced ones from replaced_flows. */
function sideRows(side: 'a' | 'b', s: ApiDiffSide): Sql {
  const live = s.runs.filter((r) => !s.replaced_runs.includes(r));
  const cols = sql`${side} as side, year, coalesce(month, 0) as month, type_code, reporter, partner, flow, product, value_usd`;
  const parts: Sql[] = [];
  if (live.length) parts.push(sql`select ${cols} from trade_flows where run_id in ${inList(live)}`);
  if (s.replaced_runs.length) parts.push(sql`select ${cols} from replaced_flows where run_id in ${inList(s.replaced_runs)}`);
  return parts.length === 2 ? sql`${parts[0]!} union all ${parts[1]!}` : parts[0]!;
}

function groupKey(by: DiffDimension): Sql {
  return by === 'year' ? sql`cast(d.year as varchar)` : by === 'product' ? sql`d.product` : sql`d.reporter`;
}

function groupNames(by: DiffDimension): { cols: Sql; join: Sql } {
  if (by === 'reporter') {
    return { cols: sql`c.name_en as name_en, c.name_zh as name_zh`, join: sql`left join countries c on c.iso3 = g.key` };
  }
  if (by === 'product') {
    return {
      cols: sql`h.description as name_en, cast(null as varchar) as name_zh`,
      join: sql`left join (select code, arg_max(description, edition) as description from hs_products group by code) h on h.code = g.key`,
    };
  }
  return { cols: sql`cast(null as varchar) as name_en, cast(null as varchar) as name_zh`, join: sql`` };
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
  if (!isDuckDBStore(store)) {
    throw new LanternError('store-error', 'Release diffs read the embedded DuckDB store.', [
      { message: 'this store keeps no replaced rows', hint: 'run `lantern diff` on the DuckDB store the runs were imported into' },
    ]);
  }
  const a = await resolveDiffSide(store, p.a, p.source, 'a');
  const b = await resolveDiffSide(store, p.b, p.source, 'b');
  // The diff's TEMP table lives on one connection: every statement of it runs there.
  return store.pinned((one) => diffSides(one, p, a, b));
}

/** The diff of two resolved sides, through a TEMP table of their keyed rows. */
async function diffSides(store: Store, p: z.infer<typeof releaseDiffParams>, a: ApiDiffSide, b: ApiDiffSide): Promise<ApiReleaseDiff> {
  const t = ident(`release_diff_${process.pid}_${++tableCount}`);
  await store.run(
    sql`create temp table ${t} as
        with side_rows as (${sideRows('a', a)} union all ${sideRows('b', b)}),
        keyed as (
          select year, month, type_code, reporter, partner, flow, product,
                 sum(case when side = 'a' then value_usd end) as va,
                 sum(case when side = 'b' then value_usd end) as vb,
                 count(case when side = 'a' then 1 end) as na,
                 count(case when side = 'b' then 1 end) as nb
          from side_rows group by year, month, type_code, reporter, partner, flow, product
        )
        select *, case when na = 0 then 'added' when nb = 0 then 'removed'
                       when abs(vb - va) > 1e-9 * greatest(abs(va), abs(vb)) then 'revised' else 'unchanged' end as change
        from keyed`,
  );
  try {
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
  } finally {
    await store.run(sql`drop table if exists ${t}`);
  }
}

async function diffTotals(store: Store, t: Sql): Promise<ApiDiffTotals> {
  const rows = await store.query<Record<string, unknown>>(
    sql`select change, count(*)::bigint as n, sum(na)::bigint as na, sum(nb)::bigint as nb, sum(va) as va, sum(vb) as vb
        from ${t} group by change`,
  );
  const of = (c: string) => rows.find((r) => r.change === c) ?? {};
  const rows_a = rows.reduce((s, r) => s + num(r.na), 0);
  const rows_b = rows.reduce((s, r) => s + num(r.nb), 0);
  const value_a = rows.reduce((s, r) => s + num(r.va), 0);
  const value_b = rows.reduce((s, r) => s + num(r.vb), 0);
  return {
    rows_a,
    rows_b,
    value_a,
    value_b,
    change: value_b - value_a,
    change_pct: pct(value_a, value_b),
    added: { rows: num(of('added').n), value: num(of('added').vb) },
    removed: { rows: num(of('removed').n), value: num(of('removed').va) },
    revised: { rows: num(of('revised').n), value_a: num(of('revised').va), value_b: num(of('revised').vb) },
    unchanged: { rows: num(of('unchanged').n), value: num(of('unchanged').vb) },
  };
}

async function diffGroups(store: Store, t: Sql, by: DiffDimension, totals: ApiDiffTotals): Promise<ApiDiffGroup[]> {
  const names = groupNames(by);
  const rows = await store.query<Record<string, unknown>>(
    sql`with g as (
          select ${groupKey(by)} as key, sum(d.na)::bigint as rows_a, sum(d.nb)::bigint as rows_b,
                 count(case when d.change = 'added' then 1 end)::bigint as added,
                 count(case when d.change = 'removed' then 1 end)::bigint as removed,
                 count(case when d.change = 'revised' then 1 end)::bigint as revised,
                 coalesce(sum(d.va), 0) as value_a, coalesce(sum(d.vb), 0) as value_b
          from ${t} d group by 1
        )
        select g.*, ${names.cols} from g ${names.join} order by g.key`,
  );
  const share = (v: number, total: number) => (total === 0 ? null : (v / total) * 100);
  return rows.map((r) => {
    const value_a = num(r.value_a);
    const value_b = num(r.value_b);
    const share_a = share(value_a, totals.value_a);
    const share_b = share(value_b, totals.value_b);
    return {
      key: String(r.key),
      name_en: (r.name_en as string | null) ?? null,
      name_zh: (r.name_zh as string | null) ?? null,
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
    sql`select d.year, d.month, d.type_code, d.reporter, r.name_en as reporter_en, d.partner, p.name_en as partner_en,
               d.flow, d.product, d.va as value_a, d.vb as value_b
        from ${t} d
        left join countries r on r.iso3 = d.reporter
        left join countries p on p.iso3 = d.partner
        where d.change = 'revised'
        order by abs(d.vb - d.va) desc, d.year, d.reporter, d.partner, d.product
        limit ${top}`,
  );
  return rows.map((r) => {
    const value_a = num(r.value_a);
    const value_b = num(r.value_b);
    return {
      year: num(r.year),
      month: num(r.month) === 0 ? null : num(r.month),
      type_code: String(r.type_code),
      reporter: String(r.reporter),
      reporter_en: (r.reporter_en as string | null) ?? null,
      partner: String(r.partner),
      partner_en: (r.partner_en as string | null) ?? null,
      flow: String(r.flow),
      product: String(r.product),
      value_a,
      value_b,
      change: value_b - value_a,
      change_pct: pct(value_a, value_b),
    };
  });
}

/** The diff's groups as flat rows (CSV, NDJSON, Parquet). */
export function releaseDiffRows(d: ApiReleaseDiff): Record<string, unknown>[] {
  return d.groups.map(({ key, ...rest }) => ({ [d.by]: key, ...rest }));
}
