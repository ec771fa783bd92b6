/**
 * Documents for claim extraction: plain text, Markdown and HTML, reduced to the text a reader sees,
 * with what is known about them (title, date, URL, language) and a stable id.
 *
 * Invariants:
 * - Every offset a claim carries is an offset into `doc.text` (UTF-16 code units, so
 *   `doc.text.slice(start, end) === quote`). For plain text `doc.text` is the file unchanged.
 * - `doc.id` is derived from the sha256 of the raw bytes: the same file always gets the same id.
 * - Full-width digits and punctuation are left in `doc.text`; extraction reads a same-length
 *   normalised copy (`normaliseWidth`), so offsets never shift.
 */
import { createHash } from 'node:crypto';
import { readFileSync, statSync } from 'node:fs';
import { basename, extname } from 'node:path';
import { readCsv } from '../csv-in.ts';
import { LanternError } from '../errors.ts';
import { checkDocumentSize, decodeDocument, type TextEncoding } from './decode.ts';

/** `table`: a CSV or TSV file (a list of claims, a sheet of figures), read row by row. */
export type DocumentFormat = 'text' | 'markdown' | 'html' | 'table';
export type DocumentLang = 'en' | 'zh';

export interface ClaimDocument {
  /** Stable id: `d` + the first 16 hex digits of the sha256 of the raw bytes. */
  id: string;
  sha256: string;
  /** File name (basename); claims name their document by it. */
  name: string;
  path?: string;
  format: DocumentFormat;
  title: string | null;
  /** Publication date when known: `YYYY-MM-DD`, `YYYY-MM` or `YYYY`. */
  date: string | null;
  /** Where the date came from (metadata, a dateline in the text, or the caller). */
  dateSource: 'metadata' | 'text' | 'given' | null;
  url: string | null;
  lang: DocumentLang;
  /** The text a reader sees; claim offsets point into it. */
  text: string;
  /** How the file's bytes were decoded (files only; decode.ts). */
  encoding?: TextEncoding;
}

export interface LoadOptions {
  /** Overrides the detected format. */
  format?: DocumentFormat;
  /** The publication date when the caller knows it (YYYY, YYYY-MM or YYYY-MM-DD). */
  date?: string;
  title?: string;
  url?: string;
  /** Largest file read, in bytes (setting maxClaimTextBytes). */
  maxBytes?: number;
}

/** Maps full-width digits and number punctuation to ASCII, one character for one (offsets kept). */
export function normaliseWidth(s: string): string {
  return s.replace(/[\uFF01-\uFF5E\u3000]/g, (c) => {
    if (c === '\u3000') return ' ';
    const code = c.charCodeAt(0);
    // Only digits, % , . + - $ and Latin letters: CJK punctuation like ，stays (it separates clauses).
    const ascii = String.fromCharCode(code - 0xfee0);
    if (/[0-9%.$+\-A-Za-z]/.test(ascii)) return ascii;
    return c;
  });
}

export function detectFormat(name: string, raw: string): DocumentFormat {
  const ext = extname(name).toLowerCase();
  if (ext === '.html' || ext === '.htm' || ext === '.xhtml') return 'html';
  if (ext === '.md' || ext === '.markdown') return 'markdown';
  if (ext === '.txt' || ext === '.text') return 'text';
  if (ext === '.csv' || ext === '.tsv') return 'table';
  if (/^\s*(<!doctype html|<html[\s>])/i.test(raw)) return 'html';
  return 'text';
}

export function detectLang(text: string): DocumentLang {
  const cjk = (text.match(/[\u4e00-\u9fff]/g) ?? []).length;
  const latin = (text.match(/[A-Za-z]/g) ?? []).length;
  return cjk > latin / 3 ? 'zh' : 'en';
}

const sha = (b: Buffer | string) => createHash('sha256').update(b).digest('hex');

/** Reads a file into a document. Throws LanternError `bad-file` when it cannot be read. */
export function loadDocument(path: string, opts: LoadOptions = {}): ClaimDocument {
  let raw: Buffer;
  try {
    checkDocumentSize(basename(path), statSync(path).size, opts.maxBytes);
    raw = readFileSync(path);
  } catch (e) {
    if (e instanceof LanternError) throw e;
    // The file's name only: an absolute path says nothing the user typed (and nothing to an API caller).
    const code = (e as NodeJS.ErrnoException).code;
    throw new LanternError('bad-file', `Cannot read ${basename(path)}${code === 'EISDIR' ? ': it is a folder' : ''}.`, [
      {
        file: basename(path),
        message: code === 'EISDIR' ? 'a folder, not a file' : code === 'ENOENT' ? 'no such file' : 'cannot read the file',
        expected: 'a .txt, .md, .html or .csv file',
        found: code,
        hint: 'check the path; claims read .txt, .md, .html and .csv files',
      },
    ]);
  }
  const { text, encoding } = decodeDocument(raw, basename(path), opts.maxBytes);
  return { ...documentFromString(text, basename(path), { ...opts }, raw, path), encoding };
}

