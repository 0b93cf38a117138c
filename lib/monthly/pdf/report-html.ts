import type { Position } from "geojson";
import { COVERAGE_METRICS, type CoverageMetric } from "@/lib/analytics/targets";
import { FIVE_RULES } from "@/lib/checks/five-rules";
import type { Locale, Messages } from "@/lib/i18n/messages";
import type { ReportMetric } from "../monthly-report";
import { COVERAGE_CLASSES } from "@/lib/map/coverage-classes";
import type { StreetMonthData } from "./report-data";
import { fill } from "@/lib/i18n/fill";
import { chinaDateTime } from "@/lib/time/china-date";

/**
 * The street's monthly report as one self-contained HTML page for A4 printing: no scripts, no
 * network, the map and charts as inline SVG. Every text from data is escaped.
 */
export function renderMonthlyReportHtml(data: StreetMonthData, locale: Locale, t: Messages): string {
  const r = t.report;
  const name = locale === "zh" ? data.street.name_zh : data.street.name_en;
  const [y, m] = data.month.split("-");
  const frozen = data.communities.frozen_at;
  const status = frozen ? fill(r.frozen, { d: frozen.slice(0, 10) }) : fill(r.live, { d: data.generatedAt.slice(0, 10) });
  const total = data.communities.total.metrics;
  return `<!doctype html><html lang="${locale === "zh" ? "zh-CN" : "en"}"><head><meta charset="utf-8"><title>${esc(fill(r.title, { street: name }))}</title>
<style>
@page { size: A4; margin: 14mm 12mm 16mm; }
* { box-sizing: border-box; }
body { font-family: "WenQuanYi Micro Hei", "Noto Sans CJK SC", "Source Han Sans SC", sans-serif; color: #17212b; font-size: 10.5pt; margin: 0; }
h1 { font-size: 17pt; margin: 0 0 2mm; color: #12324f; }
h2 { break-after: avoid; font-size: 12.5pt; margin: 6mm 0 2mm; color: #12324f; border-bottom: 1px solid #c8d3de; padding-bottom: 1mm; }
.sub { color: #5b6b7a; margin: 0 0 1mm; }
table { border-collapse: collapse; width: 100%; }
th, td { border: 1px solid #d5dde5; padding: 1.2mm 2mm; text-align: left; font-size: 9.5pt; }
th { background: #eef2f6; font-weight: 600; }
td.n { text-align: right; font-variant-numeric: tabular-nums; }
.below { color: #b2182b; font-weight: 600; }
.ok { color: #1b7837; }
.map { display: flex; gap: 4mm; align-items: flex-start; }
.legend { font-size: 9pt; line-height: 1.7; }
.sw { display: inline-block; width: 10px; height: 10px; margin-right: 4px; border: 1px solid #888; vertical-align: -1px; }
.charts { display: grid; grid-template-columns: 1fr 1fr 1fr; gap: 3mm; }
.chart-title { font-size: 9pt; margin: 0 0 1mm; }
.keep { break-inside: avoid; }
.foot { color: #5b6b7a; font-size: 8.5pt; margin-top: 5mm; }
</style></head><body>
<h1>${esc(fill(r.title, { street: name }))}</h1>
<p class="sub">${esc(fill(r.month, { y: y!, m: String(Number(m)) }))} · ${esc(status)}</p>
<p class="sub">${esc(r.generated)} ${esc(beijingTime(data.generatedAt))}</p>

<h2>${esc(r.keyFigures)}</h2>
<table class="keep"><thead><tr><th>${esc(r.metric)}</th><th>${esc(r.rate)}</th><th>${esc(r.fraction)}</th><th>${esc(r.target)}</th><th>${esc(r.gap)}</th><th>${esc(r.change)}</th></tr></thead><tbody>
${COVERAGE_METRICS.map((k) => metricRow(t.dashboard.metrics[k], total[k])).join("\n")}
</tbody></table>

<h2>${esc(r.map)}</h2>
<div class="map keep">${cellMap(data, r.noData)}
<div class="legend">${COVERAGE_CLASSES.map((c) => `<div><span class="sw" style="background:${c.colour}"></span>${esc(r.classes[c.label])}</div>`).join("")}</div></div>

<h2>${esc(r.communities)}</h2>
<table><thead><tr><th>${esc(r.community)}</th>${(["registration", "responsibility_letters", "inspection_recency"] as CoverageMetric[])
    .map((k) => `<th>${esc(t.dashboard.metrics[k])}</th><th>${esc(r.change)}</th>`)
    .join("")}</tr></thead><tbody>
${data.communities.units
  .map(
    (u) =>
      `<tr><td>${esc(locale === "zh" ? u.name_zh : u.name_en)}</td>${(["registration", "responsibility_letters", "inspection_recency"] as CoverageMetric[])
        .map((k) => `<td class="n ${cls(u.metrics[k])}">${pct(u.metrics[k].rate)}</td><td class="n">${change(u.metrics[k].change)}</td>`)
        .join("")}</tr>`,
  )
  .join("\n")}
</tbody></table>

<h2>${esc(r.rectifications)}</h2>
<p class="sub">${esc(fill(r.openCount, { d: data.rectifications.asOf, n: data.rectifications.total, o: data.rectifications.overdue }))}</p>
${
  data.rectifications.rows.length
    ? `<table><thead><tr><th>${esc(r.address)}</th><th>${esc(r.rule)}</th><th>${esc(r.due)}</th><th>${esc(r.overdue)}</th></tr></thead><tbody>
${data.rectifications.rows
  .map((row) => {
    const rule = FIVE_RULES.find((x) => x.column === row.rule);
    const late = (row.days_overdue ?? 0) > 0;
    return `<tr><td>${esc(row.address)}</td><td>${esc(rule ? `${"①②③④⑤"[rule.number - 1]} ${rule[locale]}` : "")}</td><td>${esc(row.due_on ?? "")}</td><td class="n ${late ? "below" : ""}">${late ? row.days_overdue : ""}</td></tr>`;
  })
  .join("\n")}</tbody></table>${data.rectifications.total > data.rectifications.rows.length ? `<p class="sub">${esc(fill(r.moreRows, { n: data.rectifications.total - data.rectifications.rows.length }))}</p>` : ""}`
    : ""
}

<h2>${esc(r.hotspots)}</h2>
${
  data.hotspots.length
    ? `<table class="keep"><thead><tr><th>${esc(r.cell)}</th><th>${esc(r.events)}</th><th>${esc(r.strength)}</th><th>${esc(r.significance)}</th></tr></thead><tbody>
${data.hotspots.map((h) => `<tr><td>${esc(locale === "zh" ? h.name_zh : h.name_en)}</td><td class="n">${h.count}</td><td class="n">${h.gi_z.toFixed(2)}</td><td>${esc(significance(h.gi_p_fdr, locale))}</td></tr>`).join("\n")}
</tbody></table>`
    : `<p class="sub">${esc(r.noHotspots)}</p>`
}

<h2>${esc(r.trend)}</h2>
<div class="charts keep">${(["registration", "responsibility_letters", "inspection_recency"] as CoverageMetric[])
    .map((k) => `<div><p class="chart-title">${esc(t.dashboard.metrics[k])}</p>${trendChart(data, k)}</div>`)
    .join("")}</div>
<p class="foot">${esc(r.source)}</p>
</body></html>`;
}

