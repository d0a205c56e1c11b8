/**
 * /api/docs: the OpenAPI document as a plain HTML page, rendered here from the document itself.
 * No script and no CDN, so it works offline and under the server's strict CSP; schemas fold
 * away in <details>.
 */
type Json = Record<string, unknown>;

const escape = (s: string) =>
  s.replace(/[&<>"']/g, (c) => ({ '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' })[c]!);

const code = (value: unknown) => `<pre><code>${escape(JSON.stringify(value, null, 2))}</code></pre>`;

function parametersTable(params: Json[]): string {
  if (params.length === 0) return '';
  const rows = params
    .map(
      (p) =>
        `<tr><td><code>${escape(String(p.name))}</code></td><td>${escape(String(p.in))}</td><td>${p.required ? 'yes' : ''}</td>` +
        `<td><code>${escape(JSON.stringify(p.schema))}</code>${p.description ? `<br>${escape(String(p.description))}` : ''}</td></tr>`,
    )
    .join('');
  return `<table><thead><tr><th>Parameter</th><th>In</th><th>Required</th><th>Schema</th></tr></thead><tbody>${rows}</tbody></table>`;
}

function operationHtml(method: string, path: string, op: Json): string {
  const params = (op.parameters as Json[] | undefined) ?? [];
  const requestBody = op.requestBody as { required: boolean; content: Record<string, { schema: unknown }> } | undefined;
  const body = requestBody?.content['application/json']?.schema;
  const responses = Object.entries(op.responses as Record<string, Json>)
    .map(([status, r]) => {
      const schema = (r.content as Record<string, { schema: unknown }> | undefined)?.['application/json']?.schema;
      const zip = (r.content as Record<string, unknown> | undefined)?.['application/zip'];
      return `<li><strong>${escape(status)}</strong> ${escape(String(r.description ?? ''))}${zip ? ' (application/zip)' : ''}${
        schema ? `<details><summary>Schema</summary>${code(schema)}</details>` : ''
      }</li>`;
    })
    .join('');
  return `<section class="op" id="${escape(String(op.operationId))}">
<h3><span class="method method--${method}">${method.toUpperCase()}</span> <code>${escape(path)}</code></h3>
<p class="summary">${escape(String(op.summary ?? ''))}</p>
${op.description ? `<p>${escape(String(op.description))}</p>` : ''}
${parametersTable(params)}
${body ? `<details><summary>Request body (application/json${requestBody?.required ? ', required' : ''})</summary>${code(body)}</details>` : ''}
<ul class="responses">${responses}</ul>
</section>`;
}

export function docsPage(doc: Json): string {
  const info = doc.info as { title: string; version: string; description: string };
  const byTag = new Map<string, string[]>();
  const toc: string[] = [];
  for (const [path, item] of Object.entries(doc.paths as Record<string, Record<string, Json>>)) {
    for (const [method, op] of Object.entries(item)) {
      const tag = String((op.tags as string[])[0]);
      byTag.set(tag, [...(byTag.get(tag) ?? []), operationHtml(method, path, op)]);
      toc.push(
        `<li><a href="#${escape(String(op.operationId))}"><span class="method method--${method}">${method.toUpperCase()}</span> ${escape(path)}</a></li>`,
      );
    }
  }
  const sections = [...byTag].map(([tag, ops]) => `<h2>${escape(tag)}</h2>${ops.join('\n')}`).join('\n');
  return `<!doctype html>
<html lang="en"><head><meta charset="utf-8"><meta name="viewport" content="width=device-width, initial-scale=1">
<title>${escape(info.title)}</title><link rel="stylesheet" href="/api/docs.css"></head>
<body><header><h1>${escape(info.title)} <small>${escape(info.version)}</small></h1>
<p>${escape(info.description)}</p><p><a href="/api/openapi.json">openapi.json</a></p></header>
<nav><ul>${toc.join('')}</ul></nav><main>${sections}</main></body></html>`;
}

export const DOCS_CSS = `
body{font:15px/1.5 system-ui,"Noto Sans","Noto Sans SC",sans-serif;margin:0;color:#1d2430;background:#f6f7f9}
header{padding:24px 32px;background:#fff;border-bottom:1px solid #dde1e7}
header small{font-weight:400;color:#5b6675;font-size:14px}
nav{padding:8px 32px}nav ul{list-style:none;padding:0;columns:2}nav a{text-decoration:none;color:#1d2430}
main{padding:0 32px 48px;max-width:1100px}
.op{background:#fff;border:1px solid #dde1e7;border-radius:8px;padding:12px 20px;margin:12px 0}
.op h3{margin:4px 0;font-size:16px}.summary{margin:4px 0 8px;color:#3a4452}
.method{display:inline-block;min-width:44px;text-align:center;border-radius:4px;font:600 12px/20px monospace;color:#fff}
.method--get{background:#2f6fdf}.method--post{background:#1f8a4c}
table{border-collapse:collapse;width:100%;font-size:13px}td,th{border-top:1px solid #e6e9ee;padding:4px 8px;text-align:left;vertical-align:top}
pre{background:#f1f3f6;padding:8px;border-radius:6px;overflow:auto;font-size:12px}
`;
