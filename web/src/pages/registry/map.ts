/**
 * The registry map: treaty partners shaded, institutions as markers (cultural centres as circles,
 * export bases as squares). A marker sits at its coordinates when the source gives them, else at
 * its country (the centroid of the country's largest polygon), fanned out so markers do not hide
 * each other; its title says which.
 */
import { geoArea, geoNaturalEarth1, geoPath } from 'd3-geo';
import { feature } from 'topojson-client';
import type { GeometryCollection, Topology } from 'topojson-specification';
import world from 'world-atlas/countries-110m.json';
import type { RegistryMapData } from '../../../../src/contract.ts';

const NS = 'http://www.w3.org/2000/svg';

export const markerColours: Record<string, string> = {
  'cultural-centre': '#b8322a',
  'export-base': '#1f5f8b',
  'trade-base': '#6a4c93',
  other: '#555',
};
export const PARTNER_FILL = '#e9b872';
export const HOME_FILL = '#2b2118';

function el(tag: string, attrs: Record<string, string | number>): SVGElement {
  const e = document.createElementNS(NS, tag);
  for (const [k, v] of Object.entries(attrs)) e.setAttribute(k, String(v));
  return e;
}

/** The largest polygon of a (multi)polygon feature, so that overseas territories do not pull the point into the sea. */
function mainland(f: GeoJSON.Feature): GeoJSON.Feature {
  if (f.geometry?.type !== 'MultiPolygon') return f;
  let best: GeoJSON.Position[][] = f.geometry.coordinates[0]!;
  let bestArea = -1;
  for (const poly of f.geometry.coordinates) {
    const a = geoArea({ type: 'Polygon', coordinates: poly });
    if (a > bestArea) {
      bestArea = a;
      best = poly;
    }
  }
  return { ...f, geometry: { type: 'Polygon', coordinates: best } };
}

export interface RegistryMapOptions {
  width?: number;
  /** Text of a marker's tooltip. */
  label: (i: RegistryMapData['institutions'][number], placedAtCountry: boolean) => string;
  partnerLabel: (p: RegistryMapData['partners'][number]) => string;
  onSelect: (id: string) => void;
}

export function registryMap(data: RegistryMapData, numericToIso3: Map<string, string>, opts: RegistryMapOptions): HTMLElement {
  const width = opts.width ?? 900;
  const height = Math.round(width * 0.5);
  const topo = world as unknown as Topology<{ countries: GeometryCollection }>;
  const fc = feature(topo, topo.objects.countries) as unknown as GeoJSON.FeatureCollection<GeoJSON.Geometry, { name: string }>;
  const projection = geoNaturalEarth1().fitSize([width, height], fc);
  const path = geoPath(projection);
  const partners = new Map(data.partners.map((p) => [p.country, p]));
  const centroid = new Map<string, [number, number]>();

  const svg = el('svg', { viewBox: `0 0 ${width} ${height}`, width, height, class: 'world-map registry-map', role: 'img' }) as SVGSVGElement;
  const land = el('g', { class: 'land' });
  for (const f of fc.features) {
    const iso3 = numericToIso3.get(String(f.id ?? '').padStart(3, '0'));
    const p = el('path', { d: path(f) ?? '', stroke: '#fff', 'stroke-width': 0.4 });
    const partner = iso3 ? partners.get(iso3) : undefined;
    if (iso3) {
      p.setAttribute('data-iso3', iso3);
      const c = path.centroid(mainland(f));
      if (Number.isFinite(c[0])) centroid.set(iso3, c as [number, number]);
    }
    if (iso3 && iso3 === data.country) {
      p.setAttribute('fill', HOME_FILL);
      p.setAttribute('class', 'home');
    } else if (partner) {
      p.setAttribute('fill', PARTNER_FILL);
      p.setAttribute('class', 'partner');
    } else p.setAttribute('fill', '#e8e4da');
    const title = el('title', {});
    title.textContent = partner ? opts.partnerLabel(partner) : (iso3 ?? f.properties?.name ?? '');
    p.append(title);
    land.append(p);
  }
  svg.append(land);

  // Markers: at their coordinates, or fanned out around their country's point.
  const markers = el('g', { class: 'markers' });
  const fan = new Map<string, number>();
  for (const inst of data.institutions) {
    let xy: [number, number] | null = null;
    let atCountry = false;
    if (inst.lat !== null && inst.lon !== null) xy = projection([inst.lon, inst.lat]) ?? null;
    if (!xy) {
      // Small countries are missing from the 110m atlas: use the country's representative point.
      const c = centroid.get(inst.country) ?? (inst.country_lat != null && inst.country_lon != null ? projection([inst.country_lon, inst.country_lat]) : null);
      if (!c) continue;
      atCountry = true;
      const i = fan.get(inst.country) ?? 0;
      fan.set(inst.country, i + 1);
      const angle = i * 2.399963; // golden angle: an even spiral
      const r = i === 0 ? 0 : 4 * Math.sqrt(i);
      xy = [c[0] + r * Math.cos(angle), c[1] + r * Math.sin(angle)];
    }
    const colour = markerColours[inst.kind] ?? markerColours.other!;
    const attrs = { class: `marker ${inst.kind}`, 'data-id': inst.id, 'data-kind': inst.kind, fill: colour, stroke: '#fff', 'stroke-width': 0.8, tabindex: 0, style: 'cursor:pointer' };
    const m =
      inst.kind === 'cultural-centre'
        ? el('circle', { ...attrs, cx: xy[0].toFixed(1), cy: xy[1].toFixed(1), r: 4 })
        : el('rect', { ...attrs, x: (xy[0] - 3.5).toFixed(1), y: (xy[1] - 3.5).toFixed(1), width: 7, height: 7 });
    const title = el('title', {});
    title.textContent = opts.label(inst, atCountry);
    m.append(title);
    m.addEventListener('click', () => opts.onSelect(inst.id));
    m.addEventListener('keydown', (e) => {
      if ((e as KeyboardEvent).key === 'Enter') opts.onSelect(inst.id);
    });
    markers.append(m);
  }
  svg.append(markers);
  const wrap = document.createElement('div');
  wrap.className = 'map-wrap';
  wrap.append(svg);
  return wrap;
}
