/**
 * Reports of checked documents, the same content in three forms: JSON (relations at the top
 * level, in the layout shared/gold/score.mjs reads; the problems; documents with their claims and
 * verdicts), Markdown, and HTML with every claim highlighted in the text and coloured by its
 * verdict. Each starts with the problems (contradicted figures, inconsistent relations with the
 * suspect figure and the evidence), shows figures for people (US$200.03 bn, 10 percentage points),
 * names figures by their quotes, and says why an unverifiable claim is so (no data exists, not
 * understood, not comparable).
 *
 * Pure: takes ledger content, returns text.
 */
import type { ClaimDocument } from './documents.ts';
import type { Claim } from './extract.ts';
import type { LedgerContent } from './ledger.ts';
import { describePeriod } from './periods.ts';
import { fmt, type Relation } from './relate.ts';
import { unverifiableBasis, type Verification } from './verify.ts';

export type ReportFormat = 'json' | 'md' | 'html';
export const reportFormats: readonly ReportFormat[] = ['json', 'md', 'html'];

export interface ReportSummary {
  documents: number;
  claims: number;
  verdicts: Record<string, number>;
  /** Why unverifiable claims stay so: no data exists, not understood, not comparable. */
  unverifiable: Record<string, number>;
  relations: Record<string, number>;
  problems: number;
}

/** One thing a reader must look at: a contradicted figure or an inconsistent relation. */
export interface Problem {
  kind: 'contradicted' | 'inconsistent';
  document: string;
  /** The figure most likely wrong, as written. */
  figure: string;
  claim_id: string | null;
  /** What is wrong, in words. */
  what: string;
  /** The evidence: the series' figure or the arithmetic. */
  evidence: string;
}

const count = (xs: string[]) => {
  const m: Record<string, number> = {};
  for (const x of xs) m[x] = (m[x] ?? 0) + 1;
  return m;
};

export function summarise(c: LedgerContent): ReportSummary {
  return {
    documents: c.documents.length,
    claims: c.claims.length,
    verdicts: count(c.verdicts.map((v) => v.verdict)),
    unverifiable: count(c.verdicts.map((v) => unverifiableBasis(v)).filter((x): x is NonNullable<typeof x> => !!x)),
    relations: count(c.relations.map((r) => r.verdict)),
    problems: problemsOf(c).length,
  };
}

/** A claim's figure for people: US$200.03 bn, 22.2%, 10 percentage points, 2×. */
export function readable(c: Pick<Claim, 'value' | 'unit' | 'qualifier'>): string {
  const q = { eq: '', gt: 'more than ', gte: 'at least ', lt: 'less than ', lte: 'at most ', approx: 'about ' }[c.qualifier];
  const unit = c.unit === 'times' ? 'times' : c.unit;
  return `${q}${fmt(c.value, unit)}`;
}

/** Contradicted figures first, then inconsistent relations, each with its suspect and evidence. */
export function problemsOf(c: LedgerContent): Problem[] {
  const byId = new Map(c.claims.map((x) => [x.id, x]));
  const docOf = (id: string | null) => {
    const cl = id ? byId.get(id) : undefined;
    const d = cl ? c.documents.find((x) => x.id === cl.doc_id) : undefined;
    return d?.title ?? d?.name ?? cl?.doc ?? '';
  };
  const out: Problem[] = [];
  for (const v of c.verdicts.filter((x) => x.verdict === 'contradicted')) {
    const cl = byId.get(v.claim_id);
    if (!cl) continue;
    out.push({
      kind: 'contradicted',
      document: docOf(cl.id),
      figure: cl.quote,
      claim_id: cl.id,
      what: `“${cl.quote}” (${readable(cl)}, ${cl.metric ?? cl.kind}, ${describePeriod(cl.period)}) disagrees with the official series`,
      evidence: v.explanation,
    });
  }
  for (const r of c.relations.filter((x) => x.verdict === 'inconsistent')) {
    const suspect = r.suspect ?? r.output ?? null;
    const cl = suspect ? byId.get(suspect) : undefined;
    out.push({
      kind: 'inconsistent',
      document: docOf(suspect ?? r.inputs[0] ?? null),
      figure: cl?.quote ?? '',
      claim_id: suspect,
      what: `${r.type.replace('_', ' ')} does not hold: ${relationQuotes(r, byId)}${cl ? `; most likely wrong: “${cl.quote}”` : ''}`,
      evidence: `${r.arithmetic}${r.suspect_reason ? ` — ${r.suspect_reason}` : ''}`,
    });
  }
  return out;
}

/** The figures of a relation as the text writes them: “93.3亿美元” / “187亿美元” → “49.9%”. */
export function relationQuotes(r: Relation, byId: ReadonlyMap<string, Claim>): string {
  const q = (id: string) => `“${byId.get(id)?.quote ?? id}”`;
  return `${r.inputs.map(q).join(', ')}${r.output ? ` → ${q(r.output)}` : ''}`;
}

const BASIS_WORDS: Record<string, string> = {
  no_data: 'no published data to check against',
  not_understood: 'not understood (no year or no measure read)',
  not_comparable: 'not comparable with a series (part of a year, a part, a partner market, another scope)',
};

function summaryLine(s: ReportSummary): string {
  const unv = Object.entries(s.unverifiable)
    .map(([k, v]) => `${v} ${BASIS_WORDS[k] ?? k}`)
    .join('; ');
  return `${s.documents} document(s), ${s.claims} claim(s). Verdicts: ${fmtCounts(s.verdicts)}${unv ? ` (unverifiable: ${unv})` : ''}. Relations: ${fmtCounts(s.relations)}.`;
}

