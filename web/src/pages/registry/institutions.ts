/** The institutions on the registry page: the map (centres, bases, treaty partners shaded) and their table. */
import type { RegistryInstitution, RegistryMapData } from '../../../../src/contract.ts';
import { apiUrl } from '../../api.ts';
import type { numericIndex } from '../../controls.ts';
import { t } from '../../i18n.ts';
import { dataTable, h, section } from '../../ui.ts';
import type { PageContext } from '../types.ts';
import { countryLabel, detailLink, gap, instName, link, zh } from './common.ts';
import { HOME_FILL, markerColours, PARTNER_FILL, registryMap } from './map.ts';

type NumericIndex = Awaited<ReturnType<typeof numericIndex>>;

export function mapSection(ctx: PageContext, map: RegistryMapData, numeric: NumericIndex, country: string): HTMLElement {
  const mapBox = h('div', { class: 'chart', 'data-chart': 'registry-map' });
  mapBox.append(
    registryMap(map, numeric, {
      width: 900,
      label: (i, atCountry) => `${instName(i)} — ${[i.city, countryLabel(i)].filter(Boolean).join(', ')}; ${t('reg.opened')}: ${i.opened ?? (i.opened_by ? `≤ ${i.opened_by}` : '—')}${atCountry ? ' (placed at its country)' : ''}`,
      partnerLabel: (p) => `${zh() ? p.country_zh : p.country_en}: ${p.agreements} · ${p.first_signed ?? '—'}`,
      onSelect: (id) => ctx.setParams({ view: 'detail', collection: 'institutions', id }),
    }),
  );
  const swatch = (colour: string, text: string, shape: 'circle' | 'square' | 'area') =>
    h('span', { class: 'legend-item' }, h('span', { style: `display:inline-block;width:10px;height:10px;margin-right:4px;background:${colour};${shape === 'circle' ? 'border-radius:50%;' : ''}` }), text);
  const legend = h(
    'p',
    { class: 'legend note' },
    swatch(markerColours['cultural-centre']!, t('reg.legend.centre'), 'circle'),
    ' · ',
    swatch(markerColours['export-base']!, t('reg.legend.base'), 'square'),
    ' · ',
    swatch(PARTNER_FILL, t('reg.legend.partner'), 'area'),
    ' · ',
    swatch(HOME_FILL, t('reg.legend.home'), 'area'),
  );
  return section(t('reg.map'), [mapBox, legend], { name: `registry-map-${country}`, note: t('reg.map.note'), chart: () => mapBox.querySelector('svg'), rows: () => map.institutions as never });
}

export function institutionsTable(ctx: PageContext, map: RegistryMapData, country: string): HTMLElement {
  return section(
    t('reg.institutions'),
    dataTable(map.institutions as never, [
      { key: 'name_en', label: t('reg.name'), format: (_v, r) => detailLink(ctx, 'institutions', String(r.id), instName(r as unknown as RegistryInstitution)) },
      { key: 'kind', label: t('reg.kind'), format: (_v, r) => String(zh() ? r.kind_zh : r.kind_en) },
      { key: 'country', label: t('reg.country'), format: (_v, r) => countryLabel(r as never) },
      { key: 'city', label: t('reg.city'), format: (v, r) => gap(v ?? r.region) },
      { key: 'opened', label: t('reg.opened'), format: (v) => gap(v) },
      { key: 'opened_by', label: t('reg.opened_by'), format: (v) => gap(v) },
      { key: 'source_url', label: t('source'), format: (v) => link(String(v)) },
    ], { sortKey: 'opened', desc: false }),
    { name: `registry-institutions-${country}`, rows: () => map.institutions as never, csvUrl: apiUrl('/registry/institutions', { home: country }, true) },
  );
}
