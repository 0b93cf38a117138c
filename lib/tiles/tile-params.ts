import { z } from "zod";
import { EVENT_CATEGORIES, type EventCategory } from "@/lib/vocabulary";

export const MAX_ZOOM = 22;

/** z/x/y from the URL: integers in range, y with its ".mvt" suffix. */
export const TileCoordinates = z
  .object({
    z: z.string().regex(/^\d{1,2}$/, "z must be an integer 0–22").transform(Number).pipe(z.number().max(MAX_ZOOM, "z must be an integer 0–22")),
    x: z.string().regex(/^\d{1,8}$/, "x must be a non-negative integer").transform(Number),
    y: z.string().regex(/^\d{1,8}\.mvt$/, "y must be an integer followed by .mvt").transform((s) => Number(s.slice(0, -4))),
  })
  .refine((t) => t.x < 2 ** t.z, { message: "x is out of range for this zoom", path: ["x"] })
  .refine((t) => t.y < 2 ** t.z, { message: "y is out of range for this zoom", path: ["y"] });
export type TileCoordinates = z.output<typeof TileCoordinates>;

const isoDate = z.string().max(40, "use an ISO date").regex(/^\d{4}-\d{2}-\d{2}(T[\d:.]+(Z|[+-]\d{2}:?\d{2})?)?$/, "use an ISO date").refine((s) => !Number.isNaN(Date.parse(s)), "not a real date");

/** Filters that reach the tile query as parameters (events only; other layers ignore them). */
export const TileFilter = z
  .object({
    from: isoDate.optional(),
    to: isoDate.optional(),
    categories: z
      .string()
      .transform((s) => s.split(",").map((c) => c.trim()).filter(Boolean))
      .pipe(z.array(z.enum(EVENT_CATEGORIES as unknown as [EventCategory, ...EventCategory[]], { error: (i) => `unknown category "${String(i.input)}"` }))),
    /** A client's cache-buster after it saved a change (new URL → MapLibre fetches again); not part of the query. */
    v: z.string().regex(/^[\w.-]{1,40}$/, "v is a short version tag").optional(),
  })
  .partial()
  .strict()
  .refine((f) => !f.from || !f.to || Date.parse(f.from) < Date.parse(f.to), { message: "from must be before to", path: ["from"] });
export type TileFilter = z.output<typeof TileFilter>;

/** What the tile query receives: the URL's filters plus the reader's street scope (never from the URL). */
export type TileQuery = TileFilter & { street?: string };
