/** Reads a whole JSON file (gzip allowed) with the same decoding and errors as the text readers. */
import { LanternError } from '../errors.ts';
import type { TextEncoding } from '../text-encoding.ts';
import { openText, peek, type UnpackLimits } from './input.ts';

export async function readJsonFile(
  path: string,
  file: string,
  onBytes: (n: number) => void,
  encoding?: TextEncoding,
  limits?: UnpackLimits,
): Promise<unknown> {
  const { gzip } = await peek(path, 4);
  const { stream } = openText(path, file, { gzip, onBytes, encoding, limits });
  let text = '';
  for await (const chunk of stream) text += chunk as string;
  const depth = jsonDepth(text);
  if (depth > MAX_JSON_DEPTH) {
    throw new LanternError('bad-file', `${file} is JSON nested ${depth.toLocaleString('en-US')} levels deep.`, [
      {
        file,
        message: 'JSON nested too deeply',
        expected: `at most ${MAX_JSON_DEPTH} levels (trade records are 2 or 3)`,
        found: `${depth.toLocaleString('en-US')} levels`,
        hint: 'this is not a trade-data file: check what was downloaded',
      },
    ]);
  }
  try {
    return JSON.parse(text);
  } catch (e) {
    const m = /position (\d+)/.exec((e as Error).message);
    const line = m ? text.slice(0, Number(m[1])).split('\n').length : undefined;
    throw new LanternError('bad-file', `${file} is not valid JSON.`, [
      {
        file,
        line,
        message: (e as Error).message,
        expected: 'a complete JSON document',
        found: text.length === 0 ? 'an empty file' : 'broken JSON',
        hint: 'the download may have been cut short: fetch it again',
      },
    ]);
  }
}

/** Deeper JSON than this is no data file (and would overflow the stack of whatever walks it). */
export const MAX_JSON_DEPTH = 64;

/** The deepest nesting of arrays and objects in a JSON text (strings skipped), in one pass. */
export function jsonDepth(text: string): number {
  let depth = 0;
  let max = 0;
  let inString = false;
  for (let i = 0; i < text.length; i++) {
    const c = text.charCodeAt(i);
    if (inString) {
      if (c === 0x5c) i++;
      else if (c === 0x22) inString = false;
    } else if (c === 0x22) inString = true;
    else if (c === 0x5b || c === 0x7b) {
      if (++depth > max) max = depth;
    } else if (c === 0x5d || c === 0x7d) depth--;
  }
  return max;
}
