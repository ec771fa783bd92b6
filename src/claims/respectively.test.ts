import { describe, expect, it } from 'vitest';
import { documentFromString } from './documents.ts';
import { extractClaims } from './extract.ts';

const ex = (text: string) => extractClaims(documentFromString(text, 'r.txt', { date: '2024-06-01' }));
const pick = (text: string, fields: string[]) => ex(text).map((c) => Object.fromEntries(['quote', ...fields].map((f) => [f, c[f as keyof typeof c]])));

describe('"respectively" lists', () => {
  it('gives each figure the metric of its rank ("exports and imports … respectively")', () => {
    expect(pick('In 2022, Brazil’s exports and imports of films were $1.4 billion and $0.3 billion, respectively.', ['metric'])).toEqual([
      { quote: '$1.4 billion', metric: 'exports' },
      { quote: '$0.3 billion', metric: 'imports' },
    ]);
  });
  it('reads Chinese 分别, for levels and for rates', () => {
    expect(pick('2022年,我国图书出口、进口分别为14亿美元和3亿美元,分别增长5%和3%。', ['metric'])).toEqual([
      { quote: '14亿美元', metric: 'exports' },
      { quote: '3亿美元', metric: 'imports' },
      { quote: '5%', metric: 'exports' },
      { quote: '3%', metric: 'imports' },
    ]);
  });
  it('gives partner markets in order, the maker staying the text’s country', () => {
    const t = 'China’s game exports rose in 2022. China’s exports to Japan and Korea were $5 million and $3 million respectively.';
    expect(pick(t, ['partner', 'entity'])).toEqual([
      { quote: '$5 million', partner: 'JPN', entity: 'CHN' },
      { quote: '$3 million', partner: 'KOR', entity: 'CHN' },
    ]);
  });
  it('gives makers and parts in order', () => {
    expect(pick('In 2022, game exports of Japan, Korea and Germany were $3bn, $2bn and $1bn respectively.', ['entity']).map((c) => c.entity)).toEqual([
      'JPN',
      'KOR',
      'DEU',
    ]);
    expect(pick('In 2022, film and music exports grew 12% and 8% respectively.', ['part']).map((c) => c.part)).toEqual(['film', 'music']);
  });
  it('leaves figures alone without "respectively"', () => {
    expect(pick('In 2022, film and music exports grew 12% and 8%.', ['part']).map((c) => c.part)).not.toEqual(['film', 'music']);
  });
});
