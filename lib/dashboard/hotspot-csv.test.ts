import { describe, expect, it } from "vitest";
import { messages } from "@/lib/i18n/messages";
import { hotspotCsv, type HotspotRow } from "./hotspot-csv";

const row = (code: string, extra: Partial<HotspotRow>): HotspotRow => ({ code, name_zh: `五马 ${code.slice(-3)}`, name_en: `Wuma ${code.slice(-3)}`, count: 10, ...extra });
const lines = (csv: string) => csv.replace(/^\uFEFF/, "").trimEnd().split("\r\n");

describe("the hot spot list as CSV", () => {
  it("lists every significant cell, hot and cold, strongest first, in Chinese", () => {
    const rows = [
      row("330302006011001", { gi_z: 2.1, gi_p_fdr: 0.03, gi_bin: 2 }),
      row("330302006011002", { gi_z: 0.4, gi_p_fdr: 0.7, gi_bin: 0 }),
      row("330302006011003", { gi_z: 4.8, gi_p_fdr: 0.0001, gi_bin: 3, count: 57 }),
      row("330302006011004", { gi_z: -2.9, gi_p_fdr: 0.004, gi_bin: -3, count: 0 }),
    ];
    expect(lines(hotspotCsv("hotspots", rows, "2026-10", messages.zh.dashboard, "zh"))).toEqual([
      "编码,名称,统计期,事件数,z 得分,p 值（多重检验校正）,类别",
      "330302006011003,五马 003,2026-10,57,4.8,0.0001,热点 99%",
      "330302006011001,五马 001,2026-10,10,2.1,0.03,热点 95%",
      "330302006011004,五马 004,2026-10,0,-2.9,0.004,冷点 99%",
    ]);
  });

  it("lists the emerging patterns by trend, in English for English readers", () => {
    const rows = [
      row("330302006011001", { category: "new_hot", trend_z: 1.23456 }),
      row("330302006011002", { category: "no_pattern", trend_z: 3 }),
      row("330302006011003", { category: "intensifying_hot", trend_z: 3.5 }),
    ];
    expect(lines(hotspotCsv("emerging", rows, "2026-09-01 – 2026-12-01", messages.en.dashboard, "en"))).toEqual([
      "Code,Name,Period,Events,Pattern,Trend z",
      "330302006011003,Wuma 003,2026-09-01 – 2026-12-01,10,Intensifying hot spot,3.5",
      "330302006011001,Wuma 001,2026-09-01 – 2026-12-01,10,New hot spot,1.235",
    ]);
  });
});
