import { describe, expect, it } from 'vitest';
import { documentFromString } from './documents.ts';
import { extractClaims } from './extract.ts';

const ex = (text: string, date: string | undefined = '2023-03-01', name = 't.txt') =>
  extractClaims(documentFromString(text, name, { date }));
const get = (text: string, quote: string, date?: string) => {
  const c = ex(text, date).find((x) => x.quote === quote);
  expect(c, `no claim "${quote}"`).toBeDefined();
  return c as NonNullable<typeof c>;
};

describe('extractClaims: kind and metric', () => {
  it('reads levels and their change with the metric of the nearest keyword', () => {
    const t =
      'In 2021, Brazil’s exports of cultural goods were US$2.4 billion, up 6.5%, while imports fell 3.2% to US$1.9 billion.';
    expect(get(t, 'US$2.4 billion')).toMatchObject({
      kind: 'level',
      metric: 'exports',
      entity: 'BRA',
      period: '2021',
      scope: 'cultural_products',
    });
    expect(get(t, '6.5%')).toMatchObject({ kind: 'change_pct', metric: 'exports', value: 6.5 });
    expect(get(t, '3.2%')).toMatchObject({ kind: 'change_pct', metric: 'imports', value: -3.2 });
    expect(get(t, 'US$1.9 billion')).toMatchObject({ metric: 'imports' });
  });
  it('reads a total as total_trade before reading "export" inside it', () => {
    expect(
      get('Total imports and exports of creative goods reached US$7 billion in 2020.', 'US$7 billion'),
    ).toMatchObject({ metric: 'total_trade', scope: 'creative_goods' });
  });
  it('reads a surplus as a balance and a deficit as a negative balance', () => {
    expect(get('In 2019, the trade surplus was US$3 billion.', 'US$3 billion')).toMatchObject({
      metric: 'balance',
      value: 3e9,
    });
    expect(get('In 2019, the trade deficit was US$3 billion.', 'US$3 billion')).toMatchObject({
      metric: 'balance',
      value: -3e9,
    });
  });
  it('reads a share, a CAGR and percentage points', () => {
    expect(get('Games held 31% of the market share.', '31%')).toMatchObject({
      kind: 'share_pct',
      metric: 'market_share',
    });
    expect(get('From 2000 to 2020 exports grew at an average annual rate of 9%.', '9%')).toMatchObject({
      kind: 'cagr_pct',
      period: '2000..2020',
    });
    expect(
      get('In 2020, the export share rose by 1.5 percentage points.', '1.5 percentage points'),
    ).toMatchObject({ kind: 'change_pp', unit: 'pp' });
  });
  it('reads counted nouns as metrics', () => {
    expect(get('The fair attracted 2 million visitors.', '2 million')).toMatchObject({
      kind: 'count',
      metric: 'visitors',
      value: 2e6,
    });
    expect(get('The app has over 3 million subscribers.', '3 million')).toMatchObject({
      metric: 'subscribers',
      qualifier: 'gt',
    });
    expect(get('The clips were played more than 40 million times.', '40 million')).toMatchObject({
      metric: 'views',
    });
    expect(get('Ireland signed treaties with 14 countries.', '14')).toMatchObject({
      metric: 'count',
      entity: 'IRL',
    });
  });
  it('reads Chinese sentences', () => {
    const t = '2020年，我国文化产品进出口总额1086.9亿美元，同比下降2.5%。';
    const cs = ex(t, '2021-02-01');
    expect(cs.find((c) => c.quote === '1086.9亿美元')).toMatchObject({
      value: 108.69e9,
      unit: 'USD',
      metric: 'total_trade',
      period: '2020',
      entity: 'CHN',
      scope: 'cultural_products',
    });
    expect(cs.find((c) => c.quote === '2.5%')).toMatchObject({ kind: 'change_pct', value: -2.5 });
  });
  it('reads full-width digits, keeping offsets into the original text', () => {
    const t = '2020年出口１２．５亿美元。';
    const c = ex(t)[0];
    expect(c?.value).toBe(1.25e9);
    expect(t.slice(c?.start, c?.end)).toBe('１２．５亿美元');
  });
});

