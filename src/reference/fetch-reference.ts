/**
 * `lantern fetch reference`: downloads the HS nomenclature of every edition and the UNSD
 * correlation tables, converts them to the layouts `reference load` reads, and loads them in one
 * transaction (nothing is written unless every download and every row is good).
 *
 * Sources (official and public):
 * - nomenclature: UN Comtrade reference tables, `https://comtradeapi.un.org/files/v1/app/reference/H0.json`
 *   … `H6.json` (HS1992 … HS2022), JSON `{ results: [{ id, text, parent, aggrLevel }] }`;
 * - correlations: UNSD "HS conversion and correlation tables" at
 *   `https://unstats.un.org/unsd/classifications/Econ/tables/`, all 21 edition pairs, under UNSD's
 *   own file names (three naming families): `HS2022toHS{1992…2017}ConversionAndCorrelationTables.xlsx`,
 *   `HS2017toHS{1992…2012}ConversionAndCorrelationTables.xlsx`, `HS 2012 to HS {1992…2007} Correlation
 *   and conversion tables.xls`, `HS 2007 to HS {1992…2002} Correlation and conversion tables.xls`,
 *   `HS2002 to HS{1992,1996} - Correlation and conversion tables.xls` and
 *   `HS1996 to HS1992 - Correlation and conversion tables.xls` (legacy .xls read by workbook.ts);
 * - or `--mirror URL`: a folder in the layout of ../shared/data served over HTTP(S)
 *   (classifications/hs2022_nomenclature.csv, hs_concordance/hs_nomenclature_by_edition.csv,
 *   hs_concordance/correlation/hsOLD_to_hsNEW.csv for all 21 pairs).
 *
 * The `fetch` function is passed in, so tests serve fixtures from 127.0.0.1.
 */
import { LanternError, type Problem } from '../errors.ts';
import type { Store } from '../store/index.ts';
import { compareEditions, type HsEdition, hsEditions } from './hs.ts';
import { type LoadSummary, loadReferenceFiles, type ReferenceFile } from './hs-load.ts';
import { unsdWorkbookToFile } from './workbook.ts';

export const COMTRADE_REFERENCE_URL = 'https://comtradeapi.un.org/files/v1/app/reference/';
export const UNSD_TABLES_URL = 'https://unstats.un.org/unsd/classifications/Econ/tables/';

const comtradeCode: Record<HsEdition, string> = {
  HS1992: 'H0',
  HS1996: 'H1',
  HS2002: 'H2',
  HS2007: 'H3',
  HS2012: 'H4',
  HS2017: 'H5',
  HS2022: 'H6',
};

export interface Download {
  url: string;
  /** What the download becomes. */
  kind: 'comtrade-json' | 'unsd-workbook' | 'csv';
  /** Edition (nomenclature) or 'OLD>NEW' pair (correlation). */
  subject: string;
}

/** Every edition pair, older first. */
export function editionPairs(): [HsEdition, HsEdition][] {
  const pairs: [HsEdition, HsEdition][] = [];
  for (const a of hsEditions) for (const b of hsEditions) if (compareEditions(a, b) < 0) pairs.push([a, b]);
  return pairs;
}

/**
 * UNSD's file name of the workbook correlating two editions (UNSD names it newer first). The names
 * are UNSD's, irregular across vintages, as published on its "HS conversion and correlation tables"
 * page: .xlsx for the tables whose newer edition is HS2017 or HS2022, legacy .xls for the others.
 */
export function unsdWorkbookName(older: HsEdition, newer: HsEdition): string {
  const [o, n] = [older.slice(2), newer.slice(2)];
  if (newer === 'HS2022' || newer === 'HS2017') return `HS${n}toHS${o}ConversionAndCorrelationTables.xlsx`;
  if (newer === 'HS2012' || newer === 'HS2007') return `HS ${n} to HS ${o} Correlation and conversion tables.xls`;
  return `HS${n} to HS${o} - Correlation and conversion tables.xls`;
}

/** The downloads from the official sources (no mirror): 7 nomenclatures and 21 correlation workbooks. */
export function officialDownloads(comtradeBase = COMTRADE_REFERENCE_URL, unsdBase = UNSD_TABLES_URL): Download[] {
  const downloads: Download[] = hsEditions.map((e) => ({
    url: `${comtradeBase}${comtradeCode[e]}.json`,
    kind: 'comtrade-json',
    subject: e,
  }));
  for (const [older, newer] of editionPairs()) {
    downloads.push({
      url: `${unsdBase}${encodeURIComponent(unsdWorkbookName(older, newer))}`,
      kind: 'unsd-workbook',
      subject: `${older}>${newer}`,
    });
  }
  return downloads;
}

