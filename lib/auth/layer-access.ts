import { sql, type SQL } from "drizzle-orm";
import { NotFoundError } from "@/lib/http/errors";
import type { Actor } from "./actor";
import { authorize, areaScope } from "./authorize";
import { cellIdInStreetSql, codeInStreetSql, geomInDistrictSql } from "./in-street";
import type { Permission } from "./permissions";

/** The map layers and OGC collections (same ids), as far as access is concerned. */
export const LAYER_IDS = ["streets", "communities", "grid-cells", "grid-cell-labels", "rental-buildings", "no-stall-zones", "guidance-points", "events", "pois", "roads", "footprints"] as const;
export type LayerId = (typeof LAYER_IDS)[number];

interface LayerAccess {
  permission: Permission;
  /**
   * The rows inside an area (a street or district code; the layer's table is aliased `t`), and
   * which area (`scopedBy`): the register's layers keep to the actor's street or district (`areaScope`); plans
   * and context keep to the actor's district only (by code, or by place for layers with no code),
   * so a street office still sees its neighbours' streets and the district's zones, not another
   * district's.
   */
  inArea?: (area: string) => SQL;
  scopedBy?: "area" | "district";
}

const inStreetCells = (street: string) => cellIdInStreetSql(sql`t.grid_cell_id`, street);
const cellsInStreet = (street: string) => codeInStreetSql(sql`t.community_code`, street);
const codedInArea = (area: string) => codeInStreetSql(sql`t.code`, area);
const placedInDistrict = (district: string) => geomInDistrictSql(sql`t.geom`, district);

export const LAYER_ACCESS: Record<LayerId, LayerAccess> = {
  streets: { permission: "read:context", inArea: codedInArea, scopedBy: "district" },
  communities: { permission: "read:context", inArea: codedInArea, scopedBy: "district" },
  pois: { permission: "read:context", inArea: placedInDistrict, scopedBy: "district" },
  roads: { permission: "read:context", inArea: placedInDistrict, scopedBy: "district" },
  footprints: { permission: "read:context", inArea: placedInDistrict, scopedBy: "district" },
  "grid-cells": { permission: "read:register", inArea: cellsInStreet, scopedBy: "area" },
  "grid-cell-labels": { permission: "read:register", inArea: cellsInStreet, scopedBy: "area" },
  "rental-buildings": { permission: "read:register", inArea: inStreetCells, scopedBy: "area" },
  events: { permission: "read:register", inArea: inStreetCells, scopedBy: "area" },
  "no-stall-zones": { permission: "read:plans", inArea: placedInDistrict, scopedBy: "district" },
  "guidance-points": { permission: "read:plans", inArea: placedInDistrict, scopedBy: "district" },
};

/**
 * Check that `actor` may read a layer and return the SQL condition that limits its rows
 * (`true` when unlimited). Unknown layers are refused (fail closed).
 */
export function layerScope(actor: Actor, layer: string): { street: string | undefined; condition: SQL } {
  const access = LAYER_ACCESS[layer as LayerId];
  if (!access) throw new NotFoundError(`no layer "${layer}"`);
  authorize(actor, access.permission);
  const street = access.scopedBy === "area" ? areaScope(actor) : access.scopedBy === "district" ? (actor.districtCode ?? undefined) : undefined;
  return { street, condition: street && access.inArea ? access.inArea(street) : sql`true` };
}
