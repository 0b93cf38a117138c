import { areaCodeParam } from "@/lib/auth/code-params";
import { z } from "zod";
import { EVENT_CATEGORIES, type EventCategory } from "@/lib/vocabulary";

/** Shared query parameters of every analysis. Invalid values → 400 naming the parameter. */
const DAY_MS = 86_400_000;
const isoDate = z
  .string()
  .regex(/^\d{4}-\d{2}-\d{2}(T[\d:.]+(Z|[+-]\d{2}:?\d{2})?)?$/, "use an ISO date, e.g. 2026-01-31")
  .refine((s) => !Number.isNaN(Date.parse(s)), "not a real date");

const categoryList = z
  .string()
  .transform((s) => s.split(",").map((c) => c.trim()).filter(Boolean))
  .pipe(
    z
      .array(z.enum(EVENT_CATEGORIES as unknown as [EventCategory, ...EventCategory[]], {
        error: (issue) => `unknown category "${String(issue.input)}"; use ${EVENT_CATEGORIES.join(", ")}`,
      }))
      .min(1, "give at least one category"),
  );

const booleanFlag = z.enum(["true", "false", "1", "0"]).transform((v) => v === "true" || v === "1");

export const AnalysisUnit = z.enum(["grid-cells", "communities", "streets", "h3"]);
export type AnalysisUnit = z.infer<typeof AnalysisUnit>;

const baseFields = {
  unit: AnalysisUnit.default("grid-cells"),
  resolution: z.coerce.number().int().min(7, "H3 resolution must be 7–10").max(10, "H3 resolution must be 7–10").default(9),
  from: isoDate.optional(),
  to: isoDate.optional(),
  categories: categoryList.optional(),
  street: areaCodeParam.optional(),
  /** west,south,east,north in degrees: only events inside (charts that follow the map's viewport). */
  bbox: z
    .string()
    .transform((s) => s.split(",").map(Number))
    .refine((b) => b.length === 4 && b.every(Number.isFinite), "bbox is west,south,east,north")
    .refine((b) => b[0]! < b[2]! && b[1]! < b[3]! && b[0]! >= -180 && b[2]! <= 180 && b[1]! >= -90 && b[3]! <= 90, "bbox must be west<east, south<north, in degrees")
    .optional(),
};

type RawWindow = { from?: string; to?: string; categories?: EventCategory[] };
export type Window<T> = Omit<T, "from" | "to" | "categories"> & { from: Date; to: Date; categories: EventCategory[] | null };

/** Default window: `defaultDays` up to `to` (default now). An empty or reversed window is an error. */
function resolveWindow<T extends RawWindow>(p: T, ctx: z.RefinementCtx, defaultDays: number): Window<T> {
  const to = p.to ? new Date(p.to) : new Date();
  const from = p.from ? new Date(p.from) : new Date(to.getTime() - defaultDays * DAY_MS);
  if (from.getTime() >= to.getTime()) {
    ctx.addIssue({ code: "custom", path: ["from"], message: "from must be before to (the time window is empty)" });
  }
  return { ...p, from, to, categories: p.categories ?? null };
}

/** The base parameters plus an analysis's own options; unknown parameters are rejected by name. */
export function analysisParams<S extends z.ZodRawShape>(extra: S, defaultDays = 90) {
  return z
    .object({ ...baseFields, ...extra })
    .strict()
    .transform((p, ctx) => resolveWindow(p as z.infer<z.ZodObject<typeof baseFields & S>> & RawWindow, ctx, defaultDays));
}

export const BaseParams = analysisParams({});
export type BaseParams = z.output<typeof BaseParams>;
/** What the SQL layer needs to select events: window, categories and street scope. */
export type EventFilter = Pick<BaseParams, "from" | "to" | "categories" | "street"> & { bbox?: number[] };

/** `queen`, `distance` (smallest band giving everyone a neighbour) or `distance:<metres>`. */
export const WeightsParam = z
  .string()
  .regex(/^(queen|distance(:\d+(\.\d+)?)?)$/, "use queen, distance or distance:<metres>")
  .transform((s): Weights => {
    if (s === "queen") return { kind: "queen" };
    const metres = s.includes(":") ? Number(s.split(":")[1]) : null;
    return { kind: "distance", metres };
  })
  .refine((w) => w.kind === "queen" || w.metres === null || w.metres > 0, "distance must be positive");
export type Weights = { kind: "queen" } | { kind: "distance"; metres: number | null };

export const hotspotFields = {
  weights: WeightsParam.default({ kind: "queen" }),
  fdr: booleanFlag.default(true),
  alpha: z.coerce.number().gt(0, "alpha must be between 0 and 0.5").max(0.5, "alpha must be between 0 and 0.5").default(0.05),
};
export { booleanFlag };


