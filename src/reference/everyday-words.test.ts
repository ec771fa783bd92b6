/**
 * Everyday words for HS headings (data/hs/everyday-words.csv): the words people use for cultural
 * goods lead to the headings those goods are classified in, in English and Chinese; every heading
 * named exists in the English nomenclature of each edition the row is for; a word inside a longer
 * one (书 in 书法) does not bring in the shorter word's headings.
 */
import { readFileSync } from 'node:fs';
import { gunzipSync } from 'node:zlib';
import { parse } from 'csv-parse/sync';
import { describe, expect, it } from 'vitest';
import { dataPath } from './data-files.ts';
import { everydayEntries, everydayHits } from './everyday-words.ts';
import { comtradeEditionCodes, hsEditions } from './hs.ts';
import { zhName } from './product-names-zh.ts';

/** edition → codes of the bundled English nomenclature, read with an independent CSV reader. */
const codesByEdition = new Map<string, Set<string>>(hsEditions.map((e) => [e, new Set<string>()]));
for (const r of parse(gunzipSync(readFileSync(dataPath('hs', 'hs-names.csv.gz'))).toString('utf8'), { columns: true }) as Record<string, string>[]) {
  for (const c of r.editions!.split(' ')) codesByEdition.get(comtradeEditionCodes[c]!)!.add(r.code!);
}

const codes = (q: string, edition = 'HS2022') => everydayHits(q, edition).map((h) => h.code).sort();

describe('everyday words for HS headings', () => {
  it('lead from the words of cultural goods, English and Chinese, to their headings', () => {
    for (const q of ['lantern', 'festival lanterns', '灯笼', '花灯', '元宵节花灯']) expect(codes(q), q).toEqual(['9405', '9505']);
    for (const q of ['video game', 'Video Games', '电子游戏']) expect(codes(q), q).toEqual(['8523', '9504']);
    for (const q of ['film', 'movie', '电影']) expect(codes(q), q).toEqual(['3706', '8523']);
    for (const q of ['musical instruments', '乐器']) expect(codes(q), q).toEqual(['9201', '9202', '9205', '9206', '9207', '9208', '9209']);
    for (const q of ['painting', 'oil paintings', '绘画', '油画']) expect(codes(q), q).toEqual(['9701']);
    for (const q of ['toy', 'toys', '玩具']) expect(codes(q), q).toEqual(['9503']);
  });

  it('keep to the editions a row names: recorded media are 8524 up to HS2002 and 8523 after; dolls 9502 up to HS2002', () => {
    expect(codes('movie', 'HS2002')).toEqual(['3706', '8524']);
    expect(codes('movie', 'HS2007')).toEqual(['3706', '8523']);
    expect(codes('doll', 'HS1996')).toEqual(['9502', '9503']);
    expect(codes('doll', 'HS2017')).toEqual(['9503']);
  });

  it('say which word led to a heading and why, in both languages', () => {
    const hit = everydayHits('paper lanterns for the festival', 'HS2022').find((h) => h.code === '9505')!;
    expect(hit.word).toBe('paper lantern');
    expect(hit.note).toMatch(/festive articles/);
    expect(hit.note_zh).toMatch(/节日用品/);
  });

  it('match English as whole words and leave out a word found inside a longer one', () => {
    expect(codes('drumsticks')).toEqual([]); // not "drum"
    expect(codes('lamplight')).toEqual([]); // not "lamp"
    expect(codes('书法')).toEqual(['9701']); // calligraphy, not 书 (books)
    expect(codes('木刻版画')).toEqual(['9702']); // woodcut prints, not 木刻 (wood carving)
    expect(codes('steel pipes')).toEqual([]);
  });

  it('name only headings of the English nomenclature, in every edition each row is for, with words and notes in both languages', () => {
    const problems: string[] = [];
    for (const e of everydayEntries()) {
      if (!e.words.some((w) => /[a-z]/.test(w)) || !e.words.some((w) => /[\u4e00-\u9fff]/.test(w))) problems.push(`${e.codes}: words in one language only`);
      if (!e.note || !e.note_zh) problems.push(`${e.codes}: a note is missing`);
      for (const ed of e.editions) if (!codesByEdition.has(ed)) problems.push(`${e.codes}: unknown edition ${ed}`);
      for (const ed of e.editions.length ? e.editions : hsEditions) {
        for (const c of e.codes) if (!codesByEdition.get(ed)?.has(c)) problems.push(`${c} is not in ${ed}`);
      }
    }
    // Each heading has a Chinese name too (names-zh.csv), so a hit reads in Chinese; 8524 is two headings (recorded media, then flat panel displays).
    const unnamed = [...new Set(everydayEntries().flatMap((e) => e.codes))].filter((c) => c !== '8524' && !zhName('hs', c));
    expect(unnamed).toEqual([]);
    expect(everydayEntries().length).toBeGreaterThan(40);
    expect(problems).toEqual([]);
  });
});
