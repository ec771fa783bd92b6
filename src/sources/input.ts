/**
 * Opening input files: gzip by magic bytes, UTF-8 or ISO-8859-1 text (decided while streaming),
 * progress in raw bytes, and read failures turned into LanternError 'bad-file' with a fix hint.
 */
import { createReadStream, statSync } from 'node:fs';
import { open } from 'node:fs/promises';
import { type Readable, Transform } from 'node:stream';
import { createGunzip } from 'node:zlib';
import { LanternError } from '../errors.ts';

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
 * Decodes a byte stream as UTF-8 until a byte sequence is not UTF-8, then as ISO-8859-1 from that
 * chunk on (Comtrade's web downloads are sometimes Latin-1). ASCII text decodes the same in both,
 * so switching mid-stream loses nothing. `onLatin1` is called once when it switches.
 */
export function decodeText(onLatin1: () => void): Transform {
  let latin1 = false;
  let carry = Buffer.alloc(0);
  const utf8 = new TextDecoder('utf-8', { fatal: true });
  return new Transform({
    readableObjectMode: false,
    transform(chunk: Buffer, _enc, cb) {
      const buf = carry.length ? Buffer.concat([carry, chunk]) : chunk;
      if (latin1) {
        carry = Buffer.alloc(0);
        cb(null, buf.toString('latin1'));
        return;
      }
      const cut = utf8Boundary(buf);
      try {
        const text = utf8.decode(buf.subarray(0, cut));
        carry = Buffer.from(buf.subarray(cut));
        cb(null, text);
      } catch {
        latin1 = true;
        onLatin1();
        carry = Buffer.alloc(0);
        cb(null, buf.toString('latin1'));
      }
    },
    flush(cb) {
      if (carry.length) cb(null, latin1 ? carry.toString('latin1') : carry.toString('latin1'));
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
  opts: { onBytes: (n: number) => void; onLatin1: () => void; gzip: boolean },
): OpenedText {
  const size = statSync(path).size;
  const raw = createReadStream(path, { highWaterMark: 1 << 20 });
  let done = 0;
  raw.on('data', (c) => {
    done += (c as Buffer).length;
    opts.onBytes(done);
  });
  const decoder = decodeText(opts.onLatin1);
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
  if (opts.gzip) {
    const z = createGunzip();
    z.on('error', fail);
    raw.pipe(z).pipe(decoder);
  } else {
    raw.pipe(decoder);
  }
  return { stream: decoder, size };
}