/** The screen's coverage classes (gap below the target), so the printed map reads like the map on screen. */
const gapClass = (gap: number | null) =>
  gap === null ? COVERAGE_CLASSES[4]! : gap <= 0 ? COVERAGE_CLASSES[0]! : gap <= 0.05 ? COVERAGE_CLASSES[1]! : gap <= 0.15 ? COVERAGE_CLASSES[2]! : COVERAGE_CLASSES[3]!;

/** A time as Beijing reads it. */
const beijingTime = (iso: string) => chinaDateTime(new Date(iso));

/** The street's cells in an equirectangular projection scaled to the latitude, coloured by registration rate. */
function cellMap(data: StreetMonthData, noData: string): string {
  const gaps = new Map(data.cells.units.map((u) => [u.code, u.metrics.registration.gap]));
  const points = data.cellShapes.flatMap((c) => rings(c.geometry).flat());
  if (points.length === 0) return `<p>${esc(noData)}</p>`;
  const xs = points.map((p) => p[0]!);
  const ys = points.map((p) => p[1]!);
  const [minX, maxX, minY, maxY] = [Math.min(...xs), Math.max(...xs), Math.min(...ys), Math.max(...ys)];
  const kx = Math.cos(((minY + maxY) / 2) * (Math.PI / 180));
  const width = 480;
  const scale = width / Math.max((maxX - minX) * kx, 1e-9);
  const height = Math.min(520, Math.max(120, (maxY - minY) * scale));
  const s = Math.min(scale, height / Math.max(maxY - minY, 1e-9));
  const xy = (p: Position) => `${((p[0]! - minX) * kx * s).toFixed(1)},${((maxY - p[1]!) * s).toFixed(1)}`;
  const paths = data.cellShapes
    .map((c) => {
      const colour = gapClass(gaps.get(c.code) ?? null).colour;
      const d = rings(c.geometry).map((ring) => `M${ring.map(xy).join("L")}Z`).join("");
      return `<path d="${d}" fill="${colour}" stroke="#ffffff" stroke-width="0.6"/>`;
    })
    .join("");
  return `<svg xmlns="http://www.w3.org/2000/svg" width="${width}" height="${Math.ceil(height)}" viewBox="0 0 ${width} ${Math.ceil(height)}">${paths}</svg>`;
}

