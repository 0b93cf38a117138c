import { sql, type SQL } from "drizzle-orm";

/**
 * The vector-tile layers: where their rows come from and which properties they carry.
 * Everything here is fixed SQL (an allowlist); request values only ever arrive as parameters.
 */
export const TILE_LAYER_IDS = [
  "grid-cells",
  "grid-cell-labels",
  "rental-buildings",
  "no-stall-zones",
  "guidance-points",
  "events",
  "pois",
  "streets",
  "communities",
  "roads",
  "footprints",
] as const;
export type TileLayerId = (typeof TILE_LAYER_IDS)[number];

export interface TileLayer {
  id: TileLayerId;
  /** FROM clause; the geometry column is `t.geom`. */
  from: SQL;
  /** Property columns, each `expr as name`. */
  properties: SQL;
  /** Names of the properties, for TileJSON `vector_layers`. */
  fields: Record<string, "String" | "Number" | "Boolean">;
  geometry: "point" | "line" | "polygon";
  /** The point drawn instead of `t.geom` (a label's anchor), when that is not the row's geometry. */
  point?: SQL;
  minzoom: number;
  /** Below this zoom, points are aggregated into a count grid (never a million raw points). */
  aggregateBelow?: number;
  /** Below this zoom (events only), one point per grid cell from the weekly per-cell counts. */
  perCellBelow?: number;
  /** Whether the time window and category filters apply. */
  timeFiltered?: boolean;
  /** Most features one tile may carry. */
  maxFeatures: number;
  /** Which rows a capped tile keeps (default: by id). */
  orderBy?: SQL;
  /** Other layers whose changes change this layer's tiles (their versions join the cache key). */
  dependsOn?: TileLayerId[];
}

/** Ranks road classes for tiles that must drop some roads: main roads are kept first. */
const ROAD_RANK = sql`case t.road_class when 'arterial' then 0 when 'secondary' then 1 else 2 end`;