describe('extractClaims: periods and entities from context', () => {
  it('carries the year of the sentence before within a paragraph, and the from/to span', () => {
    const t =
      'Between 2012 and 2022, Japan’s cultural services trade grew. Exports increased from US$4.1 billion to US$9.8 billion.';
    expect(get(t, 'US$4.1 billion')).toMatchObject({ period: '2012', entity: 'JPN' });
    expect(get(t, 'US$9.8 billion')).toMatchObject({ period: '2022' });
  });
  it('does not carry a year across paragraphs', () => {
    const t = 'In 2019 the ministry met.\nThe country has 40 theatres.';
    expect(get(t, '40').period).toBeNull();
  });
  it('resolves "last year" against the document date', () => {
    expect(
      get('Exports of films reached US$1.1 billion last year.', 'US$1.1 billion', '2020-06-01').period,
    ).toBe('2019');
  });
  it('skips partners: "exports to Japan" are the reporter’s', () => {
    expect(get('Korea’s game exports to Japan were US$2 billion in 2020.', 'US$2 billion').entity).toBe(
      'KOR',
    );
  });
  it('maps "my country" to the document’s main country', () => {
    const t = 'India is a large exporter. In 2020 my country exported US$2 billion of crafts.';
    expect(get(t, 'US$2 billion').entity).toBe('IND');
  });
});

describe('extractClaims: noise', () => {
  it('drops dates, ordinals, plan names, pages and URLs', () => {
    const t =
      'On 3 March 2021, the 5th forum under the 14th Five-Year Plan (page 7, https://x.org/a/123) opened at 9:30 a.m.';
    expect(ex(t)).toEqual([]);
  });
  it('marks a repeated passage', () => {
    const t = 'In 2020 exports were US$5 billion.\nIn 2020 exports were US$5 billion.';
    const cs = ex(t);
    expect(cs[1]?.repeat_of).toBe(cs[0]?.id);
  });
});

describe('extractClaims: more rules', () => {
  it('skips the base year of a comparison ("up 12% on 2021" is a 2022 change)', () => {
    expect(get('Music exports rose 12% on 2021.', '12%').period).toBe('2022');
    expect(get('In 2022 exports were £5bn, up 12% on 2021.', '12%').period).toBe('2022');
  });
  it('does not give other figures the year of an event told in passing', () => {
    const t = 'The fair, first held in 1961, hosted 800 exhibitors.';
    expect(get(t, '800').period).toBeNull();
  });
  it('reads "global trade" as the world, but not the whole of a share', () => {
    expect(get('Global trade in creative goods reached $500 billion in 2020.', '$500 billion').entity).toBe(
      'WLD',
    );
    expect(get('Peru held 2% of global exports of crafts.', '2%').entity).toBe('PER');
  });
  it('reads ¥ as yen in a figure about Japan and as yuan otherwise', () => {
    expect(get('Japan’s anime exports reached ¥1.2 trillion in 2021.', '¥1.2 trillion').unit).toBe('JPY');
    expect(get('China’s film exports reached ¥1.2 billion in 2021.', '¥1.2 billion').unit).toBe('CNY');
  });
  it('reads fractions as shares in percent', () => {
    expect(get('Games made up two-thirds of exports in 2022.', 'two-thirds')).toMatchObject({
      unit: 'percent',
      kind: 'share_pct',
    });
  });
  it('takes the entity from the paragraph when the sentence names none', () => {
    expect(get('Mexico hosted the festival in 2019. It drew 2 million visitors.', '2 million').entity).toBe(
      'MEX',
    );
  });
  it('reads a news dateline as the document date', () => {
    const d = documentFromString('NAIROBI, 3 May 2023 — Exports of crafts rose 4% last year.', 'n.txt');
    expect(d.date).toBe('2023-05-03');
    expect(extractClaims(d)[0]?.period).toBe('2022');
  });
});

