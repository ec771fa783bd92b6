/**
 * Small DOM building blocks shared by the pages: elements, sections with download buttons, sortable
 * tables, clickable numbers that open their provenance, the provenance panel, notices.
 */
import type { ApiProvenance, StatusData } from '../../src/contract.ts';
import { apiGet } from './api.ts';
import { downloadChart, downloadCsv, htmlLegend } from './download.ts';
import { t } from './i18n.ts';

type Child = Node | string | number | null | undefined | false;

export function h<K extends keyof HTMLElementTagNameMap>(
  tag: K,
  attrs: Record<string, string | number | boolean | ((e: Event) => void) | undefined> = {},
  ...children: (Child | Child[])[]
): HTMLElementTagNameMap[K] {
  const el = document.createElement(tag);
  for (const [k, v] of Object.entries(attrs)) {
    if (v === undefined || v === false) continue;
    if (typeof v === 'function') el.addEventListener(k.replace(/^on/, '').toLowerCase(), v as EventListener);
    else if (v === true) el.setAttribute(k, '');
    else el.setAttribute(k, String(v));
  }
  for (const c of children.flat()) {
    if (c === null || c === undefined || c === false) continue;
    el.append(c instanceof Node ? c : String(c));
  }
  return el;
}

let exportStatus: StatusData | undefined;

/** The store's status, for the source line and synthetic mark of downloaded charts (main.ts sets it). */
export function setExportStatus(status: StatusData): void {
  exportStatus = status;
}

/** "Source: Lantern, import runs #1 baci synthetic-seed-1 (BACI_….csv)": the runs a chart reads (all loaded runs when the answer names none). */
export function sourceLine(prov?: ApiProvenance): string {
  const runs = exportStatus?.importRuns ?? [];
  const ids = prov?.runs?.length ? prov.runs : runs.map((r) => r.id);
  const parts = ids.slice(0, 6).map((id) => {
    const r = runs.find((x) => x.id === id);
    return r ? `#${id} ${r.source}${r.release ? ` ${r.release}` : ''} (${r.file})` : `#${id}`;
  });
  const more = ids.length > 6 ? ` +${ids.length - 6}` : '';
  const official = prov?.sources?.length ? `; ${prov.sources.slice(0, 3).join('; ')}` : '';
  return `${t('export.source')}: Lantern${parts.length ? `, ${t('export.runs')} ${parts.join('; ')}${more}` : ''}${official}`;
}

/** A titled section; `downloads` adds buttons (SVG/PNG for a chart, CSV for rows). */
export function section(
  title: string,
  body: Child | Child[],
  opts: { id?: string; name?: string; chart?: () => SVGSVGElement | null; rows?: () => Record<string, unknown>[]; csvUrl?: string; note?: string; units?: string; provenance?: ApiProvenance } = {},
): HTMLElement {
  const name = opts.name ?? (title.toLowerCase().replace(/[^a-z0-9]+/g, '-') || 'lantern');
  const buttons: HTMLElement[] = [];
  let card: HTMLElement | undefined;
  const exportChart = (kind: 'svg' | 'png') => {
    const svg = opts.chart!();
    if (!svg) return;
    const meta = {
      title,
      units: opts.units,
      source: sourceLine(opts.provenance),
      date: new Date().toISOString().slice(0, 10),
      synthetic: exportStatus?.trade.synthetic ? t('export.synthetic') : undefined,
    };
    // The chart's own legend (Observable Plot draws it in HTML beside the SVG).
    const legend = card ? htmlLegend(card) : [];
    void downloadChart(kind, name, svg, meta, legend);
  };
  if (opts.chart) {
    buttons.push(
      h('button', { class: 'dl', 'data-dl': 'svg', onclick: () => exportChart('svg') }, t('download.svg')),
      h('button', { class: 'dl', 'data-dl': 'png', onclick: () => exportChart('png') }, t('download.png')),
    );
  }
  if (opts.rows) buttons.push(h('button', { class: 'dl', 'data-dl': 'csv', onclick: () => downloadCsv(name, opts.rows!()) }, t('download.csv')));
  if (opts.csvUrl) buttons.push(h('a', { class: 'dl', href: opts.csvUrl, title: 'CSV from the API' }, 'API CSV'));
  card = h(
    'section',
    { class: 'card', id: opts.id },
    h('header', {}, h('h2', {}, title), buttons.length ? h('div', { class: 'downloads' }, `${t('download')}:`, ...buttons) : null),
    opts.note ? h('p', { class: 'note' }, opts.note) : null,
    body,
  );
  return card;
}

