import { describe, expect, it } from 'vitest';
import { relateClaims } from '../relate.ts';
import { idOf, relationOf, textsOf } from '../../../test/support/claims.ts';

describe('sum.complements: overseas + domestic (goods + services, online + offline) = the whole', () => {
  it('is consistent within rounding', () => {
    const t = textsOf('In 2023, the film industry earned $12.4 billion. Overseas revenue was $5.1 billion, while domestic revenue was $7.3 billion.');
    expect(relationOf(t, 'sum', [idOf(t, '$5.1 billion'), idOf(t, '$7.3 billion'), idOf(t, '$12.4 billion')])?.verdict).toBe('consistent');
  });
  it('a part written in millions for billions is a unit slip, and the slipped part is the suspect', () => {
    const t = textsOf('In 2023, the film industry earned $12.4 billion. Overseas revenue was $5.1 million, while domestic revenue was $7.3 billion.');
    const r = relationOf(t, 'sum', [idOf(t, '$5.1 million'), idOf(t, '$7.3 billion'), idOf(t, '$12.4 billion')]);
    expect(r?.verdict).toBe('inconsistent');
    expect(r?.suspect).toBe(idOf(t, '$5.1 million'));
    expect(r?.suspect_reason).toMatch(/unit slip/);
  });
  it('parts that do not cover the whole are not comparable, never inconsistent', () => {
    const t = textsOf('2023年,我国游戏市场收入3000亿元。其中,自研游戏海外收入150亿元,国内收入2500亿元。');
    expect(relateClaims(t.claims, t.texts).find((x) => x.type === 'sum')?.verdict).toBe('not_comparable');
  });
  it('线上 + 线下 = 整体 in Chinese', () => {
    const t = textsOf('2023年,演出市场收入500亿元。线上收入120亿元,线下收入380亿元。');
    expect(relationOf(t, 'sum', [idOf(t, '120亿元'), idOf(t, '380亿元'), idOf(t, '500亿元')])?.verdict).toBe('consistent');
  });
});