describe('extractClaims: attached years and adjectives', () => {
  it('gives each figure the year written right after it', () => {
    const t = 'Exports rose from $3.1bn in 2020 to $3.9bn in 2021.';
    expect(get(t, '$3.1bn').period).toBe('2020');
    expect(get(t, '$3.9bn').period).toBe('2021');
  });
  it('does not read hyphenated durations used as adjectives, nor 上半年', () => {
    expect(ex('Sales hit a 15-year high at the 3-day fair.')).toEqual([]);
    expect(ex('2023年上半年出口增长5%。').map((c) => c.quote)).toEqual(['5%']);
  });
});

describe('claimSchema', () => {
  it('accepts every claim extraction produces, English and Chinese', async () => {
    const { claimSchema } = await import('./extract.ts');
    const cs = [
      ...ex(
        'In 2021, exports of cultural goods from Peru rose 4.1% to US$2.2 billion; 35 fairs drew over 1 million visitors.',
      ),
      ...ex('2020年，我国文化产品出口约998.9亿美元，增长7.9%。'),
    ];
    expect(cs.length).toBeGreaterThan(5);
    for (const c of cs) expect(claimSchema.safeParse(c).success, JSON.stringify(c)).toBe(true);
  });
});

describe('extractClaims: "the US"', () => {
  it('reads "the US" as a country', () => {
    expect(get('In 2019, the US imported $2 billion of antiques.', '$2 billion').entity).toBe('USA');
  });
});

describe('extractClaims: the document period and parts of a total', () => {
  it('carries the lead’s period (a half-year) to paragraphs that name none', () => {
    const t = '游戏市场上半年收入创新高\n\n2020年上半年,我国游戏市场收入达1394.93亿元。\n\n其中,移动游戏收入1046.73亿元,同比增长46.09%。';
    expect(get(t, '1394.93亿元', undefined).period).toBe('2020H1');
    expect(get(t, '1046.73亿元', undefined).period).toBe('2020H1');
    expect(get(t, '46.09%', undefined).period).toBe('2020H1');
  });
  it('carries the lead’s year, not to counts of things', () => {
    const t = 'Film exports hit a record in 2018.\n\nSales abroad rose 12% to $5 billion.\n\nThe guild has 40 member studios.';
    expect(get(t, '$5 billion', undefined).period).toBe('2018');
    expect(get(t, '40', undefined).period).toBeNull();
  });
  it('names the part a figure is about (province, kind of firm, category of goods)', () => {
    const t = '2015年,广东出口文化产品80.5亿美元,增长3.1%。私营企业出口50.2亿美元。我国出口图书2.1亿美元。';
    expect(get(t, '80.5亿美元').part).toBe('广东');
    expect(get(t, '3.1%').part).toBe('广东');
    expect(get(t, '50.2亿美元').part).toBe('私营企业');
    expect(get(t, '2.1亿美元').part).toBe('图书');
    expect(get('2015年,我国出口文化产品180亿美元,增长5%。', '180亿美元').part).toBeNull();
    expect(get('In 2019, exports of books from Peru were $12 million.', '$12 million').part).toBe('book');
  });
});

describe('extractClaims: change or share from the words at the figure', () => {
  it('reads "up 12% from 2018" as a change even beside share words, and bare breakdown percentages as shares', () => {
    expect(get('The games segment held the third-largest stake at $3 billion, up 12.8% from 2018.', '12.8%').kind).toBe('change_pct');
    expect(get('Exports were $2 billion, 19% more than in 2018.', '19%').kind).toBe('change_pct');
    expect(get('2022年海外收入30亿元,其中东南亚约38%。', '38%').kind).toBe('share_pct');
    expect(get('其中美国超过三成。', '三成').kind).toBe('share_pct');
  });
  it('reads abbreviated scales in capitals ($25BN, JPY3.8TR)', () => {
    expect(get('revenues of $25BN (JPY3.8TR) in 2024', '$25BN').value).toBe(25e9);
    expect(get('revenues of $25BN (JPY3.8TR) in 2024', 'JPY3.8TR').value).toBe(3.8e12);
  });
});