/** The JSON report: `relations` first (score.mjs reads them), documents with claims and verdicts. */
export function reportJson(c: LedgerContent): string {
  const verdictOf = new Map(c.verdicts.map((v) => [v.claim_id, v]));
  return `${JSON.stringify(
    {
      relations: c.relations,
      summary: summarise(c),
      problems: problemsOf(c),
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
/** A Markdown report: problems first, then per document the claims with their verdicts, then the relations. */
export function reportMarkdown(c: LedgerContent): string {
  const s = summarise(c);
  const verdictOf = new Map(c.verdicts.map((v) => [v.claim_id, v]));
  const byId = new Map(c.claims.map((x) => [x.id, x]));
  const title = c.documents.length === 1 ? (c.documents[0]?.title ?? 'Claims report') : 'Claims report';
  const lines: string[] = [`# ${title}`, ''];
  lines.push(summaryLine(s), '');
  const problems = problemsOf(c);
  lines.push('## Problems first', '');
  if (!problems.length) lines.push('No contradicted figure and no inconsistent relation.', '');
  for (const p of problems) lines.push(`- **${p.kind}** (${mdCell(p.document)}): ${mdCell(p.what)}. Evidence: ${mdCell(p.evidence)}`);
  if (problems.length) lines.push('');
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
      '| quote | figure | kind | metric | entity | period | verdict | why |',
      '|---|---|---|---|---|---|---|---|',
    );
    for (const x of cs) {
      const v = verdictOf.get(x.id);
      lines.push(
        `| ${mdCell(x.quote)} | ${mdCell(readable(x))} | ${x.kind} | ${x.metric ?? ''} | ${x.entity ?? ''}${x.partner ? ` (to ${x.partner})` : ''} | ${x.period ? describePeriod(x.period) : ''} | ${v?.verdict ?? ''} | ${mdCell(v?.explanation ?? '')} |`,
      );
    }
    const repeats = c.claims.filter((x) => x.doc_id === d.id && x.repeat_of).length;
    if (repeats) lines.push('', `(${repeats} claim(s) in repeated passages not listed.)`);
    lines.push('');
  }
  if (c.relations.length) {
    lines.push('## Relations', '', '| type | verdict | figures | arithmetic | note |', '|---|---|---|---|---|');
    for (const r of c.relations)
      lines.push(
        `| ${r.type} | **${r.verdict}** | ${mdCell(relationQuotes(r, byId))} | ${mdCell(r.arithmetic)} | ${mdCell([r.note, r.suspect_reason].filter(Boolean).join('; '))} |`,
      );
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
      `${c.metric ?? c.kind}: ${readable(c)}`,
      `entity ${c.entity ?? '?'}${c.partner ? ` (partner ${c.partner})` : ''}, period ${c.period ? describePeriod(c.period) : '?'}, ${c.subject ?? ''}`,
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
  parts.push(`<!doctype html><html lang="en"><head><meta charset="utf-8"><title>${esc(c.documents.length === 1 ? (c.documents[0]?.title ?? 'Lantern — claims report') : 'Lantern — claims report')}</title><style>
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
  const byId = new Map(c.claims.map((x) => [x.id, x]));
  const title = c.documents.length === 1 ? (c.documents[0]?.title ?? 'Claims report') : 'Claims report';
  parts.push(`<h1>${esc(title)} <small lang="zh">数据核查报告</small></h1>`);
  parts.push(`<p>${esc(summaryLine(s))}</p>`);
  const problems = problemsOf(c);
  parts.push('<h2>Problems first</h2>');
  parts.push(
    problems.length
      ? `<ul class="problems">${problems
          .map(
            (p) =>
              `<li><b>${esc(p.kind)}</b> (${esc(p.document)}): ${p.claim_id ? `<a href="#${esc(p.claim_id)}">${esc(p.what)}</a>` : esc(p.what)}. Evidence: ${esc(p.evidence)}</li>`,
          )
          .join('')}</ul>`
      : '<p>No contradicted figure and no inconsistent relation.</p>',
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
        '<table><tr><th>quote</th><th>figure</th><th>kind</th><th>metric</th><th>entity</th><th>period</th><th>verdict</th><th>evidence</th></tr>',
      );
      for (const x of cs) {
        const v = verdictOf.get(x.id);
        parts.push(
          `<tr><td><a href="#${esc(x.id)}">${esc(x.quote)}</a></td><td>${esc(readable(x))}</td><td>${esc(x.kind)}</td><td>${esc(x.metric)}</td><td>${esc(x.entity)}${x.partner ? ` (to ${esc(x.partner)})` : ''}</td><td>${esc(x.period ? describePeriod(x.period) : '')}</td><td>${esc(v?.verdict)}</td><td>${esc(v?.explanation)}${v?.evidence?.source_url ? ` <a href="${esc(v.evidence.source_url)}">source</a>` : ''}</td></tr>`,
        );
      }
      parts.push('</table>');
    }
  }
  if (c.relations.length) {
    parts.push(
      '<h2>Relations</h2><table><tr><th>type</th><th>verdict</th><th>figures</th><th>arithmetic</th><th>note</th></tr>',
    );
    const link = (id: string) => `<a href="#${esc(id)}">“${esc(byId.get(id)?.quote ?? id)}”</a>`;
    for (const r of c.relations)
      parts.push(
        `<tr><td>${esc(r.type)}</td><td><b>${esc(r.verdict)}</b></td><td>${r.inputs.map(link).join(', ')}${r.output ? ` → ${link(r.output)}` : ''}</td><td>${esc(r.arithmetic)}</td><td>${esc([r.note, r.suspect_reason].filter(Boolean).join('; '))}</td></tr>`,
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
