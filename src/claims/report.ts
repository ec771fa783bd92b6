/**
 * Reports of checked documents: JSON (relations at the top level, in the layout
 * shared/gold/score.mjs reads; documents with their claims and verdicts), Markdown, and HTML with
 * every claim highlighted in the text and coloured by its verdict.
 *
 * Pure: takes ledger content, returns text.
 */
import type { ClaimDocument } from './documents.ts';
import type { Claim } from './extract.ts';
import type { LedgerContent } from './ledger.ts';
import type { Relation } from './relate.ts';
import type { Verification } from './verify.ts';

export type ReportFormat = 'json' | 'md' | 'html';
export const reportFormats: readonly ReportFormat[] = ['json', 'md', 'html'];

export interface ReportSummary {
  documents: number;
  claims: number;
  verdicts: Record<string, number>;
  relations: Record<string, number>;
}

export function summarise(c: LedgerContent): ReportSummary {
  const count = (xs: string[]) => {
    const m: Record<string, number> = {};
    for (const x of xs) m[x] = (m[x] ?? 0) + 1;
    return m;
  };
  return {
    documents: c.documents.length,
    claims: c.claims.length,
    verdicts: count(c.verdicts.map((v) => v.verdict)),
    relations: count(c.relations.map((r) => r.verdict)),
  };
}

/** The JSON report: `relations` first (score.mjs reads them), documents with claims and verdicts. */
export function reportJson(c: LedgerContent): string {
  const verdictOf = new Map(c.verdicts.map((v) => [v.claim_id, v]));
  return `${JSON.stringify(
    {
      relations: c.relations,
      summary: summarise(c),
      documents: c.documents.map(({ text: _text, ...d }) => ({
        ...d,
        claims: c.claims
          .filter((x) => x.doc_id === d.id)
          .map((x) => ({ ...x, verification: verdictOf.get(x.id) ?? null })),
      })),
    },
    null,
    1,
  )}\n`;
}

const mdCell = (s: unknown) =>
  String(s ?? '')
    .replace(/\|/g, '\\|')
    .replace(/\n/g, ' ');
const num = (c: Claim) =>
  Math.abs(c.value) >= 1e6 ? c.value.toExponential(4).replace(/\.?0+e/, 'e') : String(c.value);

/** A Markdown report: summary, per document the claims with their verdicts, then the relations. */
export function reportMarkdown(c: LedgerContent): string {
  const s = summarise(c);
  const verdictOf = new Map(c.verdicts.map((v) => [v.claim_id, v]));
  const lines: string[] = ['# Claims report', ''];
  lines.push(
    `${s.documents} document(s), ${s.claims} claim(s). Verdicts: ${fmtCounts(s.verdicts)}. Relations: ${fmtCounts(s.relations)}.`,
    '',
  );
  for (const d of c.documents) {
    lines.push(
      `## ${d.title ?? d.name}`,
      '',
      `\`${d.name}\` · id ${d.id}${d.date ? ` · ${d.date}` : ''}${d.url ? ` · ${d.url}` : ''}`,
      '',
    );
    const cs = c.claims.filter((x) => x.doc_id === d.id && !x.repeat_of);
    if (!cs.length) {
      lines.push('No quantitative claims.', '');
      continue;
    }
    lines.push(
      '| id | quote | value | unit | kind | metric | entity | period | verdict | why |',
      '|---|---|---|---|---|---|---|---|---|---|',
    );
    for (const x of cs) {
      const v = verdictOf.get(x.id);
      lines.push(
        `| ${x.id} | ${mdCell(x.quote)} | ${num(x)} | ${x.unit} | ${x.kind} | ${x.metric ?? ''} | ${x.entity ?? ''} | ${x.period ?? ''} | ${v?.verdict ?? ''} | ${mdCell(v?.explanation ?? '')} |`,
      );
    }
    const repeats = c.claims.filter((x) => x.doc_id === d.id && x.repeat_of).length;
    if (repeats) lines.push('', `(${repeats} claim(s) in repeated passages not listed.)`);
    lines.push('');
  }
  if (c.relations.length) {
    lines.push('## Relations', '', '| id | type | verdict | arithmetic | note |', '|---|---|---|---|---|');
    for (const r of c.relations)
      lines.push(`| ${r.id} | ${r.type} | **${r.verdict}** | ${mdCell(r.arithmetic)} | ${mdCell(r.note)} |`);
    lines.push('');
  }
  return `${lines.join('\n')}\n`;
}

