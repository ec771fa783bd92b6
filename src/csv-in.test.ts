import { readFileSync } from 'node:fs';
import { Readable } from 'node:stream';
import { parse } from 'csv-parse/sync';
import { describe, expect, it } from 'vitest';
import { hasShared, sharedPath } from '../test/shared.ts';
import { CsvSplitter, CsvStream, csvRecords, csvTable, readCsv } from './csv-in.ts';
import { isLanternError, type LanternError } from './errors.ts';

const caught = (f: () => unknown): LanternError => {
  try {
    f();
  } catch (e) {
    if (isLanternError(e)) return e;
    throw e;
  }
  throw new Error('no error');
};

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
    const e = caught(() => readCsv('a\n1\n"open\nmore', 't.csv'));
    expect(e.message).toMatch(/not closed/);
    expect(e.problems[0]).toMatchObject({ file: 't.csv', line: 3 });
  });

  it('reads another delimiter', () => {
    expect(csvRecords('a\tb\n"x\ty"\t2\n', 't.tsv', { delimiter: '\t' }).map((r) => r.fields)).toEqual([
      ['a', 'b'],
      ['x\ty', '2'],
    ]);
  });

  it.skipIf(!hasShared('data/hs_concordance'))('agrees with csv-parse on the shared nomenclature file', () => {
    const text = readFileSync(sharedPath('data/hs_concordance/hs_nomenclature_by_edition.csv'), 'utf8');
    const ours = readCsv(text, 'f').rows.map((r) => r.fields);
    const theirs = (parse(text, { skip_empty_lines: true }) as string[][]).slice(1);
    expect(ours.length).toBe(theirs.length);
    expect(ours).toEqual(theirs);
  });
});

describe('CsvSplitter: a text cut anywhere into chunks reads as the whole', () => {
  const text = '\uFEFFa,b\r\n"x, ""y""\r\nz",2\r\n\r\n3,"4"\n5,6\r\n"",\n7,8';
  const whole = csvRecords(text, 't.csv');

  it('at every cut into two, and in chunks of every size', () => {
    expect(whole.map((r) => r.line)).toEqual([1, 2, 5, 6, 7, 8]);
    for (let cut = 0; cut <= text.length; cut++) {
      const s = new CsvSplitter('t.csv');
      expect([...s.push(text.slice(0, cut)), ...s.push(text.slice(cut)), ...s.end()]).toEqual(whole);
    }
    for (let size = 1; size <= 8; size++) {
      const s = new CsvSplitter('t.csv');
      const got = [];
      for (let i = 0; i < text.length; i += size) got.push(...s.push(text.slice(i, i + size)));
      got.push(...s.end());
      expect(got).toEqual(whole);
    }
  });
});

describe('header aliases', () => {
  const spec = {
    columns: { reporter: ['reporter', 'country_iso3_code'], value: ['value', 'v', 'trade_value_usd'], note: ['note'] },
    required: ['reporter', 'value'] as const,
    expected: 'reporter,value[,note]',
    hint: 'export the table with its header',
  };

  it('finds each column by any of its names, in any case, optional ones -1 when absent', () => {
    const { columns, rows } = csvTable(' Country_ISO3_Code ,Year,Trade_Value_USD\nCHN,2021,5\n', 't.csv', spec);
    expect(columns.at).toEqual({ reporter: 0, value: 2, note: -1 });
    expect(columns.indexOf('YEAR')).toBe(1);
    expect(columns.names).toEqual(['Country_ISO3_Code', 'Year', 'Trade_Value_USD']);
    expect(rows).toEqual([{ line: 2, fields: ['CHN', '2021', '5'] }]);
  });

  it('refuses a header that lacks required columns: file, line, each column, found, expected, hint', () => {
    const e = caught(() => csvTable('\n\nname,year\nx,1\n', 'pop.csv', spec));
    expect(e.code).toBe('csv-missing-column');
    expect(e.message).toBe('pop.csv lacks the column(s) reporter, value.');
    expect(e.problems).toHaveLength(2);
    expect(e.problems[1]).toMatchObject({
      file: 'pop.csv',
      line: 3,
      column: 'value',
      found: 'name,year',
      expected: 'reporter,value[,note]',
      hint: 'export the table with its header',
    });
  });

  it('refuses an empty text', () => {
    expect(caught(() => csvTable('\n\n', 'e.csv', spec)).message).toBe('e.csv is empty.');
  });
});

describe('CsvStream', () => {
  it('reads the header through a spec, then the records in batches, from bytes cut inside a character', async () => {
    const bytes = Buffer.from('\uFEFFname;value\n"Côte d\'Ivoire";1\n中国;2\n');
    const chunks = [...bytes].map((b) => Buffer.from([b]));
    const csv = new CsvStream(Readable.from(chunks), 's.csv', { delimiter: ';' });
    const columns = await csv.header({ columns: { name: ['name'], value: ['value'] }, required: ['name', 'value'], hint: 'h' });
    expect(columns.at).toEqual({ name: 0, value: 1 });
    const got = [];
    for await (const batch of csv.batches()) got.push(...batch);
    expect(got).toEqual([
      { line: 2, fields: ["Côte d'Ivoire", '1'] },
      { line: 3, fields: ['中国', '2'] },
    ]);
  });

  it('refuses a record that runs past the limit (a quote never closed) at its line, without reading on', async () => {
    const tail = `${'x'.repeat(1 << 20)}\n`;
    const chunks = (function* () {
      yield 'a,b\n1,2\n"open,3\n';
      for (let i = 0; i < 20; i++) yield tail;
    })();
    const csv = new CsvStream(Readable.from(chunks), 'q.csv');
    await csv.header({ columns: {}, hint: 'h' });
    const read = async () => {
      for await (const _ of csv.batches());
    };
    await expect(read()).rejects.toMatchObject({ code: 'bad-file', message: 'q.csv: the record on line 3 runs past 16 M characters.', problems: [{ file: 'q.csv', line: 3 }] });
  });

  it('refuses an empty stream', async () => {
    const csv = new CsvStream(Readable.from([]), 'e.csv');
    await expect(csv.header({ columns: {}, hint: 'h' })).rejects.toThrow('e.csv is empty.');
  });
});
