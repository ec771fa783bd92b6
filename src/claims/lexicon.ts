/**
 * The words extraction reads meaning from: currencies, scale words, qualifiers, metric keywords,
 * scopes of cultural trade, counted nouns and country names (English and Chinese).
 *
 * Each list is data, kept here so rules stay short and a reviewer can see every word a rule
 * reacts to. Patterns are matched case-insensitively unless said otherwise.
 */
import worldCountries from 'world-countries';

/** Controlled list of metrics a claim can measure. */
export const METRICS = [
  'exports',
  'imports',
  'total_trade',
  'balance',
  'revenue',
  'value_added',
  'investment',
  'market_share',
  'visitors',
  'views',
  'reach',
  'subscribers',
  'users',
  'employment',
  'duration',
  'count',
] as const;
export type Metric = (typeof METRICS)[number];

export const KINDS = [
  'level',
  'count',
  'change_pct',
  'change_pp',
  'change_abs',
  'cagr_pct',
  'share_pct',
  'rate',
  'ratio',
] as const;
export type Kind = (typeof KINDS)[number];

export const QUALIFIERS = ['eq', 'gt', 'gte', 'lt', 'lte', 'approx'] as const;
export type Qualifier = (typeof QUALIFIERS)[number];

/** Currency markers written before a number: symbol or ISO code (glued or spaced). */
export const CURRENCY_PREFIX: [RegExp, string][] = [
  [/^(?:US\s?\$|USD|U\.S\.\s?\$)$/i, 'USD'],
  [/^(?:HK\$|HKD)$/i, 'HKD'],
  [/^(?:NT\$|TWD)$/i, 'TWD'],
  [/^(?:A\$|AUD)$/i, 'AUD'],
  [/^(?:C\$|CAD)$/i, 'CAD'],
  [/^(?:S\$|SGD)$/i, 'SGD'],
  [/^\$$/, 'USD'],
  [/^(?:RMB|CNY|CN¥)$/i, 'CNY'],
  [/^(?:¥|￥)$/, 'CNY'],
  [/^(?:€|EUR)$/i, 'EUR'],
  [/^(?:£|GBP)$/i, 'GBP'],
  [/^(?:JPY|JP¥)$/i, 'JPY'],
  [/^(?:KRW|₩)$/i, 'KRW'],
  [/^(?:INR|₹)$/i, 'INR'],
];
export const CURRENCY_PREFIX_RE = String.raw`(?:US\s?\$|U\.S\.\s?\$|HK\$|NT\$|A\$|C\$|S\$|CN¥|JP¥|USD|HKD|TWD|AUD|CAD|SGD|RMB|CNY|EUR|GBP|JPY|KRW|INR|\$|¥|￥|€|£|₩|₹)`;

/** Currency words written after a number (and its scale word). Longest first. */
export const CURRENCY_SUFFIX: [RegExp, string][] = [
  [/^(?:US|U\.S\.|American)\s+dollars?\b/i, 'USD'],
  [/^(?:Hong Kong dollars?)\b/i, 'HKD'],
  [/^dollars?\b/i, 'USD'],
  [/^(?:yuan|renminbi|RMB)\b/i, 'CNY'],
  [/^(?:euros?)\b/i, 'EUR'],
  [/^(?:pounds? sterling|pounds?)\b/i, 'GBP'],
  [/^(?:yen)\b/i, 'JPY'],
  [/^(?:won)\b/i, 'KRW'],
  [/^(?:USD|CNY|EUR|GBP|JPY|KRW|HKD)\b/, ''], // ISO code after the number: code itself
  [/^美元/, 'USD'],
  [/^港元|^港币/, 'HKD'],
  [/^欧元/, 'EUR'],
  [/^英镑/, 'GBP'],
  [/^日元/, 'JPY'],
  [/^韩元/, 'KRW'],
  [/^(?:元人民币|人民币|元)/, 'CNY'],
];

