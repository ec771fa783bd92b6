/** Data: import runs with their provenance; which years, reporters and baskets are available. */
import type { ImportRunInfo, StatusData } from '../../../src/contract.ts';
import { apiGet } from '../api.ts';
import { basketName, baskets, domainName } from '../controls.ts';
import { fmtNum } from '../format.ts';
import { addMessages, getLang, t } from '../i18n.ts';
import { dataTable, h, num, section } from '../ui.ts';
import { diffSection } from './data-diff.ts';
import type { Page } from './types.ts';

addMessages({
  en: {
    'data.store': 'Store',
    'data.readonly': 'read-only',
    'data.table': 'Table',
    'data.kind': 'Kind',
    'data.kind.table': 'table',
    'data.kind.view': 'view',
    'data.about': 'What it holds',
    'data.tables.internal': '{n} more tables and views are internal (storage behind the views, summaries the import writes, bookkeeping); `lantern status` lists every one.',
  },
  zh: {
    'data.store': '存储',
    'data.readonly': '只读',
    'data.table': '表',
    'data.kind': '类型',
    'data.kind.table': '表',
    'data.kind.view': '视图',
    'data.about': '内容',
    'data.tables.internal': '另有 {n} 个内部表和视图（视图背后的存储、导入时写入的汇总、记录）；`lantern status` 列出全部。',
  },
});

type StoreTable = StatusData['tables'][number];

/**
 * The store's tables a user reads, each with what it holds in one line; the internal ones
 * (storage, summaries, bookkeeping) counted in a note. A cluster's tables are listed per server
 * by the CLI; /status lists a DuckDB file's.
 */
function tablesBody(st: StatusData): HTMLElement {
  if (st.store.dialect === 'clickhouse' && !st.tables.length) return h('p', { class: 'muted' }, t('data.tables.cluster'));
  const shown = st.tables.filter((x) => x.about !== null);
  const internal = st.tables.length - shown.length;
  return h(
    'div',
    {},
    dataTable(shown as never, [
      { key: 'name', label: t('data.table'), format: (v) => h('code', {}, String(v)) },
      { key: 'kind', label: t('data.kind'), format: (v) => t(`data.kind.${String(v)}`) },
      { key: 'rows', label: t('rows'), numeric: true, format: (v) => fmtNum(v as number, 0) },
      { key: 'about', label: t('data.about'), format: (_v, row) => aboutText(row as unknown as StoreTable) },
    ], { sortKey: 'name', desc: false }),
    internal > 0 ? h('p', { class: 'muted', 'data-none': 'internal-tables' }, t('data.tables.internal').replace('{n}', String(internal))) : '',
  );
}

function aboutText(row: StoreTable): string {
  return (getLang() === 'zh' ? row.about_zh : row.about) ?? row.about ?? '';
}

const page: Page = {
  async render(ctx) {
    const st = (await apiGet('/status')).data!;
    const runs = (await apiGet('/datasets', { limit: 1000 })).rows ?? [];
    ctx.root.append(h('h1', {}, t('data.title')));
    ctx.root.append(
      section(
        t('data.coverage'),
        h(
          'dl',
          { class: 'coverage' },
          h('dt', {}, t('rows')), h('dd', {}, fmtNum(st.trade.rows, 0)),
          h('dt', {}, t('years')), h('dd', {}, st.trade.years.length ? `${st.trade.years[0]}–${st.trade.years.at(-1)} (${st.trade.years.join(', ')})` : '—'),
          h('dt', {}, t('reporters')), h('dd', {}, String(st.trade.reporters)),
          h('dt', {}, 'HS'), h('dd', {}, st.trade.classifications.join(', ') || '—'),
          h('dt', {}, t('data.store')), h('dd', {}, `${st.store.path}${st.store.readOnly ? ` (${t('data.readonly')})` : ''}`),
        ),
      ),
    );
    ctx.root.append(
      section(
        t('data.runs'),
        dataTable(runs as never, [
          { key: 'id', label: '#', numeric: true, format: (v, r) => num(String(v), { runs: [Number(v)] }, `#${v} ${r.file}`) },
          { key: 'source', label: t('source'), format: (v, r) => h('span', {}, String(v), r.synthetic ? h('span', { class: 'tag warn' }, t('synthetic')) : '') },
          { key: 'format', label: t('format') },
          { key: 'release', label: t('release') },
          { key: 'file', label: t('file') },
          { key: 'sha256', label: 'sha256', format: (v) => h('code', { title: String(v) }, String(v ?? '').slice(0, 12)) },
          { key: 'years', label: t('years') },
          { key: 'reporters', label: t('reporters'), numeric: true },
          { key: 'rows', label: t('rows'), numeric: true, format: (v) => fmtNum(v as number, 0) },
          { key: 'rows_rejected', label: '✗', numeric: true },
          { key: 'imported_at', label: t('imported.at') },
        ], { sortKey: 'id' }),
        { name: 'import-runs', rows: () => runs as never, csvUrl: '/api/v1/datasets.csv' },
      ),
    );
    const bs = await baskets();
    ctx.root.append(
      section(
        t('data.baskets'),
        dataTable(bs as never, [
          { key: 'id', label: 'id' },
          { key: 'name', label: t('basket'), format: (_v, row) => basketName(row as never) },
          { key: 'framework', label: t('framework') },
          { key: 'hsEdition', label: t('edition') },
          { key: 'codes', label: t('codes'), numeric: true },
          { key: 'domains', label: t('domains'), format: (v, row) => ((v as string[]) ?? []).map((d) => domainName(row as never, d)).join(', ') },
          { key: 'source', label: t('source'), format: (v) => (v && /^https?:/.test(String(v)) ? h('a', { href: String(v), target: '_blank', rel: 'noopener' }, String(v)) : String(v ?? '—')) },
        ], { sortKey: 'id', desc: false }),
        { name: 'baskets', rows: () => bs as never },
      ),
      section(t('data.tables'), tablesBody(st), { id: 'store-tables' }),
    );
    const allRuns = (await apiGet('/datasets', { limit: 1000, all: 'true' })).rows ?? [];
    ctx.root.append(await diffSection(ctx, allRuns));
  },
};
export default page;
