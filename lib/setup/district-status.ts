import { sql, type SQL } from "drizzle-orm";
import type { Actor } from "@/lib/auth/actor";
import { authorize } from "@/lib/auth/authorize";
import { geomInDistrictSql } from "@/lib/auth/in-street";
import { query } from "@/lib/db/query";
import type { Db } from "@/lib/db/types";
import type { ImportLayer } from "@/lib/imports/targets";
import type { TopologyFinding } from "@/lib/imports/imports";

/** The layers a district is made of, in the order an office brings them in. */
export const SETUP_LAYERS = ["district-boundary", "streets", "communities", "grid-cells", "roads", "footprints", "rental-buildings", "events", "pois"] as const;
export type SetupLayer = (typeof SETUP_LAYERS)[number] & ImportLayer;

const TABLE: Record<SetupLayer, string> = {
  "district-boundary": "district_boundary",
  streets: "streets",
  communities: "communities",
  "grid-cells": "grid_cells",
  roads: "roads",
  footprints: "building_footprints",
  "rental-buildings": "rental_buildings",
  events: "events",
  pois: "pois",
};

export interface LayerStatus {
  layer: SetupLayer;
  count: number;
  /** The last committed import into the layer, if any. */
  lastImport: { file: string; at: string; by: string; topology: TopologyFinding[] } | null;
}

export interface DistrictStatus {
  layers: LayerStatus[];
  /** What the views need: streets for the map, three or more grid cells for the analyses. */
  ready: { map: boolean; analytics: boolean };
  /** The first layer still to bring in, in set-up order (boundary or streets, communities, cells). */
  next: SetupLayer | null;
}

/** Row counts only: what the map views need to know to say "not set up yet" instead of failing. */
export async function districtReadiness(db: Db): Promise<DistrictStatus["ready"]> {
  const [row] = await query<{ streets: number; cells: number }>(
    db,
    sql`select (select count(*) from streets)::int as streets, (select count(*) from grid_cells)::int as cells`,
  );
  return { map: Number(row?.streets ?? 0) > 0, analytics: Number(row?.cells ?? 0) >= 3 };
}

/**
 * The rows of a layer inside a district (a 6-digit code): by code where the layer's codes carry
 * the district's digits, by the cell they are filed under, or by place (intersecting its streets).
 */
function inDistrictSql(layer: SetupLayer, district: string): SQL {
  const prefix = `${district}%`;
  // The layer's table is aliased t (a bare "geom" inside the streets subquery would be the street's).
  const inCells = sql`t.grid_cell_id in (select id from grid_cells where code like ${prefix})`;
  const byPlace = geomInDistrictSql(sql`t.geom`, district);
  const byLayer: Record<SetupLayer, SQL> = {
    "district-boundary": sql`t.code = ${district}`,
    streets: sql`t.code like ${prefix}`,
    communities: sql`t.code like ${prefix}`,
    "grid-cells": sql`t.code like ${prefix}`,
    "rental-buildings": inCells,
    events: inCells,
    roads: byPlace,
    footprints: byPlace,
    pois: byPlace,
  };
  return byLayer[layer];
}

/**
 * What the district holds, layer by layer, with each layer's last import (admins, for /setup). An
 * admin limited to a district sees its district's rows and its own district's imports.
 */
export async function getDistrictStatus(db: Db, actor: Actor): Promise<DistrictStatus> {
  authorize(actor, "setup:district");
  const district = actor.districtCode;
  const counts = await query<{ layer: SetupLayer; n: number }>(
    db,
    sql.join(
      SETUP_LAYERS.map(
        (layer) =>
          sql`select ${layer}::text as layer, (select count(*) from ${sql.identifier(TABLE[layer])} t ${district ? sql`where ${inDistrictSql(layer, district)}` : sql``})::int as n`,
      ),
      sql` union all `,
    ),
  );
  const imports = await query<{ layer: SetupLayer; file_name: string; at: string; actor: string; report: { topology?: TopologyFinding[] } | null }>(
    db,
    sql`select distinct on (layer) layer, file_name, updated_at::text as at, actor, report
        from imports where status = 'committed' ${district ? sql`and (district_code = ${district} or street_code like ${`${district}%`})` : sql``}
        order by layer, updated_at desc`,
  );
  const layers = SETUP_LAYERS.map((layer) => {
    const last = imports.find((i) => i.layer === layer);
    return {
      layer,
      count: Number(counts.find((c) => c.layer === layer)?.n ?? 0),
      lastImport: last ? { file: last.file_name, at: last.at, by: last.actor, topology: last.report?.topology ?? [] } : null,
    };
  });
  const count = (l: SetupLayer) => layers.find((s) => s.layer === l)!.count;
  const next: SetupLayer | null =
    count("streets") === 0 ? (count("district-boundary") === 0 ? "district-boundary" : "streets") : count("communities") === 0 ? "communities" : count("grid-cells") === 0 ? "grid-cells" : null;
  return { layers, ready: { map: count("streets") > 0, analytics: count("grid-cells") >= 3 }, next };
}
