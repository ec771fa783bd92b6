/**
 * Charts with Observable Plot (line, bars, bubbles) and d3 (treemap). Each returns an element
 * holding one <svg>, which the section's SVG/PNG buttons download. Axis labels are passed in the
 * current language.
 */
import * as Plot from '@observablehq/plot';
import { hierarchy, treemap, treemapSquarify } from 'd3-hierarchy';
import { scaleOrdinal } from 'd3-scale';
import { schemeTableau10 } from 'd3-scale-chromatic';
import { fmtNum, fmtUsd, tickUsd } from './format.ts';
import { addMessages, t } from './i18n.ts';

addMessages({ en: { 'chart.one.year': 'one year in the data: figures, not a chart' }, zh: { 'chart.one.year': '数据中只有一年：只显示数字，不画图' } });

const WIDTH = 760;

/** Rough rendered width of a label at `size` px: CJK characters are about a full em, Latin about 0.6. */
export function textWidth(text: string, size = 12): number {
  let w = 0;
  for (const ch of text) w += /[\u2e80-\u9fff\uff00-\uffef]/.test(ch) ? size : size * 0.62;
  return w;
}

/** The label cut to fit `max` px, with an ellipsis (the full text stays in the tooltip). */
export function fitText(text: string, max: number, size = 12): string {
  if (textWidth(text, size) <= max) return text;
  let out = '';
  for (const ch of text) {
    if (textWidth(`${out}${ch}…`, size) > max) break;
    out += ch;
  }
  return out ? `${out}…` : '';
}

/**
 * The width a chart is drawn at: the inner width of the card it is shown in, so the SVG is drawn at
 * the size it is shown and its text keeps its size (a chart drawn wider and shrunk by CSS had 7 px
 * labels). `container` is the page (one card across) or a two-column grid (`.grid2`, columns of at
 * least 420 px, 1 rem apart). A container not yet in the page (a grid filled before it is appended)
 * is measured as the page it will go in.
 */
export function chartWidth(container?: HTMLElement): number {
  let w = outerWidth(container);
  const cols = gridColumns(container);
  w = (w - (cols - 1) * 16) / cols;
  // Card padding and border (style.css: 1 rem a side, .6 rem on phones).
  const phone = window.matchMedia('(max-width: 700px)').matches;
  w = Math.floor(w - (phone ? 2 * 0.6 * 14 + 2 : 2 * 16 + 2));
  return w > 200 ? w : WIDTH;
}
const width = chartWidth;

function outerWidth(container?: HTMLElement): number {
  const page = document.querySelector<HTMLElement>('main .page');
  return container?.isConnected && container.clientWidth > 0 ? container.clientWidth : (page?.clientWidth ?? 0);
}

/** Columns a chart's container shows side by side: 2 for a wide `.grid2`, else 1. */
export function gridColumns(container?: HTMLElement): number {
  return container?.classList.contains('grid2') && outerWidth(container) >= 2 * 420 + 16 ? 2 : 1;
}

/** Room for the value axis' tick labels: the widest tick the axis can show (round steps up to the largest value, not the raw data's long decimals). */
function tickRoom(values: number[], format: (v: number) => string): number {
  const finite = values.filter(Number.isFinite);
  const max = Math.max(0, ...finite.map(Math.abs));
  if (!max) return 30;
  const half = 10 ** Math.floor(Math.log10(max)) / 2;
  const sign = finite.some((v) => v < 0) ? -1 : 1;
  let widest = 30;
  for (let k = 1; k <= Math.ceil(max / half); k++) widest = Math.max(widest, textWidth(format(sign * k * half), 12));
  return widest;
}

/** The horizontal axis' title centred under its ticks, a line below them (at the right end it sat on the last tick). */
export const X_TITLE = { labelAnchor: 'center', labelOffset: 36 } as const;

export interface LineSpec {
  data: Record<string, unknown>[];
  x: string;
  y: string;
  /** Column naming the series (colour); each series is its own line. */
  series?: string;
  xLabel: string;
  yLabel: string;
  usd?: boolean;
  /** Draw a zero rule (balances). */
  zero?: boolean;
  container?: HTMLElement;
  /** Series drawn apart: one small panel each (official series of different scope). */
  facet?: string;
  /** A small multiple: narrower and shorter. */
  small?: boolean;
  /** Series names in a fixed order (so colours do not change with the language). */
  seriesOrder?: string[];
}