const esc = (s: unknown) =>
  String(s ?? '').replace(
    /[&<>"']/g,
    (ch) => ({ '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' })[ch] as string,
  );
const COLOURS: Record<string, string> = {
  supported: '#c8f0c8',
  contradicted: '#ffc4c4',
  unverifiable: '#fff0b3',
};

/** The document text with every claim in a <mark>, coloured by verdict, its meaning in a tooltip. */
export function highlight(
  doc: ClaimDocument,
  claims: readonly Claim[],
  verdicts: ReadonlyMap<string, Verification>,
  relations: readonly Relation[],
): string {
  const cs = claims.filter((c) => c.doc_id === doc.id).sort((a, b) => a.start - b.start);
  let out = '';
  let pos = 0;
  for (const c of cs) {
    if (c.start < pos) continue;
    const v = verdicts.get(c.id);
    const rel = relations.filter((r) => r.inputs.includes(c.id) || r.output === c.id);
    const bad = rel.some((r) => r.verdict === 'inconsistent');
    const tip = [
      `${c.id}: ${c.metric ?? c.kind} ${c.qualifier !== 'eq' ? `${c.qualifier} ` : ''}${c.value} ${c.unit}`,
      `entity ${c.entity ?? '?'}, period ${c.period ?? '?'}, ${c.subject ?? ''}`,
      v ? `${v.verdict}: ${v.explanation}` : '',
      ...rel.map((r) => `${r.type} ${r.verdict}: ${r.arithmetic}`),
    ]
      .filter(Boolean)
      .join('\n');
    out += esc(doc.text.slice(pos, c.start));
    out += `<mark id="${esc(c.id)}" class="claim ${esc(v?.verdict ?? 'none')}${bad ? ' inconsistent' : ''}" title="${esc(tip)}">${esc(doc.text.slice(c.start, c.end))}</mark>`;
    pos = c.end;
  }
  out += esc(doc.text.slice(pos));
  return out;
}

/** A self-contained HTML page: each document highlighted, then claim and relation tables. */
export function reportHtml(c: LedgerContent): string {
  const s = summarise(c);
  const verdictOf = new Map(c.verdicts.map((v) => [v.claim_id, v]));
  const parts: string[] = [];
  parts.push(`<!doctype html><html lang="en"><head><meta charset="utf-8"><title>Lantern — claims report</title><style>
body{font:15px/1.5 system-ui,sans-serif;max-width:70rem;margin:2rem auto;padding:0 1rem;color:#222}
.text{white-space:pre-wrap;border:1px solid #ddd;padding:1rem;background:#fafafa}
mark.claim{background:#e4e4e4;border-radius:3px;padding:0 2px}
${Object.entries(COLOURS)
  .map(([k, v]) => `mark.${k}{background:${v}}`)
  .join('\n')}
mark.inconsistent{outline:2px solid #c00}
table{border-collapse:collapse;font-size:13px;margin:1rem 0}td,th{border:1px solid #ccc;padding:2px 6px;vertical-align:top}
.legend span{padding:0 6px;margin-right:6px;border-radius:3px}
</style></head><body>`);
  parts.push(`<h1>Claims report <small lang="zh">数据核查报告</small></h1>`);
  parts.push(
    `<p>${s.documents} document(s), ${s.claims} claim(s). Verdicts: ${esc(fmtCounts(s.verdicts))}. Relations: ${esc(fmtCounts(s.relations))}.</p>`,
  );
  parts.push(
    `<p class="legend">${Object.entries(COLOURS)
      .map(([k, v]) => `<span style="background:${v}">${k}</span>`)
      .join(
        '',
      )}<span style="outline:2px solid #c00">in an inconsistent relation</span> (hover a figure for its meaning and evidence)</p>`,
  );
  for (const d of c.documents) {
    parts.push(
      `<h2>${esc(d.title ?? d.name)}</h2><p><code>${esc(d.name)}</code> · ${esc(d.id)}${d.date ? ` · ${esc(d.date)}` : ''}${d.url ? ` · <a href="${esc(d.url)}">${esc(d.url)}</a>` : ''}</p>`,
    );
    parts.push(`<div class="text">${highlight(d, c.claims, verdictOf, c.relations)}</div>`);
    const cs = c.claims.filter((x) => x.doc_id === d.id && !x.repeat_of);
    if (cs.length) {
      parts.push(
        '<table><tr><th>claim</th><th>quote</th><th>value</th><th>unit</th><th>kind</th><th>metric</th><th>entity</th><th>period</th><th>verdict</th><th>evidence</th></tr>',
      );
      for (const x of cs) {
        const v = verdictOf.get(x.id);
        parts.push(
          `<tr><td><a href="#${esc(x.id)}">${esc(x.id)}</a></td><td>${esc(x.quote)}</td><td>${esc(num(x))}</td><td>${esc(x.unit)}</td><td>${esc(x.kind)}</td><td>${esc(x.metric)}</td><td>${esc(x.entity)}</td><td>${esc(x.period)}</td><td>${esc(v?.verdict)}</td><td>${esc(v?.explanation)}${v?.evidence?.source_url ? ` <a href="${esc(v.evidence.source_url)}">source</a>` : ''}</td></tr>`,
        );
      }
      parts.push('</table>');
    }
  }
  if (c.relations.length) {
    parts.push(
      '<h2>Relations</h2><table><tr><th>id</th><th>type</th><th>verdict</th><th>claims</th><th>arithmetic</th><th>note</th></tr>',
    );
    for (const r of c.relations)
      parts.push(
        `<tr><td>${esc(r.id)}</td><td>${esc(r.type)}</td><td><b>${esc(r.verdict)}</b></td><td>${[...r.inputs, ...(r.output ? [`→ ${r.output}`] : [])].map((i) => `<a href="#${esc(i.replace('→ ', ''))}">${esc(i)}</a>`).join(' ')}</td><td>${esc(r.arithmetic)}</td><td>${esc(r.note)}</td></tr>`,
      );
    parts.push('</table>');
  }
  parts.push('</body></html>\n');
  return parts.join('\n');
}

export function renderReport(c: LedgerContent, format: ReportFormat): string {
  return format === 'json' ? reportJson(c) : format === 'html' ? reportHtml(c) : reportMarkdown(c);
}

function fmtCounts(m: Record<string, number>): string {
  const e = Object.entries(m);
  return e.length ? e.map(([k, v]) => `${v} ${k}`).join(', ') : 'none';
}
