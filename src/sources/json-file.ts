/** Reads a whole JSON file (gzip allowed) with the same decoding and errors as the text readers. */
import { LanternError } from '../errors.ts';
import { openText, peek } from './input.ts';

export async function readJsonFile(
  path: string,
  file: string,
  onBytes: (n: number) => void,
): Promise<unknown> {
  const { gzip } = await peek(path, 4);
  const { stream } = openText(path, file, { gzip, onBytes, onLatin1: () => {} });
  let text = '';
  for await (const chunk of stream) text += chunk as string;
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
