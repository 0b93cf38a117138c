import { sql, type SQL } from "drizzle-orm";
import type { MultiPolygon, Polygon } from "geojson";
import { checkZone } from "./check-zone";
import type { ZoneRule } from "./plan-input";
import type { PlanKindConfig } from "./plan-store";
import { ruleStale, ruleWithDigest } from "./rule-sources";

/** No-stall zones in the shared plan workflow. */
export const ZONES: PlanKindConfig = {
  kind: "zone",
  noun: "no-stall zone",
  extraProperties: sql`jsonb_build_object('rule_stale', ${ruleStale})`,
  // Stored as MultiPolygon with counter-clockwise outer rings (RFC 7946), whatever was drawn.
  storeGeometry: (g) => sql`ST_Multi(ST_ForcePolygonCCW(${g}))`,
  async columns(db, p) {
    const out: [string, SQL][] = [];
    if (p.name !== undefined) out.push(["name", sql`${p.name}`]);
    if (p.category !== undefined) out.push(["category", sql`${p.category}`]);
    if (p.legal_basis !== undefined) out.push(["legal_basis", sql`${p.legal_basis}`]);
    if (p.valid_from !== undefined) out.push(["valid_from", sql`${p.valid_from}::date`]);
    if (p.valid_to !== undefined) out.push(["valid_to", sql`${p.valid_to}::date`]);
    if (p.rule !== undefined) {
      const rule = p.rule === null ? null : await ruleWithDigest(db, p.rule as ZoneRule);
      out.push(["rule", sql`${rule === null ? null : JSON.stringify(rule)}::jsonb`]);
    }
    return out;
  },
  check: (db, actor, geometry, selfId) => checkZone(db, actor, geometry as Polygon | MultiPolygon, selfId),
};
