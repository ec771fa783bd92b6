/**
 * The indicator catalog: every indicator Lantern computes, by id. The CLI (`lantern indicator list`),
 * the API and the ClickHouse parity tests all read it from here.
 */
import { LanternError } from '../errors.ts';
import { balance, relativeTradeBalance } from './balance.ts';
import { complementarity, intensity } from './bilateral-fit.ts';
import { eci, pci } from './complexity.ts';
import { hhiPartners, hhiProducts, markets } from './concentration.ts';
import { exportPotential } from './export-potential.ts';
import { grubelLloyd } from './intra-industry.ts';
import { cagr, trendGrowth, yoyGrowth } from './growth.ts';
import { discrepancy, mirrorGap } from './mirror.ts';
import { marketPenetration } from './penetration.ts';
import { rca, rsca } from './rca.ts';
import { rpop } from './rpop.ts';
import { marketShare, partnerShare, productShare, worldShare } from './shares.ts';
import type { IndicatorDef } from './types.ts';
import { unitValue, valueVolume } from './unit-value.ts';
import { value } from './value.ts';

// biome-ignore lint/suspicious/noExplicitAny: a heterogeneous list of definitions, each typed in its own file
type AnyIndicator = IndicatorDef<any>;

export const indicators: readonly AnyIndicator[] = [
  value,
  balance,
  relativeTradeBalance,
  grubelLloyd,
  yoyGrowth,
  cagr,
  trendGrowth,
  worldShare,
  marketShare,
  partnerShare,
  productShare,
  rca,
  rsca,
  rpop,
  hhiPartners,
  hhiProducts,
  markets,
  complementarity,
  intensity,
  marketPenetration,
  unitValue,
  valueVolume,
  mirrorGap,
  discrepancy,
  exportPotential,
  eci,
  pci,
];

const byId = new Map(indicators.map((i) => [i.id, i]));

/** The definition of an indicator; a LanternError listing the known ids when there is none. */
export function getIndicator(id: string): AnyIndicator {
  const def = byId.get(id);
  if (!def) {
    throw new LanternError('unknown-indicator', `There is no indicator "${id}".`, [
      {
        field: 'indicator',
        message: 'unknown indicator',
        found: id,
        expected: indicators.map((i) => i.id).join(', '),
        hint: 'see `lantern indicator list`',
      },
    ]);
  }
  return def;
}

export type { AnyIndicator };
