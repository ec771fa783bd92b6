/** The claims file edge: encodings detected and named, non-text and empty files refused, a size limit. */
import iconv from 'iconv-lite';
import { describe, expect, it } from 'vitest';
import { LanternError } from '../errors.ts';
import { decodeDocument } from './decode.ts';

const zh = '2023年中国文化产品进出口总额1086.9亿美元，同比增长5.2%。';
const refusal = (fn: () => unknown): LanternError => {
  try {
    fn();
  } catch (e) {
    if (e instanceof LanternError) return e;
    throw e;
  }
  throw new Error('not refused');
};

describe('decodeDocument', () => {
  it.each([
    ['utf-8', Buffer.from(zh, 'utf8')],
    ['utf-8', Buffer.concat([Buffer.from([0xef, 0xbb, 0xbf]), Buffer.from(zh, 'utf8')])],
    ['utf-16le', Buffer.concat([Buffer.from([0xff, 0xfe]), Buffer.from(zh, 'utf16le')])],
    ['utf-16le', Buffer.from(`Exports were US$99.89 billion in 2023.`, 'utf16le')],
    ['utf-16be', iconv.encode(zh, 'utf-16be', { addBOM: true })],
    ['gb18030', iconv.encode(zh, 'gbk')],
    ['gb18030', iconv.encode(zh, 'gb18030')],
  ] as const)('reads %s and says so', (encoding, raw) => {
    const r = decodeDocument(raw, 'a.txt');
    expect(r.encoding).toBe(encoding);
    expect(r.text).toMatch(/99\.89 billion|1086\.9亿美元/);
  });

  it('keeps a Western one-byte text readable', () => {
    const r = decodeDocument(Buffer.from('Exports of caf\xe9 goods rose 5%.', 'latin1'), 'a.txt');
    expect(r.encoding).toBe('windows-1252');
    expect(r.text).toContain('café');
  });

  it.each([
    ['an empty file', Buffer.alloc(0), 'empty'],
    ['white space only', Buffer.from(' \n\t\n'), 'no text'],
    ['a PDF', Buffer.from('%PDF-1.7\n%âãÏÓ\n1 0 obj'), 'a PDF file'],
    ['a zip', Buffer.from([0x50, 0x4b, 0x03, 0x04, 0x14, 0, 0, 0]), 'zip'],
    ['random bytes', Buffer.from(Array.from({ length: 2000 }, (_, i) => (i * 7919) % 256)), 'binary'],
  ])('refuses %s', (_what, raw, says) => {
    const e = refusal(() => decodeDocument(raw, 'a.txt'));
    expect(e.code).toBe('bad-file');
    expect(JSON.stringify(e.problems)).toContain(says);
    expect(e.problems[0]?.hint).toBeTruthy();
  });

  it('refuses a document over the size limit before decoding it', () => {
    const e = refusal(() => decodeDocument(Buffer.alloc(5000, 0x61), 'big.txt', 2048));
    expect(e.code).toBe('too-large');
    expect(e.problems[0]).toMatchObject({ expected: 'at most 2,048 bytes', found: '5,000 bytes' });
  });
});
