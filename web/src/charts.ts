/**
 * Charts with Observable Plot (line, bars, bubbles) and d3 (treemap). Each returns an element
 * holding one <svg>, which the section's SVG/PNG buttons download. Axis labels are passed in the
 * current language.
 */
import * as Plot from '@observablehq/plot';
import { hierarchy, treemap, treemapSquarify } from 'd3-hierarchy';
import { scaleOrdinal } from 'd3-scale';
import { schemeTableau10 } from 'd3-scale-chromatic';
import { tickUsd } from './format.ts';

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
 * The width a chart gets in its container. A two-column grid (`.grid2`, columns of at least 420 px,
 * 1 rem apart) gives each card one column less its padding, so the SVG is drawn at the size it is
 * shown and its text keeps its size (a chart drawn for the whole grid and shrunk by CSS had 7 px labels).
 */
function width(container?: HTMLElement): number {
  let w = container?.clientWidth ?? 0;
  if (container?.classList.contains('grid2')) {
    const cols = w >= 2 * 420 + 16 ? 2 : 1;
    w = (w - (cols - 1) * 16) / cols - 34; // card padding (1 rem each side) and border
  }
  return w > 200 ? Math.min(w, 1100) : WIDTH;
}

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

export function lineChart(s: LineSpec): HTMLElement {
  const longestTick = s.usd ? Math.max(...s.data.map((d) => textWidth(tickUsd(Number(d[s.y] ?? 0)), 12)), 30) : 40;
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
    x: { label: s.xLabel, tickFormat: (d: number) => String(d), interval: 1, ticks: s.small ? 5 : undefined },
    y: { label: s.yLabel, grid: true, tickFormat: s.usd ? tickUsd : undefined },
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
}