/** English scale words and suffixes after a number. */
export const SCALE_WORDS: [RegExp, number][] = [
  [/^\s?(?:trillion|tn|trn)\b/i, 1e12],
  [/^TR\b/, 1e12],
  [/^\s?(?:billion|bn|bln)\b/i, 1e9],
  [/^b\b/, 1e9],
  [/^\s?(?:million|mn|mln)\b/i, 1e6],
  [/^m\b/, 1e6],
  [/^\s?thousand\b/i, 1e3],
  [/^k\b/i, 1e3],
];

/** Chinese scale characters after a number, longest first. */
export const CJK_SCALES: [string, number][] = [
  ['万亿', 1e12],
  ['千亿', 1e11],
  ['百亿', 1e10],
  ['十亿', 1e9],
  ['亿', 1e8],
  ['千万', 1e7],
  ['百万', 1e6],
  ['十万', 1e5],
  ['万', 1e4],
  ['千', 1e3],
];

/** Qualifier phrases that end right before a quantity. */
export const QUALIFIER_BEFORE: [RegExp, Qualifier][] = [
  [/(?:at least|no less than|not less than|a minimum of|不少于|不低于|至少)\s*$/i, 'gte'],
  [/(?:up to|at most|no more than|not more than|a maximum of|不超过|最多)\s*$/i, 'lte'],
  [
    /(?:more than|over|above|exceed(?:ed|ing|s)?|in excess of|upwards of|surpass(?:ed|ing|es)?|topp?(?:ed|ing)|(?<!\b(?:the|a|its|their)\s)\btops?\b|beyond|greater than|超过|超出|突破|逾|多于|高于)\s*$/i,
    'gt',
  ],
  [
    /(?:less than|fewer than|under|below|nearly|almost|close to|just short of|not quite|不到|不足|低于|少于|将近|接近|近)\s*$/i,
    'lt',
  ],
  [
    /(?:about|around|approximately|approx\.?|roughly|some|circa|an estimated|estimated at|约|大约|大概|近似)\s*$/i,
    'approx',
  ],
];

/** Qualifiers written after a quantity (mostly Chinese: 多, 余, 左右, 以上). */
export const QUALIFIER_AFTER: [RegExp, Qualifier][] = [
  [/^\s*(?:多|余|or more|and more|plus)(?![a-z])/i, 'gt'],
  [/^\s*(?:以上)/, 'gte'],
  [/^\s*(?:以下|or less|or fewer)/i, 'lte'],
  [/^\s*(?:左右|上下|or so)/i, 'approx'],
];

/** Keywords that say what a money figure measures; matched anywhere in the sentence. */
export const METRIC_KEYWORDS: [RegExp, Metric][] = [
  // "albums sold $243.8 million overseas": sales abroad are exports.
  [/\b(?:sold|sales)\b(?=(?:[^.;]|\.(?=\d)){0,40}\b(?:overseas|abroad)\b)/gi, 'exports'],
  // "export turnover", "export value", "import bill": a flow's measure is that flow, not the
  // total trade that "turnover" or "value" alone names.
  [/\bexports? (?:turnover|value|volume|revenues?|earnings|receipts|sales|trade)\b|\b(?:value|volume) of exports\b/gi, 'exports'],
  [/\bimports? (?:turnover|value|volume|bill|trade)\b|\b(?:value|volume) of imports\b/gi, 'imports'],
  [
    /\b(?:imports? and exports?|exports? and imports?|import[- ]export|total (?:imports? and exports?|trade)|trade (?:volume|value|turnover)|(?:volume|value) of (?:foreign )?trade|foreign trade|cultural trade|trade in cult\w+|two-way trade|bilateral trade|turnover)\b|进出口|贸易总额|贸易额|贸易规模|外贸/gi,
    'total_trade',
  ],
  [/\b(?:surplus(?:es)?|deficits?|trade balance)\b|顺差|逆差/gi, 'balance'],
  [/\bexport(?:s|ed|ing)?\b|\boutbound\b|出口/gi, 'exports'],
  [/\bimport(?:s|ed|ing)?\b|\binbound\b|进口/gi, 'imports'],
  [/\b(?:revenues?|sales|earnings|earned|earns|income|box office|market size|market value)\b|营收|收入|销售额|票房|市场规模|产业规模/gi, 'revenue'],
  [
    /\b(?:gross value added|value added|added value|GVA|output value|gross output)\b|增加值|产值/gi,
    'value_added',
  ],
  [/\b(?:investments?|invested)\b|投资/gi, 'investment'],
  // "Kenya's craft trade totalled …": trade alone is the total, unless it qualifies a balance.
  [/\btrade\b(?!\s+(?:surplus|deficit|balance|gap))/gi, 'total_trade'],
];

