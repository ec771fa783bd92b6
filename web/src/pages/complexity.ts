/**
 * Economic complexity (the Atlas's views): a country's ECI and rank, the ECI ranking of the year,
 * the product space (proximity from co-export) with the country's RCA ≥ 1 products lit and
 * cultural products coloured by domain, and the opportunity table (products it lacks, ranked by
 * density and complexity outlook gain). API: /complexity/product-space, /complexity/opportunities,
 * /indicators/eci/values.
 */
import type { ProductSpaceData, ProductSpaceNode } from '../../../src/contract.ts';
import { apiGet, apiUrl } from '../api.ts';
import { controlsForm, countryInput, nameOf, yearInput } from '../controls.ts';
import { chartWidth, textWidth } from '../charts.ts';
import { mainSvg } from '../download.ts';
import { fmtNum, fmtUsd } from '../format.ts';
import { addMessages, getLang, t } from '../i18n.ts';
import { dataTable, field, h, num, section } from '../ui.ts';
import { domainColour, domainText, productLabel, productNames } from '../names.ts';
import { card as kpi, defaultCountry } from './profile-parts.ts';
import type { Page } from './types.ts';

addMessages({
  en: {
    'nav.complexity': 'Complexity',
    'cx.title': 'Economic complexity and the product space',
    'cx.eci': 'ECI',
    'cx.eci.rank': 'ECI rank',
    'cx.coi': 'Complexity outlook (COI)',
    'cx.diversity': 'Products with RCA ≥ 1',
    'cx.cultural': 'Cultural products with RCA ≥ 1',
    'cx.ranking': 'ECI ranking',
    'cx.space': 'Product space',
    'cx.space.note': 'Each dot is an HS heading; links join products often exported together (proximity). Filled dots: products the country exports with RCA ≥ 1. Coloured: cultural products by domain.',
    'cx.opps': 'Opportunities: cultural products near what the country makes',
    'cx.opps.note': 'Products the country does not yet export with RCA ≥ 1, ranked by ½ density + ½ complexity outlook gain (z-scores). Density: how many related products it already makes; COG: how much the product would bring it closer to complex products.',
    'cx.all': 'All products',
    'cx.cultural.only': 'Cultural products',
    'cx.list': 'List',
    'cx.density': 'Density',
    'cx.cog': 'COG',
    'cx.pci': 'PCI',
    'cx.rca': 'RCA',
    'cx.score': 'Score',
    'cx.world': 'World exports',
    'cx.rank': 'Rank',
    'cx.country': 'Country',
    'cx.lit': 'RCA ≥ 1 (lit)',
    'cx.not': 'RCA < 1',
    'cx.other': 'Other products',
    'cx.of': 'of',
    'cx.entry': 'Ranking',
    'cx.entry.atlas': 'Atlas entry thresholds',
    'cx.entry.none': 'Every country and product',
    'cx.entry.title': 'Left out of the ranking',
    'cx.entry.note': 'Entry thresholds decide who is ranked, not how ECI is computed (the Atlas’s and the OEC’s rule): countries with at least {pop} people and {exp} of exports, products with at least {trade} of world trade. {c} countries and {p} products are left out; the others are ranked as if they were not in the data.',
    'cx.entry.off': 'Every country with a product at RCA ≥ 1 is ranked: a country that hangs on by one product can stretch the scale. Choose “Atlas entry thresholds” to rank as the Atlas does.',
    'cx.reason': 'Why',
    'cx.left.out': 'Not ranked',
    'cx.why.exports': 'exports {v} below the entry threshold {t}',
    'cx.why.population': 'population {v} below the entry threshold {t}',
    'cx.why.no-population': 'no population figure in the store (threshold {t})',
    'cx.concentrated':
      'ECI is a z-score: the squares of all ranked countries’ ECIs add up to their number, so a share shows how much of the spread one country takes. Here {list} take {pct} of it: the eigenvector that ranks them rests on a few products that few other countries export with RCA ≥ 1, which pushes these countries far out and squeezes the others towards zero. That is the data, not a fault of the method (the Atlas and py-ecomplexity compute it the same way); compare ranks rather than distances, and read these countries’ ECI with care.',
    'cx.concentrated.one': '{name}: ECI {eci}, {d} products with RCA ≥ 1, {share} of the spread',
  },
  zh: {
    'nav.complexity': '经济复杂度',
    'cx.title': '经济复杂度与产品空间',
    'cx.entry': '排名范围',
    'cx.entry.atlas': 'Atlas 准入门槛',
    'cx.entry.none': '全部国家和产品',
    'cx.entry.title': '未纳入排名',
    'cx.entry.note': '准入门槛只决定谁参与排名，不改变 ECI 的计算方法（Atlas 与 OEC 的做法）：人口至少 {pop}、出口至少 {exp} 的国家，世界贸易额至少 {trade} 的产品。{c} 个国家和 {p} 种产品未纳入；其余国家的排名与这些国家不在数据中时相同。',
    'cx.entry.off': '所有至少有一种 RCA ≥ 1 产品的国家都参与排名：仅凭一种产品入围的国家可能拉伸整个尺度。选择“Atlas 准入门槛”即按 Atlas 的方式排名。',
    'cx.reason': '原因',
    'cx.left.out': '未排名',
    'cx.why.exports': '出口 {v}，低于准入门槛 {t}',
    'cx.why.population': '人口 {v}，低于准入门槛 {t}',
    'cx.why.no-population': '库中没有人口数据（门槛 {t}）',
    'cx.concentrated':
      'ECI 是标准化值（z 分数）：所有参与排名国家的 ECI 平方和等于国家数，因此可以看出某一国家占了多少离散程度。这里 {list} 共占 {pct}：决定排名的特征向量集中在少数几种只有很少国家以 RCA ≥ 1 出口的产品上，使这些国家远离其他国家，其余国家则被挤向零。这是数据本身的性质，不是方法的错误（Atlas 和 py-ecomplexity 的算法相同）；请比较排名而不是数值差距，并谨慎解读这些国家的 ECI。',
    'cx.concentrated.one': '{name}：ECI {eci}，{d} 种产品 RCA ≥ 1，占离散程度的 {share}',
    'cx.eci': '经济复杂度指数',
    'cx.eci.rank': '经济复杂度排名',
    'cx.coi': '复杂度前景指数（COI）',
    'cx.diversity': 'RCA ≥ 1 的产品数',
    'cx.cultural': 'RCA ≥ 1 的文化产品数',
    'cx.ranking': '经济复杂度排名',
    'cx.space': '产品空间',
    'cx.space.note': '每个点是一个 HS 品目；连线连接经常被同时出口的产品（邻近度）。实心点：该国以 RCA ≥ 1 出口的产品。彩色：按领域区分的文化产品。',
    'cx.opps': '机会产品：与该国现有产业相近的文化产品',
    'cx.opps.note': '该国尚未以 RCA ≥ 1 出口的产品，按 ½ 密度 + ½ 复杂度前景增益（标准化值）排序。密度：该国已生产的相关产品有多少；COG：该产品能使其向复杂产品靠近多少。',
    'cx.all': '全部产品',
    'cx.cultural.only': '文化产品',
    'cx.list': '列表',
    'cx.density': '密度',
    'cx.cog': '复杂度前景增益',
    'cx.pci': '产品复杂度',
    'cx.rca': '显性比较优势',
    'cx.score': '得分',
    'cx.world': '世界出口额',
    'cx.rank': '排名',
    'cx.country': '国家',
    'cx.lit': 'RCA ≥ 1（点亮）',
    'cx.not': 'RCA < 1',
    'cx.other': '其他产品',
    'cx.of': '共',
  },
});

