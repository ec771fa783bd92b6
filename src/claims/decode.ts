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
import { LanternError } from '../errors.ts';
import { byteOrderMark, decodeAs, invalidUtf8At, looksGb18030, type TextEncoding, utf16WithoutMark } from '../text-encoding.ts';

export type { TextEncoding };

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

/**
 * Decodes a document's bytes, or refuses them.
 *
 * @example decodeDocument(readFileSync('gbk.txt'), 'gbk.txt').encoding // 'gb18030'
 */
export function decodeDocument(raw: Buffer, file: string, maxBytes = DEFAULT_MAX_CLAIM_TEXT_BYTES): { text: string; encoding: TextEncoding } {
  checkDocumentSize(file, raw.length, maxBytes);
  if (raw.length === 0) refuse(file, 'bad-file', 'the file is empty', '(empty file)', 'check the path, or save the article again');
  const bom = byteOrderMark(raw);
  let encoding: TextEncoding | undefined = bom?.encoding ?? utf16WithoutMark(raw);
  const body = raw.subarray(bom?.length ?? 0);
  if (!encoding) {
    const magic = MAGIC.find(([, m]) => m.every((b, i) => raw[i] === b));
    if (magic) refuse(file, 'bad-file', 'the file is not text', magic[0], 'save the article as text, Markdown or HTML first');
    const head = raw.subarray(0, 8192);
    const control = head.filter((b) => b === 0 || b < 0x08 || (b > 0x0d && b < 0x20 && b !== 0x1b)).length;
    if (head.includes(0) || control > head.length / 50) {
      refuse(file, 'bad-file', 'the file is not text', 'binary data', 'save the article as text, Markdown or HTML first');
    }
    // Not UTF-8 and not Chinese: a web page saved in a Western code page, read as Windows-1252
    // (a superset of ISO-8859-1); the caller says which encoding was used.
    encoding = invalidUtf8At(raw) < 0 ? 'utf-8' : looksGb18030(raw) ? 'gb18030' : 'windows-1252';
  }
  const text = decodeAs(body, encoding).replace(/^\uFEFF/, '');
  if (text.trim() === '') refuse(file, 'bad-file', 'the file holds no text', 'only white space', 'check the path, or save the article again');
  return { text, encoding };
}