/**
 * Builds a document from a string (a file's content, or text pasted by a user).
 *
 * @example
 *   const doc = documentFromString('<html><title>T</title><p>Exports rose 5%.</p></html>', 'a.html');
 *   doc.text // 'T\n\nExports rose 5%.'
 */
export function documentFromString(
  content: string,
  name: string,
  opts: LoadOptions = {},
  raw?: Buffer,
  path?: string,
): ClaimDocument {
  const format = opts.format ?? detectFormat(name, content);
  const digest = sha(raw ?? content);
  let meta: { text: string; title: string | null; date: string | null; url: string | null };
  if (format === 'html') meta = fromHtml(content);
  else if (format === 'markdown') meta = fromMarkdown(content);
  else if (format === 'table') meta = fromTable(content, name);
  else meta = { text: content, title: null, date: null, url: null };
  const text = meta.text;
  let date = opts.date ?? meta.date;
  let dateSource: ClaimDocument['dateSource'] = opts.date ? 'given' : meta.date ? 'metadata' : null;
  if (!date) {
    date = datelineDate(text);
    if (date) dateSource = 'text';
  }
  return {
    id: `d${digest.slice(0, 16)}`,
    sha256: digest,
    name,
    path,
    format,
    title: opts.title ?? meta.title ?? (format === 'table' ? null : plainTitle(text)),
    date,
    dateSource,
    url: opts.url ?? meta.url ?? (format === 'table' ? null : plainUrl(text)),
    lang: detectLang(text),
    text,
  };
}

// ---------------------------------------------------------------- tables

/**
 * A CSV (or TSV) file as text: one paragraph per row (the header left out), its non-empty cells
 * joined by " · ". Read as plain text, a row ran into the next and cells into each other
 * ("… USD in 2021,200,billion_usd" read 2021,200 as one number, so the figure lost its year). A
 * row's source URLs stay in its paragraph; the table has no title or URL of its own.
 */
export function fromTable(content: string, name: string): { text: string; title: null; date: null; url: null } {
  const delimiter = extname(name).toLowerCase() === '.tsv' ? '\t' : ',';
  const { rows } = readCsv(content, name, { delimiter });
  const text = rows
    .map((r) => r.fields.map((c) => c.replace(/\s+/g, ' ').trim()).filter(Boolean).join(' · '))
    .filter(Boolean)
    .join('\n\n');
  return { text, title: null, date: null, url: null };
}

// ---------------------------------------------------------------- HTML

const ENTITIES: Record<string, string> = {
  amp: '&',
  lt: '<',
  gt: '>',
  quot: '"',
  apos: "'",
  nbsp: ' ',
  mdash: '—',
  ndash: '–',
  hellip: '…',
  rsquo: '’',
  lsquo: '‘',
  ldquo: '“',
  rdquo: '”',
  yen: '¥',
  pound: '£',
  euro: '€',
  middot: '·',
};

export function decodeEntities(s: string): string {
  return s.replace(/&(#x[0-9a-f]+|#\d+|[a-z]+);/gi, (m, e: string) => {
    if (e[0] === '#') {
      const code = e[1] === 'x' || e[1] === 'X' ? Number.parseInt(e.slice(2), 16) : Number(e.slice(1));
      return Number.isFinite(code) ? String.fromCodePoint(code) : m;
    }
    return ENTITIES[e.toLowerCase()] ?? m;
  });
}

const BLOCK =
  /^(p|div|br|h[1-6]|li|ul|ol|tr|td|th|table|section|article|header|footer|blockquote|pre|figure|figcaption|dd|dt|hr|main|aside|nav)$/i;

function attr(tag: string, name: string): string | null {
  const m = new RegExp(`\\b${name}\\s*=\\s*("([^"]*)"|'([^']*)'|([^\\s>]+))`, 'i').exec(tag);
  return m ? decodeEntities(m[2] ?? m[3] ?? m[4] ?? '') : null;
}

