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
 * Names of HS codes from the API (`/hs/names`, in the data's edition), in the current language: in
 * Chinese, Lantern's own translation where it has one (`description_zh`), else the English name; an
 * empty map when the store has no nomenclature or the endpoint is missing, so a table falls back to
 * bare codes.
 */
export async function productNames(codes: readonly string[], edition?: string): Promise<Map<string, string>> {
  const wanted = [...new Set(codes.filter((c) => /^\d{2,6}$/.test(c)))].slice(0, 500);
  if (!wanted.length) return new Map();
  try {
    const { apiGet } = await import('./api.ts');
    const r = await apiGet<unknown, { code: string; description: string | null; description_zh?: string | null }>('/hs/names', { codes: wanted.join(','), edition });
    const zh = getLang() === 'zh';
    return new Map((r.rows ?? []).flatMap((x) => {
      const name = (zh ? x.description_zh : null) ?? x.description;
      return name ? [[x.code, name] as [string, string]] : [];
    }));
  } catch {
    return new Map();
  }
}

/**
 * A code's name in the page's language: in Chinese the Chinese name the API gave, else Lantern's own
 * translation from `/hs/names`, else the English name (an EBOPS item or a code without one).
 */
export async function localName(code: string | null, en: string | null, zh?: string | null): Promise<string | null> {
  if (getLang() !== 'zh') return en;
  return zh ?? (code ? (await productNames([code])).get(code) : undefined) ?? en;
}

/**
 * The 21 sections of the Harmonized System by roman numeral: a short label in each language (the
 * WCO's titles are long; the full English title comes with the chapters from `/hs/children`) and a
 * fixed colour, so a section keeps its colour on every chart and in both languages.
 */
export const HS_SECTIONS: Record<string, { en: string; zh: string; colour: string }> = {
  I: { en: 'Animal products', zh: '动物产品', colour: '#c9a86a' },
  II: { en: 'Vegetable products', zh: '植物产品', colour: '#8cb369' },
  III: { en: 'Fats and oils', zh: '动植物油脂', colour: '#e4c14b' },
  IV: { en: 'Foodstuffs, beverages, tobacco', zh: '食品、饮料、烟草', colour: '#d9843b' },
  V: { en: 'Mineral products', zh: '矿产品', colour: '#8d6e63' },
  VI: { en: 'Chemical products', zh: '化学工业产品', colour: '#ef5b8c' },
  VII: { en: 'Plastics and rubber', zh: '塑料和橡胶', colour: '#a06cd5' },
  VIII: { en: 'Hides, leather, travel goods', zh: '皮革、箱包', colour: '#b5651d' },
  IX: { en: 'Wood and articles of wood', zh: '木及木制品', colour: '#6b8e23' },
  X: { en: 'Paper and books', zh: '纸、纸制品和书籍', colour: '#4e79a7' },
  XI: { en: 'Textiles', zh: '纺织品', colour: '#59a14f' },
  XII: { en: 'Footwear and headgear', zh: '鞋帽', colour: '#9c755f' },
  XIII: { en: 'Stone, ceramics, glass', zh: '石料、陶瓷、玻璃', colour: '#bab0ac' },
  XIV: { en: 'Precious stones and metals', zh: '珠宝和贵金属', colour: '#edc948' },
  XV: { en: 'Base metals', zh: '贱金属及制品', colour: '#76b7b2' },
  XVI: { en: 'Machinery and electrical', zh: '机电设备', colour: '#2f6db5' },
  XVII: { en: 'Vehicles and transport', zh: '运输设备', colour: '#e15759' },
  XVIII: { en: 'Instruments, clocks, music', zh: '仪器、钟表、乐器', colour: '#17becf' },
  XIX: { en: 'Arms and ammunition', zh: '武器弹药', colour: '#555555' },
  XX: { en: 'Miscellaneous manufactures', zh: '杂项制品', colour: '#ff9da7' },
  XXI: { en: 'Works of art and antiques', zh: '艺术品和古董', colour: '#b07aa1' },
};

/** A section's short label in the current language ("Section X · Paper and books"). */
export function sectionLabel(section: string): string {
  const s = HS_SECTIONS[section];
  if (!s) return section;
  return getLang() === 'zh' ? `第${chineseNumber(Object.keys(HS_SECTIONS).indexOf(section) + 1)}类 · ${s.zh}` : `${section} · ${s.en}`;
}

/** 1…99 in Chinese numerals (十一, 二十一), as the Chinese tariff numbers its sections. */
function chineseNumber(n: number): string {
  const d = ['', '一', '二', '三', '四', '五', '六', '七', '八', '九'];
  if (n < 10) return d[n]!;
  return `${n >= 20 ? d[Math.floor(n / 10)] : ''}十${d[n % 10]}`;
}

export function sectionColour(section: string): string {
  return HS_SECTIONS[section]?.colour ?? '#999999';
}

let chaptersP: Promise<Map<string, string>> | undefined;

/** Chapter → section (roman numeral), from the nomenclature (`/hs/children`), once per session. */
export function chapterSections(edition?: string): Promise<Map<string, string>> {
  chaptersP ??= (async () => {
    try {
      const { apiGet } = await import('./api.ts');
      const r = await apiGet<unknown, { code: string; section: string | null }>('/hs/children', { edition });
      return new Map((r.rows ?? []).filter((x) => x.section).map((x) => [x.code, x.section as string]));
    } catch {
      return new Map();
    }
  })();
  return chaptersP;
}