const NS = 'http://www.w3.org/2000/svg';
function svgEl<K extends keyof SVGElementTagNameMap>(tag: K, attrs: Record<string, string | number>): SVGElementTagNameMap[K] {
  const el = document.createElementNS(NS, tag);
  for (const [k, v] of Object.entries(attrs)) el.setAttribute(k, String(v));
  return el;
}

/** The product space as SVG: links, then dots (cultural on top), with a legend in the picture. */
function spaceChart(d: ProductSpaceData, container: HTMLElement): HTMLElement {
  const w = chartWidth(container);
  const pad = 10;
  // The legend is laid out first (it wraps on narrow screens), so the SVG is tall enough for it.
  const items: [string, string, boolean][] = [
    [t('cx.lit'), '#555', true],
    [t('cx.not'), '#555', false],
    ...[...new Map(d.nodes.filter((n) => n.domain !== null).map((n) => [n.domain!, n])).values()]
      .sort((a, b) => a.domain!.localeCompare(b.domain!))
      .map((n): [string, string, boolean] => [domainText(n), domainColour(n.domain!), true]),
    [t('cx.other'), '#8a8a8a', true],
  ];
  const placed: { label: string; colour: string; filled: boolean; x: number; y: number }[] = [];
  let lx = 0;
  let ly = 0;
  for (const [label, colour, filled] of items) {
    const width = 26 + textWidth(label, 12);
    if (lx > 0 && lx + width > w - 2 * pad) {
      lx = 0;
      ly += 18;
    }
    placed.push({ label, colour, filled, x: lx, y: ly });
    lx += width;
  }
  const legendH = ly + 30;
  const plotH = Math.round(Math.min(620, w * 0.72));
  const svg = svgEl('svg', { width: w, height: plotH + legendH, viewBox: `0 0 ${w} ${plotH + legendH}`, class: 'product-space', 'font-size': 12 });
  const maxY = Math.max(...d.nodes.map((n) => n.y), 1e-9);
  const sx = (x: number) => pad + x * (w - 2 * pad);
  const sy = (y: number) => pad + (y / maxY) * (plotH - 2 * pad);
  const at = new Map(d.nodes.map((n) => [n.product, n]));
  const links = svgEl('g', { stroke: '#c8c8c8', 'stroke-width': 0.6, 'aria-label': 'links' });
  for (const e of d.edges) {
    const a = at.get(e.a);
    const b = at.get(e.b);
    if (!a || !b) continue;
    links.append(svgEl('line', { x1: sx(a.x).toFixed(1), y1: sy(a.y).toFixed(1), x2: sx(b.x).toFixed(1), y2: sy(b.y).toFixed(1), 'stroke-opacity': e.tree ? 0.9 : 0.5 }));
  }
  svg.append(links);
  const dots = svgEl('g', { 'aria-label': 'products' });
  const order = [...d.nodes].sort((a, b) => Number(a.domain !== null) - Number(b.domain !== null) || Number(Boolean(a.present)) - Number(Boolean(b.present)));
  for (const n of order) {
    const cultural = n.domain !== null;
    const colour = cultural ? domainColour(n.domain!) : '#8a8a8a';
    const lit = n.present === true;
    const c = svgEl('circle', {
      cx: sx(n.x).toFixed(1),
      cy: sy(n.y).toFixed(1),
      r: cultural ? 4.5 : 2.6,
      fill: lit ? colour : '#fff',
      stroke: colour,
      'stroke-width': cultural ? 1.6 : 0.8,
      'data-product': n.product,
      class: `${lit ? 'lit' : ''} ${cultural ? 'cultural' : ''}`.trim(),
    });
    const title = svgEl('title', {});
    title.textContent = `${productLabel(n.product, n.name, 200)}${cultural ? ` · ${domainText(n)}` : ''}\nPCI ${fmtNum(n.pci, 2)}${n.rca !== null ? ` · RCA ${fmtNum(n.rca, 2)}` : ''}${n.density !== null ? ` · ${t('cx.density')} ${fmtNum(n.density, 3)}` : ''}`;
    c.append(title);
    dots.append(c);
  }
  svg.append(dots);
  // Legend inside the SVG (so downloads carry it): lit / not lit, then the domains present.
  const legend = svgEl('g', { transform: `translate(${pad},${plotH + 8})`, 'aria-label': 'legend' });
  for (const it of placed) {
    legend.append(svgEl('circle', { cx: it.x + 5, cy: it.y + 5, r: 4.5, fill: it.filled ? it.colour : '#fff', stroke: it.colour, 'stroke-width': 1.5 }));
    const text = svgEl('text', { x: it.x + 14, y: it.y + 9, fill: '#333' });
    text.textContent = it.label;
    legend.append(text);
  }
  svg.append(legend);
  const wrap = h('div', { 'data-chart': 'product-space', class: 'chart' });
  wrap.append(svg);
  return wrap;
}

