import type { CatalogueEntries } from "./entry";

/** Signing in, roles and accounts. */
export const ACCESS_MESSAGES = {
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
  "forbidden.manage:cases": {
    en: "only the command centre may assign cases across the district, verify answers, supervise areas and run alerts",
    zh: "只有指挥中心可以跨街道派遣案件、核查办结、挂牌督办和运行预警",
  },
  "forbidden.read:alerts": { en: "your role does not receive alerts", zh: "您的角色不接收预警" },
  "forbidden.read:field": { en: "the field app is for grid workers: sign in with a grid worker's account", zh: "外勤应用供网格员使用：请用网格员账号登录" },
  "forbidden.record:field": {
    en: "only a street office or a grid worker records checks, events and check-ins",
    zh: "只有街镇工作人员或网格员可以录入检查、上报事件和巡查签到",
  },
  "forbidden.move_case": {
    en: "only the command centre or the case's street office may move a case",
    zh: "只有指挥中心或案件所在街道可以办理此案件",
  },
  "auth.bearer_malformed": { en: "the Authorization header must be 'Bearer <token>'", zh: "Authorization 请求头应为 Bearer <令牌>" },
  "auth.token_unknown": { en: "this API token is unknown or revoked", zh: "此接口令牌不存在或已被吊销" },
  "auth.wrong_password": { en: "wrong e-mail or password", zh: "邮箱或密码不对" },
  "auth.throttled": { en: "too many failed sign-ins; try again in {minutes} min", zh: "登录失败次数过多，请 {minutes} 分钟后再试" },
  "auth.no_street": { en: "this street-office account has no street", zh: "这个街镇账号没有所属街道，请联系管理员" },
  "first_run.admin_exists": {
    en: "an administrator exists already: sign in, or ask them for an account",
    zh: "已经有管理员了：请登录，或请管理员为您开设账号",
  },
  "first_run.wrong_code": {
    en: "wrong set-up code: use the one the server printed at its last start",
    zh: "设置码不对：请使用服务器最近一次启动时打印的设置码",
  },
  "user.email_taken": { en: "email: an account for {email} exists already", zh: "邮箱 {email} 已有账号" },
  "user.self": { en: "you cannot disable yourself or give up your own admin role", zh: "不能停用自己的账号，也不能取消自己的管理员角色" },
  "user.street_rule": {
    en: "street_code: a street office or grid worker needs a street; other roles must not have one",
    zh: "街镇工作人员和网格员必须选择所属街道；其他角色不能选择街道",
  },
  "user.street_rule_input": {
    en: "a street office or grid worker needs street_code; other roles must not have one",
    zh: "街镇工作人员和网格员必须选择所属街道；其他角色不能选择街道",
  },
  "token.street_rule": {
    en: "a street_office token needs street_code; other roles must not have one",
    zh: "街镇的接口令牌必须指定街道；其他角色的令牌不能指定街道",
  },
  "user.not_found": { en: "no user {id}", zh: "找不到账号 {id}" },
  "token.not_found": { en: "no API token {id}", zh: "找不到接口令牌 {id}" },
  "street.unknown_code": { en: "street_code: no street with code {code}", zh: "街道：没有编码为 {code} 的街道" },
  "district.unknown_code": { en: "district_code: no district with code {code}", zh: "区县：没有编码为 {code} 的区县" },
  "district.format": { en: "a district is its 6-digit code", zh: "区县编码是 6 位数字" },
  "street.format": { en: "a street is its 12-digit code", zh: "街道编码是 12 位数字" },
  "area.format": {
    en: "street: a street's 12-digit code, or a district's 6-digit code",
    zh: "范围：填 12 位街道编码，或 6 位区县编码",
  },
  "district.street_rule": {
    en: "district_code: a street office or grid worker's district is its street's; give the street only",
    zh: "街镇工作人员和网格员的区县就是所属街道的区县：只需选择街道",
  },
  "district.other": {
    en: "your account is limited to district {own}: it cannot give another district or the whole city",
    zh: "您的账号只管理区县 {own}：不能指定其他区县或全市范围",
  },
} as const satisfies CatalogueEntries;
