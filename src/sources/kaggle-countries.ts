/**
 * Country and area NAMES, as UN Comtrade prints them (the Kaggle "Global Commodity Trade
 * Statistics" file gives the reporter by name only), resolved to Lantern's keys (ISO3 or X-codes).
 *
 * The index is built from the countries reference (reference/countries.ts: its English names and
 * the names of Comtrade's special codes) and the npm packages it is built on (world-countries:
 * common and official names and alternative spellings; i18n-iso-countries: English names), with
 * Comtrade's abbreviations expanded by rule ("Rep." → Republic, "Isds" → Islands, "Br." → British,
 * "Fmr" → former …), so "Dem. People's Rep. of Korea", "Br. Virgin Isds" or "N. Mariana Isds" need
 * no entry of their own. The few names no rule reaches are listed in COMTRADE_NAMES with their
 * Comtrade numeric code (UN Comtrade reporter reference table; the legacy spellings are those of the
 * pre-2019 Comtrade site, e.g. "EU-28", "Fmr Sudan", "So. African Customs Union") and resolve through
 * the reference's 'comtrade' scheme, so a name and its code always agree.
 *
 * Invariants: a name resolves to one key or to none, never to a guess — a spelling that two
 * entities share is dropped from the rule-built index (only COMTRADE_NAMES can settle it); matching
 * ignores case, accents, punctuation and "the".
 */
import countriesLib from 'i18n-iso-countries/index.js';
import enLocale from 'i18n-iso-countries/langs/en.json' with { type: 'json' };
import worldCountries from 'world-countries';
import { listCountries, listCountryCodes, resolveCountryCode } from '../reference/index.ts';

// The library without its Node entry, which loads all of its ~80 locales; English is the one read here.
countriesLib.registerLocale(enLocale);

/**
 * Comtrade names no rule derives from the reference → Comtrade numeric code. Source: UN Comtrade's
 * reporter and partner reference tables (current and legacy spellings).
 */
export const COMTRADE_NAMES: Readonly<Record<string, string>> = {
  World: '0',
  'EU-28': '97', // the European Union as a reporter (Comtrade 97, EUR)
  'Other Asia, nes': '490', // Taiwan's trade in Comtrade
  USA: '842',
  'USA (before 1981)': '841',
  'USA and Puerto Rico': '841',
  'China, Hong Kong SAR': '344',
  'China, Macao SAR': '446',
  'India, excl. Sikkim': '356',
  'So. African Customs Union': '711',
  'Southern African Customs Union': '711',
  'Belgium-Luxembourg': '58',
  'Neth. Antilles': '530',
  'Netherlands Antilles': '530',
  'Neth. Antilles and Aruba': '532',
  'Netherlands Antilles and Aruba': '532',
  'Serbia and Montenegro': '891',
  Czechoslovakia: '200',
  USSR: '810',
  'Fmr USSR': '810',
  Yugoslavia: '890',
  'Fmr Yugoslavia': '890',
  'Fmr Sudan': '736',
  'Fmr Ethiopia': '230',
  'Fmr Fed. Rep. of Germany': '280',
  'Fed. Rep. of Germany': '280',
  'Fmr Dem. Rep. of Germany': '278',
  'Dem. Rep. of Germany': '278',
  'Fmr Arab Rep. of Yemen': '886',
  'Arab Rep. of Yemen': '886',
  'Fmr Dem. Yemen': '720',
  'Dem. Yemen': '720',
  'Fmr Rep. of Vietnam': '868',
  'Rep. of Vietnam': '868',
  'Fmr Dem. Rep. of Vietnam': '866',
  'Dem. Rep. of Vietnam': '866',
  'Fmr Panama, excl.Canal Zone': '590',
  'Panama, excl.Canal Zone': '590',
  'Fmr Panama-Canal-Zone': '592',
  'Panama-Canal-Zone': '592',
  'Fmr Pacific Isds': '582',
  'Pacific Isds': '582',
  'Fmr Rhodesia Nyas': '717',
  'Rhodesia Nyas': '717',
  'Fmr Tanganyika': '835',
  'Fmr Zanzibar and Pemba Isd': '836',
  'Zanzibar and Pemba Isd': '836',
  'East and West Pakistan': '588',
  'Saint Kitts, Nevis and Anguilla': '658',
  'US Virgin Isds': '850',
  'Peninsula Malaysia': '459',
  Sabah: '461',
  Sarawak: '457',
  'TFYR of Macedonia': '807',
  'Bosnia Herzegovina': '70',
  'FS Micronesia': '583',
  Swaziland: '748',
  'Saint Maarten': '534',
  Bonaire: '535',
  'Holy See (Vatican City State)': '336',
  'US Misc. Pacific Isds': '849',
  'Br. Indian Ocean Terr.': '86',
  'Br. Antarctic Terr.': '80',
  'Fr. South Antarctic Terr.': '260',
  Congo: '178', // the Republic of the Congo; several packages also call the DR Congo so
  'Christmas Isds': '162',
  'Norfolk Isds': '574',
  'Ryukyu Isd': '647',
  'Metropolitan France': '250',
  'Norway, excluding Svalbard and Jan Mayen': '578',
  'Sikkim, Protectorate of India': '698',
  'Areas, nes': '899',
  'Free Zones': '838',
  Bunkers: '837',
  'Special Categories': '839',
};

/** Comtrade's abbreviations, word by word (after lower-casing; dots removed). */
const WORDS: Record<string, string> = {
  rep: 'republic',
  dem: 'democratic',
  isds: 'islands',
  isd: 'island',
  br: 'british',
  fr: 'french',
  fed: 'federal',
  so: 'southern',
  n: 'northern',
  st: 'saint',
  terr: 'territory',
  neth: 'netherlands',
  excl: 'excluding',
  fmr: 'former',
  '&': 'and',
};

