/**
 * Soft power: the composite of queries/soft-power.ts (GET /api/v1/softpower) with a slider per
 * component weight, the normalisation and the year in the URL (`w_exports=2`, `norm=rank`, `year=`),
 * the ranking with each country's rank range over random weights, and each component's provenance.
 */
import { apiGet, apiUrl } from '../api.ts';
import { basketLabel } from '../controls.ts';
import { fmtNum } from '../format.ts';
import { addMessages, getLang, t } from '../i18n.ts';
import { dataTable, errorBox, field, h, num, section } from '../ui.ts';
import type { Page } from './types.ts';

addMessages({
  en: {
    'sp.title': 'Soft-power composite',
    'sp.note': 'Built only from what Lantern holds: cultural exports, world share, growth, RCA, and the registry’s centres, agreements and treaties. Move the sliders to set the weights; the rank range shows how much a rank depends on them.',
    'sp.weights': 'Weights',
    'sp.norm': 'Normalisation',
    'sp.ranking': 'Ranking',
    'sp.components': 'Components and their sources',
    'sp.range': 'rank range (random weights)',
    'sp.score': 'score',
    'sp.used': 'used',
    'sp.definition': 'Definition',
    'sp.c.exports': 'Cultural exports',
    'sp.c.world_share': 'World share',
    'sp.c.growth': 'Growth',
    'sp.c.rca': 'RCA',
    'sp.c.centres': 'Cultural centres',
    'sp.c.agreements': 'Cultural agreements',
    'sp.c.treaties': 'Co-production treaties',
    'sp.n.minmax': 'min–max (0 to 1)',
    'sp.n.zscore': 'z-score',
    'sp.n.rank': 'rank',
    'sp.weight': 'Weight',
    'sp.countries': 'Countries',
    'sp.source': 'Source',
    'sp.coverage': 'Components',
    'sp.runs': 'runs',
    'sp.note.weight0': 'weight 0',
    'sp.note.few': 'held by {n} of the countries ranked: cannot be normalised',
    'sp.note.flat': 'the same value for every country: cannot be normalised',
    'sp.left.out': '{c} left out: {why}.',
    'sp.empty': 'Nothing to rank: no component is held by two or more countries with a spread ({basket}, {year}). The components below say why each is left out.',
  },
  zh: {
    'sp.title': '软实力综合指数',
    'sp.note': '仅由 Lantern 所掌握的数据构成：文化出口、世界份额、增长、显示性比较优势，以及登记册中的文化中心、协定和合拍协定。拖动滑块设定权重；排名区间显示排名对权重的依赖程度。',
    'sp.weights': '权重',
    'sp.norm': '标准化',
    'sp.ranking': '排名',
    'sp.components': '构成项及其来源',
    'sp.range': '排名区间（随机权重）',
    'sp.score': '得分',
    'sp.used': '已使用',
    'sp.definition': '定义',
    'sp.c.exports': '文化出口',
    'sp.c.world_share': '世界份额',
    'sp.c.growth': '增长',
    'sp.c.rca': '显性比较优势',
    'sp.c.centres': '文化中心',
    'sp.c.agreements': '文化协定',
    'sp.c.treaties': '合拍协定',
    'sp.n.minmax': '最小–最大（0 至 1）',
    'sp.n.zscore': 'z 分数',
    'sp.n.rank': '排名',
    'sp.weight': '权重',
    'sp.countries': '国家数',
    'sp.source': '来源',
    'sp.coverage': '构成项数',
    'sp.runs': '导入批次',
    'sp.note.weight0': '权重为 0',
    'sp.note.few': '参与排名的国家中只有 {n} 个有此数据：无法标准化',
    'sp.note.flat': '所有国家数值相同：无法标准化',
    'sp.left.out': '{c}未纳入：{why}。',
    'sp.empty': '无可排名：没有任何构成项有两个或以上国家的数据且数值不同（{basket}，{year} 年）。下方各构成项说明了未纳入的原因。',
  },
});

interface Component { id: string; label_en: string; label_zh: string; weight: number; countries: number; used: boolean; note: string | null; provenance: { kind: string; source: string; runs?: number[] } }
interface Row { country: string; name_en: string; name_zh: string; score: number; rank: number; rank_min: number | null; rank_max: number | null; coverage: number }
interface Result { year: number; basket: string; normalise: string; draws: number; components: Component[]; rows: Row[]; notes: string[] }

const builtIn = ['exports', 'world_share', 'growth', 'rca', 'centres', 'agreements', 'treaties'];

/**
 * Why a component is not used, in the page's language: the API's reasons (queries/soft-power.ts)
 * follow from its weight and the number of countries holding it; a reason the page does not know
 * is shown as the API words it.
 */
function componentNote(c: Component): string | null {
  if (!c.note || c.used) return c.note;
  if (c.weight <= 0) return t('sp.note.weight0');
  if (/cannot be normalised/.test(c.note)) return c.countries < 2 ? t('sp.note.few').replace('{n}', String(c.countries)) : t('sp.note.flat');
  return c.note;
}