export function barChart(s: BarSpec): HTMLElement {
  const w = width(s.container);
  const room = Math.min(260, Math.round(w * 0.4));
  const data = s.data.map((d) => ({ ...d, [s.label]: fitText(String(d[s.label] ?? ''), room - 14), __full: String(d[s.label] ?? '') }));
  const longest = Math.max(0, ...data.map((d) => textWidth(String(d[s.label]), 12)));
  return Plot.plot({
    width: w,
    height: 24 * s.data.length + 50,
    marginLeft: Math.min(room, Math.ceil(16 + longest)),
    marginRight: 24,
    style: { fontSize: '12px', background: 'transparent' },
    x: { label: s.xLabel, grid: true, tickFormat: s.usd ? tickUsd : undefined },
    y: { label: null },
    marks: [
      Plot.barX(data, { y: s.label, x: s.value, fill: '#c0392b', sort: { y: '-x' }, tip: true, title: (d: Record<string, unknown>) => `${d.__full}` }),
      Plot.ruleX([0]),
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
 * The points worth a label, largest first, skipping any that would sit on a label already placed
 * (closer than ~0.35 decades on the log x axis and 9 % of the y range): no pile of names.
 */
function spreadLabels(data: Record<string, unknown>[], x: string, y: string, y0: number, y1: number, max = 12): Record<string, unknown>[] {
  const span = y1 - y0 || 1;
  const placed: Record<string, unknown>[] = [];
  for (const d of [...data].sort((a, b) => Number(b[x]) - Number(a[x]))) {
    const lx = Math.log10(Number(d[x]));
    const ly = Number(d[y]);
    if (placed.some((p) => Math.abs(Math.log10(Number(p[x])) - lx) < 0.35 && Math.abs(Number(p[y]) - ly) < 0.09 * span)) continue;
    placed.push(d);
    if (placed.length >= max) break;
  }
  return placed;
}

/** Market size (x, log) × growth (y), bubble area = the exporter's share. */
export function bubbleChart(s: BubbleSpec): HTMLElement {
  const data = s.data.filter((d) => Number(d[s.x]) > 0 && Number.isFinite(Number(d[s.y])));
  // Growth axis: always show 0, pad so the largest bubbles are not cut at the edges.
  const ys = data.map((d) => Number(d[s.y]));
  const lo = Math.min(0, ...ys);
  const hi = Math.max(0, ...ys);
  const pad = (hi - lo || Math.abs(hi) || 0.1) * 0.15;
  return Plot.plot({
    width: width(s.container),
    height: 420,
    marginLeft: 60,
    marginTop: 36,
    marginRight: 40,
    style: { fontSize: '12px', background: 'transparent' },
    x: { type: 'log', label: s.xLabel, tickFormat: tickUsd, grid: true, inset: 30 },
    y: { label: s.yLabel, tickFormat: (d: number) => `${(d * 100).toFixed(Math.abs(hi - lo) < 0.2 ? 1 : 0)}%`, grid: true, domain: [lo - pad, hi + pad], nice: true },
    r: { range: [3, 28] },
    marks: [
      Plot.ruleY([0], { stroke: '#999' }),
      Plot.dot(data, { x: s.x, y: s.y, r: s.r, fill: '#c0392b', fillOpacity: 0.45, stroke: '#7a1f16', tip: true, title: s.label }),
      Plot.text(spreadLabels(data, s.x, s.y, lo - pad, hi + pad), { x: s.x, y: s.y, text: s.label, dy: -12, fontSize: 10 }),
    ],
  }) as HTMLElement;
}

export interface TreemapItem {
  name: string;
  value: number;
}

/** A treemap of parts of a whole (cultural domains). */
export function treemapChart(items: TreemapItem[], opts: { container?: HTMLElement; format: (v: number) => string }): HTMLElement {
  const w = width(opts.container);
  const hgt = 300;
  const root = hierarchy<{ children?: TreemapItem[] } & Partial<TreemapItem>>({ children: items.filter((i) => i.value > 0) })
    .sum((d) => d.value ?? 0)
    .sort((a, b) => (b.value ?? 0) - (a.value ?? 0));
  treemap<{ children?: TreemapItem[] } & Partial<TreemapItem>>().tile(treemapSquarify).size([w, hgt]).padding(2)(root);
  const colour = scaleOrdinal<string, string>(schemeTableau10);
  const ns = 'http://www.w3.org/2000/svg';
  const svg = document.createElementNS(ns, 'svg');
  svg.setAttribute('width', String(w));
  svg.setAttribute('height', String(hgt));
  svg.setAttribute('viewBox', `0 0 ${w} ${hgt}`);
  svg.setAttribute('class', 'treemap');
  svg.setAttribute('font-size', '12');
  const total = root.value ?? 0;
  for (const leaf of root.leaves() as unknown as { x0: number; y0: number; x1: number; y1: number; data: TreemapItem; value: number }[]) {
    const g = document.createElementNS(ns, 'g');
    g.setAttribute('transform', `translate(${leaf.x0},${leaf.y0})`);
    const rect = document.createElementNS(ns, 'rect');
    rect.setAttribute('width', String(Math.max(0, leaf.x1 - leaf.x0)));
    rect.setAttribute('height', String(Math.max(0, leaf.y1 - leaf.y0)));
    rect.setAttribute('fill', colour(leaf.data.name));
    rect.setAttribute('fill-opacity', '0.85');
    const title = document.createElementNS(ns, 'title');
    title.textContent = `${leaf.data.name}: ${opts.format(leaf.value)} (${((leaf.value / total) * 100).toFixed(1)}%)`;
    rect.append(title);
    g.append(rect);
    // Labels only where they fit: the name cut to the box (full name in the tooltip), the share below.
    const bw = leaf.x1 - leaf.x0 - 8;
    const label = fitText(leaf.data.name, bw, 12);
    const pct = `${((leaf.value / total) * 100).toFixed(1)}%`;
    if (label && leaf.y1 - leaf.y0 > 34 && textWidth(pct, 12) <= bw) {
      const text = document.createElementNS(ns, 'text');
      text.setAttribute('x', '4');
      text.setAttribute('y', '15');
      text.setAttribute('fill', '#fff');
      text.textContent = label;
      const t2 = document.createElementNS(ns, 'text');
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
  const ns = 'http://www.w3.org/2000/svg';
  const svg = document.createElementNS(ns, 'svg');
  svg.setAttribute('width', String(w));
  svg.setAttribute('height', String(hgt));
  svg.setAttribute('viewBox', `0 0 ${w} ${hgt}`);
  svg.setAttribute('class', 'treemap product-treemap');
  svg.setAttribute('font-size', '12');
  const total = root.value ?? 0;
  const size = 12;
  for (const leaf of root.leaves() as unknown as { x0: number; y0: number; x1: number; y1: number; data: Node; value: number }[]) {
    const it = leaf.data.item!;
    const bw = leaf.x1 - leaf.x0;
    const bh = leaf.y1 - leaf.y0;
    const box = document.createElementNS(ns, opts.href ? 'a' : 'g');
    if (opts.href) box.setAttribute('href', opts.href(it.code));
    box.setAttribute('transform', `translate(${leaf.x0},${leaf.y0})`);
    box.setAttribute('data-code', it.code);
    box.setAttribute('data-section', it.section);
    const rect = document.createElementNS(ns, 'rect');
    rect.setAttribute('width', String(Math.max(0, bw)));
    rect.setAttribute('height', String(Math.max(0, bh)));
    rect.setAttribute('fill', opts.colour(it.section));
    const ink = light(opts.colour(it.section)) ? '#1d2430' : '#fff';
    const share = `${((leaf.value / total) * 100).toFixed(1)}%`;
    const title = document.createElementNS(ns, 'title');
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
          const tx = document.createElementNS(ns, 'text');
          tx.setAttribute('x', '4');
          tx.setAttribute('y', String(15 + i * 15));
          tx.setAttribute('fill', ink);
          tx.setAttribute('pointer-events', 'none');
          tx.textContent = line;
          box.append(tx);
        });
        if (textWidth(share, size * 1.15) <= bw - 8) {
          const tp = document.createElementNS(ns, 'text');
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
  const longestTick = Math.max(...s.data.map((d) => textWidth(tickUsd(Number(d[s.y] ?? 0) * 2), 12)), 30);
  return Plot.plot({
    width: width(s.container),
    height: 320,
    marginLeft: Math.max(64, Math.ceil(longestTick) + 24),
    marginRight: 28,
    style: { fontSize: '12px', background: 'transparent' },
    x: { label: s.xLabel, tickFormat: (d: number) => String(d), interval: 1 },
    y: { label: s.yLabel, grid: true, tickFormat: tickUsd, zero: true },
    color: { legend: true, domain: s.order, range: s.colours },
    marks: [Plot.areaY(s.data, { x: s.x, y: s.y, fill: s.series, z: s.series, order: s.order, tip: true }), Plot.ruleY([0])],
  }) as HTMLElement;
}