/**
 * A line chart whose data holds a single x (one year) is its figures instead, one per series: a
 * chart of lone dots says nothing and its axis misleads (the "a single-point series shown
 * as a number rather than a chart"). The box keeps the class `single-figure` and `data-single`.
 */
function singleFigures(s: LineSpec): HTMLElement {
  const box = document.createElement('div');
  box.className = 'single-figure';
  box.dataset.single = 'true';
  for (const d of s.data) {
    const v = d[s.y] as number | null;
    if (v === null || v === undefined) continue;
    const row = document.createElement('div');
    const label = document.createElement('span');
    label.className = 'kpi-label';
    label.textContent = [String(d[s.x]), s.series ? String(d[s.series]) : ''].filter(Boolean).join(' · ');
    const value = document.createElement('div');
    value.className = 'kpi-value';
    value.textContent = s.usd ? fmtUsd(v) : fmtNum(v);
    row.append(label, value);
    box.append(row);
  }
  const note = document.createElement('div');
  note.className = 'kpi-caption';
  note.textContent = t('chart.one.year');
  box.append(note);
  return box;
}

export function lineChart(s: LineSpec): HTMLElement {
  if (!s.facet && s.data.length > 0 && new Set(s.data.map((d) => d[s.x])).size === 1) return singleFigures(s);
  const longestTick = s.usd ? tickRoom(s.data.map((d) => Number(d[s.y] ?? 0)), tickUsd) : 40;
  const marks: Plot.Markish[] = [];
  if (s.zero) marks.push(Plot.ruleY([0], { stroke: '#999' }));
  marks.push(
    Plot.lineY(s.data, { x: s.x, y: s.y, stroke: s.series, z: s.series ?? null, marker: 'circle', tip: true, fy: s.facet }),
  );
  return Plot.plot({
    width: s.small ? 380 : width(s.container),
    height: s.small ? 220 : s.facet ? undefined : 320,
    marginLeft: Math.max(64, Math.ceil(longestTick) + 24),
    marginRight: s.facet ? 120 : 28,
    style: { fontSize: '12px', background: 'transparent' },
    x: { label: s.xLabel, tickFormat: (d: number) => String(d), interval: 1, ticks: s.small ? 5 : undefined, ...X_TITLE },
    marginBottom: 42,
    // Money axes start at zero (a line from 1,100 bn to 1,450 bn reads as a fourfold rise).
    y: { label: s.yLabel, grid: true, tickFormat: s.usd ? tickUsd : undefined, zero: s.usd },
    color: s.series ? { legend: true, scheme: 'tableau10', ...(s.seriesOrder ? { domain: s.seriesOrder } : {}) } : undefined,
    fy: s.facet ? { label: null } : undefined,
    marks,
  }) as HTMLElement;
}

export interface BarSpec {
  data: Record<string, unknown>[];
  label: string;
  value: string;
  xLabel: string;
  usd?: boolean;
  container?: HTMLElement;
  /** At least this tall (a chart beside a taller card fills its height with thicker bars). */
  minHeight?: number;
  /** A reference line on the value axis (RCA = 1: the world average). */
  reference?: { value: number; label: string };
}

/**
 * Where the reference line's label hangs: centred on the line, or ending (starting) at it when
 * centred it would stick out of the chart's right (left) edge. The line's place is estimated from
 * the largest value (Plot's nice domain only moves it left, which 'end' tolerates).
 */
function referenceAnchor(s: BarSpec, data: Record<string, unknown>[], w: number, marginLeft: number): 'start' | 'middle' | 'end' {
  const ref = s.reference!;
  const max = Math.max(ref.value, ...data.map((d) => Number(d[s.value]) || 0));
  const at = marginLeft + (max > 0 ? ref.value / max : 0) * (w - marginLeft - 24);
  const half = textWidth(ref.label, 11) / 2;
  return at + half > w - 2 ? 'end' : at - half < 2 ? 'start' : 'middle';
}