describe('extractClaims: coordinated figures', () => {
  it('carries a bound word to the figure coordinated with it, and "the next year" to its period', () => {
    const t = 'Film exports have grown, topping 100 million dollars in 2020 and 200 million dollars the next year.';
    expect(get(t, '100 million dollars')).toMatchObject({ qualifier: 'gt', period: '2020' });
    expect(get(t, '200 million dollars')).toMatchObject({ qualifier: 'gt', period: '2021' });
  });
  it('names one part one way ("Albums" and "album")', () => {
    expect(get('In 2022, album exports were $20 million.', '$20 million').part).toBe('album');
    expect(get('In 2022, exports of albums were $20 million.', '$20 million').part).toBe('album');
  });
});

describe('extractClaims: bounds, conversions and rates written around the figure', () => {
  it('reads "tops N" as a bound, not a ranking, and a conversion in brackets as bounded too', () => {
    expect(get('Film box office tops 5 billion euros for the first time', '5 billion euros')).toMatchObject({ qualifier: 'gt', unit: 'EUR' });
    const t = 'Game exports this year exceeded 400 billion won ($300 million) by September.';
    expect(get(t, '400 billion won')).toMatchObject({ qualifier: 'gt', unit: 'KRW' });
    expect(get(t, '$300 million')).toMatchObject({ qualifier: 'gt', unit: 'USD' });
    expect(get('Exports rose to $12 million (€11 million) in 2021.', '€11 million').qualifier).toBe('eq');
  });
  it('reads "a 9.5 on-year percent increase" as a change in percent', () => {
    expect(get('Toy exports reached $80.5 million, which is a 9.5 on-year percent increase.', '9.5 on-year percent')).toMatchObject({
      unit: 'percent',
      kind: 'change_pct',
      value: 9.5,
    });
  });
  it('reads goods "sold $1.25 million overseas" as exports (a decimal point inside)', () => {
    expect(get('In 2022, the studio’s comics sold $1.25 million overseas.', '$1.25 million').metric).toBe('exports');
  });
});

describe('extractClaims: one name for a part written two ways', () => {
  it('names 自研 and 自主研发 (self-developed) the same part', () => {
    expect(get('2023年,自研游戏海外收入80亿美元。', '80亿美元').part).toBe('自主研发');
    expect(get('2023年,自主研发游戏海外收入80亿美元。', '80亿美元').part).toBe('自主研发');
  });
});

describe('extractClaims: the part named after the figure', () => {
  it('reads "$12 million worth of books" as the books part', () => {
    expect(get('In 2023, Korea shipped $12 million worth of books abroad.', '$12 million').part).toBe('book');
    expect(get('In 2023, the nation exported 12-point-5 million U.S. dollars’-worth of books.', '12-point-5 million U.S. dollars').part).toBe('book');
  });
});

describe('extractClaims: a flow named with its measure, a share named by what is shared', () => {
  it('reads "export turnover" and "export value" as exports, "import bill" as imports', () => {
    expect(get('In 2021 the industry’s export turnover stood at 4.2 billion dollars.', '4.2 billion dollars').metric).toBe('exports');
    expect(get('Last year the export value of toys was 800 million dollars.', '800 million dollars').metric).toBe('exports');
    expect(get('In 2022 the import bill for films came to 300 million dollars.', '300 million dollars').metric).toBe('imports');
  });
  it('reads no measure in an organisation’s name', () => {
    expect(get('According to the Ministry of Foreign Trade, shipments of furniture came to 3 billion dollars in 2022.', '3 billion dollars').metric).toBeNull();
    const t = "Peru's silk exports rise\n\nLIMA -- Peru's silk exports were 2 billion dollars in 2023, the Ministry of Foreign Trade said.\n\nScarves accounted for 600 million dollars.";
    expect(get(t, '600 million dollars').metric).toBe('exports');
  });
  it('gives a share the measure of what is shared, before 占 / "made up", not of the whole it names', () => {
    expect(get('2022年，出口额占进出口总额的比重为70.0%。', '70.0%')).toMatchObject({ kind: 'share_pct', metric: 'exports' });
    expect(get('In 2022, imports made up 30 percent of total trade in toys.', '30 percent')).toMatchObject({ kind: 'share_pct', metric: 'imports' });
    expect(get('In 2022, shipments to Chile made up 12 percent of exports.', '12 percent').metric).toBe('exports');
  });
  it('gives a share the partner market of its subject: the words after 占 name the whole', () => {
    expect(get('2022年，对日本出口500亿元，增长3.0%，占出口总额的10.0%。', '10.0%')).toMatchObject({ partner: 'JPN', metric: 'exports' });
  });
  it('reads a country listed with a partner market as a partner too', () => {
    const c = get('Peru’s exports of crafts to Chile and Bolivia rose 4 percent in 2022.', '4 percent');
    expect(c).toMatchObject({ entity: 'PER', partner: 'BOL' });
  });
  it('reads a percentage set beside a level ("…, or 9 percent") as its share, beside a change not', () => {
    expect(get('In 2022, exports to Spain stood at 90 million euros, or 9 percent.', '9 percent').kind).toBe('share_pct');
    expect(get('In 2022, exports rose by 90 million euros, or 9 percent.', '9 percent').kind).not.toBe('share_pct');
  });
});

