import iconv from 'iconv-lite';
import { describe, expect, it } from 'vitest';
import { LanternError } from './errors.ts';
import { decodeDataFile, invalidUtf8At, namedEncoding, positionIn } from './text-encoding.ts';

describe('invalidUtf8At', () => {
  it.each([
    ['ASCII', [0x41, 0x42], -1],
    ['a Latin-1 ô between ASCII', [0x41, 0xf4, 0x42], 1],
    ['中 then A', [0xe4, 0xb8, 0xad, 0x41], -1],
    ['a sequence cut by the end', [0x41, 0xe4, 0xb8], 1],
    ['an overlong NUL', [0xc0, 0x80], 0],
    ['a surrogate', [0xed, 0xa0, 0x80], 0],
    ['an emoji', [0xf0, 0x9f, 0x98, 0x80], -1],
    ['an overlong three-byte form', [0xe0, 0x80, 0x80], 0],
  ])('%s', (_what, bytes, at) => {
    expect(invalidUtf8At(Uint8Array.from(bytes as number[]))).toBe(at);
  });

  it('a sequence cut by the end is fine when a stream will complete it', () => {
    expect(invalidUtf8At(Uint8Array.from([0x41, 0xe4, 0xb8]), true)).toBe(-1);
  });
});

describe('positionIn', () => {
  it('counts lines and adds what came before', () => {
    expect(positionIn(Buffer.from('a\nb\ncd'), 5, 10, 100)).toEqual({ line: 13, offset: 105 });
  });
});

describe('decodeDataFile', () => {
  it('GBK Chinese is read as GB18030; Latin-1 is refused where it starts', () => {
    expect(decodeDataFile(iconv.encode('出口,1086.9亿美元\n', 'gbk'), 'a.csv')).toEqual({ text: '出口,1086.9亿美元\n', encoding: 'gb18030' });
    const e = (() => {
      try {
        decodeDataFile(Buffer.from('a,b\nCôte,1\n', 'latin1'), 'b.csv');
      } catch (x) {
        return x as LanternError;
      }
    })();
    expect(e).toBeInstanceOf(LanternError);
    expect(e?.problems[0]).toMatchObject({ file: 'b.csv', line: 2, message: 'not UTF-8 at byte 5' });
  });
});

describe('namedEncoding', () => {
  it('takes the usual names and refuses others with the list', () => {
    expect(namedEncoding('ISO-8859-1')).toBe('latin1');
    expect(namedEncoding('GBK')).toBe('gb18030');
    expect(() => namedEncoding('ebcdic')).toThrow(/not an encoding Lantern reads/);
  });
});
