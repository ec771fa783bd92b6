import { describe, expect, it } from 'vitest';
import { idOf, relationOf, textsOf } from '../../../test/support/claims.ts';
import { relateClaims } from '../relate.ts';

describe('share of one side of a whole', () => {
  it('overseas / (overseas + domestic) when both sides are stated and the share is said of one', () => {
    const t = textsOf(
      'In 2024 the comics industry earned $9BN. Overseas sales made up 38% of the total – or $3.41BN – while domestic sales brought in $5.62BN.',
    );
    const r = relationOf(t, 'share', [idOf(t, '$3.41BN'), idOf(t, '$5.62BN'), idOf(t, '38%')]);
    expect(r?.verdict).toBe('consistent');
    expect(r?.arithmetic).toMatch(/\(US\$3\.41 bn \+ US\$5\.62 bn\)/);
  });
  it('a share that names another whole is taken of that whole', () => {
    const t = textsOf('2023年,游戏市场收入2000亿元,海外收入100亿美元。其中,自研游戏国内收入1500亿元,同比增长3%。自研游戏占到了游戏市场收入的7成以上。');
    expect(relationOf(t, 'share', [idOf(t, '1500亿元'), idOf(t, '2000亿元'), idOf(t, '7成')])?.verdict).toBe('consistent');
  });
});

describe('share from part and whole', () => {
  it('part / whole within one sentence (a category of the total)', () => {
    const t = textsOf('2015年,我国出口文化产品200亿美元。其中,出口图书50亿美元,占同期文化产品出口的25%。');
    expect(relationOf(t, 'share', [idOf(t, '50亿美元'), idOf(t, '200亿美元'), idOf(t, '25%')])?.verdict).toBe('consistent');
    const w = textsOf('2015年,我国出口文化产品200亿美元。其中,出口图书55亿美元,占同期文化产品出口的25%。');
    expect(relationOf(w, 'share', [idOf(w, '55亿美元'), idOf(w, '200亿美元'), idOf(w, '25%')])?.verdict).toBe('inconsistent');
  });
});

describe('share of a whole named in the share and stated earlier, with competing estimates', () => {
  const text = (share: string) =>
    `Creative services exports could be £5.0bn, rather than the £4.2bn estimated by the ministry.\n\nStreaming accounts for ${share} of creative services exports, and is worth about £3bn a year.`;
  it('takes the text’s own estimate as the whole, not the alternative after "rather than"', () => {
    const t = textsOf(text('60 per cent'));
    expect(relationOf(t, 'share', [idOf(t, '£3bn'), idOf(t, '£5.0bn'), idOf(t, '60 per cent')])?.verdict).toBe('consistent');
    expect(relationOf(t, 'share', [idOf(t, '£3bn'), idOf(t, '£4.2bn'), idOf(t, '60 per cent')])).toBeUndefined();
  });
  it('a share the part and the named whole do not give is inconsistent', () => {
    const t = textsOf(text('90 per cent'));
    expect(relationOf(t, 'share', [idOf(t, '£3bn'), idOf(t, '£5.0bn'), idOf(t, '90 per cent')])?.verdict).toBe('inconsistent');
  });
});

describe('share of one side whose whole another text states', () => {
  it('is checked against that whole; across texts a failed check is not comparable, never inconsistent', () => {
    const ok = textsOf('In 2023, Japan’s comics industry earned about $20 billion.', 'In 2023, Japan’s domestic comics income came in at $8.00BN for a 40% share.');
    expect(relationOf(ok, 'share', [idOf(ok, '$8.00BN'), idOf(ok, '$20 billion'), idOf(ok, '40%')])?.verdict).toBe('consistent');
    const off = textsOf('2023年,日本漫画产业收入约200亿美元。', '2023年,日本漫画国内收入为80.0亿美元,占比30%。');
    expect(relationOf(off, 'share', [idOf(off, '80.0亿美元'), idOf(off, '200亿美元'), idOf(off, '30%')])?.verdict).toBe('not_comparable');
  });
});

describe('share of one side said with no figure: part and whole from another text', () => {
  it('the part named in the sentence before ("overseas sales … The total was"), the whole the largest level there', () => {
    const t = textsOf(
      'In 2023, Japan’s comics industry earned around 20 billion dollars. Overseas sales grew fastest. The total was around 9 billion dollars.',
      'Overseas revenue fell behind again in 2023 when overseas pulled in a 45% share of Japan’s comics income.',
    );
    expect(relationOf(t, 'share', [idOf(t, '9 billion dollars'), idOf(t, '20 billion dollars'), idOf(t, '45%')])?.verdict).toBe('consistent');
  });
  it('a share far from the other text’s figures is not comparable, never inconsistent', () => {
    const t = textsOf(
      '2023年,日本漫画产业收入约200亿美元。其中海外收入约90亿美元。',
      '2023年,日本漫画海外收入占比70%。',
    );
    expect(relationOf(t, 'share', [idOf(t, '90亿美元'), idOf(t, '200亿美元'), idOf(t, '70%')])?.verdict).toBe('not_comparable');
  });
});

