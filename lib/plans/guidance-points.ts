import { sql, type SQL } from "drizzle-orm";
import type { Point } from "geojson";
import { checkGuidancePoint } from "./check-guidance-point";
import type { PlanKindConfig } from "./plan-store";

/** Guidance points in the shared plan workflow. */
export const GUIDANCE_POINTS: PlanKindConfig = {
  kind: "guidance_point",
  noun: "guidance point",
  storeGeometry: (g) => g,
  async columns(_db, p) {
    const out: [string, SQL][] = [];
    for (const name of ["name", "capacity", "occupied_stalls", "opening_hours", "reserved_priority_slots"] as const) {
      if (p[name] !== undefined) out.push([name, sql`${p[name]}`]);
    }
    if (p.allowed_goods !== undefined) {
      out.push(["allowed_goods", sql`array(select jsonb_array_elements_text(${JSON.stringify(p.allowed_goods)}::jsonb))`]);
    }
    return out;
  },
  check: (db, actor, geometry) => checkGuidancePoint(db, actor, geometry as Point),
};
