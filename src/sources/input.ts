/**
 * Opening input files: gzip by magic bytes, UTF-8 text (or the encoding the user named), refused
 * with line and byte offset where it stops being UTF-8,
 * progress in raw bytes, and read failures turned into LanternError 'bad-file' with a fix hint.
 */
import { createReadStream, statSync } from 'node:fs';
import { open } from 'node:fs/promises';
import { PassThrough, type Readable, Transform, Writable } from 'node:stream';
import { pipeline } from 'node:stream/promises';
import { createGunzip } from 'node:zlib';
import { LanternError, type Problem } from '../errors.ts';
import { decoderStream, invalidUtf8At, notUtf8Error, positionIn, type TextEncoding } from '../text-encoding.ts';

/** The first bytes of a file (decompressed when it is gzip), for format detection. */
export async function peek(
  path: string,
  bytes = 65536,
): Promise<{ head: Buffer; gzip: boolean; zip: boolean }> {
  const fh = await open(path, 'r');
  try {
    const buf = Buffer.alloc(bytes);
    const { bytesRead } = await fh.read(buf, 0, bytes, 0);
    const raw = buf.subarray(0, bytesRead);
    const gzip = raw[0] === 0x1f && raw[1] === 0x8b;
    const zip = raw[0] === 0x50 && raw[1] === 0x4b && raw[2] === 0x03 && raw[3] === 0x04;
    if (!gzip) return { head: raw, gzip, zip };
    // Decompress what we can of the head; a short read is fine here.
    const head = await new Promise<Buffer>((resolve) => {
      const chunks: Buffer[] = [];
      let size = 0;
      const z = createGunzip();
      z.on('data', (c: Buffer) => {
        chunks.push(c);
        size += c.length;
        if (size >= bytes) z.destroy();
      });
      const done = () => resolve(Buffer.concat(chunks).subarray(0, bytes));
      z.on('close', done);
      z.on('error', done);
      z.end(raw);
    });
    return { head, gzip, zip };
  } finally {
    await fh.close();
  }
}

/** True when a buffer (possibly cut mid-character at the end) is valid UTF-8. */
export function isUtf8(buf: Buffer): boolean {
  const cut = utf8Boundary(buf);
  try {
    new TextDecoder('utf-8', { fatal: true }).decode(buf.subarray(0, cut));
    return true;
  } catch {
    return false;
  }
}

/** Index after the last complete UTF-8 sequence of `buf`. */
function utf8Boundary(buf: Buffer): number {
  const n = buf.length;
  for (let back = 1; back <= Math.min(3, n); back++) {
    const b = buf[n - back] as number;
    if ((b & 0xc0) === 0x80) continue; // continuation byte: look further back
    if (b >= 0xc0) {
      const need = b >= 0xf0 ? 4 : b >= 0xe0 ? 3 : 2;
      return need > back ? n - back : n;
    }
    return n;
  }
  return n;
}

/**
 * Decodes a byte stream as UTF-8, or refuses it where it stops being UTF-8 (file, line, byte
 * offset, the bytes found, and how to name the encoding). Trade files are UTF-8 or ASCII; an older
 * Comtrade web download in ISO-8859-1 is read when the user says so (`--encoding latin1`), never by
 * a silent guess that would turn another encoding's names into nonsense.
 */
export function decodeText(file: string): Transform {
  let carry = Buffer.alloc(0);
  let bytesBefore = 0;
  let linesBefore = 0;
  const utf8 = new TextDecoder('utf-8', { fatal: true });
  const refuse = (buf: Buffer, cb: (e: Error) => void) => {
    const at = Math.max(0, invalidUtf8At(buf));
    cb(notUtf8Error(file, positionIn(buf, at, linesBefore, bytesBefore), buf.subarray(at, at + 4)));
  };
  return new Transform({
    readableObjectMode: false,
    transform(chunk: Buffer, _enc, cb) {
      const buf = carry.length ? Buffer.concat([carry, chunk]) : chunk;
      const cut = utf8Boundary(buf);
      const whole = buf.subarray(0, cut);
      let text: string;
      try {
        text = utf8.decode(whole);
      } catch {
        refuse(whole, cb);
        return;
      }
      for (const b of whole) if (b === 0x0a) linesBefore++;
      bytesBefore += cut;
      carry = Buffer.from(buf.subarray(cut));
      cb(null, text);
    },
    flush(cb) {
      if (carry.length) refuse(carry, cb); // a character cut off by the end of the file
      else cb();
    },
  });
}

