/**
 * Every visible string, in both languages. `en` must have exactly the keys of `zh`
 * (the type checker enforces it), so no string can be shown untranslated.
 */
const zh = {
  productName: "网格图谱",
  productTagline: "网格化管理与摊点规划",
  nav: { overview: "总览", plan: "规划", command: "指挥", coverage: "覆盖" },
  demoBadge: "演示数据",
  demoBadgeTitle: "这是自动生成的演示辖区（仿鹿城区），不是真实数据",
  languageLabel: "语言",
  languageSwitchTo: "English",
  map: {
    loading: "地图加载中…",
    loadFailed: "边界数据加载失败",
    retry: "重试",
    legendTitle: "图例",
    streets: "街道/镇",
    communities: "社区/村居",
    gridCells: "网格",
    zoomHint: "放大可见社区与网格编号",
    ariaLabel: "辖区地图：街道、社区和网格边界",
  },
  overview: {
    title: "辖区总览",
    streets: "街道/镇",
    communities: "社区/村居",
    gridCells: "网格",
    rentalBuildings: "出租房屋",
    noStallZones: "禁摊区",
    guidancePoints: "疏导点",
    events: "事件",
    pois: "兴趣点",
    database: "数据库",
    embedded: "内嵌 PGlite",
    postgres: "PostgreSQL",
    emptyTitle: "还没有数据",
    emptyBody: "数据库是空的。运行 npm run db:seed 生成演示辖区，或导入真实数据。",
  },
  comingSoon: {
    plan: "规划人员在这里绘制、校验、版本化并发布禁摊区和疏导点。该视图将在规划工作区版本中提供。",
    command: "指挥中心在这里查看统计显著的事件热点及其趋势。该视图将在分析引擎版本中提供。",
    coverage: "街道办在这里对照目标跟踪本街道网格的覆盖率。该视图将在分析引擎版本中提供。",
    label: "即将推出",
  },
  errors: { generic: "出错了", requestId: "请求编号" },
};

export type Messages = typeof zh;

const en: Messages = {
  productName: "Grid Atlas",
  productTagline: "Grid management and street-stall zoning",
  nav: { overview: "Overview", plan: "Plan", command: "Command", coverage: "Coverage" },
  demoBadge: "Demo data",
  demoBadgeTitle: "This is a generated demo district (modelled on Lucheng), not real data",
  languageLabel: "Language",
  languageSwitchTo: "简体中文",
  map: {
    loading: "Loading map…",
    loadFailed: "Could not load boundaries",
    retry: "Retry",
    legendTitle: "Legend",
    streets: "Streets / towns",
    communities: "Communities / villages",
    gridCells: "Grid cells",
    zoomHint: "Zoom in to see communities and cell codes",
    ariaLabel: "District map: street, community and grid-cell boundaries",
  },
  overview: {
    title: "District overview",
    streets: "Streets / towns",
    communities: "Communities",
    gridCells: "Grid cells",
    rentalBuildings: "Rental buildings",
    noStallZones: "No-stall zones",
    guidancePoints: "Guidance points",
    events: "Events",
    pois: "Points of interest",
    database: "Database",
    embedded: "embedded PGlite",
    postgres: "PostgreSQL",
    emptyTitle: "No data yet",
    emptyBody: "The database is empty. Run npm run db:seed to generate the demo district, or import real data.",
  },
  comingSoon: {
    plan: "Planners draw, validate, version and publish no-stall zones and guidance points here. This view arrives with the planner workspace release.",
    command: "The command centre reads statistically significant incident hotspots and their trends here. This view arrives with the analytics release.",
    coverage: "Street offices track their cells' coverage against targets here. This view arrives with the analytics release.",
    label: "Coming soon",
  },
  errors: { generic: "Something went wrong", requestId: "Request id" },
};

export const LOCALES = ["zh", "en"] as const;
export type Locale = (typeof LOCALES)[number];
export const DEFAULT_LOCALE: Locale = "zh";
export const LOCALE_COOKIE = "ga-lang";

export const messages: Record<Locale, Messages> = { zh, en };

export function isLocale(value: unknown): value is Locale {
  return value === "zh" || value === "en";
}

/** BCP 47 tags for <html lang> and Intl formatting. */
export const LOCALE_TAG: Record<Locale, string> = { zh: "zh-CN", en: "en" };