describe('extractClaims: figures that go on about the document’s subject', () => {
  const doc = (body: string) => `Peru's textile exports grow\n\nLIMA -- Peru exported 2 billion dollars of textiles in 2023, officials said.\n\n${body}`;
  it('takes the measure the headline and lead name when the paragraph names none', () => {
    expect(get(doc('Alpaca garments accounted for 600 million dollars.'), '600 million dollars')).toMatchObject({ metric: 'exports', period: '2023' });
  });
  it('takes no measure when the lead names several', () => {
    const t = 'Peru trades more textiles\n\nLIMA -- Peru exported 2 billion dollars of textiles in 2023 and imported 1 billion dollars.\n\nAlpaca garments accounted for 600 million dollars.';
    expect(get(t, '600 million dollars').metric).toBeNull();
  });
  it('takes the scope the lead names when the paragraph names none', () => {
    const t = '2023年，我国文化产品出口9000亿元，增长5.0%。\n对东盟出口1500亿元，增长8.0%。';
    expect(get(t, '1500亿元')).toMatchObject({ scope: 'cultural_products', partner: 'ASEAN' });
  });
});

describe('extractClaims: the year of a figure compared with', () => {
  it('is that figure’s, not the period of the change beside it', () => {
    const t = 'Sales of toys reached 5 billion dollars in 2023, up 4.2 percent from 4.8 billion dollars in 2022.';
    expect(get(t, '4.2 percent').period).toBe('2023');
    expect(get(t, '4.8 billion dollars').period).toBe('2022');
    const base = 'Sales of toys rose 4.2 percent to 5 billion dollars from 4.8 billion dollars in 2022.';
    expect(get(base, '4.2 percent').period).toBe('2023');
  });
  it('keeps "more than" a bound, not a comparison', () => {
    expect(get('Sales topped the 2022 record by more than 14 percent in 2023.', '14 percent').period).toBe('2023');
  });
});

describe('extractClaims: the year before, said in words', () => {
  it('"compared with $37.5bn a year earlier" is the year before, and is not carried to the next sentence', () => {
    const t = 'Toy sales totaled 41 billion dollars in 2023, compared with 37.5 billion dollars a year earlier. Online sales rose 12 percent to 18 billion dollars.';
    expect(get(t, '37.5 billion dollars').period).toBe('2022');
    expect(get(t, '41 billion dollars').period).toBe('2023');
    expect(get(t, '18 billion dollars').period).toBe('2023');
  });
  it('"the same period last year" and 上年同期 are the part of the year the text is about', () => {
    const en = 'Toy exports reached 4.6 billion dollars in the first half of 2024.\n\nIn the same period last year, toy exports amounted to 4.2 billion dollars.';
    expect(get(en, '4.2 billion dollars', '2024-07-20').period).toBe('2023H1');
    const zh = '2024年1—6月，玩具出口1520亿元，同比下降1.5%。上年同期，玩具出口1543亿元。';
    expect(get(zh, '1543亿元', '2024-07-20').period).toBe('2023H1');
  });
});

describe('extractClaims: 全省 is no province', () => {
  it('"占全省…的" names the whole, not a part called 占全省', () => {
    expect(get('2023年，浙江省对欧盟出口420亿元，占全省文化产品出口的22.6%。', '22.6%').part).not.toBe('占全省');
  });
});
