/**
 * `lantern official load` reads the encodings Chinese tables come in: UTF-8 with or without a BOM,
 * UTF-16 (what Excel's "Unicode text" writes) and GBK/GB18030, each giving the same stored figures,
 * and says which it used. Other bytes that are not UTF-8 are refused with the line and byte offset,
 * and nothing is stored.
 */
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import iconv from 'iconv-lite';
import { describe, expect, it } from 'vitest';
import { captureCli } from '../cli.ts';

const CSV = `country,year,scope,indicator,flow,value,unit,value_usd,publisher,source_url,note
CHN,2021,cultural_products,value,export,1558.1,hundred_million_usd,155810000000,商务部,https://example.org/a,文化产品出口
CHN,2021,cultural_products,value,import,1.5,billion_usd,1500000000,商务部,https://example.org/a,进口
`;

const figures = async (db: string, dir: string) =>
  JSON.parse((await captureCli(['official', '--country', 'CHN', '--year', '2021', '--scope', 'cultural_products', '--format', 'json', '--db', db], { cwd: dir })).out) as {
    flow: string;
    value_usd: number;
    publisher: string;
    note: string | null;
  }[];

describe('official load: encodings', () => {
  const encodings: [string, Buffer, string][] = [
    ['UTF-8', Buffer.from(CSV, 'utf8'), ''],
    ['UTF-8 with a BOM', Buffer.concat([Buffer.from([0xef, 0xbb, 0xbf]), Buffer.from(CSV, 'utf8')]), ''],
    ['UTF-16LE with a BOM', Buffer.concat([Buffer.from([0xff, 0xfe]), iconv.encode(CSV, 'utf-16le')]), ' (read as UTF-16LE)'],
    ['UTF-16BE with a BOM', Buffer.concat([Buffer.from([0xfe, 0xff]), iconv.encode(CSV, 'utf-16be')]), ' (read as UTF-16BE)'],
    ['GBK', iconv.encode(CSV, 'gbk'), ' (read as GB18030)'],
  ];

  it.each(encodings)('%s: the same figures, the encoding said', async (_name, bytes, note) => {
    const dir = mkdtempSync(join(tmpdir(), 'lantern-official-enc-'));
    const db = join(dir, 'store.duckdb');
    writeFileSync(join(dir, 'figures.csv'), bytes);
    const r = await captureCli(['official', 'load', 'figures.csv', '--db', db], { cwd: dir });
    expect(r.code, r.err).toBe(0);
    expect(r.out).toBe(`loaded 2 official figure(s) from figures.csv${note}\n`);
    const rows = (await figures(db, dir)).filter((x) => x.publisher === '商务部');
    expect(rows.map((x) => [x.flow, x.value_usd, x.note]).sort()).toEqual([
      ['export', 155810000000, '文化产品出口'],
      ['import', 1500000000, '进口'],
    ]);
  });

  it('Latin-1 bytes are refused at their line and byte offset, with a hint, and nothing is stored', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'lantern-official-enc-'));
    const db = join(dir, 'store.duckdb');
    const text = CSV.replace(/商务部/g, 'Ministère').replace(/文化产品出口|进口/g, 'x');
    const bytes = Buffer.from(text, 'latin1');
    writeFileSync(join(dir, 'figures.csv'), bytes);
    const before = (await figures(db, dir)).length;
    const r = await captureCli(['official', 'load', 'figures.csv', '--db', db], { cwd: dir });
    expect(r.code).toBe(1);
    const at = bytes.indexOf(0xe8); // è, the first byte that is not ASCII
    expect(r.err).toContain('error [bad-file]');
    expect(r.err).toContain(`figures.csv is not UTF-8 at line 2 (byte ${at})`);
    expect(r.err).toContain('0xE8');
    expect(r.err).toContain('save the file as UTF-8');
    expect((await figures(db, dir)).length).toBe(before);
  });

  it('a binary file is refused as not text', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'lantern-official-enc-'));
    writeFileSync(join(dir, 'figures.csv'), Buffer.from([0x50, 0x4b, 0x03, 0x04, 0x00, 0x00, 0x10, 0x00, 0x00]));
    const r = await captureCli(['official', 'load', 'figures.csv', '--db', join(dir, 's.duckdb')], { cwd: dir });
    expect(r.code).toBe(1);
    expect(r.err).toContain('figures.csv is not a text file');
  });
});
