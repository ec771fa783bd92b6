/**
 * HS browser: chapters → headings → subheadings of the data's edition, with a search by code or
 * words (English, or Chinese in Lantern's own translation, or everyday words such as lantern / 灯笼,
 * each hit saying why it matched); every code opens its product page. State
 * (parent, q) lives in the URL. Descriptions are the official English texts of the nomenclature; in
 * Chinese a column beside them gives Lantern's own Chinese name (data/hs/SOURCE-zh.md), not an
 * official one.
 */
import type { HsEntryRow, HsSearchRow } from '../../../src/contract.ts';
import { apiGet } from '../api.ts';
import { controlsForm } from '../controls.ts';
import { addMessages, getLang, t } from '../i18n.ts';
import { dataTable, field, h, section } from '../ui.ts';
import type { Page } from './types.ts';

addMessages({
  en: {
    'nav.hs': 'HS browser',
    'hs.title': 'Browse and search the HS nomenclature',
    'hs.search': 'Code or words',
    'hs.root': 'All chapters',
    'hs.code': 'Code',
    'hs.description': 'Description (official, English)',
    'hs.below': 'Codes below',
    'hs.open': 'Product page',
    'hs.results': 'Search results',
    'hs.edition': 'Edition',
    'hs.name.zh': 'Chinese name (Lantern translation)',
    'hs.why': 'Why it matched',
  },
  zh: {
    'nav.hs': 'HS 编码浏览',
    'hs.title': '浏览与搜索 HS 商品编码',
    'hs.search': '编码或关键词',
    'hs.root': '全部章',
    'hs.code': '编码',
    'hs.description': '说明（官方英文）',
    'hs.below': '下级编码数',
    'hs.open': '产品页面',
    'hs.results': '搜索结果',
    'hs.edition': '版本',
    'hs.name.zh': '中文名称（Lantern 译名，非官方）',
    'hs.why': '匹配原因',
  },
});

const page: Page = {
  async render(ctx) {
    const p = ctx.params;
    const parent = /^(\d{2}|\d{4})$/.test(p.get('parent') ?? '') ? p.get('parent')! : '';
    const q = (p.get('q') ?? '').trim();
    const edition = p.get('edition') ?? ctx.status.trade.classifications[0] ?? undefined;
    ctx.root.append(
      h('h1', {}, t('hs.title')),
      controlsForm([field(t('hs.search'), h('input', { name: 'q', value: q, placeholder: getLang() === 'zh' ? '9505 / 钢琴' : '9505 / lantern', size: 22, 'data-control': 'q' }))], (v) => ctx.setParams({ q: v.q, parent: null })),
    );
    const columns = [
      {
        key: 'code',
        label: t('hs.code'),
        format: (v: unknown, r: Record<string, unknown>) =>
          Number(r.children) > 0
            ? h('a', { href: '#', 'data-code': String(v), onclick: (e: Event) => { e.preventDefault(); ctx.setParams({ parent: String(v), q: null }); } }, String(v))
            : String(v),
      },
      ...(getLang() === 'zh' ? [{ key: 'description_zh', label: t('hs.name.zh'), format: (v: unknown) => h('span', { class: 'wrap' }, String(v ?? '—')) }] : []),
      { key: 'description', label: t('hs.description'), format: (v: unknown) => h('span', { class: 'wrap' }, String(v ?? '—')) },
      { key: 'children', label: t('hs.below'), numeric: true },
      { key: 'open', label: t('hs.open'), format: (_v: unknown, r: Record<string, unknown>) => (Number(r.level) >= 2 ? h('a', { href: `/product?product=${String(r.code)}` }, '→') : '') },
    ];
    if (q) {
      const res = await apiGet<{ edition: string }, HsSearchRow>('/hs/search', { q, edition, limit: 100 });
      const rows = (res.rows ?? []) as unknown as Record<string, unknown>[];
      // Each hit says why it matched: its code, its names, or an everyday word (lantern, 灯笼 → 9505).
      const why = { key: getLang() === 'zh' ? 'why_zh' : 'why', label: t('hs.why'), format: (v: unknown) => h('span', { class: 'wrap', 'data-why': '' }, String(v ?? '')) };
      const searchColumns = [...columns.slice(0, -1), why, columns.at(-1)!].filter((c) => c.key !== 'children');
      ctx.root.append(section(`${t('hs.results')}: “${q}” · ${res.data?.edition ?? ''}`, h('div', { 'data-table': 'hs' }, dataTable(rows, searchColumns, { pageSize: 25 })), { name: `hs-search`, rows: () => rows }));
      return;
    }
    const res = await apiGet<{ edition: string }, HsEntryRow>('/hs/children', { parent, edition });
    const rows = (res.rows ?? []) as unknown as Record<string, unknown>[];
    // Breadcrumb: all chapters › chapter › heading.
    const crumbs: HTMLElement[] = [h('a', { href: '#', onclick: (e: Event) => { e.preventDefault(); ctx.setParams({ parent: null }); } }, t('hs.root'))];
    if (parent.length >= 2) crumbs.push(h('a', { href: '#', onclick: (e: Event) => { e.preventDefault(); ctx.setParams({ parent: parent.slice(0, 2) }); } }, parent.slice(0, 2)));
    if (parent.length === 4) crumbs.push(h('span', {}, parent));
    ctx.root.append(
      h('nav', { class: 'crumbs', 'aria-label': 'breadcrumb' }, ...crumbs.flatMap((c, i) => (i ? [' › ', c] : [c]))),
      section(`${parent ? `HS ${parent}` : t('hs.root')} · ${t('hs.edition')} ${res.data?.edition ?? ''}`, h('div', { 'data-table': 'hs' }, dataTable(rows, columns, { sortKey: 'code', desc: false, pageSize: 25 })), { name: `hs-${parent || 'chapters'}`, rows: () => rows }),
    );
  },
};
export default page;