/** Text of an HTML page: scripts, styles and the head dropped, block elements on their own lines. */
export function fromHtml(html: string): {
  text: string;
  title: string | null;
  date: string | null;
  url: string | null;
} {
  let title: string | null = null;
  let date: string | null = null;
  let url: string | null = null;
  const titleM = /<title[^>]*>([\s\S]*?)<\/title>/i.exec(html);
  if (titleM)
    title =
      decodeEntities(titleM[1] ?? '')
        .replace(/\s+/g, ' ')
        .trim() || null;
  for (const m of html.matchAll(/<meta\b[^>]*>/gi)) {
    const tag = m[0];
    const key = (attr(tag, 'property') ?? attr(tag, 'name') ?? attr(tag, 'itemprop') ?? '').toLowerCase();
    const content = attr(tag, 'content');
    if (!content) continue;
    if (
      !date &&
      /^(article:published_time|datepublished|pubdate|publishdate|date|dc\.date|dc\.date\.issued|og:published_time)$/.test(
        key,
      )
    )
      date = isoDate(content);
    if (key === 'og:title' && !title) title = content.trim();
    if (key === 'og:url' && !url) url = content.trim();
  }
  const canon = /<link\b[^>]*rel\s*=\s*["']?canonical[^>]*>/i.exec(html);
  if (canon && !url) url = attr(canon[0], 'href');
  if (!date) {
    const t = /<time\b[^>]*datetime\s*=\s*["']([^"']+)["']/i.exec(html);
    if (t) date = isoDate(t[1] ?? '');
  }
  const body = html
    .replace(/<!--[\s\S]*?-->/g, '')
    .replace(/<(script|style|noscript|template|svg|head)\b[\s\S]*?<\/\1\s*>/gi, '');
  let out = '';
  for (const part of body.split(/(<[^>]*>)/)) {
    if (part.startsWith('<')) {
      const name = /^<\/?\s*([a-z0-9]+)/i.exec(part)?.[1] ?? '';
      if (BLOCK.test(name)) out += '\n';
    } else out += decodeEntities(part).replace(/[ \t\r\n]+/g, ' ');
  }
  const text = out
    .split('\n')
    .map((l) => l.trim())
    .join('\n')
    .replace(/\n{3,}/g, '\n\n')
    .trim();
  return { text, title, date, url };
}

// ---------------------------------------------------------------- Markdown

/** Text of a Markdown file: front matter read for title/date/url, markup removed. */
export function fromMarkdown(md: string): {
  text: string;
  title: string | null;
  date: string | null;
  url: string | null;
} {
  let title: string | null = null;
  let date: string | null = null;
  let url: string | null = null;
  let body = md;
  const fm = /^---\r?\n([\s\S]*?)\r?\n---\r?\n/.exec(md);
  if (fm) {
    body = md.slice(fm[0].length);
    for (const line of (fm[1] ?? '').split(/\r?\n/)) {
      const m = /^(\w+)\s*:\s*(.*)$/.exec(line);
      if (!m) continue;
      const v = (m[2] ?? '').trim().replace(/^["']|["']$/g, '');
      const k = (m[1] ?? '').toLowerCase();
      if (k === 'title') title = v;
      else if (k === 'date' || k === 'published') date = isoDate(v);
      else if (k === 'url' || k === 'source' || k === 'link') url = v;
    }
  }
  const lines: string[] = [];
  let inFence = false;
  for (const line of body.split(/\r?\n/)) {
    if (/^\s*(```|~~~)/.test(line)) {
      inFence = !inFence;
      continue;
    }
    if (inFence) {
      lines.push(line);
      continue;
    }
    let l = line
      .replace(/^\s{0,3}#{1,6}\s+/, '')
      .replace(/^\s{0,3}>\s?/, '')
      .replace(/^\s*[-*+]\s+/, '')
      .replace(/!\[([^\]]*)\]\([^)]*\)/g, '$1')
      .replace(/\[([^\]]*)\]\([^)]*\)/g, '$1')
      .replace(/(\*\*|__)(.+?)\1/g, '$2')
      .replace(/(^|[^\w*])[*_]([^*_\n]+)[*_](?=[^\w*]|$)/g, '$1$2')
      .replace(/`([^`]*)`/g, '$1');
    if (/^\s*([-*_]\s*){3,}$/.test(l)) l = '';
    if (!title && /^\s{0,3}#\s+/.test(line)) title = l.trim();
    lines.push(l);
  }
  // A soft-wrapped paragraph is one paragraph: its single line breaks become spaces (same length).
  const text = lines
    .join('\n')
    .trim()
    .replace(/([^\n])\n(?=[^\n])/g, '$1 ');
  return { text, title, date, url };
}

// ---------------------------------------------------------------- dates

const MONTHS: Record<string, number> = {
  jan: 1,
  feb: 2,
  mar: 3,
  apr: 4,
  may: 5,
  jun: 6,
  jul: 7,
  aug: 8,
  sep: 9,
  oct: 10,
  nov: 11,
  dec: 12,
};
const pad = (n: number) => String(n).padStart(2, '0');

/** A date string in a common form as `YYYY-MM-DD` (or `YYYY-MM`, `YYYY`), else null. */
export function isoDate(s: string): string | null {
  const t = s.trim();
  let m = /^(\d{4})[-/.](\d{1,2})[-/.](\d{1,2})/.exec(t);
  if (m) return `${m[1]}-${pad(Number(m[2]))}-${pad(Number(m[3]))}`;
  m = /^(\d{4})年(\d{1,2})月(?:(\d{1,2})日)?/.exec(t);
  if (m) return m[3] ? `${m[1]}-${pad(Number(m[2]))}-${pad(Number(m[3]))}` : `${m[1]}-${pad(Number(m[2]))}`;
  m = /^([A-Z][a-z]{2,8})\.?\s+(\d{1,2})(?:st|nd|rd|th)?,?\s+(\d{4})/.exec(t);
  if (m && MONTHS[(m[1] ?? '').slice(0, 3).toLowerCase()])
    return `${m[3]}-${pad(MONTHS[(m[1] ?? '').slice(0, 3).toLowerCase()] as number)}-${pad(Number(m[2]))}`;
  m = /^(\d{1,2})\s+([A-Z][a-z]{2,8})\.?,?\s+(\d{4})/.exec(t);
  if (m && MONTHS[(m[2] ?? '').slice(0, 3).toLowerCase()])
    return `${m[3]}-${pad(MONTHS[(m[2] ?? '').slice(0, 3).toLowerCase()] as number)}-${pad(Number(m[1]))}`;
  m = /^(\d{4})$/.exec(t);
  if (m) return m[1] as string;
  return null;
}

const DATE_RE =
  /(\d{4})[-/.](\d{1,2})[-/.](\d{1,2})|(\d{4})年(\d{1,2})月(\d{1,2})日|\b(Jan|Feb|Mar|Apr|May|Jun|Jul|Aug|Sep|Sept|Oct|Nov|Dec)[a-z]*\.?\s+(\d{1,2}),?\s+(\d{4})\b|\b(\d{1,2})\s+(Jan|Feb|Mar|Apr|May|Jun|Jul|Aug|Sep|Sept|Oct|Nov|Dec)[a-z]*\.?,?\s+(\d{4})\b/g;

/**
 * The publication date printed in a plain text, when there is one. A date counts as a dateline
 * when its line says so ("Published", "Updated", a page reference, 发布, 来源), or the line holds
 * little but the date, or the date closes a line in parentheses. A machine timestamp (a date glued
 * to a time of day) ranks below any of those: pages print crawl and view times that way.
 */
export function datelineDate(text: string): string | null {
  let best: { rank: number; pos: number; date: string } | null = null;
  let offset = 0;
  for (const line of text.split('\n')) {
    for (const m of line.matchAll(DATE_RE)) {
      const d = isoDate(m[0]);
      if (!d) continue;
      const rest = line.replace(m[0], '').replace(/[\s()（）|,.:#\d-]/g, '');
      const timestamp = /^\s*\d{1,2}:\d{2}/.test(line.slice((m.index ?? 0) + m[0].length));
      let rank = 0;
      const near = line.slice(Math.max(0, (m.index ?? 0) - 30), (m.index ?? 0) + m[0].length + 10);
      if (/\b(published|updated|posted|page|released|date)\b|发布|来源|日期|版/i.test(near)) rank = 4;
      // A news dateline: "LONDON, 4 March 2024 —" or "Beijing, March 4, 2024 (Xinhua) --".
      else if (/^\s*[A-Z][A-Za-z .'-]{1,30},\s*$/.test(line.slice(0, m.index))) rank = 4;
      else if (rest.length <= 12 && !timestamp) rank = 3;
      else if (
        /\(\s*$/.test(line.slice(0, m.index)) ||
        /^\s*\)/.test(line.slice((m.index ?? 0) + m[0].length))
      )
        rank = 2;
      else if (timestamp && rest.length <= 24) rank = 1;
      if (rank > 0 && (!best || rank > best.rank)) best = { rank, pos: offset + (m.index ?? 0), date: d };
    }
    offset += line.length + 1;
  }
  return best?.date ?? null;
}

/** Breadcrumbs, navigation and metadata lines are not a headline: "Home > News", 首页 > 新闻, 来源:… */
const NOT_HEADLINE =
  /[>›»]\s*\S.*[>›»]|^\s*(?:Home|首页|当前位置|您的位置)\b|^\s*(?:来源|发布时间|时间|作者|编辑|责任编辑|Source|Published|By)\s*[:：]/i;

function plainTitle(text: string): string | null {
  for (const line of text.split('\n').slice(0, 12)) {
    const l = line.trim();
    if (NOT_HEADLINE.test(l)) continue;
    if (l.split(/\s+/).length >= 4 && l.length <= 200 && !/^https?:\/\//.test(l)) return l;
    if (/[\u4e00-\u9fff]/.test(l) && l.length >= 6 && l.length <= 80) return l;
  }
  return null;
}

function plainUrl(text: string): string | null {
  const head = text.split('\n').slice(0, 8).join('\n');
  const m = /https?:\/\/[^\s)>\]]+/.exec(head);
  return m ? m[0] : null;
}