function rings(geometry: StreetMonthData["cellShapes"][number]["geometry"]): Position[][] {
  return geometry.type === "Polygon" ? geometry.coordinates : geometry.coordinates.flat();
}

/** A small line chart of a metric over the months, with its target as a dashed line. */
function trendChart(data: StreetMonthData, metric: CoverageMetric): string {
  const w = 170;
  const h = 90;
  const pts = data.trend.map((p) => ({ month: p.month, rate: p.metrics[metric].rate, target: p.metrics[metric].target }));
  const values = pts.flatMap((p) => [p.rate ?? 1, p.target]);
  const low = Math.max(0, Math.floor(Math.min(...values) * 10) / 10);
  const x = (i: number) => 24 + (i * (w - 30)) / Math.max(pts.length - 1, 1);
  const y = (v: number) => 6 + (1 - (v - low) / Math.max(1 - low, 1e-9)) * (h - 22);
  const line = pts.filter((p) => p.rate !== null).map((p) => `${x(pts.indexOf(p)).toFixed(1)},${y(p.rate!).toFixed(1)}`).join(" ");
  const target = pts.map((p, i) => `${x(i).toFixed(1)},${y(p.target).toFixed(1)}`).join(" ");
  const label = (i: number) => `<text x="${x(i).toFixed(1)}" y="${h - 4}" font-size="7" text-anchor="${i === 0 ? "start" : "end"}" fill="#5b6b7a">${esc(pts[i]!.month.slice(2).replace("-", "/"))}</text>`;
  return `<svg xmlns="http://www.w3.org/2000/svg" width="${w}" height="${h}" viewBox="0 0 ${w} ${h}">
<line x1="24" y1="${y(1).toFixed(1)}" x2="${w - 6}" y2="${y(1).toFixed(1)}" stroke="#e3e8ee"/><line x1="24" y1="${y(low).toFixed(1)}" x2="${w - 6}" y2="${y(low).toFixed(1)}" stroke="#e3e8ee"/>
<text x="20" y="${(y(1) + 3).toFixed(1)}" font-size="7" text-anchor="end" fill="#5b6b7a">100%</text><text x="20" y="${(y(low) + 3).toFixed(1)}" font-size="7" text-anchor="end" fill="#5b6b7a">${Math.round(low * 100)}%</text>
<polyline points="${target}" fill="none" stroke="#d6604d" stroke-dasharray="3 2" stroke-width="1"/>
<polyline points="${line}" fill="none" stroke="#2166ac" stroke-width="1.6"/>
${pts.length ? label(0) + label(pts.length - 1) : ""}</svg>`;
}

function metricRow(label: string, m: ReportMetric): string {
  return `<tr><td>${esc(label)}</td><td class="n ${cls(m)}">${pct(m.rate)}</td><td class="n">${m.numerator}/${m.denominator}</td><td class="n">${pct(m.target)}</td><td class="n ${cls(m)}">${m.gap === null ? "–" : (-m.gap * 100).toFixed(1)}</td><td class="n">${change(m.change)}</td></tr>`;
}

const cls = (m: ReportMetric) => (m.gap === null ? "" : m.gap > 1e-12 ? "below" : "ok");
const pct = (v: number | null) => (v === null ? "–" : `${(v * 100).toFixed(1)}%`);
const change = (v: number | null) => (v === null ? "–" : Math.abs(v) < 0.0005 ? "0.0" : `${v > 0 ? "↑" : "↓"}${Math.abs(v * 100).toFixed(1)}`);
const significance = (p: number, locale: Locale) => {
  const level = p < 0.01 ? 99 : p < 0.05 ? 95 : p < 0.1 ? 90 : null;
  return level === null ? (locale === "zh" ? "不显著" : "not significant") : locale === "zh" ? `显著 ${level}%` : `significant at ${level}%`;
};
export const esc = (text: string) => text.replace(/[&<>"']/g, (c) => ({ "&": "&amp;", "<": "&lt;", ">": "&gt;", '"': "&quot;", "'": "&#39;" })[c]!);
