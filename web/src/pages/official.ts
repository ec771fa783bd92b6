/**
 * Official figures: the bundled published series with scope, unit and source link. Series of
 * different scope are drawn in separate panels (never one line), values in US$ as normalised,
 * with the figure as printed and its unit in the table.
 */
import type { OfficialRowInfo } from '../../../src/api/contract.ts';
import { apiGet } from '../api.ts';
import { lineChart } from '../charts.ts';
import { fmtNum, fmtPct, fmtUsd } from '../format.ts';
import { t } from '../i18n.ts';
import { dataTable, h, num, section } from '../ui.ts';
import type { Page } from './types.ts';

const page: Page = {
  async render(ctx) {
    const country = (ctx.params.get('country') ?? 'CHN').toUpperCase();
    const res = await apiGet<unknown, OfficialRowInfo>('/official', { country, limit: 5000 });
    const rows = res.rows ?? [];
    ctx.root.append(h('h1', {}, `${t('official.title')} — ${country}`), h('p', { class: 'note' }, t('official.note')));
    const series = rows
      .filter((r) => r.value_usd !== null && (r.flow === 'export' || r.flow === 'import' || r.flow === 'total'))
      .map((r) => ({ year: r.year, value: r.value_usd, series: `${r.flow}`, scope: r.scope }));
    const scopes = [...new Set(series.map((s) => s.scope))];
    const box = h('div', { class: 'chart', 'data-chart': 'official', 'data-scopes': scopes.length });
    if (series.length) box.append(lineChart({ data: series as never, x: 'year', y: 'value', series: 'series', facet: 'scope', xLabel: t('year'), yLabel: t('value.usd'), usd: true, container: ctx.root }));
    ctx.root.append(section(`${t('official.title')} (${scopes.length} ${t('scope')})`, box, { name: `official-${country}`, chart: () => box.querySelector('svg'), rows: () => rows as never }));
    ctx.root.append(
      section(
        t('official.title'),
        dataTable(
          rows as never,
          [
            { key: 'year', label: t('year'), numeric: true },
            { key: 'scope', label: t('scope') },
            { key: 'indicator', label: t('indicator') },
            { key: 'flow', label: t('flow') },
            { key: 'value', label: t('value'), numeric: true, format: (v, r) => num(fmtNum(v as number), { sources: [String(r.source_url)], note: [r.publisher, r.note].filter(Boolean).join(' · ') || undefined }, `${r.flow} ${r.year}`) },
            { key: 'unit', label: t('unit') },
            { key: 'value_usd', label: 'US$', numeric: true, format: (v) => fmtUsd(v as number) },
            { key: 'yoy_pct', label: t('growth.yoy'), numeric: true, format: (v) => (v === null || v === undefined ? '—' : fmtPct((v as number) / 100)) },
            { key: 'source_url', label: t('source'), format: (v, r) => h('a', { href: String(v), target: '_blank', rel: 'noopener' }, String(r.publisher ?? t('sources.link'))) },
          ],
          { sortKey: 'year' },
        ),
        { name: `official-${country}-table`, rows: () => rows as never },
      ),
    );
  },
};
export default page;
