import type { CatalogueEntries } from "./entry";

/** No-stall zones, guidance points and their rules. `{noun}` and `{status}` are words of the glossary. */
export const PLAN_MESSAGES = {
  "plan.not_found": { en: "no {noun} {id}", zh: "找不到{noun} {id}" },
  "plan.outside_district": {
    en: "this shape reaches outside district {district}: an account limited to a district draws inside it",
    zh: "图形超出了本账号管理的区县（{district}）：只能在本区范围内绘制",
  },
  "plan.invalid": { en: "the shape cannot be saved: {detail}", zh: "图形未通过检查，不能保存：请看检查结果中的问题" },
  "plan.conflicts": { en: "conflicts block this: {detail}", zh: "与已生效的规划冲突，不能生效：请看检查结果中的冲突" },
  "plan.stale": {
    en: "this {noun} was changed by someone else: it is now version {current}, you edited version {expected}. Reload it and apply your change again.",
    zh: "这个{noun}已被他人修改：现在是第 {current} 版，您编辑的是第 {expected} 版。请重新加载后再修改。",
  },
  "plan.change_note": { en: "this {noun} is in force and a change applies at once: say why in a short note", zh: "这个{noun}正在生效，修改立即生效：请写明修改说明" },
  "plan.retired_kept": { en: "this {noun} is retired; retired plans are kept as they were", zh: "这个{noun}已废止：已废止的规划保持原样，不能再修改" },
  "plan.delete_not_draft": { en: "only drafts can be deleted; retire this {status} {noun} instead", zh: "只能删除草稿；这个{status}的{noun}请改为废止" },
  "plan.publish_not_draft": { en: "only drafts are published; this {noun} is {status}", zh: "只能发布草稿；这个{noun}现在是{status}" },
  "plan.retire_not_active": { en: "only active plans are retired; this {noun} is {status}", zh: "只能废止生效中的规划；这个{noun}现在是{status}" },
  "plan.status_now": { en: "this {noun} is {status} now", zh: "这个{noun}现在已是{status}" },
  // These two follow the field's name ("失效日期：…", "优先摊位：…"), so they do not repeat it.
  "plan.date_order": { en: "must not be before valid_from", zh: "不能早于生效日期" },
  "plan.slots": { en: "cannot exceed capacity (the number of stalls)", zh: "不能多于摊位数" },
  "rule.ids_missing": { en: "rule.ids: no {source} with id {ids}", zh: "规则：找不到编号为 {ids} 的{source}" },
} as const satisfies CatalogueEntries;
