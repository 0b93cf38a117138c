import { sql } from "drizzle-orm";
import type { Db } from "@/lib/db/types";
import { DISTRICT } from "./district";

/**
 * The demo district's coverage targets, with where each comes from. The numbers that a document
 * sets come from the district's 2013 implementation rules, which have since been repealed (废止);
 * they stand here as the demo's settings, saying so. The rest are the district's own choices.
 * They are the generated district's own (Lucheng's rules): a city seeded around it leaves the
 * other districts without targets, so each shows Grid Atlas's fallback until one is recorded.
 * Settings, not generated data: recorded once, never overwritten by a reseed.
 */
const RULES_2013 = "鹿城区 2013 年网格化管理实施细则（已废止）";
const DEMO_TARGETS = [
  { metric: "registration", value: 0.95, source: RULES_2013, note: "出租房屋登记率 ≥ 95%；该文件已废止，数值沿用为演示区设置" },
  { metric: "registration_units", value: 0.95, source: RULES_2013, note: "按套计的登记率，沿用 95%" },
  { metric: "responsibility_letters", value: 1, source: RULES_2013, note: "治安责任书签订率 100%；该文件已废止，数值沿用为演示区设置" },
  { metric: "inspection_recency", value: 0.9, source: null, note: "细则要求每月核对一次；30 天内检查 90% 为本区自定" },
  { metric: "patrol", value: 1, source: null, note: "每个网格每 30 天至少巡查一次，本区自定" },
  { metric: "guidance", value: 0.8, source: null, note: "占道经营事件在疏导点 500 米内的比例，规划自定" },
];

export async function seedTargets(db: Db): Promise<void> {
  await db.execute(
    sql`insert into coverage_targets (district_code, metric, value, valid_from, source_title, own_choice, note, recorded_by)
        select ${DISTRICT.code}, metric, value, '2013-01-01', source, source is null, note, 'demo'
        from json_to_recordset(${JSON.stringify(DEMO_TARGETS)}::json) as t(metric text, value float8, source text, note text)
        on conflict on constraint coverage_targets_scope_metric_from do nothing`,
  );
}
