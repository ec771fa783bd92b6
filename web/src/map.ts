/**
 * A world choropleth with d3-geo and world-atlas (bundled: no tile server, works offline).
 * Countries are matched by ISO numeric code (world-atlas feature ids) through the countries table
 * of the API; each coloured country carries `data-iso3` and a <title> with its value.
 */
import { geoNaturalEarth1, geoPath } from 'd3-geo';
import { scaleSequentialLog } from 'd3-scale';
import { interpolateOrRd } from 'd3-scale-chromatic';
import { feature } from 'topojson-client';
import type { GeometryCollection, Topology } from 'topojson-specification';
import world from 'world-atlas/countries-110m.json';
import { textWidth } from './charts.ts';

export interface MapValue {
  iso3: string;
  value: number;
  label: string;
}

export function worldMap(
  values: MapValue[],
  numericToIso3: Map<string, string>,
  opts: { format: (v: number) => string; highlight?: string; width?: number; legend: string },
): HTMLElement {
  const width = opts.width ?? 760;
  const height = Math.round(width * 0.5);
  const topo = world as unknown as Topology<{ countries: GeometryCollection }>;
  const fc = feature(topo, topo.objects.countries) as unknown as GeoJSON.FeatureCollection<GeoJSON.Geometry, { name: string }>;
  const projection = geoNaturalEarth1().fitSize([width, height], fc);
  const path = geoPath(projection);
  const byIso = new Map(values.map((v) => [v.iso3, v]));
  const positive = values.filter((v) => v.value > 0).map((v) => v.value);
  const min = Math.min(...positive);
  const max = Math.max(...positive);
  const colour = scaleSequentialLog(interpolateOrRd).domain([min > 0 && Number.isFinite(min) ? min : 1, max > min ? max : (min || 1) * 10]);
  const ns = 'http://www.w3.org/2000/svg';
  const legendText = `${opts.legend}: ${opts.format(min)} – ${opts.format(max)}`;
  // On a narrow map the legend's words go under its colour bar, not past the edge.
  const stacked = 185 + textWidth(legendText, 11) > width;
  const foot = stacked ? 44 : 30;
  const svg = document.createElementNS(ns, 'svg');
  svg.setAttribute('viewBox', `0 0 ${width} ${height + foot}`);
  svg.setAttribute('width', String(width));
  svg.setAttribute('height', String(height + foot));
  svg.setAttribute('class', 'world-map');
  for (const f of fc.features) {
    const id = String(f.id ?? '').padStart(3, '0');
    const iso3 = numericToIso3.get(id);
    const v = iso3 ? byIso.get(iso3) : undefined;
    const p = document.createElementNS(ns, 'path');
    p.setAttribute('d', path(f) ?? '');
    p.setAttribute('stroke', '#fff');
    p.setAttribute('stroke-width', '0.4');
    if (iso3) p.setAttribute('data-iso3', iso3);
    if (iso3 && iso3 === opts.highlight) {
      p.setAttribute('fill', '#2b2118');
      p.setAttribute('class', 'subject');
    } else if (v && v.value > 0) {
      p.setAttribute('fill', colour(v.value));
      p.setAttribute('class', 'has-value');
    } else p.setAttribute('fill', '#e8e4da');
    const title = document.createElementNS(ns, 'title');
    title.textContent = v ? `${v.label}: ${opts.format(v.value)}` : (iso3 ?? f.properties?.name ?? '');
    p.append(title);
    svg.append(p);
  }
  // Legend: a gradient from min to max.
  const defs = document.createElementNS(ns, 'defs');
  const grad = document.createElementNS(ns, 'linearGradient');
  grad.setAttribute('id', 'map-legend');
  for (let i = 0; i <= 10; i++) {
    const stop = document.createElementNS(ns, 'stop');
    stop.setAttribute('offset', `${i * 10}%`);
    stop.setAttribute('stop-color', interpolateOrRd(i / 10));
    grad.append(stop);
  }
  defs.append(grad);
  svg.append(defs);
  if (positive.length) {
    const g = document.createElementNS(ns, 'g');
    g.setAttribute('transform', `translate(10,${height + 8})`);
    g.setAttribute('font-size', '11');
    const rect = document.createElementNS(ns, 'rect');
    rect.setAttribute('width', '180');
    rect.setAttribute('height', '10');
    rect.setAttribute('fill', 'url(#map-legend)');
    const lo = document.createElementNS(ns, 'text');
    lo.setAttribute('x', stacked ? '0' : '185');
    lo.setAttribute('y', stacked ? '25' : '9');
    lo.textContent = legendText;
    g.append(rect, lo);
    svg.append(g);
  }
  const wrap = document.createElement('div');
  wrap.className = 'map-wrap';
  wrap.append(svg);
  return wrap;
}
