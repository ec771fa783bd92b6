/** The event study on the registry page, clearly labelled descriptive: loaded after the rest of the page. */
import { apiGet } from '../../api.ts';
import { fmtNum, fmtPct } from '../../format.ts';
import { t } from '../../i18n.ts';
import { dataTable, errorBox, h, section } from '../../ui.ts';
import type { PageContext } from '../types.ts';
import { detailLink, gap } from './common.ts';

export function effectSection(ctx: PageContext, country: string, basket: string): HTMLElement {
  const effectBody = h('div', { 'data-section': 'registry-effect' }, h('p', {}, t('loading')));
  const box = section(t('reg.effect'), effectBody, { name: `registry-effect-${country}`, note: t('reg.effect.note') });
  void apiGet('/registry/effect', { event_kind: 'centre-opening', exporter: country, basket })
    .then((r) => {
      const s = r.data!;
      const pct = (x: number | null) => (x === null ? '—' : fmtPct(Math.exp(x) - 1));
      effectBody.replaceChildren(
        h('p', { class: 'effect-label' }, h('strong', {}, s.label.toUpperCase())),
        s.estimate === null
          ? h('p', { class: 'muted' }, t('reg.effect.none'))
          : h('p', {}, `${s.events_used} / ${s.events_total} events · estimate ${fmtNum(s.estimate, 3)} log points (${pct(s.estimate)}) · ${Math.round(s.ci_level * 100)}% bootstrap interval ${s.ci_low === null ? '—' : `${pct(s.ci_low)} … ${pct(s.ci_high)}`} · ${t('reg.basket')} ${s.basket} · ${s.source ?? '—'}`),
        dataTable((r.rows ?? []) as never, [
          { key: 'label', label: t('reg.name'), format: (v, row) => detailLink(ctx, 'institutions', String(row.id), String(v ?? row.id)) },
          { key: 'partner', label: t('reg.partner') },
          { key: 'year', label: t('year'), numeric: true },
          { key: 'did', label: 'DiD', numeric: true, format: (v) => gap(v === undefined || v === null ? null : fmtNum(v as number, 3)) },
          { key: 'skipped', label: '', format: (v) => gap(v) },
        ]),
      );
    })
    .catch((e) => effectBody.replaceChildren(errorBox(e)));
  return box;
}
