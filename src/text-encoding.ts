/**
 * Bytes to text, the same way at every edge that reads a file (claims, official figures, trade
 * imports): byte-order marks, UTF-16 without a mark, where a file stops being UTF-8 (line and
 * byte offset, for the message), and decoding in an encoding the user named or the edge detected.
 *
 * Lantern never guesses an 8-bit encoding silently for data: an import or an official-figures
 * file that is not UTF-8 is refused where it stops being UTF-8, unless the user names the
 * encoding (`--encoding latin1`). Chinese files in GB18030/GBK are recognised where Chinese text is
 * expected (claims, official figures), because they decode cleanly into CJK text or not at all.
 */
import iconv from 'iconv-lite';
import { LanternError } from './errors.ts';

export type TextEncoding = 'utf-8' | 'utf-16le' | 'utf-16be' | 'gb18030' | 'windows-1252' | 'latin1';

/** Encodings a user may name with `--encoding` (aliases on the right). */
export const NAMED_ENCODINGS: Record<string, TextEncoding> = {
  'utf-8': 'utf-8',
  utf8: 'utf-8',
  latin1: 'latin1',
  'iso-8859-1': 'latin1',
  'windows-1252': 'windows-1252',
  cp1252: 'windows-1252',
  gb18030: 'gb18030',
  gbk: 'gb18030',
  gb2312: 'gb18030',
};

/** The encoding named by `--encoding`, or a refusal that lists the accepted names. */
export function namedEncoding(name: string, option = '--encoding'): TextEncoding {
  const e = NAMED_ENCODINGS[name.trim().toLowerCase()];
  if (e) return e;
  throw new LanternError('invalid-argument', `${option} "${name}" is not an encoding Lantern reads.`, [
    {
      field: option,
      message: 'unknown encoding',
      expected: Object.keys(NAMED_ENCODINGS).join(' | '),
      found: name,
      hint: `name the file's encoding, e.g. ${option} latin1 (ISO-8859-1) or ${option} gbk`,
    },
  ]);
}

/** The encoding a byte-order mark names, and the mark's length. */
export function byteOrderMark(raw: Uint8Array): { encoding: TextEncoding; length: number } | undefined {
  if (raw[0] === 0xef && raw[1] === 0xbb && raw[2] === 0xbf) return { encoding: 'utf-8', length: 3 };
  if (raw[0] === 0xff && raw[1] === 0xfe) return { encoding: 'utf-16le', length: 2 };
  if (raw[0] === 0xfe && raw[1] === 0xff) return { encoding: 'utf-16be', length: 2 };
  return undefined;
}

/** UTF-16 without a mark, told by NUL bytes in every other position of the first 4 KB. */
export function utf16WithoutMark(raw: Uint8Array): 'utf-16le' | 'utf-16be' | undefined {
  const n = Math.min(raw.length - (raw.length % 2), 4096);
  if (n < 4) return undefined;
  let even = 0;
  let odd = 0;
  for (let i = 0; i < n; i++) if (raw[i] === 0) i % 2 === 0 ? even++ : odd++;
  if (odd > n / 8 && even < n / 100) return 'utf-16le';
  if (even > n / 8 && odd < n / 100) return 'utf-16be';
  return undefined;
}

/**
 * The index of the first byte that is not part of valid UTF-8, or -1. With `partialEnd`, a
 * sequence cut by the end of the buffer is not an error (a stream's next chunk completes it).
 */
export function invalidUtf8At(buf: Uint8Array, partialEnd = false): number {
  const n = buf.length;
  let i = 0;
  while (i < n) {
    const b = buf[i] as number;
    if (b < 0x80) {
      i++;
      continue;
    }
    let need: number;
    let min: number;
    if (b >= 0xc2 && b <= 0xdf) [need, min] = [1, 0x80];
    else if (b >= 0xe0 && b <= 0xef) [need, min] = [2, 0x800];
    else if (b >= 0xf0 && b <= 0xf4) [need, min] = [3, 0x10000];
    else return i;
    if (i + need >= n) {
      // The sequence runs past the end.
      for (let k = i + 1; k < n; k++) if (((buf[k] as number) & 0xc0) !== 0x80) return i;
      return partialEnd ? -1 : i;
    }
    let cp = b & (0x3f >> need);
    for (let k = 1; k <= need; k++) {
      const c = buf[i + k] as number;
      if ((c & 0xc0) !== 0x80) return i;
      cp = (cp << 6) | (c & 0x3f);
    }
    if (cp < min || cp > 0x10ffff || (cp >= 0xd800 && cp <= 0xdfff)) return i;
    i += need + 1;
  }
  return -1;
}

