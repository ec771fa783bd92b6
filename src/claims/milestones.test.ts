/** Milestone words read in the clause of a figure, on invented English and Chinese sentences. */
import { describe, expect, it } from 'vitest';
import { documentFromString } from './documents.ts';
import { extractClaims } from './extract.ts';
import { milestoneOf } from './milestones.ts';

const milestone = (text: string, quote: string) => {
  const c = extractClaims(documentFromString(text, 'm.txt', { date: '2024-06-01' })).find((x) => x.quote === quote);
  expect(c, `no claim "${quote}"`).toBeDefined();
  return milestoneOf(c as NonNullable<typeof c>);
};

describe('milestones: "for the first time", 首次, "record"', () => {
  it('a first crossing of a threshold, English and Chinese', () => {
    expect(milestone('In 2019, Peru’s exports of cultural goods topped $10 billion for the first time.', '$10 billion')).toMatchObject({ kind: 'first_time', direction: 'high' });
    expect(milestone('2011年,我国文化产品出口额首次突破100亿美元,达到120亿美元。', '100亿美元')).toMatchObject({ kind: 'first_time', direction: 'high' });
  });
  it('belongs to the threshold’s clause, not to the next figure', () => {
    expect(milestone('2011年,我国文化产品出口额首次突破100亿美元,达到120亿美元。', '120亿美元')).toBeNull();
    expect(milestone('In 2019 exports topped $10 billion for the first time, while imports were $2 billion.', '$2 billion')).toBeNull();
  });
  it('reads a neighbouring clause without a figure, across a clause that only gives the change', () => {
    expect(milestone('2020年,我国文化产品出口额创历史新高,达1000亿美元。', '1000亿美元')).toMatchObject({ kind: 'record', direction: 'high' });
    expect(milestone('2020年,文化产品出口1000亿美元,同比增长10%,创历史新高。', '1000亿美元')).toMatchObject({ kind: 'record' });
    expect(milestone('In 2019, cultural exports reached $10.2 billion, the first time they have passed that mark.', '$10.2 billion')).toMatchObject({ kind: 'first_time' });
  });
  it('low milestones turn the comparison round', () => {
    expect(milestone('In 2020, Peru’s exports of cultural goods fell below $2 billion for the first time.', '$2 billion')).toMatchObject({ kind: 'first_time', direction: 'low' });
    expect(milestone('2020年,文化产品进口降至50亿美元,创历史新低。', '50亿美元')).toMatchObject({ kind: 'record', direction: 'low' });
  });
  it('ignores "record" that is not a milestone, and rates', () => {
    expect(milestone('In 2020, record labels exported $3 billion of music.', '$3 billion')).toBeNull();
    expect(milestone('In 2020, exports recorded $3 billion.', '$3 billion')).toBeNull();
    expect(milestone('In 2020, exports grew by a record 30%.', '30%')).toBeNull();
  });
});
