/** The agreements on the registry page: treaties and cultural agreements, each linked to its detail view. */
import type { RegistryAgreement } from '../../../../src/contract.ts';
import { apiUrl } from '../../api.ts';
import { t } from '../../i18n.ts';
import { dataTable, section } from '../../ui.ts';
import type { PageContext } from '../types.ts';
import { countryLabel, detailLink, gap, link, zh } from './common.ts';

export function agreementsTable(ctx: PageContext, agreements: RegistryAgreement[], country: string): HTMLElement {
  return section(
    t('reg.agreements'),
    dataTable(agreements as never, [
      { key: 'title', label: t('reg.name'), format: (v, r) => detailLink(ctx, 'agreements', String(r.id), String(v)) },
      { key: 'kind', label: t('reg.kind'), format: (_v, r) => String(zh() ? r.kind_zh : r.kind_en) },
      { key: 'partner', label: t('reg.partner'), format: (_v, r) => countryLabel(r as never) },
      { key: 'signed', label: t('reg.signed'), format: (v) => gap(v) },
      { key: 'signed_by', label: t('reg.signed_by'), format: (v) => gap(v) },
      { key: 'in_force', label: t('reg.in_force'), format: (v) => gap(v) },
      { key: 'source_url', label: t('source'), format: (v) => link(String(v)) },
    ], { sortKey: 'signed', desc: false }),
    { name: `registry-agreements-${country}`, rows: () => agreements as never, csvUrl: apiUrl('/registry/agreements', { country }, true) },
  );
}