/** Line (1-based) and byte offset of `index` in `buf`, counting from `linesBefore` / `bytesBefore`. */
export function positionIn(buf: Uint8Array, index: number, linesBefore = 0, bytesBefore = 0): { line: number; offset: number } {
  let line = linesBefore + 1;
  for (let i = 0; i < index; i++) if (buf[i] === 0x0a) line++;
  return { line, offset: bytesBefore + index };
}

/** The refusal of a file that stops being UTF-8: where, which bytes, and how to go on. */
export function notUtf8Error(
  file: string,
  at: { line: number; offset: number },
  bytes: Uint8Array,
  hint = 'save the file as UTF-8, or name its encoding with --encoding (e.g. --encoding latin1 for ISO-8859-1, --encoding gbk)',
): LanternError {
  const hex = [...bytes.subarray(0, 4)].map((b) => `0x${b.toString(16).toUpperCase().padStart(2, '0')}`).join(' ');
  const latin1 = Buffer.from(bytes.subarray(0, 1)).toString('latin1');
  return new LanternError('bad-file', `${file} is not UTF-8 at line ${at.line} (byte ${at.offset.toLocaleString('en-US')}).`, [
    {
      file,
      line: at.line,
      message: `not UTF-8 at byte ${at.offset.toLocaleString('en-US')}`,
      expected: 'UTF-8 text',
      found: `bytes ${hex} ("${latin1}" in ISO-8859-1)`,
      hint,
    },
  ]);
}

/** Decodes bytes in an encoding (the mark, if any, already cut off). */
export function decodeAs(raw: Uint8Array, encoding: TextEncoding): string {
  if (encoding === 'utf-8') return Buffer.from(raw).toString('utf8');
  return iconv.decode(Buffer.from(raw), encoding === 'latin1' ? 'latin1' : encoding);
}

/** A streaming decoder for an encoding iconv-lite knows (for `--encoding`). */
export function decoderStream(encoding: TextEncoding): NodeJS.ReadWriteStream {
  return iconv.decodeStream(encoding === 'latin1' ? 'latin1' : encoding);
}

/**
 * Whether the bytes are GB18030 (GBK) Chinese: nearly every two-byte pair in the GB2312 range
 * (both bytes 0xA1 or above, as the common hanzi are), decoding with no replacement character into
 * Chinese text. Latin-1 text fails the first test: its accented letters are followed by ASCII.
 */
export function looksGb18030(raw: Uint8Array): boolean {
  let pairs = 0;
  let outside = 0;
  for (let i = 0; i < raw.length; i++) {
    const b = raw[i] as number;
    if (b < 0x80) continue;
    pairs++;
    if (b < 0xa1 || (raw[i + 1] ?? 0) < 0xa1) outside++;
    i++;
  }
  if (!pairs || outside > pairs / 10) return false;
  const gb = iconv.decode(Buffer.from(raw), 'gb18030');
  return !gb.includes('\uFFFD') && /[\u4e00-\u9fff]/.test(gb);
}

/**
 * A small data file (CSV of official figures, a registry table) as text: a byte-order mark
 * decides (UTF-8, UTF-16); else UTF-16 without a mark; else UTF-8; else GB18030 (GBK) when it
 * decodes cleanly into Chinese; else refused where it stops being UTF-8. Files with NUL bytes
 * that are not UTF-16 are refused as not text. The encoding used is returned so the caller can say it.
 */
export function decodeDataFile(raw: Buffer, file: string): { text: string; encoding: TextEncoding } {
  const bom = byteOrderMark(raw);
  let encoding: TextEncoding | undefined = bom?.encoding ?? utf16WithoutMark(raw);
  if (!encoding) {
    if (raw.subarray(0, 8192).includes(0)) {
      throw new LanternError('bad-file', `${file} is not a text file.`, [
        { file, message: 'the file is not text', expected: 'a CSV text file', found: 'binary data (NUL bytes)', hint: 'export the table as CSV (UTF-8) first' },
      ]);
    }
    const bad = invalidUtf8At(raw);
    if (bad < 0) encoding = 'utf-8';
    else if (looksGb18030(raw)) encoding = 'gb18030';
    else throw notUtf8Error(file, positionIn(raw, bad), raw.subarray(bad, bad + 4), 'save the file as UTF-8 (GBK/GB18030 Chinese files are read as they are)');
  }
  return { text: decodeAs(raw.subarray(bom?.length ?? 0), encoding).replace(/^\uFEFF/, ''), encoding };
}
