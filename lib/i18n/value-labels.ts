import { messages } from "./messages";

const zh = messages.zh;

/**
 * Stored values (categories, statuses, roles, sources) in Chinese words, from the UI's own
 * dictionaries, for messages that list the allowed values ("类别：只能是：学校周边、…").
 * Where two lists share a value, the plainer word is used.
 */
export const VALUE_LABELS_ZH: Record<string, string> = {
  ...zh.dashboard.categories,
  ...zh.dashboard.statuses,
  ...zh.dashboard.publication,
  ...zh.dashboard.eventStatuses,
  ...zh.dashboard.sources,
  ...zh.dashboard.roadClasses,
  ...zh.dashboard.poiCategories,
  ...zh.plan.categories,
  ...zh.auth.roles,
  ...zh.work.rentalStatus,
  admin_centre: "行政中心",
  other: "其他",
};
