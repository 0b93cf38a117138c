import type { CatalogueEntries } from "./entry";

/** The command centre: cases, departments, supervised areas and alerts. */
export const COMMAND_MESSAGES = {
  "department.unknown": {
    en: "department: {code} is not a department in use; pick one from GET /api/departments",
    zh: "责任单位 {code} 不存在或已停用：请从责任单位列表中选择",
  },
  "department.exists": { en: "code: a department {code} exists already", zh: "责任单位编码 {code} 已存在" },
  "department.not_found": { en: "no department {code}", zh: "找不到责任单位 {code}" },
  "department.code_format": {
    en: "code: 2–32 lower-case letters, digits or _, starting with a letter, e.g. urban_management",
    zh: "编码：2–32 个小写字母、数字或下划线，以字母开头，例如 urban_management",
  },
  "case.not_a_case": {
    en: "a {category} event is a record of work, not a case; it has no department or deadline",
    zh: "“{category}”是工作记录，不是案件，没有责任单位和办理时限",
  },
  "case.transition_not_allowed": {
    en: "a {from} case cannot become {to}; allowed from here: {list}",
    zh: "“{from}”的案件不能改为“{to}”；当前可以改为：{list}",
  },
  "case.due_command_only": {
    en: "only the command centre sets or changes a case's deadline",
    zh: "办理期限由指挥中心确定，街道不能修改",
  },
  "case.reject_needs_note": {
    en: "note: say why the answer is not accepted, so the department knows what to do",
    zh: "退回时请填写原因，让责任单位知道还要做什么",
  },
  "case.assign_needs_department": { en: "department: name the department the case is assigned to", zh: "派遣时请选择责任单位" },
  "case.assign_fields_only_on_assign": {
    en: "department and due_on are given when assigning (to: assigned), or changed with PATCH /api/events/{id}",
    zh: "责任单位和办理期限在派遣时填写，之后请用修改案件来调整",
  },
  "case.due_before_event": {
    en: "due_on: {due} is before the event happened ({happened})",
    zh: "办理期限 {due} 早于事件发生日期（{happened}）",
  },
  "case.closed": {
    en: "the case is {status}; only an open case gets another department or deadline",
    zh: "案件已是“{status}”，只有未办结的案件可以改责任单位或期限",
  },
  "case.due_format": { en: "due_on: use a date like 2026-12-31", zh: "办理期限：请填写日期，例如 2026-12-31" },
  "area.deadline_format": { en: "deadline: use a date like 2027-03-31", zh: "督办期限：请填写日期，例如 2027-03-31" },
  "case.change_empty": { en: "send department or due_on", zh: "请填写责任单位或办理期限" },
  "area.not_found": { en: "no supervised area {id}", zh: "找不到督办区域 {id}（或不在您的街道）" },
  "area.deadline_past": { en: "deadline: {deadline} is not after today ({today})", zh: "督办期限 {deadline} 应晚于今天（{today}）" },
  "area.target_unmeasurable": {
    en: "deadline: the target needs {weeks} whole weeks, but only {left} fit before {deadline}",
    zh: "目标需要连续 {weeks} 个整周来衡量，但到 {deadline} 只有 {left} 个整周：请推迟期限或减少周数",
  },
  "area.cells_unknown": { en: "cells: no grid cell {list}", zh: "找不到网格 {list}" },
  "area.cells_span_streets": {
    en: "cells: a supervised area lies in one street, but these cells are in {list}",
    zh: "督办区域应在同一街道内，这些网格分属 {list}",
  },
  "area.already_accepted": { en: "this area passed acceptance on {date} already", zh: "该区域已于 {date} 验收摘牌" },
  "area.target_not_met": {
    en: "the target is not met: at most {max} a week for {weeks} whole weeks in a row; the last weeks had {counts}",
    zh: "尚未达到目标：要求连续 {weeks} 个整周每周不超过 {max} 起，最近几周为 {counts} 起",
  },
  "area.target_not_measured": {
    en: "the target needs {weeks} whole weeks under supervision; {done} have passed so far",
    zh: "目标需要挂牌后连续 {weeks} 个整周来衡量，目前只过了 {done} 个整周，还不能验收",
  },
  "area.note_required": { en: "note: say what was checked before the sign comes down", zh: "请填写验收说明（核查了什么）" },
} as const satisfies CatalogueEntries;