type LeftOutCountry = ProductSpaceData['entry']['countries'][number];
type Ranked = ProductSpaceData['ranking'][number];

/** Share of the ranking's spread one country takes beyond which the page says so. */
const CONCENTRATED_SHARE = 0.1;

/**
 * The countries that take a large share of the ranking's spread. ECI is z-scored with the
 * population standard deviation, so Σ ECI² over the n ranked countries is n and ECI²/n is each
 * country's share. On data without a capability structure (the synthetic demo world) or with a
 * country hanging on by a few rare products, the second eigenvector concentrates on a handful of
 * countries: one at −9 or −14 while the rest sit within ±1. On the Atlas 2016 sample (HS92 headings) the largest share is 5.4 % (Chad, with the Atlas thresholds).
 */
function concentrated(ranking: readonly Ranked[]): { row: Ranked; share: number }[] {
  const ranked = ranking.filter((r) => r.eci !== null);
  const n = ranked.length;
  if (n < 3) return [];
  return ranked
    .map((row) => ({ row, share: (row.eci as number) ** 2 / n }))
    .filter((x) => x.share >= CONCENTRATED_SHARE)
    .sort((a, b) => b.share - a.share);
}

/** The note under the ranking when a few countries take much of its spread ('' when none do). */
function concentrationNote(ranking: readonly Ranked[]): HTMLElement | null {
  const few = concentrated(ranking);
  if (!few.length) return null;
  const pct = (x: number) => `${fmtNum(100 * x, 0)}%`;
  const list = few
    .map(({ row, share }) =>
      t('cx.concentrated.one')
        .replace('{name}', `${nameOf(row as never, row.country)} (${row.country})`)
        .replace('{eci}', fmtNum(row.eci as number, 2))
        .replace('{d}', String(row.diversity ?? '—'))
        .replace('{share}', pct(share)),
    )
    .join(getLang() === 'zh' ? '；' : '; ');
  const total = few.reduce((s, x) => s + x.share, 0);
  return h('p', { class: 'note', 'data-note': 'eci-concentrated' }, t('cx.concentrated').replace('{list}', list).replace('{pct}', pct(total)));
}

