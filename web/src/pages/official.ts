/**
 * Official figures: the bundled published series with scope, unit and source link. Series of
 * different scope are drawn in separate panels (never one line), values in US$ as normalised,
 * with the figure as printed and its unit in the table.
 */
import type { OfficialRowInfo } from '../../../src/contract.ts';
import { apiGet } from '../api.ts';
import { lineChart } from '../charts.ts';
import { fmtNum, fmtPct, fmtUsd } from '../format.ts';
import { t } from '../i18n.ts';
import { dataTable, h, num, section } from '../ui.ts';
import { mainSvg } from '../download.ts';
import type { Page } from './types.ts';

const page: Page = {
  async render(ctx) {
    const country = (ctx.params.get('country') ?? 'CHN').toUpperCase();
    const res = await apiGet<unknown, OfficialRowInfo>('/official', { country, limit: 5000 });
    const rows = res.rows ?? [];
    ctx.root.append(h('h1', {}, `${t('official.title')} — ${country}`), h('p', { class: 'note' }, t('official.note')));
    // One small chart per scope, each with its own axis: series of different scope are never one line.
    const scopes = [...new Set(rows.filter((r) => r.value_usd !== null).map((r) => r.scope))].sort();
    const box = h('div', { class: 'chart small-multiples', 'data-chart': 'official', 'data-scopes': scopes.length });
    for (const scope of scopes) {
      const series = rows
        .filter((r) => r.scope === scope && r.value_usd !== null && r.flow !== 'surplus' && r.flow !== 'deficit')
        .map((r) => ({ year: r.year, value: r.value_usd, series: `${r.indicator} · ${r.flow}` }));
      if (!series.length) continue;
      const sources = [...new Set(rows.filter((r) => r.scope === scope).map((r) => r.source_url))];
      const panel = h(
        'figure',
        { class: 'panel', 'data-scope': scope },
        h('figcaption', {}, h('strong', {}, scope), ' · ', sources.map((u, i) => h('a', { href: u, target: '_blank', rel: 'noopener' }, `${t('sources.link')} ${i + 1}`))),
        lineChart({ data: series as never, x: 'year', y: 'value', series: 'series', xLabel: t('year'), yLabel: t('value.usd'), usd: true, container: ctx.root, small: true }),
      );
      box.append(panel);
    }
    ctx.root.append(
      section(`${t('official.title')}: ${scopes.length} ${t('scope')}`, box, {
        name: `official-${country}`,
        chart: () => mainSvg(box),
        rows: () => rows as never,
      }),
    );
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
