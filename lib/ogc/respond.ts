import { NextResponse } from "next/server";

/** HTML when asked for (`f=html`, or a browser preferring text/html), JSON otherwise. */
export function wantsHtml(request: Request): boolean {
  const f = new URL(request.url).searchParams.get("f");
  if (f) return f === "html";
  const accept = request.headers.get("accept") ?? "";
  return accept.includes("text/html") && !accept.includes("json");
}

export function ogcBase(request: Request): string {
  return `${new URL(request.url).origin}/api/ogc`;
}

export function ogcJson(body: unknown, contentType = "application/json"): Response {
  return NextResponse.json(body, { headers: { "Content-Type": contentType, "Cache-Control": "no-cache" } });
}

const escape = (s: string) => s.replace(/[&<>"']/g, (c) => ({ "&": "&amp;", "<": "&lt;", ">": "&gt;", '"': "&quot;", "'": "&#39;" })[c]!);

/** A plain HTML rendering: the title, the links, and the JSON document. */
export function ogcHtml(title: string, body: { links?: { href: string; rel: string; title?: string }[] }): Response {
  const links = (body.links ?? [])
    .map((l) => `<li><a href="${escape(l.href.replace(/([?&])f=json/, "$1f=html"))}">${escape(l.title ?? l.rel)}</a> <small>${escape(l.rel)}</small></li>`)
    .join("");
  const html = `<!doctype html><html lang="en"><head><meta charset="utf-8"><title>${escape(title)} · Grid Atlas OGC API</title>
<style>body{font-family:system-ui,sans-serif;margin:2rem;max-width:60rem}pre{background:#f3f6f9;padding:1rem;overflow:auto;max-height:70vh}</style></head>
<body><h1>${escape(title)}</h1><ul>${links}</ul><pre>${escape(JSON.stringify(body, null, 2))}</pre></body></html>`;
  return new Response(html, { headers: { "Content-Type": "text/html; charset=utf-8" } });
}

export function respond(request: Request, title: string, body: { links?: { href: string; rel: string; title?: string }[] }, contentType?: string): Response {
  return wantsHtml(request) ? ogcHtml(title, body) : ogcJson(body, contentType);
}
