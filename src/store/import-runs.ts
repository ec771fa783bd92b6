/**
 * Import runs as users see them (`lantern datasets`, the API): provenance of every stored row.
 * Written by ingest/, read here, so that queries/ (the datasets read models) and ingest/ both reach
 * them through store/.
 */
import type { ImportRunInfo } from '../contract.ts';
import { type Sql, sql } from './sql.ts';
import { memoByState } from './state-memo.ts';
import type { Store } from './db.ts';

export type { ImportRunInfo };

/** Sources or notes that mark a run as the synthetic demo world. */
export function isSyntheticRun(run: { source?: unknown; release?: unknown; note?: unknown; format?: unknown }): boolean {
  const s = `${run.source ?? ''} ${run.format ?? ''} ${run.release ?? ''}`.toLowerCase();
  return /synthetic|\bdemo\b/.test(s) || /synthetic/i.test(String(run.note ?? ''));
}

/** Which runs a listing shows: finished ones, replaced ones only with `all`, one source if named. */
export interface RunFilter {
  all?: boolean;
  source?: string;
}

/** A page of a listing: rows to skip and keep. */
export interface RunPage {
  limit: number;
  offset: number;
}

/** The import runs, newest last; replaced runs only with `all`, one source with `source`. */
export async function listImportRuns(store: Store, opts: RunFilter = {}): Promise<ImportRunInfo[]> {
  return runInfos(await store.query<Record<string, unknown>>(runsSql(opts)));
}

/**
 * One page of the import runs. The runs are few (one per file imported) and asked for on every page
 * of the dashboard, so the listing is read once per store state (state-memo.ts) and each page is
 * cut from it: a page of any size or offset, or past the end, reads nothing more until the store
 * changes.
 */
export async function pageImportRuns(store: Store, opts: RunFilter, page: RunPage): Promise<{ rows: ImportRunInfo[]; total: number }> {
  const all = await memoByState(store, `import-runs ${opts.all ? 'all' : 'current'} ${opts.source ?? ''}`, () => listImportRuns(store, opts));
  return { rows: all.slice(page.offset, page.offset + page.limit), total: all.length };
}

function runsSql(opts: RunFilter): Sql {
  return sql`select id, source, format, release, file_name, sha256, perspective, rows_loaded, rows_read, rows_rejected,
          year_min, year_max, reporters, options, note, started_at, finished_at, replaced_by
        from import_runs where finished_at is not null ${opts.all ? sql`` : sql`and replaced_by is null`} ${opts.source ? sql`and source = ${opts.source}` : sql``} order by id`;
}

function runInfos(rows: Record<string, unknown>[]): ImportRunInfo[] {
  return rows.map((r) => {
    const yMin = r.year_min as number | null;
    const yMax = r.year_max as number | null;
    const run = {
      id: r.id as number,
      source: r.source as string,
      format: r.format as string,
      release: (r.release as string | null) ?? null,
      file: r.file_name as string,
      sha256: r.sha256 as string,
      perspective: r.perspective as string,
      rows: Number(r.rows_loaded),
      rows_read: Number(r.rows_read),
      rows_rejected: Number(r.rows_rejected),
      years: yMin === null ? null : yMin === yMax ? String(yMin) : `${yMin}–${yMax}`,
      year_min: yMin,
      year_max: yMax,
      reporters: (r.reporters as number | null) ?? null,
      options: r.options ? (JSON.parse(r.options as string) as Record<string, string>) : null,
      note: (r.note as string | null) ?? null,
      imported_at: (r.finished_at as string | null) ?? null,
      started_at: r.started_at as string,
      replaced_by: (r.replaced_by as number | null) ?? null,
    };
    return { ...run, synthetic: isSyntheticRun(run) };
  });
}
