import { describe, expect, it } from 'vitest';
import { idOf, relationOf, textsOf } from '../../../test/support/claims.ts';

describe('same figure in two texts', () => {
  it('two sources giving one part’s figure beyond rounding disagree; a rounded restatement agrees', () => {
    const t = textsOf(
      'Korea exported 48-point-62 million U.S. dollars’-worth of books in 2022.',
      'Korea’s book exports were $48.1 million in 2022, according to customs.',
      'Korea’s book exports reached $48.6 million in 2022.',
    );
    expect(relationOf(t, 'same_figure', [idOf(t, '48-point-62 million U.S. dollars'), idOf(t, '$48.1 million')])?.verdict).toBe('inconsistent');
    expect(relationOf(t, 'same_figure', [idOf(t, '48-point-62 million U.S. dollars'), idOf(t, '$48.6 million')])?.verdict).toBe('consistent');
  });
});

describe('listed partner markets within the whole of a part', () => {
  it('the top markets of album exports add up to at most album exports', () => {
    const t = textsOf(
      'In 2023, Korea exported $90 million worth of albums. By country, Japan was the biggest importer of Korean albums at 40 million dollars, followed by China at 20 million dollars and the U.S. at 15 million dollars.',
    );
    const ids = ['40 million dollars', '20 million dollars', '15 million dollars', '$90 million'].map((q) => idOf(t, q));
    expect(relationOf(t, 'bound', ids)?.verdict).toBe('consistent');
  });
});

describe('same figure restated', () => {
  it('a headline cut to whole units restates the body’s figure', () => {
    const t = textsOf('游戏市场上半年收入2345亿元\n\n2022年上半年,游戏市场收入2345.78亿元。');
    expect(relationOf(t, 'same_figure', [idOf(t, '2345亿元'), idOf(t, '2345.78亿元')])?.verdict).toBe('consistent');
  });
});
