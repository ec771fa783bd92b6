/**
 * The file-reading edge of claims: the bytes of a document become text, or a clear refusal.
 *
 * - Size first (setting maxClaimTextBytes): a document larger than a long report is refused before
 *   it is read, so no text can make extraction run for minutes.
 * - Empty or blank files, and files that are not text (NUL bytes, control bytes, the magic bytes
 *   of PDF, zip/docx, images), are refused: nothing about them would be a claim.
 * - Encodings: a byte-order mark decides (UTF-8, UTF-16LE/BE); else UTF-16 without a mark is
 *   recognised by its NULs; else valid UTF-8 is UTF-8; else GB18030 (a superset of GBK and GB2312,
 *   the usual encodings of Chinese news pages) when it decodes cleanly, else Windows-1252. The
 *   encoding used is returned so the caller can say it.
 */
import iconv from 'iconv-lite';
import { LanternError } from '../errors.ts';

export type TextEncoding = 'utf-8' | 'utf-16le' | 'utf-16be' | 'gb18030' | 'windows-1252';

/** Default size limit of a claim document (the setting maxClaimTextBytes). */
export const DEFAULT_MAX_CLAIM_TEXT_BYTES = 2 * 1024 * 1024;

const MAGIC: [string, number[]][] = [
  ['a PDF file', [0x25, 0x50, 0x44, 0x46]],
  ['a zip archive (or a .docx/.xlsx document)', [0x50, 0x4b, 0x03, 0x04]],
  ['a PNG image', [0x89, 0x50, 0x4e, 0x47]],
  ['a JPEG image', [0xff, 0xd8, 0xff]],
  ['a GIF image', [0x47, 0x49, 0x46, 0x38]],
  ['a gzip file', [0x1f, 0x8b]],
  ['an old Word/Excel document', [0xd0, 0xcf, 0x11, 0xe0]],
];

function refuse(file: string, code: 'bad-file' | 'too-large', message: string, found: string, hint: string, expected = 'a text, Markdown or HTML file'): never {
  throw new LanternError(code, `${file}: ${message}.`, [{ file, message, expected, found, hint }]);
}

/** Refuses a file over the limit, from its size alone (call before reading it). */
export function checkDocumentSize(file: string, bytes: number, maxBytes = DEFAULT_MAX_CLAIM_TEXT_BYTES): void {
  if (bytes > maxBytes) {
    refuse(
      file,
      'too-large',
      'the document is larger than the limit',
      `${bytes.toLocaleString('en-US')} bytes`,
      'split it into articles, or raise LANTERN_MAX_CLAIM_TEXT_BYTES',
      `at most ${maxBytes.toLocaleString('en-US')} bytes`,
    );
  }
}

function utf16Without(raw: Buffer): 'utf-16le' | 'utf-16be' | undefined {
  const n = Math.min(raw.length - (raw.length % 2), 4096);
  if (n < 4) return undefined;
  let even = 0;
  let odd = 0;
  for (let i = 0; i < n; i++) if (raw[i] === 0) i % 2 === 0 ? even++ : odd++;
  if (odd > n / 8 && even < n / 100) return 'utf-16le';
  if (even > n / 8 && odd < n / 100) return 'utf-16be';
  return undefined;
}

function isValidUtf8(raw: Buffer): boolean {
  try {
    new TextDecoder('utf-8', { fatal: true }).decode(raw);
    return true;
  } catch {
    return false;
  }
}

/**
 * Decodes a document's bytes, or refuses them.
 *
 * @example decodeDocument(readFileSync('gbk.txt'), 'gbk.txt').encoding // 'gb18030'
 */
export function decodeDocument(raw: Buffer, file: string, maxBytes = DEFAULT_MAX_CLAIM_TEXT_BYTES): { text: string; encoding: TextEncoding } {
  checkDocumentSize(file, raw.length, maxBytes);
  if (raw.length === 0) refuse(file, 'bad-file', 'the file is empty', '(empty file)', 'check the path, or save the article again');
  let encoding: TextEncoding | undefined;
  let body = raw;
  if (raw[0] === 0xef && raw[1] === 0xbb && raw[2] === 0xbf) [encoding, body] = ['utf-8', raw.subarray(3)];
  else if (raw[0] === 0xff && raw[1] === 0xfe) [encoding, body] = ['utf-16le', raw.subarray(2)];
  else if (raw[0] === 0xfe && raw[1] === 0xff) [encoding, body] = ['utf-16be', raw.subarray(2)];
  else encoding = utf16Without(raw);
  if (!encoding) {
    const magic = MAGIC.find(([, m]) => m.every((b, i) => raw[i] === b));
    if (magic) refuse(file, 'bad-file', 'the file is not text', magic[0], 'save the article as text, Markdown or HTML first');
    const head = raw.subarray(0, 8192);
    const control = head.filter((b) => b === 0 || b < 0x08 || (b > 0x0d && b < 0x20 && b !== 0x1b)).length;
    if (head.includes(0) || control > head.length / 50) {
      refuse(file, 'bad-file', 'the file is not text', 'binary data', 'save the article as text, Markdown or HTML first');
    }
    if (isValidUtf8(raw)) encoding = 'utf-8';
    else {
      const gb = iconv.decode(raw, 'gb18030');
      encoding = !gb.includes('\uFFFD') && /[\u4e00-\u9fff]/.test(gb) ? 'gb18030' : 'windows-1252';
    }
  }
  const text = (encoding === 'utf-8' ? body.toString('utf8') : iconv.decode(body, encoding)).replace(/^\uFEFF/, '');
  if (text.trim() === '') refuse(file, 'bad-file', 'the file holds no text', 'only white space', 'check the path, or save the article again');
  return { text, encoding };
}
