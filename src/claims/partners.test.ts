import { describe, expect, it } from 'vitest';
import { documentFromString } from './documents.ts';
import { extractClaims } from './extract.ts';
import { partnerMentions } from './partners.ts';

const claims = (text: string) => extractClaims(documentFromString(text, 'p.txt', { date: '2024-02-01' }));
const get = (text: string, quote: string) => {
  const c = claims(text).find((x) => x.quote === quote);
  expect(c, `no claim "${quote}"`).toBeDefined();
  return c as NonNullable<typeof c>;
};

describe('partner markets are kept apart from the reporter', () => {
  it('reads the partner after a flow word and its preposition', () => {
    expect(partnerMentions('Exports to the United States rose 12%.').map((m) => m.iso3)).toEqual(['USA']);
    expect(partnerMentions('imports from Japan fell').map((m) => m.iso3)).toEqual(['JPN']);
    expect(partnerMentions('Exports of films from the UK grew').map((m) => m.iso3)).toEqual([]);
    expect(partnerMentions('2020年,我国对美国出口图书1.2亿美元').map((m) => m.iso3)).toEqual(['USA']);
    expect(partnerMentions('中国游戏产业研究院与中国音数协发布报告').map((m) => m.iso3)).toEqual([]);
  });
  it('reads buyers and markets as partners, adjectives and possessives as the maker', () => {
    const t =
      'By country, Japan was the biggest buyer of Korean films last year at 40.5 million dollars, followed by China at 21.3 million dollars.';
    expect(get(t, '40.5 million dollars')).toMatchObject({ entity: 'KOR', partner: 'JPN' });
    expect(get(t, '21.3 million dollars')).toMatchObject({ entity: 'KOR', partner: 'CHN' });
  });
  it('keeps regions as partner markets, never the entity', () => {
    const t = '2022年,我国网络小说海外市场规模达20亿元,其中东南亚约占40%。';
    expect(get(t, '40%')).toMatchObject({ entity: 'CHN', partner: 'Southeast Asia' });
  });
  it('gives a partner figure its reporter, and a later total none', () => {
    const t =
      'Brazil’s music exports to Argentina rose 8% in 2023, reaching $40 million, while total exports were $300 million.';
    expect(get(t, '$40 million')).toMatchObject({ entity: 'BRA', partner: 'ARG' });
    expect(get(t, '$300 million')).toMatchObject({ entity: 'BRA', partner: null });
  });
  it('does not read "U.S. dollars" as the United States', () => {
    expect(get('In 2022, Thailand exported 12 million U.S. dollars of films.', '12 million U.S. dollars').entity).toBe('THA');
  });
  it('takes the document’s country from its lead, not from the partner markets it lists', () => {
    const t =
      'K-pop album exports hit a record\n\nAlbum exports rose 10% in 2023.\n\nExports to the United States rose 20%. Exports to the United States were $50 million. The United States, Japan and China were the top markets.';
    expect(get(t, '10%').entity).toBe('KOR');
    expect(get(t, '$50 million')).toMatchObject({ entity: 'KOR', partner: 'USA' });
  });
  it('never makes a partner market the entity when the text names no reporter', () => {
    for (const [t, q, partner] of [
      ['Exports to Japan were $90 million, up 5% in 2023.', '$90 million', 'JPN'],
      ['Shipments to Canada reached $12 million in 2023.', '$12 million', 'CAN'],
      ['Sales in Germany came to $7 million in 2023.', '$7 million', 'DEU'],
      ['Imports from France were $3 million in 2023.', '$3 million', 'FRA'],
      ['2023年对日本出口9000万美元。', '9000万美元', 'JPN'],
      ['2023年向韩国出口图书500万美元。', '500万美元', 'KOR'],
      ['2023年自德国进口300万美元。', '300万美元', 'DEU'],
    ] as const)
      expect(get(t, q), t).toMatchObject({ entity: null, partner });
  });
  it('takes the reporter from the headline or dateline when the body names only partners', () => {
    const en = 'Mexico film exports grow\n\nExports to Japan were $90 million in 2023, up 5%.';
    expect(get(en, '$90 million')).toMatchObject({ entity: 'MEX', partner: 'JPN' });
    const zh = '越南文化产品出口增长\n\n2023年对日本出口9000万美元，自日本进口500万美元。';
    expect(get(zh, '9000万美元')).toMatchObject({ entity: 'VNM', partner: 'JPN' });
    expect(get(zh, '500万美元')).toMatchObject({ entity: 'VNM', partner: 'JPN' });
  });
});
