/**
 * The readable API page at `/api`, rendered on the server from the OpenAPI document: endpoints
 * grouped by resource, their parameters (type, required, allowed values, description) and a live
 * example link for each. Plain HTML and CSS, no script and no CDN, so it works offline.
 */
import type { RouteEntry } from './router.ts';
import { exampleUrlOf } from './router.ts';

function esc(s: unknown): string {
  return String(s ?? '')
    .replaceAll('&', '&amp;')
    .replaceAll('<', '&lt;')
    .replaceAll('>', '&gt;')
    .replaceAll('"', '&quot;');
}

type Json = Record<string, unknown>;

function typeText(schema: Json | undefined): string {
  if (!schema) return '';
  if (Array.isArray(schema.enum)) return (schema.enum as unknown[]).map(String).join(' | ');
  if (schema.const !== undefined) return JSON.stringify(schema.const);
  if (Array.isArray(schema.anyOf)) return (schema.anyOf as Json[]).map(typeText).filter(Boolean).join(' or ');
  if (schema.type === 'array') return `list of ${typeText(schema.items as Json)} (a,b or repeat)`;
  const t = Array.isArray(schema.type) ? (schema.type as string[]).join(' | ') : String(schema.type ?? '');
  const bounds = [
    schema.minimum !== undefined ? `≥ ${schema.minimum}` : '',
    schema.maximum !== undefined ? `≤ ${schema.maximum}` : '',
    schema.pattern ? `pattern ${schema.pattern}` : '',
    schema.default !== undefined ? `default ${JSON.stringify(schema.default)}` : '',
  ].filter(Boolean);
  return [t, ...bounds].join(', ');
}

/** Minimal inline markdown: `code` only. */
function md(s: string): string {
  return esc(s).replace(/`([^`]+)`/g, '<code>$1</code>').replace(/\n\n/g, '<br>');
}

export function renderApiPage(doc: Json, table: RouteEntry[], base: string): string {
  const paths = (doc.paths ?? {}) as Record<string, Record<string, Json>>;
  const byTag = new Map<string, string[]>();
  for (const r of table) {
    const tag = r.tags[0] ?? 'api';
    const op = paths[r.path]?.[r.method] ?? {};
    const params = ((op.parameters as Json[]) ?? []).map(
      (p) =>
        `<tr><td><code>${esc(p.name)}</code></td><td>${esc(p.in)}</td><td>${p.required ? 'yes' : ''}</td><td>${esc(typeText(p.schema as Json))}</td><td>${esc(
          (p.description as string) ?? ((p.schema as Json)?.description as string) ?? '',
        )}</td></tr>`,
    );
    const ex = r.examples.valid[0];
    const exUrl = ex ? `${base}${exampleUrlOf(r.path, ex)}` : undefined;
    const csvUrl = exUrl && r.csv ? exUrl.replace(/(\?|$)/, '.csv$1') : undefined;
    const html = `<section class="op" id="${esc(`${r.method}-${r.path}`)}">
  <h3><span class="m m-${r.method}">${r.method.toUpperCase()}</span> <code>${esc(base + r.path)}</code></h3>
  <p>${esc(r.summary)}</p>
  ${op.description ? `<p class="d">${md(String(op.description))}</p>` : ''}
  ${params.length ? `<table><thead><tr><th>parameter</th><th>in</th><th>required</th><th>type</th><th>description</th></tr></thead><tbody>${params.join('')}</tbody></table>` : ''}
  ${exUrl ? `<p class="ex">Try: <a href="${esc(exUrl)}">${esc(exUrl)}</a>${csvUrl ? ` · <a href="${esc(csvUrl)}">CSV</a>` : ''}</p>` : ''}
</section>`;
    byTag.set(tag, [...(byTag.get(tag) ?? []), html]);
  }
  const tags = [...byTag.keys()].sort();
  const info = (doc.info ?? {}) as Json;
  return `<!doctype html>
<html lang="en"><head><meta charset="utf-8"><meta name="viewport" content="width=device-width, initial-scale=1">
<title>Lantern API</title>
<style>
body{font:15px/1.5 system-ui,-apple-system,"Segoe UI",sans-serif;margin:0;color:#1d2430;background:#fafaf7}
header{background:#2b2118;color:#fbe9c9;padding:1rem 2rem}header a{color:#ffd27a}
main{display:grid;grid-template-columns:14rem 1fr;gap:2rem;padding:1rem 2rem;max-width:80rem}
nav a{display:block;color:#7a3e00;text-decoration:none;padding:.15rem 0}
h2{border-bottom:2px solid #e2b04a;padding-bottom:.2rem;margin-top:2rem}
.op{background:#fff;border:1px solid #e6e1d6;border-radius:6px;padding:.5rem 1rem;margin:.8rem 0}
.op h3{font-size:1rem;margin:.3rem 0}.m{display:inline-block;min-width:3.5rem;text-align:center;border-radius:3px;color:#fff;font-size:.8rem;padding:.05rem .3rem}
.m-get{background:#2f7d4a}.m-post{background:#2f5d9e}.m-put{background:#8a5a00}.m-delete{background:#a33}
table{border-collapse:collapse;font-size:.9rem;margin:.4rem 0}td,th{border:1px solid #e6e1d6;padding:.2rem .5rem;text-align:left;vertical-align:top}
code{background:#f3efe6;padding:0 .2rem;border-radius:3px}header code{background:#4a3a2a;color:#fbe9c9}.d{color:#444}.ex{font-size:.9rem}
pre{background:#f3efe6;padding:.6rem;border-radius:4px;overflow:auto}
</style></head>
<body><header><h1>Lantern API <small>v${esc(info.version)}</small></h1>
<p>${md(String(info.description ?? ''))}</p>
<p>OpenAPI 3.1 document: <a href="${base}/openapi.json">${base}/openapi.json</a> · route table: <a href="${base}/">${base}/</a> · dashboard: <a href="/">/</a></p></header>
<main><nav><strong>Resources</strong>${tags.map((t) => `<a href="#tag-${esc(t)}">${esc(t)}</a>`).join('')}</nav>
<div>
<h2>Conventions</h2>
<p>Success: <code>{ "ok": true, "data": … }</code> or <code>{ "ok": true, "rows": [...], "total", "limit", "offset", "next" }</code> for lists; <code>meta.provenance</code> names the import runs or official sources behind the numbers.</p>
<p>Error: <code>{ "ok": false, "error": "message", "code": "invalid-argument", "errors": [{ "field", "message", "expected", "found", "hint" }], "status": 400 }</code>.</p>
<p>CSV: add <code>.csv</code> to a path (<code>?table=NAME</code> picks another table of a composite answer). Caching: every GET answer has an <code>ETag</code>; send <code>If-None-Match</code> to get <code>304</code>.</p>
${tags.map((t) => `<h2 id="tag-${esc(t)}">${esc(t)}</h2>${byTag.get(t)!.join('\n')}`).join('\n')}
</div></main></body></html>`;
}