/** A number that opens its provenance when clicked. */
export function num(text: string, prov?: ApiProvenance, title?: string): HTMLElement {
  if (!prov || (!prov.runs?.length && !prov.sources?.length && !prov.sql && !prov.note)) return h('span', { class: 'num' }, text);
  return h('button', { class: 'num prov', title: t('provenance.hint'), onclick: () => openProvenance(prov, title ?? text) }, text);
}

export interface Column<R> {
  key: string;
  label: string;
  numeric?: boolean;
  format?: (v: unknown, row: R) => Child;
  /** Sort value when it differs from the raw value. */
  sortValue?: (row: R) => number | string;
}

/** A sortable table; the CSV download gives the rows as they are sorted. */
export function dataTable<R extends Record<string, unknown>>(
  rows: R[],
  columns: Column<R>[],
  opts: { sortKey?: string; desc?: boolean; limit?: number; onSort?: (key: string, desc: boolean) => void; pageSize?: number } = {},
): HTMLElement {
  let sortKey = opts.sortKey;
  let desc = opts.desc ?? true;
  let pageNo = 0;
  const wrap = h('div', { class: 'table-wrap' });
  const render = () => {
    const sorted = [...rows];
    const col = columns.find((c) => c.key === sortKey);
    if (col) {
      // Numbers equal to 12 significant digits sort as equal, keeping the answer's order: sums of
      // the same rows differ in their last bits from one store (or summation order) to another.
      const val = (r: R) => {
        const v = col.sortValue ? col.sortValue(r) : (r[col.key] as number | string);
        return typeof v === 'number' && Number.isFinite(v) ? Number(v.toPrecision(12)) : v;
      };
      // Missing values ("—") last in either order: a top-10 by exports is never ten partners without exports.
      const missing = (v: unknown) => v === null || v === undefined || (typeof v === 'number' && Number.isNaN(v));
      sorted.sort((a, b) => {
        const x = val(a);
        const y = val(b);
        if (x === y) return 0;
        if (missing(x)) return missing(y) ? 0 : 1;
        if (missing(y)) return -1;
        return (x < y ? -1 : 1) * (desc ? -1 : 1);
      });
    }
    const size = opts.pageSize;
    const pages = size ? Math.max(1, Math.ceil(sorted.length / size)) : 1;
    pageNo = Math.min(pageNo, pages - 1);
    const shown = size ? sorted.slice(pageNo * size, (pageNo + 1) * size) : opts.limit ? sorted.slice(0, opts.limit) : sorted;
    const table = h(
      'table',
      { class: 'data' },
      h(
        'thead',
        {},
        h(
          'tr',
          {},
          columns.map((c) =>
            h(
              'th',
              {
                class: `${c.numeric ? 'n' : ''} sortable ${c.key === sortKey ? (desc ? 'desc' : 'asc') : ''}`,
                'data-key': c.key,
                onclick: () => {
                  if (sortKey === c.key) desc = !desc;
                  else {
                    sortKey = c.key;
                    desc = Boolean(c.numeric);
                  }
                  opts.onSort?.(sortKey, desc);
                  pageNo = 0;
                  render();
                },
              },
              c.label,
            ),
          ),
        ),
      ),
      h(
        'tbody',
        {},
        shown.length
          ? shown.map((r) => h('tr', {}, columns.map((c) => h('td', { class: c.numeric ? 'n' : '' }, c.format ? c.format(r[c.key], r) : String(r[c.key] ?? '—')))))
          : h('tr', {}, h('td', { colspan: columns.length, class: 'muted' }, t('no.rows'))),
      ),
    );
    const pager =
      size && sorted.length > size
        ? h(
            'div',
            { class: 'pager' },
            h('button', { type: 'button', 'data-page': 'prev', disabled: pageNo === 0, onclick: () => { pageNo -= 1; render(); } }, t('page.prev')),
            h('span', { class: 'pager-info' }, `${pageNo * size + 1}–${Math.min(sorted.length, (pageNo + 1) * size)} ${t('page.of')} ${sorted.length}`),
            h('button', { type: 'button', 'data-page': 'next', disabled: pageNo >= pages - 1, onclick: () => { pageNo += 1; render(); } }, t('page.next')),
          )
        : null;
    wrap.replaceChildren(table, ...(pager ? [pager] : []));
    (wrap as HTMLElement & { sortedRows?: R[] }).sortedRows = sorted;
  };
  render();
  return wrap;
}

