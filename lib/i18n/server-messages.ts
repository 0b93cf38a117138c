import { fill } from "./fill";
import type { Locale } from "./messages";

/**
 * What the server says when it refuses something, in both languages, under a stable code that API
 * clients can rely on (the text may be reworded; the code stays). `{name}` placeholders are filled
 * from the refusal's parameters. A test checks both languages have the same placeholders.
 */
export const SERVER_MESSAGES = {
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
  "street.not_found": { en: "no street with code {code}", zh: "找不到编码为 {code} 的街道（或不在您的权限内）" },
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
  "db.refused": { en: "the database refused this change ({constraint})", zh: "数据库拒绝了这次修改（{constraint}），未写入任何数据" },
  "db.unavailable": {
    en: "the database cannot be reached right now; try again in a few seconds",
    zh: "暂时连不上数据库，请几秒后重试",
  },
  "auth.sign_in": {
    en: "sign in first (session cookie or Authorization: Bearer token)",
    zh: "请先登录",
  },
  "forbidden.read:register": { en: "your role may not read the register", zh: "您的角色不能查看登记数据" },
  "forbidden.read:plans": { en: "your role may not read zones and guidance points", zh: "您的角色不能查看禁摊区和疏导点" },
  "forbidden.read:context": { en: "your role may not read base layers", zh: "您的角色不能查看底图图层" },
  "forbidden.read:analytics": { en: "your role may not run analyses", zh: "您的角色不能进行分析" },
  "forbidden.edit:register": {
    en: "only a street office may change grid cells, rental buildings and events",
    zh: "只有街镇工作人员可以修改网格、出租房屋和事件",
  },
  "forbidden.edit:plans": { en: "only planners may change no-stall zones and guidance points", zh: "只有规划人员可以修改禁摊区和疏导点" },
  "forbidden.import": { en: "only planners may import data", zh: "只有规划人员可以导入数据" },
  "forbidden.setup:district": {
    en: "only admins may set the district up (its boundary, streets, communities, grid cells and settings)",
    zh: "只有管理员可以设置辖区（边界、街道、社区、网格和工作设置）",
  },
  "forbidden.manage:users": { en: "only admins may manage users and API tokens", zh: "只有管理员可以管理账号和接口令牌" },
  "forbidden.read:audit": { en: "only admins may read the audit log", zh: "只有管理员可以查看审计日志" },
  "internal": { en: "internal error", zh: "服务器内部错误，请把请求编号告诉管理员" },
  "input.invalid": { en: "invalid input", zh: "输入有误" },
} as const satisfies Record<string, { en: string; zh: string }>;

export type ServerMessageCode = keyof typeof SERVER_MESSAGES;
export type MessageParams = Record<string, string | number>;

/** A server message in a language. */
export function serverMessage(code: ServerMessageCode, params: MessageParams, locale: Locale): string {
  return fill(SERVER_MESSAGES[code][locale], params);
}
