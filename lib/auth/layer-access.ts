import { sql, type SQL } from "drizzle-orm";
import { NotFoundError } from "@/lib/http/errors";
import type { Actor } from "./actor";
import { authorize, streetScope } from "./authorize";
import { cellIdInStreetSql, codeInStreetSql } from "./in-street";
import type { Permission } from "./permissions";

/** The map layers and OGC collections (same ids), as far as access is concerned. */
export const LAYER_IDS = ["streets", "communities", "grid-cells", "grid-cell-labels", "rental-buildings", "no-stall-zones", "guidance-points", "events", "pois", "roads", "footprints"] as const;
export type LayerId = (typeof LAYER_IDS)[number];

interface LayerAccess {
  permission: Permission;
  /** For the register's layers: the rows inside one street. The layer's table is aliased `t`. */
  streetScope?: (street: string) => SQL;
}

const inStreetCells = (street: string) => cellIdInStreetSql(sql`t.grid_cell_id`, street);
const cellsInStreet = (street: string) => codeInStreetSql(sql`t.community_code`, street);

export const LAYER_ACCESS: Record<LayerId, LayerAccess> = {
  streets: { permission: "read:context" },
  communities: { permission: "read:context" },
  pois: { permission: "read:context" },
  roads: { permission: "read:context" },
  footprints: { permission: "read:context" },
  "grid-cells": { permission: "read:register", streetScope: cellsInStreet },
  "grid-cell-labels": { permission: "read:register", streetScope: cellsInStreet },
  "rental-buildings": { permission: "read:register", streetScope: inStreetCells },
  events: { permission: "read:register", streetScope: inStreetCells },
  "no-stall-zones": { permission: "read:plans" },
  "guidance-points": { permission: "read:plans" },
};

/**
 * Check that `actor` may read a layer and return the SQL condition that limits its rows
 * (`true` when unlimited). Unknown layers are refused (fail closed).
 */
export function layerScope(actor: Actor, layer: string): { street: string | undefined; condition: SQL } {
  const access = LAYER_ACCESS[layer as LayerId];
  if (!access) throw new NotFoundError(`no layer "${layer}"`);
  authorize(actor, access.permission);
  const street = access.streetScope ? streetScope(actor) : undefined;
  return { street, condition: street && access.streetScope ? access.streetScope(street) : sql`true` };
}
