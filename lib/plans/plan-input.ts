import { z } from "zod";
import { PUBLICATION_STATUSES, ZONE_CATEGORIES } from "@/lib/vocabulary";
import { AreaGeometry, PointGeometry } from "@/lib/geo/geometry-input";

const isoDate = z.iso.date("use a date like 2026-11-28");
const note = z.string().trim().max(500, "a note has at most 500 characters");
/** Read-only properties a client may send back unchanged (they are ignored). */
const readOnly = { status: z.string().optional(), version: z.number().optional(), rule_stale: z.boolean().optional(), updated_at: z.string().optional() };

/** A zone made from a rule: a buffer of `distance_m` metres around POIs or road lines. */
export const ZoneRule = z
  .object({
    source: z.enum(["pois", "roads"]),
    ids: z.array(z.number().int().positive()).min(1, "pick at least one source feature").max(500, "at most 500 source features"),
    distance_m: z.number().positive("the distance must be positive").max(2000, "at most 2,000 m"),
  })
  .strict();
export type ZoneRule = z.output<typeof ZoneRule>;

// Without defaults: a PATCH must change only what it names (defaults are added for whole features).
const zoneProperties = {
  name: z.string().trim().min(1, "give the zone a name").max(200, "at most 200 characters"),
  category: z.enum(ZONE_CATEGORIES, { error: `category is one of ${ZONE_CATEGORIES.join(", ")}` }),
  legal_basis: z.string().trim().max(1000, "at most 1,000 characters"),
  valid_from: isoDate,
  valid_to: isoDate.nullable(),
  rule: ZoneRule.nullable(),
};
const zoneDefaults = { legal_basis: zoneProperties.legal_basis.default(""), valid_to: zoneProperties.valid_to.default(null), rule: zoneProperties.rule.optional() };
const dateOrder = (p: { valid_from?: string; valid_to?: string | null }) => !p.valid_from || !p.valid_to || p.valid_to >= p.valid_from;
const dateOrderIssue = { message: "must not be before valid_from", path: ["valid_to"] };

/** A whole zone (create, PUT): a GeoJSON Feature. */
export const ZoneFeature = z
  .object({
    type: z.literal("Feature", { error: 'send a GeoJSON "Feature"' }),
    id: z.union([z.number(), z.string()]).optional(),
    geometry: AreaGeometry,
    properties: z.object({ ...zoneProperties, ...zoneDefaults, ...readOnly }).strict().refine(dateOrder, dateOrderIssue),
    note: note.optional(),
  })
  .strict();
export type ZoneFeature = z.output<typeof ZoneFeature>;

/** Some of a zone (PATCH). */
export const ZonePatch = z
  .object({
    type: z.literal("Feature").optional(),
    geometry: AreaGeometry.optional(),
    properties: z
      .object({ ...zoneProperties, ...readOnly })
      .partial()
      .strict()
      .refine(dateOrder, dateOrderIssue)
      .optional(),
    note: note.optional(),
  })
  .strict()
  .refine((p) => p.geometry !== undefined || (p.properties && Object.keys(p.properties).length > 0), "nothing to change");
export type ZonePatch = z.output<typeof ZonePatch>;

const pointProperties = {
  name: z.string().trim().min(1, "give the guidance point a name").max(200, "at most 200 characters"),
  capacity: z.number().int("capacity is a whole number of stalls").min(1, "capacity is at least 1 stall").max(10_000),
  occupied_stalls: z.number().int().min(0).max(10_000),
  opening_hours: z.string().trim().max(200, "at most 200 characters"),
  allowed_goods: z.array(z.string().trim().min(1).max(50)).max(50, "at most 50 kinds of goods"),
  reserved_priority_slots: z.number().int().min(0).max(10_000),
};
const pointDefaults = {
  occupied_stalls: pointProperties.occupied_stalls.default(0),
  opening_hours: pointProperties.opening_hours.default(""),
  allowed_goods: pointProperties.allowed_goods.default([]),
  reserved_priority_slots: pointProperties.reserved_priority_slots.default(0),
};
// Occupied stalls and priority slots are each a part of the capacity; the refusal names the field that is over it.
type Slots = { capacity?: number; occupied_stalls?: number; reserved_priority_slots?: number };
const slotsOver = (p: Slots, field: "occupied_stalls" | "reserved_priority_slots") => p.capacity !== undefined && (p[field] ?? 0) > p.capacity;
const slotsCheck = (p: Slots, ctx: z.RefinementCtx) => {
  for (const field of ["reserved_priority_slots", "occupied_stalls"] as const) {
    if (slotsOver(p, field)) ctx.addIssue({ code: "custom", message: "cannot exceed capacity (the number of stalls)", path: [field] });
  }
};

export const GuidancePointFeature = z
  .object({
    type: z.literal("Feature", { error: 'send a GeoJSON "Feature"' }),
    id: z.union([z.number(), z.string()]).optional(),
    geometry: PointGeometry,
    properties: z.object({ ...pointProperties, ...pointDefaults, ...readOnly }).strict().superRefine(slotsCheck),
    note: note.optional(),
  })
  .strict();
export type GuidancePointFeature = z.output<typeof GuidancePointFeature>;

export const GuidancePointPatch = z
  .object({
    type: z.literal("Feature").optional(),
    geometry: PointGeometry.optional(),
    properties: z.object({ ...pointProperties, ...readOnly }).partial().strict().superRefine(slotsCheck).optional(),
    note: note.optional(),
  })
  .strict()
  .refine((p) => p.geometry !== undefined || (p.properties && Object.keys(p.properties).length > 0), "nothing to change");
export type GuidancePointPatch = z.output<typeof GuidancePointPatch>;

/** Publishing and retiring say why: a required short note. */
export const TransitionNote = z.object({ note: note.min(1, "say why in a short note") }).strict();

/** Validate without saving: a Feature (zone or point), optionally naming the saved row it replaces. */
export const ZoneDraft = z.object({ type: z.literal("Feature").optional(), id: z.number().int().positive().optional(), geometry: AreaGeometry }).passthrough();
export const PointDraft = z.object({ type: z.literal("Feature").optional(), id: z.number().int().positive().optional(), geometry: PointGeometry }).passthrough();

export const PlanListQuery = z
  .object({
    status: z
      .string()
      .transform((s) => s.split(",").map((x) => x.trim()))
      .pipe(z.array(z.enum(PUBLICATION_STATUSES)))
      .optional(),
    as_of: isoDate.optional(),
    bbox: z
      .string()
      .transform((s) => s.split(",").map(Number))
      .refine((b) => b.length === 4 && b.every(Number.isFinite) && b[0]! < b[2]! && b[1]! < b[3]!, "bbox is west,south,east,north")
      .optional(),
  })
  .strict();
export type PlanListQuery = z.output<typeof PlanListQuery>;