/** A phrase of a table found in a text, with the label the table gives it. */
export interface Hit {
  start: number;
  end: number;
  label: string;
  text: string;
}

/** The phrases of a table (METRIC_KEYWORDS, SCOPES…) in a text. */
export function hits(text: string, table: [RegExp, string][]): Hit[] {
  const all: Hit[] = [];
  for (const [re, label] of table) {
    re.lastIndex = 0;
    for (const m of text.matchAll(re))
      all.push({ start: m.index ?? 0, end: (m.index ?? 0) + m[0].length, label, text: m[0] });
  }
  // Longer phrases win over the shorter ones inside them ("import and export" over "export").
  all.sort((a, b) => a.start - b.start || b.end - a.end);
  const out: Hit[] = [];
  for (const h of all) if (!out.some((o) => h.start < o.end && o.start < h.end)) out.push(h);
  return out;
}

/**
 * Names of organisations ("the Department of International Trade Promotion", "World Trade
 * Organization", "the Handicraft Exporters Association"): the measure words inside them name no
 * measure of a figure.
 */
const ORGANISATION =
  /\b(?:[A-Z][\w'’&-]*\s+(?:(?:of|for|and|&)\s+)?)*(?:Ministry|Department|Bureau|Office|Council|Association|Commission|Administration|Agency|Federation|Chamber|Organi[sz]ation|Institute|Board|Authority)\b(?:\s+(?:of|for)\s+(?:the\s+)?(?:[A-Z][\w'’&-]*(?:\s+(?:and|&|of)\s+|\s+)?)+)?/g;

/** The measure words of a text (METRIC_KEYWORDS), those inside an organisation's name left out. */
export function metricHits(text: string): Hit[] {
  const names = [...text.matchAll(ORGANISATION)].map((m) => ({ start: m.index ?? 0, end: (m.index ?? 0) + m[0].length }));
  return hits(text, METRIC_KEYWORDS as [RegExp, string][]).filter((h) => !names.some((n) => n.start <= h.start && h.end <= n.end));
}

/**
 * Words after which a share names its whole: "Exports accounted for 42 percent of the total",
 * "出口额占进出口总额的比重为…". What stands before the word is what is shared (shares.ts).
 */
export const WHOLE_MARKERS =
  /占|\b(?:account(?:s|ed|ing)? for|ma(?:de|kes?|king) up|represent(?:s|ed|ing)?|constitut(?:e|es|ed|ing))\b/gi;
/** Words that open the parts of the whole just stated: "of which", "among them", 其中. */
export const SUBSET_WORDS = /其中|\b(?:of which|among them|including|of whom)\b/i;

/** A whole named as the total the text is about: "of the total", 占总额的. */
export const TOTAL_WORDS = /\b(?:the\s+)?(?:total|overall|whole)\b|总额|总量|总值|总数|总计/i;

/** Words that make a percentage a change, a share or a compound annual rate. */
export const CAGR_WORDS =
  /\b(?:average annual|annual average|compound(?:ed)? annual|CAGR|annuali[sz]ed|per year on average|a year on average)\b|年均|年平均/i;
