import { toCsv } from "@/lib/csv/to-csv";
import type { Locale, Messages } from "@/lib/i18n/messages";

/** What the Command view holds of a hot spot or emerging hot spot analysis. */
export interface HotspotRow {
  code: string;
  name_zh: string;
  name_en: string;
  count: number;
  gi_z?: number;
  gi_p_fdr?: number;
  gi_bin?: number;
  category?: string;
  trend_z?: number;
}

const BIN_LABEL = { 3: "hot99", 2: "hot95", 1: "hot90", 0: "none", [-1]: "cold90", [-2]: "cold95", [-3]: "cold99" } as const;

/** A Gi* bin (−3…3) in words, as the legend names it ("热点 99%"); an unknown bin as itself. */
export function hotspotClass(bin: number, t: Messages["dashboard"]): string {
  const key = BIN_LABEL[bin as keyof typeof BIN_LABEL];
  return key ? t.hotspotLegend[key] : String(bin);
}

/**
 * The hot spot list as a commander hands it on: every significant unit (not just the ten on
 * screen), strongest first, with headers, classes and the period in the reader's language.
 * Gi*: hot and cold spots by z; emerging: every pattern but "no pattern", by trend.
 */
export function hotspotCsv(kind: "hotspots" | "emerging", rows: HotspotRow[], period: string, t: Messages["dashboard"], locale: Locale): string {
  const name = (r: HotspotRow) => (locale === "zh" ? r.name_zh : r.name_en);
  const h = t.csvHeaders;
  if (kind === "hotspots") {
    const significant = rows.filter((r) => (r.gi_bin ?? 0) !== 0).sort((a, b) => (b.gi_z ?? 0) - (a.gi_z ?? 0));
    return toCsv(
      [h.code, h.name, h.period, t.count, t.z, h.pFdr, h.class],
      significant.map((r) => [r.code, name(r), period, r.count, round(r.gi_z ?? 0, 3), r.gi_p_fdr ?? null, hotspotClass(r.gi_bin ?? 0, t)]),
    );
  }
  const patterned = rows.filter((r) => r.category && r.category !== "no_pattern").sort((a, b) => (b.trend_z ?? 0) - (a.trend_z ?? 0));
  return toCsv(
    [h.code, h.name, h.period, t.count, h.pattern, h.trendZ],
    patterned.map((r) => [r.code, name(r), period, r.count, t.emerging[r.category as keyof Messages["dashboard"]["emerging"]] ?? r.category, round(r.trend_z ?? 0, 3)]),
  );
}

const round = (x: number, digits: number) => Math.round(x * 10 ** digits) / 10 ** digits;