/** The answer's notes, those on left-out components in the page's language (named as the sliders are). */
function pageNotes(r: Result): string[] {
  const leftOut = r.components.filter((c) => !c.used && c.weight > 0 && c.note);
  const said = new Set(leftOut.map((c) => `${c.id} left out: ${c.note}.`));
  return [
    ...leftOut.map((c) => t('sp.left.out').replace('{c}', getLang() === 'zh' ? c.label_zh : c.label_en).replace('{why}', componentNote(c)!)),
    // With nothing ranked the page's notice says it in the page's language.
    ...r.notes.filter((n) => !said.has(n) && !(r.rows.length === 0 && /^No component can be normalised/.test(n))),
  ];
}

const page: Page = {
  async render(ctx) {
    const p = ctx.params;
    const weights = builtIn.map((id) => `${id}=${p.get(`w_${id}`) ?? '1'}`).join(',');
    const query = { year: p.get('year') ?? undefined, normalise: p.get('norm') ?? 'minmax', weights, draws: 500 };
    ctx.root.append(h('h1', {}, t('sp.title')), h('p', { class: 'note' }, t('sp.note')));
    const sliders = builtIn.map((id) => {
      const input = h('input', { type: 'range', min: 0, max: 5, step: 0.5, value: p.get(`w_${id}`) ?? '1', 'data-control': `w_${id}`, name: `w_${id}` });
      const shown = h('span', { class: 'num' }, input.value);
      input.addEventListener('input', () => (shown.textContent = input.value));
      input.addEventListener('change', () => ctx.setParams({ [`w_${id}`]: input.value === '1' ? null : input.value }));
      return field(t(`sp.c.${id}`), h('span', {}, input, ' ', shown));
    });
    const norm = h('select', { name: 'norm', 'data-control': 'norm' }, ...['minmax', 'zscore', 'rank'].map((n) => h('option', { value: n, selected: n === query.normalise }, t(`sp.n.${n}`))));
    norm.addEventListener('change', () => ctx.setParams({ norm: norm.value === 'minmax' ? null : norm.value }));
    ctx.root.append(section(t('sp.weights'), h('div', { class: 'controls' }, ...sliders, field(t('sp.norm'), norm))));
    try {
      const res = await apiGet<Result, Record<string, unknown>>('/softpower', query);
      const r = res.data!;
      const about = await apiGet('/softpower/definition').catch(() => null);
      const definition = about?.data?.definition_markdown;
      const zh = getLang() === 'zh';
      const basketText = await basketLabel(r.basket);
      ctx.root.append(
        r.rows.length === 0
          ? h('div', { class: 'notice level-note', role: 'status', 'data-none': 'softpower' }, h('p', {}, t('sp.empty').replace('{basket}', basketText).replace('{year}', String(r.year))))
          : section(
          `${t('sp.ranking')} · ${r.year} · ${basketText}`,
          h('div', { 'data-chart': 'softpower' }, dataTable(r.rows as never, [
            { key: 'rank', label: '#', numeric: true },
            { key: 'country', label: 'ISO3' },
            { key: zh ? 'name_zh' : 'name_en', label: '' },
            { key: 'score', label: t('sp.score'), numeric: true, format: (v: unknown) => num(fmtNum(v as number, 3), res.meta?.provenance) },
            { key: 'rank_min', label: t('sp.range'), format: (v: unknown, row: Row) => (v === null ? '—' : `${v}–${row.rank_max}`) },
            { key: 'coverage', label: t('sp.coverage'), numeric: true },
          ] as never, { sortKey: 'rank', desc: false })),
          { name: 'softpower', rows: () => res.rows as never, csvUrl: apiUrl('/softpower', query, true) },
        ),
        section(
          t('sp.components'),
          dataTable(r.components as never, [
            { key: 'id', label: 'id' },
            { key: zh ? 'label_zh' : 'label_en', label: '' },
            { key: 'weight', label: t('sp.weight'), numeric: true },
            { key: 'countries', label: t('sp.countries'), numeric: true },
            { key: 'used', label: t('sp.used'), format: (v: unknown) => (v ? '✓' : '—') },
            { key: 'provenance', label: t('sp.source'), format: (v: unknown) => { const pv = v as Component['provenance']; return `${pv.source}${pv.runs?.length ? ` (${t('sp.runs')} ${pv.runs.join(', ')})` : ''}`; } },
            { key: 'note', label: '', format: (_v: unknown, c: Component) => componentNote(c) ?? '' },
          ] as never),
          { note: pageNotes(r).join(' ') || undefined },
        ),
      );
      // The definition page (docs/indicators/soft-power.md), as the API serves it.
      if (definition)
        ctx.root.append(h('details', { class: 'definition', 'data-definition': 'soft-power' }, h('summary', {}, t('sp.definition')), h('pre', { style: 'white-space: pre-wrap' }, definition)));
    } catch (e) {
      ctx.root.append(errorBox(e));
    }
  },
};
export default page;