export const SHARE_WORDS =
  /\b(?:shares?|made up|makes? up|represent(?:s|ed|ing)?|constitut\w*|accounting for|accounted for|accounts for|proportion|of (?:the )?(?:total|world|global)|percent of|per cent of|% of)\b|占|比重|份额|市场占有率/i;
export const UP_WORDS =
  /\b(?:increas\w*|up|rise|rose|risen|rising|grow\w*|grew|gain\w*|jump\w*|surg\w*|climb\w*|higher|expan\w*|soar\w*)\b|增长|增加|上升|提高|上涨|增幅|扩大/i;
/** Words that make a percentage a change without saying which way. */
export const CHANGE_WORDS = /\b(?:year[- ]on[- ]year|yoy|y-o-y|change)\b|同比|环比/i;
export const DOWN_WORDS =
  /\b(?:decreas\w*|down|declin\w*|fell|fall\w*|drop\w*|lower|shr[iau]nk\w*|contract\w*|slump\w*|plung\w*|reduc\w*|slid|slide|dipped)\b|下降|减少|下滑|回落|降低|萎缩|下跌|降幅/i;

/** Counted nouns after a number that name a metric; anything else counted is `count`. */
export const COUNT_NOUNS: [RegExp, Metric][] = [
  [/^(?:visitors?|tourists?|visits|attendees|spectators|人次|游客|观众)/i, 'visitors'],
  [/^(?:subscribers?|followers?|订阅|粉丝)/i, 'subscribers'],
  [/^(?:users?|players?|gamers?|用户|玩家)/i, 'users'],
  [/^(?:views?|page ?views|plays|streams|downloads?|clicks|viewings)|^(?:次播放|次浏览|次点击)/i, 'views'],
  [/^(?:employees|jobs|workers|staff|employed|从业人员|就业)/i, 'employment'],
];

/** Units of time after a number: a duration, not a count. */
export const DURATION_NOUNS =
  /^(?:years?|months?|weeks?|days?|decades?|centuries|century|hours?)\b|^(?:个月|年|天|周|小时)/i;

/**
 * Scopes of cultural trade, from the most specific phrase to the most general. The scope id is
 * what relations compare and what verification looks up in official series.
 */
