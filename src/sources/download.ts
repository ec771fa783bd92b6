/**
 * Downloading a release file (`lantern fetch baci`, `fetch atlas`): streamed to `DEST.part`, resumed
 * with an HTTP Range request when a `.part` is already there (a server that ignores the range gets
 * the file from the start), checked against the length the server announced, and renamed to DEST
 * only when complete. A download whose content is not what it claims is refused by the caller's
 * `check` (e.g. a zip whose central directory cannot be read) and removed, so the next run starts
 * over instead of resuming a corrupt file.
 *
 * The `fetch` function is passed in (tests serve fixtures from 127.0.0.1).
 */
import { closeSync, existsSync, openSync, renameSync, rmSync, statSync, writeSync } from 'node:fs';
import { Readable } from 'node:stream';
import { LanternError } from '../errors.ts';

export interface DownloadResult {
  path: string;
  bytes: number;
  /** Bytes taken from an earlier, interrupted download. */
  resumedFrom: number;
  /** True when DEST was already complete and nothing was downloaded. */
  cached: boolean;
}

export interface DownloadOptions {
  fetch?: typeof fetch;
  onBytes?: (done: number, total: number | null) => void;
  /** Checks the complete file; throws a LanternError when it is not usable (the file is then removed). */
  check?: (path: string) => Promise<void>;
}

function httpError(url: string, status: number, statusText: string): LanternError {
  return new LanternError(status === 404 ? 'not-found' : 'network-error', `Download failed: ${url} answered ${status} ${statusText}.`, [
    {
      message: `HTTP ${status}`,
      found: url,
      hint:
        status === 404
          ? 'check the release and edition names (e.g. --release V202501 --hs HS17), or the --mirror URL'
          : 'try again later; an interrupted download resumes where it stopped',
    },
  ]);
}

/** Downloads `url` to `dest`, resuming `dest.part`; returns where the complete file is. */
export async function downloadFile(url: string, dest: string, options: DownloadOptions = {}): Promise<DownloadResult> {
  const doFetch = options.fetch ?? fetch;
  if (existsSync(dest)) {
    await checked(dest, options);
    return { path: dest, bytes: statSync(dest).size, resumedFrom: 0, cached: true };
  }
  const part = `${dest}.part`;
  const have = existsSync(part) ? statSync(part).size : 0;
  let res: Response;
  try {
    res = await doFetch(url, { headers: have > 0 ? { range: `bytes=${have}-` } : {} });
  } catch (e) {
    throw new LanternError('network-error', `Download failed: ${url} could not be reached.`, [
      { message: e instanceof Error ? e.message : String(e), found: url, hint: 'check the network or the --mirror URL; run again to resume' },
    ]);
  }
  if (res.status === 416 && have > 0) {
    // The part already holds the whole file (the server has nothing past it).
    renameSync(part, dest);
    await checked(dest, options);
    return { path: dest, bytes: statSync(dest).size, resumedFrom: have, cached: false };
  }
  if (!res.ok || !res.body) throw httpError(url, res.status, res.statusText);
  const resumed = res.status === 206 && have > 0;
  const start = resumed ? have : 0;
  const length = Number(res.headers.get('content-length') ?? NaN);
  const total = Number.isFinite(length) ? start + length : null;
  let done = start;
  // Each chunk is written before the next is read, so what arrived survives an interruption.
  const fd = openSync(part, resumed ? 'a' : 'w');
  try {
    for await (const chunk of Readable.fromWeb(res.body as never) as AsyncIterable<Buffer>) {
      writeSync(fd, chunk);
      done += chunk.length;
      options.onBytes?.(done, total);
    }
  } catch (e) {
    // What arrived stays in the .part file for the next run to resume from.
    throw new LanternError('network-error', `Download of ${url} was interrupted at ${done} bytes.`, [
      {
        message: e instanceof Error ? e.message : String(e),
        expected: total === null ? 'the whole file' : `${total} bytes`,
        found: `${done} bytes`,
        hint: 'run the same command again: it resumes where it stopped',
      },
    ]);
  } finally {
    closeSync(fd);
  }
  const size = statSync(part).size;
  if (total !== null && size !== total) {
    throw new LanternError('network-error', `Download of ${url} stopped at ${size} of ${total} bytes.`, [
      { message: 'incomplete download', expected: `${total} bytes`, found: `${size} bytes`, hint: 'run the same command again: it resumes where it stopped' },
    ]);
  }
  renameSync(part, dest);
  await checked(dest, options);
  return { path: dest, bytes: size, resumedFrom: start, cached: false };
}

async function checked(path: string, options: DownloadOptions): Promise<void> {
  if (!options.check) return;
  try {
    await options.check(path);
  } catch (e) {
    rmSync(path, { force: true });
    throw e;
  }
}

/**
 * Reads every member of a zip to its end (yauzl checks each member's sizes, and the inflater its
 * data), without writing anything: a truncated or damaged archive is refused here, in words.
 */
export async function checkZip(path: string, label: string): Promise<void> {
  const { default: yauzl } = await import('yauzl');
  const refuse = (why: string) =>
    new LanternError('bad-file', `${label} is corrupt: ${why}`, [
      {
        file: label,
        message: 'the downloaded zip cannot be read',
        expected: 'a complete zip archive',
        found: why,
        hint: 'the damaged file was removed; run the same command again to download it afresh',
      },
    ]);
  await new Promise<void>((resolve, reject) => {
    yauzl.open(path, { lazyEntries: true, autoClose: true, validateEntrySizes: true }, (err, zip) => {
      if (err || !zip) return reject(refuse(err?.message ?? 'unreadable'));
      let members = 0;
      zip.on('error', (e: Error) => reject(refuse(e.message)));
      zip.on('end', () => (members > 0 ? resolve() : reject(refuse('the archive is empty'))));
      zip.on('entry', (entry: { fileName: string }) => {
        members++;
        if (entry.fileName.endsWith('/')) return zip.readEntry();
        zip.openReadStream(entry as never, (e, stream) => {
          if (e || !stream) return reject(refuse(e?.message ?? 'unreadable member'));
          stream.on('error', (x: Error) => reject(refuse(`${entry.fileName}: ${x.message}`)));
          stream.on('end', () => zip.readEntry());
          stream.resume();
        });
      });
      zip.readEntry();
    });
  });
}
