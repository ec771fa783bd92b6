/**
 * Downloading from the UN Comtrade API (online use): one request per reporter-year, split by
 * product codes when an answer hits the API's 100,000-row cap, each answer saved as a JSON file
 * that `importFiles` then loads like any other file (so fetched data has the same provenance:
 * file name, sha256, run).
 *
 * The `fetch` function is injected (tests serve fixtures from 127.0.0.1). With a subscription key
 * the data endpoint is used; without one, the public preview endpoint (at most 500 rows an answer).
 */
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { LanternError } from '../errors.ts';
import { COMTRADE_ROW_CAP, type ComtradeEnvelope } from './comtrade-json.ts';

export const COMTRADE_API = 'https://comtradeapi.un.org';
/** The public preview endpoint's cap (no key). */
export const COMTRADE_PREVIEW_CAP = 500;

export interface FetchComtradeOptions {
  /** Comtrade numeric reporter code (e.g. '156'). */
  reporterCode: string;
  years: number[];
  /** Product codes for a year (HS or EBOPS); undefined or empty = all products (TOTAL and detail). */
  codesFor?: (year: number) => Promise<string[] | undefined>;
  /** Comtrade partner code(s), comma-separated; default: all partners. */
  partnerCode?: string;
  /** Flows, default X,M,RX,RM. */
  flows?: string[];
  typeCode?: 'C' | 'S';
  freqCode?: 'A' | 'M';
  token?: string;
  baseUrl?: string;
  fetch?: typeof fetch;
  /** Folder to save the answers in. */
  outDir: string;
  /** Pause between requests (the API allows about one a second). Default 1100 ms. */
  delayMs?: number;
  /** Row cap that signals truncation (default: 100,000 with a key, 500 without). */
  rowCap?: number;
  onProgress?: (done: number, total: number, label: string) => void;
}

export interface FetchedFile {
  path: string;
  year: number;
  url: string;
  count: number;
  truncated: boolean;
}

const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

function redact(url: string): string {
  return url.replace(/subscription-key=[^&]+/i, 'subscription-key=…');
}

async function getJson(url: string, opts: FetchComtradeOptions): Promise<ComtradeEnvelope> {
  const f = opts.fetch ?? fetch;
  const headers: Record<string, string> = { accept: 'application/json' };
  if (opts.token) headers['Ocp-Apim-Subscription-Key'] = opts.token;
  for (let attempt = 0; ; attempt++) {
    let res: Response;
    try {
      res = await f(url, { headers });
    } catch (e) {
      throw new LanternError('network-error', `Cannot reach the Comtrade API: ${(e as Error).message}`, [
        {
          message: (e as Error).message,
          found: redact(url),
          hint: 'check the network connection (fetch is for online use)',
        },
      ]);
    }
    if (res.status === 429 && attempt < 3) {
      await sleep((opts.delayMs ?? 1100) * 2 ** (attempt + 1));
      continue;
    }
    if (res.status === 401 || res.status === 403) {
      throw new LanternError('unauthorized', 'The Comtrade API refused the subscription key.', [
        {
          message: `HTTP ${res.status}`,
          hint: 'pass --token KEY (or set COMTRADE_KEY) with a valid key from comtradeplus.un.org',
        },
      ]);
    }
    if (!res.ok) {
      throw new LanternError('network-error', `The Comtrade API answered HTTP ${res.status}.`, [
        {
          message: (await res.text()).slice(0, 200),
          found: redact(url),
          hint: 'try again later, or narrow the query',
        },
      ]);
    }
    return (await res.json()) as ComtradeEnvelope;
  }
}

/** The request URL for one query. */
export function comtradeUrl(opts: FetchComtradeOptions, year: number, codes: string[] | undefined): string {
  const type = opts.typeCode ?? 'C';
  const freq = opts.freqCode ?? 'A';
  const cls = type === 'S' ? 'EB' : 'HS';
  const base = (opts.baseUrl ?? COMTRADE_API).replace(/\/$/, '');
  const path = opts.token
    ? `/data/v1/get/${type}/${freq}/${cls}`
    : `/public/v1/preview/${type}/${freq}/${cls}`;
  const q = new URLSearchParams();
  q.set('reporterCode', opts.reporterCode);
  q.set(
    'period',
    freq === 'M'
      ? Array.from({ length: 12 }, (_, m) => `${year}${String(m + 1).padStart(2, '0')}`).join(',')
      : String(year),
  );
  if (opts.partnerCode) q.set('partnerCode', opts.partnerCode);
  q.set('flowCode', (opts.flows ?? ['X', 'M', 'RX', 'RM']).join(','));
  if (codes?.length) q.set('cmdCode', codes.join(','));
  // Totals only over second partner, customs procedure and transport mode (no double counting).
  q.set('partner2Code', '0');
  q.set('customsCode', 'C00');
  q.set('motCode', '0');
  q.set('includeDesc', 'true');
  return `${base}${path}?${q.toString()}`;
}

/**
 * Fetches each year (splitting product lists in halves while an answer hits the cap) and saves the
 * answers. Resolves to the saved files and warnings (truncated answers that could not be split).
 */
export async function fetchComtrade(
  opts: FetchComtradeOptions,
): Promise<{ files: FetchedFile[]; warnings: string[] }> {
  const cap = opts.rowCap ?? (opts.token ? COMTRADE_ROW_CAP : COMTRADE_PREVIEW_CAP);
  const files: FetchedFile[] = [];
  const warnings: string[] = [];
  let requests = 0;
  const total = opts.years.length;
  let part = 0;
  const one = async (year: number, codes: string[] | undefined): Promise<void> => {
    if (requests++ > 0 && (opts.delayMs ?? 1100) > 0) await sleep(opts.delayMs ?? 1100);
    const url = comtradeUrl(opts, year, codes);
    const env = await getJson(url, opts);
    if (env.error) {
      throw new LanternError(
        'network-error',
        `The Comtrade API reported an error for ${year}: ${env.error}`,
        [{ message: env.error, found: redact(url), hint: 'check the reporter, years and codes' }],
      );
    }
    const count = env.count ?? env.data?.length ?? 0;
    if (count >= cap && codes && codes.length > 1) {
      // At the cap: the answer is truncated. Split the product list and ask again.
      const mid = Math.ceil(codes.length / 2);
      await one(year, codes.slice(0, mid));
      await one(year, codes.slice(mid));
      return;
    }
    const truncated = count >= cap;
    if (truncated) {
      warnings.push(
        `${year}${codes?.length === 1 ? ` code ${codes[0]}` : ''}: ${count.toLocaleString('en-US')} rows, the API's cap — the answer is truncated${opts.token ? '' : ' (no --token: the public preview returns at most 500 rows)'}`,
      );
    }
    const name = `comtrade_${opts.typeCode ?? 'C'}_${opts.freqCode ?? 'A'}_${opts.reporterCode}_${year}${part ? `_part${part}` : ''}.json`;
    part++;
    const path = join(opts.outDir, name);
    writeFileSync(path, JSON.stringify(env));
    files.push({ path, year, url: redact(url), count, truncated });
  };
  for (const [i, year] of opts.years.entries()) {
    part = 0;
    opts.onProgress?.(i, total, `${year}`);
    const codes = await opts.codesFor?.(year);
    await one(year, codes?.length ? codes : undefined);
  }
  opts.onProgress?.(total, total, 'done');
  return { files, warnings };
}