let panel: HTMLElement | undefined;

/** The provenance panel: import runs (fetched from /datasets/{id}), official source links, SQL. */
export async function openProvenance(prov: ApiProvenance, title: string): Promise<void> {
  panel?.remove();
  const body = h('div', { class: 'prov-body' }, h('p', {}, t('loading')));
  panel = h(
    'aside',
    { id: 'provenance', role: 'dialog', 'aria-label': t('provenance') },
    h('header', {}, h('h2', {}, `${t('provenance')}: ${title}`), h('button', { class: 'close', onclick: () => panel?.remove() }, '×')),
    body,
  );
  document.body.append(panel);
  const parts: HTMLElement[] = [];
  if (prov.note) parts.push(h('p', { class: 'note' }, prov.note));
  if (prov.runs?.length) {
    const runs = await Promise.all(
      prov.runs.slice(0, 20).map((id) =>
        apiGet<Record<string, unknown>>(`/datasets/${id}`)
          .then((r) => r.data!)
          .catch((): Record<string, unknown> => ({ id, note: "not found" })),
      ),
    );
    parts.push(
      h('h3', {}, t('provenance.runs')),
      ...runs.map((r) =>
        h(
          'dl',
          { class: 'run' },
          ...(
            [
              ['#', r.id],
              [t('source'), r.source],
              [t('format'), r.format],
              [t('release'), r.release],
              [t('file'), r.file],
              ['sha256', typeof r.sha256 === 'string' ? `${r.sha256.slice(0, 16)}…` : r.sha256],
              [t('imported.at'), r.imported_at ?? r.started_at],
              [t('rows'), r.rows],
              [t('years'), r.years],
            ] as [string, unknown][]
          )
            .filter(([, v]) => v !== undefined && v !== null)
            .flatMap(([k, v]) => [h('dt', {}, k), h('dd', {}, String(v))]),
          r.synthetic ? [h('dt', {}, '⚠'), h('dd', { class: 'warn' }, t('synthetic'))] : [],
        ),
      ),
    );
  }
  if (prov.sources?.length) {
    parts.push(h('h3', {}, t('provenance.sources')), h('ul', {}, prov.sources.map((s) => h('li', {}, h('a', { href: s, target: '_blank', rel: 'noopener' }, s)))));
  }
  if (prov.sql) parts.push(h('h3', {}, t('provenance.sql')), h('pre', {}, prov.sql));
  body.replaceChildren(...(parts.length ? parts : [h('p', {}, '—')]));
}

export function closeProvenance(): void {
  panel?.remove();
}

export function errorBox(e: unknown): HTMLElement {
  const env = (e as { envelope?: { error: string; errors: { field?: string; message: string; hint?: string }[] } }).envelope;
  return h(
    'div',
    { class: 'error-box' },
    h('strong', {}, `${t('error')}: `),
    env ? env.error : String((e as Error)?.message ?? e),
    env?.errors?.length
      ? h('ul', {}, env.errors.slice(0, 8).map((p) => h('li', {}, [p.field ? `${p.field}: ` : '', p.message, p.hint ? ` — ${p.hint}` : ''].join(''))))
      : null,
  );
}

/** A labelled form control row. */
export function field(label: string, control: HTMLElement): HTMLElement {
  return h('label', { class: 'field' }, h('span', {}, label), control);
}
