import { readFileSync } from 'node:fs';
import { parse } from 'csv-parse/sync';
import { describe, expect, it } from 'vitest';
import { hasShared, sharedPath } from '../../test/shared.ts';
import { readCsv } from './csv.ts';

describe('readCsv', () => {
  it('reads quoted fields, doubled quotes, CRLF, newlines inside quotes, and keeps line numbers', () => {
    const text = '\uFEFFa,b,c\r\n1,"x, y",3\r\n"multi\nline","say ""hi""",\r\n\r\nlast,,z';
    expect(readCsv(text, 't.csv')).toEqual({
      header: ['a', 'b', 'c'],
      rows: [
        { line: 2, fields: ['1', 'x, y', '3'] },
        { line: 3, fields: ['multi\nline', 'say "hi"', ''] },
        { line: 6, fields: ['last', '', 'z'] },
      ],
    });
  });

  it('reports an unterminated quote with its line', () => {
    expect(() => readCsv('a\n1\n"open', 't.csv')).toThrow(/not closed/);
  });

  it.skipIf(!hasShared('data/hs_concordance'))(
    'agrees with csv-parse on the shared nomenclature file',
    () => {
      const text = readFileSync(sharedPath('data/hs_concordance/hs_nomenclature_by_edition.csv'), 'utf8');
      const ours = readCsv(text, 'f').rows.map((r) => r.fields);
      const theirs = (parse(text, { skip_empty_lines: true }) as string[][]).slice(1);
      expect(ours.length).toBe(theirs.length);
      expect(ours).toEqual(theirs);
    },
  );
});