export function barChart(s: BarSpec): HTMLElement {
  const w = width(s.container);
  const room = Math.min(260, Math.round(w * 0.4));
  const data = s.data.map((d) => ({ ...d, [s.label]: fitText(String(d[s.label] ?? ''), room - 14), __full: String(d[s.label] ?? '') }));
  const longest = Math.max(0, ...data.map((d) => textWidth(String(d[s.label]), 12)));
  const marginLeft = Math.min(room, Math.ceil(16 + longest));
  return Plot.plot({
    width: w,
    height: Math.max(24 * s.data.length + 50, s.minHeight ?? 0),
    marginLeft,
    marginRight: 24,
    marginTop: s.reference ? 24 : undefined,
    style: { fontSize: '12px', background: 'transparent' },
    x: { label: s.xLabel, grid: true, tickFormat: s.usd ? tickUsd : undefined, ...X_TITLE },
    marginBottom: 42,
    y: { label: null },
    marks: [
      Plot.barX(data, { y: s.label, x: s.value, fill: '#c0392b', sort: { y: '-x' }, tip: true, title: (d: Record<string, unknown>) => `${d.__full}` }),
      Plot.ruleX([0]),
      ...(s.reference
        ? [
            Plot.ruleX([s.reference.value], { stroke: '#1d2430', strokeDasharray: '4 3' }),
            Plot.text([s.reference], { x: 'value', text: 'label', frameAnchor: 'top', dy: -16, fontSize: 11, textAnchor: referenceAnchor(s, data, w, marginLeft) }),
          ]
        : []),
    ],
  }) as HTMLElement;
}

export interface BubbleSpec {
  data: Record<string, unknown>[];
  x: string;
  y: string;
  r: string;
  label: string;
  xLabel: string;
  yLabel: string;
  container?: HTMLElement;
}

/**
 * The points worth a label, largest market first, skipping any whose label would touch one already
 * placed: label boxes are laid out in pixels (log x, linear y, the chart's plot area), so a phone
 * gets fewer names rather than a pile of them.
 */
function spreadLabels(data: Record<string, unknown>[], s: BubbleSpec, plot: { w: number; h: number; y0: number; y1: number }, max = 12): Record<string, unknown>[] {
  const lx = data.map((d) => Math.log10(Number(d[s.x])));
  const [x0, x1] = [Math.min(...lx), Math.max(...lx)];
  const px = (d: Record<string, unknown>) => ((Math.log10(Number(d[s.x])) - x0) / (x1 - x0 || 1)) * plot.w;
  const py = (d: Record<string, unknown>) => ((plot.y1 - Number(d[s.y])) / (plot.y1 - plot.y0 || 1)) * plot.h - 12;
  const placed: { d: Record<string, unknown>; l: number; r: number; t: number; b: number }[] = [];
  for (const d of [...data].sort((a, b) => Number(b[s.x]) - Number(a[s.x]))) {
    const half = textWidth(String(d[s.label] ?? ''), 10) / 2 + 3;
    const box = { d, l: px(d) - half, r: px(d) + half, t: py(d) - 8, b: py(d) + 8 };
    if (placed.some((p) => p.l < box.r && box.l < p.r && p.t < box.b && box.t < p.b)) continue;
    placed.push(box);
    if (placed.length >= max) break;
  }
  return placed.map((p) => p.d);
}