/** The downloads from a mirror laid out like ../shared/data. */
export function mirrorDownloads(base: string): Download[] {
  const b = base.endsWith('/') ? base : `${base}/`;
  return [
    { url: `${b}classifications/hs2022_nomenclature.csv`, kind: 'csv', subject: 'HS2022' },
    { url: `${b}hs_concordance/hs_nomenclature_by_edition.csv`, kind: 'csv', subject: 'all editions' },
    ...editionPairs().map(
      ([o, n]): Download => ({
        url: `${b}hs_concordance/correlation/${o.toLowerCase()}_to_${n.toLowerCase()}.csv`,
        kind: 'csv',
        subject: `${o}>${n}`,
      }),
    ),
  ];
}

function csvField(s: string): string {
  return /[",\n\r]/.test(s) ? `"${s.replaceAll('"', '""')}"` : s;
}

/** Converts a Comtrade reference JSON (H0…H6) into the `edition,code,level,description` layout. */
export function comtradeJsonToCsv(edition: HsEdition, json: unknown, file: string): string {
  const results = (json as { results?: unknown })?.results;
  if (!Array.isArray(results)) {
    throw new LanternError('bad-file', `${file} is not a Comtrade reference table.`, [
      { file, message: 'no results array', expected: '{ "results": [{ "id", "text", "parent" }] }' },
    ]);
  }
  const lines = ['edition,code,level,description'];
  for (const r of results as { id?: unknown; text?: unknown }[]) {
    const id = String(r.id ?? '');
    if (!/^\d{2}(\d{2}(\d{2})?)?$/.test(id)) continue; // TOTAL, ALL, AG2 … are aggregates, not codes
    const text = String(r.text ?? '').replace(new RegExp(`^${id}\\s*-\\s*`), '');
    lines.push([edition, id, String(id.length), csvField(text)].join(','));
  }
  return lines.join('\n');
}

/** The last path segment of a URL, percent-decoding undone ("HS 2012 to HS 2007 …xls"). */
function fileNameOf(url: string): string {
  const last = url.split('?')[0]?.split('/').pop() || url;
  try {
    return decodeURIComponent(last);
  } catch {
    return last;
  }
}

export interface FetchReferenceOptions {
  fetch?: typeof fetch;
  /** A mirror in the ../shared/data layout instead of the official sources. */
  mirror?: string;
  comtradeBase?: string;
  unsdBase?: string;
  onProgress?: (done: number, total: number, label: string) => void;
}

export interface FetchSummary extends LoadSummary {
  downloaded: { url: string; bytes: number }[];
}

/** Downloads the reference files, then loads them atomically. Network failures are `network-error`. */
export async function fetchReference(
  store: Store,
  options: FetchReferenceOptions = {},
): Promise<FetchSummary> {
  const doFetch = options.fetch ?? fetch;
  const downloads = options.mirror
    ? mirrorDownloads(options.mirror)
    : officialDownloads(options.comtradeBase, options.unsdBase);
  const problems: Problem[] = [];
  const files: ReferenceFile[] = [];
  const downloaded: { url: string; bytes: number }[] = [];
  let done = 0;
  for (const d of downloads) {
    options.onProgress?.(done++, downloads.length, d.url);
    let body: Buffer;
    try {
      const res = await doFetch(d.url);
      if (!res.ok) {
        problems.push({
          file: d.url,
          message: `HTTP ${res.status} ${res.statusText}`.trim(),
          hint: 'check the URL or your connection; --mirror URL uses another source',
        });
        continue;
      }
      body = Buffer.from(await res.arrayBuffer());
    } catch (e) {
      problems.push({ file: d.url, message: `download failed: ${(e as Error).message}` });
      continue;
    }
    downloaded.push({ url: d.url, bytes: body.length });
    const name = fileNameOf(d.url);
    try {
      if (d.kind === 'comtrade-json') {
        let json: unknown;
        try {
          json = JSON.parse(body.toString('utf8'));
        } catch (e) {
          throw new LanternError('bad-file', `${name} is not JSON.`, [
            { file: d.url, message: (e as Error).message },
          ]);
        }
        files.push({ name, text: comtradeJsonToCsv(d.subject as HsEdition, json, name), source: d.url });
      } else if (d.kind === 'unsd-workbook') {
        files.push(unsdWorkbookToFile(body, name, d.url));
      } else {
        files.push({ name, text: body.toString('utf8'), source: d.url });
      }
    } catch (e) {
      if (e instanceof LanternError)
        problems.push(...(e.problems.length ? e.problems : [{ file: d.url, message: e.message }]));
      else throw e;
    }
  }
  if (problems.length > 0) {
    throw new LanternError(
      'network-error',
      `Reference data not fetched: ${problems.length} download(s) failed (nothing was changed).`,
      problems,
    );
  }
  const summary = await loadReferenceFiles(store, files, {
    onProgress: (d, t, label) => options.onProgress?.(downloads.length + d, downloads.length + t, label),
  });
  return { ...summary, downloaded };
}
