import type { ZodError } from "zod";
import { FIELD_LABELS_ZH } from "./glossary";
import { VALUE_LABELS_ZH } from "./value-labels";
import { rewordServerText } from "./server-messages";

type Issue = ZodError["issues"][number];

const TYPES: Record<string, string> = { string: "文字", number: "数字", boolean: "是/否", object: "对象", array: "列表", date: "日期" };

/** A validation issue in Chinese: which field, and what is wrong with it, without API jargon. */
export function zodIssueZh(issue: Issue): string {
  // A GeoJSON body's "properties" is a wrapper, not a field anyone fills in.
  const path = issue.path.map(String).filter((p) => p !== "properties");
  const field = path.length ? path.map((p) => FIELD_LABELS_ZH[p] ?? p).join(" · ") : "输入";
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
      return `只能是：${(i.values ?? []).map((v) => VALUE_LABELS_ZH[String(v)] ?? String(v)).join("、")}`;
    case "invalid_format":
      return i.format === "date" ? "日期格式不对，应如 2026-11-28" : i.format === "email" ? "邮箱格式不对" : "格式不对";
    default:
      // A rule of our own (a refine): its English message is catalogued, or a general phrase.
      const worded = rewordServerText(i.message, "zh");
      return worded !== i.message ? worded : "填写有误";
  }
}
