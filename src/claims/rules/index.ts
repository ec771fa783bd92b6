/**
 * The catalog of relation rules, one per file, each with its own tests (relate.test.ts and
 * rules/*.test.ts): which figures of a text (or of several) stand in an arithmetic relation, and
 * whether the stated figures agree with it.
 */
import { alternativeEstimates } from './alternative-estimates.ts';
import { listedPartsWithinWhole } from './bound-listed-partners.ts';
import { partWithinWhole } from './bound-part.ts';
import { statedBound } from './bound-stated.ts';
import { cagr } from './cagr.ts';
import { definitional } from './definitional.ts';
import { exportsMinusImports } from './difference-balance.ts';
import { rateGap } from './difference-rate-gap.ts';
import { revisedPart } from './difference-revision.ts';
import { exceedsPreviousTotal } from './exceeds-previous.ts';
import { totalGrowthFromComponents } from './growth-components.ts';
import { growthBetweenEstimates } from './growth-estimates.ts';
import { growthFromImpliedWholes } from './growth-implied-whole.ts';
import { growthOverPeriod } from './growth-period.ts';
import { growthOverSpan } from './growth-span.ts';
import { conversions } from './magnitude.ts';
import { multiples } from './ratio.ts';
import { sameFigure } from './same-figure.ts';
import { shareOfWhole } from './share.ts';
import { complementaryParts } from './sum-complements.ts';
import { exportsImportsTotal } from './sum-exports-imports.ts';
import { listedShares } from './sum-listed-shares.ts';
import { sharesSplitWhole } from './sum-shares-split.ts';
import type { RuleContext } from './core.ts';

export interface RelationRule {
  name: string;
  /** What the rule checks, for people (docs and `--help`). */
  checks: string;
  run: (ctx: RuleContext) => void;
}

export const RULES: readonly RelationRule[] = [
  { name: 'sum.exports_imports', checks: 'exports + imports = total trade', run: exportsImportsTotal },
  { name: 'sum.complements', checks: 'overseas + domestic (goods + services, online + offline) = the whole', run: complementaryParts },
  { name: 'sum.shares_split', checks: 'the shares of two sides of one whole add up to 100%', run: sharesSplitWhole },
  { name: 'sum.listed_shares', checks: 'shares listed after the share of a whole add up to it', run: listedShares },
  { name: 'difference.balance', checks: 'exports − imports = balance', run: exportsMinusImports },
  { name: 'difference.rate_gap', checks: 'a gap in percentage points between two growth rates', run: rateGap },
  { name: 'difference.revised_part', checks: 'two estimates of a whole and of its part: whole − part is the same in both when only the part was revised', run: revisedPart },
  { name: 'growth.period', checks: 'level of the same period a year before × (1 + rate) = level; a sub-annual rate against a full year is a period mismatch', run: growthOverPeriod },
  { name: 'growth.span', checks: 'a rate over a span from the levels at its ends', run: growthOverSpan },
  { name: 'growth.estimates', checks: 'a rate between two estimates of one quantity', run: growthBetweenEstimates },
  { name: 'growth.implied_whole', checks: 'the growth of a whole stated only through its sides: this year the sum of both sides, the year before one side / its share', run: growthFromImpliedWholes },
  { name: 'growth.components', checks: 'the growth of a total or balance implied by its components', run: totalGrowthFromComponents },
  { name: 'cagr', checks: '(end / start)^(1 / years) − 1 = the average annual rate', run: cagr },
  { name: 'share', checks: 'part / whole = the stated share', run: shareOfWhole },
  { name: 'ratio', checks: 'double, twice, N times, N-fold = larger / smaller', run: multiples },
  { name: 'bound.stated', checks: '"more than", "nearly", "topped" against a stated figure of the same thing', run: statedBound },
  { name: 'bound.part', checks: 'a part ("of which", 其中) is at most its whole', run: partWithinWhole },
  { name: 'bound.previous_total', checks: 'a figure said in words to exceed an earlier year’s total ("has already exceeded last year’s total") is larger', run: exceedsPreviousTotal },
  { name: 'bound.listed_partners', checks: 'the listed partner markets add up to at most the total', run: listedPartsWithinWhole },
  { name: 'same_figure', checks: 'the same figure restated (rounded or cut to its stated digits)', run: sameFigure },
  { name: 'magnitude.conversion', checks: 'conversions between two currencies imply one rate; a power of ten off is a unit slip', run: conversions },
  { name: 'definitional_conflict', checks: 'comparable-looking figures of different scopes: said, not a contradiction', run: definitional },
  { name: 'definitional_conflict.estimates', checks: 'two estimates of one quantity side by side ("compared to the official figure of"): a difference of method, not a contradiction', run: alternativeEstimates },
];
