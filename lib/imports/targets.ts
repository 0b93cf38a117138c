import { sql, type SQL } from "drizzle-orm";
import { z } from "zod";
import { EVENT_CATEGORIES, EVENT_STATUSES, POI_CATEGORIES, REGISTRATION_STATUSES, ZONE_CATEGORIES } from "@/lib/vocabulary";
import { codeInStreet, streetPrefix } from "@/lib/auth/street-code";
import { cellAt, RETURNING_WRITTEN } from "@/lib/register/event-writes";

/**
 * The layers an import can fill: which geometry they take, the fields a row must or may have
 * (after mapping), the code that makes a row an update, and the one statement that commits the
 * checked rows (`r` = import_rows, `p` = its properties).
 */
export const IMPORT_LAYERS = [
  "events",
  "rental-buildings",
  "pois",
  "no-stall-zones",
  "guidance-points",
  "district-boundary",
  "streets",
  "communities",
  "grid-cells",
  "roads",
  "footprints",
] as const;
export type ImportLayer = (typeof IMPORT_LAYERS)[number];
export type ImportMode = "add" | "replace";

/** The administrative level above a layer's rows: it must exist, and rows should lie inside it. */
export interface ImportParent {
  table: SQL;
  /** The row property holding the parent's code. */
  field: string;
  /** What the parent is called in messages, and the layer to import first. */
  noun: string;
  layer: ImportLayer;
}

/** Gaps and overlaps of a layer's areas inside each parent, counting the stored rows the import keeps. */
export interface ImportTopology {
  /** The stored rows of this layer, with the column naming their parent. */
  table: SQL;
  parentColumn: string;
}

export interface ImportTarget {
  geometry: "point" | "area" | "point-or-area" | "line";
  /** Normalised properties from a row; an issue rejects the row with its message. */
  fields: z.ZodObject;
  /** Something about an accepted row worth a look; shown as a warning. */
  warning?: (p: Record<string, unknown>) => string | null;
  /** A rule across fields; its message rejects the row. */
  problem?: (p: Record<string, unknown>) => string | null;
  /** The property (and table column) that identifies an existing record. */
  code?: { table: SQL; column: string };
  /** Street offices may import these, inside their street. */
  registerLayer: boolean;
  /** Setting the district up (admins only): boundary, streets, communities, grid cells. */
  setupLayer?: boolean;
  /** Fill what a row may leave out (a parent code from the row's own code). */
  complete?: (p: Record<string, unknown>) => Record<string, unknown>;
  parent?: ImportParent;
  topology?: ImportTopology;
  /** Column names that mean a field in this layer's files only (tried before FIELD_ALIASES). */
  aliases?: Record<string, string[]>;
  /** Whether mode=replace means anything for this layer. */
  replaceable?: boolean;
  commit: (importId: string, mode: ImportMode) => SQL;
}

const POI_CATEGORY_ZH: Record<string, string> = { 学校: "school", 小学: "school", 中学: "school", 市场: "market", 农贸市场: "market", 医院: "hospital", 交通枢纽: "transit_hub", 车站: "transit_hub", 行政中心: "admin_centre", 政府: "admin_centre" };
const str = (max = 200) => z.coerce.string().trim().min(1).max(max);
const int = (min = 0) => z.coerce.number().int().min(min).max(1_000_000);
const date = z.coerce.string().pipe(z.iso.date("a date like 2026-11-28"));
const bool = z.union([z.boolean(), z.enum(["true", "false", "1", "0", "是", "否"]).transform((v) => v === "true" || v === "1" || v === "是")]);
const divisionCode = (digits: number, field: string, what: string) =>
  z.coerce
    .string()
    .trim()
    .regex(new RegExp(`^\\d{${digits}}$`), `${field} is the ${digits}-digit ${what} code`);
const optionalText = z.coerce.string().max(200).optional();
const ok = (id: string) => sql`from import_rows r, lateral (select r.properties as p) x where r.import_id = ${id}::uuid and r.verdict in ('ok', 'update') order by r.row_number`;

