/** Downloads of charts (SVG, PNG) and tables (CSV), made in the browser from what is shown. */

export function downloadBlob(name: string, blob: Blob): void {
  const a = document.createElement('a');
  a.href = URL.createObjectURL(blob);
  a.download = name;
  document.body.append(a);
  a.click();
  a.remove();
  setTimeout(() => URL.revokeObjectURL(a.href), 1000);
}

function csvCell(v: unknown): string {
  if (v === null || v === undefined) return '';
  const s = typeof v === 'object' ? JSON.stringify(v) : String(v);
  return /[",\n\r]/.test(s) ? `"${s.replaceAll('"', '""')}"` : s;
}

export function toCsv(rows: readonly Record<string, unknown>[], columns?: string[]): string {
  const cols = columns ?? [...new Set(rows.flatMap((r) => Object.keys(r)))];
  return [cols.join(','), ...rows.map((r) => cols.map((c) => csvCell(r[c])).join(','))].join('\n') + '\n';
}

export function downloadCsv(name: string, rows: readonly Record<string, unknown>[], columns?: string[]): void {
  downloadBlob(`${name}.csv`, new Blob([toCsv(rows, columns)], { type: 'text/csv;charset=utf-8' }));
}

/** The chart's SVG as a standalone document (namespaces, white background, the page's font). */
export function svgText(svg: SVGSVGElement): string {
  const clone = svg.cloneNode(true) as SVGSVGElement;
  clone.setAttribute('xmlns', 'http://www.w3.org/2000/svg');
  clone.setAttribute('xmlns:xlink', 'http://www.w3.org/1999/xlink');
  const { width, height } = svg.getBoundingClientRect();
  if (!clone.getAttribute('width')) clone.setAttribute('width', String(Math.round(width)));
  if (!clone.getAttribute('height')) clone.setAttribute('height', String(Math.round(height)));
  clone.style.background = '#fff';
  clone.style.fontFamily = getComputedStyle(svg).fontFamily || 'sans-serif';
  return new XMLSerializer().serializeToString(clone);
}

export function downloadSvg(name: string, svg: SVGSVGElement): void {
  downloadBlob(`${name}.svg`, new Blob([svgText(svg)], { type: 'image/svg+xml' }));
}

export async function downloadPng(name: string, svg: SVGSVGElement, scale = 2): Promise<void> {
  const text = svgText(svg);
  const { width, height } = svg.getBoundingClientRect();
  const img = new Image();
  const url = URL.createObjectURL(new Blob([text], { type: 'image/svg+xml' }));
  await new Promise<void>((resolve, reject) => {
    img.onload = () => resolve();
    img.onerror = () => reject(new Error('cannot render the chart as an image'));
    img.src = url;
  });
  const canvas = document.createElement('canvas');
  canvas.width = Math.ceil(width * scale);
  canvas.height = Math.ceil(height * scale);
  const ctx = canvas.getContext('2d')!;
  ctx.fillStyle = '#fff';
  ctx.fillRect(0, 0, canvas.width, canvas.height);
  ctx.scale(scale, scale);
  ctx.drawImage(img, 0, 0, width, height);
  URL.revokeObjectURL(url);
  const blob = await new Promise<Blob | null>((r) => canvas.toBlob(r, 'image/png'));
  if (blob) downloadBlob(`${name}.png`, blob);
}

/** The chart's own <svg> inside a container (not a legend swatch): the largest one. */
export function mainSvg(container: Element): SVGSVGElement | null {
  let best: SVGSVGElement | null = null;
  let area = -1;
  for (const svg of container.querySelectorAll('svg')) {
    const r = svg.getBoundingClientRect();
    if (r.width * r.height > area) {
      area = r.width * r.height;
      best = svg;
    }
  }
  return best;
}

/** What a downloaded chart carries besides the plot: title, units, legend, source, date, synthetic mark. */
export interface ChartMeta {
  title: string;
  /** Units in words ("US dollars", "亿美元"). */
  units?: string;
  /** "Source: …" line (the import runs the numbers come from). */
  source: string;
  /** The date the picture was made (YYYY-MM-DD). */
  date: string;
  /** The synthetic-data mark, when the numbers come from the demo world. */
  synthetic?: string;
}

const SVG_NS = 'http://www.w3.org/2000/svg';

function svgText2(parent: Element, x: number, y: number, text: string, attrs: Record<string, string | number> = {}): void {
  const el = document.createElementNS(SVG_NS, 'text');
  el.setAttribute('x', String(x));
  el.setAttribute('y', String(y));
  for (const [k, v] of Object.entries(attrs)) el.setAttribute(k, String(v));
  el.textContent = text;
  parent.append(el);
}

/** The legend swatches an HTML legend shows (Observable Plot's), as [label, colour] pairs. */
export function htmlLegend(container: Element): [string, string][] {
  const out: [string, string][] = [];
  for (const sw of container.querySelectorAll('[class$="-swatch"]')) {
    // Plot puts the colour on the swatch's <svg> (fill="…") and the shape inherits it: read the
    // computed fill of the shape itself.
    const shape = sw.querySelector('rect, circle, path');
    const fill = shape ? getComputedStyle(shape).fill : '';
    const colour = fill && fill !== 'none' ? fill : (shape?.getAttribute('stroke') ?? getComputedStyle(sw).color);
    const label = (sw.textContent ?? '').trim();
    if (label) out.push([label, colour ?? '#888']);
  }
  return out;
}

/** Wraps a long line into lines of at most `max` characters (at spaces; CJK anywhere). */
function wrapLine(text: string, max: number): string[] {
  const lines: string[] = [];
  let rest = text;
  while (rest.length > max) {
    let cut = rest.lastIndexOf(' ', max);
    if (cut < max * 0.5) cut = max;
    lines.push(rest.slice(0, cut).trimEnd());
    rest = rest.slice(cut).trimStart();
  }
  if (rest) lines.push(rest);
  return lines;
}

/**
 * The chart as it should go into an article: title and units above, the plot, the legend (the
 * HTML legend redrawn in SVG when the chart has one), then the source line, the date and — for the
 * demo world — the synthetic-data mark. One SVG, so the SVG and PNG downloads carry the same text.
 */
export function publishableSvg(chart: SVGSVGElement, meta: ChartMeta, legend: [string, string][] = []): SVGSVGElement {
  const box = chart.getBoundingClientRect();
  const cw = Math.round(Number(chart.getAttribute('width')) || box.width || 640);
  const ch = Math.round(Number(chart.getAttribute('height')) || box.height || 400);
  const w = Math.max(cw, 520);
  const charW = 7.2;
  const titleLines = wrapLine(meta.title, Math.floor((w - 24) / 9));
  let y = 10;
  const out = document.createElementNS(SVG_NS, 'svg');
  out.setAttribute('font-family', 'system-ui, "Noto Sans CJK SC", "PingFang SC", sans-serif');
  const head = document.createElementNS(SVG_NS, 'g');
  for (const line of titleLines) {
    y += 20;
    svgText2(head, 12, y, line, { 'font-size': 16, 'font-weight': 700, fill: '#1d2430', class: 'export-title' });
  }
  if (meta.units) {
    y += 18;
    svgText2(head, 12, y, meta.units, { 'font-size': 12, fill: '#555', class: 'export-units' });
  }
  out.append(head);
  y += 8;
  const plot = chart.cloneNode(true) as SVGSVGElement;
  plot.setAttribute('x', String(Math.round((w - cw) / 2)));
  plot.setAttribute('y', String(y));
  plot.setAttribute('width', String(cw));
  plot.setAttribute('height', String(ch));
  if (!plot.getAttribute('viewBox')) plot.setAttribute('viewBox', `0 0 ${cw} ${ch}`);
  out.append(plot);
  y += ch + 6;
  if (legend.length) {
    const g = document.createElementNS(SVG_NS, 'g');
    g.setAttribute('class', 'export-legend');
    let x = 12;
    y += 14;
    for (const [label, colour] of legend) {
      const width = 22 + label.length * (/[\u3400-\u9fff]/.test(label) ? 13 : charW);
      if (x + width > w - 12) {
        x = 12;
        y += 18;
      }
      const sw = document.createElementNS(SVG_NS, 'rect');
      for (const [k, v] of Object.entries({ x, y: y - 10, width: 12, height: 12, fill: colour })) sw.setAttribute(k, String(v));
      g.append(sw);
      svgText2(g, x + 16, y, label, { 'font-size': 12, fill: '#333' });
      x += width;
    }
    out.append(g);
  }
  const foot = document.createElementNS(SVG_NS, 'g');
  foot.setAttribute('font-size', '11');
  foot.setAttribute('fill', '#555');
  for (const line of wrapLine(meta.source, Math.floor((w - 24) / 6.2))) {
    y += 16;
    svgText2(foot, 12, y, line, { class: 'export-source' });
  }
  y += 15;
  svgText2(foot, 12, y, meta.date, { class: 'export-date' });
  if (meta.synthetic) {
    y += 17;
    svgText2(foot, 12, y, meta.synthetic, { class: 'export-synthetic', fill: '#b03a2e', 'font-weight': 700, 'font-size': 12 });
  }
  out.append(foot);
  y += 12;
  out.setAttribute('width', String(w));
  out.setAttribute('height', String(Math.ceil(y)));
  out.setAttribute('viewBox', `0 0 ${w} ${Math.ceil(y)}`);
  return out;
}

/** Exports a chart with its meta: attaches the composed SVG off-screen, downloads, removes it. */
export async function downloadChart(kind: 'svg' | 'png', name: string, chart: SVGSVGElement, meta: ChartMeta, legend: [string, string][] = []): Promise<void> {
  const svg = publishableSvg(chart, meta, legend);
  // Measured by the browser like the chart itself: attached off-screen while exporting.
  const holder = document.createElement('div');
  holder.style.cssText = 'position:absolute;left:-99999px;top:0';
  holder.append(svg);
  document.body.append(holder);
  try {
    if (kind === 'svg') downloadSvg(name, svg);
    else await downloadPng(name, svg);
  } finally {
    holder.remove();
  }
}