/** Market size (x, log) × growth (y), bubble area = the exporter's share. */
export function bubbleChart(s: BubbleSpec): HTMLElement {
  const data = s.data.filter((d) => Number(d[s.x]) > 0 && typeof d[s.y] === 'number' && Number.isFinite(d[s.y]));
  // Growth axis: always show 0, pad so the largest bubbles are not cut at the edges.
  const ys = data.map((d) => Number(d[s.y]));
  const lo = Math.min(0, ...ys);
  const hi = Math.max(0, ...ys);
  const pad = (hi - lo || Math.abs(hi) || 0.1) * 0.15;
  const w = width(s.container);
  return Plot.plot({
    width: w,
    height: 420,
    marginLeft: 60,
    marginTop: 36,
    marginRight: 40,
    style: { fontSize: '12px', background: 'transparent' },
    // Log ticks named at 1, 2 and 5 of each decade only (every tick named piles "4000万5000万6000万" together).
    x: { type: 'log', label: s.xLabel, tickFormat: (v: number) => ([1, 2, 5].includes(Math.round(v / 10 ** Math.floor(Math.log10(v) + 1e-9))) ? tickUsd(v) : ''), grid: true, inset: 30, ...X_TITLE },
    marginBottom: 42,
    y: { label: s.yLabel, tickFormat: (d: number) => `${(d * 100).toFixed(Math.abs(hi - lo) < 0.2 ? 1 : 0)}%`, grid: true, domain: [lo - pad, hi + pad], nice: true },
    r: { range: [3, 28] },
    marks: [
      Plot.ruleY([0], { stroke: '#999' }),
      Plot.dot(data, { x: s.x, y: s.y, r: s.r, fill: '#c0392b', fillOpacity: 0.45, stroke: '#7a1f16', tip: true, title: s.label }),
      Plot.text(spreadLabels(data, s, { w: w - 100 - 60, h: 420 - 36 - 42, y0: lo - pad, y1: hi + pad }), { x: s.x, y: s.y, text: s.label, dy: -12, fontSize: 10 }),
    ],
  }) as HTMLElement;
}

/** Height of the domains treemap (the RCA chart beside it is at least as tall). */
export const TREEMAP_HEIGHT = 300;

export interface TreemapItem {
  name: string;
  value: number;
}

const SVG_NS = 'http://www.w3.org/2000/svg';

/** The SVG of a treemap, `w` × `h` px at 12 px text (class `treemap`, plus `extraClass`). */
function treemapSvg(w: number, h: number, extraClass?: string): SVGSVGElement {
  const svg = document.createElementNS(SVG_NS, 'svg');
  svg.setAttribute('width', String(w));
  svg.setAttribute('height', String(h));
  svg.setAttribute('viewBox', `0 0 ${w} ${h}`);
  svg.setAttribute('class', extraClass ? `treemap ${extraClass}` : 'treemap');
  svg.setAttribute('font-size', '12');
  return svg;
}

/** A treemap of parts of a whole (cultural domains). */
export function treemapChart(items: TreemapItem[], opts: { container?: HTMLElement; format: (v: number) => string }): HTMLElement {
  const w = width(opts.container);
  const hgt = TREEMAP_HEIGHT;
  const root = hierarchy<{ children?: TreemapItem[] } & Partial<TreemapItem>>({ children: items.filter((i) => i.value > 0) })
    .sum((d) => d.value ?? 0)
    .sort((a, b) => (b.value ?? 0) - (a.value ?? 0));
  treemap<{ children?: TreemapItem[] } & Partial<TreemapItem>>().tile(treemapSquarify).size([w, hgt]).padding(2)(root);
  const colour = scaleOrdinal<string, string>(schemeTableau10);
  const svg = treemapSvg(w, hgt);
  const total = root.value ?? 0;
  for (const leaf of root.leaves() as unknown as { x0: number; y0: number; x1: number; y1: number; data: TreemapItem; value: number }[]) {
    const g = document.createElementNS(SVG_NS, 'g');
    g.setAttribute('transform', `translate(${leaf.x0},${leaf.y0})`);
    const rect = document.createElementNS(SVG_NS, 'rect');
    rect.setAttribute('width', String(Math.max(0, leaf.x1 - leaf.x0)));
    rect.setAttribute('height', String(Math.max(0, leaf.y1 - leaf.y0)));
    rect.setAttribute('fill', colour(leaf.data.name));
    rect.setAttribute('fill-opacity', '0.85');
    const title = document.createElementNS(SVG_NS, 'title');
    title.textContent = `${leaf.data.name}: ${opts.format(leaf.value)} (${((leaf.value / total) * 100).toFixed(1)}%)`;
    rect.append(title);
    g.append(rect);
    // Labels only where they fit: the name cut to the box (full name in the tooltip), the share below.
    const bw = leaf.x1 - leaf.x0 - 8;
    const label = fitText(leaf.data.name, bw, 12);
    const pct = `${((leaf.value / total) * 100).toFixed(1)}%`;
    if (label && leaf.y1 - leaf.y0 > 34 && textWidth(pct, 12) <= bw) {
      const text = document.createElementNS(SVG_NS, 'text');
      text.setAttribute('x', '4');
      text.setAttribute('y', '15');
      text.setAttribute('fill', '#fff');
      text.textContent = label;
      const t2 = document.createElementNS(SVG_NS, 'text');
      t2.setAttribute('x', '4');
      t2.setAttribute('y', '30');
      t2.setAttribute('fill', '#fff');
      t2.textContent = pct;
      g.append(text, t2);
    }
    svg.append(g);
  }
  const wrap = document.createElement('div');
  wrap.append(svg);
  return wrap;
}