/** The statuses an imported event may have (assigned needs a department, given in Grid Atlas). */
const IMPORTED_EVENT_STATUSES = EVENT_STATUSES.filter((s) => s !== "assigned");

export const IMPORT_TARGETS: Record<ImportLayer, ImportTarget> = {
  events: {
    geometry: "point",
    registerLayer: true,
    fields: z.object({
      category: z.enum(EVENT_CATEGORIES, { error: `category is one of ${EVENT_CATEGORIES.join(", ")}` }),
      occurred_at: z.coerce.string().refine((s) => !Number.isNaN(Date.parse(s)), "occurred_at is not a date/time"),
      // Imported events are history: a case that needs a department (assigned) is assigned in Grid Atlas.
      // Files made before the case flow say open/closed: those mean reported/verified.
      status: z.preprocess((v) => (v === "open" ? "reported" : v === "closed" ? "verified" : v), z.enum(IMPORTED_EVENT_STATUSES)).default("verified"),
    }),
    // Returns what was written: on Citus the import then does the events triggers' work (lib/register/event-writes.ts).
    commit: (id) => sql`insert into events (geom, grid_cell_id, occurred_at, category, status, source)
      select r.geom, ${cellAt(sql`r.geom`)}, (p->>'occurred_at')::timestamptz, (p->>'category')::event_category, (p->>'status')::event_status, 'import' ${ok(id)}
      ${RETURNING_WRITTEN}`,
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
      registration_status: z.enum(REGISTRATION_STATUSES).default("unregistered"),
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
        responsibility_letter_signed = excluded.responsibility_letter_signed, demo = false`,
  },
  pois: {
    geometry: "point",
    registerLayer: false,
    fields: z.object({ name: str(), category: str(50) }),
    // Chinese category names as registers write them are understood; any other category is
    // imported as "other" with the file's own kept (and a warning), not refused.
    complete: (p) => {
      const given = String(p.category);
      const known = POI_CATEGORY_ZH[given] ?? given;
      return (POI_CATEGORIES as readonly string[]).includes(known) ? { ...p, category: known } : { ...p, category: "other", source_category: given };
    },
    warning: (p) => (p.source_category ? `category "${String(p.source_category)}" is not one of ${POI_CATEGORIES.join(", ")}: imported as other, keeping "${String(p.source_category)}"` : null),
    commit: (id) => sql`insert into pois (name, category, source_category, geom) select p->>'name', (p->>'category')::poi_category, p->>'source_category', r.geom ${ok(id)}`,
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
  "district-boundary": {
    geometry: "area",
    registerLayer: false,
    setupLayer: true,
    fields: z.object({ code: divisionCode(6, "code", "district").optional(), name_zh: str(), name_en: optionalText }),
    aliases: { code: ["区划代码", "行政区划代码", "区代码", "adcode"], name_zh: ["区名称", "区名", "行政区名称"] },
    // One outline per district code in the file (a city's file may hold all its districts; islands
    // may come as rows of their own): it replaces that district's outline. Rows without a code make
    // the one outline without a code; an outline with a code replaces an earlier one without (the
    // same district's, imported before its code was known). The names go into the list of districts.
    commit: (id) => sql`with coded as (
        delete from district_boundary where code is null
          and exists (select 1 from import_rows r where r.import_id = ${id}::uuid and r.verdict in ('ok', 'update') and coalesce(r.properties->>'code', '') <> '')
      ), boundary as (
        insert into district_boundary (code, name_zh, name_en, geom)
        select p->>'code', min(p->>'name_zh'), coalesce(min(nullif(p->>'name_en', '')), min(p->>'name_zh')),
               ST_Multi(ST_ForcePolygonCCW(ST_CollectionExtract(ST_Union(r.geom), 3)))
        from import_rows r, lateral (select r.properties as p) x where r.import_id = ${id}::uuid and r.verdict in ('ok', 'update')
        group by p->>'code'
        on conflict on constraint district_boundary_one_per_district do update
          set name_zh = excluded.name_zh, name_en = excluded.name_en, geom = excluded.geom, updated_at = now(), demo = false
        returning code, name_zh, name_en)
      insert into districts (code, name_zh, name_en)
      select code, name_zh, name_en from boundary where code ~ '^[0-9]{6}$'
      on conflict (code) do update set name_zh = excluded.name_zh, name_en = excluded.name_en, demo = false`,
  },
  streets: {
    geometry: "area",
    registerLayer: false,
    setupLayer: true,
    code: { table: sql`streets`, column: "code" },
    fields: z.object({ code: divisionCode(12, "code", "street"), name_zh: str(), name_en: optionalText }),
    aliases: { code: ["街道代码", "街道编码", "乡镇代码"], name_zh: ["街道名称", "街道", "乡镇名称"] },
    // Without an English name the Chinese one stands in.
    commit: (id) => sql`insert into streets (code, name_zh, name_en, geom)
      select p->>'code', p->>'name_zh', coalesce(nullif(p->>'name_en', ''), p->>'name_zh'), ST_Multi(ST_ForcePolygonCCW(r.geom)) ${ok(id)}
      on conflict (code) do update set name_zh = excluded.name_zh, name_en = excluded.name_en, geom = excluded.geom, demo = false`,
  },
  communities: {
    geometry: "area",
    registerLayer: false,
    setupLayer: true,
    code: { table: sql`communities`, column: "code" },
    fields: z.object({ code: divisionCode(12, "code", "community"), name_zh: str(), name_en: optionalText, street_code: divisionCode(12, "street_code", "street").optional() }),
    aliases: { code: ["社区代码", "社区编码", "村社区代码"], name_zh: ["社区名称", "社区", "村社区名称"] },
    // A community's code is its street's first 9 digits and 3 of its own.
    complete: (p) => ({ ...p, street_code: p.street_code ?? `${streetPrefix(String(p.code))}000` }),
    problem: (p) => (codeInStreet(String(p.code), String(p.street_code)) ? null : `code ${p.code} does not begin with its street's first 9 digits (${p.street_code})`),
    parent: { table: sql`streets`, field: "street_code", noun: "street", layer: "streets" },
    topology: { table: sql`communities`, parentColumn: "street_code" },
    commit: (id) => sql`insert into communities (code, street_code, name_zh, name_en, geom)
      select p->>'code', p->>'street_code', p->>'name_zh', coalesce(nullif(p->>'name_en', ''), p->>'name_zh'), ST_Multi(ST_ForcePolygonCCW(r.geom)) ${ok(id)}
      on conflict (code) do update set street_code = excluded.street_code, name_zh = excluded.name_zh, name_en = excluded.name_en, geom = excluded.geom, demo = false`,
  },
  roads: {
    geometry: "line",
    registerLayer: false,
    setupLayer: true,
    fields: z.object({ name: z.coerce.string().trim().max(200).default(""), road_class: z.coerce.string().trim().max(50).optional() }),
    aliases: { name: ["道路名称", "路名", "名称", "NAME"], road_class: ["道路等级", "等级", "class", "highway", "fclass", "类型"] },
    complete: (p) => {
      const name = PLACEHOLDER_ROAD_NAME.test(String(p.name)) ? "" : String(p.name);
      return { ...p, name, road_class: roadClassOf(p.road_class, name) };
    },
    // A multi-part line becomes one row per part (roads are single lines).
    commit: (id) => sql`insert into roads (name, road_class, geom)
      select p->>'name', (p->>'road_class')::road_class, d.geom
      from import_rows r, lateral (select r.properties as p) x, lateral ST_Dump(r.geom) d
      where r.import_id = ${id}::uuid and r.verdict in ('ok', 'update') order by r.row_number, d.path`,
  },
  // Building outlines as open data has them: a shape and maybe a floor count, no register data.
  footprints: {
    geometry: "area",
    registerLayer: false,
    setupLayer: true,
    fields: z.object({
      floors: z.preprocess((v) => (v === "" || v === null || v === undefined ? undefined : v), z.coerce.number({ error: "floors: give the number of floors as digits (e.g. 6)" }).int("floors: a whole number").min(1, "floors: at least 1").max(200, "floors: at most 200").optional()),
    }),
    aliases: { floors: ["层数", "楼层数", "楼层", "floors", "levels", "building:levels", "FLOOR"] },
    commit: (id) => sql`insert into building_footprints (floors, source, geom)
      select nullif(p->>'floors', '')::int, (select file_name from imports where id = ${id}::uuid), ST_Multi(ST_ForcePolygonCCW(r.geom))
      from import_rows r, lateral (select r.properties as p) x
      where r.import_id = ${id}::uuid and r.verdict in ('ok', 'update') order by r.row_number`,
  },
  "grid-cells": {
    geometry: "area",
    registerLayer: false,
    setupLayer: true,
    replaceable: true,
    code: { table: sql`grid_cells`, column: "code" },
    fields: z.object({ code: divisionCode(15, "code", "grid cell"), community_code: divisionCode(12, "community_code", "community").optional() }),
    aliases: { code: ["网格编码", "网格代码", "网格编号"] },
    // A cell's code is its community's 12 digits and 3 of its own.
    complete: (p) => ({ ...p, community_code: p.community_code ?? String(p.code).slice(0, 12) }),
    problem: (p) => (String(p.code).slice(0, 12) === p.community_code ? null : `code ${p.code} does not begin with its community's code (${p.community_code})`),
    parent: { table: sql`communities`, field: "community_code", noun: "community", layer: "communities" },
    topology: { table: sql`grid_cells`, parentColumn: "community_code" },
    // replace: the file is the whole grid of its communities — their cells it does not list go,
    // in the same statement. Buildings and events follow their location (migration 0002's triggers).
    commit: (id, mode) => sql`with incoming as (select p->>'code' as code, p->>'community_code' as community_code, r.geom ${ok(id)}),
      removed as (
        delete from grid_cells g where ${mode === "replace" ? sql`true` : sql`false`}
          and g.community_code in (select community_code from incoming) and g.code not in (select code from incoming))
      insert into grid_cells (code, community_code, geom)
      select code, community_code, ST_Multi(ST_ForcePolygonCCW(geom)) from incoming
      on conflict (code) do update set community_code = excluded.community_code, geom = excluded.geom, demo = false`,
  },
};

/**
 * A road's class from what files carry: OSM `highway` values, Chinese grades (主干道, 次干道, 支路),
 * or ours; with none, a guess from the name (…高速, …大道, 快速路 → arterial; …路 → secondary;
 * …街, …巷, …弄 → local).
 */
/** Names geocoders and exports write for a road that has none: stored as no name (no label drawn). */
const PLACEHOLDER_ROAD_NAME = /^\s*(unnamed road|unnamed|无名路|未命名道路?|null)\s*$/i;

export function roadClassOf(given: unknown, name: string): "arterial" | "secondary" | "local" {
  const value = String(given ?? "").trim().toLowerCase();
  if (/^(motorway|trunk|primary)(_link)?$|^arterial$|主干|快速|高速|国道|省道/.test(value)) return "arterial";
  if (/^(secondary|tertiary)(_link)?$|^secondary$|次干/.test(value)) return "secondary";
  if (value) return "local";
  if (/高速|大道|快速路|国道|省道/.test(name)) return "arterial";
  if (/路$/.test(name)) return "secondary";
  return "local";
}

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
  street_code: ["所属街道代码", "街道代码", "街道编码", "所属街道编码"],
  community_code: ["所属社区代码", "社区代码", "社区编码", "所属社区编码"],
};
