import { sql, type SQL } from "drizzle-orm";
import { z } from "zod";
import { EVENT_CATEGORIES, POI_CATEGORIES, ZONE_CATEGORIES } from "@/db/schema/enums";

/**
 * The layers an import can fill: which geometry they take, the fields a row must or may have
 * (after mapping), the code that makes a row an update, and the one statement that commits the
 * checked rows (`r` = import_rows, `p` = its properties).
 */
export const IMPORT_LAYERS = ["events", "rental-buildings", "pois", "no-stall-zones", "guidance-points", "streets"] as const;
export type ImportLayer = (typeof IMPORT_LAYERS)[number];

export interface ImportTarget {
  geometry: "point" | "area" | "point-or-area";
  /** Normalised properties from a row; an issue rejects the row with its message. */
  fields: z.ZodObject;
  /** A rule across fields; its message rejects the row. */
  problem?: (p: Record<string, unknown>) => string | null;
  /** The property (and table column) that identifies an existing record. */
  code?: { table: SQL; column: string };
  /** Street offices may import these, inside their street. */
  registerLayer: boolean;
  commit: (importId: string) => SQL;
}

const POI_CATEGORY_ZH: Record<string, string> = { 学校: "school", 小学: "school", 中学: "school", 市场: "market", 农贸市场: "market", 医院: "hospital", 交通枢纽: "transit_hub", 车站: "transit_hub", 行政中心: "admin_centre", 政府: "admin_centre" };
const str = (max = 200) => z.coerce.string().trim().min(1).max(max);
const int = (min = 0) => z.coerce.number().int().min(min).max(1_000_000);
const date = z.coerce.string().pipe(z.iso.date("a date like 2026-11-28"));
const bool = z.union([z.boolean(), z.enum(["true", "false", "1", "0", "是", "否"]).transform((v) => v === "true" || v === "1" || v === "是")]);
const ok = (id: string) => sql`from import_rows r, lateral (select r.properties as p) x where r.import_id = ${id}::uuid and r.verdict in ('ok', 'update') order by r.row_number`;

export const IMPORT_TARGETS: Record<ImportLayer, ImportTarget> = {
  events: {
    geometry: "point",
    registerLayer: true,
    fields: z.object({
      category: z.enum(EVENT_CATEGORIES, { error: `category is one of ${EVENT_CATEGORIES.join(", ")}` }),
      occurred_at: z.coerce.string().refine((s) => !Number.isNaN(Date.parse(s)), "occurred_at is not a date/time"),
      status: z.enum(["open", "in_progress", "resolved", "closed"]).default("closed"),
    }),
    commit: (id) => sql`insert into events (geom, occurred_at, category, status, source)
      select r.geom, (p->>'occurred_at')::timestamptz, (p->>'category')::event_category, (p->>'status')::event_status, 'import' ${ok(id)}`,
  },
  "rental-buildings": {
    geometry: "point-or-area",
    registerLayer: true,
    code: { table: sql`rental_buildings`, column: "code" },
    fields: z.object({
      code: str(40),
      address: str(200),
      units: int(0).default(1),
      rented_units: int(0).default(0),
      registration_status: z.enum(["registered", "unregistered", "deregistered"]).default("unregistered"),
      responsibility_letter_signed: bool.default(false),
    }),
    problem: (b) => ((b.rented_units as number) > (b.units as number) ? "rented_units is more than units" : null),
    // A footprint polygon is kept as the footprint, with its point on surface as the building's point.
    commit: (id) => sql`insert into rental_buildings (code, address, geom, footprint, units, rented_units, registration_status, responsibility_letter_signed)
      select p->>'code', p->>'address', case when GeometryType(r.geom) like '%POLYGON' then ST_PointOnSurface(r.geom) else r.geom end,
             case when GeometryType(r.geom) like '%POLYGON' then ST_Multi(r.geom) end,
             (p->>'units')::int, (p->>'rented_units')::int, (p->>'registration_status')::registration_status, (p->>'responsibility_letter_signed')::boolean ${ok(id)}
      on conflict (code) do update set address = excluded.address, geom = excluded.geom, footprint = coalesce(excluded.footprint, rental_buildings.footprint),
        units = excluded.units, rented_units = excluded.rented_units, registration_status = excluded.registration_status,
        responsibility_letter_signed = excluded.responsibility_letter_signed`,
  },
  pois: {
    geometry: "point",
    registerLayer: false,
    fields: z.object({
      name: str(),
      // Chinese category names as registers write them are understood too.
      category: z.preprocess((v) => POI_CATEGORY_ZH[String(v).trim()] ?? v, z.enum(POI_CATEGORIES, { error: `category is one of ${POI_CATEGORIES.join(", ")} (or 学校, 市场, 医院, 交通枢纽, 行政中心)` })),
    }),
    commit: (id) => sql`insert into pois (name, category, geom) select p->>'name', (p->>'category')::poi_category, r.geom ${ok(id)}`,
  },
  "no-stall-zones": {
    geometry: "area",
    registerLayer: false,
    fields: z.object({
      name: str(),
      category: z.enum(ZONE_CATEGORIES).default("other"),
      legal_basis: z.coerce.string().max(1000).default(""),
      valid_from: date.default(() => new Date().toISOString().slice(0, 10)),
    }),
    // Imported plans arrive as drafts: publishing stays a planner's decision, with its checks.
    commit: (id) => sql`insert into no_stall_zones (name, category, legal_basis, valid_from, status, version, geom)
      select p->>'name', (p->>'category')::zone_category, p->>'legal_basis', (p->>'valid_from')::date, 'draft', 1, ST_Multi(ST_ForcePolygonCCW(r.geom)) ${ok(id)}`,
  },
  "guidance-points": {
    geometry: "point",
    registerLayer: false,
    fields: z.object({ name: str(), capacity: int(1).default(10), opening_hours: z.coerce.string().max(200).default("") }),
    commit: (id) => sql`insert into guidance_points (name, capacity, opening_hours, status, version, geom)
      select p->>'name', (p->>'capacity')::int, p->>'opening_hours', 'draft', 1, r.geom ${ok(id)}`,
  },
  streets: {
    geometry: "area",
    registerLayer: false,
    code: { table: sql`streets`, column: "code" },
    fields: z.object({ code: z.coerce.string().regex(/^\d{12}$/, "code is the 12-digit street code"), name_zh: str(), name_en: z.coerce.string().max(200).optional() }),
    // Without an English name the Chinese one stands in.
    commit: (id) => sql`insert into streets (code, name_zh, name_en, geom)
      select p->>'code', p->>'name_zh', coalesce(nullif(p->>'name_en', ''), p->>'name_zh'), ST_Multi(ST_ForcePolygonCCW(r.geom)) ${ok(id)}
      on conflict (code) do update set name_zh = excluded.name_zh, name_en = excluded.name_en, geom = excluded.geom`,
  },
};

/** Common Chinese and English column names for the target fields (a mapping overrides them). */
export const FIELD_ALIASES: Record<string, string[]> = {
  code: ["编码", "代码", "编号", "id_code"],
  name: ["名称", "name_zh", "名字", "title"],
  name_zh: ["名称", "name", "中文名"],
  name_en: ["英文名", "english"],
  address: ["地址", "addr"],
  category: ["类别", "类型", "type", "kind"],
  occurred_at: ["时间", "发生时间", "date", "datetime", "time"],
  units: ["套数", "户数"],
  capacity: ["摊位数", "容量"],
};
