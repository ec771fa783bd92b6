/**
 * Lantern's own Chinese product names (data/hs/names-zh.csv): every code of the bundled baskets
 * has one (each UNESCO FCS 2009 subheading and its heading, each cultural-services EBOPS item with
 * its sub-items), as do the 21 sections and every chapter; and each name agrees with the English
 * nomenclature it translates: the code exists there, and every number the English name gives
 * (widths, weights, headings referred to) is in the Chinese name too.
 */
import { readFileSync } from 'node:fs';
import { gunzipSync } from 'node:zlib';
import { parse } from 'csv-parse/sync';
import { describe, expect, it } from 'vitest';
import { dataPath } from './data-files.ts';
import { zhName, zhNames } from './product-names-zh.ts';

const csv = (text: string) => parse(text, { columns: true, skip_empty_lines: true }) as Record<string, string>[];
const english = new Map<string, string>();
for (const r of csv(gunzipSync(readFileSync(dataPath('hs', 'hs-names.csv.gz'))).toString('utf8'))) {
  // The HS2007 wording (H3, the basket's edition) where the code has one, else the newest.
  if (!english.has(r.code!) || r.editions!.split(' ').includes('H3')) english.set(r.code!, r.description!);
}
const basket = csv(readFileSync(dataPath('baskets', 'unesco-fcs-2009.csv'), 'utf8')).map((r) => r.code!);
const ebops = csv(readFileSync(dataPath('ebops', 'ebops-2010.csv'), 'utf8'));
const services = csv(readFileSync(dataPath('baskets', 'cultural-services-ebops2010.csv'), 'utf8')).map((r) => r.code!);

/** Numbers of a name, with "60.01" read as 6001 and chapter numbers left out (Chinese writes them in words: 第三十七章). */
function numbers(text: string): Set<string> {
  return new Set(text.replace(/(?<=\d)\.(?=\d)/g, '').replace(/chapters? \d+/gi, '').match(/\d+/g) ?? []);
}

/** Where the Chinese name keeps the HS text and Comtrade's English list has a slip. */
const ENGLISH_SLIPS: Record<string, string> = { '370130': 'Comtrade writes "225mm"; the HS subheading reads 255 mm' };

describe('Chinese product names (Lantern’s own translation)', () => {
  it('name every code of the UNESCO FCS 2009 basket and its heading', () => {
    expect(basket.length).toBe(211);
    const missing = basket.flatMap((c) => [c, c.slice(0, 4)]).filter((c) => !zhName('hs', c));
    expect(missing).toEqual([]);
  });

  it('name the 21 sections and every chapter of the nomenclature', () => {
    const roman = ['I', 'II', 'III', 'IV', 'V', 'VI', 'VII', 'VIII', 'IX', 'X', 'XI', 'XII', 'XIII', 'XIV', 'XV', 'XVI', 'XVII', 'XVIII', 'XIX', 'XX', 'XXI'];
    expect(roman.filter((s) => !zhName('section', s))).toEqual([]);
    const chapters = [...english.keys()].filter((c) => c.length === 2);
    expect(chapters.length).toBe(97);
    expect(chapters.filter((c) => !zhName('hs', c))).toEqual([]);
  });

  it('name each cultural-services item and its sub-items', () => {
    const items = services.flatMap((c) => [c, ...ebops.filter((r) => r.parent === c).map((r) => r.code!)]);
    expect(items.length).toBeGreaterThan(services.length);
    expect(items.filter((c) => !zhName('ebops', c))).toEqual([]);
    for (const [code] of zhNames('ebops')) expect(ebops.some((r) => r.code === code), code).toBe(true);
  });

  it('agree with the English names: the code exists, and the numbers of the English name are in the Chinese one', () => {
    const problems: string[] = [];
    for (const [code, zh] of zhNames('hs')) {
      const en = english.get(code);
      if (!en) {
        problems.push(`${code}: not in the English nomenclature`);
        continue;
      }
      const lost = [...numbers(en)].filter((n) => !numbers(zh).has(n));
      if (lost.length && !ENGLISH_SLIPS[code]) problems.push(`${code}: ${lost.join(', ')} of "${en}" missing from "${zh}"`);
    }
    expect(problems).toEqual([]);
    expect(zhName('hs', '9706')).toBe('超过一百年的古物');
    expect(zhName('hs', '0000')).toBeNull();
  });
});