/** Why a country is not ranked, in the page's language (the API's `reason` is English). */
function whyText(x: LeftOutCountry): string {
  const money = x.test === 'exports';
  const f = (v: number | null) => (v === null ? '—' : money ? fmtUsd(v) : fmtNum(v, 0));
  return t(`cx.why.${x.test}`).replace('{v}', f(x.value)).replace('{t}', f(x.threshold));
}

/** Who the entry thresholds left out of the ranking, with why (or, with none, what that risks). */
function entrySection(d: ProductSpaceData): HTMLElement {
  const e = d.entry;
  const on = e.thresholds.minExports > 0 || e.thresholds.minPopulation > 0 || e.thresholds.minProductTrade > 0;
  const note = on
    ? t('cx.entry.note')
        .replace('{pop}', fmtNum(e.thresholds.minPopulation, 0))
        .replace('{exp}', fmtUsd(e.thresholds.minExports))
        .replace('{trade}', fmtUsd(e.thresholds.minProductTrade))
        .replace('{c}', String(e.countries.length))
        .replace('{p}', String(e.products.length))
    : t('cx.entry.off');
  const rows = e.countries as unknown as Record<string, unknown>[];
  return section(
    `${t('cx.entry.title')} · ${d.year}`,
    h(
      'div',
      { 'data-table': 'left-out' },
      h('p', { class: 'note', 'data-entry': on ? 'atlas' : 'none' }, note),
      rows.length
        ? dataTable(rows, [
            { key: 'country', label: t('cx.country'), format: (_v, r) => `${nameOf(r as never, String(r.country))} (${String(r.country)})` },
            { key: 'reason', label: t('cx.reason'), format: (_v, r) => whyText(r as unknown as LeftOutCountry) },
          ], { pageSize: 10 })
        : null,
    ),
    { name: `left-out-${d.year}`, rows: () => rows },
  );
}