/** True for a light colour (#rrggbb), where dark text reads better than white. */
function light(hex: string): boolean {
  const m = /^#([0-9a-f]{2})([0-9a-f]{2})([0-9a-f]{2})$/i.exec(hex);
  if (!m) return false;
  const [r, g, b] = [m[1], m[2], m[3]].map((x) => parseInt(x!, 16) / 255) as [number, number, number];
  return 0.2126 * r + 0.7152 * g + 0.0722 * b > 0.6;
}

export interface SectionTreemapItem {
  code: string;
  /** The product's name (the code alone when there is none). */
  name: string;
  /** HS section (roman numeral) of the product. */
  section: string;
  value: number;
}

/** Words of `text` in lines that fit `max` px at `size` (CJK breaks anywhere), at most `lines`; the last cut with "…". */
export function wrapText(text: string, max: number, size: number, lines: number): string[] {
  const tokens = text.match(/[\u2e80-\u9fff\uff00-\uffef]|[^\s\u2e80-\u9fff\uff00-\uffef]+\s*/g) ?? [];
  const out: string[] = [];
  let line = '';
  for (const tok of tokens) {
    if (textWidth(`${line}${tok}`.trimEnd(), size) <= max) {
      line += tok;
      continue;
    }
    if (line) out.push(line.trimEnd());
    line = tok;
    if (out.length === lines) break;
  }
  if (out.length < lines && line) out.push(line.trimEnd());
  const kept = out.slice(0, lines);
  const shown = kept.join(' ').replace(/\s+/g, ' ');
  if (shown.length < text.replace(/\s+/g, ' ').trim().length || kept.some((l) => textWidth(l, size) > max)) {
    const last = kept.length - 1;
    kept[last] = fitText(`${kept[last]}…`, max, size);
    if (!kept[last]!.endsWith('…')) kept[last] = fitText(`${kept[last]} …`, max, size);
  }
  return kept.map((l) => fitText(l, max, size)).filter(Boolean);
}

/**
 * The OEC's product treemap: one box per product, sized by value, coloured by HS section, grouped
 * by section. Names in the boxes where they fit (12 px, wrapped, never shrunk), the share under
 * them; every box has its full name, section and value in the tooltip, and links to its product
 * page (`href(code)`).
 */
