/**
 * A minimal reader of .xlsx workbooks (Office Open XML): enough to read the UNSD HS correlation
 * tables as published (text and number cells, shared and inline strings). Not a general
 * spreadsheet library: no formulas are evaluated (their cached values are read), no dates, no
 * styles. Legacy .xls (BIFF) files are not read.
 */
import yauzl from 'yauzl';
import { LanternError } from '../errors.ts';

export interface Sheet {
  name: string;
  /** Rows of cell texts; missing cells are ''. */
  rows: string[][];
}

async function unzip(buf: Buffer, file: string): Promise<Map<string, string>> {
  const out = new Map<string, string>();
  let zip: yauzl.ZipFile;
  try {
    zip = await yauzl.fromBufferPromise(buf, { lazyEntries: true });
  } catch (e) {
    throw new LanternError('bad-file', `${file} is not an .xlsx workbook (not a zip file).`, [
      {
        file,
        message: (e as Error).message,
        hint: 'legacy .xls files are not read: save the sheet as .xlsx or CSV',
      },
    ]);
  }
  await new Promise<void>((resolve, reject) => {
    zip.on('error', reject);
    zip.on('end', () => resolve());
    zip.on('entry', (entry: yauzl.Entry) => {
      if (!/\.(xml|rels)$/.test(entry.fileName)) {
        zip.readEntry();
        return;
      }
      zip.openReadStream(entry, (err, stream) => {
        if (err || !stream) return reject(err);
        const chunks: Buffer[] = [];
        stream.on('data', (c: Buffer) => chunks.push(c));
        stream.on('error', reject);
        stream.on('end', () => {
          out.set(entry.fileName, Buffer.concat(chunks).toString('utf8'));
          zip.readEntry();
        });
      });
    });
    zip.readEntry();
  });
  return out;
}

const entities: Record<string, string> = { amp: '&', lt: '<', gt: '>', quot: '"', apos: "'" };
export function decodeXml(s: string): string {
  return s.replace(/&(#x[0-9a-f]+|#\d+|amp|lt|gt|quot|apos);/gi, (_, e: string) =>
    e.startsWith('#x') || e.startsWith('#X')
      ? String.fromCodePoint(parseInt(e.slice(2), 16))
      : e.startsWith('#')
        ? String.fromCodePoint(Number(e.slice(1)))
        : (entities[e] ?? _),
  );
}

function attr(tag: string, name: string): string | undefined {
  const m = new RegExp(`\\b${name}="([^"]*)"`).exec(tag);
  return m?.[1] === undefined ? undefined : decodeXml(m[1]);
}

/** Text of every <t> inside a fragment (rich-text runs joined). */
function texts(fragment: string): string {
  let s = '';
  for (const m of fragment.matchAll(/<t(?:\s[^>]*)?>([\s\S]*?)<\/t>/g)) s += decodeXml(m[1] ?? '');
  return s;
}

function columnIndex(ref: string): number {
  let n = 0;
  for (const ch of ref.replace(/\d+$/, '')) n = n * 26 + (ch.charCodeAt(0) - 64);
  return n - 1;
}

/** Reads every worksheet of an .xlsx workbook as rows of cell texts. */
export async function readXlsx(buf: Buffer, file: string): Promise<Sheet[]> {
  const parts = await unzip(buf, file);
  const workbook = parts.get('xl/workbook.xml');
  if (!workbook)
    throw new LanternError('bad-file', `${file} has no xl/workbook.xml: not an .xlsx workbook.`, [
      { file, message: 'missing xl/workbook.xml' },
    ]);
  const rels = new Map<string, string>();
  for (const m of (parts.get('xl/_rels/workbook.xml.rels') ?? '').matchAll(/<Relationship\b[^>]*>/g)) {
    const id = attr(m[0], 'Id');
    const target = attr(m[0], 'Target');
    if (id && target) rels.set(id, target.startsWith('/') ? target.slice(1) : `xl/${target}`);
  }
  const shared: string[] = [];
  for (const m of (parts.get('xl/sharedStrings.xml') ?? '').matchAll(/<si>([\s\S]*?)<\/si>/g))
    shared.push(texts(m[1] ?? ''));
  const sheets: Sheet[] = [];
  for (const m of workbook.matchAll(/<sheet\b[^>]*>/g)) {
    const name = attr(m[0], 'name') ?? '';
    const rid = attr(m[0], 'r:id');
    const path = rid ? rels.get(rid) : undefined;
    const xml = path ? parts.get(path) : undefined;
    if (!xml) continue;
    const rows: string[][] = [];
    for (const r of xml.matchAll(/<row\b([^>]*?)(?:\/>|>([\s\S]*?)<\/row>)/g)) {
      const row: string[] = [];
      for (const c of (r[2] ?? '').matchAll(/<c\b([^>]*?)(?:\/>|>([\s\S]*?)<\/c>)/g)) {
        const head = c[1] ?? '';
        const body = c[2] ?? '';
        const ref = attr(head, 'r');
        const type = attr(head, 't');
        const v = /<v>([\s\S]*?)<\/v>/.exec(body)?.[1];
        let value = '';
        if (type === 's') value = shared[Number(v)] ?? '';
        else if (type === 'inlineStr') value = texts(body);
        else if (v !== undefined) value = decodeXml(v);
        const idx = ref ? columnIndex(ref) : row.length;
        while (row.length < idx) row.push('');
        row[idx] = value;
      }
      const rowNumber = Number(attr(`<row ${r[1] ?? ''}>`, 'r'));
      if (Number.isInteger(rowNumber) && rowNumber > 0) while (rows.length < rowNumber - 1) rows.push([]);
      rows.push(row);
    }
    sheets.push({ name, rows });
  }
  return sheets;
}
