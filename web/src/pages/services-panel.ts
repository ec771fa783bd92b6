/**
 * The country's cultural services (EBOPS 2010) beside its goods: exports, imports and balance of the
 * bundled `cultural-services` basket for the page's years, and its items by name. A panel of its own,
 * fed by its own request (`/profiles/country/{iso3}?basket=cultural-services`): goods and services
 * are shown apart, never summed. A store without services rows gets a one-line notice, not an error.
 */
import type { ApiProvenance, CountryProfileData } from '../../../src/contract.ts';
import { ApiFailure, apiGet } from '../api.ts';
import { nameOf } from '../controls.ts';
import { fmtPct, fmtUsd } from '../format.ts';
import { addMessages, getLang, t } from '../i18n.ts';
import { productLabel } from '../names.ts';
import { perspectiveText } from '../sources.ts';
import { dataTable, h, num, section } from '../ui.ts';
import { card } from './profile-parts.ts';

export const SERVICES_BASKET = 'cultural-services';
/** The classification services rows are stored in (src/reference/services.ts). */
const EBOPS2010 = 'EBOPS2010';

addMessages({
  en: {
    'svc.title': 'Cultural services (EBOPS 2010)',
    'svc.none': 'No services trade in the data for these years: import Comtrade services rows (typeCode S, classification EB) to see them here.',
    'svc.apart': 'Services are shown apart from goods and never added to them.',
    'svc.items': 'Services items',
  },
  zh: {
    'svc.title': '文化服务（EBOPS 2010）',
    'svc.none': '数据中这些年份没有服务贸易：导入联合国商品贸易统计的服务数据（typeCode S，分类 EB）即可在此显示。',
    'svc.apart': '服务与货物分开显示，从不相加。',
    'svc.items': '服务项目',
  },
});

/**
 * The panel, or a notice when the store has no services trade for the country and years.
 * `classifications` are the store's (the `/status` answer main.ts already holds, `ctx.status`).
 */
export async function servicesPanel(iso3: string, years: { from?: string; to?: string }, classifications: readonly string[]): Promise<HTMLElement> {
  const none = () => section(t('svc.title'), h('p', { class: 'muted svc-none' }, t('svc.none')), { name: `services-${iso3}` });
  // Ask for the services profile only when the store holds services rows (EBOPS 2010): on a goods-only
  // store the request could only fail, and a failed request is an error in the browser's console.
  if (!classifications.includes(EBOPS2010)) return none();
  let d: CountryProfileData;
  let prov: ApiProvenance;
  try {
    const res = await apiGet<CountryProfileData>(`/profiles/country/${iso3}`, { basket: SERVICES_BASKET, from: years.from, to: years.to, top: '50' });
    d = res.data!;
    prov = res.meta?.provenance ?? {};
  } catch (e) {
    if (e instanceof ApiFailure && e.envelope.status >= 400 && e.envelope.status < 500) {
      return none();
    }
    throw e;
  }
  const hd = d.headline;
  const caption = `${hd.year} · ${perspectiveText(d.perspective)} · ${SERVICES_BASKET}`;
  const kpis = h(
    'div',
    { class: 'kpis' },
    card(t('exports'), num(fmtUsd(hd.exports), prov, `${t('svc.title')} · ${t('exports')} ${hd.year}`), caption),
    card(t('imports'), num(fmtUsd(hd.imports), prov, `${t('svc.title')} · ${t('imports')} ${hd.year}`), caption),
    card(t('balance'), num(fmtUsd(hd.balance), prov, `${t('svc.title')} · ${t('balance')} ${hd.year}`), caption),
    card(t('growth.yoy'), num(fmtPct(hd.exportGrowth), prov, t('growth.yoy')), `${t('exports')} ${hd.year - 1}→${hd.year}`),
  );
  const name = (p: CountryProfileData['products'][number]) => (getLang() === 'zh' ? p.name_zh : null) ?? p.name_en;
  const items = dataTable(
    d.products as unknown as Record<string, unknown>[],
    [
      { key: 'product', label: t('svc.items'), format: (_v, r) => productLabel(String(r.product), name(r as unknown as CountryProfileData['products'][number]), 64) },
      { key: 'exports', label: t('exports'), numeric: true, format: (v) => num(fmtUsd(v as number), prov) },
      { key: 'imports', label: t('imports'), numeric: true, format: (v) => num(fmtUsd(v as number), prov) },
    ],
    { sortKey: 'exports' },
  );
  const body = h('div', { class: 'services-panel', 'data-trade': d.trade }, kpis, items, h('p', { class: 'note' }, t('svc.apart')));
  return section(`${t('svc.title')} — ${nameOf(d.country)} ${hd.year}`, body, {
    name: `services-${iso3}`,
    provenance: prov,
    rows: () => d.products as unknown as Record<string, unknown>[],
  });
}