export interface OpenedText {
  stream: Readable;
  size: number;
}

/**
 * Opens a file as a stream of decoded text. Gzip is decompressed; progress reports raw bytes read.
 * Read and decompression errors surface on the returned stream as LanternError 'bad-file'.
 */
export function openText(
  path: string,
  file: string,
  opts: { onBytes: (n: number) => void; gzip: boolean; limits?: UnpackLimits; encoding?: TextEncoding },
): OpenedText {
  const size = statSync(path).size;
  const raw = createReadStream(path, { highWaterMark: 1 << 20 });
  let done = 0;
  raw.on('data', (c) => {
    done += (c as Buffer).length;
    opts.onBytes(done);
  });
  const named = opts.encoding && opts.encoding !== 'utf-8' ? opts.encoding : undefined;
  const decoder = named ? new PassThrough({ readableObjectMode: false }) : decodeText(file);
  const fail = (e: Error) => {
    const truncated = /unexpected end of file|incorrect header check|invalid/i.test(e.message);
    decoder.destroy(
      new LanternError('bad-file', `${file} cannot be read: ${e.message}`, [
        {
          file,
          message: truncated ? 'the gzip data is truncated or damaged' : e.message,
          expected: opts.gzip ? 'a complete gzip file' : 'a readable file',
          found: e.message,
          hint: truncated
            ? 'download the file again (it was cut short), or check it with `gzip -t`'
            : 'check the path and permissions',
        },
      ]),
    );
  };
  raw.on('error', fail);
  let bytes: Readable = raw;
  if (opts.gzip) {
    const z = createGunzip();
    z.on('error', fail);
    const guard = unpackGuard(file, opts.limits ?? DEFAULT_UNPACK_LIMITS, () => done);
    guard.on('error', (e) => decoder.destroy(e));
    bytes = raw.pipe(z).pipe(guard);
  }
  if (named) {
    const iconvStream = decoderStream(named);
    iconvStream.on('error', (e) => decoder.destroy(e as Error));
    bytes.pipe(iconvStream).pipe(decoder);
  } else bytes.pipe(decoder);
  return { stream: decoder, size };
}

/** Lines longer than this are not data rows of any format Lantern reads (DuckDB's own cap is 2 MB). */
export const MAX_LINE_BYTES = 1024 * 1024;

/**
 * Checks the shape of a delimited file line by line, in JavaScript, before a database parser
 * sees it: every line has the header's number of fields (quotes respected), no line is longer than
 * `maxLineBytes`, no NUL bytes. Each bad line is reported through `onProblem` with its number,
 * what was expected and a fix hint (a short last line is named as a file cut short). Returns the
 * number of bad lines. Used when a bulk load failed, to say why in the user's terms.
 */
