import type { ZodError } from "zod";

type Issue = ZodError["issues"][number];

/** Field names as a district office says them; a field not listed is shown as it is named in the API. */
const FIELDS: Record<string, string> = {
  address: "地址",
  units: "套数",
  rented_units: "已出租套数",
  registration_status: "登记状态",
  responsibility_letter_signed: "治安责任书",
  letter_signed: "治安责任书",
  letter_signed_on: "责任书签订日期",
  last_inspected_on: "最近检查日期",
  checked_on: "检查日期",
  empty: "整栋空置",
  note: "备注",
  meets_rental_conditions: "① 符合出租条件",
  illegal_structure: "② 违法建筑",
  fire_hazard: "③ 消防不达标",
  no_title: "④ 无产权证明",
  other_safety_hazard: "⑤ 安全隐患",
  registered_occupant_count: "登记人数",
  name: "名称",
  category: "类别",
  legal_basis: "法律依据",
  valid_from: "生效日期",
  valid_to: "失效日期",
  geometry: "图形",
  capacity: "摊位数",
  occupied_stalls: "已占摊位",
  opening_hours: "开放时间",
  allowed_goods: "允许经营品类",
  reserved_priority_slots: "优先摊位",
  email: "邮箱",
  password: "密码",
  display_name: "姓名",
  role: "角色",
  street_code: "街道",
  street: "街道",
  month: "月份",
  unit: "统计单元",
  from: "开始时间",
  to: "结束时间",
  metric: "指标",
  value: "目标值",
  source_title: "依据文件",
  occurred_at: "发生时间",
  status: "状态",
  source: "来源",
  code: "设置码",
  limit: "条数",
};

const TYPES: Record<string, string> = { string: "文字", number: "数字", boolean: "是/否", object: "对象", array: "列表", date: "日期" };

/** A validation issue in Chinese: which field, and what is wrong with it, without API jargon. */
export function zodIssueZh(issue: Issue): string {
  const field = issue.path.length ? issue.path.map((p) => FIELDS[String(p)] ?? String(p)).join(" · ") : "输入";
  return `${field}：${problem(issue)}`;
}

function problem(issue: Issue): string {
  const i = issue as Issue & { input?: unknown; expected?: string; minimum?: number | bigint; maximum?: number | bigint; origin?: string; keys?: string[]; values?: unknown[]; format?: string };
  switch (i.code) {
    case "invalid_type":
      return i.input === undefined ? "缺少此项" : `类型不对（应为${TYPES[i.expected ?? ""] ?? i.expected}）`;
    case "too_small":
      return i.origin === "string" ? (Number(i.minimum) <= 1 ? "不能为空" : `至少 ${i.minimum} 个字符`) : i.origin === "array" ? `至少 ${i.minimum} 项` : `不能小于 ${i.minimum}`;
    case "too_big":
      return i.origin === "string" ? `最多 ${i.maximum} 个字符` : i.origin === "array" ? `最多 ${i.maximum} 项` : `不能大于 ${i.maximum}`;
    case "unrecognized_keys":
      return `不认识的字段：${(i.keys ?? []).join("、")}`;
    case "invalid_value":
      return `只能是：${(i.values ?? []).map(String).join("、")}`;
    case "invalid_format":
      return i.format === "date" ? "日期格式不对，应如 2026-11-28" : i.format === "email" ? "邮箱格式不对" : "格式不对";
    default:
      return "填写有误";
  }
}