export const SCOPES: [RegExp, string][] = [
  [/\bcore cultural (?:products|goods)\b|核心文化产品/gi, 'core_cultural_products'],
  [
    /\b(?:personal,? )?cultural(?:,)? (?:and|&) (?:entertainment|recreational) services\b|文化娱乐服务|个人、文化和娱乐服务/gi,
    'cultural_entertainment_services',
  ],
  [
    /\bcultural (?:products|goods) and (?:cultural )?services\b|\bcultural (?:products|goods) and service trade\b|文化产品和服务|文化产品与服务/gi,
    'cultural_trade',
  ],
  [
    /\b(?:foreign|international|external) (?:cultural trade|trade in cult\w+)\b|\bcultur(?:e|al) foreign trade\b|\btrade in culture\b|对外文化贸易|文化贸易/gi,
    'cultural_trade',
  ],
  [/\bcultural services?\b|文化服务/gi, 'cultural_services'],
  [/\bcultural (?:products|goods)\b|文化产品|文化商品/gi, 'cultural_products'],
  // DCMS: services exported by businesses in the creative industries; goods by commodity.
  [
    /\b(?:services? exports?|exports? of services) (?:of|from|by) (?:the )?(?:UK(?:'s|’s)? )?creative industries\b|\bcreative industr(?:y|ies)(?:'|’)?\s+services? exports?\b/gi,
    'creative_industries_services',
  ],
  [
    /\b(?:goods exports?|exports? of goods) (?:of|from|by) (?:the )?(?:UK(?:'s|’s)? )?creative industries\b|\bcreative industr(?:y|ies)(?:'|’)?\s+goods exports?\b/gi,
    'creative_industries_goods',
  ],
  // Korea's content industry (MCST / KOCCA: 11 sectors from publishing to games).
  [/\b(?:cultural |K-)?content(?:s)? (?:industry|industries)\b|\b(?:cultural |K-)content(?:s)?\b|콘텐츠|内容产业/gi, 'content_industry'],
  [/\bcreative (?:goods|products)\b|创意产品/gi, 'creative_goods'],
  [/\bcreative services\b|创意服务/gi, 'creative_services'],
  [/\b(?:video |online |mobile )?games?\b|游戏/gi, 'games'],
  [/\bcultural trade\b/gi, 'cultural_trade'],
];

// ---------------------------------------------------------------- countries

const EXTRA_NAMES: [string, string][] = [
  ['mainland China', 'CHN'],
  ['PRC', 'CHN'],
  ['Chinese', 'CHN'],
  ['中国', 'CHN'],
  ['the US', 'USA'],
  ['the U.S.', 'USA'],
  ['U.S.', 'USA'],
  ['US', 'USA'],
  ['USA', 'USA'],
  ['America', 'USA'],
  ['American', 'USA'],
  ['美国', 'USA'],
  ['the UK', 'GBR'],
  ['UK', 'GBR'],
  ['Britain', 'GBR'],
  ['British', 'GBR'],
  ['England', 'GBR'],
  ['英国', 'GBR'],
  ['South Korea', 'KOR'],
  ['Korea', 'KOR'],
  ['Korean', 'KOR'],
  ['韩国', 'KOR'],
  ['North Korea', 'PRK'],
  ['Russia', 'RUS'],
  ['Russian', 'RUS'],
  ['Vietnam', 'VNM'],
  ['Viet Nam', 'VNM'],
  ['Iran', 'IRN'],
  ['Syria', 'SYR'],
  ['Taiwan', 'TWN'],
  ['Hong Kong', 'HKG'],
  ['Macao', 'MAC'],
  ['Macau', 'MAC'],
  ['Laos', 'LAO'],
  ['Turkey', 'TUR'],
  ['Czech Republic', 'CZE'],
  ['Japanese', 'JPN'],
  ['日本', 'JPN'],
  ['French', 'FRA'],
  ['法国', 'FRA'],
  ['German', 'DEU'],
  ['德国', 'DEU'],
  ['Indian', 'IND'],
  ['印度', 'IND'],
  ['Italian', 'ITA'],
  ['Spanish', 'ESP'],
  ['Canadian', 'CAN'],
  ['Australian', 'AUS'],
  ['Brazilian', 'BRA'],
  ['Mexican', 'MEX'],
  ['Thai', 'THA'],
  ['Indonesian', 'IDN'],
  ['Malaysian', 'MYS'],
  ['Singaporean', 'SGP'],
  ['Egyptian', 'EGY'],
  ['Nigerian', 'NGA'],
  ['Kenyan', 'KEN'],
  // The Korean wave's words name Korea as the maker: "K-pop album exports".
  ['K-pop', 'KOR'],
  ['K-drama', 'KOR'],
  ['K-dramas', 'KOR'],
  ['K-content', 'KOR'],
  ['Hallyu', 'KOR'],
];

/** Adjectives (demonyms and the like) among the names: they name a maker, never a partner market. */
const ADJECTIVE_NAME = /(?:ese|ian|an|ish|ch|i|K-\w+|Hallyu)$/;

/** Words that look like a country name but are not one in running text. */
const NOT_COUNTRIES = new Set(['Chad', 'Jordan', 'Georgia', 'Guinea', 'Niger', 'Turkey', 'Dominica', 'Mali']);

let countryRe: RegExp | null = null;
const countryByName = new Map<string, string>();
const countryNames = new Set<string>();
const demonyms = new Set<string>();

function buildCountries(): RegExp {
  if (countryRe) return countryRe;
  const add = (name: string, iso3: string) => {
    if (!name || name.length < 2) return;
    if (!countryByName.has(name.toLowerCase())) countryByName.set(name.toLowerCase(), iso3);
  };
  for (const [n, c] of EXTRA_NAMES) add(n, c);
  for (const c of worldCountries as unknown as {
    cca3: string;
    name: { common: string; official: string };
    demonyms?: { eng?: { m?: string } };
    translations?: { zho?: { common?: string } };
  }[]) {
    if (!NOT_COUNTRIES.has(c.name.common)) add(c.name.common, c.cca3);
    add(c.name.official, c.cca3);
    countryNames.add(c.name.common.toLowerCase());
    countryNames.add(c.name.official.toLowerCase());
    const dem = c.demonyms?.eng?.m;
    if (dem && dem.length > 3 && !NOT_COUNTRIES.has(dem)) {
      add(dem, c.cca3);
      demonyms.add(dem.toLowerCase());
    }
    const zh = c.translations?.zho?.common;
    if (zh && zh.length >= 2) add(zh, c.cca3);
  }
  const names = [...countryByName.keys()].sort((a, b) => b.length - a.length);
  const esc = (s: string) => s.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
  // Latin names need word boundaries and their capital letter; CJK names match anywhere.
  const latin = names.filter((n) => /^[ -~]+$/.test(n)).map(esc);
  const cjk = names.filter((n) => !/^[ -~]+$/.test(n)).map(esc);
  countryRe = new RegExp(`(?<![\\w.])(?:${latin.join('|')})(?![\\w])|${cjk.join('|')}`, 'gi');
  return countryRe;
}

export interface CountryMention {
  start: number;
  end: number;
  iso3: string;
  text: string;
  /** A demonym or adjective ("Korean", "K-pop"): the maker, never a partner market. */
  adjective?: boolean;
}

/** Country mentions in a text (names, demonyms, Chinese names). Latin names must be capitalised. */
export function findCountries(text: string): CountryMention[] {
  const re = buildCountries();
  const out: CountryMention[] = [];
  re.lastIndex = 0;
  for (const m of text.matchAll(re)) {
    const t = m[0];
    if (/^[a-z]/.test(t.replace(/^the\s+/i, ''))) continue; // "us", "china" (porcelain) in lower case are not countries
    const at = m.index ?? 0;
    if (t === 'US' && /^[A-Z ]+$/.test(text.slice(Math.max(0, at - 6), at + 8))) continue; // headline capitals
    if (
      /^(?:US|U\.S\.|American|Hong Kong)$/i.test(t) &&
      /^\s?(?:\$|dollars?\b)/i.test(text.slice(at + t.length, at + t.length + 9))
    )
      continue; // US$, US dollars
    const iso3 = countryByName.get(t.toLowerCase());
    const adjective = demonyms.has(t.toLowerCase()) || (/^[\x20-\x7e]+$/.test(t) && ADJECTIVE_NAME.test(t) && !countryNames.has(t.toLowerCase()));
    if (iso3) out.push({ start: m.index ?? 0, end: (m.index ?? 0) + t.length, iso3, text: t, ...(adjective ? { adjective } : {}) });
  }
  return out;
}

/** "my country", "our country", "the country", 我国: the author's own country. */
export const OWN_COUNTRY = /\b(?:my|our|the) (?:country|nation)\b|我国|本国/gi;

// ---------------------------------------------------------------- parts of a whole

/**
 * Words that make a figure about a part of a country's total, never the total itself: a
 * sub-national region, a kind of enterprise, a category of cultural goods or services (the
 * domains of the UNESCO framework and the customs' headings). A figure with a part is not checked
 * against a national series and may be a part in a sum or a share.
 */
export const PART_WORDS: [RegExp, string][] = [
  [
    /(?:广东|福建|浙江|江苏|上海|北京|天津|重庆|山东|河北|河南|湖北|湖南|江西|安徽|四川|云南|贵州|广西|海南|辽宁|吉林|黑龙江|陕西|山西|甘肃|青海|宁夏|新疆|西藏|内蒙古)(?:省|市|自治区)?|(?![占全本该各外其对在])[\u4e00-\u9fff]{2,3}(?:省|自治区)(?![\u4e00-\u9fff]*(?:委|厅|局))|\b[A-Z][a-z]+ (?:Province|province|prefecture|Prefecture)\b/g,
    'region',
  ],
  [
    /私营企业|民营企业|国有企业|外资企业|外商投资企业|中小企业|\b(?:private(?:ly[- ]owned)?|state[- ]owned|foreign[- ](?:invested|funded)|small and medium(?:-sized)?)\s+(?:enterprises|firms|companies|businesses)\b|\bSMEs\b/gi,
    'enterprise',
  ],
  [
    /视觉艺术品|视听媒介|印刷品|图书|报纸|期刊|出版物|工艺美术品|乐器|文化专用设备|游戏机|动漫|自主研发|自研|\b(?:self-developed|home-grown|homegrown)\b|\b(?:visual arts?|art ?works|audio-?visual (?:media|products)|printed (?:matter|media)|books?|newspapers|periodicals|publications|crafts|handicrafts|antiques|musical instruments|films?|movies|music|albums?|video games|TV (?:series|programmes|programs|dramas))\b/gi,
    'category',
  ],
];

/** One name for a part written several ways (自研 is short for 自主研发). */
export const PART_NAMES: Record<string, string> = { 自研: '自主研发', homegrown: 'home-grown' };

/** The one name of a part word as written: "Albums", "album" → "album"; 自研 → 自主研发. */
export function partName(written: string): string {
  const name = PART_NAMES[written.toLowerCase()] ?? written.toLowerCase();
  return /^[a-z][a-z ]*[^s]s$/.test(name) && !/(?:ss|us|is)$/.test(name) ? name.slice(0, -1) : name;
}

/** World regions and groupings: partner markets, never the maker of a figure. */
export const REGIONS: [RegExp, string][] = [
  [/\bSouth[- ]?east Asia(?:n)?\b|东南亚/g, 'Southeast Asia'],
  [/\bASEAN\b|东盟/g, 'ASEAN'],
  [/\b(?:the )?European Union\b|\bEU\b|欧盟/g, 'EU'],
  [/\bEurope\b|欧洲/g, 'Europe'],
  [/\bNorth America\b|北美/g, 'North America'],
  [/\bLatin America\b|拉美|拉丁美洲/g, 'Latin America'],
  [/\bMiddle East\b|中东/g, 'Middle East'],
  [/\bAfrica\b|非洲/g, 'Africa'],
  [/\b(?:Belt and Road|BRI) (?:countries|economies|partners)\b|“?一带一路”?(?:沿线|共建)?国家/g, 'Belt and Road countries'],
  [/\bAsia(?:-Pacific)?\b|亚洲(?:其他地区)?/g, 'Asia'],
];

/**
 * Milestones: a level said to be reached "for the first time" (首次突破, 首超, "never before") or a
 * "record" (创历史新高, all-time high, the highest on record). Low forms (跌破, record low, 历史新低)
 * turn the comparison round. Read in the clause of the figure (milestones.ts).
 */
export const FIRST_TIME_WORDS = /首次|首度|第一次|首超|\bfor the first time\b|\bthe first time\b|\bnever before\b|\bfirst[- ]ever\b/i;
export const RECORD_WORDS =
  /历史新高|历史最高|历史新低|历史最低|创新高|创新低|创纪录|新纪录|最高纪录|\b(?:an? |new |all-time )?record(?:[- ](?:high|low|level|breaking))?\b(?!\s+(?:labels?|companies|company|stores?|shops?|numbers?|industry))|\ball-time (?:high|low)\b|\bhighest (?:ever|on record)\b|\blowest (?:ever|on record)\b/i;
/** Words that make a milestone a low one: "fell below … for the first time", "record low". */
export const LOW_MILESTONE_WORDS = /跌破|低于|降至|历史新低|历史最低|创新低|\b(?:record|all-time)[- ]low\b|\blowest\b|\bfell below\b|\bdropped below\b|\bdipped below\b/i;
