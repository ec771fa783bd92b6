import { describe, expect, it } from 'vitest';
import { datelineDate, documentFromString, fromHtml, fromMarkdown, normaliseWidth } from './documents.ts';

describe('documents', () => {
  it('gives the same content the same id (sha256), and another content another', () => {
    const a = documentFromString('Exports rose 5%.', 'a.txt');
    expect(documentFromString('Exports rose 5%.', 'b.txt').id).toBe(a.id);
    expect(documentFromString('Exports rose 6%.', 'a.txt').id).not.toBe(a.id);
    expect(a.id).toMatch(/^d[0-9a-f]{16}$/);
  });
  it('extracts the text of HTML without scripts and styles, with title, date and URL', () => {
    const h = fromHtml(
      '<html><head><title>T &amp; C</title><meta name="date" content="2021-04-05"><link rel="canonical" href="https://x.org/a"><script>var a=1</script></head><body><p>One&nbsp;fair.</p><p>Two <b>fairs</b>.</p></body></html>',
    );
    expect(h).toMatchObject({ title: 'T & C', date: '2021-04-05', url: 'https://x.org/a' });
    expect(h.text).toBe('One fair.\n\nTwo fairs.'); // block elements end a paragraph
  });
  it('extracts the text of Markdown with its front matter', () => {
    const m = fromMarkdown(
      '---\ntitle: "A"\ndate: 2020-01-02\n---\n# Head\n\nSome **bold** and [a link](http://x).\n',
    );
    expect(m).toMatchObject({ title: 'A', date: '2020-01-02' });
    expect(m.text).toBe('Head\n\nSome bold and a link.');
  });
  it('maps full-width digits one for one', () => {
    const s = '出口１２．５亿美元，增长３％';
    expect(normaliseWidth(s)).toBe('出口12.5亿美元，增长3%');
    expect(normaliseWidth(s)).toHaveLength(s.length);
  });
  it('reads a dateline from plain text, preferring a printed date over a page timestamp', () => {
    expect(datelineDate('2023/05/0111:02:03 site chrome\nBody text.\n(Page 4, March 3, 2022)')).toBe(
      '2022-03-03',
    );
    expect(datelineDate('Title\nJun 05, 2020\nBody')).toBe('2020-06-05');
    expect(datelineDate('No date here, only 2019 in passing.')).toBeNull();
  });
  it('detects Chinese', () => {
    expect(documentFromString('我国文化产品出口增长。', 'z.txt').lang).toBe('zh');
  });
});

describe('documents: Markdown paragraphs', () => {
  it('joins soft-wrapped lines of a paragraph (offsets unchanged: one space for one newline)', () => {
    expect(fromMarkdown('Exports were US$2 billion\nand imports US$1 billion.\n\nNext.').text).toBe(
      'Exports were US$2 billion and imports US$1 billion.\n\nNext.',
    );
  });
});

describe('plain text titles', () => {
  it('skip breadcrumbs and metadata lines for the real headline', () => {
    const d = documentFromString('Home > Press Conference Homepage>Service Trade\n\nMOFCOM holds a press conference on trade in services\n\nText.', 't.txt');
    expect(d.title).toBe('MOFCOM holds a press conference on trade in services');
    const z = documentFromString('首页 > 新闻中心 > 商务动态\n来源：商务部\n2023年文化贸易稳中有升\n正文。', 'z.txt');
    expect(z.title).toBe('2023年文化贸易稳中有升');
  });
});

describe('documents: CSV and TSV tables', () => {
  it('reads one paragraph per row (header left out), cells apart, so a year is not read into the next cell', () => {
    const csv = 'id,text,value,unit,year\nC1,"Exports rose to 200 billion USD in 2021, a record",200,billion_usd,2021\nC2,,87,,\n';
    const doc = documentFromString(csv, 'claims.csv');
    expect(doc.format).toBe('table');
    expect(doc.text).toBe('C1 · Exports rose to 200 billion USD in 2021, a record · 200 · billion_usd · 2021\n\nC2 · 87');
    expect(doc.title).toBeNull();
    const tsv = documentFromString('a\tb\nx, y\t2021\n', 'sheet.tsv');
    expect(tsv.text).toBe('x, y · 2021');
  });
  it('refuses a broken table at its line, naming the file', () => {
    expect(() => documentFromString('a,b\n"open,2021\n', 'bad.csv')).toThrow(/bad\.csv/);
  });
});
