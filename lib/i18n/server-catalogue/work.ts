import type { CatalogueEntries } from "./entry";

/** The monthly work cycle: checks, months, reports, work lists. */
export const WORK_MESSAGES = {
  "check.future": {
    en: "checked_on: {date} is in the future (today is {today} in China); record a check once it is made",
    zh: "检查日期 {date} 晚于今天（{today}）：检查做完后再记录",
  },
  "check.before_register": {
    en: "checked_on: {date} is before the building entered the register ({since})",
    zh: "检查日期 {date} 早于该房屋登记入库的日期（{since}）",
  },
  "check.out_of_order": {
    en: "checked_on: a later check ({last}) is already recorded; checks are recorded in date order",
    zh: "已有更晚的检查记录（{last}）：检查需按日期先后录入",
  },
  "check.rented_over_units": {
    en: "rented_units: {rented} rented of {units} units is not possible",
    zh: "已出租套数 {rented} 超过了总套数 {units}",
  },
  "check.empty_but_rented": {
    en: "rented_units: an empty building has no rented units; set empty to false or rented_units to 0",
    zh: "整栋空置时已出租套数应为 0：取消“整栋空置”或把已出租套数改为 0",
  },
  "check.letter_date_unsigned": {
    en: "letter_signed_on: give a signing date only when the letter is signed",
    zh: "责任书未签订时不要填写签订日期",
  },
  "check.letter_after_check": {
    en: "letter_signed_on: {date} is after the check ({checked})",
    zh: "责任书签订日期 {date} 晚于检查日期（{checked}）",
  },
  "building.not_found": { en: "no rental building {code}", zh: "找不到出租房屋 {code}（或不在您的街道）" },
  "street.not_found": { en: "no street or district with code {code}", zh: "找不到编码为 {code} 的街道或区县（或不在您的权限内）" },
  "month.not_begun": { en: "month: {month} has not begun", zh: "{month} 还没有开始" },
  "month.not_ended": {
    en: "month: {month} has not ended (China time); only a month that has ended can be frozen (current month {current})",
    zh: "{month} 尚未结束（北京时间），只能冻结已结束的月份（本月为 {current}）",
  },
  "month.not_frozen": {
    en: "no figures for {month}: the month is not frozen (the register has no history that far back, or the hourly job has not run yet)",
    zh: "{month} 没有月度数据：该月尚未冻结（登记册的历史没有那么早，或每小时的冻结任务还没运行）",
  },
  "report.street_required": {
    en: "street: the monthly report is a street's; give street=<12-digit code>",
    zh: "月报按街道出具：请指定街道（street=12位编码）",
  },
  "worklist.unknown": { en: "no work list {list}; lists: {lists}", zh: "没有名为 {list} 的工作清单；可选：{lists}" },
  "idempotency.reused": {
    en: "Idempotency-Key: this key was already used for a different request; use a new key for each new write",
    zh: "Idempotency-Key 已用于另一次不同的提交：每次新的提交请使用新的键",
  },
  "idempotency.malformed": {
    en: "Idempotency-Key: use 8–128 letters, digits, '-', '_', '.', or ':' (a UUID works)",
    zh: "Idempotency-Key 格式不对：请用 8–128 个字母、数字或 - _ . :（例如 UUID）",
  },
  "pdf.busy": { en: "reports are being printed; try again in a few seconds", zh: "正在生成其他报告，请几秒后再试" },
  "pdf.no_chromium": {
    en: "PDF reports need Chromium at {path} (Debian: apt-get install chromium; or set CHROMIUM_PATH)",
    zh: "生成 PDF 需要 Chromium（{path}）：请安装 chromium 或设置 CHROMIUM_PATH",
  },
  "demo.none": { en: "there is no demo data to remove", zh: "没有可删除的演示数据" },
  "demo.blocked": { en: "the demo cannot be removed yet: {detail}", zh: "暂时不能删除演示数据：{detail}" },
  "demo.unmarked": {
    en: "this demo was generated before Grid Atlas marked the demo's rows; regenerate it (npm run db:seed -- --force) or start from an empty database",
    zh: "这份演示数据生成于网格图谱标记演示数据之前：请重新生成（npm run db:seed -- --force），或从空数据库开始",
  },
  "demo.city_only": {
    en: "the demo covers every district: only a city-level administrator removes it",
    zh: "演示数据覆盖全部区县：只有市级管理员可以删除",
  },
  "demo.signed_in_as_demo": {
    en: "you are signed in with a demo account, which goes with the demo: make your own administrator at /admin, sign in with it, then remove the demo",
    zh: "您正在使用演示账号登录，它会随演示数据一起删除：请先在“账号管理”中建立自己的管理员账号，用它登录后再删除演示数据",
  },
  "demo.still_used": {
    en: "these belong to demo streets or communities: {list}; give them a street or community of your own first",
    zh: "以下内容仍属于演示街道或社区：{list}；请先把它们改到本区自己的街道或社区",
  },
} as const satisfies CatalogueEntries;