/** The matching key of a name: no accents, case, punctuation, "the", period suffixes; words expanded. */
export function nameKey(name: string): string {
  return name
    .normalize('NFD')
    .replace(/[\u0300-\u036f]/g, '')
    .toLowerCase()
    .replace(/\(\s*(?:\.\.\.|…)\s*\d{4}\s*\)|\(\s*before \d{4}\s*\)/g, ' ') // "(...1990)", "(before 1981)"
    .replace(/['’]/g, '')
    .replace(/[.,;:()\-/]/g, ' ')
    .split(/\s+/)
    .filter((w) => w && w !== 'the')
    .map((w) => WORDS[w] ?? w)
    .join(' ');
}

/** The key without parenthesised parts ("Bolivia (Plurinational State of)" → "bolivia"). */
function bareKey(name: string): string {
  return nameKey(name.replace(/\([^)]*\)/g, ' '));
}

interface Index {
  exact: Map<string, string>;
  rule: Map<string, string | null>; // null: ambiguous, two entities share the spelling
  /** A name as written for each key (the first seen), for suggestions. */
  display: Map<string, string>;
}
let index: Index | undefined;

function build(): Index {
  if (index) return index;
  const exact = new Map<string, string>();
  const display = new Map<string, string>();
  for (const [name, code] of Object.entries(COMTRADE_NAMES)) {
    const key = resolveCountryCode('comtrade', code);
    if (!key) throw new Error(`COMTRADE_NAMES: "${name}" → Comtrade ${code} is not in the countries reference`);
    exact.set(nameKey(name), key);
    display.set(nameKey(name), name);
  }
  const rule = new Map<string, string | null>();
  const add = (name: string | undefined, key: string | undefined) => {
    if (!name || !key) return;
    for (const k of new Set([nameKey(name), bareKey(name)])) {
      if (!k) continue;
      if (!display.has(k)) display.set(k, name);
      const had = rule.get(k);
      if (had === undefined) rule.set(k, key);
      else if (had !== key) rule.set(k, null);
    }
  };
  const known = new Set(listCountries().map((c) => c.iso3));
  for (const c of listCountries()) add(c.nameEn, c.iso3);
  for (const c of listCountryCodes()) if (c.scheme === 'comtrade' && c.name) add(c.name, c.iso3);
  for (const wc of worldCountries) {
    const key = wc.cca3 === 'UNK' ? 'XKX' : wc.cca3;
    if (!known.has(key)) continue;
    add(wc.name.common, key);
    add(wc.name.official, key);
    for (const alt of wc.altSpellings) if (alt.length > 3) add(alt, key);
  }
  const en = countriesLib.getNames('en', { select: 'all' }) as Record<string, string[]>;
  for (const [alpha2, names] of Object.entries(en)) {
    const key = countriesLib.alpha2ToAlpha3(alpha2);
    if (key && known.has(key)) for (const n of names) add(n, key);
  }
  index = { exact, rule, display };
  return index;
}

/**
 * The key of a Comtrade country or area name, or undefined when the name is not known (or is
 * ambiguous).
 *
 * @example resolveCountryName('Rep. of Korea') // 'KOR'
 * @example resolveCountryName('EU-28') // 'X097'
 */
export function resolveCountryName(name: string): string | undefined {
  // A file names a few hundred entities over millions of rows: each name is resolved once.
  if (resolved.has(name)) return resolved.get(name);
  const key = resolveUncached(name);
  resolved.set(name, key);
  return key;
}

const resolved = new Map<string, string | undefined>();

function resolveUncached(name: string): string | undefined {
  const { exact, rule } = build();
  const k = nameKey(name);
  const hit = exact.get(k) ?? rule.get(k) ?? rule.get(bareKey(name));
  if (hit) return hit;
  // "Wallis and Futuna Isds": the islands' common names often go without the word.
  if (k.endsWith(' islands')) return rule.get(k.slice(0, -' islands'.length)) ?? undefined;
  return undefined;
}

function distance(a: string, b: string): number {
  let prev = Array.from({ length: b.length + 1 }, (_, j) => j);
  for (let i = 1; i <= a.length; i++) {
    const row = [i];
    for (let j = 1; j <= b.length; j++)
      row[j] = Math.min((prev[j] as number) + 1, (row[j - 1] as number) + 1, (prev[j - 1] as number) + (a[i - 1] === b[j - 1] ? 0 : 1));
    prev = row;
  }
  return prev[b.length] as number;
}

const suggested = new Map<string, string[]>();

/** Up to three known names close to an unknown one (by spelling), for "did you mean" hints. Cached. */
export function suggestCountryNames(name: string): string[] {
  const cached = suggested.get(name);
  if (cached) return cached;
  const { exact, rule, display } = build();
  const k = nameKey(name);
  const limit = Math.max(2, Math.floor(k.length / 4));
  const keys = [...exact.keys(), ...[...rule].filter(([, v]) => v !== null).map(([key]) => key)];
  const out = [...new Set(keys)]
    .map((key) => ({ key, d: Math.abs(key.length - k.length) > limit ? limit + 1 : distance(k, key) }))
    .filter((x) => x.d <= limit)
    .sort((a, b) => a.d - b.d || a.key.localeCompare(b.key))
    .slice(0, 3)
    .map((x) => display.get(x.key) ?? x.key);
  suggested.set(name, out);
  return out;
}