const page: Page = {
  async render(ctx) {
    const p = ctx.params;
    const country = (p.get('country') ?? (defaultCountry(ctx) || 'CHN')).toUpperCase();
    const year = p.get('year') ?? undefined;
    const list = p.get('list') === 'all' ? 'all' : 'cultural';
    // Atlas entry thresholds unless the URL says otherwise (entry=none).
    const entry = p.get('entry') === 'none' ? 'none' : 'atlas';
    const entrySelect = h(
      'select',
      { name: 'entry', 'data-control': 'entry' },
      h('option', { value: 'atlas', selected: entry === 'atlas' }, t('cx.entry.atlas')),
      h('option', { value: 'none', selected: entry === 'none' }, t('cx.entry.none')),
    );
    const listSelect = h(
      'select',
      { name: 'list', 'data-control': 'list' },
      h('option', { value: 'cultural', selected: list === 'cultural' }, t('cx.cultural.only')),
      h('option', { value: 'all', selected: list === 'all' }, t('cx.all')),
    );
    ctx.root.append(
      h('h1', {}, t('cx.title')),
      controlsForm(
        [field(t('cx.country'), await countryInput('country', country)), field(t('year'), yearInput('year', year)), field(t('cx.list'), listSelect), field(t('cx.entry'), entrySelect)],
        (v) => ctx.setParams({ country: v.country?.toUpperCase(), year: v.year, list: v.list === 'all' ? 'all' : null, entry: v.entry === 'none' ? 'none' : null }),
      ),
    );
    const q = { country, year, opportunities: list, limit: 25, entry };
    const [space, opps] = await Promise.all([
      apiGet('/complexity/product-space', { country, year, entry }),
      apiGet('/complexity/opportunities', q),
    ]);
    const d = space.data!;
    // In Chinese, products are named in Lantern's own translation where it has one (the basket's
    // products, the lit ones and the opportunities), else in English.
    if (getLang() === 'zh') {
      const shown = [...(opps.rows ?? []).map((r) => r.product), ...d.nodes.filter((n) => n.domain !== null || n.present).map((n) => n.product)];
      const zh = await productNames(shown);
      for (const n of d.nodes) n.name = zh.get(n.product) ?? n.name;
      for (const r of opps.rows ?? []) r.name = zh.get(r.product) ?? r.name;
    }
    const prov = space.meta?.provenance;
    const s = d.summary;
    const leftOut = d.entry.countries.find((x) => x.country === country);
    const cname = d.country ? (getLang() === 'zh' ? d.country.name.zh : d.country.name.en) : country;
    ctx.root.append(
      h(
        'div',
        { class: 'kpis' },
        kpi(t('cx.eci'), num(fmtNum(s.eci, 2), prov, t('cx.eci')), leftOut ? `${t('cx.left.out')}: ${whyText(leftOut)}` : `${cname} · ${d.year}`),
        kpi(t('cx.eci.rank'), num(s.eci_rank ? `#${s.eci_rank}` : '—', prov, t('cx.eci.rank')), `${t('cx.of')} ${s.countries}`),
        kpi(t('cx.coi'), num(fmtNum(s.coi, 2), prov, t('cx.coi')), `HS ${d.digits}`),
        kpi(t('cx.diversity'), num(String(s.diversity ?? '—'), prov, t('cx.diversity')), `${t('cx.of')} ${s.products}`),
        kpi(t('cx.cultural'), num(String(s.cultural_present ?? '—'), prov, t('cx.cultural')), `${t('cx.of')} ${s.cultural_products}`),
      ),
    );
    const spaceBox = h('div', {});
    const spaceSection = section(`${t('cx.space')} · ${cname} · HS ${d.digits} · ${d.year}`, spaceBox, {
      name: `product-space-${country}-${d.year}`,
      note: t('cx.space.note'),
      chart: () => mainSvg(spaceBox),
      provenance: prov,
      rows: () => d.nodes.map((n: ProductSpaceNode) => ({ ...n })),
    });
    ctx.root.append(spaceSection);
    spaceBox.append(spaceChart(d, ctx.root));

    const oppRows = opps.rows ?? [];
    ctx.root.append(
      section(
        `${t('cx.opps')} · ${cname} · ${d.year}`,
        h(
          'div',
          { 'data-table': 'opportunities' },
          dataTable(oppRows as unknown as Record<string, unknown>[], [
            { key: 'rank', label: t('cx.rank'), numeric: true },
            { key: 'product', label: t('product'), format: (_v, r) => productLabel(String(r.product), (r.name as string | null) ?? null, 38) },
            { key: 'domain', label: t('domain'), format: (_v, r) => domainText(r as never) },
            { key: 'score', label: t('cx.score'), numeric: true, format: (v) => fmtNum(v as number, 2) },
            { key: 'density', label: t('cx.density'), numeric: true, format: (v) => fmtNum(v as number, 3) },
            { key: 'cog', label: t('cx.cog'), numeric: true, format: (v) => fmtNum(v as number, 3) },
            { key: 'pci', label: t('cx.pci'), numeric: true, format: (v) => fmtNum(v as number, 2) },
            { key: 'rca', label: t('cx.rca'), numeric: true, format: (v) => fmtNum(v as number, 2) },
            { key: 'world_exports', label: t('cx.world'), numeric: true, format: (v) => fmtUsd(v as number) },
          ], { sortKey: 'rank', desc: false }),
        ),
        { name: `opportunities-${country}-${d.year}`, note: t('cx.opps.note'), rows: () => oppRows as unknown as Record<string, unknown>[], csvUrl: apiUrl('/complexity/opportunities', q, true) },
      ),
    );

    const ranking = d.ranking.filter((r) => r.eci !== null);
    ctx.root.append(
      section(
        `${t('cx.ranking')} · ${d.year}`,
        h(
          'div',
          { 'data-table': 'eci' },
          concentrationNote(ranking),
          dataTable(ranking as unknown as Record<string, unknown>[], [
            { key: 'rank', label: t('cx.rank'), numeric: true },
            { key: 'country', label: t('cx.country'), format: (_v, r) => `${nameOf(r as never, String(r.country))} (${String(r.country)})` },
            { key: 'eci', label: t('cx.eci'), numeric: true, format: (v) => fmtNum(v as number, 3) },
            { key: 'diversity', label: t('cx.diversity'), numeric: true },
          ], { sortKey: 'rank', desc: false, limit: 25 }),
        ),
        { name: `eci-${d.year}`, rows: () => ranking as unknown as Record<string, unknown>[] },
      ),
      entrySection(d),
    );
  },
};
export default page;