export const TILE_LAYERS: Record<TileLayerId, TileLayer> = {
  streets: {
    id: "streets",
    from: sql`streets t`,
    properties: sql`t.code as code, t.name_zh as name_zh, t.name_en as name_en`,
    fields: { code: "String", name_zh: "String", name_en: "String" },
    geometry: "polygon",
    minzoom: 0,
    maxFeatures: 1000,
  },
  communities: {
    id: "communities",
    from: sql`communities t`,
    properties: sql`t.code as code, t.street_code as street_code, t.name_zh as name_zh, t.name_en as name_en`,
    fields: { code: "String", street_code: "String", name_zh: "String", name_en: "String" },
    geometry: "polygon",
    minzoom: 8,
    maxFeatures: 5000,
  },
  "grid-cells": {
    id: "grid-cells",
    from: sql`grid_cells t`,
    properties: sql`t.code as code, t.community_code as community_code`,
    fields: { code: "String", community_code: "String" },
    geometry: "polygon",
    // From z8: analysis overlays colour these tiles, and a district fitted into a phone's screen
    // (or a city's) sits below z10.
    minzoom: 8,
    // A city's overview tile holds whole districts: the city of three (31,500 cells) put 20,000
    // in one z9 tile and the cap left a district's outer streets uncoloured. 20,000 cells measured
    // 987 kB (336 kB gzipped), so a city of three's full tile is about half a megabyte on the wire.
    maxFeatures: 40000,
  },
  // One anchor per cell for its label. Labelled from the polygons, a cell cut by a tile edge got
  // one label per piece ("011 011"); a point lies in one tile, and MapLibre draws no symbol whose
  // anchor is in another tile's buffer.
  "grid-cell-labels": {
    id: "grid-cell-labels",
    from: sql`grid_cells t`,
    properties: sql`t.code as code`,
    fields: { code: "String" },
    geometry: "point",
    point: sql`ST_PointOnSurface(t.geom)`,
    minzoom: 14,
    maxFeatures: 20000,
    dependsOn: ["grid-cells"],
  },
  "rental-buildings": {
    id: "rental-buildings",
    from: sql`rental_buildings t`,
    properties: sql`t.id as id, t.code as code, t.registration_status::text as registration_status, t.rentable as rentable,
      t.rental_status as rental_status, t.units as units, t.responsibility_letter_signed as letter_signed, coalesce(t.last_inspected_on::text, '') as last_inspected_on`,
    fields: { id: "Number", code: "String", registration_status: "String", rentable: "Boolean", rental_status: "String", units: "Number", letter_signed: "Boolean", last_inspected_on: "String", count: "Number" },
    geometry: "point",
    minzoom: 10,
    // ~56 bytes a point with its unique code and dates: raw from z15 (≈ 1.2 km tiles, a few
    // thousand buildings at city scale) and capped at 8,000 keeps every tile under ~450 KB.
    aggregateBelow: 15,
    maxFeatures: 8000,
  },
  "no-stall-zones": {
    id: "no-stall-zones",
    from: sql`no_stall_zones t`,
    properties: sql`t.id as id, t.name as name, t.category::text as category, t.legal_basis as legal_basis, t.status::text as status,
      t.version as version, t.valid_from::text as valid_from, coalesce(t.valid_to::text, '') as valid_to`,
    fields: { id: "Number", name: "String", category: "String", legal_basis: "String", status: "String", version: "Number", valid_from: "String", valid_to: "String" },
    geometry: "polygon",
    minzoom: 8,
    maxFeatures: 5000,
  },
  "guidance-points": {
    id: "guidance-points",
    from: sql`guidance_points t`,
    properties: sql`t.id as id, t.name as name, t.capacity as capacity, t.occupied_stalls as occupied_stalls,
      t.reserved_priority_slots as reserved_priority_slots, t.opening_hours as opening_hours, t.status::text as status, t.version as version`,
    fields: { id: "Number", name: "String", capacity: "Number", occupied_stalls: "Number", reserved_priority_slots: "Number", opening_hours: "String", status: "String", version: "Number" },
    geometry: "point",
    minzoom: 8,
    maxFeatures: 5000,
  },
  events: {
    id: "events",
    from: sql`events t`,
    // id is bigint: sent as a float8 so both encoders write a number (postgres.js reads int8 as a string).
    properties: sql`t.id::float8 as id, t.category::text as category, t.status::text as status, t.source::text as source,
      to_char(t.occurred_at at time zone 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS"Z"') as occurred_at`,
    fields: { id: "Number", category: "String", status: "String", source: "String", occurred_at: "String", count: "Number" },
    geometry: "point",
    minzoom: 8,
    aggregateBelow: 16,
    perCellBelow: 14,
    timeFiltered: true,
    // ~60 bytes a point with its properties: 6,000 keeps a tile under ~400 KB (target ≤ 500 KB).
    maxFeatures: 6000,
    // Per-cell tiles draw the cells and keep to streets by the cells' codes. On one server a cell's
    // change bumps the events version too (0002 updates events); on Citus only when an event moved.
    dependsOn: ["grid-cells"],
  },
  roads: {
    id: "roads",
    from: sql`roads t`,
    properties: sql`t.name as name, t.road_class::text as road_class`,
    fields: { name: "String", road_class: "String" },
    geometry: "line",
    minzoom: 10,
    // The Lucheng road network is ~4,000 lines; a whole district at z10 fits, minor roads are
    // dropped first should a bigger one not.
    maxFeatures: 20000,
    orderBy: ROAD_RANK,
  },
  footprints: {
    id: "footprints",
    from: sql`building_footprints t`,
    // How many register rows stand in the outline: an outline with none may be an unregistered rental.
    properties: sql`t.id as id, coalesce(t.floors, 0) as floors, (select count(*) from rental_buildings b where b.footprint_id = t.id)::int as rentals`,
    fields: { id: "Number", floors: "Number", rentals: "Number" },
    geometry: "polygon",
    minzoom: 14,
    // ~6,000 outlines in a 3 km² town centre; a z14 tile (~2.4 km) of a dense city stays below this.
    maxFeatures: 20000,
    dependsOn: ["rental-buildings"],
  },
  pois: {
    id: "pois",
    from: sql`pois t`,
    properties: sql`t.id as id, t.name as name, t.category::text as category`,
    fields: { id: "Number", name: "String", category: "String" },
    geometry: "point",
    minzoom: 8,
    maxFeatures: 5000,
  },
};

export function isTileLayerId(value: string): value is TileLayerId {
  return (TILE_LAYER_IDS as readonly string[]).includes(value);
}
