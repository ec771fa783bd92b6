/** Country profile: everything of the overview plus partners, products, RCA by domain, concentration. */
import type { CountryProfileData } from '../../../src/contract.ts';
import { apiGet, apiUrl } from '../api.ts';
import { nameOf } from '../controls.ts';
import { t } from '../i18n.ts';
import { h } from '../ui.ts';
import { concentrationLine, domainsArea, domainsTreemap, emptyProfile, headline, partnersMap, partnersTable, productsTable, profileControls, profileParams, profileQuery, profileView, productTreemap, rcaChart, trend } from './profile-parts.ts';
import { servicesPanel } from './services-panel.ts';
import type { Page } from './types.ts';

const page: Page = {
  async render(ctx) {
    const s = profileParams(ctx);
    ctx.root.append(h('h1', {}, t('nav.country')), await profileControls(ctx));
    const res = await apiGet<CountryProfileData>(`/profiles/country/${s.country}`, profileQuery(s));
    const d = await profileView(res.data!, res.meta, s);
    ctx.root.querySelector('h1')!.textContent = `${t('nav.country')}: ${nameOf(d.country)} (${d.country.iso3}) ${d.from}–${d.to}`;
    const none = await emptyProfile(d, res.data!.provenance.levels, ctx);
    if (none) ctx.root.append(none);
    else ctx.root.append(headline(d), concentrationLine(d) ?? '', trend(d, ctx.root));
    // Cultural services beside the goods: their own request and panel, never summed with goods.
    ctx.root.append(await servicesPanel(s.country, { from: s.from, to: s.to }, ctx.status.trade.classifications));
    if (none) return;
    const area = await domainsArea(d, ctx.root);
    if (area) ctx.root.append(area);
    const grid = h('div', { class: 'grid2' });
    grid.append(domainsTreemap(d, grid), rcaChart(d, grid));
    const section = ctx.params.get('section') ?? undefined;
    const products = await productTreemap(d, ctx.root, { edition: ctx.status.trade.classifications.at(-1), section, onSection: (s) => ctx.setParams({ section: s }) });
    ctx.root.append(products, grid, await partnersMap(d, ctx.root), partnersTable(d), await productsTable(d, ctx.status.trade.classifications[0]));
    ctx.root.append(h('p', { class: 'note' }, h('a', { href: apiUrl(`/profiles/country/${s.country}`, profileQuery(s)) }, 'JSON'), ' · ', h('a', { href: apiUrl(`/profiles/country/${s.country}`, { ...profileQuery(s), table: 'partners' }, true) }, 'CSV')));
  },
};
export default page;