export async function scanDelimitedLines(
  path: string,
  label: string,
  onProblem: (p: Problem & { line: number; raw?: string }) => void,
  opts: { delimiter?: string; maxLineBytes?: number } = {},
): Promise<number> {
  const delim = (opts.delimiter ?? ',').charCodeAt(0);
  const maxLine = opts.maxLineBytes ?? MAX_LINE_BYTES;
  const QUOTE = 0x22;
  let line = 1;
  let fields = 1;
  let bytes = 0;
  let quoted = false;
  let nul = false;
  let headerFields: number | undefined;
  let head = '';
  let bad = 0;
  const endLine = () => {
    if (headerFields === undefined) headerFields = fields;
    else if (bytes > 0) {
      let p: Problem | undefined;
      if (nul)
        p = { message: 'the line holds NUL bytes', expected: 'text', found: 'binary data', hint: 'is the file UTF-16 or binary? save it as UTF-8 CSV' };
      else if (bytes > maxLine)
        p = { message: `the line is ${bytes.toLocaleString('en-US')} bytes long`, expected: `at most ${maxLine.toLocaleString('en-US')} bytes`, found: `${head.slice(0, 40)}…`, hint: 'a line this long is not a data row: check that the file is in the format given' };
      else if (fields !== headerFields)
        p = { message: `${fields} field${fields === 1 ? '' : 's'} where the header has ${headerFields}`, expected: `${headerFields} fields`, found: head.slice(0, 120), hint: 'fix the row (a stray or missing delimiter?), or pass --skip-bad-rows to import the others' };
      if (p) {
        bad++;
        onProblem({ ...p, file: label, line, raw: head.slice(0, 200) });
      }
    }
    line++;
    fields = 1;
    bytes = 0;
    nul = false;
    head = '';
  };
  for await (const chunk of createReadStream(path, { highWaterMark: 1 << 20 }) as AsyncIterable<Buffer>) {
    let start = 0;
    for (let i = 0; i < chunk.length; i++) {
      const b = chunk[i] as number;
      if (b === QUOTE) quoted = !quoted;
      else if (b === 0) nul = true;
      else if (!quoted && b === delim) fields++;
      else if (!quoted && b === 0x0a) {
        if (head.length < 200) head += chunk.toString('latin1', start, Math.min(i, start + 200)).replace(/\r$/, '');
        bytes += i - start;
        endLine();
        start = i + 1;
      }
    }
    if (head.length < 200 && start < chunk.length) head += chunk.toString('latin1', start, Math.min(chunk.length, start + 200));
    bytes += chunk.length - start;
  }
  if (bytes > 0) {
    // A final line without a newline and too few fields: the file was cut short.
    if (headerFields !== undefined && fields < headerFields && !nul && bytes <= maxLine) {
      bad++;
      onProblem({
        file: label,
        line,
        raw: head.slice(0, 200),
        message: `the last line is cut short: ${fields} field${fields === 1 ? '' : 's'} where the header has ${headerFields}`,
        expected: `${headerFields} fields`,
        found: head.slice(0, 120),
        hint: 'the file is truncated: download or copy it again',
      });
    } else endLine();
  }
  return bad;
}

/** What the first bytes of a file say about it being text Lantern can read. */
export type TextKind = 'empty' | 'utf16le' | 'utf16be' | 'binary' | 'text';

/**
 * Empty, UTF-16 (by its byte-order mark, or by NULs in every other byte), binary (other NUL or
 * control bytes), or text (UTF-8 or a one-byte encoding).
 */
export function textKind(head: Buffer): TextKind {
  if (head.length === 0) return 'empty';
  if (head[0] === 0xff && head[1] === 0xfe) return 'utf16le';
  if (head[0] === 0xfe && head[1] === 0xff) return 'utf16be';
  const n = Math.min(head.length, 4096);
  let evenNul = 0;
  let oddNul = 0;
  let control = 0;
  for (let i = 0; i < n; i++) {
    const b = head[i] as number;
    if (b === 0) {
      if (i % 2 === 0) evenNul++;
      else oddNul++;
    } else if (b < 0x09 || (b > 0x0d && b < 0x20 && b !== 0x1b)) control++;
  }
  if (oddNul > n / 4 && evenNul < n / 50) return 'utf16le';
  if (evenNul > n / 4 && oddNul < n / 50) return 'utf16be';
  if (evenNul + oddNul > 0 || control > n / 20) return 'binary';
  return 'text';
}

/** Refuses a file that is not text a reader can parse, saying what it is and how to fix it. */
export function assertReadableText(head: Buffer, file: string): void {
  const kind = textKind(head);
  if (kind === 'text') return;
  const said: Record<Exclude<TextKind, 'text'>, [string, string, string]> = {
    empty: ['is empty', '(empty file)', 'check the path, or download the file again'],
    utf16le: ['is UTF-16 text', 'UTF-16 (little-endian)', 'save it as UTF-8 (e.g. `iconv -f UTF-16 -t UTF-8 in.csv > out.csv`)'],
    utf16be: ['is UTF-16 text', 'UTF-16 (big-endian)', 'save it as UTF-8 (e.g. `iconv -f UTF-16BE -t UTF-8 in.csv > out.csv`)'],
    binary: ['is not a text file', 'binary data', 'is it a spreadsheet or an archive? export it as CSV, or unzip it first'],
  };
  const [what, found, hint] = said[kind];
  throw new LanternError('bad-file', `${file} ${what}.`, [
    { file, message: `the file ${what}`, expected: 'UTF-8 text (CSV or JSON), gzip, or a BACI release zip', found, hint },
  ]);
}

/** Caps on what a compressed file may expand to (settings maxUnpackedBytes, maxUnpackRatio). */
export interface UnpackLimits {
  maxUnpackedBytes: number;
  maxUnpackRatio: number;
}
export const DEFAULT_UNPACK_LIMITS: UnpackLimits = { maxUnpackedBytes: 8 * 1024 ** 3, maxUnpackRatio: 200 };

