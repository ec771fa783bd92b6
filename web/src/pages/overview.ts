/**
 * Overview of a country (default: the largest reporter in the store): headline numbers with year and source, the trend of
 * exports/imports/balance, cultural domains as a treemap, top partners on the world map, world share
 * and rank. On a store without trade data it shows the official figures for the country instead.
 */
import type { CountryProfileData } from '../../../src/contract.ts';
import { apiGet } from '../api.ts';
import { countryName } from '../controls.ts';
import { fmtUsd } from '../format.ts';
import { t } from '../i18n.ts';
import { h, num, section } from '../ui.ts';
import { domainsTreemap, emptyProfile, headline, partnersMap, partnersTable, profileControls, profileParams, profileQuery, profileView, trend } from './profile-parts.ts';
import { measureLabel, scopeLabel } from './official.ts';
import type { Page } from './types.ts';

const page: Page = {
  async render(ctx) {
    const s = profileParams(ctx);
    ctx.root.append(h('h1', {}, t('nav.overview')), await profileControls(ctx));
    if (!ctx.hasTrade) {
      // Official figures work from the first run.
      const off = await apiGet('/official', { country: s.country, limit: 1000 });
      const rows = (off.rows ?? []).filter((r) => r.value_usd !== null).sort((a, b) => b.year - a.year);
      const latest = rows[0]?.year;
      const cards = rows.filter((r) => r.year === latest);
      const names = new Map(await Promise.all([...new Set(cards.map((r) => r.country))].map(async (c) => [c, await countryName(c)] as const)));
      ctx.root.append(
        section(
          `${t('official.title')} ${latest ?? ''}`,
          cards.length
            ? h(
                'div',
                { class: 'kpis' },
                cards.map((r) =>
                  h(
                    'div',
                    { class: 'kpi' },
                    // What it measures and its scope in words ("Exports · Creative goods"), whose figure it is in the caption.
                    h('div', { class: 'kpi-label' }, `${measureLabel(r.indicator, r.flow)} · ${scopeLabel(r.scope)}`),
                    h('div', { class: 'kpi-value' }, num(fmtUsd(r.value_usd), { sources: [r.source_url], note: `${r.publisher ?? ''} ${r.note ?? ''}`.trim() || undefined }, `${r.flow} ${r.year}`)),
                    h('div', { class: 'kpi-caption' }, `${names.get(r.country) ?? r.country} · ${r.year} · ${r.publisher ?? t('source')}`),
                  ),
                ),
              )
            : h('p', { class: 'muted' }, t('no.rows')),
        ),
      );
      return;
    }
    const res = await apiGet<CountryProfileData>(`/profiles/country/${s.country}`, profileQuery(s));
    const d = await profileView(res.data!, res.meta, s);
    const none = await emptyProfile(d, res.data!.provenance.levels, ctx);
    if (none) return void ctx.root.append(none);
    ctx.root.append(headline(d), trend(d, ctx.root));
    const grid = h('div', { class: 'grid2' });
    ctx.root.append(grid);
    grid.append(domainsTreemap(d, grid), partnersTable(d, 10));
    ctx.root.append(await partnersMap(d, ctx.root));
  },
};
export default page;