describe('share: the part is what the share sentence is about, the whole what follows 占 / "of"', () => {
  const bulletin = (share: string) =>
    `2022年，我国文化产品进出口总额为5000亿元。其中，出口4000亿元，增长5.0%；进口1000亿元，增长2.0%。\n对日本出口500亿元，增长3.0%，占出口总额的${share}。`;
  it('a partner market’s share of total exports is of the exports figure, not of imports or the total', () => {
    const t = textsOf(bulletin('12.5%'));
    expect(relationOf(t, 'share', [idOf(t, '500亿元'), idOf(t, '4000亿元'), idOf(t, '12.5%')])?.verdict).toBe('consistent');
    expect(relateClaims(t.claims, t.texts).filter((r) => r.verdict === 'inconsistent')).toEqual([]);
    const w = textsOf(bulletin('15.0%'));
    expect(relationOf(w, 'share', [idOf(w, '500亿元'), idOf(w, '4000亿元'), idOf(w, '15.0%')])?.verdict).toBe('inconsistent');
  });
  it('a share whose subject is a measure (出口额占…) takes that measure’s level stated before', () => {
    const t = textsOf(`${bulletin('12.5%')}\n出口额占进出口总额的比重为80.0%。`);
    expect(relationOf(t, 'share', [idOf(t, '4000亿元'), idOf(t, '5000亿元'), idOf(t, '80.0%')])?.verdict).toBe('consistent');
    expect(relateClaims(t.claims, t.texts).filter((r) => r.verdict !== 'consistent')).toEqual([]);
  });
  it('"of the total" with a category we do not know: the text’s total of that measure, the largest', () => {
    const text = (share: string) =>
      `Peru's textile exports grow\n\nLIMA -- Peru exported 2 billion dollars worth of textiles in 2023.\n\nAlpaca garments accounted for 600 million dollars, or ${share} of the total. Exports to Chile brought in 250 million dollars, or 12.5 percent of the total.`;
    const t = textsOf(text('30 percent'));
    expect(relationOf(t, 'share', [idOf(t, '600 million dollars'), idOf(t, '2 billion dollars'), idOf(t, '30 percent')])?.verdict).toBe('consistent');
    expect(relationOf(t, 'share', [idOf(t, '250 million dollars'), idOf(t, '2 billion dollars'), idOf(t, '12.5 percent')])?.verdict).toBe('consistent');
    const w = textsOf(text('50 percent'));
    expect(relationOf(w, 'share', [idOf(w, '600 million dollars'), idOf(w, '2 billion dollars'), idOf(w, '50 percent')])?.verdict).toBe('inconsistent');
  });
});

describe('share: "the share of X in the total", and shares among the parts listed after 其中', () => {
  it('the share of exports is of the exports figure, however far before it stands', () => {
    const text = (share: string) =>
      `China's trade in cultural services totaled 41.2 billion dollars in 2023. Exports of cultural services rose 12.3 percent to 18.6 billion dollars, while imports grew 8.0 percent to 22.6 billion dollars. The share of exports in the total reached ${share}.`;
    const t = textsOf(text('45.1 percent'));
    expect(relationOf(t, 'share', [idOf(t, '18.6 billion dollars'), idOf(t, '41.2 billion dollars'), idOf(t, '45.1 percent')])?.verdict).toBe('consistent');
    expect(relateClaims(t.claims, t.texts).filter((r) => r.verdict === 'inconsistent')).toEqual([]);
  });
  it('其中 … 占比: a share of the whole stated before, whatever category the part is', () => {
    const t = textsOf('2023年，全国乐器行业出口额为50.0亿美元。其中，钢琴出口20.0亿美元，占比40.0%；吉他出口12.0亿美元，占比24.0%。');
    expect(relationOf(t, 'share', [idOf(t, '20.0亿美元'), idOf(t, '50.0亿美元'), idOf(t, '40.0%')])?.verdict).toBe('consistent');
    expect(relationOf(t, 'share', [idOf(t, '12.0亿美元'), idOf(t, '50.0亿美元'), idOf(t, '24.0%')])?.verdict).toBe('consistent');
  });
});

describe('share: a part on one side of a whole the share names', () => {
  it('"Foreign sales made up X, or Y percent of the sector\'s revenue" is X over the sector\'s revenue', () => {
    const t = textsOf(
      "Canada's animation studios earned 4.20 billion dollars in 2024, up 6.1 percent on the year, an industry survey found.\n\nForeign sales made up 1.05 billion dollars, or 25.0 percent of the sector's revenue.",
    );
    expect(t.claims.find((c) => c.quote === '25.0 percent')?.kind).toBe('share_pct');
    expect(relationOf(t, 'share', [idOf(t, '1.05 billion dollars'), idOf(t, '4.20 billion dollars'), idOf(t, '25.0 percent')])?.verdict).toBe('consistent');
  });
  it('a wrong share of that whole is inconsistent', () => {
    const t = textsOf(
      "Canada's animation studios earned 4.20 billion dollars in 2024, an industry survey found.\n\nForeign sales made up 1.05 billion dollars, or 35.0 percent of the sector's revenue.",
    );
    expect(relationOf(t, 'share', [idOf(t, '1.05 billion dollars'), idOf(t, '4.20 billion dollars'), idOf(t, '35.0 percent')])?.verdict).toBe('inconsistent');
  });
});

describe('share: a whole named by a part word', () => {
  const text = (share: string) =>
    `2023年，全市工艺美术品出口额为40.0亿美元，比上年增长5.0%。其中，雕塑制品出口12.0亿美元，增长8.0%，占工艺美术品出口额的${share}；刺绣制品出口6.0亿美元，下降3.0%。`;
  it('"占工艺美术品出口额的30.0%" is the part over the category’s level', () => {
    const t = textsOf(text('30.0%'));
    expect(relationOf(t, 'share', [idOf(t, '12.0亿美元'), idOf(t, '40.0亿美元'), idOf(t, '30.0%')])?.verdict).toBe('consistent');
  });
  it('a wrong share of the category is inconsistent', () => {
    const t = textsOf(text('36.0%'));
    expect(relationOf(t, 'share', [idOf(t, '12.0亿美元'), idOf(t, '40.0亿美元'), idOf(t, '36.0%')])?.verdict).toBe('inconsistent');
  });
});
