import { AREA_CODE } from "@/lib/auth/street-code";
import { EVENT_CATEGORIES, type EventCategory } from "@/lib/vocabulary";
import { addDays, addMonths, chinaDate } from "@/lib/time/china-date";
import { stepContaining, stepDate } from "@/lib/time/china-steps";

/**
 * What a dashboard view shows, kept in the URL so a view can be shared by link. Pure functions
 * (no DB), used by server pages and client components alike. Invalid values fall back to the
 * defaults rather than failing the page: a hand-edited link should still open.
 */
export const OVERLAYS = ["none", "density", "coverage", "hotspots", "emerging"] as const;
export type Overlay = (typeof OVERLAYS)[number];
export const MAP_LAYERS = ["no-stall-zones", "guidance-points", "pois", "events", "rental-buildings"] as const;
export type MapLayer = (typeof MAP_LAYERS)[number];
export const COVERAGE_METRIC_KEYS = ["registration", "registration_units", "responsibility_letters", "inspection_recency", "patrol", "guidance"] as const;
export type CoverageMetricKey = (typeof COVERAGE_METRIC_KEYS)[number];
/** How density is drawn: per grid cell, per H3 hexagon (res 8 or 9), or the server's kernel surface. */
export const DENSITY_MODES = ["cells", "h3-8", "h3-9", "kde"] as const;
export type DensityMode = (typeof DENSITY_MODES)[number];

export interface ViewState {
  from: string; // YYYY-MM-DD
  to: string; // YYYY-MM-DD (exclusive)
  categories: EventCategory[];
  overlay: Overlay;
  layers: MapLayer[];
  metric: CoverageMetricKey;
  density: DensityMode;
  /** The area every panel keeps to: a street (12 digits), a district (6 digits, city-level accounts), or null for all. */
  street: string | null;
}


export function defaultViewState(today: Date, overrides: Partial<ViewState> = {}): ViewState {
  // The last 13 weeks up to and including today, in China (before 08:00 UTC's date is yesterday's).
  const to = addDays(chinaDate(today), 1);
  return {
    from: addDays(to, -91),
    to,
    categories: [...EVENT_CATEGORIES],
    overlay: "none",
    layers: ["no-stall-zones", "guidance-points"],
    metric: "registration",
    density: "cells",
    street: null,
    ...overrides,
  };
}

const isDate = (s: string | undefined): s is string => !!s && /^\d{4}-\d{2}-\d{2}$/.test(s) && !Number.isNaN(Date.parse(s));
const list = <T extends string>(s: string | undefined, allowed: readonly T[]): T[] | null =>
  s === undefined ? null : s.split(",").filter((v): v is T => (allowed as readonly string[]).includes(v));

export function parseViewState(params: Record<string, string | string[] | undefined>, defaults: ViewState): ViewState {
  const get = (k: string) => (Array.isArray(params[k]) ? params[k]?.[0] : (params[k] as string | undefined));
  const from = isDate(get("from")) ? get("from")! : defaults.from;
  const to = isDate(get("to")) ? get("to")! : defaults.to;
  const overlay = get("overlay");
  const metric = get("metric");
  const street = get("street");
  const density = get("density");
  const categories = list(get("categories"), EVENT_CATEGORIES);
  return {
    from: from < to ? from : defaults.from,
    to: from < to ? to : defaults.to,
    categories: categories && categories.length > 0 ? categories : defaults.categories,
    overlay: (OVERLAYS as readonly string[]).includes(overlay ?? "") ? (overlay as Overlay) : defaults.overlay,
    layers: list(get("layers"), MAP_LAYERS) ?? defaults.layers,
    metric: (COVERAGE_METRIC_KEYS as readonly string[]).includes(metric ?? "") ? (metric as CoverageMetricKey) : defaults.metric,
    density: (DENSITY_MODES as readonly string[]).includes(density ?? "") ? (density as DensityMode) : defaults.density,
    street: street && AREA_CODE.test(street) ? street : defaults.street,
  };
}

/** The query string for a state, leaving out what equals the defaults so links stay short. */
export function viewStateQuery(state: ViewState, defaults: ViewState): string {
  const out = new URLSearchParams();
  if (state.from !== defaults.from) out.set("from", state.from);
  if (state.to !== defaults.to) out.set("to", state.to);
  if (state.categories.join() !== defaults.categories.join()) out.set("categories", state.categories.join(","));
  if (state.overlay !== defaults.overlay) out.set("overlay", state.overlay);
  if (state.layers.join() !== defaults.layers.join()) out.set("layers", state.layers.join(","));
  if (state.metric !== defaults.metric) out.set("metric", state.metric);
  if (state.density !== defaults.density) out.set("density", state.density);
  if (state.street && state.street !== defaults.street) out.set("street", state.street);
  return out.toString();
}

/** Analysis API parameters for a state (dates as China-time day boundaries). */
export function analysisQuery(state: ViewState, extra: Record<string, string> = {}): string {
  const params = new URLSearchParams({
    from: `${state.from}T00:00:00+08:00`,
    to: `${state.to}T00:00:00+08:00`,
    ...(state.categories.length < EVENT_CATEGORIES.length ? { categories: state.categories.join(",") } : {}),
    ...(state.street ? { street: state.street } : {}),
    ...extra,
  });
  return params.toString();
}

/** The windows a person asks for by name (本周 / 本月 / 上月 / 近90天). */
export const WINDOW_PRESETS = ["thisWeek", "thisMonth", "lastMonth", "last90Days"] as const;
export type WindowPreset = (typeof WINDOW_PRESETS)[number];

/**
 * A named window on a China date `today`: this week (from Monday) and this month run to the end of
 * today; last month is exactly that calendar month (so the Coverage view reads its frozen
 * figures); the last 90 days end with today.
 */
export function presetWindow(preset: WindowPreset, today: string): { from: string; to: string } {
  const tomorrow = addDays(today, 1);
  const month = today.slice(0, 7);
  switch (preset) {
    case "thisWeek":
      return { from: stepDate(stepContaining(new Date(`${today}T12:00:00+08:00`), "week")), to: tomorrow };
    case "thisMonth":
      return { from: `${month}-01`, to: tomorrow };
    case "lastMonth":
      return { from: `${addMonths(month, -1)}-01`, to: `${month}-01` };
    case "last90Days":
      return { from: addDays(tomorrow, -90), to: tomorrow };
  }
}

/**
 * The window's last day, as people count days. `to` is where the window ends, the midnight after
 * that day (the API reads [from, to)); the date boxes, lists and files show the days included.
 */
export function lastDay(state: Pick<ViewState, "to">): string {
  return addDays(state.to, -1);
}

/** The days a window includes, first and last: "2026-11-01 – 2026-11-30". */
export function windowDays(state: Pick<ViewState, "from" | "to">): string {
  const last = lastDay(state);
  return last === state.from ? state.from : `${state.from} – ${last}`;
}

/** Which named window the state's dates are, if any (for marking the button pressed). */
export function activePreset(state: Pick<ViewState, "from" | "to">, today: string): WindowPreset | null {
  return WINDOW_PRESETS.find((p) => {
    const w = presetWindow(p, today);
    return w.from === state.from && w.to === state.to;
  }) ?? null;
}

/** Move the window by whole weeks (playback). */
export function shiftWeeks(state: ViewState, weeks: number): ViewState {
  const move = (d: string) => addDays(d, weeks * 7);
  return { ...state, from: move(state.from), to: move(state.to) };
}
