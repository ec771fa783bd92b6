/**
 * Economy sizes for the synthetic world (`synthetic.ts`): GDP in billions of current US dollars.
 *
 * `WORLD_BANK_GDP_2023`: World Bank, World Development Indicators, indicator NY.GDP.MKTP.CD
 * ("GDP (current US$)"), year 2023, as published in the WDI update of 2024-06-28, rounded to four
 * significant digits; keyed by ISO 3166 alpha-3. Taken from the per-country extract of that release
 * in the public repository ox-inet-resilience/carbon_arbitrage_code
 * (`data/all_countries_gdp_marketcap_2023.json`, ISO alpha-2 keys, converted here).
 *
 * `ESTIMATED_GDP`: economies the World Bank release has no 2023 figure for (Taiwan is not in the
 * World Bank's tables at all; Qatar, Venezuela, Cuba … had no 2023 value in that release; small
 * territories). These are ROUNDED ORDER-OF-MAGNITUDE ESTIMATES written for this generator, not
 * sourced figures: good enough to rank an economy as large, middling or tiny, nothing more.
 * Any other economy (uninhabited or near-uninhabited territories) gets `MINIMAL_GDP`.
 *
 * Only the synthetic generator uses these numbers; no indicator or query reads them.
 */

/** World Bank NY.GDP.MKTP.CD 2023, billions of current US$ (see the header). */
export const WORLD_BANK_GDP_2023: Readonly<Record<string, number>> = {
  AGO: 84.72, ALB: 22.98, AND: 3.728, ARE: 504.2, ARG: 640.6, ARM: 24.21, ATG: 2.033, AUS: 1724,
  AUT: 516, AZE: 72.36, BDI: 2.642, BEL: 632.2, BEN: 19.67, BFA: 20.32, BGD: 437.4, BGR: 101.6,
  BHR: 43.2, BHS: 14.34, BIH: 27.05, BLR: 71.86, BLZ: 3.281, BOL: 45.85, BRA: 2174, BRB: 6.394,
  BRN: 15.13, BWA: 19.4, CAF: 2.555, CAN: 2140, CHE: 884.9, CHL: 335.5, CHN: 17790, CIV: 78.79,
  CMR: 47.95, COD: 66.38, COG: 15.32, COL: 363.5, COM: 1.352, CPV: 2.587, CRI: 86.5, CYP: 32.23,
  CZE: 330.9, DEU: 4456, DJI: 4.099, DMA: 0.654, DNK: 404.2, DOM: 121.4, DZA: 239.9, ECU: 118.8,
  EGY: 395.9, ESP: 1581, EST: 40.74, ETH: 163.7, FIN: 300.2, FJI: 5.495, FRA: 3031, FSM: 0.46,
  GAB: 20.52, GBR: 3340, GEO: 30.54, GHA: 76.37, GIN: 23.61, GMB: 2.34, GNB: 1.966, GNQ: 12.12,
  GRC: 238.2, GRD: 1.32, GTM: 102.1, GUY: 16.79, HKG: 382.1, HND: 34.4, HRV: 82.69, HTI: 19.85,
  HUN: 212.4, IDN: 1371, IND: 3550, IRL: 545.6, IRN: 401.5, IRQ: 250.8, ISL: 31.02, ISR: 509.9,
  ITA: 2255, JAM: 19.42, JOR: 50.81, JPN: 4213, KAZ: 261.4, KEN: 107.4, KGZ: 13.99, KHM: 31.77,
  KIR: 0.279, KNA: 1.077, KOR: 1713, KWT: 161.8, LAO: 15.84, LBN: 17.94, LBR: 4.332, LBY: 50.49,
  LCA: 2.52, LKA: 84.36, LSO: 2.046, LTU: 77.84, LUX: 85.76, LVA: 43.63, MAC: 47.06, MAR: 141.1,
  MDA: 16.54, MDG: 16.03, MDV: 6.6, MEX: 1789, MHL: 0.284, MKD: 14.76, MLI: 20.9, MLT: 20.96,
  MMR: 64.82, MNE: 7.405, MNG: 19.87, MOZ: 20.62, MRT: 10.45, MUS: 14.4, MWI: 14.08, MYS: 399.6,
  NAM: 12.35, NER: 16.82, NGA: 362.8, NIC: 17.83, NLD: 1118, NOR: 485.5, NPL: 40.91, NRU: 0.1541,
  NZL: 253.5, OMN: 108.2, PAK: 338.4, PAN: 83.38, PER: 267.6, PHL: 437.1, PLW: 0.263, PNG: 30.93,
  POL: 811.2, PRI: 117.9, PRT: 287.1, PRY: 42.96, PSE: 17.4, ROU: 351, RUS: 2021, RWA: 14.1,
  SAU: 1068, SDN: 109.3, SEN: 31.01, SGP: 501.4, SLB: 1.631, SLE: 3.81, SLV: 34.02, SOM: 11.68,
  SRB: 75.19, STP: 0.6032, SUR: 3.782, SVK: 132.8, SVN: 68.22, SWE: 593.3, SWZ: 4.598, SXM: 1.623,
  SYC: 2.141, TCA: 1.402, TCD: 13.15, TGO: 9.171, THA: 514.9, TJK: 12.06, TKM: 59.89, TLS: 2.243,
  TTO: 28.14, TUN: 48.53, TUR: 1108, TUV: 0.06228, TZA: 79.16, UGA: 49.27, UKR: 178.8, URY: 77.24,
  USA: 27360, UZB: 90.89, VCT: 1.066, VNM: 429.7, VUT: 1.126, WSM: 0.9341, ZAF: 377.8, ZMB: 28.16,
  ZWE: 26.54,
};

/** Rounded estimates (billions of US$) where the World Bank release has no 2023 figure: NOT sourced. */
export const ESTIMATED_GDP: Readonly<Record<string, number>> = {
  TWN: 750, QAT: 210, VEN: 90, CUB: 100, PRK: 25, SYR: 20, YEM: 20, AFG: 15, SSD: 5, ERI: 2, BTN: 3,
  ABW: 3.5, ASM: 0.9, BMU: 7.5, CUW: 3, CYM: 6.5, FRO: 3.5, GIB: 3, GRL: 3, GUM: 6.5, IMN: 8, LIE: 7,
  MAF: 0.8, MCO: 8.5, MNP: 1.2, NCL: 9.5, PYF: 6, SMR: 1.8, TON: 0.5, VGB: 1.5, VIR: 4.5, JEY: 6,
  GGY: 4, GLP: 10, MTQ: 10, REU: 20, GUF: 5, MYT: 3, ALA: 1.5, AIA: 0.3, BES: 0.5, BLM: 0.4, COK: 0.3,
  ESH: 1, FLK: 0.2, MSR: 0.07, NIU: 0.01, SHN: 0.03, SPM: 0.2, WLF: 0.2, VAT: 0.02, NFK: 0.01,
};

/** Size of any economy in neither table (uninhabited or near-uninhabited territories). */
export const MINIMAL_GDP = 0.001;

/** GDP (billions of US$) of an economy: World Bank 2023, else the estimate, else `MINIMAL_GDP`. */
export function economySize(iso3: string): { gdp: number; source: 'world-bank-2023' | 'estimate' | 'minimal' } {
  const wb = WORLD_BANK_GDP_2023[iso3];
  if (wb !== undefined) return { gdp: wb, source: 'world-bank-2023' };
  const est = ESTIMATED_GDP[iso3];
  if (est !== undefined) return { gdp: est, source: 'estimate' };
  return { gdp: MINIMAL_GDP, source: 'minimal' };
}