export function sectionTreemap(
  items: SectionTreemapItem[],
  opts: { container?: HTMLElement; format: (v: number) => string; sectionLabel: (s: string) => string; colour: (s: string) => string; href?: (code: string) => string; height?: number },
): SVGSVGElement {
  const w = width(opts.container);
  const hgt = opts.height ?? Math.round(Math.min(560, Math.max(320, w * 0.55)));
  type Node = { name?: string; children?: Node[]; item?: SectionTreemapItem };
  const bySection = new Map<string, SectionTreemapItem[]>();
  for (const it of items) if (it.value > 0) bySection.set(it.section, [...(bySection.get(it.section) ?? []), it]);
  const root = hierarchy<Node>({ children: [...bySection].map(([sec, list]) => ({ name: sec, children: list.map((item) => ({ item })) })) })
    .sum((d) => d.item?.value ?? 0)
    .sort((a, b) => (b.value ?? 0) - (a.value ?? 0));
  treemap<Node>().tile(treemapSquarify).size([w, hgt]).paddingInner(1).paddingOuter(0)(root);
  const svg = treemapSvg(w, hgt, 'product-treemap');
  const total = root.value ?? 0;
  const size = 12;
  for (const leaf of root.leaves() as unknown as { x0: number; y0: number; x1: number; y1: number; data: Node; value: number }[]) {
    const it = leaf.data.item!;
    const bw = leaf.x1 - leaf.x0;
    const bh = leaf.y1 - leaf.y0;
    const box = document.createElementNS(SVG_NS, opts.href ? 'a' : 'g');
    if (opts.href) box.setAttribute('href', opts.href(it.code));
    box.setAttribute('transform', `translate(${leaf.x0},${leaf.y0})`);
    box.setAttribute('data-code', it.code);
    box.setAttribute('data-section', it.section);
    const rect = document.createElementNS(SVG_NS, 'rect');
    rect.setAttribute('width', String(Math.max(0, bw)));
    rect.setAttribute('height', String(Math.max(0, bh)));
    rect.setAttribute('fill', opts.colour(it.section));
    const ink = light(opts.colour(it.section)) ? '#1d2430' : '#fff';
    const share = `${((leaf.value / total) * 100).toFixed(1)}%`;
    const title = document.createElementNS(SVG_NS, 'title');
    title.textContent = `${it.code} · ${it.name}\n${opts.sectionLabel(it.section)}\n${opts.format(leaf.value)} (${share})`;
    rect.append(title);
    box.append(rect);
    // Labels only where a readable one fits: at least one line of the name and the share.
    const lines = Math.floor((bh - 8 - 15) / 15);
    if (bw >= 48 && lines >= 1) {
      const label = `${it.code} ${it.name}`;
      // Measured a little wide (the estimate is per character, fonts differ): labels never spill.
      const text = wrapText(label, bw - 8, size * 1.15, Math.min(lines, 4));
      if (text.length) {
        text.forEach((line, i) => {
          const tx = document.createElementNS(SVG_NS, 'text');
          tx.setAttribute('x', '4');
          tx.setAttribute('y', String(15 + i * 15));
          tx.setAttribute('fill', ink);
          tx.setAttribute('pointer-events', 'none');
          tx.textContent = line;
          box.append(tx);
        });
        if (textWidth(share, size * 1.15) <= bw - 8) {
          const tp = document.createElementNS(SVG_NS, 'text');
          tp.setAttribute('x', '4');
          tp.setAttribute('y', String(15 + text.length * 15));
          tp.setAttribute('fill', ink);
          tp.setAttribute('font-weight', '600');
          tp.setAttribute('pointer-events', 'none');
          tp.textContent = share;
          box.append(tp);
        }
      }
    }
    svg.append(box);
  }
  return svg;
}

export interface AreaSpec {
  data: Record<string, unknown>[];
  x: string;
  y: string;
  /** Column naming the layer; layers are stacked in `order`, coloured by `colours`. */
  series: string;
  order: string[];
  colours: string[];
  xLabel: string;
  yLabel: string;
  container?: HTMLElement;
}

/** A stacked area over years (value axis from zero), with its legend. */
export function stackedArea(s: AreaSpec): HTMLElement {
  const totals = new Map<unknown, number>();
  for (const d of s.data) totals.set(d[s.x], (totals.get(d[s.x]) ?? 0) + Number(d[s.y] ?? 0));
  const longestTick = tickRoom([...totals.values()], tickUsd);
  return Plot.plot({
    width: width(s.container),
    height: 320,
    marginLeft: Math.max(64, Math.ceil(longestTick) + 24),
    marginRight: 28,
    style: { fontSize: '12px', background: 'transparent' },
    x: { label: s.xLabel, tickFormat: (d: number) => String(d), interval: 1, ...X_TITLE },
    marginBottom: 42,
    y: { label: s.yLabel, grid: true, tickFormat: tickUsd, zero: true },
    color: { legend: true, domain: s.order, range: s.colours },
    marks: [Plot.areaY(s.data, { x: s.x, y: s.y, fill: s.series, z: s.series, order: s.order, tip: true }), Plot.ruleY([0])],
  }) as HTMLElement;
}
