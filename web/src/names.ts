/**
 * Names next to codes, the same way on every page: a product as "9505 · Festive articles" (the
 * name the API gives, in the edition of the data; the code alone when the store has no
 * nomenclature), a basket domain by its label in the current language, and one colour per domain
 * (fixed by slug, so a domain keeps its colour on every chart and in both languages).
 */
import { getLang } from './i18n.ts';

/** "9505 · Festive articles" (long names shortened; the full text stays in the tooltip). */
export function productLabel(code: string, name: string | null | undefined, max = 48): string {
  if (!name) return code;
  const short = name.length > max ? `${name.slice(0, max - 1).trimEnd()}…` : name;
  return `${code} · ${short}`;
}

/** A row's domain label in the current language (`domain_en` / `domain_zh`, else the slug). */
export function domainText(row: { domain?: string | null; domain_en?: string | null; domain_zh?: string | null }): string {
  if (!row.domain) return '—';
  return (getLang() === 'zh' ? row.domain_zh : row.domain_en) ?? row.domain;
}

const DOMAIN_COLOURS: Record<string, string> = {
  heritage: '#8c564b',
  performance: '#e15759',
  'visual-arts': '#f28e2b',
  books: '#4e79a7',
  audiovisual: '#59a14f',
  design: '#b07aa1',
  tourism: '#76b7b2',
  sports: '#edc948',
};
const SPARE = ['#ff9da7', '#9c755f', '#bab0ac', '#17becf'];

export function domainColour(domain: string): string {
  if (DOMAIN_COLOURS[domain]) return DOMAIN_COLOURS[domain]!;
  let hsh = 0;
  for (const ch of domain) hsh = (hsh * 31 + ch.charCodeAt(0)) >>> 0;
  return SPARE[hsh % SPARE.length]!;
}

/**
 * Names of HS codes from the API (`/hs/names`, in the data's edition); an empty map when the store
 * has no nomenclature or the endpoint is missing, so a table falls back to bare codes.
 */
export async function productNames(codes: readonly string[], edition?: string): Promise<Map<string, string>> {
  const wanted = [...new Set(codes.filter((c) => /^\d{2,6}$/.test(c)))].slice(0, 500);
  if (!wanted.length) return new Map();
  try {
    const { apiGet } = await import('./api.ts');
    const r = await apiGet<unknown, { code: string; description: string | null }>('/hs/names', { codes: wanted.join(','), edition });
    return new Map((r.rows ?? []).filter((x) => x.description).map((x) => [x.code, x.description as string]));
  } catch {
    return new Map();
  }
}