function tooBig(file: string, unpacked: number, packed: number, limits: UnpackLimits, declared: boolean): LanternError {
  const ratio = unpacked / Math.max(1, packed);
  const bySize = unpacked > limits.maxUnpackedBytes;
  return new LanternError('too-large', `${file} would expand to ${declared ? '' : 'more than '}${unpacked.toLocaleString('en-US')} bytes; it was not unpacked.`, [
    {
      file,
      message: bySize ? 'uncompressed size over the limit' : 'compression ratio over the limit (a zip or gzip bomb?)',
      expected: bySize
        ? `at most ${limits.maxUnpackedBytes.toLocaleString('en-US')} bytes uncompressed`
        : `a ratio of at most ${limits.maxUnpackRatio}:1`,
      found: bySize ? `${unpacked.toLocaleString('en-US')} bytes` : `${Math.round(ratio)}:1`,
      hint: `if the file is genuine, raise LANTERN_MAX_UNPACKED_BYTES / LANTERN_MAX_UNPACK_RATIO`,
    },
  ]);
}

/**
 * Checks what a compressed file expands to before its reader stores anything. A zip is judged by
 * its central directory (sizes yauzl then enforces while reading). A gzip read by the database
 * (`countGzip`: BACI's `read_csv` inflates it itself, out of our sight) is inflated once here and
 * counted, stopping at the first byte past the limits, so a bomb costs at most
 * `maxUnpackedBytes` (or 8 MB past the ratio) of decompression and nothing reaches the store.
 * A gzip streamed by a row reader is counted while it decompresses instead (`openText`).
 */
export async function checkUnpackedSize(
  path: string,
  file: string,
  kind: { gzip: boolean; zip: boolean; countGzip?: boolean },
  limits: UnpackLimits = DEFAULT_UNPACK_LIMITS,
): Promise<void> {
  const packed = statSync(path).size;
  let unpacked = 0;
  if (kind.zip) {
    const { default: yauzl } = await import('yauzl');
    unpacked = await new Promise<number>((resolve, reject) =>
      yauzl.open(path, { lazyEntries: true, autoClose: true }, (err, zip) => {
        if (err || !zip) return resolve(0); // the reader reports a damaged zip in its own words
        let sum = 0;
        zip.on('entry', (e: { uncompressedSize: number }) => {
          sum += e.uncompressedSize;
          zip.readEntry();
        });
        zip.on('end', () => resolve(sum));
        zip.on('error', () => resolve(sum));
        zip.readEntry();
      }),
    ).catch(() => 0);
  } else if (kind.gzip && kind.countGzip) {
    return countGzip(path, file, limits);
  } else return; // a gzip's trailer cannot be trusted (a cut file ends anywhere): it is counted as it inflates
  if (unpacked > limits.maxUnpackedBytes || unpacked / Math.max(1, packed) > limits.maxUnpackRatio) {
    throw tooBig(file, unpacked, packed, limits, true);
  }
}

/** Inflates a gzip into nothing through `unpackGuard`: refuses past the limits, else returns. */
async function countGzip(path: string, file: string, limits: UnpackLimits): Promise<void> {
  let read = 0;
  const raw = createReadStream(path, { highWaterMark: 1 << 20 });
  raw.on('data', (c) => {
    read += (c as Buffer).length;
  });
  const sink = new Writable({ write: (_chunk, _enc, cb) => cb() });
  try {
    await pipeline(raw, createGunzip(), unpackGuard(file, limits, () => read), sink);
  } catch (e) {
    if (e instanceof LanternError) throw e;
    // A damaged or cut gzip: its reader reports that in its own words.
  }
}

/** Counts decompressed bytes against the limits while a gzip stream runs; errors past them. */
export function unpackGuard(file: string, limits: UnpackLimits, packedSoFar: () => number): Transform {
  let out = 0;
  return new Transform({
    transform(chunk: Buffer, _enc, cb) {
      out += chunk.length;
      const packed = Math.max(packedSoFar(), 1);
      if (out > limits.maxUnpackedBytes || (out > 8 * 1024 * 1024 && out / packed > limits.maxUnpackRatio)) {
        cb(tooBig(file, out, packed, limits, false));
        return;
      }
      cb(null, chunk);
    },
  });
}
